/* SPDX-License-Identifier: MIT */
/* test_output.c - titles, JSON escaping, --list, --dump, --json */
#include <config.h>

#include "fold.h"
#include "output.h"
#include "testutil.h"
#include "wrap.h"
#include "xmalloc.h"

/* Every story, with no grouping. */
static int list_all(FILE *f, const struct storylist *sl)
{
	return output_list(f, sl, NULL, 0);
}

/* JSON of every story, grouped by the printer. */
static int json_all(FILE *f, const struct storylist *sl)
{
	return output_json(f, sl, NULL, 0);
}

/* Run a printer into a string (malloc'd). */
static char *capture(int (*fn)(FILE *, const struct storylist *),
		     const struct storylist *sl)
{
	/* the stream's buffer and size live on the heap: the stream keeps
	 * their addresses, which GCC warns about when they are locals */
	struct mem { char *buf; size_t n; } *m = calloc(1, sizeof *m);
	char *buf;
	FILE *f;

	assert_non_null(m);
	f = open_memstream(&m->buf, &m->n);
	assert_non_null(f);
	assert_int_equal(fn(f, sl), 0);
	fclose(f);
	buf = m->buf;
	free(m);
	return buf;
}

/* Every control character is escaped; quotes, backslashes, invalid bytes
 * and C1 controls too; valid UTF-8 passes through. */
static void test_json_escaping(void **state)
{
	(void)state;
	for (unsigned c = 0; c < 0x20; c++) {
		struct sbuf b = { 0 };
		char in[3] = { 'a', (char)c, 'b' }, want[16];
		const char *shortform = NULL;

		switch (c) {
		case '\n': shortform = "\\n"; break;
		case '\r': shortform = "\\r"; break;
		case '\t': shortform = "\\t"; break;
		case '\b': shortform = "\\b"; break;
		case '\f': shortform = "\\f"; break;
		}
		if (shortform)
			snprintf(want, sizeof want, "\"a%sb\"", shortform);
		else
			snprintf(want, sizeof want, "\"a\\u%04xb\"", c);
		output_json_string(&b, in, 3);
		assert_string_equal(b.p, want);
		sbuf_free(&b);
	}
	struct sbuf b = { 0 };

	output_json_string(&b, "q\"b\\d\x7f" "\xC2\x9B" "\xFF" "caf\xC3\xA9", 14);
	assert_string_equal(b.p, "\"q\\\"b\\\\d\\u007f\\u009b\\ufffdcaf\xC3\xA9\"");
	sbuf_free(&b);
}

/* File names reach the terminal escaped. */
static void test_safe_name(void **state)
{
	(void)state;
	struct sbuf b = { 0 };

	output_safe_name(&b, "a\x1b]0;x\x07\n$(rm)\xFF\\z");
	assert_string_equal(b.p, "a\\x1b]0;x\\a\\n$(rm)\\xff\\\\z");
	sbuf_free(&b);
}

/* Titles: the first sentence, abbreviations kept, long ones cut to a
 * headline's length at a phrase or word boundary with an ellipsis. */
static void test_titles(void **state)
{
	(void)state;
	static const char text[] =
		"Mr. Smith went to St. Ives on Monday. He stayed.\n"
		"\f\n"
		"The U.S. economy grew by 2.5% in the year to June, the figures show! More.\n"
		"\f\n"
		"A very long opening sentence that goes on and on about the many things that happened "
		"in the town over the summer without ever stopping for breath at all.\n"
		"\f\n"
		"Image: only a caption here\n"
		"\f\n"
		"Harbour officials have warned fishing crews to stay in port as the first "
		"winter storm of the season approaches the coast.\n"
		"\f\n"
		"Halloway's, the fifth-largest supermarket chain in the country, said it would close "
		"forty stores.\n"
		"\f\n"
		"Officials confirmed that the newly reconstructed Trevithickmountainrailwaybridgeviaduct "
		"would reopen.\n";
	struct storylist sl = { 0 };

	test_parse(&sl, text, sizeof text - 1, SEG_EXPLICIT);
	assert_int_equal(sl.n, 6);
	/* headline length: cut before a clause ("as the first..."), after a
	 * comma, and at a word, never inside one nor after "the" */
	assert_string_equal(sl.stories[3].title,
			    "Harbour officials have warned fishing crews to stay in port\xE2\x80\xA6");
	assert_string_equal(sl.stories[4].title,
			    "Halloway's, the fifth-largest supermarket chain in the country\xE2\x80\xA6");
	assert_string_equal(sl.stories[5].title,
			    "Officials confirmed that the newly reconstructed\xE2\x80\xA6");
	assert_string_equal(sl.stories[0].title, "Mr. Smith went to St. Ives on Monday.");
	assert_string_equal(sl.stories[1].title,
			    "The U.S. economy grew by 2.5% in the year to June, the figures show!");
	const char *t = sl.stories[2].title;
	size_t n = strlen(t);

	assert_true(n > 3 && !strcmp(t + n - 3, "\xE2\x80\xA6"));
	assert_true(wrap_width(t, n) <= 70);
	assert_true(t[n - 4] != ' ');
	assert_int_equal(strncmp(t, "A very long opening sentence", 28), 0);
	/* the caption-only text after the last form feed joins story 3 */
	assert_int_equal(sl.stories[2].count, 2);
	storylist_free(&sl);
}

