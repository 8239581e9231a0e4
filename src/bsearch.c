/* SPDX-License-Identifier: MIT */
/* bsearch.c - the one binary search */
#include <config.h>

#include "bsearch.h"

/* The first index of v[0..n) whose value is not below key (or, with
 * or_equal, not at or below it). */
static size_t partition(const size_t *v, size_t n, size_t key, int or_equal)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v[mid] < key || (or_equal && v[mid] == key))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

size_t bs_lower(const size_t *v, size_t n, size_t key)
{
	return partition(v, n, key, 0);
}

size_t bs_upper(const size_t *v, size_t n, size_t key)
{
	return partition(v, n, key, 1);
}

size_t bs_floor(const size_t *v, size_t n, size_t key)
{
	size_t i = partition(v, n, key, 1);

	return i ? i - 1 : 0;
}
