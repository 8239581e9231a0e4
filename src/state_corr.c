/* SPDX-License-Identifier: MIT */
/* state_corr.c - the user's splits and joins of stories: remembering
 * them by the digest of a line, and rewriting parsed stories by them. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "state_int.h"
#include "xmalloc.h"

/* Record a correction at line i of document d. */
static void add_corr(struct state *st, const struct doc *d, size_t i, int join)
{
	char *dump = state_dump_key(d);

	struct corr *k = contents_corr_put(&st->c, dump, state_line_digest(d, i),
					   doc_lineno(d, i), join, state_next_stamp(st));

	if (k)
		k->pending = 1;
	st->dirty = 1;
	free(dump);
}

int state_split(struct state *st, const struct story *s, size_t line,
		char *msg, size_t msglen)
{
	const struct line *l = story_lines(s);

	while (line < s->count && l[line].kind != LK_PARAGRAPH)
		line++;
	if (line == 0 || line >= s->count) {
		state_msg(msg, msglen, "no paragraph to split the story at");
		return -1;
	}
	add_corr(st, s->doc, s->first + line, 0);
	return 0;
}

int state_join(struct state *st, const struct story *s, const struct story *next,
	       char *msg, size_t msglen)
{
	if (!next || s->doc != next->doc || s->first + s->count != next->first ||
	    next->first >= s->doc->nlines) {
		state_msg(msg, msglen, "no next story in the same file to join with");
		return -1;
	}
	add_corr(st, s->doc, next->first, 1);
	return 0;
}

/* For document d with corrections, the override of each line: +1 a
 * story starts there, -1 none does, 0 as parsed; malloc'd, or NULL if
 * the dump has no corrections. */
static signed char *overrides(const struct state *st, const struct doc *d)
{
	char *dump = state_dump_key(d);
	signed char *ov = NULL;
	int64_t *when = NULL;
	uint64_t *dig = NULL;

	for (size_t c = 0; c < st->c.ncorr; c++) {
		const struct corr *k = &st->c.corr[c];
		size_t best = SIZE_MAX;
		uint32_t bestdist = UINT32_MAX;

		if (strcmp(k->dump, dump))
			continue;
		if (!dig) {
			dig = xmalloc((d->nlines ? d->nlines : 1) * sizeof *dig);
			for (size_t i = 0; i < d->nlines; i++)
				dig[i] = state_line_digest(d, i);
			ov = xcalloc(d->nlines ? d->nlines : 1, 1);
			when = xcalloc(d->nlines ? d->nlines : 1, sizeof *when);
		}
		for (size_t i = 0; i < d->nlines; i++) {
			if (dig[i] != k->digest)
				continue;
			uint32_t ln = doc_lineno(d, i);
			uint32_t dist = ln > k->lineno ? ln - k->lineno : k->lineno - ln;

			if (best == SIZE_MAX || dist < bestdist) {
				best = i;
				bestdist = dist;
			}
		}
		if (best == SIZE_MAX || (ov[best] && when[best] > k->stamp))
			continue;
		ov[best] = k->join ? -1 : 1;
		when[best] = k->stamp;
	}
	free(dig);
	free(when);
	free(dump);
	return ov;
}

/* Rebuild the stories [a, b) of one document by ov into out; returns the
 * number of stories that changed. */
static size_t rebuild_doc(struct storylist *sl, size_t a, size_t b,
			  const signed char *ov, struct story **out, size_t *n,
			  size_t *cap)
{
	size_t changed = 0, start = *n;

	for (size_t k = a; k < b; k++) {
		struct story *s = &sl->stories[k];

		for (size_t i = s->first; i < s->first + s->count; i++) {
			struct story *cur = *n > start ? &(*out)[*n - 1] : NULL;
			int boundary;

			if (i == s->first)
				boundary = !(ov[i] < 0 && cur && cur->first + cur->count == i);
			else
				boundary = ov[i] > 0;
			if (boundary) {
				*out = xgrow(*out, cap, *n + 1, sizeof **out);
				cur = &(*out)[(*n)++];
				memset(cur, 0, sizeof *cur);
				cur->doc = s->doc;
				cur->first = i;
				cur->score = i == s->first ? s->score : 0;
				cur->why = i == s->first ? s->why : "split by you";
			}
			cur->count++;
		}
	}
	/* keep the titles of stories that did not change */
	for (size_t j = start, k = a; j < *n; j++) {
		struct story *t = &(*out)[j];

		while (k < b && sl->stories[k].first < t->first)
			k++;
		if (k < b && sl->stories[k].first == t->first &&
		    sl->stories[k].count == t->count) {
			t->title = sl->stories[k].title;
			t->words = sl->stories[k].words;
			sl->stories[k].title = NULL;
			continue;
		}
		if (k < b && sl->stories[k].first == t->first &&
		    t->count > sl->stories[k].count)
			t->why = "joined by you";
		story_finish(t);
		changed++;
	}
	for (size_t k = a; k < b; k++) {
		free(sl->stories[k].title);
		sl->stories[k].title = NULL;
	}
	return changed;
}

size_t state_apply(const struct state *st, struct storylist *sl)
{
	struct story *out = NULL;
	size_t n = 0, cap = 0, changed = 0;

	if (!st->c.ncorr || !sl->n)
		return 0;
	for (size_t a = 0, b; a < sl->n; a = b) {
		signed char *ov;

		for (b = a + 1; b < sl->n && sl->stories[b].doc == sl->stories[a].doc; b++)
			;
		ov = overrides(st, sl->stories[a].doc);
		if (ov) {
			changed += rebuild_doc(sl, a, b, ov, &out, &n, &cap);
			free(ov);
			continue;
		}
		out = xgrow(out, &cap, n + (b - a), sizeof *out);
		memcpy(out + n, sl->stories + a, (b - a) * sizeof *out);
		n += b - a;
	}
	free(sl->stories);
	sl->stories = out;
	sl->n = n;
	sl->cap = cap;
	return changed;
}

void state_apply_saved(struct storylist *sl, int no_state, char *msg, size_t msglen)
{
	struct state *st;

	state_msg(msg, msglen, "%s", "");
	if (no_state)
		return;
	st = store_open(NULL, STATE_READONLY, 1, msg, msglen);
	state_apply(st, sl);
	state_close(st);
}
