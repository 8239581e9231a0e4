/* SPDX-License-Identifier: MIT */
/* ui_load.c - parsing the rest of the documents while the user reads: one
 * window per idle turn of the loop (keys are read between windows), then
 * what is indexed by story takes in the new stories, which are only ever
 * appended */
#include <config.h>

#include <stdio.h>

#include "parse.h"
#include "pcache.h"
#include "ui.h"
#include "ui_panes.h"

/* Below this many stories the stacked list is shorter than it may be,
 * so new stories change the layout. */
#define FEW_STORIES 9

/* Skip the documents parsed to the end (their parsers ended, NULL). */
static void skip_done(struct app *a)
{
	struct loading *l = &a->load;

	while (l->at < l->ld->n && !l->ld->p[l->at])
		l->done += a->sl->docs[l->at++]->nlines;
	l->busy = l->at < l->ld->n;
}

void load_start(struct app *a, struct loader *ld)
{
	struct loading *l = &a->load;

	l->ld = ld;
	l->at = 0;
	l->lines = l->done = 0;
	for (size_t i = 0; i < a->sl->ndocs; i++)
		l->lines += a->sl->docs[i]->nlines;
	l->busy = 0;
	if (ld)
		skip_done(a);
}

int load_busy(const struct app *a)
{
	return a->load.busy;
}

/* The stories from old on were appended: index them; H_* flags. */
static int added(struct app *a, size_t old)
{
	int flags = H_LIST | H_STATUS;

	flags |= ui_stories_changed(a, STORIES_ADDED, old);
	if (old < FEW_STORIES)
		flags |= H_LAYOUT;
	return flags;
}

int load_idle(struct app *a)
{
	struct loading *l = &a->load;
	size_t old = a->sl->n;
	int flags = H_STATUS;

	if (!l->busy)
		return 0;
	/* the parsers' documents are sl's, in the same order */
	if (parse_step(l->ld->p[l->at])) {
		parse_end(l->ld->p[l->at]);
		l->ld->p[l->at] = NULL;
		pcache_save(a->sl, a->sl->docs[l->at]);	/* before any corrections */
		skip_done(a);
	}
	if (a->sl->n > old)
		flags |= added(a, old);
	if (!l->busy)
		flags |= ustate_loaded(a);
	return flags;
}

void load_status(const struct app *a, char *buf, size_t n)
{
	const struct loading *l = &a->load;
	size_t lines = l->done;
	const struct story *last;

	if (!l->busy || l->lines == 0) {
		snprintf(buf, n, "%s", "");
		return;
	}
	last = a->sl->n ? &a->sl->stories[a->sl->n - 1] : NULL;
	if (last && l->at < a->sl->ndocs && last->doc == a->sl->docs[l->at])
		lines += last->first + last->count;
	snprintf(buf, n, "  loading %zu%%", lines * 100 / l->lines);
}

void load_free(struct app *a)
{
	struct loading *l = &a->load;

	for (size_t i = 0; l->ld && i < l->ld->n; i++) {
		parse_end(l->ld->p[i]);
		l->ld->p[i] = NULL;
	}
	l->busy = 0;
}
