/* segment.h - finding where stories start in a document */
#ifndef TNEWS_SEGMENT_H
#define TNEWS_SEGMENT_H

#include <stddef.h>

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

/* Find the story starts of a classified document.  Returns their number
 * (0 only for a document without lines) and a malloc'd array in *out,
 * sorted, the first at line 0; a start is never a stripped line. */
size_t segment_doc(const struct doc *d, enum seg_mode mode, struct seg_start **out);

#endif
