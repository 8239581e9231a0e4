/* SPDX-License-Identifier: MIT */
/* ui_panes.h - what the parts of the reader export to each other */
#ifndef TNEWS_UI_PANES_H
#define TNEWS_UI_PANES_H

#include "app.h"

/* The colour pair of a screen element (enum config_element) is el + 1;
 * a->el_attr[el] and a->el_pair[el] hold what to draw it with. */

/* ui_notify.c: one notification when the stories change */
/* How the stories changed. */
enum story_change {
	STORIES_ADDED,		/* appended from a given index on (loading) */
	STORIES_REPLACED,	/* corrections applied (split, join, the state's
				 * once loaded): any index may have moved */
	STORIES_TAIL,		/* the stories from a given index on replaced
				 * (a followed dump grew): those before are
				 * as they were, at the same indices */
};
/* Tell every module that keeps state per story, in order (ui_notify.c
 * lists them); each updates itself.  from: the first story added.
 * Returns the H_* flags they return. */
int ui_stories_changed(struct app *a, enum story_change c, size_t from);
/* The modules' parts: keys and read marks; the search index and the
 * filter; the list's rows; the laid-out story. */
int ustate_stories(struct app *a, enum story_change c, size_t from);
int find_stories(struct app *a, enum story_change c, size_t from);
int list_stories(struct app *a, enum story_change c, size_t from);
int reader_stories(struct app *a, enum story_change c, size_t from);

/* ui_mode.c: the modes, each with its draw and its key handler */
/* The mode on now (the one place that decides). */
enum mode ui_mode(const struct app *a);
/* Draw what flags say changed, as the mode shows it (no doupdate). */
void ui_mode_draw(struct app *a, int flags);
/* Handle one key as the mode does; returns H_* flags. */
int ui_mode_key(struct app *a, int key);

/* ui.c: the loop and the screen */
/* Show a message on the status line until the next key. */
void ui_message(struct app *a, const char *msg);
/* Milliseconds on a monotonic clock. */
long ui_now_ms(void);
/* The attribute of dimmed text (dim, or underline where dim is missing). */
attr_t ui_dim_attr(void);
/* Make story i the shown one and mark it read when the reader has focus. */
int ui_select(struct app *a, size_t i);
/* Draw the separator between the panes. */
void ui_draw_sep(struct app *a);
/* The signal (HUP, TERM, INT) that is ending tnews, or 0. */
int ui_ending(void);

/* ui_scroll.c: a scroll of the reading pane sent as the terminal's own */
/* Note what the terminal takes (after the screen starts). */
void fscroll_init(struct app *a);
/* After the panes are drawn (wnoutrefresh): when they differ from the
 * screen by a scroll of the reading pane by one row and a few cells,
 * send that and return 1 (curses then sends nothing for it); else 0. */
int fscroll_draw(struct app *a, int flags);
/* Before curses writes to the terminal: reset the scroll region and put
 * back the cursor and attributes curses left, if fscroll_draw moved them. */
void fscroll_release(struct app *a);

/* ui_reader.c: the reading pane */
/* Lay the shown story out again if story, width or mode changed, keeping
 * the row at the top of the pane at the top. */
void reader_relayout(struct app *a);
/* Draw the reading pane into its window (wnoutrefresh). */
void reader_draw(struct app *a);
/* Scroll by delta rows; returns H_* flags. */
int reader_scroll(struct app *a, long delta);
/* Go to the top or (bottom != 0) the bottom; returns H_* flags. */
int reader_goto(struct app *a, int bottom);
/* Rows in a page of the reading pane. */
size_t reader_page(const struct app *a);
/* "Top", "Bot", "All" or the percentage shown, into buf. */
void reader_position(const struct app *a, char *buf, size_t n);
void reader_free(struct app *a);
/* Show the shown story's line (byte offset off of its text) in the pane,
 * scrolling only if it is not in view. */
void reader_show(struct app *a, size_t line, size_t off);
/* The place at the top of the pane: line of the story, byte offset. */
void reader_where(struct app *a, size_t *line, size_t *off);

/* Show line of the shown story at the top of the pane (0: the title). */
void reader_top_at(struct app *a, size_t line);
/* The line of the shown story at the top of the pane (0: the title). */
size_t reader_top_line(const struct app *a);
/* After the screen is updated: write the URLs shown in the pane again
 * as OSC 8 links (a->hyperlinks), the same characters in the same
 * attributes, so curses' idea of the screen stays true; the cursor and
 * attributes are saved and restored around them (DECSC, DECRC). */
