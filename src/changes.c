/* SPDX-License-Identifier: MIT */
/* changes.c - a story's paragraphs against an older version (changes.h) */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "changes.h"
#include "xmalloc.h"

/* Least share of a paragraph's words an older one must have for the
 * paragraph to count as that one edited. */
#define EDIT_SHARE 0.5

/* A paragraph: its line and the hashes of its words, sorted. */
struct para {
	size_t line;
	uint64_t whole;		/* hash of its words in order */
	uint64_t *w;
	size_t nw;
	int matched;
};

/* FNV-1a step. */
static uint64_t fnv(uint64_t h, unsigned char c)
{
	return (h ^ c) * 0x100000001b3ULL;
}

/* Order of word hashes. */
static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return a < b ? -1 : a > b;
}

/* Cut a paragraph into words (letters, digits and any non-ASCII byte;
 * ASCII lower-cased), hash each and the sequence. */
static void para_words(struct para *p, struct bstr t)
{
	size_t cap = 0;
	uint64_t h = 0xcbf29ce484222325ULL, w = 0;
	int in = 0;

	p->whole = h;
	for (size_t i = 0; i <= t.n; i++) {
		unsigned char c = i < t.n ? (unsigned char)t.s[i] : ' ';
		int word = c >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			   (c >= 'A' && c <= 'Z');

		if (c >= 'A' && c <= 'Z')
			c = (unsigned char)(c - 'A' + 'a');
		if (word) {
			w = in ? fnv(w, c) : fnv(h, c);
			p->whole = fnv(p->whole, c);
			in = 1;
			continue;
		}
		if (in) {
			p->w = xgrow(p->w, &cap, p->nw + 1, sizeof *p->w);
			p->w[p->nw++] = w;
			p->whole = fnv(p->whole, ' ');
		}
		in = 0;
	}
	if (p->nw)	/* qsort wants a non-null array even of none */
		qsort(p->w, p->nw, sizeof *p->w, cmp_u64);
}

/* The paragraphs of a story, *n of them. */
static struct para *paragraphs(const struct story *s, size_t *n)
{
	const struct line *l = story_lines(s);
	struct para *p = xcalloc(s->count ? s->count : 1, sizeof *p);

	*n = 0;
	for (size_t i = 0; i < s->count; i++) {
		if (l[i].kind != LK_PARAGRAPH)
			continue;
		p[*n].line = i;
		para_words(&p[*n], line_text(s->doc, &l[i]));
		(*n)++;
	}
	return p;
}

/* Words of a found in b (both sorted), counting repeats once each side. */
static size_t common(const struct para *a, const struct para *b)
{
	size_t i = 0, j = 0, k = 0;

	while (i < a->nw && j < b->nw) {
		if (a->w[i] < b->w[j]) {
			i++;
		} else if (a->w[i] > b->w[j]) {
			j++;
		} else {
			k++;
			i++;
			j++;
		}
	}
	return k;
}

/* The unmatched paragraph of old sharing the most of p's words, if it
 * shares at least EDIT_SHARE of them (of the longer of the two); else
 * SIZE_MAX. */
static size_t edited_from(const struct para *p, const struct para *old, size_t nold)
{
	size_t best = SIZE_MAX;
	double bs = 0;

	for (size_t j = 0; j < nold; j++) {
		size_t len = p->nw > old[j].nw ? p->nw : old[j].nw;
		double share;

		if (old[j].matched || len == 0)
			continue;
		share = (double)common(p, &old[j]) / (double)len;
		if (share >= EDIT_SHARE && share > bs) {
			bs = share;
			best = j;
		}
	}
	return best;
}

/* Free n paragraphs. */
static void free_paras(struct para *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		free(p[i].w);
	free(p);
}

void changes_compute(struct changes *c, const struct story *now,
		     const struct story *then)
{
	size_t nn, no;
	struct para *pn = paragraphs(now, &nn), *po = paragraphs(then, &no);

	memset(c, 0, sizeof *c);
	c->nlines = now->count;
	c->mark = xcalloc(now->count ? now->count : 1, 1);
	c->removed = xmalloc((no ? no : 1) * sizeof *c->removed);
	for (size_t i = 0; i < nn; i++)		/* kept word for word */
		for (size_t j = 0; j < no && !pn[i].matched; j++)
			if (!po[j].matched && po[j].whole == pn[i].whole)
				pn[i].matched = po[j].matched = 1;
	for (size_t i = 0; i < nn; i++) {	/* edited, or added */
		size_t j;

		if (pn[i].matched)
			continue;
		j = edited_from(&pn[i], po, no);
		if (j != SIZE_MAX)
			po[j].matched = 1;
		c->mark[pn[i].line] = j != SIZE_MAX ? CHANGE_EDITED : CHANGE_ADDED;
		*(j != SIZE_MAX ? &c->edited : &c->added) += 1;
	}
	for (size_t j = 0; j < no; j++)
		if (!po[j].matched)
			c->removed[c->nremoved++] = po[j].line;
	free_paras(pn, nn);
	free_paras(po, no);
}

void changes_free(struct changes *c)
{
	free(c->mark);
	free(c->removed);
	memset(c, 0, sizeof *c);
}
