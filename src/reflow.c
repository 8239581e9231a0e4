/* SPDX-License-Identifier: MIT */
/* reflow.c - hard-wrapped text made into one line a paragraph again. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "reflow.h"
#include "xmalloc.h"

#define MIN_LINES 8		/* sampled lines fewer than this tell nothing */
#define MIN_WIDTH 30		/* narrower than this is a list, not a wrap */
#define MAX_WIDTH 200		/* wider than this is a paragraph a line */
#define FULL_SHARE 35		/* % of sampled lines that must end full */
#define LOWER_SHARE 30		/* % of the lines after those that go on with a small letter */

/* One sampled line's length and its first word's, in characters [0]
 * and in bytes [1]; whether the line before it is a non-blank line
 * right above it. */
struct sample {
	uint32_t len[2], first[2];
	int joined;
	int parted;	/* a blank line or a form feed follows it */
	int lower;	/* it begins with a small letter (a sentence going on) */
};

/* Characters of the n bytes at s (the bytes that start one). */
static uint32_t chars(const char *s, size_t n)
{
	uint32_t c = 0;

	for (size_t i = 0; i < n; i++)
		c += ((unsigned char)s[i] & 0xC0) != 0x80;
	return c;
}

/* Bytes of the first word of the n bytes at s (up to a space). */
static size_t first_word(const char *s, size_t n)
{
	const char *sp = memchr(s, ' ', n);

	return sp ? (size_t)(sp - s) : n;
}

/* Fill sample *x from the trimmed line of n bytes at s. */
static void measure(struct sample *x, const char *s, size_t n, int joined)
{
	size_t fw = first_word(s, n);

	x->len[0] = chars(s, n);
	x->len[1] = (uint32_t)n;
	x->first[0] = chars(s, fw);
	x->first[1] = (uint32_t)fw;
	x->joined = joined;
	x->lower = *s >= 'a' && *s <= 'z';
}

/* Sample the first REFLOW_SAMPLE non-blank physical lines of d's text
 * into x; how many. */
static size_t sample_lines(const struct doc *d, struct sample *x)
{
	const char *t = d->text;
	size_t s = 0, n = 0;
	int prev = 0;	/* the physical line before was non-blank */

	while (s < d->len && n < REFLOW_SAMPLE) {
		const char *nl = memchr(t + s, '\n', d->len - s);
		size_t e = nl ? (size_t)(nl - t) : d->len, a = s, b = e;

		while (a < b && t[a] == ' ')
			a++;
		while (b > a && t[b - 1] == ' ')
			b--;
		if (a == b || memchr(t + a, '\f', b - a)) {
			prev = 0;	/* a blank line or a form feed parts paragraphs */
			if (n)
				x[n - 1].parted = 1;
		} else {
			measure(&x[n++], t + a, b - a, prev);
			x[n - 1].parted = 0;
			prev = 1;
		}
		s = e + 1;
	}
	return n;
}

/* Compare two lengths, for qsort. */
static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

/* The wrap width of n samples in unit u, or 0; *full gets how many of
 * the lines end where the next one's first word would not fit, 0 unless
 * enough of the next ones go on with a small letter (prose, not a list
 * of lines much alike). */
static uint32_t width_in(const struct sample *x, size_t n, int u, size_t *full)
{
	size_t lower = 0;

	uint32_t *len = xmalloc(n * sizeof *len);

	for (size_t i = 0; i < n; i++)
		len[i] = x[i].len[u];
	qsort(len, n, sizeof *len, cmp_u32);
	uint32_t w = len[(n - 1) * 99 / 100];	/* the longest but a few */

	free(len);
	*full = 0;
	if (w < MIN_WIDTH || w > MAX_WIDTH)
		return 0;
	for (size_t i = 0; i + 1 < n; i++)
		if (x[i + 1].joined && x[i].len[u] <= w && x[i].len[u] + 1 + x[i + 1].first[u] > w)
			(*full)++, lower += x[i + 1].lower;
	if (lower * 100 < *full * LOWER_SHARE)
		*full = 0;
	return w;
}

/* Whether blank lines part the paragraphs of n samples wrapped at w in
 * unit u: most lines that end well short of w (under three quarters of
 * it) have one after them. */
static int parted_by_blanks(const struct sample *x, size_t n, int u, uint32_t w)
{
	size_t parted = 0, unmarked = 0;

	for (size_t i = 0; i + 1 < n; i++)
		if (x[i].parted)
			parted++;
		else if (x[i + 1].joined && x[i].len[u] * 4 < w * 3)
			unmarked++;
	return parted > 0 && parted >= 3 * unmarked;
}

void reflow_detect(struct doc *d)
{
	struct sample *x = xmalloc(REFLOW_SAMPLE * sizeof *x);
	size_t n = sample_lines(d, x), full[2] = { 0, 0 };
	uint32_t w[2] = { 0, 0 };

	d->wrap = 0;
	d->wrap_bytes = 0;
	if (n >= MIN_LINES) {
		w[0] = width_in(x, n, 0, &full[0]);
		w[1] = width_in(x, n, 1, &full[1]);
	}
	int u = full[1] > full[0];	/* bytes only where they fit better */

	if (w[u] && full[u] * 100 >= n * FULL_SHARE) {
		d->wrap = (uint16_t)w[u];
		d->wrap_bytes = (uint8_t)u;
		d->wrap_parted = parted_by_blanks(x, n, u, w[u]);
	}
	free(x);
}

