/* SPDX-License-Identifier: MIT */
/* wrap.h - word wrapping by display width (libunistring line breaking) */
#ifndef TNEWS_WRAP_H
#define TNEWS_WRAP_H

#include <stddef.h>

/* One wrapped row: bytes [off, off+len) of the text and their width. */
struct wrap_row {
	size_t off, len;
	int cols;
};

/* Reusable scratch space and result of wrapping. */
struct wrapper {
	char *brk;
	size_t brk_cap;
	struct wrap_row *rows;
	size_t nrows, rows_cap;
};

/* Wrap UTF-8 text s[0..n) into rows of at most width columns (width >= 1),
 * breaking where Unicode line breaking allows, and inside a word only when
 * it is wider than a whole row; spaces at row edges are dropped.  A single
 * character wider than width gets a row of its own.  Returns the number of
 * rows, found in w->rows. */
size_t wrap_text(struct wrapper *w, const char *s, size_t n, int width);
/* Display width of one character (combining marks 0, wide 2, others 1). */
int wrap_char_width(unsigned uc);
/* Display width of a UTF-8 string. */
int wrap_width(const char *s, size_t n);
void wrapper_free(struct wrapper *w);

#endif
