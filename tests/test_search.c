/* SPDX-License-Identifier: MIT */
/* test_search.c - the matcher: folding, smart case, finding across stories */
#include <config.h>

#include "search.h"
#include "testutil.h"

/* Assert that text folds (case folded) to want. */
static void folds_to(const char *text, const char *want)
{
	size_t n;
	char *f = search_fold(text, strlen(text), 1, &n);

	assert_string_equal(f, want);
	assert_int_equal(n, strlen(want));
	free(f);
}

/* Accents, case, typographic quotes, dashes, ellipses and spaces. */
static void test_folding(void **state)
{
	(void)state;
	folds_to("Café", "cafe");
	folds_to("ZELENSKYY", "zelenskyy");
	folds_to("Trump’s", "trump's");
	folds_to("‘quoted’ and “double”", "'quoted' and \"double\"");
	folds_to("a – b — c - d", "a - b - c - d");
	folds_to("wait…", "wait...");
	folds_to("a  \t\xC2\xA0 b", "a b");
	folds_to("Straße", "strasse");
	folds_to("\xEF\xAC\x81nal", "final");		/* ﬁ ligature */
	folds_to("Ångström naïve Zoë", "angstrom naive zoe");
	folds_to("soft\xC2\xADhyphen zero\xE2\x80\x8Bwidth", "softhyphen zerowidth");
	folds_to("星村", "星村");
	size_t n;
	char *f = search_fold("Café Trump’s", strlen("Café Trump’s"), 0, &n);

	assert_string_equal(f, "Cafe Trump's");
	free(f);
}

static const char three[] =
	"Trump’s plan was announced at the café today.\n"
	"Image: Trump’s café in Zelenskyy’s town\n"
	"The plan must end, “must end” now, said aaaa.\n"
	"\f\n"
	"A second story says trump's rivals met at a cafe.\n"
	"It ends with abab.\n"
	"\f\n"
	"ab begins the third story, with TRUMP’S name.\n";

/* A parsed three-story list and its search. */
static struct search *setup3(struct storylist *sl)
{
	test_parse(sl, three, sizeof three - 1, SEG_EXPLICIT);
	assert_int_equal(sl->n, 3);
	return search_new(sl);
}

/* Count every match of q; also returns stories through *stories. */
static size_t count(struct search *s, const char *q, size_t *stories)
{
	struct search_count c;

	search_set_query(s, q, strlen(q));
	do
		c = search_count_step(s, 7);	/* tiny steps cross boundaries */
	while (!c.complete);
	if (stories)
		*stories = c.stories;
	return c.matches;
}

/* Lower-case queries ignore case, accents and quote styles. */
static void test_counts(void **state)
{
	(void)state;
	struct storylist sl = { 0 };
	struct search *s = setup3(&sl);
	size_t st;

	assert_int_equal(count(s, "trump's", &st), 3);
	assert_int_equal(st, 3);
	assert_int_equal(count(s, "cafe", &st), 2);	/* caption hidden */
	assert_int_equal(count(s, "\"must end\"", &st), 1);
	assert_int_equal(count(s, "zelenskyy", &st), 0);
	search_set_stripped(s, 1);
	assert_int_equal(count(s, "zelenskyy", &st), 1);
	assert_int_equal(count(s, "cafe", &st), 3);
	search_set_stripped(s, 0);
	/* overlapping and adjacent matches */
	assert_int_equal(count(s, "aa", &st), 3);
	assert_int_equal(count(s, "ab", &st), 3);	/* abab + "ab begins" */
	assert_int_equal(count(s, "xyzzy", &st), 0);
	assert_int_equal(st, 0);
	search_free(s);
	storylist_free(&sl);
}

/* An upper-case letter makes the search match case. */
static void test_smart_case(void **state)
{
	(void)state;
	struct storylist sl = { 0 };
	struct search *s = setup3(&sl);

	assert_int_equal(count(s, "Trump's", NULL), 1);
	assert_true(search_case_sensitive(s));
	assert_int_equal(count(s, "TRUMP", NULL), 1);
	assert_int_equal(count(s, "trump", NULL), 3);
	assert_false(search_case_sensitive(s));
	search_free(s);
	storylist_free(&sl);
}

