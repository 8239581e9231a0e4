/* SPDX-License-Identifier: MIT */
/* test_rules.c - classifying lines with the furniture rules */
#include <config.h>

#include <ctype.h>

#include "testutil.h"
#include "phrases.h"

static struct rules *rules;

/* Load the installed rules once. */
static int setup(void **state)
{
	(void)state;
	rules = test_rules();
	return 0;
}

/* Free them. */
static int teardown(void **state)
{
	(void)state;
	rules_free(rules);
	return 0;
}

/* Classify one line on its own. */
static enum line_kind kind_of(const char *s)
{
	struct bstr b = { s, strlen(s) };

	return rules_classify_line(rules, b);
}

/* Captions and credits, with the credit on the caption's line or alone. */
static void test_images_credits(void **state)
{
	(void)state;
	assert_int_equal(kind_of("Image: Ministers meet in Brussels."), LK_IMAGE);
	assert_int_equal(kind_of("Image: A minister, seen in June. Pic: Reuters"), LK_IMAGE);
	assert_int_equal(kind_of("image: lower-case caption"), LK_IMAGE);
	assert_int_equal(kind_of("Pic: Reuters/Jane Doe/Pool"), LK_CREDIT);
	assert_int_equal(kind_of("Picture: Getty Images"), LK_CREDIT);
	assert_int_equal(kind_of("Imagine a world without rain, the minister said."), LK_PARAGRAPH);
}

/* Crossheads are short lines without final punctuation. */
static void test_headings(void **state)
{
	(void)state;
	/* the installed rules have no catch-all for short lines: crossheads
	 * are the learned model's decision (tests/test_linemodel.c), so a
	 * short unpunctuated line is text to the rules alone */
	assert_int_equal(kind_of("Defence spending"), LK_PARAGRAPH);
	assert_int_equal(kind_of("Future of the harbour scheme"), LK_PARAGRAPH);
	assert_int_equal(kind_of("He said: no."), LK_PARAGRAPH);
	assert_int_equal(kind_of("“It is over,” she said."), LK_PARAGRAPH);
}

/* Related links, player notices, durations and editors' notes. */
static void test_chrome(void **state)
{
	(void)state;
	assert_int_equal(kind_of("More on Housing"), LK_CHROME);
	assert_int_equal(kind_of("Related Topics:"), LK_CHROME);
	assert_int_equal(kind_of("Please use Chrome browser for a more accessible video player"), LK_CHROME);
	assert_int_equal(kind_of("2:50"), LK_CHROME);
	assert_int_equal(kind_of("12:05"), LK_CHROME);
	assert_int_equal(kind_of("1:02:03"), LK_CHROME);
	assert_int_equal(kind_of("She ran it in 2:05.31 to win."), LK_PARAGRAPH);
	assert_int_equal(kind_of("More on that later, the chair said, as the inquiry had found more problems with the evidence."),
			 LK_PARAGRAPH);
	assert_int_equal(kind_of("This breaking news story is being updated and more details will be published shortly."),
			 LK_CHROME);
	assert_int_equal(kind_of("To show you this content, we need your permission to use cookies."), LK_CHROME);
}

/* Context: a video's title after its duration is a heading even with a
 * question mark; the embed's name before a consent block is chrome. */
static void test_context(void **state)
{
	(void)state;
	static const char text[] =
		"The mayor opened the new bridge on Tuesday.\n"
		"Please use Chrome browser for a more accessible video player\n"
		"1:47\n"
		"Will the bridge ever pay for itself?\n"
		"Residents welcomed the opening.\n"
		"Podwell\n"
		"This content is provided by Podwell, which may be using cookies and other technologies.\n"
		"To show you this content, we need your permission to use cookies.\n"
		"The council meets again next week.\n";
	static const enum line_kind want[] = {
		LK_PARAGRAPH, LK_CHROME, LK_CHROME, LK_HEADING, LK_PARAGRAPH,
		LK_CHROME, LK_CHROME, LK_CHROME, LK_PARAGRAPH,
	};
	struct doc *d = test_doc(text, sizeof text - 1);

	rules_classify_doc(rules, d);
	assert_int_equal(d->nlines, 9);
	for (size_t i = 0; i < 9; i++) {
		if (d->lines[i].kind != want[i])
			fail_msg("line %zu: kind %s, want %s", i + 1,
				 line_kind_name(d->lines[i].kind), line_kind_name(want[i]));
	}
	doc_free(d);
}

