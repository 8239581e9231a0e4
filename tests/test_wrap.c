/* SPDX-License-Identifier: MIT */
/* test_wrap.c - word wrapping by display width */
#include <config.h>

#include "testutil.h"
#include <unistr.h>

#include "wrap.h"

/* Wrap s at width and check every row's width, that rows keep all the
 * non-space bytes in order, and return the row count. */
static size_t wrap_check(struct wrapper *w, const char *s, int width)
{
	size_t n = wrap_text(w, s, strlen(s), width), k = 0;
	char joined[4096] = "", nospace[4096] = "";

	for (size_t r = 0; r < n; r++) {
		const struct wrap_row *row = &w->rows[r];

		assert_int_equal(row->cols, wrap_width(s + row->off, row->len));
		if (row->cols > width) {
			/* only a lone character wider than the row may overflow */
			assert_int_equal(wrap_width(s + row->off, row->len), row->cols);
			assert_true(row->len <= 4);
		}
		assert_true(row->len == 0 || s[row->off] != ' ');
		assert_true(row->len == 0 || s[row->off + row->len - 1] != ' ');
		strncat(joined, s + row->off, row->len);
	}
	for (const char *p = s; *p; p++)
		if (*p != ' ')
			nospace[k++] = *p;
	nospace[k] = '\0';
	k = 0;
	for (char *p = joined; *p; p++)
		if (*p != ' ')
			joined[k++] = *p;
	joined[k] = '\0';
	assert_string_equal(joined, nospace);
	return n;
}

/* Plain words break at spaces and fill rows greedily. */
static void test_words(void **state)
{
	(void)state;
	struct wrapper w = { 0 };
	const char *s = "the quick brown fox jumps over the lazy dog";

	assert_int_equal(wrap_check(&w, s, 10), 5);
	assert_int_equal(w.rows[0].len, 9);	/* "the quick" */
	assert_int_equal(w.rows[1].len, 9);	/* "brown fox" */
	assert_int_equal(wrap_check(&w, s, 100), 1);
	assert_int_equal(w.rows[0].cols, 43);
	wrapper_free(&w);
}

/* A word longer than the row is cut, never overflowing. */
static void test_long_word(void **state)
{
	(void)state;
	struct wrapper w = { 0 };

	assert_int_equal(wrap_check(&w, "abcdefghijklmnopqrstuvwxyz", 10), 3);
	assert_int_equal(w.rows[2].len, 6);
	assert_int_equal(wrap_check(&w, "ab abcdefghijklmnop", 5), 5);
	wrapper_free(&w);
}

/* CJK and emoji take two columns, combining marks none, and a wide
 * character is never split across the edge. */
static void test_widths(void **state)
{
	(void)state;
	struct wrapper w = { 0 };

	assert_int_equal(wrap_width("\xE6\x98\x9F\xE6\x9D\x91", 6), 4);	/* 星村 */
	assert_int_equal(wrap_width("e\xCC\x81", 3), 1);			/* e + acute */
	assert_int_equal(wrap_width("\xF0\x9F\x98\x80", 4), 2);		/* emoji */
	/* five CJK characters in rows of 3 columns: one character each row */
	assert_int_equal(wrap_check(&w, "\xE6\x98\x9F\xE6\x98\x9F\xE6\x98\x9F\xE6\x98\x9F\xE6\x98\x9F", 3), 5);
	for (size_t r = 0; r < 5; r++)
		assert_int_equal(w.rows[r].cols, 2);
	/* a combining mark stays with its base at the edge */
	assert_int_equal(wrap_check(&w, "abce\xCC\x81" "fg", 4), 2);
	assert_int_equal(w.rows[0].len, 6);
	/* a wide character in a one-column pane gets a row of its own */
	assert_int_equal(wrap_check(&w, "\xE6\x98\x9F" "a", 1), 2);
	wrapper_free(&w);
}

/* A run of spaces before a character that may not start a row (a
 * closing bracket) still breaks within the width (found by fuzzing). */
static void test_spaces_before_closer(void **state)
{
	(void)state;
	struct wrapper w = { 0 };
	char s[300];

	memset(s, ' ', sizeof s);
	memcpy(s, "ab", 2);
	memcpy(s + 200, ")", 2);
	assert_int_equal(wrap_check(&w, s, 20), 2);
	assert_int_equal(w.rows[0].len, 2);
	assert_int_equal(w.rows[1].len, 1);
	wrapper_free(&w);
}

