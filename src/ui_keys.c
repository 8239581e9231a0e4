/* SPDX-License-Identifier: MIT */
/* ui_keys.c - dispatch through the key table (keys.c); one handler per
 * action, each returning H_* flags */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "config_file.h"
#include "keys.h"
#include "tcurses.h"
#include "ui_panes.h"

/* The core's key codes are curses' (keys.h cannot include curses). */
_Static_assert(TK_DOWN == KEY_DOWN && TK_UP == KEY_UP && TK_LEFT == KEY_LEFT &&
	       TK_RIGHT == KEY_RIGHT && TK_HOME == KEY_HOME && TK_END == KEY_END &&
	       TK_BACKSPACE == KEY_BACKSPACE && TK_F(1) == KEY_F(1) &&
	       TK_DC == KEY_DC && TK_NPAGE == KEY_NPAGE && TK_PPAGE == KEY_PPAGE &&
	       TK_ENTER == KEY_ENTER && TK_BTAB == KEY_BTAB && TK_MAX == KEY_MAX,
	       "keys.h's key codes differ from curses'");

/* Mark the shown story read when the reading pane shows it for reading. */
static void mark_read(struct app *a)
{
	if (a->sl->n)
		ustate_opened(a, a->sel);
}

/* Move by delta rows in the focused pane. */
static int move_by(struct app *a, long delta)
{
	if (a->focus == FOCUS_LIST)
		return list_move(a, delta);
	return reader_scroll(a, delta);
}

/* Half a page of the focused pane, at least one row. */
static long half(const struct app *a)
{
	size_t p = a->focus == FOCUS_LIST ? list_page(a) : reader_page(a);

	return p > 1 ? (long)(p / 2) : 1;
}

/* A page of the focused pane. */
static long page(const struct app *a)
{
	size_t p = a->focus == FOCUS_LIST ? list_page(a) : reader_page(a);

	return p > 0 ? (long)p : 1;
}

/* Put the focus on the reading pane and read the shown story. */
static int open_reader(struct app *a)
{
	a->focus = FOCUS_READER;
	mark_read(a);
	return H_HANDLED | H_ALL;
}

static int act_down(struct app *a) { return move_by(a, 1); }
static int act_up(struct app *a) { return move_by(a, -1); }
static int act_half_down(struct app *a) { return move_by(a, half(a)); }
static int act_half_up(struct app *a) { return move_by(a, -half(a)); }
static int act_page_down(struct app *a) { return move_by(a, page(a)); }
static int act_page_up(struct app *a) { return move_by(a, -page(a)); }

/* Top of the story, or the first story. */
static int act_top(struct app *a)
{
	if (a->focus == FOCUS_LIST)
		return a->nvis ? ui_select(a, a->vis[0]) : H_HANDLED;
	return reader_goto(a, 0);
}

/* Bottom of the story, or the last story. */
static int act_bottom(struct app *a)
{
	if (a->focus == FOCUS_LIST)
		return load_bottom(a);
	return reader_goto(a, 1);
}

static int act_open(struct app *a) { return open_reader(a); }

/* Leave zoom, then the reading pane. */
static int act_back(struct app *a)
{
	if (a->zoom) {
		a->zoom = 0;
		a->focus = FOCUS_LIST;
		return H_HANDLED | H_LAYOUT;
	}
	a->focus = FOCUS_LIST;
	return H_HANDLED | H_ALL;
}

/* Go to the next (dir > 0) or previous story the list shows, staying in
 * the focused pane. */
static int step_story(struct app *a, long dir)
{
	size_t at = list_pos(a, a->sel);

	if (dir > 0 && list_shows(a, a->sel))
		at++;
	if (a->nvis == 0 || (dir < 0 && at == 0) || (dir > 0 && at >= a->nvis)) {
		ui_message(a, dir < 0 ? "This is the first story" : "This is the last story");
		return H_HANDLED | H_STATUS;
	}
	return ui_select(a, a->vis[dir < 0 ? at - 1 : at]);
}

static int act_next_story(struct app *a) { return step_story(a, 1); }
static int act_prev_story(struct app *a) { return step_story(a, -1); }

/* Show the newer (dir > 0) or older version of the shown story's
 * article, in the pane that has the focus. */
