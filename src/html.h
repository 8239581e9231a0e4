/* SPDX-License-Identifier: MIT */
/* html.h - web pages: the article found in a page, its headline and its
 * paragraphs, with captions, credits, crossheads and chrome marked from
 * the markup.  Parsed with libxml2's HTML parser; knows nothing of curses. */
#ifndef TNEWS_HTML_H
#define TNEWS_HTML_H

#include <stddef.h>

#include "markup.h"

/* Read a page into a new document: one item per article found, its
 * headline as the item's title (kept out of the lines).  NULL with a
 * reason in err only if the page cannot be parsed at all. */
struct doc *html_read(const char *name, const char *p, size_t n,
		      char *err, size_t errlen);

/* Append the blocks of an HTML fragment (a feed item's content) to b:
 * all of it is the article, cleaned as a page's article is; a block that
 * repeats title (may be NULL) is left out. */
void html_fragment(struct docbuild *b, const char *p, size_t n, const char *title);

#endif
