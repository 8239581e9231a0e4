/* SPDX-License-Identifier: MIT */
/* digest.c - a fast 64-bit digest: eight lanes of multiply and shift
 * over 64-byte blocks (no lane waits on another), the last block padded
 * with zeros, the lanes mixed at the end with the length and seed. */
#include <config.h>

#include <string.h>

#include "digest.h"

uint64_t digest_mix(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Eight bytes at p as a number. */
static uint64_t rd64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

/* Take nblocks whole 64-byte blocks at p into the lanes. */
static void blocks(uint64_t h[8], const unsigned char *p, size_t nblocks)
{
	uint64_t v[8];		/* a copy the bytes read cannot alias */

	memcpy(v, h, sizeof v);
	for (size_t b = 0; b < nblocks; b++, p += 64)
		for (int k = 0; k < 8; k++) {
			v[k] = (v[k] ^ rd64(p + 8 * k)) * 0x9e3779b97f4a7c15ULL;
			v[k] ^= v[k] >> 29;
		}
	memcpy(h, v, sizeof v);
}

void digest_begin(struct digest *g, size_t n, uint64_t seed)
{
	for (int k = 0; k < 8; k++)
		g->h[k] = seed ^ (0x243f6a8885a308d3ULL * (uint64_t)(k + 1));
	g->r = digest_mix(seed ^ n);
	g->npart = 0;
}

void digest_add(struct digest *g, const void *data, size_t n)
{
	const unsigned char *p = data;

	if (g->npart) {		/* complete the block begun before */
		size_t k = 64 - g->npart < n ? 64 - g->npart : n;

		memcpy(g->part + g->npart, p, k);
		g->npart += k;
		p += k;
		n -= k;
		if (g->npart < 64)
			return;
		blocks(g->h, g->part, 1);
		g->npart = 0;
	}
	blocks(g->h, p, n / 64);
	memcpy(g->part, p + n / 64 * 64, n % 64);
	g->npart = n % 64;
}

uint64_t digest_end(struct digest *g)
{
	uint64_t r = g->r;

	memset(g->part + g->npart, 0, 64 - g->npart);
	for (int k = 0; k < 8; k++) {
		g->h[k] = (g->h[k] ^ rd64(g->part + 8 * k)) * 0x9e3779b97f4a7c15ULL;
		r = digest_mix(r ^ g->h[k] ^ (g->h[k] >> 29));
	}
	return r;
}

uint64_t digest_bytes(const void *data, size_t n, uint64_t seed)
{
	struct digest g;

	digest_begin(&g, n, seed);
	digest_add(&g, data, n);
	return digest_end(&g);
}
