/* SPDX-License-Identifier: MIT */
/* ui_state.c - the reader's side of the durable state: read marks keyed
 * by story text, the position to resume at, split and join corrections,
 * and saving (debounced while reading, and on every way out) */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "pcache.h"
#include "ui_panes.h"
#include "xmalloc.h"

/* Save this long after the last change (ms). */
#define SAVE_DEBOUNCE_MS 2000
/* ... but never later than this after the first unsaved change (ms). */
#define SAVE_MAX_WAIT_MS 10000
/* After a failed save, try again this much later (ms). */
#define SAVE_RETRY_MS 30000

/* Whether story i is read, from the state. */
static int is_read(const struct app *a, size_t i)
{
	return a->keys && state_is_read(a->st, a->keys[i].hex);
}

/* What the list shows of each story from the marks of its own text and
 * of its article's other versions (stories not yet folded: their own). */
static void read_states(struct app *a)
{
	memcpy(a->read, a->own, a->sl->n);
	if (a->fold.n == a->sl->n && a->sl->n)
		fold_read_states(&a->fold, a->own, a->read);
}

/* Take the read marks of every story from the state. */
static void reload_marks(struct app *a)
{
	for (size_t i = 0; i < a->sl->n; i++)
		a->own[i] = (unsigned char)is_read(a, i);
	read_states(a);
}

/* Documents this long have their versions folded only once the first
 * screen is up (a fold of 100 MB takes half a second). */
#define FOLD_PUT_OFF_BYTES ((size_t)1 << 20)

/* Bytes of text of all documents. */
static size_t text_bytes(const struct app *a)
{
	size_t n = 0;

	for (size_t i = 0; i < a->sl->ndocs; i++)
		n += a->sl->docs[i]->len;
	return n;
}

/* Group the versions of each article, once every story is there; before
 * the first screen of a long dump (every story from the parse cache),
 * once that screen is up and keys pause (ustate_idle): the list is right
 * without it meanwhile (one row a story, as while loading). */
static void refold(struct app *a)
{
	fold_free(&a->fold);
	a->fold_due = 0;
	if (a->load.busy)
		return;
	if (!a->status && text_bytes(a) >= FOLD_PUT_OFF_BYTES)
		a->fold_due = ui_now_ms();
	else
		fold_stories(&a->fold, a->sl);
}

/* Story keys and read marks of every story. */
static void index_stories(struct app *a)
{
	size_t n = a->sl->n ? a->sl->n : 1;

	free(a->keys);
	a->keys = NULL;
	refold(a);	/* first: its signatures and the keys at once were the peak */
	a->keys = state_keys(a->sl);
	a->read = xrealloc(a->read, n);
	a->own = xrealloc(a->own, n);
	reload_marks(a);
}

/* Take the place to resume at, if it is among the stories; 1 if so. */
static int resume(struct app *a)
{
	size_t story, line;

	if (!state_resume(a->st, a->sl, a->keys, &story, &line))
		return 0;
	a->sel = story;
	a->placed = 1;
	a->resume_line = line + 1;
	return 1;
}

void ustate_open(struct app *a)
{
	char msg[512];

	a->hold_unread = -1;
	a->st = state_open(NULL, a->opt->no_state ? STATE_NONE : 0, msg, sizeof msg);
	if (*msg)
		ui_message(a, msg);
	/* while parsing, the stories are corrected once all are there */
	if (!a->load.busy)
		state_apply(a->st, a->sl);
	ui_stories_changed(a, STORIES_ADDED, 0);
	a->load.resume = !resume(a) && a->load.busy;
}

/* Keys and read marks of the stories from old on, just parsed; the
 * place to resume at if it came with them.  Returns H_* flags. */
static int extend(struct app *a, size_t old)
{
	size_t n = a->sl->n;

	a->keys = xrealloc(a->keys, (n ? n : 1) * sizeof *a->keys);
	a->read = xrealloc(a->read, n ? n : 1);
	a->own = xrealloc(a->own, n ? n : 1);
	for (size_t i = old; i < n; i++) {
		state_story_key(&a->sl->stories[i], a->keys[i].hex);
		a->own[i] = (unsigned char)is_read(a, i);
	}
	/* the keys kept with cached parses are taken (every story there
	 * is from the start): not held while the versions are folded */
	pcache_forget_keys();
	if (old < n)
		refold(a);
	read_states(a);
	/* until the user presses a key, go where they stopped once it comes */
	if (!a->load.resume || !resume(a))
		return 0;
	a->load.resume = 0;
	return H_LAYOUT;
}

int ustate_stories(struct app *a, enum story_change c, size_t from)
{
	if (c == STORIES_TAIL && a->pos_story > from)
		a->pos_story = 0;	/* that story may be gone */
	if (c == STORIES_TAIL && a->hold_unread >= (long)from)
		a->hold_unread = -1;
	if (c == STORIES_ADDED || c == STORIES_TAIL)
		return extend(a, from);
	index_stories(a);
	a->pos_story = 0;
	return 0;
}

