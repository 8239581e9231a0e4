/* SPDX-License-Identifier: MIT */
/* keys.h - the one key table: action, config name, help text, default
 * keys; expanded once, in keys.c.  Dispatch (ui_keys.c), the help screen
 * (ui_help.c), the configuration's names (main.c) and test_keys all use
 * keys_table.  Part of the core: no curses.  Keys are curses key codes
 * (keycodes.h); 0 ends a list. */
#ifndef TNEWS_KEYS_H
#define TNEWS_KEYS_H

#include <stddef.h>

#include "config_file.h"
#include "keycodes.h"


/* X(action, config name, help text, keys...) */
#define TNEWS_KEYS(X) \
	X(down, "down", "Line down; in the list, next story", \
	  'j', TK_DOWN, 'e', TK_CTRL('n'), TK_CTRL('e')) \
	X(up, "up", "Line up; in the list, previous story", \
	  'k', TK_UP, 'y', TK_CTRL('p'), TK_CTRL('y')) \
	X(half_down, "half-page-down", "Half a page down", \
	  'd', TK_CTRL('d')) \
	X(half_up, "half-page-up", "Half a page up", \
	  'u', TK_CTRL('u')) \
	X(page_down, "page-down", "Page down", \
	  ' ', 'f', TK_NPAGE, TK_CTRL('f'), TK_CTRL('v')) \
	X(page_up, "page-up", "Page up", \
	  'b', TK_PPAGE, TK_CTRL('b')) \
	X(top, "top", "Go to the top", \
	  'g', '<', TK_HOME) \
	X(bottom, "bottom", "Go to the bottom", \
	  'G', '>', TK_END) \
	X(open, "open", "Open the selected story in the reading pane", \
	  '\r', '\n', TK_ENTER, 'o', TK_RIGHT, 'l') \
	X(back, "back", "Back to the story list (and out of zoom)", \
	  TK_ESCAPE, TK_LEFT, 'h', TK_BACKSPACE) \
	X(next_story, "next-story", "Next story (inside the filter)", \
	  'J', ']') \
	X(prev_story, "previous-story", "Previous story (inside the filter)", \
	  'p', 'K', '[') \
	X(next_file, "next-file", "First story of the next file", \
	  '}') \
	X(prev_file, "previous-file", "First story of this file, or else of the previous one", \
	  '{') \
	X(colon, "colon", "less's : commands: :n next file, :p previous file", \
	  ':') \
	X(next_version, "next-version", "Newer version of the same article, marked with its changes since the version you read", \
	  'v') \
	X(prev_version, "previous-version", "Older version of the same article", \
	  'V') \
	X(next_unread, "next-unread", "Next unread story (inside the filter)", \
	  'U', '+') \
	X(toggle_read, "toggle-read", "Mark the story read or unread", \
	  'm') \
	X(search_forward, "search-forward", "Search all stories as you type (empty: the last search)", \
	  '/') \
	X(search_backward, "search-backward", "Search backwards as you type (empty: the last search)", \
	  '?') \
	X(next_match, "next-match", "Next match, in the direction of the search", \
	  'n') \
	X(previous_match, "previous-match", "Previous match, against the direction of the search", \
	  'N') \
	X(filter, "filter", "List only stories with all these words (empty: all)", \
	  '\\', '&') \
	X(where, "where", "Say where you are: file, line, story, byte offset", \
	  '=') \
	X(focus, "switch-pane", "Switch between the list and the reading pane", \
	  TK_TAB, TK_BTAB) \
	X(zoom, "zoom", "Zoom the reading pane to the whole screen and back", \
	  'z', 'Z') \
	X(stripped, "show-stripped", "Show or hide the stripped lines", \
	  'x') \
	X(split, "split-story", "Split the story at the paragraph at the top of the pane", \
	  'S') \
	X(join, "join-story", "Join the story with the next one", \
	  'M') \
	X(links, "links", "The story's links: Up/Down through them, Enter opens one with $BROWSER", \
	  'L') \
	X(pipe, "pipe", "Pipe the story's text to a shell command", \
	  '|') \
	X(save, "save", "Save the story's text to a file", \
	  's') \
	X(follow, "follow", "Go to the newest story and follow the dump as it grows", \
	  'F') \
	X(redraw, "redraw", "Redraw the screen", \
	  TK_CTRL('l'), TK_CTRL('r')) \
	X(help, "help", "Show this help (any other key closes it)", \
	  'H', TK_F(1)) \
	X(quit, "quit", "Quit", \
	  'q', 'Q')

/* The actions. */
enum key_action {
#define TNEWS_KEY_ENUM(act, name, help, ...) ACT_##act,
	TNEWS_KEYS(TNEWS_KEY_ENUM)
#undef TNEWS_KEY_ENUM
	ACT_COUNT,
	ACT_NONE = -1
};

/* One entry of the key table. */
struct key_binding {
	enum key_action act;
	const char *name;
	const char *help;
	int keys[8];
};

/* The table, in the order of TNEWS_KEYS. */
extern const struct key_binding keys_table[ACT_COUNT];

/* The config names of the actions, in the order of the table. */
extern const char *const keys_action_names[ACT_COUNT];

/* The action bound to a key code by default, or ACT_NONE. */
enum key_action keys_lookup(int key);
/* The table's default bindings as the configuration takes them, *n of
 * them (static storage). */
const struct config_bind *keys_defaults(size_t *n);
/* A short name of a key code for the help screen ("j", "Down", "C-l"). */
const char *keys_name(int key, char *buf, size_t n);

#endif