/* Counting with case takes each kind of line its own way: plain ASCII
 * lines in their text, lines whose folds line up (quotes, dashes) in the
 * case-kept fold, others (a capital sharp s folds to two letters with
 * case, to itself without) character by character; every way counts
 * the matches the finder finds. */
static void test_case_count_paths(void **state)
{
	static const char text[] =
		"The theme of the day: The THE the The, as the paper said it.\n"
		"\xE2\x80\x9CThe\xE2\x80\x9D \xE2\x80\x94 said The man, not the The\xE2\x80\x94" "ever again, he said.\n"
		"\xE1\xBA\x9Etra\xC3\x9F The \xE1\xBA\x9E was The word of the whole day here.\n";
	static const struct { const char *q; size_t want; } cases[] = {
		{ "The", 8 }, { "The\xE2\x80\x9D", 1 }, { "\xE1\xBA\x9Etra", 1 },
		{ "SStra", 0 }, { "THE", 1 }, { "T", 9 }, { "The man", 1 },
	};
	struct storylist sl = { 0 };
	struct search *s;

	(void)state;
	test_parse(&sl, text, sizeof text - 1, SEG_EXPLICIT);
	for (size_t i = 0; i < 3; i++)
		assert_int_equal(sl.docs[0]->lines[i].kind, LK_PARAGRAPH);
	s = search_new(&sl);
	for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
		size_t n = count(s, cases[i].q, NULL), found = 0;
		struct search_pos from = { 0, 0, 0 };
		struct search_hit hit;
		int wrapped = 0;

		assert_true(search_case_sensitive(s));
		assert_int_equal(n, cases[i].want);
		/* the finder, hit after hit, agrees */
		while (search_find(s, &from, 1, &hit, &wrapped) && !wrapped) {
			found++;
			from.story = hit.story;
			from.line = hit.line;
			from.off = hit.start + 1;
		}
		assert_int_equal(found, n);
	}
	search_free(s);
	storylist_free(&sl);
}

/* Growing a query narrows the previous matches and gives what a fresh
 * search gives. */
static void test_narrowing(void **state)
{
	(void)state;
	struct storylist sl = { 0 };
	struct search *s = setup3(&sl);
	const char *steps[] = { "t", "tr", "tru", "trum", "trump", "trump'", "trump's" };
	size_t fresh[7];

	for (size_t i = 0; i < 7; i++) {
		struct search *f = search_new(&sl);

		fresh[i] = count(f, steps[i], NULL);
		search_free(f);
	}
	for (size_t i = 0; i < 7; i++)
		assert_int_equal(count(s, steps[i], NULL), fresh[i]);
	assert_int_equal(fresh[6], 3);
	search_free(s);
	storylist_free(&sl);
}