static char reported[4][256];
static int nreported;

/* Collect reported messages. */
static void collect(const char *msg, void *arg)
{
	(void)arg;
	if (nreported < 4)
		snprintf(reported[nreported], sizeof reported[0], "%s", msg);
	nreported++;
}

/* Bad rule lines are reported with file, line and column; good ones apply. */
static void test_rule_errors(void **state)
{
	(void)state;
	static const char text[] =
		"# comment\n"
		"chrome exact \"Sponsored\"\n"
		"banner prefix \"Ad:\"\n"
		"\n"
		"image prefix \"Still:\" colour=red\n"
		"credit contains \"unterminated\n"
		"paragraph prefix \"Image: Keep\"\n"
		"heading short max-words=4\n";
	struct rules *r = rules_new();

	nreported = 0;
	assert_int_equal(rules_add_text(r, "my.rules", text, sizeof text - 1, collect, NULL), 3);
	assert_int_equal(nreported, 3);
	assert_int_equal(rules_count(r), 3);
	assert_string_equal(reported[0],
			    "my.rules:3:1: unknown kind (paragraph, heading, image, credit or chrome)");
	assert_string_equal(reported[1],
			    "my.rules:5:23: unknown option (max-words=N, embed-name or next=KIND)");
	assert_string_equal(reported[2], "my.rules:6:17: unterminated string");
	assert_int_equal(rules_classify_line(r, (struct bstr){ "Sponsored", 9 }), LK_CHROME);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "Image: Keep me", 14 }), LK_PARAGRAPH);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "Two words", 9 }), LK_HEADING);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "Five words are too many", 23 }),
			 LK_PARAGRAPH);
	rules_free(r);
}

/* max-words takes a number of up to 15 characters: fifteen digits are
 * read, sixteen are refused (not copied past the number's buffer). */
static void test_max_words_length(void **state)
{
	static const char ok[] = "heading short max-words=000000000000004\n";
	static const char bad[] = "heading short max-words=0000000000000004\n";
	struct rules *r = rules_new();

	(void)state;
	nreported = 0;
	assert_int_equal(rules_add_text(r, "ok.rules", ok, sizeof ok - 1, collect, NULL), 0);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "Four short words here", 21 }),
			 LK_HEADING);
	assert_int_equal(rules_add_text(r, "bad.rules", bad, sizeof bad - 1, collect, NULL), 1);
	assert_int_equal(nreported, 1);
	assert_string_equal(reported[0],
			    "bad.rules:1:15: max-words needs a number from 1 to 1000");
	rules_free(r);
}

/* A short rule takes a line ending like a sentence for text: '.', '!',
 * '?', ':', ';', ',' or '…', also inside closing quotes and brackets;
 * a short line ending otherwise (a word, a closing quote after a word,
 * a character whose UTF-8 is like '…' in part) is its kind. */