void reader_hyperlinks(struct app *a);
/* Whether the end of the shown story is in the pane. */
int reader_at_end(const struct app *a);

/* ui_state.c: read marks, resume, corrections, saving */
/* Open the state, apply its corrections, take the marks and the place
 * to resume at (a->sel, a->resume_line); a warning goes to a->msg. */
void ustate_open(struct app *a);
/* Story i is shown for reading: mark it read if so configured. */
void ustate_opened(struct app *a, size_t i);
/* After a key: note when it came, remember the position, mark at the end
 * if so configured, schedule a save if anything changed; H_LIST if a
 * mark changed. */
int ustate_follow(struct app *a);
/* Save now; a failure goes to a->msg.  Returns 0, or -1. */
int ustate_save(struct app *a);
/* How long to wait for a key (at most max ms) before the versions put
 * off at open are due to be folded. */
int ustate_wait_ms(const struct app *a, int max);
/* Fold the versions put off at open once keys pause; save if a save is
 * due; returns H_* flags. */
int ustate_idle(struct app *a);
/* Save what is unsaved and free the state; 0, or -1 with the reason
 * in msg (the caller says it once the terminal is back). */
int ustate_close(struct app *a, char *msg, size_t msglen);
/* Toggle the shown story read/unread; returns H_* flags. */
int ustate_toggle(struct app *a);
/* Every story is parsed: apply the corrections to the whole list, and
 * give up waiting for the place to resume at.  Returns H_* flags. */
int ustate_loaded(struct app *a);
/* Split the shown story at the paragraph at the top of the pane. */
int ustate_split(struct app *a);
/* Join the shown story with the next one. */
int ustate_join(struct app *a);

/* ui_export.c: the story to a command or a file */
/* Ask for the command to pipe the shown story to (PROMPT_PIPE) or the
 * file to save it to (PROMPT_SAVE); returns H_* flags. */
int export_open(struct app *a, enum prompt_kind kind);
/* L: the shown story's links on a prompt, Up and Down through them,
 * Enter opening one with $BROWSER; returns H_* flags. */
int export_links(struct app *a);
/* The answer to "overwrite? (y/n)"; returns H_* flags. */
int export_confirm(struct app *a, int key);
void export_free(struct app *a);

/* ui_list.c: the story list */
/* Draw the list into its window (wnoutrefresh). */
void list_draw(struct app *a);
/* Move the selection by delta stories; returns H_* flags. */
int list_move(struct app *a, long delta);
/* Keep the selection inside the list's rows. */
void list_follow(struct app *a);
/* The row of the list holding story (or the first after it). */
size_t list_pos(const struct app *a, size_t story);
/* Whether the list shows story (it is inside the filter). */
int list_shows(const struct app *a, size_t story);
/* Story's place as the user counts it: the place (from 1) of its row
 * among the rows of stories the list shows (one per article once folded,
 * only the filter's), 0 when none is story's; how many into *n. */
size_t list_rank(const struct app *a, size_t story, size_t *n);
/* Make the list show the stories a->find.keep keeps (all if NULL). */
void list_refilter(struct app *a);
/* Rows in a page of the list. */
size_t list_page(const struct app *a);
/* The story on screen row y of the list (for a file's heading, its
 * first story shown), or -1 if none. */
long list_story_at(const struct app *a, int y);

/* ui_help.c: the help screen, made from the key table */
/* Draw the help screen over the whole screen. */
void help_draw(struct app *a);
/* Handle a key while the help is up; returns H_* flags. */
int help_key(struct app *a, int action);

/* ui_keys.c: dispatch through the key table */
/* The action of a key, with the configuration's binds; ACT_NONE if none. */
int keys_action(struct app *a, int key);
/* Handle one key in the list or the reading pane; returns H_* flags. */
int keys_dispatch(struct app *a, int key);

/* ui_prompt.c: the prompt on the bottom line, for search, filter, pipe
 * and save; its owner's part: */
