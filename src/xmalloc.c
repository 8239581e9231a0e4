/* SPDX-License-Identifier: MIT */
/* xmalloc.c - allocation that restores the terminal before dying */
#include <config.h>

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if defined HAVE_MALLOC_H && defined HAVE_MALLOPT
#include <malloc.h>
#endif

#ifdef HAVE_SYS_MMAN_H
#include <sys/mman.h>
#endif

#include "xmalloc.h"

#define LARGE_BLOCK (128 * 1024)	/* blocks mapped of their own, at least */

static xmalloc_cleanup_fn cleanup;

/* Fix the mapping threshold (glibc otherwise raises it to the size of
 * each mapped block freed, up to 32 MB, and the next windows' arrays
 * land in the heap). */
void xmalloc_map_large(void)
{
#if defined HAVE_MALLOC_H && defined HAVE_MALLOPT && defined M_MMAP_THRESHOLD
	mallopt(M_MMAP_THRESHOLD, LARGE_BLOCK);
#endif
}

void xmalloc_advise_huge(void *p, size_t n)
{
#if defined HAVE_SYS_MMAN_H && defined MADV_HUGEPAGE
	const uintptr_t huge = (uintptr_t)2 << 20;
	uintptr_t a = ((uintptr_t)p + huge - 1) & ~(huge - 1);
	uintptr_t e = ((uintptr_t)p + n) & ~(huge - 1);

	if (e > a)	/* only pages wholly within the block: none shared */
		madvise((void *)a, e - a, MADV_HUGEPAGE);
#else
	(void)p;
	(void)n;
#endif
}

void xmalloc_populate(void *p, size_t n)
{
#if defined HAVE_SYS_MMAN_H && defined MADV_POPULATE_WRITE
	const uintptr_t page = 4096;
	uintptr_t a = ((uintptr_t)p + page - 1) & ~(page - 1);
	uintptr_t e = ((uintptr_t)p + n) & ~(page - 1);

	if (e > a)	/* only pages wholly within the block; refused by old kernels */
		madvise((void *)a, e - a, MADV_POPULATE_WRITE);
#else
	(void)p;
	(void)n;
#endif
}

/* Register the function run before dying. */
void xmalloc_set_cleanup(xmalloc_cleanup_fn fn)
{
	cleanup = fn;
}

/* Restore the terminal, print a message and exit 2. */
_Noreturn void die(const char *fmt, ...)
{
	va_list ap;

	if (cleanup)
		cleanup();
	fputs("tnews: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(2);
}

/* Allocate n bytes or die. */
void *xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

/* Allocate a zeroed array or die. */
void *xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (!p)
		die("out of memory (%zu x %zu bytes)", n, size);
	return p;
}

/* Resize or die. */
void *xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (!p)
		die("out of memory (%zu bytes)", n);
	return p;
}

/* Grow an array geometrically so that it holds at least need elements. */
void *xgrow(void *p, size_t *cap, size_t need, size_t sz)
{
	size_t c = *cap;

	if (need <= c)
		return p;
	if (c < 16)
		c = 16;
	while (c < need) {
		if (c > SIZE_MAX / 2 / sz)
			die("out of memory (array of %zu)", need);
		c *= 2;
	}
	*cap = c;
	return xrealloc(p, c * sz);
}

/* Duplicate a NUL-terminated string or die. */
char *xstrdup(const char *s)
{
	return xmemdup(s, strlen(s));
}

/* Duplicate n bytes as a NUL-terminated string or die. */
char *xmemdup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}
