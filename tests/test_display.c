/* SPDX-License-Identifier: MIT */
/* test_display.c - the display form of text: what the reader shows for
 * each character, in a UTF-8 locale and in the C locale, and the map
 * from source bytes to display bytes */
#include <config.h>

#include <locale.h>

#include "testutil.h"
#include "display.h"

/* MARKER as UTF-8. */
#define MARK "\xEF\xA3\xB0"
/* U+25CC DOTTED CIRCLE as UTF-8. */
#define CIRCLE "\xE2\x97\x8C"
/* U+0301 COMBINING ACUTE ACCENT as UTF-8. */
#define ACUTE "\xCC\x81"

/* The display form of s (NUL-terminated) in a static buffer. */
static const char *shown(const char *s, int utf8)
{
	static char buf[1024];
	struct sbuf out = { 0 };

	text_display_str(&out, s, utf8);
	assert_non_null(out.p);
	assert_true(out.n < sizeof buf);
	memcpy(buf, out.p, out.n);
	buf[out.n] = '\0';
	assert_int_equal(strlen(buf), out.n);	/* no NUL reaches the screen */
	sbuf_free(&out);
	return buf;
}

/* Printable text, ASCII or not, is shown as it is in a UTF-8 locale;
 * the C locale keeps ASCII as it is. */
static void test_plain(void **state)
{
	(void)state;
	assert_string_equal(shown("Plain words, 42 of them.", 1), "Plain words, 42 of them.");
	assert_string_equal(shown("Plain words, 42 of them.", 0), "Plain words, 42 of them.");
	assert_string_equal(shown(" ~", 0), " ~");	/* the ends of printable ASCII */
	assert_string_equal(shown("Caf\xC3\xA9 \xE5\xA4\xA7", 1), "Caf\xC3\xA9 \xE5\xA4\xA7");
	assert_string_equal(shown("\xC2\xA0", 1), "\xC2\xA0");	/* U+00A0 */
	assert_string_equal(shown("", 1), "");
}

/* C0 controls and DEL become their control pictures (U+2400 + c, U+2421),
 * or '?' in the C locale: never the byte itself. */
static void test_controls(void **state)
{
	(void)state;
	assert_string_equal(shown("a\x01z", 1), "a\xE2\x90\x81z");
	assert_string_equal(shown("a\x1Fz", 1), "a\xE2\x90\x9Fz");
	assert_string_equal(shown("\x1B[2J", 1), "\xE2\x90\x9B[2J");
	assert_string_equal(shown("a\x7Fz", 1), "a\xE2\x90\xA1z");
	assert_string_equal(shown("a\x01z", 0), "a?z");
	assert_string_equal(shown("a\x1Fz", 0), "a?z");
	assert_string_equal(shown("a\x7Fz", 0), "a?z");
	assert_string_equal(shown("\t\n", 0), "??");
}

/* C1 controls, format characters (bidi, zero width, soft hyphen), line
 * and paragraph separators, private use, unassigned code points and the
 * marker itself are shown as the marker, in either locale. */
static void test_unprintable(void **state)
{
	static const char *const cases[] = {
		"\xC2\x80", "\xC2\x9B", "\xC2\x9F",	/* C1: U+0080, CSI, U+009F */
		"\xC2\xAD",				/* soft hyphen (Cf) */
		"\xE2\x80\x8B",				/* zero width space */
		"\xE2\x80\xAE",				/* right-to-left override */
		"\xE2\x81\xA6",				/* left-to-right isolate */
		"\xE2\x80\xA8", "\xE2\x80\xA9",		/* line, paragraph separator */
		"\xEE\x80\x80",				/* private use U+E000 */
		"\xCD\xB8",				/* unassigned U+0378 */
		MARK,
	};
	char in[64], want[64];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(in, sizeof in, "x%sy", cases[i]);
		snprintf(want, sizeof want, "x%sy", MARK);
		assert_string_equal(shown(in, 1), want);
		assert_string_equal(shown(in, 0), want);
	}
	/* the characters either side of the range stay themselves */
	assert_string_equal(shown("\xC2\xA1", 1), "\xC2\xA1");	/* U+00A1 */
	assert_string_equal(shown("\xEF\xA3\xAF", 1), MARK);	/* U+F8EF: private use too */
}

