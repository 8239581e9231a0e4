/* SPDX-License-Identifier: MIT */
/* markup.h - web pages and feeds as input: recognising them by their first
 * bytes, and the document builder the HTML and feed readers share.
 * Knows nothing of curses. */
#ifndef TNEWS_MARKUP_H
#define TNEWS_MARKUP_H

#include <stddef.h>

#include "rules.h"
#include "sbuf.h"
#include "story.h"

/* Largest page or feed read as markup; a larger one is refused. */
#define MARKUP_MAX_BYTES ((size_t)32 << 20)
/* Most tags ('<') a page or feed may have: the parsed tree takes some
 * 250 bytes a tag; this bounds it near 60 MB and the time near a second. */
#define MARKUP_MAX_TAGS 200000

/* What the first bytes of an input say it is (SRC_TEXT: none of these). */
enum src_kind markup_sniff(const char *p, size_t n);

/* Read bytes recognised as markup into a new document (kind set, items
 * and classified lines made).  The bytes are not kept.  NULL with a
 * one-line reason in err for a page too large or a malformed feed. */
struct doc *markup_read(const char *name, enum src_kind kind, const char *p,
			size_t n, char *err, size_t errlen);

/* Append the stories of a page or feed document, one per item (the
 * furniture rules classify the lines the markup left as paragraphs). */
void markup_stories(struct storylist *sl, struct doc *d, const struct rules *r);

/* A document being built from blocks of text. */
struct docbuild {
	struct doc *d;
	struct sbuf text;
	size_t cap;
	uint32_t lineno;	/* physical line number of the next line */
	size_t items_cap;
};

/* Start a document named name of source kind. */
void docbuild_begin(struct docbuild *b, const char *name, enum src_kind kind);
/* Append one block (any bytes; whitespace collapsed, controls dropped,
 * bad UTF-8 replaced) as a line of the given kind; empty blocks vanish. */
void docbuild_line(struct docbuild *b, const char *s, size_t n, enum line_kind kind);
/* The same, the line numbered lineno in the file (increasing from line
 * to line), not the next after a blank one. */
void docbuild_line_at(struct docbuild *b, const char *s, size_t n, enum line_kind kind,
		      uint32_t lineno);
/* Start an item at the next line (title, url, date copied; may be NULL). */
void docbuild_item(struct docbuild *b, const char *title, const char *url,
		   const char *date);
/* Finish and return the document. */
struct doc *docbuild_end(struct docbuild *b);

/* Clean text: whitespace runs as one space, trimmed, control bytes
 * dropped, invalid UTF-8 as U+FFFD.  Appends to out. */
void markup_clean_text(struct sbuf *out, const char *s, size_t n);

#endif
