/* SPDX-License-Identifier: MIT */
/* ui_text.c - sanitising characters for display, with an ASCII fallback
 * for the C locale, and drawing display text cell by cell */
#include <config.h>

#include <langinfo.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>
#include <wchar.h>

#include "ui_text.h"
#include "wrap.h"

/* The private character that stands for "an unprintable character was
 * here" inside display text; drawn as a reversed marker. */
#define MARKER 0xF8F0u
/* Dotted circle, the base shown under a combining mark with none. */
#define DOTTED_CIRCLE 0x25CCu

/* One ASCII replacement of a typographic character. */
struct ascii_map {
	unsigned uc;
	const char *s;
};

static const struct ascii_map ascii_table[] = {
	{ 0x00A0, " " }, { 0x00A9, "(c)" }, { 0x00AB, "\"" }, { 0x00AE, "(R)" },
	{ 0x00B7, "." }, { 0x00BB, "\"" }, { 0x00BD, "1/2" }, { 0x00D7, "x" },
	{ 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" }, { 0x2013, "-" },
	{ 0x2014, "-" }, { 0x2015, "-" }, { 0x2018, "'" }, { 0x2019, "'" },
	{ 0x201A, "'" }, { 0x201B, "'" }, { 0x201C, "\"" }, { 0x201D, "\"" },
	{ 0x201E, "\"" }, { 0x201F, "\"" }, { 0x2022, "*" }, { 0x2026, "..." },
	{ 0x2032, "'" }, { 0x2033, "\"" }, { 0x2039, "<" }, { 0x203A, ">" },
	{ 0x2212, "-" }, { 0x20AC, "EUR" }, { 0x2122, "(TM)" },
};

int text_locale_utf8(void)
{
	const char *cs = nl_langinfo(CODESET);

	return cs && (!strcmp(cs, "UTF-8") || !strcmp(cs, "utf8"));
}

/* Append one character as UTF-8. */
static void put_uc(struct sbuf *out, unsigned uc)
{
	uint8_t buf[6];
	int k = u8_uctomb(buf, (ucs4_t)uc, sizeof buf);

	if (k > 0)
		sbuf_add(out, (const char *)buf, (size_t)k);
}

/* Whether a character must never reach the terminal as itself: controls,
 * format characters (bidi, zero-width, soft hyphen), separators, private
 * use, surrogates and unassigned code points. */
static int unprintable(unsigned uc)
{
	if (uc < 0x20 || (uc >= 0x7F && uc < 0xA0))
		return 1;
	if (uc == MARKER)
		return 1;
	return uc_is_general_category((ucs4_t)uc, UC_CATEGORY_Cf) ||
	       uc_is_general_category((ucs4_t)uc, UC_CATEGORY_Cc) ||
	       uc_is_general_category((ucs4_t)uc, UC_CATEGORY_Co) ||
	       uc_is_general_category((ucs4_t)uc, UC_CATEGORY_Cs) ||
	       uc_is_general_category((ucs4_t)uc, UC_CATEGORY_Cn) ||
	       uc_is_general_category((ucs4_t)uc, UC_CATEGORY_Zl) ||
	       uc_is_general_category((ucs4_t)uc, UC_CATEGORY_Zp);
}

/* The ASCII form of a character, or NULL. */
static const char *ascii_of(unsigned uc)
{
	size_t lo = 0, hi = sizeof ascii_table / sizeof ascii_table[0];

	if (uc >= 0x2000 && uc <= 0x200A)
		return " ";
	while (lo < hi) {
		size_t mid = (lo + hi) / 2;

		if (ascii_table[mid].uc == uc)
			return ascii_table[mid].s;
		if (ascii_table[mid].uc < uc)
			lo = mid + 1;
		else
			hi = mid;
	}
	return NULL;
}

/* Append the display form of one character; prev is the previous
 * character's display form (0 at the start). Returns the new prev. */
static unsigned display_char(struct sbuf *out, unsigned uc, unsigned prev, int utf8)
{
	if (uc < 0x20) {
		uc = utf8 ? 0x2400 + uc : '?';
	} else if (uc == 0x7F) {
		uc = utf8 ? 0x2421 : '?';
	} else if (unprintable(uc)) {
		uc = MARKER;
	} else if (wrap_char_width(uc) == 0) {
		if (!utf8)
			return prev;		/* the base is shown; drop the mark */
		if (prev == 0 || prev == ' ' || prev == MARKER)
			put_uc(out, DOTTED_CIRCLE);
	} else if (!utf8 && uc >= 0x80) {
		const char *a = ascii_of(uc);

		sbuf_adds(out, a ? a : "?");
		return '?';
	}
	put_uc(out, uc);
	return uc;
}

void text_display(struct sbuf *out, const char *s, size_t n, int utf8)
{
	const uint8_t *p = (const uint8_t *)s, *e = p + n;
	unsigned prev = 0;

	if (!out->p)
		sbuf_add(out, "", 0);
	while (p < e) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, (size_t)(e - p));

		prev = display_char(out, uc, prev, utf8);
		p += k;
	}
}

void text_display_str(struct sbuf *out, const char *s, int utf8)
{
	text_display(out, s, strlen(s), utf8);
}

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
