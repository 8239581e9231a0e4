/* SPDX-License-Identifier: MIT */
/* wrap.c - word wrapping by display width (libunistring line breaking) */
#include <config.h>

#include <stdlib.h>
#include <unilbrk.h>
#include <unistr.h>
#include <uniwidth.h>

#include "wrap.h"
#include "xmalloc.h"

int wrap_char_width(unsigned uc)
{
	int w = uc_width((ucs4_t)uc, "UTF-8");

	return w < 0 ? 1 : w;
}

int wrap_width(const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *e = p + n;
	int cols = 0;

	while (p < e) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, (size_t)(e - p));

		cols += wrap_char_width(uc);
		p += k;
	}
	return cols;
}

/* Append a row [a, b) of the text, dropping spaces at its edges. */
static void add_row(struct wrapper *w, const char *s, size_t a, size_t b)
{
	while (b > a && s[b - 1] == ' ')
		b--;
	w->rows = xgrow(w->rows, &w->rows_cap, w->nrows + 1, sizeof *w->rows);
	w->rows[w->nrows].off = a;
	w->rows[w->nrows].len = b - a;
	w->rows[w->nrows].cols = wrap_width(s + a, b - a);
	w->nrows++;
}

/* Longest stretch of text broken for lines at once: a longer paragraph is
 * wrapped in pieces cut at spaces, so memory stays bounded. */
#define WRAP_PIECE ((size_t)1 << 16)

/* Wrap bytes [a, b) of s (not starting with a space) into more rows. */
static void wrap_piece(struct wrapper *w, const char *s, size_t a, size_t b, int width)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t start = a, i = a, brk = a;
	int cols = 0;

	w->brk = xgrow(w->brk, &w->brk_cap, b - a, 1);
	u8_possible_linebreaks(u + a, b - a, "UTF-8", w->brk);
	while (i < b) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, u + i, b - i);
		int cw = wrap_char_width(uc);
		char bk = w->brk[i - a];

		if (i > start && (bk == UC_BREAK_POSSIBLE || bk == UC_BREAK_MANDATORY))
			brk = i;
		if (uc != ' ' && cols + cw > width && i > start) {
			size_t cut = brk > start ? brk : i;

			add_row(w, s, start, cut);
			start = cut;
			while (start < i && s[start] == ' ')
				start++;
			cols = wrap_width(s + start, i - start);
			brk = start;
			continue;	/* the rest may still be too wide */
		}
		cols += cw;
		i += (size_t)k;
	}
	if (start < b)
		add_row(w, s, start, b);
}

/* Where to end a piece that starts at a: after the last space within
 * WRAP_PIECE bytes, else at a character boundary. */
static size_t piece_end(const char *s, size_t a, size_t n)
{
	size_t e = a + WRAP_PIECE;

	if (e >= n)
		return n;
	for (size_t k = e; k > a + WRAP_PIECE / 2; k--)
		if (s[k - 1] == ' ')
			return k;
	while (e > a + 1 && ((unsigned char)s[e] & 0xC0) == 0x80)
		e--;
	return e;
}

size_t wrap_text(struct wrapper *w, const char *s, size_t n, int width)
{
	size_t a = 0;

	w->nrows = 0;
	if (width < 1)
		width = 1;
	for (;;) {
		while (a < n && s[a] == ' ')
			a++;
		if (a >= n)
			break;
		size_t b = piece_end(s, a, n);

		wrap_piece(w, s, a, b, width);
		a = b;
	}
	if (w->nrows == 0)
		add_row(w, s, n, n);
	return w->nrows;
}

void wrapper_free(struct wrapper *w)
{
	free(w->brk);
	free(w->rows);
	w->brk = NULL;
	w->rows = NULL;
	w->brk_cap = w->rows_cap = w->nrows = 0;
}