/* n and N walk matches across stories, wrapping once. */
static void test_find(void **state)
{
	(void)state;
	struct storylist sl = { 0 };
	struct search *s = setup3(&sl);
	struct search_pos from = { 0, 0, 0 };
	struct search_hit h;
	int wrapped;

	for (int counted = 0; counted < 2; counted++) {
		search_set_query(s, "trump’s", strlen("trump’s"));
		if (counted)
			count(s, "trump’s", NULL);
		from = (struct search_pos){ 0, 0, 0 };
		assert_true(search_find(s, &from, 1, &h, &wrapped));
		assert_int_equal(h.story, 0);
		assert_int_equal(h.line, 0);
		assert_int_equal(h.start, 0);
		assert_int_equal(h.end, strlen("Trump’s"));
		assert_false(wrapped);
		if (counted)
			assert_int_equal(search_ordinal(s, &h), 1);
		from = (struct search_pos){ h.story, h.line, h.start + 1 };
		assert_true(search_find(s, &from, 1, &h, &wrapped));
		assert_int_equal(h.story, 1);
		assert_int_equal(h.line, 0);
		assert_int_equal(h.start, strlen("A second story says "));
		from = (struct search_pos){ h.story, h.line, h.start + 1 };
		assert_true(search_find(s, &from, 1, &h, &wrapped));
		assert_int_equal(h.story, 2);
		from = (struct search_pos){ h.story, h.line, h.start + 1 };
		assert_true(search_find(s, &from, 1, &h, &wrapped));
		assert_true(wrapped);
		assert_int_equal(h.story, 0);
		/* backwards from the start wraps to the last */
		from = (struct search_pos){ 0, 0, 0 };
		assert_true(search_find(s, &from, -1, &h, &wrapped));
		assert_true(wrapped);
		assert_int_equal(h.story, 2);
		from = (struct search_pos){ h.story, h.line, h.start };
		assert_true(search_find(s, &from, -1, &h, &wrapped));
		assert_false(wrapped);
		assert_int_equal(h.story, 1);
	}
	search_set_query(s, "nowhere", 7);
	assert_false(search_find(s, &from, 1, &h, &wrapped));
	search_free(s);
	storylist_free(&sl);
}

/* Matches at the very end of one story and start of the next. */
static void test_story_edges(void **state)
{
	(void)state;
	struct storylist sl = { 0 };
	struct search *s = setup3(&sl);
	struct search_pos from = { 1, 1, 0 };
	struct search_hit h;
	int wrapped;

	search_set_query(s, "ab", 2);
	assert_true(search_find(s, &from, 1, &h, &wrapped));
	assert_int_equal(h.story, 1);
	assert_int_equal(h.start, strlen("It ends with "));
	assert_int_equal(h.end, strlen("It ends with ab"));
	from.off = h.start + 1;
	assert_true(search_find(s, &from, 1, &h, &wrapped));
	assert_int_equal(h.end, strlen("It ends with abab"));
	from.off = h.start + 1;
	assert_true(search_find(s, &from, 1, &h, &wrapped));
	assert_int_equal(h.story, 2);
	assert_int_equal(h.start, 0);
	/* no match spans two lines */
	search_set_query(s, "abab ab", 7);
	assert_int_equal(count(s, "abab ab", NULL), 0);
	search_free(s);
	storylist_free(&sl);
}

/* Highlights map folded matches back to the original bytes, also next to
 * invalid UTF-8 and with a match inside a multi-byte character's folding. */
static void test_line_hits(void **state)
{
	(void)state;
	static const char text[] = "x\xFF" "Caf\xC3\xA9\xFF and caf\xC3\xA9 wait\xE2\x80\xA6 done.\n";
	struct storylist sl = { 0 };
	size_t r[8][2];

	test_parse(&sl, text, sizeof text - 1, SEG_NONE);
	struct search *s = search_new(&sl);
	const char *line = sl.docs[0]->text + sl.docs[0]->lines[0].off;

	search_set_query(s, "cafe", 4);
	assert_int_equal(search_line_hits(s, 0, 0, r, 8), 2);
	assert_int_equal(r[0][0], 4);		/* after x and U+FFFD */
	assert_int_equal(r[0][1], 9);		/* "Café" is 5 bytes */
	assert_memory_equal(line + r[1][0], "caf\xC3\xA9", 5);
	assert_int_equal(r[1][1] - r[1][0], 5);
	search_set_query(s, "..", 2);		/* inside the ellipsis */
	assert_int_equal(search_line_hits(s, 0, 0, r, 8), 2);
	assert_memory_equal(line + r[0][0], "\xE2\x80\xA6", 3);
	assert_int_equal(r[0][1] - r[0][0], 3);
	search_free(s);
	storylist_free(&sl);
}

