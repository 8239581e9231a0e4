/* SPDX-License-Identifier: MIT */
/* bgparse.h - the first screen of a long dump at once: a provisional
 * document of its first lines, parsed at once for the reader, while the
 * whole document is parsed on a second thread; its stories then take
 * the provisional ones' place (storylist_put_doc).  Line i of the
 * provisional document is line i of the whole one (the same text, the
 * same offsets), so a place in one is the same place in the other.
 * Knows nothing of curses. */
#ifndef TNEWS_BGPARSE_H
#define TNEWS_BGPARSE_H

#include <stddef.h>

#include "rules.h"
#include "segment.h"
#include "story.h"

/* A text document of at least this many bytes is shown first from a
 * provisional parse of its first BGPARSE_PREFIX bytes (smaller ones are
 * parsed as they were, between keys). */
#define BGPARSE_MIN ((size_t)4 << 20)
#define BGPARSE_PREFIX ((size_t)1 << 20)

/* A new document of the lines of text document d that end within its
 * first max bytes (at least one line), each as it is in d (kind aside),
 * with d's name and file size; NULL if d is not text or has all its
 * lines there.  It shares d's text (not a copy: the first megabyte of a
 * long dump held twice while the whole is parsed), which stays until
 * both are freed, in either order. */
struct doc *bgparse_prefix(struct doc *d, size_t max);

/* A parse of one whole document on a thread of its own. */
struct bgparse;

/* Start parsing d (which the caller must leave alone until it is
 * finished or cancelled; d->stop is set meanwhile) with rules r, which only threads that do not
 * change them share.  NULL if no thread can be started. */
struct bgparse *bgparse_start(struct doc *d, const struct rules *r, enum seg_mode mode);
/* A descriptor that becomes readable once the parse is done. */
int bgparse_fd(const struct bgparse *b);
/* Whether the parse is done (never blocks). */
int bgparse_done(const struct bgparse *b);
/* How far the parse has got, in per mille (classifying the lines is
 * counted as the first BGPARSE_CLASSIFY of it). */
#define BGPARSE_CLASSIFY 450
unsigned bgparse_progress(const struct bgparse *b);
/* Wait for the parse to end and free b; its stories go to out (empty
 * before), which then holds d as its only document. */
void bgparse_finish(struct bgparse *b, struct storylist *out);
/* Stop the parse as soon as it can (d->stop: within a thousand lines
 * of classifying, or after the window it segments), wait for it and
 * free b and what it made; d is left to the caller, its lines' kinds
 * undefined.  NULL is fine. */
void bgparse_cancel(struct bgparse *b);

#endif
