/* SPDX-License-Identifier: MIT */
/* display.c - the display form of text: every character printable, with
 * an ASCII fallback for the C locale; no curses (ui_text.c draws it) */
#include <config.h>

#include <langinfo.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>

#include "display.h"
#include "wrap.h"
#include "xmalloc.h"

/* Dotted circle, the base shown under a combining mark with none. */
#define DOTTED_CIRCLE 0x25CCu

/* One ASCII replacement of a typographic character. */
struct ascii_map {
	unsigned uc;
	const char *s;
};

/* Sorted by code point: ascii_of() halves it. */
static const struct ascii_map ascii_table[] = {
	{ 0x00A0, " " }, { 0x00A9, "(c)" }, { 0x00AB, "\"" }, { 0x00AE, "(R)" },
	{ 0x00B7, "." }, { 0x00BB, "\"" }, { 0x00BD, "1/2" }, { 0x00D7, "x" },
	{ 0x2010, "-" }, { 0x2011, "-" }, { 0x2012, "-" }, { 0x2013, "-" },
	{ 0x2014, "-" }, { 0x2015, "-" }, { 0x2018, "'" }, { 0x2019, "'" },
	{ 0x201A, "'" }, { 0x201B, "'" }, { 0x201C, "\"" }, { 0x201D, "\"" },
	{ 0x201E, "\"" }, { 0x201F, "\"" }, { 0x2022, "*" }, { 0x2026, "..." },
	{ 0x2032, "'" }, { 0x2033, "\"" }, { 0x2039, "<" }, { 0x203A, ">" },
	{ 0x20AC, "EUR" }, { 0x2122, "(TM)" }, { 0x2212, "-" },
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
	text_display_map(out, s, n, utf8, NULL);
}

/* Note that source byte src starts at display byte disp. */
static void map_add(struct display_map *m, size_t src, size_t disp)
{
	if (m->n == m->cap) {
		m->src = xgrow(m->src, &m->cap, m->n + 1, sizeof *m->src);
		m->disp = xrealloc(m->disp, m->cap * sizeof *m->disp);
	}
	m->src[m->n] = src;
	m->disp[m->n++] = disp;
}

void text_display_map(struct sbuf *out, const char *s, size_t n, int utf8,
		      struct display_map *m)
{
	const uint8_t *p = (const uint8_t *)s, *e = p + n;
	unsigned prev = 0;

	if (!out->p)
		sbuf_add(out, "", 0);
	while (p < e) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, (size_t)(e - p));

		if (m)
			map_add(m, (size_t)(p - (const uint8_t *)s), out->n);
		prev = display_char(out, uc, prev, utf8);
		p += k;
	}
	if (m)
		map_add(m, n, out->n);
}

void display_map_free(struct display_map *m)
{
	free(m->src);
	free(m->disp);
	m->src = m->disp = NULL;
	m->n = m->cap = 0;
}

void text_display_str(struct sbuf *out, const char *s, int utf8)
{
	text_display(out, s, strlen(s), utf8);
}
