/* SPDX-License-Identifier: MIT */
/* readfile.h - reading files in bounded memory without blocking: sizes
 * as the user writes them, and small files (configuration, rules) read
 * whole up to a cap */
#ifndef TNEWS_READFILE_H
#define TNEWS_READFILE_H

#include <stddef.h>

#include "sbuf.h"

/* Parse a size: digits, then optionally K, M or G (powers of 1024, case
 * ignored, a trailing B allowed).  0 and -1 on a bad or zero size or one
 * past SIZE_MAX. */
int size_parse(const char *s, size_t *out);
/* Write size as size_parse reads it, in the largest unit that divides
 * it exactly ("128M", "1536K", "10"). */
void size_format(size_t size, char *buf, size_t len);

/* Read the small file path whole into out (appending), at most max
 * bytes.  Never blocks on a FIFO without a writer (it reads as empty);
 * refuses directories, devices and sockets, and anything larger than
 * max before reading it.  Returns 0, or -1 with a one-line reason (no
 * file name) in err and errno set (ENOENT for a missing file). */
int readfile_small(const char *path, size_t max, struct sbuf *out,
		   char *err, size_t errlen);

#endif