/* Note a change of the state: schedule a save. */
static void changed(struct app *a)
{
	long now = ui_now_ms();

	if (!a->dirty_since)
		a->dirty_since = now;
	a->save_due = now + SAVE_DEBOUNCE_MS;
	if (a->save_due > a->dirty_since + SAVE_MAX_WAIT_MS)
		a->save_due = a->dirty_since + SAVE_MAX_WAIT_MS;
	a->save_failed = 0;
}

/* Mark story i read (read != 0) or unread, in the state and the list. */
static void set_read(struct app *a, size_t i, int read)
{
	if (i >= a->sl->n)
		return;
	if (a->fold.n == a->sl->n) {	/* it and its versions only */
		fold_read_group(&a->fold, a->own, a->read, i, read ? FOLD_READ : FOLD_UNREAD);
	} else {
		a->own[i] = (unsigned char)read;
		a->read[i] = a->own[i];
	}
	if (a->keys && state_mark(a->st, a->keys[i].hex, read))
		changed(a);
}

void ustate_opened(struct app *a, size_t i)
{
	if (i < a->sl->n && a->read[i] == FOLD_UPDATED)
		ui_message(a, "Updated since you read it");
	if (a->hold_unread >= 0 && (size_t)a->hold_unread != i)
		a->hold_unread = -1;
	if (a->cfg->mark_read == CONFIG_READ_OPEN && (long)i != a->hold_unread)
		set_read(a, i, 1);
}

int ustate_follow(struct app *a)
{
	int flags = 0;
	size_t line;

	a->last_key = ui_now_ms();
	if (a->sl->n == 0 || !a->reader || a->help_on)
		return 0;
	if (a->hold_unread >= 0 && (size_t)a->hold_unread != a->sel)
		a->hold_unread = -1;
	if (a->cfg->mark_read == CONFIG_READ_END && a->focus == FOCUS_READER &&
	    a->hold_unread < 0 && a->read[a->sel] != FOLD_READ && reader_at_end(a)) {
		set_read(a, a->sel, 1);
		flags |= H_LIST | H_READER;
	}
	line = reader_top_line(a);
	if (a->pos_story != a->sel + 1 || a->pos_line != line + 1) {
		/* hashes the story: only when the position changed */
		state_set_pos(a->st, &a->sl->stories[a->sel], line);
		a->pos_story = a->sel + 1;
		a->pos_line = line + 1;
		if (state_dirty(a->st))
			changed(a);
	}
	if (state_dirty(a->st) && !a->save_due)
		changed(a);
	return flags;
}

int ustate_save(struct app *a)
{
	char msg[512];
	int r;

	if (!state_dirty(a->st))
		return 0;
	r = state_save(a->st, msg, sizeof msg);
	a->dirty_since = 0;
	a->save_due = 0;
	if (r < 0) {
		a->save_failed = 1;
		a->save_due = ui_now_ms() + SAVE_RETRY_MS;
		a->dirty_since = a->save_due;
		ui_message(a, msg);
		return -1;
	}
	if (r > 0)
		ui_message(a, msg);
	reload_marks(a);	/* another instance's marks, merged */
	return 0;
}

/* Keys pause this long before the versions put off at open are folded. */
#define FOLD_QUIET_MS 250

/* Fold the versions put off at open, once keys have paused FOLD_QUIET_MS
 * since the first screen; H_* flags. */
static int fold_put_off(struct app *a)
{
	long now = ui_now_ms();

	if (!a->fold_due || !a->status || a->load.busy ||
	    now - (a->last_key > a->fold_due ? a->last_key : a->fold_due) < FOLD_QUIET_MS)
		return 0;
	fold_stories(&a->fold, a->sl);
	a->fold_due = 0;
	read_states(a);
	/* the list's rows, the search's count by article, the reader's
	 * versions: as when the last stories come */
	return ui_stories_changed(a, STORIES_ADDED, a->sl->n) | H_ALL;
}

int ustate_wait_ms(const struct app *a, int max)
{
	long due = (a->last_key > a->fold_due ? a->last_key : a->fold_due) + FOLD_QUIET_MS;
	long left = due - ui_now_ms();

	if (!a->fold_due)
		return max;
	return left <= 0 ? 0 : left < max ? (int)left : max;
}

int ustate_idle(struct app *a)
{
	int flags = fold_put_off(a);

	if (!a->save_due || ui_now_ms() < a->save_due)
		return flags;
	if (ustate_save(a) < 0)
		return flags | H_STATUS;
	return flags | H_LIST | (a->msg[0] ? H_STATUS : 0);
}

