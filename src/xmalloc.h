/* SPDX-License-Identifier: MIT */
/* xmalloc.h - allocation that never returns NULL */
#ifndef TNEWS_XMALLOC_H
#define TNEWS_XMALLOC_H

#include <stddef.h>

/* Called before dying of memory exhaustion, e.g. to restore the terminal. */
typedef void (*xmalloc_cleanup_fn)(void);
void xmalloc_set_cleanup(xmalloc_cleanup_fn fn);

/* Keep big blocks (a segmenter window's arrays, the fold's signatures)
 * out of the heap: each mapped when allocated and given back to the
 * system when freed, so that what is allocated meanwhile (stories,
 * titles) cannot pin it and a later phase starts from what is in use.
 * Call once, first; a no-op where the C library cannot. */
void xmalloc_map_large(void);

/* Ask for the whole 2 MB pages within the n bytes at p (a big block
 * about to be filled: a dump's text) to be backed by huge pages, which
 * the system then faults in 2 MB at a time and maps with one TLB entry
 * each, not 512.  Call before the block is written; a hint only (a
 * no-op where the system has none). */
void xmalloc_advise_huge(void *p, size_t n);
/* Fault in the n bytes at p that are about to be written, in one call
 * rather than a page fault at a time (where the system can). */
void xmalloc_populate(void *p, size_t n);

void *xmalloc(size_t n);
void *xcalloc(size_t n, size_t size);
void *xrealloc(void *p, size_t n);
/* Grow an array of *cap elements of size sz to hold at least need. */
void *xgrow(void *p, size_t *cap, size_t need, size_t sz);
char *xstrdup(const char *s);
char *xmemdup(const char *s, size_t n);
/* Restore what must be restored, print "tnews: MSG" and exit with status 2. */
_Noreturn void die(const char *fmt, ...);

#endif