/* --list gives number, file, line range and title, tab-separated. */
static void test_list(void **state)
{
	(void)state;
	static const char text[] = "First story starts here.\nIt goes on.\n\f\nSecond one.\n";
	struct storylist sl = { 0 };

	test_parse(&sl, text, sizeof text - 1, SEG_EXPLICIT);
	char *out = capture(list_all, &sl);

	assert_string_equal(out, "1\ttest\t1-2\tFirst story starts here.\n"
				 "2\ttest\t4-4\tSecond one.\n");
	free(out);
	storylist_free(&sl);
}

/* --list numbers stories past 9 and lines past 9 (a number of several
 * digits, one with a 0 in it), and gives each story its own file's name
 * made safe: a second file after a first's twelve stories. */
static void test_list_files(void **state)
{
	(void)state;
	struct storylist sl = { 0 };
	struct sbuf t = { 0 }, want = { 0 };

	for (int i = 1; i <= 12; i++)
		sbuf_printf(&t, "%sStory %d starts here.\n", i > 1 ? "\f\n" : "", i);
	test_parse(&sl, t.p, t.n, SEG_EXPLICIT);
	test_parse(&sl, "Last one.\n", 10, SEG_EXPLICIT);
	assert_int_equal(sl.n, 13);
	free(sl.docs[0]->name);
	sl.docs[0]->name = xstrdup("a\tb");
	free(sl.docs[1]->name);
	sl.docs[1]->name = xstrdup("c\\d\x01");
	for (int i = 1; i <= 12; i++)
		sbuf_printf(&want, "%d\ta\\tb\t%d-%d\tStory %d starts here.\n", i, 2 * i - 1,
			    2 * i - 1, i);
	sbuf_adds(&want, "13\tc\\\\d\\x01\t1-1\tLast one.\n");
	char *out = capture(list_all, &sl);

	assert_string_equal(out, want.p);
	free(out);
	sbuf_free(&t);
	sbuf_free(&want);
	storylist_free(&sl);
}

/* Dump at a width: titles and paragraphs wrapped within it. */
static int dump40(FILE *f, const struct storylist *sl)
{
	return output_dump(f, sl, 12, 0, NULL, 0);
}

/* --dump wraps every line within the width and separates stories with
 * a form feed line, without a title repeating the lede. */
static void test_dump(void **state)
{
	(void)state;
	static const char text[] =
		"Rain fell on the town today.\nImage: wet streets\nThe river rose over its banks.\n\f\nNext.\n";
	struct storylist sl = { 0 };

	test_parse(&sl, text, sizeof text - 1, SEG_EXPLICIT);
	char *out = capture(dump40, &sl);

	assert_string_equal(out,
		"Rain fell on\nthe town\ntoday.\n\n"
		"The river\nrose over\nits banks.\n\n\f\n\nNext.\n");	/* the lede once */
	free(out);
	storylist_free(&sl);
}

/* --json has the schema, every non-blank line exactly once. */
static void test_json_schema(void **state)
{
	(void)state;
	static const char text[] = "A \"quoted\" lede.\n\nPic: Agency\nText \\ more.\n";
	struct storylist sl = { 0 };

	test_parse(&sl, text, sizeof text - 1, SEG_AUTO);
	char *out = capture(json_all, &sl);

	assert_non_null(strstr(out, "{\"stories\":[\n {\"file\":\"test\",\"index\":1,"
				    "\"first_line\":1,\"last_line\":4,\"title\":\"A \\\"quoted\\\" lede.\""));
	assert_non_null(strstr(out, "{\"line\":1,\"text\":\"A \\\"quoted\\\" lede.\"}"));
	/* a stripped line says why: the rule (file and line) that decided it */
	assert_non_null(strstr(out, "{\"line\":3,\"kind\":\"credit\",\"why\":\"rule "));
	assert_non_null(strstr(out, "furniture.rules:"));
	assert_non_null(strstr(out, "\",\"score\":1.00,\"text\":\"Pic: Agency\"}"));
	assert_non_null(strstr(out, "{\"line\":4,\"text\":\"Text \\\\ more.\"}"));
	free(out);
	storylist_free(&sl);
}