static void test_short_punctuation(void **state)
{
	static const char text[] = "heading short max-words=4\n";
	static const char *text_lines[] = {
		"He left.", "Stop it!", "Why now?", "As follows:", "First this;",
		"Red, green,", "And then…", "“He left.”", "(He left.)", "'Stop it!'",
		"[Why now?]", "‘And then…’", "\"He left.\")", "?", "…",
	};
	static const char *title_lines[] = {
		"He left", "Why now", "“No”", "Green (2)", "Then…x", "A ‘quote’",
		/* other characters ending in E2 80 .. or .. A6 than '…' */
		"Jane Doe†", "Golden ratio Φ", "Prices in ₦",
	};
	struct rules *r = rules_new();

	(void)state;
	assert_int_equal(rules_add_text(r, "short", text, sizeof text - 1, NULL, NULL), 0);
	for (size_t i = 0; i < sizeof text_lines / sizeof *text_lines; i++) {
		struct bstr b = { text_lines[i], strlen(text_lines[i]) };

		if (rules_classify_line(r, b) != LK_PARAGRAPH)
			fail_msg("'%s' ends like a sentence", text_lines[i]);
	}
	for (size_t i = 0; i < sizeof title_lines / sizeof *title_lines; i++) {
		struct bstr b = { title_lines[i], strlen(title_lines[i]) };

		if (rules_classify_line(r, b) != LK_HEADING)
			fail_msg("'%s' ends like a title", title_lines[i]);
	}
	rules_free(r);
}

/* Shapes: # digits, ? any byte, * any run. */
static void test_shapes(void **state)
{
	(void)state;
	static const char text[] = "chrome shape \"Page # of *\"\ncredit shape \"(?)\"\n";
	struct rules *r = rules_new();

	assert_int_equal(rules_add_text(r, "s", text, sizeof text - 1, NULL, NULL), 0);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "Page 3 of 12", 12 }), LK_CHROME);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "Page 3 of ", 10 }), LK_CHROME);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "Page x of 12", 12 }), LK_PARAGRAPH);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "(a)", 3 }), LK_CREDIT);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "(ab)", 4 }), LK_PARAGRAPH);
	rules_free(r);
}

/* A step of a small linear congruential generator. */
static unsigned next_rand(unsigned *x)
{
	*x = *x * 1103515245u + 12345u;
	return *x >> 16;
}

/* Whether hay (n bytes) contains needle (m bytes), ASCII case aside,
 * the plain way. */
static int plain_contains(const char *hay, size_t n, const char *needle, size_t m)
{
	for (size_t i = 0; i + m <= n; i++) {
		size_t k = 0;

		while (k < m && tolower((unsigned char)hay[i + k]) == tolower((unsigned char)needle[k]))
			k++;
		if (k == m)
			return 1;
	}
	return 0;
}

/* The phrase automaton finds what a plain search finds, on random sets
 * of short phrases over a few letters (so they overlap, nest, repeat and
 * are suffixes of each other) in random texts of both cases. */
static void test_phrases_random(void **state)
{
	(void)state;
	static const char letters[] = "abBcA ";
	unsigned x = 7;

	for (int round = 0; round < 300; round++) {
		char ph[12][6], text[48];
		const char *s[12];
		size_t lens[12], n = 1 + next_rand(&x) % 12, tn = next_rand(&x) % sizeof text;

		for (size_t i = 0; i < n; i++) {
			lens[i] = 1 + next_rand(&x) % 5;
			for (size_t k = 0; k < lens[i]; k++)
				ph[i][k] = letters[next_rand(&x) % 4];
			s[i] = ph[i];
		}
		for (size_t k = 0; k < tn; k++)
			text[k] = letters[next_rand(&x) % 6];
		struct phrases *p = phrases_build(s, lens, n);
		uint64_t found[1] = { ~(uint64_t)0 };

		assert_non_null(p);
		assert_int_equal(phrases_words(p), 1);
		phrases_scan(p, text, tn, found);
		for (size_t i = 0; i < n; i++)
			assert_int_equal(found[0] >> i & 1, plain_contains(text, tn, s[i], lens[i]));
		assert_int_equal(found[0] >> n, 0);
		phrases_free(p);
	}
}

/* Contains rules: every string must be there, in either case; more rules
 * than a found set on the stack holds still decide, and the first
 * matching rule wins. */
