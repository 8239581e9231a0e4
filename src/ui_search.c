/* SPDX-License-Identifier: MIT */
/* ui_search.c - search as you type across all stories (on the prompt of
 * ui_prompt.c): finding after every key, counting the matches in steps
 * between keys, n/N, and the filtered list */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "keys.h"
#include "search.h"
#include "ui_panes.h"
#include "ui_text.h"
#include "wrap.h"
#include "xmalloc.h"

/* Bytes of text counted in one step between keys. */
#define COUNT_STEP ((size_t)4 << 20)
/* Bytes of text counted right after a key, before the rest goes idle. */
#define COUNT_NOW ((size_t)8 << 20)

/* Bytes of text indexed in one idle step. */
#define INDEX_STEP ((size_t)4 << 20)

/* Count the matches' stories by article once the stories are folded
 * (again when force, or when the folding is not the one counted by). */
static void set_groups(struct app *a, int force)
{
	struct finder *f = &a->find;

	if (!f->s || !search_built(f->s) || (!force && f->grouped == a->fold.n + 1))
		return;
	f->grouped = a->fold.n + 1;
	if (a->fold.n && a->fold.n == a->sl->n)
		search_set_groups(f->s, a->fold.group, a->fold.n);
	else
		search_set_groups(f->s, NULL, 0);
	memset(&f->cnt, 0, sizeof f->cnt);
}

/* Start the index (it is then built in idle steps). */
static void index_start(struct app *a)
{
	a->find.s = search_begin(a->sl);
	search_set_stripped(a->find.s, a->show_stripped);
}

/* The index, finished now if the idle steps have not done it yet
 * (saying so meanwhile: it takes a while on a long dump). */
static struct search *index_of(struct app *a)
{
	if (!a->find.s)
		index_start(a);
	if (!search_built(a->find.s)) {
		if (a->status) {
			werase(a->status);
			mvwaddstr(a->status, 0, 0, a->utf8 ? "indexing\xE2\x80\xA6" : "indexing...");
			wnoutrefresh(a->status);
			fscroll_release(a);
			doupdate();
		}
		while (!search_build_step(a->find.s, SIZE_MAX))
			;
		set_groups(a, 1);
	}
	return a->find.s;
}

/* Count up to about budget bytes more of the current query's matches. */
static void count_some(struct app *a, size_t budget)
{
	struct finder *f = &a->find;

	for (size_t done = 0; !f->cnt.complete && done < budget; done += COUNT_STEP)
		f->cnt = search_count_step(f->s, COUNT_STEP);
}

/* What follows the count: " (wrapped)", and where the match is in an
 * older version of its article, " (in version 1 of 3)". */
static void older_note(const struct app *a, char *buf, size_t n)
{
	const struct fold *fo = &a->fold;
	size_t st = a->find.hit.story;
	int k = snprintf(buf, n, "%s", a->find.wrapped ? " (wrapped)" : "");

	if (st < fo->n && !fold_is_latest(fo, st) && k >= 0 && (size_t)k < n)
		snprintf(buf + k, n - (size_t)k, " (in version %u of %u)",
			 (unsigned)fo->version[st], (unsigned)fo->gsize[fo->group[st] - 1]);
}

/* The search's state for the status line ("match i of N in M stories"). */
static void count_text(struct app *a, char *buf, size_t n)
{
	struct finder *f = &a->find;
	char note[96];
	size_t i;

	if (!f->found) {
		snprintf(buf, n, "No match");
		return;
	}
	older_note(a, note, sizeof note);
	if (!f->cnt.complete) {
		snprintf(buf, n, "match \xE2\x80\xA6 of %zu\xE2\x80\xA6 (counting)%s",
			 f->cnt.matches, note);
		return;
	}
	i = search_ordinal(f->s, &f->hit);
	if (i)
		snprintf(buf, n, "match %zu of %zu in %zu %s%s", i, f->cnt.matches,
			 f->cnt.stories, f->cnt.stories == 1 ? "story" : "stories", note);
	else
		snprintf(buf, n, "%zu matches in %zu %s%s", f->cnt.matches, f->cnt.stories,
			 f->cnt.stories == 1 ? "story" : "stories", note);
}

/* Put the count on the status line, and keep it there as counting goes. */
static void say_count(struct app *a)
{
	count_text(a, a->msg, sizeof a->msg);
	a->find.live = 1;
}