/* The filter keeps stories that contain every word. */
static void test_filter(void **state)
{
	(void)state;
	struct storylist sl = { 0 };
	struct search *s = setup3(&sl);
	unsigned char keep[3];

	assert_int_equal(search_filter(s, "trump cafe", 10, keep), 2);
	assert_true(keep[0] && keep[1] && !keep[2]);
	assert_int_equal(search_filter(s, "TRUMP’S third", strlen("TRUMP’S third"), keep), 1);
	assert_true(keep[2]);
	assert_int_equal(search_filter(s, "", 0, keep), 3);
	assert_int_equal(search_filter(s, "zelenskyy", 9, keep), 0);
	search_free(s);
	storylist_free(&sl);
}

/* An index built in small steps finds what one built at once finds. */
static void test_stepwise_index(void **state)
{
	(void)state;
	struct storylist sl = { 0 };
	struct search *whole = setup3(&sl), *steps = search_begin(&sl);
	int n = 0;

	assert_false(search_built(steps));
	while (!search_build_step(steps, 5))
		n++;
	assert_true(n > 3);
	assert_true(search_built(steps));
	search_set_stripped(whole, 1);
	search_set_stripped(steps, 1);
	const char *q[] = { "trump's", "cafe", "ab", "zelenskyy", "\"must end\"" };

	for (size_t i = 0; i < 5; i++) {
		size_t s1, s2;

		assert_int_equal(count(steps, q[i], &s2), count(whole, q[i], &s1));
		assert_int_equal(s1, s2);
	}
	search_free(whole);
	search_free(steps);
	storylist_free(&sl);
}

/* Count q and walk it with the finder; assert both give want. */
static void count_and_walk(struct search *s, const char *q, size_t want)
{
	struct search_pos from = { 0, 0, 0 };
	struct search_hit hit;
	size_t found = 0;
	int wrapped = 0;

	search_set_query(s, q, strlen(q));
	while (search_find(s, &from, 1, &hit, &wrapped) && !wrapped) {
		found++;
		from = (struct search_pos){ hit.story, hit.line, hit.start + 1 };
	}
	assert_int_equal(found, want);
	assert_int_equal(count(s, q, NULL), want);
}

/* Lines are folded as they are searched, a long one in blocks: matches
 * across the blocks' seams, on a plain (ASCII) line longer than a run
 * searched at once and on one that is not plain, are all found, once;
 * highlights deep in a long line are those of the whole line. */
static void test_long_lines(void **state)
{
	static const char cafe[] = "Caf\xC3\xA9 na\xC3\xAFve ", word[] = "plain Word ";
	const size_t ncafe = 6000, nword = 9000, u = sizeof cafe - 1;
	struct sbuf b = { 0 };
	struct storylist sl = { 0 };
	struct search *s;
	size_t r[64][2], n, want = 0;

	(void)state;
	for (size_t i = 0; i < ncafe; i++)
		sbuf_adds(&b, cafe);
	sbuf_adds(&b, "end\n\nshort line\n");
	for (size_t i = 0; i < nword; i++)
		sbuf_adds(&b, word);
	sbuf_adds(&b, "end\n");
	test_parse(&sl, b.p, b.n, SEG_NONE);
	s = search_new(&sl);
	search_set_stripped(s, 1);
	assert_int_equal(count(s, "cafe", NULL), ncafe);
	assert_int_equal(count(s, "naive cafe", NULL), ncafe - 1);
	assert_int_equal(count(s, "Caf\xC3\xA9 na", NULL), ncafe);	/* with case */
	assert_int_equal(count(s, "CAFE", NULL), 0);
	assert_int_equal(count(s, "word plain", NULL), nword - 1);
	assert_int_equal(count(s, "Word plain", NULL), nword - 1);	/* with case */
	assert_int_equal(count(s, "word Plain", NULL), 0);
	assert_int_equal(count(s, "end short", NULL), 0);	/* not across lines */
	count_and_walk(s, "d p", nword - 1);
	count_and_walk(s, "ve c", ncafe - 1);
	/* highlights of bytes [50000, 50100) of the first line */
	search_set_query(s, "cafe", 4);
	n = search_range_hits(s, 0, 0, 50000, 50100, r, 64);
	for (size_t k = 0; k < ncafe; k++)
		want += k * u + 5 > 50000 && k * u < 50100;
	assert_int_equal(n, want);
	assert_int_equal(r[0][0] % u, 0);
	assert_int_equal(r[0][1] - r[0][0], 5);
	assert_true(r[0][1] > 50000 && r[n - 1][0] < 50100);
	search_free(s);
	storylist_free(&sl);
	sbuf_free(&b);
}

