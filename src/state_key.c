/* SPDX-License-Identifier: MIT */
/* state_key.c - story keys and line digests: what the state file calls a
 * story or a line, the same in every dump and wherever it is. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "pcache.h"
#include "state_int.h"
#include "xmalloc.h"


/* Two 64-bit FNV-style hashes fed with the same normalised bytes. */
struct hasher {
	uint64_t h1, h2;
	int space;			/* a word break is pending */
	int any;			/* something was hashed */
};

/* Start hashing. */
static void hash_init(struct hasher *h)
{
	h->h1 = 0xcbf29ce484222325ULL;	/* FNV-1a 64 offset basis */
	h->h2 = 0x6c62272e07bb0142ULL;	/* FNV-1a 128's low half */
	h->space = h->any = 0;
}

/* Hash one byte. */
static void hash_byte(struct hasher *h, unsigned char c)
{
	h->h1 = (h->h1 ^ c) * 0x100000001b3ULL;
	h->h2 = (h->h2 ^ c) * 0x9e3779b97f4a7c15ULL;
	h->h2 ^= h->h2 >> 29;
}

/* Which ASCII bytes are letters or digits. */
static const unsigned char ascii_alnum[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
};

/* Hash text normalised: letters and digits lower-cased, every other run
 * of characters one space, none at either end. */
static void hash_text(struct hasher *h, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *e = p + n;

	while (p < e) {
		if (*p < 0x80) {	/* ASCII, as below but at once */
			unsigned char c = *p++;

			if (!ascii_alnum[c]) {
				h->space = 1;
				continue;
			}
			if (h->space && h->any)
				hash_byte(h, ' ');
			h->space = 0;
			h->any = 1;
			hash_byte(h, c >= 'A' && c <= 'Z' ? (unsigned char)(c + 32) : c);
			continue;
		}
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, (size_t)(e - p));
		uint8_t buf[6];

		if (k < 1)
			k = 1;
		p += k;
		if (!uc_is_alnum(uc)) {
			h->space = 1;
			continue;
		}
		if (h->space && h->any)
			hash_byte(h, ' ');
		h->space = 0;
		h->any = 1;
		int m = u8_uctomb(buf, uc_tolower(uc), (int)sizeof buf);

		for (int i = 0; i < m; i++)
			hash_byte(h, buf[i]);
	}
}

/* A final mix of a 64-bit value (splitmix64's). */
uint64_t state_mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* The key of a story as two 64-bit halves. */
void state_key_bits(const struct story *s, uint64_t k[2])
{
	const struct line *l = story_lines(s);
	struct hasher h;
	size_t paras = story_paragraphs(s);

	hash_init(&h);
	for (size_t i = 0; i < s->count; i++) {
		if (paras && l[i].kind != LK_PARAGRAPH)
			continue;
		struct bstr t = line_text(s->doc, &l[i]);

		h.space = 1;
		hash_text(&h, t.s, t.n);
	}
	k[0] = h.h1;
	k[1] = state_mix64(h.h2);
}

/* The digest of one line of a document. */
uint64_t state_line_digest(const struct doc *d, size_t i)
{
	struct hasher h;
	struct bstr t = line_text(d, &d->lines[i]);

	hash_init(&h);
	hash_text(&h, t.s, t.n);
	return h.h1;
}

/* Write k as 32 hex digits. */
void state_key_hex(const uint64_t k[2], char out[STATE_KEY_SIZE])
{
	static const char digits[] = "0123456789abcdef";

	for (int h = 0; h < 2; h++)
		for (int i = 0; i < 16; i++)
			out[h * 16 + i] = digits[(k[h] >> (60 - 4 * i)) & 15];
	out[32] = '\0';
}

/* Value of a lowercase hex digit, -1 if it is not one. */
int state_hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Parse exactly n lowercase hex digits (n <= 16) into *v; 0 or -1. */
int state_parse_hex(const char *s, size_t len, size_t n, uint64_t *v)
{
	static signed char val[256];
	uint64_t x = 0;
	int bad = 0;

	if (!val[0]) {
		memset(val, -1, sizeof val);
		for (int c = 0; c < 10; c++)
			val['0' + c] = (signed char)c;
		for (int c = 0; c < 6; c++)
			val['a' + c] = (signed char)(10 + c);
	}
	if (len != n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int d = val[(unsigned char)s[i]];

		bad |= d;
		x = x << 4 | (uint64_t)(d & 15);
	}
	if (bad < 0)
		return -1;
	*v = x;
	return 0;
}

/* Parse a 32-digit key into two halves; 0 or -1. */
int state_parse_key(const char *s, size_t len, uint64_t k[2])
{
	if (len != 32)
		return -1;
	return state_parse_hex(s, 16, 16, &k[0]) < 0 || state_parse_hex(s + 16, 16, 16, &k[1]) < 0
		? -1 : 0;
}

void state_story_key(const struct story *s, char out[STATE_KEY_SIZE])
{
	uint64_t k[2];

	if (!pcache_story_key(s, k))	/* kept with a cached parse */
		state_key_bits(s, k);
	state_key_hex(k, out);
}

struct state_key *state_keys(const struct storylist *sl)
{
	struct state_key *keys;

	if (!sl->n)
		return NULL;
	keys = xcalloc(sl->n, sizeof *keys);
	for (size_t i = 0; i < sl->n; i++)
		state_story_key(&sl->stories[i], keys[i].hex);
	return keys;
}

