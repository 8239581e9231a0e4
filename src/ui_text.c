/* SPDX-License-Identifier: MIT */
/* ui_text.c - drawing display text (display.c) cell by cell */
#include <config.h>

#include <string.h>
#include <unistr.h>
#include <wchar.h>

#include "display.h"
#include "ui_text.h"
#include "wrap.h"

/* One screen cell being built: a base character and its marks. */
struct cell {
	wchar_t wch[CCHARW_MAX + 1];
	int n;			/* characters in wch */
	int cols;		/* columns, by libunistring */
	attr_t attr;
};

/* Put a cell at (y, x); returns its width.  A cell whose width curses
 * would see differently is drawn as that many replacement characters, so
 * the layout never drifts. */
static int put_cell(WINDOW *w, int y, int x, struct cell *c, short pair, int utf8)
{
	cchar_t cc;

	c->wch[c->n] = L'\0';
	/* (adding at a window's bottom-right corner returns ERR, though the
	 * character is placed, so the result of mvwadd_wch tells nothing) */
	if (c->cols > 0 && wcwidth(c->wch[0]) == c->cols &&
	    setcchar(&cc, c->wch, c->attr, pair, NULL) == OK) {
		mvwadd_wch(w, y, x, &cc);
		return c->cols;
	}
	for (int i = 0; i < c->cols; i++) {
		wchar_t r[2] = { utf8 ? 0xFFFD : L'?', L'\0' };

		if (setcchar(&cc, r, c->attr, pair, NULL) == OK)
			mvwadd_wch(w, y, x + i, &cc);
	}
	return c->cols;
}

/* Start a cell for character uc. */
static void cell_start(struct cell *c, unsigned uc, attr_t attr, int utf8)
{
	c->n = 1;
	c->attr = attr;
	c->cols = 1;
	if (uc == MARKER) {
		c->wch[0] = utf8 ? 0x00A4 : L'?';
		c->attr |= A_REVERSE;
	} else {
		c->wch[0] = (wchar_t)uc;
		c->cols = wrap_char_width(uc);
	}
}

/* The width of display text. */
static int text_cols(const char *s, size_t n)
{
	return wrap_width(s, n);
}

int text_draw(WINDOW *w, int y, int x, const char *s, size_t n, int maxcols,
	      attr_t attr, short pair, int flags, int utf8)
{
	const uint8_t *p = (const uint8_t *)s, *e = p + n;
	int ell_cols = utf8 ? 1 : 3, limit = maxcols, col = 0;
	struct cell c = { .n = 0 };

	if (maxcols <= 0)
		return 0;
	if ((flags & TEXT_ELLIPSIS) && maxcols > ell_cols && text_cols(s, n) > maxcols)
		limit = maxcols - ell_cols;
	else
		flags &= ~TEXT_ELLIPSIS;
	while (p < e) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, (size_t)(e - p));

		p += k;
		if (uc != MARKER && wrap_char_width(uc) == 0) {
			if (c.n > 0 && c.n < CCHARW_MAX)
				c.wch[c.n++] = (wchar_t)uc;
			continue;
		}
		if (c.n > 0)
			col += put_cell(w, y, x + col, &c, pair, utf8);
		cell_start(&c, uc, attr, utf8);
		if (col + c.cols > limit) {
			c.n = 0;
			break;
		}
	}
	if (c.n > 0)
		col += put_cell(w, y, x + col, &c, pair, utf8);
	for (int i = 0; (flags & TEXT_ELLIPSIS) && i < (utf8 ? 1 : 3); i++) {
		cell_start(&c, utf8 ? 0x2026 : '.', attr, utf8);
		col += put_cell(w, y, x + col, &c, pair, utf8);
	}
	return col;
}

void text_sgr(struct sbuf *out, attr_t attrs, int pair, int reset)
{
	static const struct { attr_t a; int code; } sgr[] = {
		{ A_BOLD, 1 }, { A_DIM, 2 }, { A_ITALIC, 3 }, { A_UNDERLINE, 4 },
		{ A_BLINK, 5 }, { A_REVERSE | A_STANDOUT, 7 }, { A_INVIS, 8 },
	};
	int c[2] = { -1, -1 };
	const char *sep = reset ? ";" : "";

	sbuf_adds(out, reset ? "\x1b[0" : "\x1b[");
	for (size_t i = 0; i < sizeof sgr / sizeof sgr[0]; i++)
		if (attrs & sgr[i].a) {
			sbuf_printf(out, "%s%d", sep, sgr[i].code);
			sep = ";";
		}
	if (pair > 0)
		extended_pair_content(pair, &c[0], &c[1]);
	for (int k = 0; k < 2; k++) {	/* foreground, then background */
		if (c[k] < 0)
			continue;
		if (c[k] < 8)
			sbuf_printf(out, "%s%d", sep, (k ? 40 : 30) + c[k]);
		else if (c[k] < 16)
			sbuf_printf(out, "%s%d", sep, (k ? 100 : 90) + c[k] - 8);
		else
			sbuf_printf(out, "%s%d;5;%d", sep, k ? 48 : 38, c[k]);
		sep = ";";
	}
	sbuf_addc(out, 'm');
}
