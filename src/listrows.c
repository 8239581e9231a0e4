/* SPDX-License-Identifier: MIT */
/* listrows.c - the rows of the story list: stories and file headings */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "listrows.h"
#include "xmalloc.h"

/* Append a row. */
static void push(struct lrows *r, size_t story, size_t doc, int head)
{
	r->row = xgrow(r->row, &r->cap, r->n + 1, sizeof *r->row);
	r->row[r->n].story = (uint32_t)story;
	r->row[r->n].doc = (uint32_t)doc & 0x7fffffffu;
	r->row[r->n].head = head != 0;
	r->n++;
}

void lrows_build(struct lrows *r, const struct storylist *sl, const size_t *vis, size_t nvis)
{
	size_t k = 0, last = (size_t)-1;

	r->n = 0;
	r->headings = sl->ndocs > 1;
	for (size_t i = 0; i < nvis; i++) {
		const struct doc *d = sl->stories[vis[i]].doc;

		/* the stories are in the order of their files */
		while (k + 1 < sl->ndocs && sl->docs[k] != d)
			k++;
		if (r->headings && k != last)
			push(r, vis[i], k, 1);
		last = k;
		push(r, vis[i], k, 0);
	}
}

size_t lrows_find(const struct lrows *r, size_t story)
{
	size_t lo = 0, hi = r->n;

	/* rows are ordered by story, a heading just before its story */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct lrow *w = &r->row[mid];

		if (w->story < story || (w->story == story && w->head))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t lrows_top_of(const struct lrows *r, size_t at)
{
	if (at > 0 && at < r->n && r->row[at - 1].head)
		return at - 1;
	return at;
}

void lrows_count(const struct storylist *sl, const unsigned char *read, size_t story,
		 size_t *unread, size_t *total)
{
	const struct fold none = { 0 };

	lrows_count_latest(sl, read, &none, story, unread, total);
}

void lrows_count_latest(const struct storylist *sl, const unsigned char *read,
			const struct fold *f, size_t story, size_t *unread, size_t *total)
{
	const struct doc *d;
	size_t b = story, e = story;

	*unread = *total = 0;
	if (story >= sl->n)
		return;
	d = sl->stories[story].doc;
	/* a file's stories are one run */
	while (b > 0 && sl->stories[b - 1].doc == d)
		b--;
	while (e < sl->n && sl->stories[e].doc == d)
		e++;
	for (size_t i = b; i < e; i++) {
		if (i < f->n && !fold_is_latest(f, i))
			continue;	/* its row is its newest version's */
		*total += 1;
		*unread += read[i] != 1;
	}
}

void lrows_count_text(size_t unread, size_t total, char *buf, size_t n)
{
	snprintf(buf, n, "%zu/%zu", unread, total);
}

void lrows_free(struct lrows *r)
{
	free(r->row);
	memset(r, 0, sizeof *r);
}