static void test_contains_many(void **state)
{
	(void)state;
	struct sbuf text = { 0 };
	struct rules *r = rules_new();

	sbuf_printf(&text, "image contains \"accept\" \"cookies\"\n");
	for (int i = 0; i < 700; i++)
		sbuf_printf(&text, "%s contains \"code%03dx\"\n", i % 2 ? "credit" : "chrome", i);
	sbuf_printf(&text, "heading contains \"cookies\"\n");
	assert_int_equal(rules_add_text(r, "m", text.p, text.n, NULL, NULL), 0);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "We ACCEPT Cookies", 17 }), LK_IMAGE);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "Cookies, we accept", 18 }), LK_IMAGE);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "no cookies here", 15 }), LK_HEADING);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "accept cookie", 13 }), LK_PARAGRAPH);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "see CODE699X now", 16 }), LK_CREDIT);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "see code698x", 12 }), LK_CHROME);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "see code69x", 11 }), LK_PARAGRAPH);
	sbuf_free(&text);
	rules_free(r);
}

/* The first rule matching wins whichever rules a line's first byte
 * leaves to try: past the 64 sorted by first byte, for an empty line,
 * and in either case. */
static void test_rule_order(void **state)
{
	(void)state;
	struct sbuf text = { 0 };
	struct rules *r = rules_new();

	sbuf_printf(&text, "chrome prefix \"Zed\"\nheading short max-words=1\n");
	for (int i = 0; i < 70; i++)
		sbuf_printf(&text, "credit exact \"filler %02d\"\n", i);
	sbuf_printf(&text, "heading prefix \"zed\" \"yak\"\nimage contains \"yak\"\n"
		    "credit exact \"Word word\"\nimage shape \"*\"\n");
	assert_int_equal(rules_add_text(r, "o", text.p, text.n, NULL, NULL), 0);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "ZED two", 7 }), LK_CHROME);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "", 0 }), LK_HEADING);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "yAk two", 7 }), LK_HEADING);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "two yak", 7 }), LK_IMAGE);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "FILLER 69", 9 }), LK_CREDIT);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "word WORD", 9 }), LK_CREDIT);
	assert_int_equal(rules_classify_line(r, (struct bstr){ "word two.", 9 }), LK_IMAGE);
	sbuf_free(&text);
	rules_free(r);
}

/* A document's lines are classified with the rules' count of words, in
 * which a tab does not separate words (the line model's count, where it
 * does, is made on the way). */
static void test_words_tabs(void **state)
{
	(void)state;
	static const char rules_text[] = "chrome prefix \"Share\" max-words=2\n";
	static const char text[] = "Share this page\nShare it\nShare this page\n";
	struct rules *r = rules_new();
	struct doc *d = test_doc(text, sizeof text - 1);

	assert_int_equal(rules_add_text(r, "t", rules_text, sizeof rules_text - 1, NULL, NULL), 0);
	rules_set_model(r, linemodel_new());
	rules_classify_doc(r, d);
	assert_int_equal(d->lines[0].kind, LK_PARAGRAPH);
	assert_int_equal(d->lines[1].kind, LK_CHROME);
	assert_int_equal(d->lines[2].kind, LK_PARAGRAPH);
	for (size_t i = 0; i < d->len; i++)	/* the third line's spaces as tabs */
		if (i >= d->lines[2].off && d->text[i] == ' ')
			d->text[i] = '\t';
	rules_classify_doc(r, d);
	assert_int_equal(d->lines[0].kind, LK_PARAGRAPH);
	assert_int_equal(d->lines[1].kind, LK_CHROME);
	assert_int_equal(d->lines[2].kind, LK_CHROME);
	doc_free(d);
	rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_images_credits),
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_chrome),
		cmocka_unit_test(test_context),
		cmocka_unit_test(test_rule_errors),
		cmocka_unit_test(test_max_words_length),
		cmocka_unit_test(test_shapes),
		cmocka_unit_test(test_short_punctuation),
		cmocka_unit_test(test_phrases_random),
		cmocka_unit_test(test_contains_many),
		cmocka_unit_test(test_rule_order),
		cmocka_unit_test(test_words_tabs),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