/* The length of the n bytes at s in d's unit of wrapping. */
static uint32_t span(const struct doc *d, const char *s, size_t n)
{
	return d->wrap_bytes ? (uint32_t)n : chars(s, n);
}

/* Whether the n bytes at s end a sentence: . ! or ?, perhaps with a
 * closing quote or bracket after. */
static int ends_sentence(const char *s, size_t n)
{
	static const char *const closers[] = { "\"", "'", ")", "\xE2\x80\x9D", "\xE2\x80\x99" };

	for (int again = 1; again && n; ) {
		again = 0;
		for (size_t k = 0; k < sizeof closers / sizeof *closers; k++) {
			size_t m = strlen(closers[k]);

			if (n > m && !memcmp(s + n - m, closers[k], m)) {
				n -= m;
				again = 1;
				break;
			}
		}
	}
	return n && (s[n - 1] == '.' || s[n - 1] == '!' || s[n - 1] == '?');
}

/* Whether the n bytes at s begin a sentence: a capital or a digit,
 * perhaps after an opening quote. */
static int starts_sentence(const char *s, size_t n)
{
	if (n >= 3 && (!memcmp(s, "\xE2\x80\x9C", 3) || !memcmp(s, "\xE2\x80\x98", 3)))
		s += 3, n -= 3;
	else if (n && (*s == '"' || *s == '\''))
		s++, n--;
	return n && ((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9'));
}

/* Whether line j + 1 of d continues line j's paragraph, wrapped.  Where
 * blank lines part paragraphs, a line goes on if it is near the width
 * (fmt(1) balances its lines, ending some well short of it; a heading
 * is short).  Where none do, only if the next line's first word would
 * not have fitted on it, and a line that ends a sentence ends a
 * paragraph if the next begins one (joining two paragraphs could hide
 * a story's start in the middle of a line; parting two sentences of one
 * paragraph costs far less). */
static int continues(const struct doc *d, size_t j)
{
	const struct line *a = &d->lines[j], *b = &d->lines[j + 1];
	const char *at = d->text + a->off, *bt = d->text + b->off;

	if (b->blanks || (b->flags & LF_FORMFEED))
		return 0;
	uint32_t la = span(d, at, a->len);

	if (la > d->wrap || span(d, bt, b->len) > d->wrap)
		return 0;	/* a line longer than the width was not wrapped there */
	if (d->wrap_parted)	/* blank lines end paragraphs: a line near full goes on */
		return la * 4 >= d->wrap * 3;
	if (la + 1 + span(d, bt, first_word(bt, b->len)) <= d->wrap)
		return 0;
	return !ends_sentence(at, a->len) || !starts_sentence(bt, b->len);
}

/* Close up the text of d from byte off in place, each run of spaces
 * with a newline in it made one space, until raw_end is read or out
 * bytes are written, the bytes freed made spaces; the bytes written. */
static size_t close_up(struct doc *d, size_t off, size_t raw_end, size_t out)
{
	char *t = d->text;
	size_t r = off, w = off;

	while (r < raw_end && w - off < out) {
		if (t[r] != ' ' && t[r] != '\n') {
			t[w++] = t[r++];
			continue;
		}
		size_t q = r;
		int nl = 0;

		while (q < raw_end && (t[q] == ' ' || t[q] == '\n'))
			nl |= t[q++] == '\n';
		if (nl)
			t[w++] = ' ';
		else
			while (r < q && w - off < out)
				t[w++] = t[r++];
		r = q;
	}
	memset(t + w, ' ', r - w);	/* no byte left over outside a line */
	return w - off;
}

void reflow_join(struct doc *d, size_t from)
{
	size_t n = d->nlines, out = from;

	if (!d->wrap || n < from + 2)
		return;
	uint32_t *phys = xmalloc((n - from) * sizeof *phys);

	for (size_t j = from; j < n; j++)
		phys[j - from] = doc_lineno(d, j);
	for (size_t j = from; j < n;) {
		size_t k = j;

		while (k + 1 < n && continues(d, k))
			k++;
		struct line l = d->lines[j];

		if (k > j)	/* one space where each line broke */
			l.len = (uint32_t)close_up(d, l.off, d->lines[k].off + d->lines[k].len, SIZE_MAX);
		phys[out - from] = phys[j - from];
		d->lines[out++] = l;
		j = k + 1;
	}
	if (out < n) {	/* their line numbers anew */
		doc_cut_lines(d, from);
		for (size_t i = from; i < out; i++) {
			d->nlines = i + 1;
			doc_set_lineno(d, i, phys[i - from]);
		}
	}
	free(phys);
}

void reflow_spaces(struct doc *d)
{
	if (!d->wrap)
		return;
	for (size_t i = 0; i < d->nlines; i++) {	/* the text they were joined from runs on */
		const struct line *l = &d->lines[i];
		size_t end = i + 1 < d->nlines ? d->lines[i + 1].off : d->len;

		if (memchr(d->text + l->off, '\n', l->len))
			close_up(d, l->off, end, l->len);
	}
}

#define SPACED_SHARE 90	/* % of lines after a blank line in a double-spaced text */

void reflow_spacing(struct doc *d)
{
	size_t after = 0;

	for (size_t i = 1; i < d->nlines; i++)
		after += d->lines[i].blanks > 0;
	d->blank_base = d->nlines >= MIN_LINES && after * 100 >= (d->nlines - 1) * SPACED_SHARE;
}