/* Find from a place, skipping stories outside the filter; *wrapped says
 * whether it went round the end.  Returns 1 if found. */
static int find_from(struct app *a, struct search_pos from, int dir,
		     struct search_hit *hit, int *wrapped)
{
	int w;

	*wrapped = 0;
	for (size_t k = 0; k <= a->sl->n; k++) {
		if (!search_find(a->find.s, &from, dir, hit, &w) || (w && *wrapped))
			return 0;
		*wrapped |= w;
		if (!a->find.keep || a->find.keep[hit->story])
			return 1;
		from.line = from.off = 0;
		from.story = dir > 0 ? hit->story + 1 : hit->story;
	}
	return 0;
}

/* Show a match: select its story (not marking it read), scroll to it. */
static void show_hit(struct app *a, const struct search_hit *h)
{
	a->sel = h->story;
	reader_show(a, h->line, h->start);
	list_follow(a);
}

/* Go back to the view saved when the prompt opened. */
static void restore_view(struct app *a)
{
	struct finder *f = &a->find;

	a->sel = f->save_sel;
	a->focus = (enum focus)f->save_focus;
	reader_relayout(a);
	a->top = f->save_top;
	reader_relayout(a);
	a->list_top = f->save_list_top;
	list_follow(a);
}

/* Remember the query last searched. */
static void keep_query(struct finder *f, const char *q, size_t n)
{
	free(f->query);
	f->query = xmemdup(q, n);
}

/* Search for the prompt's text from where the search began. */
static int search_typed(struct app *a, const char *line, size_t n)
{
	struct finder *f = &a->find;
	struct search_hit h;
	int w;

	keep_query(f, line, n);
	f->found = 0;
	f->wrapped = 0;
	f->active = search_set_query(f->s, line, n);
	if (f->active)
		f->found = find_from(a, f->from, f->dir, &h, &w);
	if (f->found) {
		f->hit = h;
		f->wrapped = w ? f->dir : 0;
		show_hit(a, &h);
	} else {
		restore_view(a);
	}
	memset(&f->cnt, 0, sizeof f->cnt);
	if (f->active)
		count_some(a, COUNT_NOW);
	return H_HANDLED | H_ALL;
}

static int repeat_search(struct app *a);

/* Enter on the search prompt: keep the place found; an empty line
 * repeats the last search in the prompt's direction, as less's does. */
static int search_accept(struct app *a, const char *line)
{
	struct finder *f = &a->find;

	if (!*line)
		return repeat_search(a);
	if (!f->active) {
		restore_view(a);
		return H_HANDLED | H_ALL;
	}
	if (f->found && a->focus == FOCUS_READER)
		ustate_opened(a, a->sel);
	say_count(a);
	return H_HANDLED | H_ALL;
}

/* Esc on the search prompt: back exactly to where the search began,
 * highlights off. */
static int search_cancel(struct app *a)
{
	a->find.active = a->find.found = 0;
	restore_view(a);
	return H_HANDLED | H_ALL;
}

/* The count beside the search prompt. */
static void search_info(struct app *a, char *buf, size_t n)
{
	if (a->find.active)
		count_text(a, buf, n);
	else
		snprintf(buf, n, "%s", "");
}

static int apply_filter(struct app *a, const char *line);

static const struct prompt_ops search_ops = {
	search_typed, search_accept, search_cancel, search_info,
};
static const struct prompt_ops filter_ops = {
	NULL, apply_filter, NULL, NULL,
};

/* Remember the view, to go back to it on Esc or when nothing matches. */
static void save_view(struct app *a)
{
	struct finder *f = &a->find;

	f->save_sel = a->sel;
	f->save_top = a->top;
	f->save_list_top = a->list_top;
	f->save_focus = (int)a->focus;
}

int find_open(struct app *a, enum prompt_kind kind, int dir)
{
	struct finder *f = &a->find;
	size_t line, off;

	if (a->sl->n == 0) {
		ui_message(a, "No stories");
		return H_HANDLED | H_STATUS;
	}
	index_of(a);
	save_view(a);
	if (kind == PROMPT_FILTER)
		return prompt_open(a, PROMPT_FILTER, "filter: ", &filter_ops);
	f->dir = dir;
	f->was_found = f->found;
	f->active = f->found = 0;
	reader_where(a, &line, &off);
	f->from = (struct search_pos){ a->sel, line, off };
	return prompt_open(a, PROMPT_SEARCH, dir > 0 ? "/" : "?", &search_ops);
}

