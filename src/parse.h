/* parse.h - from files to a list of stories */
#ifndef TNEWS_PARSE_H
#define TNEWS_PARSE_H

#include "rules.h"
#include "segment.h"
#include "story.h"

/* Classify, segment and title one document, appending its stories. */
void parse_doc(struct storylist *sl, struct doc *d, const struct rules *r,
	       enum seg_mode mode);

#endif
