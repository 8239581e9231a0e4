/* SPDX-License-Identifier: MIT */
/* input.h - reading files into sanitised documents */
#ifndef TNEWS_INPUT_H
#define TNEWS_INPUT_H

#include <stddef.h>

#include "story.h"

/* Read a file ("-" is standard input) into a new document.  On failure
 * return NULL and put a one-line reason (without the file name) in err. */
struct doc *input_read(const char *name, char *err, size_t errlen);
/* Build a document from bytes in memory (copied).  NULL with err if binary. */
struct doc *input_from_bytes(const char *name, const char *bytes, size_t n,
			     char *err, size_t errlen);

#endif
