/* SPDX-License-Identifier: MIT */
/* sbuf.c - growable, length-tracked byte strings */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
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

#define ONES 0x0101010101010101ULL	/* a one in each byte */
#define HIGHS 0x8080808080808080ULL	/* the top bit of each byte */

/* The top bit of each byte of x set where that byte is c, exactly. */
static uint64_t bytes_eq(uint64_t x, unsigned char c)
{
	uint64_t t = x ^ (ONES * c);

	return ~(((t & ~HIGHS) + ~HIGHS) | t) & HIGHS;
}

/* Whether this machine stores a number's low byte first. */
static int little_endian(void)
{
	const uint16_t one = 1;
	unsigned char b;

	memcpy(&b, &one, 1);
	return b == 1;
}

/* Whether byte c separates words (a space, or a tab when tabs). */
static int word_sep(unsigned char c, int tabs)
{
	return c == ' ' || (tabs && c == '\t');
}

size_t bstr_words_bytewise(struct bstr t, int tabs, size_t limit)
{
	size_t w = 0;
	int in = 0;

	for (size_t i = 0; i < t.n && w <= limit; i++) {
		if (word_sep((unsigned char)t.s[i], tabs))
			in = 0;
		else if (!in) {
			in = 1;
			w++;
		}
	}
	return w;
}

size_t bstr_words_sep(struct bstr t, int tabs, size_t limit)
{
	const unsigned char *s = (const unsigned char *)t.s;
	size_t w = 0, i = 0;
	int in = 0;	/* whether the byte before i is in a word */

	/* eight bytes at a time: a word starts at each byte that is no
	 * separator after one that is (or after the start) */
	for (; little_endian() && i + 8 <= t.n && w <= limit; i += 8) {
		uint64_t x, sep;

		memcpy(&x, s + i, 8);
		sep = bytes_eq(x, ' ');
		if (tabs)
			sep |= bytes_eq(x, '\t');
		uint64_t starts = ~sep & ((sep << 8) | (in ? 0 : 0x80)) & HIGHS;

		w += ((starts >> 7) * ONES) >> 56;	/* the sum of the bytes */
		in = !(sep >> 63);
	}
	for (; i < t.n && w <= limit; i++) {
		if (word_sep(s[i], tabs))
			in = 0;
		else if (!in) {
			in = 1;
			w++;
		}
	}
	return w > limit ? limit + 1 : w;
}

size_t bstr_words(struct bstr t, size_t limit)
{
	return bstr_words_sep(t, 0, limit);
}
