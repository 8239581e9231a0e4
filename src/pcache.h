/* SPDX-License-Identifier: MIT */
/* pcache.h - the parse of a dump (its lines' kinds, its stories and their
 * titles) kept under $XDG_CACHE_HOME/tnews, so that opening a dump seen
 * before shows all its stories at once.  A cache file is used only if it
 * was made from the same text (by a digest of it), by the same parser
 * (a version number and a digest of the running program), with the same
 * rules (a digest of the rules files loaded) and segmentation mode;
 * anything else (damaged, foreign, stale) is ignored and rewritten after
 * the parse.  Knows nothing of curses. */
#ifndef TNEWS_PCACHE_H
#define TNEWS_PCACHE_H

#include <stddef.h>
#include <stdint.h>

#include "segment.h"
#include "story.h"

/* Bump when the parser's results change for the same input and rules
 * (the program's digest covers a rebuilt binary too). */
#define PCACHE_PARSER_VERSION 2

/* A 64-bit digest of n bytes, fast (several GB/s), not cryptographic. */
uint64_t pcache_digest(const void *data, size_t n, uint64_t seed);

/* Take the rules file at path into the rules digest (call for each file
 * loaded, in order). */
void pcache_add_rules(const char *path);
/* Use the cache (enabled) for parses in mode from now on; dir NULL: the
 * default directory, $XDG_CACHE_HOME/tnews or ~/.cache/tnews.  Enabled,
 * input_read takes the lines of a dump parsed before from the cache
 * (pcache_lines). */
void pcache_setup(int enabled, enum seg_mode mode, const char *dir);

/* For input_read (pcache_setup hands it this): if the cache has the
 * parse of text document d just read (d->text and d->len, no lines yet),
 * made of the same bytes as they were read (no byte rewritten, no form
 * feed), give d its lines (kinds and all) from it, with their line
 * numbers and the text's digest, keep its stories for pcache_load and
 * return 1; else touch nothing but has_digest (0) and return 0.  The
 * text is digested only for a cache file of its size. */
int pcache_lines(struct doc *d);
/* If the cache has the parse of d, hand d to sl with its lines' kinds
 * and append its stories (finished, titled), and return 1; else touch
 * nothing and return 0. */
int pcache_load(struct storylist *sl, struct doc *d);
/* The state key (state_key_bits) of story s as kept with the parse its
 * document was loaded from; 1 if known, 0 if it must be computed. */
int pcache_story_key(const struct story *s, uint64_t k[2]);
/* Forget the state keys kept with the parses loaded (a reader that has
 * taken every story's key: about 24 bytes a story it need not hold
 * while it folds and searches); later keys are computed. */
void pcache_forget_keys(void);
/* Keep the parse of d (its stories in sl, as parsed, before any user
 * corrections) in the cache; quietly does nothing when it cannot. */
void pcache_save(const struct storylist *sl, const struct doc *d);

#endif
