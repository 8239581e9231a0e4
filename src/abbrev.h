/* SPDX-License-Identifier: MIT */
/* abbrev.h - the one list of abbreviations whose full stop does not end
 * a sentence ("Mr.", "Gov.", "Inc."), for titles and segmentation */
#ifndef TNEWS_ABBREV_H
#define TNEWS_ABBREV_H

#include <stddef.h>

/* Whether the word w[0..n) (without its full stop) is such an
 * abbreviation; its first letter may be either case ("Mr", "mr"). */
int abbrev_is(const char *w, size_t n);

#endif
