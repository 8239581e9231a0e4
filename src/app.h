/* SPDX-License-Identifier: MIT */
/* app.h - the state of the interactive reader, in one place */
#ifndef TNEWS_APP_H
#define TNEWS_APP_H

#include "tcurses.h"
#include <signal.h>
#include <stddef.h>

#include "config_file.h"
#include "fold.h"
#include "listrows.h"
#include "options.h"
#include "sbuf.h"
#include "search.h"
#include "state.h"
#include "story.h"
#include "view.h"
#include "wrap.h"

/* Which pane has the keys. */
enum focus { FOCUS_LIST, FOCUS_READER };

/* What the screen shows and where the keys go: one table of {draw, key}
 * per mode (ui_mode.c); ui_mode() says which is on. */
enum mode {
	IN_LIST,		/* the list has the keys */
	IN_READER,		/* the reading pane has the keys */
	IN_PROMPT,		/* the bottom line asks (prompt, or y/n) */
	IN_HELP,		/* the help screen is up */
	MODES
};

/* How the panes share the screen. */
enum layout { LAYOUT_STACKED, LAYOUT_SIDE, LAYOUT_ZOOM };

/* What a key handler did; the loop merges these. */
enum {
	H_HANDLED = 1,		/* the key meant something */
	H_LIST = 2,		/* redraw the list */
	H_READER = 4,		/* redraw the reading pane */
	H_STATUS = 8,		/* redraw the status line */
	H_LAYOUT = 16,		/* recompute the layout, redraw all */
	H_CLEAR = 32,		/* also clear the physical screen */
	H_QUIT = 64,		/* leave */
	H_ALL = H_LIST | H_READER | H_STATUS,
};

/* What the prompt on the bottom line asks for. */
enum prompt_kind { PROMPT_NONE, PROMPT_SEARCH, PROMPT_FILTER, PROMPT_PIPE,
		   PROMPT_SAVE, PROMPT_LINK, PROMPT_KINDS };

/* Queries kept for Up/Down in the prompt, per kind. */
#define PROMPT_HISTORY 32

/* Earlier queries of one prompt kind, oldest first. */
struct prompt_history {
	char *q[PROMPT_HISTORY];
	size_t n;
};

struct prompt_ops;

/* The prompt on the bottom line and its editing (ui_prompt.c), for
 * search, filter, pipe and save. */
struct prompt {
	enum prompt_kind kind;	/* PROMPT_NONE: not up */
	const struct prompt_ops *ops;	/* what its owner does with it */
	const char *lead;	/* "/", "filter: "... (static) */
	struct sbuf line;	/* the text being edited */
	size_t cur;		/* the cursor, a byte offset in line */
	struct prompt_history hist[PROMPT_KINDS];	/* per prompt kind */
	size_t hist_at;
};

/* Search as you type and the filtered list (ui_search.c). */
struct finder {
	struct search *s;	/* the index, built on first use */
	int dir;		/* of the current search: 1 forward, -1 back */
	int active;		/* a query is set: matches are highlighted */
	char *query;		/* the last query searched (NUL-terminated) */
	int found;		/* hit is the current match */
	int was_found;		/* found, when the prompt opened */
	struct search_hit hit;
	int wrapped;		/* finding hit went round the end */
	struct search_pos from;	/* where the search began */
	size_t save_sel, save_top, save_list_top;	/* the view then */
	int save_focus;
	struct search_count cnt;	/* counting the matches so far */
	int live;		/* a->msg shows the count and should follow it */
	unsigned char *keep;	/* per story: inside the filter; NULL: none */
	char *filter;		/* the filter's words */
	size_t nkept;
	size_t grouped;		/* 1 + the folded stories the count is by */
};

struct bgparse;
struct loader;
struct rules;

/* Bytes of a followed dump kept to see that it was only appended to. */
#define FOLLOW_TAIL 64

/* What an open file looked like (ui_follow.c). */
struct follow_file {
	int ok;			/* a regular file, looked at */
	long long size, mtime_ns;
	unsigned long long ino, dev;
	/* the last bytes of the file that the document holds */
	unsigned char tail[FOLLOW_TAIL];
	size_t ntail;
};

/* Following the open dumps as they change (ui_follow.c). */
struct follow {
	struct follow_file *files;	/* per document of sl */
	size_t n;
	long next;		/* when to look again (ms) */
	int on;			/* F: go to the newest story as they come */
	const struct rules *rules;	/* to parse again with */
	int seg;		/* enum seg_mode */
	size_t parsed_lines;	/* lines parsed again after appends */
	size_t reloads;		/* files read again whole */
	int ino_fd;		/* inotify watching the files, or -1: poll */
	int pending;		/* inotify said something changed */
};

