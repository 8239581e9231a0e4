/* test_segment.c - finding where stories start */
#include <config.h>

#include "testutil.h"
#include "segment.h"

/* The first physical line of every story in sl, in *n. */
static uint32_t *starts_of(const struct storylist *sl, size_t *n)
{
	uint32_t *v = calloc(sl->n + 1, sizeof *v);

	assert_non_null(v);
	for (size_t i = 0; i < sl->n; i++)
		v[i] = story_first_line(&sl->stories[i]);
	*n = sl->n;
	return v;
}

/* Assert that parsing a file of tests/data in mode gives exactly the starts
 * want (n of them). */
static void check_file(const char *name, enum seg_mode mode, const uint32_t *want,
		       size_t nwant)
{
	struct storylist sl = { 0 };
	size_t n;
	uint32_t *got;

	test_parse_file(&sl, name, mode);
	got = starts_of(&sl, &n);
	for (size_t i = 0; i < n || i < nwant; i++)
		print_message("%s: story %zu: got %u want %u\n", name, i,
			      i < n ? got[i] : 0, i < nwant ? want[i] : 0);
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
	free(got);
	storylist_free(&sl);
}

/* Whether a story of sl starts at physical line l. */
static int starts_at(const struct storylist *sl, uint32_t l)
{
	for (size_t i = 0; i < sl->n; i++)
		if (story_first_line(&sl->stories[i]) == l)
			return 1;
	return 0;
}

/* A story led by a named person, whose later paragraphs all open with a
 * pronoun, connective or Mr Surname, stays one story. */
static void test_pronoun_fixture(void **state)
{
	static const uint32_t want[] = { 1, 7 };

	(void)state;
	check_file("seg_pronoun.txt", SEG_AUTO, want, 2);
}

/* A pronoun-led paragraph does not start a story. */
static void test_pronoun_line(void **state)
{
	struct storylist sl = { 0 };

	(void)state;
	test_parse_file(&sl, "seg_pronoun.txt", SEG_AUTO);
	assert_false(starts_at(&sl, 8));	/* He had stopped... */
	assert_false(starts_at(&sl, 11));	/* She told reporters... */
	assert_false(starts_at(&sl, 15));	/* They remanded him... */
	assert_false(starts_at(&sl, 10));	/* But his wife... */
	storylist_free(&sl);
}

/* A short story between two long ones on a related subject is found. */
static void test_short_between(void **state)
{
	static const uint32_t want[] = { 1, 14, 18 };

	(void)state;
	check_file("seg_short_between.txt", SEG_AUTO, want, 3);
}

/* Crossheads change the sub-topic but do not start a story. */
static void test_crosshead(void **state)
{
	static const uint32_t want[] = { 1 };

	(void)state;
	check_file("seg_crosshead.txt", SEG_AUTO, want, 1);
}

/* Form feeds separate stories, in auto and explicit modes. */
static void test_formfeed(void **state)
{
	static const uint32_t want[] = { 1, 6, 11 };

	(void)state;
	check_file("seg_formfeed.txt", SEG_AUTO, want, 3);
	check_file("seg_formfeed.txt", SEG_EXPLICIT, want, 3);
}

/* Runs of blank lines separate stories when single blanks separate
 * paragraphs. */
static void test_blanklines(void **state)
{
	static const uint32_t want[] = { 1, 10, 22 };

	(void)state;
	check_file("seg_blanklines.txt", SEG_AUTO, want, 3);
	check_file("seg_blanklines.txt", SEG_EXPLICIT, want, 3);
}

/* The bundled sample, one paragraph a line with furniture. */
static void test_sample(void **state)
{
	static const uint32_t want[] = { 1, 23, 33, 81, 86, 106, 120, 134, 154, 160 };
	const char *dir = getenv("TNEWS_DATADIR");
	char path[4096], err[256];
	struct storylist sl = { 0 };
	struct rules *r = test_rules();
	struct doc *d;
	size_t n;
	uint32_t *got;

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/sample.txt", dir);
	d = input_read(path, err, sizeof err);
	if (!d)
		fail_msg("%s: %s", path, err);
	parse_doc(&sl, d, r, SEG_AUTO);
	rules_free(r);
	got = starts_of(&sl, &n);
	for (size_t i = 0; i < n; i++)
		print_message("sample: story %zu at %u\n", i, got[i]);
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
	free(got);
	storylist_free(&sl);
}

/* Explicit mode does not look at the text: a stream without form feeds
 * or blank lines is one story; mode none gives one story per file even
 * with form feeds. */
static void test_modes(void **state)
{
	static const uint32_t one[] = { 1 };

	(void)state;
	check_file("seg_pronoun.txt", SEG_EXPLICIT, one, 1);
	check_file("seg_short_between.txt", SEG_EXPLICIT, one, 1);
	check_file("seg_formfeed.txt", SEG_NONE, one, 1);
	check_file("seg_blanklines.txt", SEG_NONE, one, 1);
}