/* The newest version of each article only, in every printer. */
static int list_latest(FILE *f, const struct storylist *sl)
{
	struct fold fold;
	int r;

	fold_stories(&fold, sl);
	r = output_list(f, sl, &fold, 1);
	fold_free(&fold);
	return r;
}

/* JSON of the newest versions only. */
static int json_latest(FILE *f, const struct storylist *sl)
{
	return output_json(f, sl, NULL, 1);
}

/* Dump of the newest versions only. */
static int dump_latest(FILE *f, const struct storylist *sl)
{
	struct fold fold;
	int r;

	fold_stories(&fold, sl);
	r = output_dump(f, sl, 200, 0, &fold, 1);
	fold_free(&fold);
	return r;
}

/* --json gives each story its group, version and whether it changed;
 * --latest keeps the newest version of each group. */
static void test_versions(void **state)
{
	(void)state;
	static const char text[] =
		"The ferry between Carrick Point and Saltmarsh Bay will stop running for a month while its engines are replaced, the operator said on Monday.\n"
		"Passengers will be offered a replacement bus, which takes about forty minutes longer than the crossing.\n\f\n"
		"A new library has opened in Upper Brackley in the old post office building, after two years of fundraising by residents.\n\f\n"
		"The ferry between Carrick Point and Saltmarsh Bay will stop running for a month while its engines are replaced, the operator said on Monday.\n"
		"Passengers will be offered a replacement bus, which takes about forty minutes longer than the crossing.\n\f\n"
		"The ferry between Carrick Point and Saltmarsh Bay will stop running for a month while its engines are replaced, the operator said on Monday.\n"
		"Passengers will be offered a replacement bus, which takes about forty minutes longer than the crossing.\n"
		"The operator apologised to regular travellers and said season tickets would be extended.\n";
	struct storylist sl = { 0 };

	test_parse(&sl, text, sizeof text - 1, SEG_EXPLICIT);
	assert_int_equal(sl.n, 4);
	char *out = capture(json_all, &sl);

	assert_non_null(strstr(out, "\"index\":1,"));
	assert_non_null(strstr(out, "\"group\":1,\"version\":1,\"changed\":false,"));
	assert_non_null(strstr(out, "\"group\":2,\"version\":1,\"changed\":false,"));
	assert_non_null(strstr(out, "\"group\":1,\"version\":2,\"changed\":false,"));
	assert_non_null(strstr(out, "\"group\":1,\"version\":3,\"changed\":true,"));
	free(out);
	out = capture(list_latest, &sl);
	assert_string_equal(out, "2\ttest\t4-4\tA new library has opened in Upper Brackley in the old post office…\n"
				 "4\ttest\t9-11\tThe ferry between Carrick Point and Saltmarsh Bay will stop running…\n");
	free(out);
	out = capture(json_latest, &sl);
	assert_null(strstr(out, "\"version\":1,\"changed\":false,\n  \"paragraphs\":[\n   {\"line\":1,"));
	assert_non_null(strstr(out, "\"index\":2,"));
	assert_null(strstr(out, "\"index\":3,"));
	assert_non_null(strstr(out, "\"index\":4,"));
	free(out);
	out = capture(dump_latest, &sl);
	assert_non_null(strstr(out, "season tickets"));
	assert_non_null(strstr(out, "A new library"));
	/* the lede of the newest version (once: no title repeats it),
	 * nothing older */
	assert_non_null(strstr(out, "The ferry"));
	assert_null(strstr(strstr(out, "The ferry") + 1, "The ferry"));
	free(out);
	storylist_free(&sl);
}

/* Read a truth file's list "kind": [n, ...] into kinds[line]. */
static void truth_kinds(const char *json, const char *kind, int k, int *kinds, size_t max)
{
	char key[32];
	const char *p;

	snprintf(key, sizeof key, "\"%s\"", kind);
	p = strstr(strstr(json, "\"stripped\""), key);
	assert_non_null(p);
	p = strchr(p, '[');
	while (*p && *p != ']') {
		char *end;
		long v = strtol(p + 1, &end, 10);

		if (end != p + 1 && v > 0 && (size_t)v < max)
			kinds[v] = k;
		p = end != p + 1 ? end : p + 1;
	}
}