/* Apply the filter prompt's words; none shows every story again. */
static int apply_filter(struct app *a, const char *line)
{
	struct finder *f = &a->find;
	unsigned char *keep;
	size_t k;
	char buf[160];

	if (strspn(line, " ") == strlen(line)) {
		free(f->keep);
		free(f->filter);
		f->keep = NULL;
		f->filter = NULL;
		list_refilter(a);
		snprintf(buf, sizeof buf, "No filter: all %zu stories", a->sl->n);
		ui_message(a, buf);
		return H_HANDLED | H_ALL;
	}
	keep = xmalloc(a->sl->n);
	k = search_filter(f->s, line, strlen(line), keep);
	if (k == 0) {
		free(keep);
		ui_message(a, "No story contains all of those words; the list is as it was");
		return H_HANDLED | H_ALL;
	}
	free(f->keep);
	free(f->filter);
	f->keep = keep;
	f->nkept = k;
	f->filter = xstrdup(line);
	list_refilter(a);
	if (!keep[a->sel]) {
		size_t at = list_pos(a, a->sel);

		return ui_select(a, a->vis[at < a->nvis ? at : a->nvis - 1]);
	}
	list_follow(a);
	return H_HANDLED | H_ALL;
}

/* Make the last search of the history the current one again. */
static int reactivate(struct app *a)
{
	struct finder *f = &a->find;
	const char *q = prompt_last(a, PROMPT_SEARCH);

	if (!f->s || !q)
		return 0;
	keep_query(f, q, strlen(q));
	f->active = search_set_query(f->s, f->query, strlen(f->query));
	f->found = 0;
	memset(&f->cnt, 0, sizeof f->cnt);
	return f->active;
}

/* Where n/N look from: just past (or at) the current match if it is in the
 * shown story, else the top of the reading pane. */
static struct search_pos next_from(struct app *a, int dir)
{
	struct finder *f = &a->find;
	struct search_pos p = { a->sel, 0, 0 };

	if (f->found && f->hit.story == a->sel) {
		const struct story *s = &a->sl->stories[a->sel];
		struct bstr t = line_text(s->doc, &story_lines(s)[f->hit.line]);
		size_t off = f->hit.start;

		if (dir > 0 && off < t.n)
			off += (size_t)u8_mblen((const uint8_t *)t.s + off, t.n - off) > 0 ?
			       (size_t)u8_mblen((const uint8_t *)t.s + off, t.n - off) : 1;
		p.line = f->hit.line;
		p.off = off;
		return p;
	}
	reader_where(a, &p.line, &p.off);
	return p;
}

/* An empty search prompt accepted: the last query again, from the match
 * shown when the prompt opened, in the new direction. */
static int repeat_search(struct app *a)
{
	struct finder *f = &a->find;
	int found = f->was_found;

	if (!reactivate(a)) {
		restore_view(a);
		ui_message(a, "No previous search");
		return H_HANDLED | H_ALL;
	}
	restore_view(a);
	f->found = found;
	return find_next(a, 1);
}

int find_next(struct app *a, int dir)
{
	struct finder *f = &a->find;
	struct search_hit h;
	int w;

	dir *= f->dir < 0 ? -1 : 1;	/* n goes the search's way, N back */
	if (!f->active && !reactivate(a)) {
		ui_message(a, "No search yet: / searches, ? searches backwards");
		return H_HANDLED | H_STATUS;
	}
	if (!find_from(a, next_from(a, dir), dir, &h, &w)) {
		f->found = 0;
		ui_message(a, "No match");
		return H_HANDLED | H_ALL;
	}
	f->found = 1;
	f->hit = h;
	f->wrapped = w ? dir : 0;
	show_hit(a, &h);
	if (a->focus == FOCUS_READER)
		ustate_opened(a, a->sel);
	count_some(a, COUNT_NOW);
	say_count(a);
	return H_HANDLED | H_ALL;
}

