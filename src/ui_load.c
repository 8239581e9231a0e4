/* SPDX-License-Identifier: MIT */
/* ui_load.c - parsing the rest of the documents while the user reads: one
 * window per idle turn of the loop (keys are read between windows), then
 * what is indexed by story takes in the new stories, which are only ever
 * appended; a long dump, shown first from a provisional document of its
 * first lines, is parsed whole on a second thread (bgparse.h), and its
 * stories put in place of the provisional ones as a followed dump's are */
#include <config.h>

#include <stdio.h>

#include "bgparse.h"
#include "parse.h"
#include "pcache.h"
#include "ui.h"
#include "ui_panes.h"

/* Below this many stories the stacked list is shorter than it may be,
 * so new stories change the layout. */
#define FEW_STORIES 9

/* The first document waiting for its whole parse, or ld->n. */
static size_t next_whole(const struct loader *ld)
{
	size_t k = 0;

	while (ld->whole && k < ld->n && !ld->whole[k])
		k++;
	return ld->whole ? k : ld->n;
}

/* Skip the documents parsed to the end (their parsers ended, NULL). */
static void skip_done(struct app *a)
{
	struct loading *l = &a->load;

	while (l->at < l->ld->n && !l->ld->p[l->at])
		l->done += a->sl->docs[l->at++]->nlines;
	l->stepping = l->at < l->ld->n;
	l->busy = l->stepping || l->bg || next_whole(l->ld) < l->ld->n;
}

void load_start(struct app *a, struct loader *ld)
{
	struct loading *l = &a->load;

	l->ld = ld;
	l->at = 0;
	l->lines = l->done = 0;
	for (size_t i = 0; i < a->sl->ndocs; i++)	/* the whole ones' */
		l->lines += ld && ld->whole && ld->whole[i] ? ld->whole[i]->nlines : a->sl->docs[i]->nlines;
	l->busy = 0;
	if (ld)
		skip_done(a);
}

int load_busy(const struct app *a)
{
	return a->load.busy;
}

int load_stepping(const struct app *a)
{
	return a->load.stepping;
}

int load_fd(const struct app *a)
{
	return a->load.bg ? bgparse_fd(a->load.bg) : -1;
}

size_t load_doc_len(const struct app *a, const struct doc *d)
{
	const struct loader *ld = a->load.ld;

	for (size_t k = 0; ld && ld->whole && k < ld->n && k < a->sl->ndocs; k++)
		if (a->sl->docs[k] == d && ld->whole[k])
			return ld->whole[k]->len;
	return d->len;
}

/* Parse document k whole here and now (no second thread). */
static struct storylist parse_here(struct app *a, size_t k)
{
	struct storylist tmp = { 0 };

	parse_doc(&tmp, a->load.ld->whole[k], a->load.ld->rules, a->load.ld->seg);
	return tmp;
}

/* The next whole document, if none is parsing: start its parse. */
static void start_next(struct app *a)
{
	struct loading *l = &a->load;
	size_t k;

	if (!l->ld || l->bg || (k = next_whole(l->ld)) == l->ld->n)
		return;
	l->bg_at = k;
	l->shown = 0;
	l->bg = bgparse_start(l->ld->whole[k], l->ld->rules, l->ld->seg);
}

void load_drawn(struct app *a)
{
	start_next(a);
}

/* The last story the list shows, if G asked for it while loading. */
static void follow_end(struct app *a)
{
	if (a->load.want_end && a->nvis && a->focus == FOCUS_LIST)
		ui_select(a, a->vis[a->nvis - 1]);
}

int load_bottom(struct app *a)
{
	a->load.want_end = a->load.busy;
	if (a->load.busy)
		ui_message(a, "Still reading: the last story so far; on to the last once all is read");
	return a->nvis ? ui_select(a, a->vis[a->nvis - 1]) : H_HANDLED | H_STATUS;
}

/* Document k was parsed whole (tmp): its stories in place of the
 * provisional ones; H_* flags. */
static int put_whole(struct app *a, size_t k, struct storylist *tmp)
{
	struct loading *l = &a->load;
	int flags;

	if (l->ld->p[k]) {		/* the provisional parse is of no more use */
		parse_end(l->ld->p[k]);
		l->ld->p[k] = NULL;
	}
	l->ld->whole[k] = NULL;	/* tmp has it */
	pcache_save(tmp, tmp->docs[0]);	/* before any corrections */
	skip_done(a);
	flags = follow_put(a, k, tmp) | H_ALL;
	follow_end(a);
	if (!l->busy)
		flags |= ustate_loaded(a);
	return flags;
}

/* The whole document parsing on the thread: put it in place if done,
 * else say how far it got; then start the next.  H_* flags. */
static int whole_idle(struct app *a)
{
	struct loading *l = &a->load;
	struct storylist tmp;
	int flags = 0;

	if (!l->bg && next_whole(l->ld) < l->ld->n) {
		start_next(a);
		if (!l->bg) {		/* no thread: parse it here */
			tmp = parse_here(a, next_whole(l->ld));
			return put_whole(a, next_whole(l->ld), &tmp);
		}
	}
	if (!l->bg)
		return 0;
	if (!bgparse_done(l->bg)) {
		unsigned pm = bgparse_progress(l->bg) / 10;

		flags = pm != l->shown ? H_STATUS : 0;
		l->shown = pm;
		return flags;
	}
	bgparse_finish(l->bg, &tmp);
	l->bg = NULL;
	flags = put_whole(a, l->bg_at, &tmp);
	start_next(a);
	return flags;
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
	if (!l->stepping)
		return whole_idle(a);
	/* the parsers' documents are sl's, in the same order */
	if (parse_step(l->ld->p[l->at])) {
		parse_end(l->ld->p[l->at]);
		l->ld->p[l->at] = NULL;
		if (!l->ld->whole || !l->ld->whole[l->at])	/* not provisional */
			pcache_save(a->sl, a->sl->docs[l->at]);	/* before any corrections */
		skip_done(a);
	}
	if (a->sl->n > old) {
		flags |= added(a, old);
		follow_end(a);
	}
	if (!l->busy)
		flags |= ustate_loaded(a);
	return flags;
}

void load_status(const struct app *a, char *buf, size_t n)
{
	const struct loading *l = &a->load;
	size_t lines = l->done;
	const struct story *last;

	if (l->bg) {		/* a whole document on the thread */
		snprintf(buf, n, "  loading %u%%", bgparse_progress(l->bg) / 10);
		return;
	}
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

	bgparse_cancel(l->bg);
	l->bg = NULL;
	for (size_t i = 0; l->ld && i < l->ld->n; i++) {
		parse_end(l->ld->p[i]);
		l->ld->p[i] = NULL;
		if (l->ld->whole) {
			doc_free(l->ld->whole[i]);
			l->ld->whole[i] = NULL;
		}
	}
	l->busy = l->stepping = 0;
}