/* A paragraph of megabytes wraps in pieces: every row within the width,
 * every word kept in order, and the scratch space bounded. */
static void test_huge_paragraph(void **state)
{
	(void)state;
	struct wrapper w = { 0 };
	size_t n = 3u << 20, words = 0, seen = 0, prev = 0;
	char *s = malloc(n);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = i % 7 == 6 ? ' ' : 'a' + (char)(i % 7);
	for (size_t i = 0; i < n; i++)
		words += s[i] != ' ' && (i == 0 || s[i - 1] == ' ');
	size_t rows = wrap_text(&w, s, n, 40);

	assert_true(rows > n / 40);
	for (size_t r = 0; r < rows; r++) {
		assert_true(w.rows[r].cols <= 40);
		assert_true(w.rows[r].off >= prev);
		prev = w.rows[r].off + w.rows[r].len;
		for (size_t i = w.rows[r].off; i < prev; i++)
			seen += s[i] != ' ' && (i == w.rows[r].off || s[i - 1] == ' ');
	}
	assert_int_equal(seen, words);
	assert_true(w.brk_cap <= (size_t)1 << 17);
	wrapper_free(&w);
	free(s);
}

/* Where a long paragraph is cut into pieces (at the last space before
 * 64 KiB) is no row break of its own when the rows break there anyway: an
 * eight-letter word, then seven-letter ones with a space at byte 65536,
 * wrapped at 15 columns, gives the word its row and every other row two
 * words (15 columns), with no short row where the pieces meet. */
static void test_piece_seam(void **state)
{
	(void)state;
	struct wrapper w = { 0 };
	size_t n = 9 + 16 * 4300 - 1, rows;	/* ends with a row's two words */
	char *s = malloc(n);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		s[i] = i >= 8 && i % 8 == 0 ? ' ' : 'a';
	assert_true(s[65536] == ' ');
	rows = wrap_text(&w, s, n, 15);
	assert_int_equal(w.rows[0].len, 8);
	for (size_t r = 1; r < rows; r++) {
		assert_int_equal(w.rows[r].off, 9 + 16 * (r - 1));
		assert_int_equal(w.rows[r].cols, 15);
	}
	assert_int_equal(rows, 1 + 4300);
	wrapper_free(&w);
	free(s);
}

/* A word of two-byte characters longer than a piece, starting one byte
 * off: the pieces end between characters, so every row is whole UTF-8
 * within the width, and the rows hold every byte in order. */
static void test_huge_word_utf8(void **state)
{
	(void)state;
	struct wrapper w = { 0 };
	size_t n = 1 + 2 * 40000, at = 0;
	char *s = malloc(n);

	assert_non_null(s);
	s[0] = 'x';
	for (size_t i = 1; i < n; i += 2)
		memcpy(s + i, "\xC3\xA9", 2);
	size_t rows = wrap_text(&w, s, n, 40);

	assert_true(rows >= n / 80);
	for (size_t r = 0; r < rows; r++) {
		assert_int_equal(w.rows[r].off, at);
		assert_null(u8_check((const uint8_t *)s + w.rows[r].off, w.rows[r].len));
		assert_true(w.rows[r].cols <= 40);
		assert_int_equal(w.rows[r].cols, wrap_width(s + w.rows[r].off, w.rows[r].len));
		at += w.rows[r].len;
	}
	assert_int_equal(at, n);
	wrapper_free(&w);
	free(s);
}

/* Empty and all-space text give one empty row. */
static void test_empty(void **state)
{
	(void)state;
	struct wrapper w = { 0 };

	assert_int_equal(wrap_text(&w, "", 0, 10), 1);
	assert_int_equal(w.rows[0].len, 0);
	assert_int_equal(wrap_text(&w, "   ", 3, 10), 1);
	assert_int_equal(w.rows[0].len, 0);
	wrapper_free(&w);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_words),
		cmocka_unit_test(test_long_word),
		cmocka_unit_test(test_huge_word_utf8),
		cmocka_unit_test(test_widths),
		cmocka_unit_test(test_spaces_before_closer),
		cmocka_unit_test(test_huge_paragraph),
		cmocka_unit_test(test_piece_seam),
		cmocka_unit_test(test_empty),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