struct prompt_ops {
	/* after an edit (NULL: just redraw); the line, n bytes */
	int (*changed)(struct app *a, const char *line, size_t n);
	/* Enter, the prompt already closed and the line in the history */
	int (*accept)(struct app *a, const char *line);
	/* Esc, the prompt already closed (NULL: nothing more) */
	int (*cancel)(struct app *a);
	/* what to show at the right of the line (NULL: nothing) */
	void (*info)(struct app *a, char *buf, size_t n);
};
/* Put up an empty prompt of a kind, lead first; returns H_* flags. */
int prompt_open(struct app *a, enum prompt_kind kind, const char *lead,
		const struct prompt_ops *ops);
/* Make q[0..n) a kind's history; if that prompt is up, show q[n-1]
 * (Up then goes to q[n-2]). */
void prompt_set_history(struct app *a, enum prompt_kind kind, char **q, size_t n);
/* Where Up and Down are in the open prompt's history. */
size_t prompt_history_at(const struct app *a);
/* Put text in the open prompt's line, the cursor at its end. */
void prompt_fill(struct app *a, const char *text);
/* The kind of prompt up, PROMPT_NONE if none. */
enum prompt_kind prompt_kind(const struct app *a);
/* Handle a key while the prompt is up; returns H_* flags. */
int prompt_key(struct app *a, int key);
/* Draw the prompt over the status line (wnoutrefresh). */
void prompt_draw(struct app *a);
/* The last line entered at a kind of prompt, or NULL. */
const char *prompt_last(const struct app *a, enum prompt_kind kind);
void prompt_free(struct app *a);

/* ui_search.c: search as you type, and the filtered list */
/* Open the search (PROMPT_SEARCH; dir: 1 forward, -1 backward) or the
 * filter (PROMPT_FILTER) prompt; returns H_* flags. */
int find_open(struct app *a, enum prompt_kind kind, int dir);
/* Go to the next (dir > 0) or previous match; returns H_* flags. */
int find_next(struct app *a, int dir);
/* Follow a change of the stripped lines shown; returns H_* flags. */
int find_restripped(struct app *a);
/* Whether matches are still being counted (the loop should not wait). */
int find_busy(const struct app *a);
/* Count some more matches between keys; returns H_* flags. */
int find_idle(struct app *a);
/* The filter's part of the status line, or "" without a filter. */
void find_status(const struct app *a, char *buf, size_t n);
void find_free(struct app *a);
/* The stories' text changed (a dump read again): index them anew,
 * keeping the query and the filter's words. */
void find_reindex(struct app *a);
/* The selection moved after the stories changed: return there from the
 * prompt, and drop a filter that hides it. */
void find_follow(struct app *a);

/* ui_load.c: parsing the rest while the user reads */
/* Take main's begun parsers (ld may be NULL: all is parsed). */
void load_start(struct app *a, struct loader *ld);
/* Whether stories are still to come. */
int load_busy(const struct app *a);
/* Whether stories are parsed between keys (the loop should not wait). */
int load_stepping(const struct app *a);
/* The descriptor that becomes readable when a whole document has been
 * parsed on the second thread, or -1. */
int load_fd(const struct app *a);
/* The length of document d's whole text: more than d->len while d is the
 * provisional first part of a long dump still parsing. */
size_t load_doc_len(const struct app *a, const struct doc *d);
/* The first screen is up: start parsing the whole documents. */
void load_drawn(struct app *a);
/* G in the list: the last story, and on to the last as more come. */
int load_bottom(struct app *a);
/* Parse one more window and index its stories; returns H_* flags. */
int load_idle(struct app *a);
/* "  loading 42%" while parsing, else "", into buf. */
void load_status(const struct app *a, char *buf, size_t n);
/* End the parsers left (quitting before the end). */
void load_free(struct app *a);

/* ui_follow.c: the open dumps followed as they change */
/* Look at the files as they are now (after load_start). */
void follow_start(struct app *a, const struct loader *ld);
/* Between keys: reload a dump that changed; returns H_* flags. */
int follow_idle(struct app *a);
/* Put tmp's stories (document k parsed whole) in place of document k's,
 * the place shown kept; tmp is left empty.  Returns H_* flags. */
int follow_put(struct app *a, size_t k, struct storylist *tmp);
/* F: go to the newest story and keep going there; H_* flags. */
int follow_key(struct app *a);
/* The descriptor that becomes readable when a followed file changes
 * (inotify), or -1 when the files are polled. */
int follow_fd(const struct app *a);
void follow_free(struct app *a);

/* ui_status.c: the status line */
/* Draw the status line (wnoutrefresh). */
void status_draw(struct app *a);

#endif