/* Every line of data/sample.txt gets the kind its truth file gives. */
static void test_sample_kinds(void **state)
{
	(void)state;
	char path[4096], *json = NULL;
	size_t n = 0;
	int kinds[1024] = { 0 };
	FILE *f;
	struct storylist sl = { 0 };
	struct rules *r = test_rules();
	char err[256];

	snprintf(path, sizeof path, "%s/sample.truth.json", getenv("TESTDATA"));
	f = fopen(path, "r");
	assert_non_null(f);
	assert_int_equal(getdelim(&json, &n, '\0', f) > 0, 1);
	fclose(f);
	truth_kinds(json, "image", LK_IMAGE, kinds, 1024);
	truth_kinds(json, "credit", LK_CREDIT, kinds, 1024);
	truth_kinds(json, "heading", LK_HEADING, kinds, 1024);
	truth_kinds(json, "chrome", LK_CHROME, kinds, 1024);
	free(json);
	snprintf(path, sizeof path, "%s/sample.txt", getenv("TNEWS_DATADIR"));
	struct doc *d = input_read(path, err, sizeof err);

	assert_non_null(d);
	parse_doc(&sl, d, r, SEG_AUTO);
	assert_true(d->nlines > 100);
	for (size_t i = 0; i < d->nlines; i++) {
		unsigned ln = doc_lineno(d, i);

		assert_true(ln < 1024);
		int got = d->lines[i].kind, want = kinds[ln];

		/* a crosshead and page chrome are both furniture that is not
		 * an image: the truth's own note lets them swap */
		if ((got == LK_HEADING && want == LK_CHROME) || (got == LK_CHROME && want == LK_HEADING))
			continue;
		if (got != want)
			fail_msg("line %u: kind %s, want %s", ln, line_kind_name(d->lines[i].kind),
				 line_kind_name(kinds[ln]));
	}
	/* every non-blank line is in exactly one story */
	size_t covered = 0;

	for (size_t s = 0; s < sl.n; s++) {
		assert_int_equal(sl.stories[s].first, covered);
		covered += sl.stories[s].count;
		assert_int_equal(story_lines(&sl.stories[s])[0].kind, LK_PARAGRAPH);
	}
	assert_int_equal(covered, d->nlines);
	storylist_free(&sl);
	rules_free(r);
}

/* The title of the one story of a one-line document. */
static char *one_title(const char *line)
{
	struct storylist sl = { 0 };
	char *t;

	test_parse(&sl, line, strlen(line), SEG_EXPLICIT);
	assert_int_equal(sl.n, 1);
	t = strdup(sl.stories[0].title);
	storylist_free(&sl);
	return t;
}

/* A long first line makes a title of at most 70 columns: wide characters
 * count two, a cut comes before a clause's first word past half the room
 * ("which"), else at the last space. */
static void test_title_cut(void **state)
{
	struct sbuf b = { 0 };
	char *t;

	(void)state;
	for (int i = 0; i < 100; i++)
		sbuf_add(&b, "\xE4\xB8\xAD", 3);	/* 中, two columns */
	sbuf_addc(&b, '\n');
	t = one_title(b.p);
	assert_int_equal(strlen(t), 34 * 3 + 3);
	assert_memory_equal(t + 34 * 3, "\xE2\x80\xA6", 3);
	free(t);
	sbuf_free(&b);
	for (int i = 0; i < 10; i++)
		sbuf_add(&b, "xxxx ", 5);
	sbuf_printf(&b, "which yyyy yyyy yyyy yyyy yyyy yyyy.\n");
	t = one_title(b.p);
	assert_int_equal(strlen(t), 49 + 3);
	assert_memory_equal(t, b.p, 49);
	free(t);
	b.p[50] = 'v';	/* "vhich" opens no clause: cut at the last space */
	t = one_title(b.p);
	assert_int_equal(strlen(t), 65 + 3);
	assert_memory_equal(t, b.p, 65);
	free(t);
	sbuf_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_json_escaping),
		cmocka_unit_test(test_safe_name),
		cmocka_unit_test(test_titles),
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_list_files),
		cmocka_unit_test(test_dump),
		cmocka_unit_test(test_json_schema),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_sample_kinds),
		cmocka_unit_test(test_title_cut),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