/* Non-ASCII lines fold as queries do: combining marks dropped, case
 * folded beyond ASCII, runs of no-break spaces one space; a highlight
 * covers the characters matched. */
static void test_unicode_lines(void **state)
{
	static const char text[] =
		"Cafe\xCC\x81 and e\xCC\x81te\xCC\x81 in the \xCE\xA3\xCE\x8A\xCE\xA3\xCE\xA5\xCE\xA6\xCE\x9F\xCE\xA3 story.\n"
		"\xCF\x83\xCE\xAF\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x82 a\xC2\xA0\xC2\xA0" "b STRASSE Stra\xC3\x9F" "e.\n";
	struct storylist sl = { 0 };
	struct search *s;
	size_t r[8][2];
	const char *line;

	(void)state;
	test_parse(&sl, text, sizeof text - 1, SEG_NONE);
	s = search_new(&sl);
	search_set_stripped(s, 1);
	count_and_walk(s, "cafe", 1);
	count_and_walk(s, "ete", 1);
	count_and_walk(s, "Cafe", 1);			/* with case */
	count_and_walk(s, "\xCF\x83\xCE\xB9\xCF\x83\xCF\x85\xCF\x86\xCE\xBF\xCF\x83", 2);
	count_and_walk(s, "a b", 1);
	count_and_walk(s, "strasse", 2);
	count_and_walk(s, "STRASSE", 1);
	line = sl.docs[0]->text + sl.docs[0]->lines[0].off;
	search_set_query(s, "ete", 3);
	assert_int_equal(search_line_hits(s, 0, 0, r, 8), 1);
	assert_memory_equal(line + r[0][0], "e\xCC\x81te", 5);
	assert_int_equal(r[0][1] - r[0][0], 5);
	search_free(s);
	storylist_free(&sl);
}

/* Which lines are searched as plain ASCII (only lower-cased) is decided
 * eight bytes at a time: a run of white space or an accented letter at
 * any place of a line still folds as the query does. */
static void test_plain_lines(void **state)
{
	static const char *const gaps[] = { "  ", "\t ", " \t", "\xC3\xA9" };
	struct sbuf b = { 0 };
	struct storylist sl = { 0 };
	struct search *s;
	const size_t most = 20;

	(void)state;
	for (size_t g = 0; g < 4; g++)
		for (size_t k = 0; k < most; k++) {
			for (size_t i = 0; i < k; i++)
				sbuf_addc(&b, 'w');
			sbuf_adds(&b, g < 3 ? "x" : "");
			sbuf_adds(&b, gaps[g]);
			sbuf_adds(&b, "y and then some more words\n");
		}
	sbuf_adds(&b, "\tx y at the start after a tab\n");
	test_parse(&sl, b.p, b.n, SEG_NONE);
	s = search_new(&sl);
	search_set_stripped(s, 1);
	assert_int_equal(count(s, "x y", NULL), 3 * most + 1);
	assert_int_equal(count(s, "wey", NULL), most - 1);
	assert_int_equal(count(s, "X y", NULL), 0);
	search_free(s);
	storylist_free(&sl);
	sbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_folding),
		cmocka_unit_test(test_counts),
		cmocka_unit_test(test_smart_case),
		cmocka_unit_test(test_case_count_paths),
		cmocka_unit_test(test_narrowing),
		cmocka_unit_test(test_find),
		cmocka_unit_test(test_story_edges),
		cmocka_unit_test(test_line_hits),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_stepwise_index),
		cmocka_unit_test(test_long_lines),
		cmocka_unit_test(test_unicode_lines),
		cmocka_unit_test(test_plain_lines),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