/* Mode names go both ways. */
static void test_mode_names(void **state)
{
	(void)state;
	for (int m = 0; m < SEG_NMODES; m++)
		assert_int_equal(segment_mode_parse(segment_mode_name(m)), m);
	assert_int_equal(segment_mode_parse("auto"), SEG_AUTO);
	assert_int_equal(segment_mode_parse("explicit"), SEG_EXPLICIT);
	assert_int_equal(segment_mode_parse("none"), SEG_NONE);
	assert_int_equal(segment_mode_parse("bogus"), -1);
}

/* Every start is a paragraph, the first at line 0, in order; starts found
 * from the text say so. */
static void check_invariants(const struct doc *d, const struct seg_start *s, size_t n)
{
	assert_true(n >= 1);
	assert_int_equal(s[0].line, 0);
	for (size_t i = 1; i < n; i++) {
		assert_true(s[i].line > s[i - 1].line);
		assert_true(s[i].line < d->nlines);
		assert_int_equal(d->lines[s[i].line].kind, LK_PARAGRAPH);
		assert_non_null(s[i].why);
	}
}

/* Segment a string classified with the installed rules. */
static size_t segment_string(const char *text, enum seg_mode mode, struct doc **dp,
			     struct seg_start **out)
{
	struct rules *r = test_rules();
	struct doc *d = test_doc(text, strlen(text));
	size_t n;

	rules_classify_doc(r, d);
	rules_free(r);
	n = segment_doc(d, mode, out);
	*dp = d;
	return n;
}

/* An empty document has no stories; a one-line document has one. */
static void test_empty_and_one(void **state)
{
	struct seg_start *s = NULL;
	struct doc *d;
	size_t n;

	(void)state;
	n = segment_string("", SEG_AUTO, &d, &s);
	assert_int_equal(n, 0);
	free(s);
	doc_free(d);
	n = segment_string("\n\n\n", SEG_AUTO, &d, &s);
	assert_int_equal(n, 0);
	free(s);
	doc_free(d);
	n = segment_string("A single paragraph has been written, officials have said.",
			   SEG_AUTO, &d, &s);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].line, 0);
	free(s);
	doc_free(d);
}

/* A document of stripped lines only is one story. */
static void test_all_stripped(void **state)
{
	struct seg_start *s = NULL;
	struct doc *d;
	size_t n;

	(void)state;
	n = segment_string("Related Topics:\nPic: Reuters\nRelated Topics:\n"
			   "Image: A man in a field.\nPic: Getty Images\n", SEG_AUTO, &d, &s);
	for (size_t i = 0; i < d->nlines; i++)
		assert_int_not_equal(d->lines[i].kind, LK_PARAGRAPH);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].line, 0);
	free(s);
	doc_free(d);
}

/* Ten thousand copies of one sentence: no crash, valid starts, and not a
 * story per line. */
static void test_repeated_sentence(void **state)
{
	static const char line[] = "The council has approved a plan for the new bridge.\n";
	size_t len = strlen(line), total = 10000 * len;
	char *text = malloc(total + 1);
	struct seg_start *s = NULL;
	struct doc *d;
	size_t n;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < 10000; i++)
		memcpy(text + i * len, line, len);
	text[total] = '\0';
	n = segment_string(text, SEG_AUTO, &d, &s);
	assert_int_equal(d->nlines, 10000);
	check_invariants(d, s, n);
	assert_true(n < 1000);
	free(s);
	doc_free(d);
	free(text);
}

/* Starts found from the text are paragraphs, never stripped lines, and
 * are marked as found from the text. */
static void test_starts_are_paragraphs(void **state)
{
	struct seg_start *s = NULL;
	struct doc *d;
	struct rules *r = test_rules();
	const char *dir = getenv("TESTDATA");
	char path[4096], err[256];
	size_t n;

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/seg_short_between.txt", dir);
	d = input_read(path, err, sizeof err);
	assert_non_null(d);
	rules_classify_doc(r, d);
	rules_free(r);
	n = segment_doc(d, SEG_AUTO, &s);
	check_invariants(d, s, n);
	assert_true(n > 1);
	for (size_t i = 1; i < n; i++)
		assert_string_equal(s[i].why, "text");
	free(s);
	doc_free(d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pronoun_fixture),
		cmocka_unit_test(test_pronoun_line),
		cmocka_unit_test(test_short_between),
		cmocka_unit_test(test_crosshead),
		cmocka_unit_test(test_formfeed),
		cmocka_unit_test(test_blanklines),
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_mode_names),
		cmocka_unit_test(test_empty_and_one),
		cmocka_unit_test(test_all_stripped),
		cmocka_unit_test(test_repeated_sentence),
		cmocka_unit_test(test_starts_are_paragraphs),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
