/* SPDX-License-Identifier: MIT */
/* ui.h - the interactive reader */
#ifndef TNEWS_UI_H
#define TNEWS_UI_H

#include "options.h"
#include "story.h"

#include "rules.h"
#include "segment.h"

struct parser;

/* Documents whose parse main began, for the reader to go on with. */
struct loader {
	struct parser **p;	/* one per document of sl, in order */
	/* per document: the whole of a long dump while sl holds a
	 * provisional document of its first lines (bgparse.h), else NULL */
	struct doc **whole;
	size_t n;
	const struct rules *rules;	/* to parse a dump again as it changes */
	enum seg_mode seg;
};

/* Run the reader on the stories until the user quits; returns the exit
 * status.  The terminal is restored on every path out.  With ld, the
 * reader parses the rest of its documents in steps between keys, and
 * the whole documents on a second thread, each put in place of its
 * provisional one when parsed (it ends every parser and takes or frees
 * every whole document, leaving ld->p and ld->whole for the caller to
 * free). */
int ui_run(struct storylist *sl, const struct options *o, struct loader *ld);

#endif
