/* app.h - the state of the interactive reader, in one place */
#ifndef TNEWS_APP_H
#define TNEWS_APP_H

#include <curses.h>
#include <signal.h>
#include <stddef.h>

#include "options.h"
#include "sbuf.h"
#include "story.h"
#include "wrap.h"

/* Which pane has the keys. */
enum focus { FOCUS_LIST, FOCUS_READER };

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

/* Kinds of display row of the reading pane. */
enum row_kind { ROW_TITLE, ROW_TEXT, ROW_BLANK, ROW_STRIPPED };

/* One display row of a story. */
struct rrow {
	size_t off;		/* bytes [off, off+len) of the display text */
	unsigned len;
	int line;		/* index of the story line, -1 for the title */
	unsigned line_off;	/* offset of the row within its line's text */
	unsigned char kind;	/* enum row_kind */
};

/* A story laid out into display rows, cached per story, width and mode. */
struct layout_cache {
	long story;		/* laid-out story, -1 for none */
	int width;
	int stripped;
	struct sbuf text;	/* display text of all rows */
	struct rrow *rows;
	size_t nrows, cap;
	struct wrapper wrap;
	struct sbuf scratch;
};

/* The whole reader. */
struct app {
	struct storylist *sl;
	const struct options *opt;
	SCREEN *scr;
	FILE *in;		/* the terminal's input stream */
	int utf8;		/* the locale shows UTF-8 */
	int color;		/* colours are in use */
	WINDOW *list, *reader, *status, *sep, *help;
	int rows, cols;		/* the screen size of the current layout */
	enum layout layout;
	int zoom;		/* the user asked for the reading pane alone */
	enum focus focus;
	size_t sel;		/* selected (and shown) story */
	size_t list_top;	/* first story shown in the list */
	unsigned char *read;	/* per story: read in this session */
	int show_stripped;	/* stripped lines shown, dimmed */
	size_t top;		/* first display row shown in the reading pane */
	int text_width;		/* width the story is wrapped at */
	int margin;		/* left margin of the text in the reading pane */
	struct layout_cache lc;
	int help_on;		/* the help screen is up */
	size_t help_top;
	char msg[160];		/* the message shown on the status line */
	struct sigaction old_sig[4];	/* INT, TERM, HUP, TSTP before us */
};

#endif
