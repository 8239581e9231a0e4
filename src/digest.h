/* SPDX-License-Identifier: MIT */
/* digest.h - a fast 64-bit digest of bytes (several GB/s, not
 * cryptographic), taken whole or a piece at a time with the same
 * result: the parse cache's check that a dump is the one it parsed. */
#ifndef TNEWS_DIGEST_H
#define TNEWS_DIGEST_H

#include <stddef.h>
#include <stdint.h>

/* A digest being taken of n bytes given in pieces. */
struct digest {
	uint64_t h[8], r;
	unsigned char part[64];	/* the last piece's bytes short of a block */
	size_t npart;
};

/* Begin the digest of n bytes (all of them to come to digest_add). */
void digest_begin(struct digest *g, size_t n, uint64_t seed);
/* Take the next n bytes. */
void digest_add(struct digest *g, const void *data, size_t n);
/* The digest of all the bytes given. */
uint64_t digest_end(struct digest *g);
/* The digest of n bytes at once (as begin, add and end). */
uint64_t digest_bytes(const void *data, size_t n, uint64_t seed);

/* A final mix of 64 bits (splitmix64's): every input bit moves about
 * half of the output's. */
uint64_t digest_mix(uint64_t x);

#endif
