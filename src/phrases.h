/* SPDX-License-Identifier: MIT */
/* phrases.h - which of a set of phrases a text contains, ASCII case
 * aside, found in one pass over the text (an Aho-Corasick automaton), so
 * that the rules' "contains" strings cost a table step a byte however
 * many there are. */
#ifndef TNEWS_PHRASES_H
#define TNEWS_PHRASES_H

#include <stddef.h>
#include <stdint.h>

struct phrases;

/* An automaton for the n phrases s[0..n) (lengths lens, none empty;
 * phrase i has id i), or NULL when its table would be larger than a few
 * megabytes (the caller then searches the phrases one by one). */
struct phrases *phrases_build(const char *const *s, const size_t *lens, size_t n);
/* The 64-bit words a set of found phrases takes. */
size_t phrases_words(const struct phrases *p);
/* Set in found (phrases_words() words, cleared first) the bit of each
 * phrase text t (n bytes) contains, A-Z and a-z taken as the same. */
void phrases_scan(const struct phrases *p, const char *t, size_t n, uint64_t *found);
void phrases_free(struct phrases *p);

#endif
