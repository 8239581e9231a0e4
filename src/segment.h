/* SPDX-License-Identifier: MIT */
/* segment.h - finding where stories start in a document */
#ifndef TNEWS_SEGMENT_H
#define TNEWS_SEGMENT_H

#include <stddef.h>

#include "linefeat.h"
#include "segfeat.h"
#include "story.h"

/* How story boundaries are decided. */
enum seg_mode {
	SEG_AUTO,	/* explicit structure, then the text itself */
	SEG_EXPLICIT,	/* form feeds and blank-line runs only */
	SEG_NONE,	/* each file is one story */
	SEG_NMODES
};

/* One story start: an index into doc->lines, with why it was chosen. */
struct seg_start {
	size_t line;
	double score;
	const char *why;	/* static string */
};

/* The name of a mode, and back; -1 if unknown. */
const char *segment_mode_name(enum seg_mode m);
int segment_mode_parse(const char *s);

/* Stepwise segmentation, for showing the first stories of a long document
 * at once: segment_begin, then segment_step until it returns 1, then
 * segment_end.  Each step decides the next window of the document (about
 * 20,000 paragraphs) and appends the starts that are final to *starts
 * (grown as by xgrow; *n starts, capacity *cap).  The windows depend only
 * on the text, so the starts are the same as segment_doc's however the
 * steps are spread out; the document must stay unchanged meanwhile. */
struct segmenter;
struct segmenter *segment_begin(const struct doc *d, enum seg_mode mode);
/* One step: 1 when the document is done (no more starts), else 0. */
int segment_step(struct segmenter *sg, struct seg_start **starts, size_t *n,
		 size_t *cap);
/* Free a segmenter (NULL is fine). */
void segment_end(struct segmenter *sg);
/* Have fn(arg) called once, on the stepping thread, where the next
 * step's window leaves a second processor idle (its rounds after the
 * scoring), so that work of the caller's can fill it; not at all if that
 * window has no such stretch (NULL fn: none). */
void segment_on_idle(struct segmenter *sg, void (*fn)(void *), void *arg);

/* Find the story starts of a classified document.  Returns their number
 * (0 only for a document without lines) and a malloc'd array in *out,
 * sorted, the first at line 0; a start is never a stripped line. */
size_t segment_doc(const struct doc *d, enum seg_mode mode, struct seg_start **out);

/* The start cues of every paragraph unit of a classified document, as
 * the segmenter weighs them (for tools/train): a malloc'd array in *out,
 * one entry a unit; returns how many. */
struct seg_cues {
	size_t line;		/* index into doc->lines */
	size_t n;
	struct fval f[SF_COUNT];
};
size_t segment_unit_cues(const struct doc *d, struct seg_cues **out);

#endif
