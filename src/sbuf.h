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

void sbuf_add(struct sbuf *b, const char *s, size_t n);
void sbuf_adds(struct sbuf *b, const char *s);
void sbuf_addc(struct sbuf *b, char c);
void sbuf_printf(struct sbuf *b, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
void sbuf_reset(struct sbuf *b);
void sbuf_free(struct sbuf *b);

#endif