static int step_version(struct app *a, int dir)
{
	size_t j = fold_step(&a->fold, a->sel, dir);

	if (j == SIZE_MAX) {
		ui_message(a, a->sel >= a->fold.n ? "Versions are known once every story is loaded" :
			   a->fold.gsize[a->fold.group[a->sel] - 1] < 2 ?
			   "This story has one version" : dir > 0 ?
			   "This is the newest version" : "This is the oldest version");
		return H_HANDLED | H_STATUS;
	}
	return ui_select(a, j);
}

static int act_next_version(struct app *a) { return step_version(a, 1); }
static int act_prev_version(struct app *a) { return step_version(a, -1); }

/* Say which file story i is in ("File 2 of 3: name"). */
static void say_file(struct app *a, size_t i)
{
	const struct doc *d = a->sl->stories[i].doc;
	size_t k = 0;
	char buf[160];

	while (k < a->sl->ndocs && a->sl->docs[k] != d)
		k++;
	snprintf(buf, sizeof buf, "File %zu of %zu: %.120s", k + 1, a->sl->ndocs, d->name);
	ui_message(a, buf);
}

/* The first story the list shows of the file of its row at, searching
 * rows [at, nvis); nvis if none. */
static size_t file_start(const struct app *a, size_t at)
{
	const struct doc *d = a->sl->stories[a->vis[at]].doc;

	while (at > 0 && a->sl->stories[a->vis[at - 1]].doc == d)
		at--;
	return at;
}

/* } : the first story of the next file the list shows. */
static int act_next_file(struct app *a)
{
	size_t at = list_pos(a, a->sel);
	const struct doc *d;

	if (at >= a->nvis)
		return H_HANDLED;
	d = a->sl->stories[a->vis[at]].doc;
	while (at < a->nvis && a->sl->stories[a->vis[at]].doc == d)
		at++;
	if (at >= a->nvis) {
		ui_message(a, "This is the last file");
		return H_HANDLED | H_STATUS;
	}
	say_file(a, a->vis[at]);
	return ui_select(a, a->vis[at]);
}

/* { : the first story of this file, or if there already, of the
 * previous file. */
static int act_prev_file(struct app *a)
{
	size_t at = list_pos(a, a->sel), first;

	if (at >= a->nvis)
		return H_HANDLED;
	first = file_start(a, at);
	if (first == at && list_shows(a, a->sel)) {
		if (at == 0) {
			ui_message(a, "This is the first file");
			return H_HANDLED | H_STATUS;
		}
		first = file_start(a, at - 1);
	}
	say_file(a, a->vis[first]);
	return ui_select(a, a->vis[first]);
}

/* : waits for less's command letter (n or p). */
static int act_colon(struct app *a)
{
	a->colon = 1;
	ui_message(a, ":");
	return H_HANDLED | H_STATUS;
}

/* The key after ':': n the next file, p the previous one. */
static int colon_command(struct app *a, int key)
{
	a->colon = 0;
	if (key == 'n')
		return act_next_file(a);
	if (key == 'p')
		return act_prev_file(a);
	ui_message(a, "Unknown : command (:n next file, :p previous file)");
	return H_HANDLED | H_STATUS;
}

/* Open the next unread story after the shown one, wrapping around. */
static int act_next_unread(struct app *a)
{
	size_t at = list_pos(a, a->sel), shown = (size_t)list_shows(a, a->sel);

	for (size_t k = 0; k < a->nvis; k++) {
		size_t i = a->vis[(at + k + shown) % a->nvis];

		if (a->read[i] != FOLD_READ) {	/* unread, or updated since */
			a->focus = FOCUS_READER;
			return ui_select(a, i) | open_reader(a);
		}
	}
	ui_message(a, "No unread stories");
	return H_HANDLED | H_STATUS;
}

/* Switch the focused pane (leaving zoom for the list). */
static int act_focus(struct app *a)
{
	if (a->focus == FOCUS_LIST)
		return open_reader(a);
	a->focus = FOCUS_LIST;
	if (a->zoom) {
		a->zoom = 0;
		return H_HANDLED | H_LAYOUT;
	}
	return H_HANDLED | H_ALL;
}

/* Zoom the reading pane to the whole screen and back. */
static int act_zoom(struct app *a)
{
	a->zoom = !a->zoom;
	if (a->zoom)
		open_reader(a);
	return H_HANDLED | H_LAYOUT;
}

