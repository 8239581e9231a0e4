/* SPDX-License-Identifier: MIT */
/* input.h - reading files into sanitised documents */
#ifndef TNEWS_INPUT_H
#define TNEWS_INPUT_H

#include <stddef.h>

#include "story.h"

/* What input_read takes at most from a pipe, FIFO or device. */
#define INPUT_MAX_DEFAULT ((size_t)128 << 20)

/* Read a file ("-" is standard input) into a new document.  On failure
 * return NULL and put a one-line reason (without the file name) in err.
 * A binary file is refused from its first 64 KB, before reading on; from
 * anything but a regular file at most input_max() bytes are taken, and
 * no document holds more than DOC_TEXT_MAX bytes of text (4 GB). */
struct doc *input_read(const char *name, char *err, size_t errlen);
/* Where input_read may take a text's lines from rather than splitting
 * it (the parse cache), or NULL: known(d) is given a text document read
 * whole, its bytes as read (no BOM), with no lines, and returns 1 if it
 * has given d its lines, line numbers, nphys, tail_blanks and digest
 * (has_digest) as splitting the text would, else 0. */
void input_set_known(int (*known)(struct doc *d));
/* Set the most input_read takes from a pipe, FIFO or device (0: the
 * default, INPUT_MAX_DEFAULT). */
void input_set_max(size_t bytes);
/* The most input_read takes from a pipe, FIFO or device. */
size_t input_max(void);
/* Texts of at least this many bytes are checked and digested on a second
 * thread while they are split (0: the default, 1 MB where the machine
 * has two processors; for the tests). */
void input_set_split(size_t bytes);
/* Build a document from bytes in memory (copied).  NULL with err if binary. */
struct doc *input_from_bytes(const char *name, const char *bytes, size_t n,
			     char *err, size_t errlen);

/* Append bytes that a file grew by (whole lines: n == 0 or a newline
 * last) to its text document d, sanitised as input_read does, with
 * their lines; the lines before stay as they were (text may move).
 * -1 (d unchanged) if d is not text, its text did not end a line or
 * would grow past DOC_TEXT_MAX. */
int input_append(struct doc *d, const char *bytes, size_t n);

#endif
