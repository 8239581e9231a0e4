/* SPDX-License-Identifier: MIT */
/* changes.h - what changed in a story since a version of it that was
 * read: its paragraphs new or edited, and the old paragraphs gone.
 * Knows nothing of curses. */
#ifndef TNEWS_CHANGES_H
#define TNEWS_CHANGES_H

#include <stddef.h>
#include <stdint.h>

#include "story.h"

/* What a line of the newer version is, against the older. */
enum { CHANGE_SAME = 0, CHANGE_EDITED = 1, CHANGE_ADDED = 2 };

/* The changes of a story against an older version. */
struct changes {
	uint8_t *mark;		/* per line of the newer story: CHANGE_* */
	size_t nlines;
	size_t *removed;	/* lines of the older story gone, in order */
	size_t nremoved;
	size_t edited, added;	/* paragraphs marked so */
};

/* Compare the paragraphs of now with those of then (stripped lines do
 * not count): a paragraph of now is the same when then has it word for
 * word, edited when it shares at least half its words with a paragraph
 * of then that is gone, else added; then's paragraphs neither kept nor
 * edited are removed.  c is overwritten; changes_free it. */
void changes_compute(struct changes *c, const struct story *now,
		     const struct story *then);
void changes_free(struct changes *c);

#endif