/* Show or hide the stripped lines. */
static int act_stripped(struct app *a)
{
	a->show_stripped = !a->show_stripped;
	reader_relayout(a);
	ui_message(a, a->show_stripped ? "Showing stripped lines, dimmed" :
		   "Hiding stripped lines");
	return H_HANDLED | H_READER | H_STATUS | find_restripped(a);
}

static int act_toggle_read(struct app *a) { return ustate_toggle(a); }
static int act_split(struct app *a) { return ustate_split(a); }
static int act_join(struct app *a) { return ustate_join(a); }
static int act_pipe(struct app *a) { return export_open(a, PROMPT_PIPE); }
static int act_links(struct app *a) { return export_links(a); }
static int act_save(struct app *a) { return export_open(a, PROMPT_SAVE); }

static int act_search_forward(struct app *a) { return find_open(a, PROMPT_SEARCH, 1); }
static int act_search_backward(struct app *a) { return find_open(a, PROMPT_SEARCH, -1); }
static int act_next_match(struct app *a) { return find_next(a, 1); }
static int act_previous_match(struct app *a) { return find_next(a, -1); }
static int act_filter(struct app *a) { return find_open(a, PROMPT_FILTER, 1); }

/* Say where the top of the reading pane is: file, physical line,
 * story, byte offset in the file's (sanitised) text; less's =. */
static int act_where(struct app *a)
{
	const struct story *s;
	const struct line *l;
	size_t line, off, all, at;
	char buf[160], rest[100];

	if (a->sl->n == 0 || a->sl->stories[a->sel].count == 0) {
		ui_message(a, "No stories");
		return H_HANDLED | H_STATUS;
	}
	s = &a->sl->stories[a->sel];
	reader_where(a, &line, &off);
	at = list_rank(a, a->sel, &all);
	l = &story_lines(s)[line < s->count ? line : 0];
	snprintf(rest, sizeof rest, " line %lu (story %zu of %zu, lines %lu-%lu), byte %zu of %zu",
		 (unsigned long)doc_lineno(s->doc, (size_t)(l - s->doc->lines)), at, all, (unsigned long)story_first_line(s),
		 (unsigned long)story_last_line(s), l->off + off, load_doc_len(a, s->doc));
	/* a long name keeps its end, where the file's own name is, and
	 * leaves the numbers room on the status line */
	const char *name = s->doc->name, *more = "";
	size_t nl = strlen(name), max = (size_t)(COLS > 0 ? COLS : 80);

	max = max > 24 + strlen(rest) + 12 ? max - 24 - strlen(rest) : 12;
	if (max > 60)
		max = 60;
	if (nl > max) {
		name += nl - (max - 1);
		while ((*name & 0xC0) == 0x80)
			name++;
		more = "\xE2\x80\xA6";	/* … */
	}
	snprintf(buf, sizeof buf, "%s%s%s", more, name, rest);
	ui_message(a, buf);
	return H_HANDLED | H_STATUS;
}

static int act_follow(struct app *a) { return follow_key(a); }

static int act_redraw(struct app *a) { (void)a; return H_HANDLED | H_LAYOUT | H_CLEAR; }

/* Put the help screen up. */
static int act_help(struct app *a)
{
	a->help_on = 1;
	a->help_top = 0;
	return H_HANDLED | H_LAYOUT;
}

static int act_quit(struct app *a) { (void)a; return H_HANDLED | H_QUIT; }

/* The handlers, in the order of the table. */
static int (*const handlers[ACT_COUNT])(struct app *) = {
#define TNEWS_KEY_HANDLER(act, name, help, ...) act_##act,
	TNEWS_KEYS(TNEWS_KEY_HANDLER)
#undef TNEWS_KEY_HANDLER
};

int keys_action(struct app *a, int key)
{
	int act = config_key_action(a->cfg, key, keys_lookup(key));

	a->find.live = 0;
	if (act != ACT_follow)
		a->follow.on = 0;		/* any other key stops following */
	return act < ACT_NONE || act >= ACT_COUNT ? ACT_NONE : act;
}

int keys_dispatch(struct app *a, int key)
{
	int act;

	if (a->colon)
		return colon_command(a, key);
	act = keys_action(a, key);
	if (act == ACT_NONE)
		return 0;
	return handlers[act](a);
}
