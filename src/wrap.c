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

size_t wrap_text(struct wrapper *w, const char *s, size_t n, int width)
{
	const uint8_t *u = (const uint8_t *)s;
	size_t start = 0, i = 0, brk = 0;
	int cols = 0;

	w->nrows = 0;
	if (width < 1)
		width = 1;
	while (start < n && s[start] == ' ')
		start++;
	if (start >= n) {
		add_row(w, s, n, n);
		return w->nrows;
	}
	w->brk = xgrow(w->brk, &w->brk_cap, n, 1);
	u8_possible_linebreaks(u, n, "UTF-8", w->brk);
	i = start;
	while (i < n) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, u + i, n - i);
		int cw = wrap_char_width(uc);

		if (i > start && (w->brk[i] == UC_BREAK_POSSIBLE ||
				  w->brk[i] == UC_BREAK_MANDATORY)) {
			brk = i;
		}
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
	if (start < n)
		add_row(w, s, start, n);
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
