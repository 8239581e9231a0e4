/* SPDX-License-Identifier: MIT */
/* bsearch.h - the one binary search, over ascending arrays of size_t
 * (offsets, first indexes): line, story, document and row lookups */
#ifndef TNEWS_BSEARCH_H
#define TNEWS_BSEARCH_H

#include <stddef.h>

/* Index of the first of v[0..n) that is >= key (n if none). */
size_t bs_lower(const size_t *v, size_t n, size_t key);
/* Index of the first of v[0..n) that is > key (n if none). */
size_t bs_upper(const size_t *v, size_t n, size_t key);
/* Index of the last of v[0..n) that is <= key, 0 if none: the range
 * holding key when v holds the ranges' starts. */
size_t bs_floor(const size_t *v, size_t n, size_t key);

#endif