/* Parsing the rest of the documents between keys (ui_load.c). */
struct loading {
	struct loader *ld;	/* main's parsers, one per document, or NULL */
	size_t at;		/* the parser being stepped */
	size_t lines, done;	/* lines of all documents; of those parsed */
	int busy;		/* stories are still to come */
	int stepping;		/* some are parsed between keys */
	int resume;		/* the story to resume at may still come */
	struct bgparse *bg;	/* a whole document parsing on a thread */
	size_t bg_at;		/* its index in sl->docs */
	unsigned shown;		/* its progress on the status line */
	int want_end;		/* G in the list while loading: go on to the
				 * last story as more come (until a key) */
};

/* The reading pane scrolled by the terminal (ui_scroll.c): what it has
 * set and where its cursor is, between such scrolls. */
struct fscroll {
	int ok;			/* the terminal takes the sequences (xterm-like) */
	int onlcr;		/* a line feed also returns the carriage */
	int held;		/* a region is set and curses' cursor is saved */
	int top, bot;		/* the region set (screen rows) */
	int y, x;		/* the cursor, -1: not known */
	attr_t at;		/* the attributes on */
	int pair;		/* and the colour pair */
};

/* The whole reader. */
struct app {
	struct storylist *sl;
	const struct options *opt;
	SCREEN *scr;
	FILE *in;		/* the terminal's input stream */
	int utf8;		/* the locale shows UTF-8 */
	int color;		/* colours are in use */
	int hyperlinks;		/* URLs are drawn as OSC 8 links */
	struct sbuf hl_sent;	/* the links last written, still on the screen */
	struct fscroll fs;	/* the reading pane's scrolls, sent by us */
	WINDOW *list, *reader, *status, *sep, *help;
	int rows, cols;		/* the screen size of the current layout */
	enum layout layout;
	int zoom;		/* the user asked for the reading pane alone */
	enum focus focus;
	size_t sel;		/* selected (and shown) story */
	int placed;		/* sel is a resumed place (else, until a key,
				 * the top row's story) */
	size_t list_top;	/* first row shown in the list (index into lrows) */
	size_t *vis, nvis;	/* the stories the list shows, in order */
	struct lrows lrows;	/* the list's rows: vis and the file headings */
	unsigned char *read;	/* per story: FOLD_READ, FOLD_UNREAD or FOLD_UPDATED
				 * (an earlier version of its article was read) */
	unsigned char *own;	/* per story: its own text marked read */
	struct fold fold;	/* versions of one article (once loaded) */
	int show_stripped;	/* stripped lines shown, dimmed */
	size_t top;		/* first display row shown in the reading pane */
	int text_width;		/* width the story is wrapped at */
	int margin;		/* left margin of the text in the reading pane */
	struct view view;	/* the shown story laid out (view.c) */
	int help_on;		/* the help screen is up */
	int colon;		/* ':' was typed: the next key is a : command */
	size_t help_top;
	struct finder find;
	struct prompt prompt;
	char msg[160];		/* the message shown on the status line */
	struct state *st;	/* read marks, positions, corrections */
	struct state_key *keys;	/* per story: its key in the state */
	long save_due;		/* when to save the state (ms), 0: not due */
	long dirty_since;	/* when the state first had unsaved changes */
	int save_failed;	/* the last save failed (said once) */
	long hold_unread;	/* story the user marked unread while shown, or -1 */
	long fold_due;		/* when the versions folded at open were put off
				 * (ms; done once keys pause), 0: not put off */
	long last_key;		/* when the last key came (ms) */
	size_t pos_story, pos_line;	/* the position last remembered, plus 1 */
	size_t resume_line;	/* line to show at the top at start, plus 1; 0: none */
	char *overwrite;	/* the file "s" asks to overwrite, or NULL */
	const struct config *cfg;	/* the configuration (never NULL) */
	attr_t el_attr[CONFIG_EL_COUNT];	/* attributes per screen element */
	short el_pair[CONFIG_EL_COUNT];		/* colour pair per element, or 0 */
	struct sigaction old_sig[4];	/* INT, TERM, HUP, TSTP before us */
	struct loading load;
	struct follow follow;
};

#endif
