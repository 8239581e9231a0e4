/* SPDX-License-Identifier: MIT */
/* feed.h - RSS 2.0, RSS 1.0 (RDF) and Atom feeds: one story per item,
 * with its title, link and date, its content cleaned as a page's article
 * is.  Parsed with libxml2 without entities from outside, without a DTD
 * and with entity expansion bounded; knows nothing of curses. */
#ifndef TNEWS_FEED_H
#define TNEWS_FEED_H

#include <stddef.h>

#include "story.h"

/* Read a feed into a new document; NULL with "line N: what" in err if it
 * is not well-formed or not a feed. */
struct doc *feed_read(const char *name, const char *p, size_t n,
		      char *err, size_t errlen);

#endif
