/* SPDX-License-Identifier: MIT */
/* state.h - what tnews remembers between runs: read marks, where the user
 * stopped in each dump, and the user's splits and joins of stories.
 * Knows nothing of curses.  The file format is described at the top of
 * state.c.  Functions that can fail return -1 and put a one-line reason,
 * naming the file, in msg (msglen bytes); they never exit or crash on a
 * bad state file. */
#ifndef TNEWS_STATE_H
#define TNEWS_STATE_H

#include <stddef.h>

#include "story.h"

/* Size of a story key: 32 lowercase hex digits and a NUL. */
#define STATE_KEY_SIZE 33

/* A story key in a struct, for arrays of them. */
struct state_key {
	char hex[STATE_KEY_SIZE];
};

/* Flags of state_open. */
enum {
	STATE_NONE = 1,		/* --no-state: read nothing, write nothing */
	STATE_READONLY = 2,	/* read, but never write or rename anything */
};

struct state;

/* The key of a story: a digest of its normalised paragraph text (letters
 * and digits lower-cased, everything else a single word break), so it
 * does not depend on where the story is, on white space or on case. */
void state_story_key(const struct story *s, char out[STATE_KEY_SIZE]);
/* The keys of every story of sl, malloc'd, sl->n of them (NULL if none). */
struct state_key *state_keys(const struct storylist *sl);

/* The default state file: $XDG_STATE_HOME/tnews/state, or
 * ~/.local/state/tnews/state; malloc'd, NULL if neither can be named. */
char *state_default_path(void);

/* Open the state in file path (NULL: the default path).  Never returns
 * NULL: with STATE_NONE, or when no path can be named, the state lives
 * in memory only.  A missing file is an empty state.  A damaged or
 * foreign file is renamed to PATH.bad-TIMESTAMP (its good records are
 * kept); a file of a newer format makes the state read-only.  Returns
 * with msg empty, or holding a warning to show the user. */
struct state *state_open(const char *path, int flags, char *msg, size_t msglen);
/* Free the state without saving. */
void state_close(struct state *st);
/* The state file's path, or NULL when in memory only. */
const char *state_path(const struct state *st);
/* Whether there are changes not yet saved. */
int state_dirty(const struct state *st);
/* Save: under a lock, merge in what other instances saved since (the
 * latest change of each mark, position and correction wins) and append
 * the changes to the journal beside the file, fsync'd; when the journal
 * has grown large, or a bad file was set aside, fold instead (as
 * state_fold).  Returns 0 when saved (or nothing to do), 1 when saved
 * with a warning in msg (e.g. a damaged file set aside), -1 when not
 * saved, with the reason in msg; the old files are then intact.  Safe
 * to call from the main loop after a signal; installs no handlers. */
int state_save(struct state *st, char *msg, size_t msglen);
/* Save and fold the journal into the state file (on a clean exit): write
 * everything to a temporary file, fsync, rename it over the file, fsync
 * the directory and remove the journal.  Returns as state_save. */
int state_fold(struct state *st, char *msg, size_t msglen);

/* Whether the story with this key is marked read. */
int state_is_read(const struct state *st, const char *key);
/* Mark the story read (read != 0) or unread; returns 1 if that changed
 * anything.  An explicit unread survives merging with an older read. */
int state_mark(struct state *st, const char *key, int read);
/* Number of stories marked read. */
size_t state_read_count(const struct state *st);

/* Remember that the reading pane of s's dump shows s from its line-th
 * line (0-based index into the story's lines). */
void state_set_pos(struct state *st, const struct story *s, size_t line);
/* The position to resume at in sl: of the dumps of sl, the one read
 * last whose remembered story is still there.  keys are sl's story
 * keys (NULL: computed).  Returns 1 with *story and *line set (line
 * clamped to the story), 0 if there is nothing to resume. */
int state_resume(const struct state *st, const struct storylist *sl,
		 const struct state_key *keys, size_t *story, size_t *line);

/* Remember a split of s before its line-th line (0 < line < s->count):
 * that line starts a new story from now on.  Returns -1 with msg if
 * the line cannot start a story. */
int state_split(struct state *st, const struct story *s, size_t line,
		char *msg, size_t msglen);
/* Remember a join of s with the story right after it (next). Returns -1
 * with msg if they are not neighbours in one dump. */
int state_join(struct state *st, const struct story *s, const struct story *next,
	       char *msg, size_t msglen);
/* Rewrite the stories of sl by the remembered splits and joins of their
 * dumps; changed stories get new titles.  Idempotent.  Pointers into
 * sl->stories (and per-story arrays such as keys) are stale afterwards.
 * Returns the number of stories made or changed (0 if none). */
size_t state_apply(const struct state *st, struct storylist *sl);
/* For the printing modes (--list, --dump, --json): read the state
 * read-only and apply its corrections to sl; unless no_state.  A
 * warning, if any, goes to msg (empty otherwise). */
void state_apply_saved(struct storylist *sl, int no_state, char *msg, size_t msglen);

#endif
