/* SPDX-License-Identifier: MIT */
/* reflow.h - hard-wrapped text made into one line a paragraph again.
 *
 * A dump saved by a text browser, a mailer or fmt(1) breaks every
 * paragraph into lines of at most some width, which the parser would
 * read as that many one-line paragraphs.  reflow_detect tells such a
 * text by its first lines (most lines end where the next word would not
 * have fitted within one width); reflow_join then makes each run of such
 * lines one line, its text closed up in place: one space where a line
 * broke, spaces for the bytes freed after it.
 * reflow_spacing tells a double-spaced text, whose blank lines the
 * features then take as no sign.
 * Knows nothing of curses. */
#ifndef TNEWS_REFLOW_H
#define TNEWS_REFLOW_H

#include <stddef.h>

#include "story.h"

/* Lines of a text's start that reflow_detect reads, at most. */
#define REFLOW_SAMPLE 4000

/* The width the start of text d (its first REFLOW_SAMPLE non-blank
 * physical lines) is hard-wrapped at, into d->wrap and d->wrap_bytes
 * (whether the width counts bytes, not characters); d->wrap 0 if it is
 * not wrapped.  Reads only the text. */
void reflow_detect(struct doc *d);

/* Join d's lines from index from on that continue a paragraph wrapped
 * at d->wrap (a line follows with no blank line between, and its first
 * word would not have fitted on the line before), keeping each line's
 * physical line number; nothing if d->wrap is 0.  A text appended later
 * is joined at the width found in the text before it. */
void reflow_join(struct doc *d, size_t from);

/* Set d->blank_base: 1 if a blank line comes before nearly every line
 * of d but the first (a double-spaced text), else 0. */
void reflow_spacing(struct doc *d);

/* The text of d's joined lines closed up as reflow_join leaves it (one
 * space where a line broke), for lines read back from a parse cache. */
void reflow_spaces(struct doc *d);

#endif
