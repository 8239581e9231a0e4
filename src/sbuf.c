/* SPDX-License-Identifier: MIT */
/* sbuf.c - growable, length-tracked byte strings */
#include <config.h>

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "sbuf.h"
#include "xmalloc.h"

/* Make room for n more bytes plus the terminating NUL. */
static void sbuf_reserve(struct sbuf *b, size_t n)
{
	b->p = xgrow(b->p, &b->cap, b->n + n + 1, 1);
}

/* Append n bytes. */
void sbuf_add(struct sbuf *b, const char *s, size_t n)
{
	sbuf_reserve(b, n);
	memcpy(b->p + b->n, s, n);
	b->n += n;
	b->p[b->n] = '\0';
}

/* Append a NUL-terminated string. */
void sbuf_adds(struct sbuf *b, const char *s)
{
	sbuf_add(b, s, strlen(s));
}

/* Append one byte. */
void sbuf_addc(struct sbuf *b, char c)
{
	sbuf_reserve(b, 1);
	b->p[b->n++] = c;
	b->p[b->n] = '\0';
}

/* Append formatted text. */
void sbuf_printf(struct sbuf *b, const char *fmt, ...)
{
	va_list ap;
	int len;

	va_start(ap, fmt);
	len = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (len <= 0)
		return;
	sbuf_reserve(b, (size_t)len);
	va_start(ap, fmt);
	vsnprintf(b->p + b->n, (size_t)len + 1, fmt, ap);
	va_end(ap);
	b->n += (size_t)len;
}

/* Empty the buffer, keeping its memory. */
void sbuf_reset(struct sbuf *b)
{
	b->n = 0;
	if (b->p)
		b->p[0] = '\0';
}

/* Release the buffer. */
void sbuf_free(struct sbuf *b)
{
	free(b->p);
	b->p = NULL;
	b->n = b->cap = 0;
}

size_t bstr_words(struct bstr t, size_t limit)
{
	size_t w = 0;
	int in = 0;

	for (size_t i = 0; i < t.n && w <= limit; i++) {
		if (t.s[i] == ' ')
			in = 0;
		else if (!in) {
			in = 1;
			w++;
		}
	}
	return w;
}
