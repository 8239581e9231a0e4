/* SPDX-License-Identifier: MIT */
/* config_file.h - the user's configuration file: key bindings, colours,
 * reading width, layout, stripped lines, read marks, segmentation.
 * Knows nothing of the reader: the action names and the default
 * bindings are passed in, so the parser is tested without curses.
 * Key codes are curses key codes (KEY_DOWN, 'j', ...). */
#ifndef TNEWS_CONFIG_FILE_H
#define TNEWS_CONFIG_FILE_H

#include <stddef.h>
#include <stdio.h>

#include "segment.h"

/* How the two panes share the screen. */
enum config_layout {
	CONFIG_LAYOUT_AUTO,	/* side by side when wide enough, else stacked */
	CONFIG_LAYOUT_STACKED,	/* list above, reading pane below */
	CONFIG_LAYOUT_SIDE,	/* list left, reading pane right */
};

/* When a story becomes read. */
enum config_mark_read {
	CONFIG_READ_OPEN,	/* as soon as the reading pane shows it */
	CONFIG_READ_END,	/* once its end has been in the reading pane */
};

/* The screen elements that have a colour; names in config_element_name. */
enum config_element {
	CONFIG_EL_LIST,		/* the story list */
	CONFIG_EL_SELECTION,	/* the selected story in the list */
	CONFIG_EL_UNREAD,	/* an unread story in the list */
	CONFIG_EL_MARKER,	/* the read/unread mark in the list */
	CONFIG_EL_TITLE,	/* a story's title in the reading pane */
	CONFIG_EL_TEXT,		/* a story's text */
	CONFIG_EL_STRIPPED,	/* stripped lines, when shown */
	CONFIG_EL_MATCH,	/* a search match */
	CONFIG_EL_STATUS,	/* the status line */
	CONFIG_EL_HELP,		/* the help screen */
	CONFIG_EL_COUNT
};

/* Attributes of a colour setting (bits). */
enum {
	CONFIG_ATTR_BOLD = 1,
	CONFIG_ATTR_DIM = 2,
	CONFIG_ATTR_UNDERLINE = 4,
	CONFIG_ATTR_REVERSE = 8,
};

/* The terminal's default colour (as use_default_colors understands). */
#define CONFIG_COLOR_DEFAULT (-1)

/* The colour of an element: fg and bg are CONFIG_COLOR_DEFAULT or 0-255
 * (0-7 are black red green yellow blue magenta cyan white). */
struct config_color {
	int fg, bg;
	unsigned attrs;
};

/* A key binding: a curses key code and an action index (into the
 * caller's action names), or -1 for a key unbound. */
struct config_bind {
	int key;
	int action;
};

/* The effective configuration. */
struct config {
	char *path;			/* the file loaded, or NULL */
	int width;			/* reading width, 1-10000 (72) */
	enum config_layout layout;
	int show_stripped;		/* show stripped lines at start */
	int mouse;			/* clicks and the wheel (mouse yes|no) */
	int hyperlinks;			/* URLs as OSC 8 links: CONFIG_HL_* */
	char *browser;			/* the command L opens links with, or NULL */
	enum config_mark_read mark_read;
	enum seg_mode seg;
	int mono;			/* no colours at all */
	size_t max_input;		/* most read from a pipe or device
					 * (0: INPUT_MAX_DEFAULT) */
	struct config_color colors[CONFIG_EL_COUNT];
	struct config_bind *binds;	/* the file's binds, one per key, in order */
	size_t nbinds, capbinds;
	char **errors;			/* "FILE:LINE: message", at most
					 * CONFIG_MAX_ERRORS kept */
	size_t nerrors, caperrors;
	size_t nerrors_total;		/* every error, kept or not */
};

/* Error messages kept (the rest only counted). */
#define CONFIG_MAX_ERRORS 50

/* Set c to the defaults (no binds, no errors). */
void config_init(struct config *c);
/* Free what c holds; c can be initialised again. */
void config_free(struct config *c);

/* The configuration file to read: $TNEWS_CONFIG if set and not empty,
 * else $XDG_CONFIG_HOME/tnews/config or ~/.config/tnews/config.
 * Malloc'd; NULL if none can be named.  *named is set to 1 when it came
 * from TNEWS_CONFIG (so a missing file is an error), else 0. */
char *config_default_path(int *named);

/* Read the settings of file path into c, over what c has.  A missing
 * file is an error only if must_exist.  actions are the nactions action
 * names bind accepts.  Every problem is kept in c->errors as "FILE:LINE:
 * message" (or "FILE: message") and the other lines still apply.
 * Returns the number of errors of this file. */
int config_load(struct config *c, const char *path, int must_exist,
		const char *const *actions, size_t nactions);
/* The same for n bytes already in memory, named name in messages. */
int config_load_mem(struct config *c, const char *name, const char *bytes,
		    size_t n, const char *const *actions, size_t nactions);

/* Write the effective configuration to f in the file's format: every
 * setting, every element's colour, and every key binding: the
 * ndefaults default bindings with c's binds and unbinds applied.
 * Returns 0, or -1 on a write error. */
int config_print(FILE *f, const struct config *c,
		 const char *const *actions, size_t nactions,
		 const struct config_bind *defaults, size_t ndefaults);

/* The action of key: c's bind of it (-1 if unbound), else dflt. */
int config_key_action(const struct config *c, int key, int dflt);
/* The keys of action (at most max in out) with c's binds applied to
 * the defaults, defaults first; returns how many there are. */
size_t config_action_keys(const struct config *c, int action,
			  const struct config_bind *defaults, size_t ndefaults,
			  int *out, size_t max);

/* The key codes of a key name ("j", "Space", "C-a", "F1", "#343") in
 * codes (room for 3); returns how many: 1, or 3 for "Enter" (Return,
 * line feed and keypad Enter), 0 for a name that is not a key. */
size_t config_key_parse(const char *name, int codes[3]);
/* The name of a key code, as the help screen shows it; in buf. */
const char *config_key_name(int key, char *buf, size_t n);

/* hyperlinks auto|yes|no: as the terminal is known to show them, or
 * always, or never. */
enum { CONFIG_HL_AUTO, CONFIG_HL_YES, CONFIG_HL_NO };

/* The name of an element, a layout, a mark-read mode. */
const char *config_element_name(enum config_element e);
const char *config_layout_name(enum config_layout l);
const char *config_mark_read_name(enum config_mark_read m);

#endif