int find_restripped(struct app *a)
{
	struct finder *f = &a->find;
	struct search_hit h;
	struct search_pos from;
	char buf[160];
	int w;

	if (!f->s)
		return 0;
	search_set_stripped(f->s, a->show_stripped);
	if (f->keep && f->filter) {
		f->nkept = search_filter(f->s, f->filter, strlen(f->filter), f->keep);
		list_refilter(a);
		list_follow(a);
	}
	if (!f->active)
		return H_ALL;
	from = f->found ? (struct search_pos){ f->hit.story, f->hit.line, f->hit.start } : f->from;
	f->found = find_from(a, from, 1, &h, &w);
	f->wrapped = 0;
	if (f->found) {
		f->hit = h;
		f->wrapped = w;
		show_hit(a, &h);
	}
	memset(&f->cnt, 0, sizeof f->cnt);
	count_some(a, COUNT_NOW);
	count_text(a, buf, sizeof buf);
	snprintf(a->msg, sizeof a->msg, "Stripped lines %s; %.120s",
		 a->show_stripped ? "shown" : "hidden", buf);
	f->live = 0;
	return H_ALL;
}

int find_busy(const struct app *a)
{
	/* the index is yet to be started: once all is loaded, and the
	 * versions put off at open are folded (the fold's transient arrays
	 * and the index at once were the reader's peak memory) */
	if (!a->find.s)
		return !load_busy(a) && !a->fold_due;
	if (!search_built(a->find.s))
		return 1;
	return a->find.active && !a->find.cnt.complete;
}

int find_idle(struct app *a)
{
	struct finder *f = &a->find;

	if (!find_busy(a))
		return 0;
	if (!f->s) {		/* stories loaded: index them while idle */
		index_start(a);
		return 0;
	}
	if (!search_built(f->s)) {
		if (search_build_step(f->s, INDEX_STEP))
			set_groups(a, 1);
		return 0;
	}
	f->cnt = search_count_step(f->s, COUNT_STEP);
	if (!f->cnt.complete)
		return 0;
	if (prompt_kind(a) == PROMPT_SEARCH)
		return H_STATUS;
	if (f->live && a->msg[0]) {
		say_count(a);
		return H_STATUS;
	}
	return 0;
}

void find_status(const struct app *a, char *buf, size_t n)
{
	const struct finder *f = &a->find;

	if (!f->keep || !f->filter)
		snprintf(buf, n, "%s", "");
	else if (a->fold.n)	/* by article */
		snprintf(buf, n, "  filter: %s (%zu of %zu stories)", f->filter, a->nvis,
			 (size_t)a->fold.ngroups + (a->sl->n - a->fold.n));
	else
		snprintf(buf, n, "  filter: %s (%zu of %zu stories)", f->filter, f->nkept,
			 a->sl->n);
}

/* Filter the stories again with the filter's words. */
static void refilter(struct app *a)
{
	struct finder *f = &a->find;

	f->keep = xrealloc(f->keep, a->sl->n ? a->sl->n : 1);
	f->nkept = search_filter(f->s, f->filter, strlen(f->filter), f->keep);
}

int find_stories(struct app *a, enum story_change c, size_t from)
{
	struct finder *f = &a->find;

	(void)from;
	if (!f->s)
		return 0;
	search_restory(f->s);
	set_groups(a, c != STORIES_ADDED);
	if (c != STORIES_ADDED) {
		f->found = 0;
		memset(&f->cnt, 0, sizeof f->cnt);
		if (f->active && f->query)
			f->active = search_set_query(f->s, f->query, strlen(f->query));
	} else if (f->active) {
		f->cnt = search_count_step(f->s, 0);
	}
	if (f->keep)
		refilter(a);
	return 0;
}

void find_reindex(struct app *a)
{
	struct finder *f = &a->find;

	if (!f->s)
		return;
	search_free(f->s);
	f->s = NULL;
	f->found = 0;
	memset(&f->cnt, 0, sizeof f->cnt);
	/* a search on: its matches are shown, so index now; else the index
	 * is made again while idle (find_idle), the new stories shown first */
	if (f->active && f->query) {
		index_of(a);
		f->active = search_set_query(f->s, f->query, strlen(f->query));
	}
}

void find_follow(struct app *a)
{
	struct finder *f = &a->find;

	f->save_sel = a->sel;
	if (f->keep && !f->keep[a->sel]) {
		free(f->keep);
		free(f->filter);
		f->keep = NULL;
		f->filter = NULL;
		list_refilter(a);
	}
}

void find_free(struct app *a)
{
	struct finder *f = &a->find;

	search_free(f->s);
	free(f->query);
	free(f->keep);
	free(f->filter);
	memset(f, 0, sizeof *f);
}