/* A combining mark after a letter is kept with it; with no letter to sit
 * on (at the start, after a space or a marker) it gets a dotted circle.
 * The C locale drops the mark and keeps the base. */
static void test_combining(void **state)
{
	(void)state;
	assert_string_equal(shown("e" ACUTE, 1), "e" ACUTE);
	assert_string_equal(shown(ACUTE "e", 1), CIRCLE ACUTE "e");
	assert_string_equal(shown("a " ACUTE, 1), "a " CIRCLE ACUTE);
	assert_string_equal(shown("\xE2\x80\x8B" ACUTE, 1), MARK CIRCLE ACUTE);
	assert_string_equal(shown("e" ACUTE ACUTE, 1), "e" ACUTE ACUTE);
	assert_string_equal(shown("\x01" ACUTE, 1), "\xE2\x90\x81" ACUTE);
	assert_string_equal(shown("e" ACUTE "t" ACUTE, 0), "et");
	assert_string_equal(shown(ACUTE "x", 0), "x");
	assert_string_equal(shown("\xC3\xBC" ACUTE "!", 0), "?!");
}

/* In the C locale typographic characters become their nearest ASCII
 * (the first and last of the table, and ones between), the spaces
 * U+2000..U+200A a space, anything else one '?'. */
static void test_ascii(void **state)
{
	static const struct { const char *in, *out; } cases[] = {
		{ "\xC2\xA0", " " },			/* U+00A0, the first */
		{ "\xC2\xA9", "(c)" },
		{ "\xC2\xAB" "x" "\xC2\xBB", "\"x\"" },
		{ "\xC2\xBD", "1/2" },
		{ "\xC3\x97", "x" },
		{ "\xE2\x80\x90", "-" }, { "\xE2\x80\x94", "-" },
		{ "\xE2\x80\x98" "a" "\xE2\x80\x99", "'a'" },
		{ "\xE2\x80\x9C" "q" "\xE2\x80\x9D", "\"q\"" },
		{ "\xE2\x80\xA2", "*" }, { "\xE2\x80\xA6", "..." },
		{ "\xE2\x80\xB9\xE2\x80\xBA", "<>" },
		{ "5\xE2\x88\x92" "3", "5-3" },	/* U+2212, out of order once */
		{ "\xE2\x82\xAC" "5", "EUR5" },
		{ "\xE2\x84\xA2", "(TM)" },		/* U+2122, the last */
		{ "a\xE2\x80\x80" "b", "a b" },		/* U+2000 */
		{ "a\xE2\x80\x8A" "b", "a b" },		/* U+200A */
		{ "\xC3\xBC", "?" }, { "\xE5\xA4\xA7", "?" },
		{ "\xC2\xA1", "?" }, { "\xE2\x84\xA3", "?" },	/* next to table entries */
		{ "\xF0\x9F\x98\x80", "?" },		/* an emoji */
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		assert_string_equal(shown(cases[i].in, 0), cases[i].out);
	/* the same characters are themselves in a UTF-8 locale */
	assert_string_equal(shown("a\xE2\x80\x80" "b", 1), "a\xE2\x80\x80" "b");
	assert_string_equal(shown("\xE2\x84\xA2", 1), "\xE2\x84\xA2");
}

/* Bytes that are not UTF-8 are shown as U+FFFD (one per bad byte), or
 * '?' in the C locale, and the text after them is kept. */
static void test_bad_utf8(void **state)
{
	(void)state;
	assert_string_equal(shown("a\xFFz", 1), "a\xEF\xBF\xBDz");
	assert_string_equal(shown("a\xC3z", 1), "a\xEF\xBF\xBDz");
	assert_string_equal(shown("a\xFFz", 0), "a?z");
	/* a cut sequence: replaced (libunistring says how many times), the
	 * text after it kept */
	{
		const char *r = shown("\xE2\x80z", 1);
		size_t n = strlen(r);

		assert_true(n == 4 || n == 7);
		assert_memory_equal(r, "\xEF\xBF\xBD", 3);
		assert_memory_equal(r + n - 4, "\xEF\xBF\xBDz", 4);
	}
}

/* The map says where each source character's display form starts, in
 * order, with one more entry for the ends; appending continues after
 * what the buffer held. */
static void test_map(void **state)
{
	static const char s[] = "a\x01\xC3\xA9" ACUTE "\xE2\x80\xA6";
	static const size_t src[] = { 0, 1, 2, 4, 6, 9 };
	struct sbuf out = { 0 };
	struct display_map m = { 0 };

	(void)state;
	sbuf_adds(&out, "<<");
	text_display_map(&out, s, strlen(s), 1, &m);
	assert_int_equal(m.n, 6);
	for (size_t i = 0; i < m.n; i++)
		assert_int_equal(m.src[i], src[i]);
	/* a, U+2401 (3 bytes), é (2), acute (2), U+2026 (3) after "<<" */
	assert_int_equal(m.disp[0], 2);
	assert_int_equal(m.disp[1], 3);
	assert_int_equal(m.disp[2], 6);
	assert_int_equal(m.disp[3], 8);
	assert_int_equal(m.disp[4], 10);
	assert_int_equal(m.disp[5], out.n);
	assert_int_equal(out.n, 13);
	display_map_free(&m);
	assert_int_equal(m.n, 0);

	/* the C locale: "..." is three bytes for one character, the
	 * dropped mark none */
	sbuf_free(&out);
	out = (struct sbuf){ 0 };
	text_display_map(&out, s, strlen(s), 0, &m);
	assert_int_equal(out.n, 6);		/* "a", "?", "?", nothing, "..." */
	assert_int_equal(m.n, 6);
	assert_int_equal(m.disp[3], 3);
	assert_int_equal(m.disp[4], 3);		/* the mark showed nothing */
	assert_int_equal(m.disp[5], 6);
	for (size_t i = 1; i < m.n; i++)
		assert_true(m.disp[i] >= m.disp[i - 1] && m.src[i] > m.src[i - 1]);
	display_map_free(&m);
	sbuf_free(&out);
}

/* Enough characters for the map to grow several times: every entry
 * kept. */
static void test_map_grows(void **state)
{
	char s[3001];
	struct sbuf out = { 0 };
	struct display_map m = { 0 };

	(void)state;
	for (size_t i = 0; i < 3000; i++)
		s[i] = (char)(i % 3 ? 'a' + (char)(i % 26) : '\x02');
	s[3000] = '\0';
	text_display_map(&out, s, 3000, 1, &m);
	assert_int_equal(m.n, 3001);
	for (size_t i = 0; i < 3000; i++) {
		assert_int_equal(m.src[i], i);
		assert_int_equal(m.disp[i + 1] - m.disp[i], i % 3 ? 1 : 3);
	}
	assert_int_equal(m.disp[3000], out.n);
	display_map_free(&m);
	sbuf_free(&out);
}

/* Empty text leaves an empty, allocated buffer (callers draw out.p). */
static void test_empty(void **state)
{
	struct sbuf out = { 0 };

	(void)state;
	text_display(&out, "", 0, 1);
	assert_non_null(out.p);
	assert_int_equal(out.n, 0);
	sbuf_free(&out);
}

/* Whether the locale's character set is UTF-8. */
static void test_locale(void **state)
{
	(void)state;
	assert_non_null(setlocale(LC_CTYPE, "C"));
	assert_int_equal(text_locale_utf8(), 0);
	if (!setlocale(LC_CTYPE, "C.UTF-8"))
		skip();
	assert_int_equal(text_locale_utf8(), 1);
	setlocale(LC_CTYPE, "C");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_plain),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_unprintable),
		cmocka_unit_test(test_combining),
		cmocka_unit_test(test_ascii),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_map),
		cmocka_unit_test(test_map_grows),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_locale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