int ustate_close(struct app *a, char *msg, size_t msglen)
{
	int r = 0;

	*msg = '\0';
	if (state_fold(a->st, msg, msglen) < 0)	/* the journal into the file */
		r = -1;
	state_close(a->st);
	a->st = NULL;
	free(a->keys);
	a->keys = NULL;
	fold_free(&a->fold);
	free(a->own);
	a->own = NULL;
	return r;
}

int ustate_toggle(struct app *a)
{
	int read;

	if (a->sl->n == 0)
		return H_HANDLED;
	read = a->read[a->sel] != FOLD_READ;
	set_read(a, a->sel, read);
	a->hold_unread = read ? -1 : (long)a->sel;
	ui_message(a, read ? "Marked read" : "Marked unread");
	return H_HANDLED | H_LIST | H_READER | H_STATUS;	/* the header says it too */
}

/* After the stories changed (corrections applied): every module with
 * state per story updates itself; show document line li of d at the top. */
static void reindex(struct app *a, const struct doc *d, size_t li)
{
	const struct story *s;

	ui_stories_changed(a, STORIES_REPLACED, 0);
	a->sel = storylist_holding(a->sl, d, li);
	find_follow(a);
	s = &a->sl->stories[a->sel];
	reader_top_at(a, li > s->first ? li - s->first : 0);
	list_follow(a);
}

/* Mark every story of d within lines [from, to) read or unread: the
 * stories a split or join made from stories so marked. */
static void mark_range(struct app *a, const struct doc *d, size_t from, size_t to,
		       int read)
{
	for (size_t i = 0; i < a->sl->n; i++) {
		const struct story *s = &a->sl->stories[i];

		if (s->doc == d && s->first >= from && s->first + s->count <= to)
			set_read(a, i, read);
	}
}

/* Apply the corrections and rebuild what depends on story indices;
 * show document line li of d at the top.  The stories now covering
 * lines [from, to) of d take the mark read (their text, and so their
 * keys, are new). */
static void restory(struct app *a, const struct doc *d, size_t li, size_t from,
		    size_t to, int read)
{
	state_apply(a->st, a->sl);
	reindex(a, d, li);
	mark_range(a, d, from, to, read);
	changed(a);
}

int ustate_loaded(struct app *a)
{
	const struct story *s;
	const struct doc *d;
	size_t line, off, li;
	int flags = 0;

	if (a->sl->n == 0)
		return 0;
	reader_where(a, &line, &off);
	s = &a->sl->stories[a->sel];
	d = s->doc;
	li = s->first + line;
	if (state_apply(a->st, a->sl) > 0) {
		reindex(a, d, li);
		flags = H_LAYOUT;
	}
	if (a->load.resume && resume(a))
		flags = H_LAYOUT;
	a->load.resume = 0;
	return flags;
}

/* Say that the stories cannot be split or joined yet; 1 if so. */
static int still_loading(struct app *a)
{
	if (!a->load.busy)
		return 0;
	ui_message(a, "Still reading the stories; split and join once it is done");
	return 1;
}

int ustate_split(struct app *a)
{
	char msg[256];
	size_t line, off;
	const struct story *s;
	const struct doc *d;

	if (a->sl->n == 0)
		return H_HANDLED;
	if (still_loading(a))
		return H_HANDLED | H_STATUS;
	reader_where(a, &line, &off);
	s = &a->sl->stories[a->sel];
	d = s->doc;
	if (state_split(a->st, s, line, msg, sizeof msg) < 0) {
		ui_message(a, msg);
		return H_HANDLED | H_STATUS;
	}
	while (line < s->count && story_lines(s)[line].kind != LK_PARAGRAPH)
		line++;
	/* both halves keep the story's mark */
	restory(a, d, s->first + line, s->first, s->first + s->count, a->read[a->sel]);
	ui_message(a, "Split here; the rest is a story of its own (M joins them again)");
	return H_HANDLED | H_LAYOUT;
}

int ustate_join(struct app *a)
{
	char msg[256];
	size_t line, off, li;
	const struct story *s, *next;

	if (a->sl->n == 0)
		return H_HANDLED;
	if (still_loading(a))
		return H_HANDLED | H_STATUS;
	reader_where(a, &line, &off);
	s = &a->sl->stories[a->sel];
	next = a->sel + 1 < a->sl->n ? &a->sl->stories[a->sel + 1] : NULL;
	if (state_join(a->st, s, next, msg, sizeof msg) < 0) {
		ui_message(a, msg);
		return H_HANDLED | H_STATUS;
	}
	li = s->first + line;
	/* read only if both parts were: an unread part stays to be read */
	restory(a, s->doc, li, s->first, next->first + next->count,
		a->read[a->sel] && a->read[a->sel + 1]);
	ui_message(a, "Joined with the next story (S splits it again)");
	return H_HANDLED | H_LAYOUT;
}
