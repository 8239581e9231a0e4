/* SPDX-License-Identifier: MIT */
/* sbuf.h - growable, length-tracked byte strings */
#ifndef TNEWS_SBUF_H
#define TNEWS_SBUF_H

#include <stddef.h>

/* A view of bytes owned elsewhere. */
struct bstr {
	const char *s;
	size_t n;
};

/* A growable buffer, always NUL-terminated when p is not NULL. */
struct sbuf {
	char *p;
	size_t n, cap;
};

/* Number of space-separated words in t, counting no further than limit+1. */
size_t bstr_words(struct bstr t, size_t limit);
/* The same, words separated by spaces, or by spaces and tabs when tabs;
 * eight bytes at a time. */
size_t bstr_words_sep(struct bstr t, int tabs, size_t limit);
/* The same a byte at a time, the straightforward way (for the tests). */
size_t bstr_words_bytewise(struct bstr t, int tabs, size_t limit);

void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_reset(struct sbuf *b);
void sbuf_free(struct sbuf *b);

#endif
