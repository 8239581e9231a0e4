/* SPDX-License-Identifier: MIT */
/* phrases.c - which of a set of phrases a text contains, in one pass.
 *
 * An Aho-Corasick automaton made a full table of transitions: state x
 * byte class -> state.  Bytes are grouped in classes (each byte the
 * phrases use, an ASCII capital with its small letter, all others one
 * class) so the table has a few dozen columns.  A table entry is the
 * next state's first cell, doubled, plus 1 where that state ends a
 * phrase, so a step is a class look-up, an add and a load. */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "phrases.h"
#include "xmalloc.h"

/* The largest table built (cells of 4 bytes): past it, NULL. */
#define PHRASES_MAX_CELLS ((size_t)1 << 21)

struct phrases {
	uint8_t cls[256];	/* each byte's class */
	size_t nclass;		/* columns of the table */
	size_t nphr, nwords;
	uint32_t *next;		/* nstates x nclass: (cell << 1) | ends */
	uint32_t *end;		/* per state: 1 + the first phrase ending there, 0 none */
	uint32_t *same;		/* per phrase: 1 + the next phrase of the same text */
	uint32_t *dict;		/* per state: the nearest shorter suffix state that
				 * ends a phrase, 0 none (the root ends none) */
};

/* ASCII lower case of one byte. */
static unsigned lower(unsigned c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Give every byte of the phrases a class, capitals their small letter's. */
static void make_classes(struct phrases *p, const char *const *s, const size_t *lens, size_t n)
{
	memset(p->cls, 0, sizeof p->cls);
	p->nclass = 1;
	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < lens[i]; k++) {
			unsigned c = lower((unsigned char)s[i][k]);

			if (!p->cls[c])
				p->cls[c] = (uint8_t)p->nclass++;
		}
	for (unsigned c = 'A'; c <= 'Z'; c++)
		p->cls[c] = p->cls[c + 32];
}

/* The trie of the phrases in p->next (state ids, 0 for no child; the
 * root is state 0 and no one's child); returns the states made. */
static size_t make_trie(struct phrases *p, const char *const *s, const size_t *lens, size_t n)
{
	size_t states = 1;

	for (size_t i = 0; i < n; i++) {
		size_t st = 0;

		for (size_t k = 0; k < lens[i]; k++) {
			uint32_t *cell = &p->next[st * p->nclass + p->cls[(unsigned char)s[i][k]]];

			if (!*cell)
				*cell = (uint32_t)states++;
			st = *cell;
		}
		p->same[i] = p->end[st];	/* phrases of one text, chained */
		p->end[st] = (uint32_t)i + 1;
	}
	return states;
}

/* Failure links breadth first, making the trie a full table of state
 * ids, and each state's dictionary link. */
static void make_links(struct phrases *p, size_t states)
{
	uint32_t *queue = xmalloc(states * sizeof *queue), *fail = xcalloc(states, sizeof *fail);
	size_t head = 0, tail = 0, nc = p->nclass;

	queue[tail++] = 0;
	while (head < tail) {
		uint32_t u = queue[head++];

		for (size_t c = 0; c < nc; c++) {
			uint32_t v = p->next[u * nc + c];

			if (!v) {	/* no child: where the longest suffix goes */
				p->next[u * nc + c] = u ? p->next[fail[u] * nc + c] : 0;
				continue;
			}
			fail[v] = u ? p->next[fail[u] * nc + c] : 0;
			p->dict[v] = p->end[fail[v]] ? fail[v] : p->dict[fail[v]];
			queue[tail++] = v;
		}
	}
	free(queue);
	free(fail);
}

/* Turn the table's state ids into doubled first cells, marked where the
 * state ends a phrase (itself or by a suffix). */
static void make_cells(struct phrases *p, size_t states)
{
	size_t nc = p->nclass;

	for (size_t i = 0; i < states * nc; i++) {
		uint32_t v = p->next[i];

		p->next[i] = (uint32_t)(v * nc) << 1 | (p->end[v] || p->dict[v]);
	}
}

struct phrases *phrases_build(const char *const *s, const size_t *lens, size_t n)
{
	struct phrases *p = xcalloc(1, sizeof *p);
	size_t total = 1;

	make_classes(p, s, lens, n);
	for (size_t i = 0; i < n; i++)
		total += lens[i];
	if (total > PHRASES_MAX_CELLS / p->nclass) {
		free(p);
		return NULL;
	}
	p->nphr = n;
	p->nwords = (n + 63) / 64;
	p->next = xcalloc(total * p->nclass, sizeof *p->next);
	p->end = xcalloc(total, sizeof *p->end);
	p->dict = xcalloc(total, sizeof *p->dict);
	p->same = xcalloc(n + 1, sizeof *p->same);
	size_t states = make_trie(p, s, lens, n);

	make_links(p, states);
	make_cells(p, states);
	return p;
}

size_t phrases_words(const struct phrases *p)
{
	return p->nwords;
}

/* Set the bits of the phrases state st ends, and of its suffixes. */
static void mark(const struct phrases *p, size_t st, uint64_t *found)
{
	for (; st; st = p->dict[st])
		for (uint32_t id = p->end[st]; id; id = p->same[id - 1])
			found[(id - 1) >> 6] |= (uint64_t)1 << ((id - 1) & 63);
}

void phrases_scan(const struct phrases *p, const char *t, size_t n, uint64_t *found)
{
	const unsigned char *s = (const unsigned char *)t, *e = s + n;
	const uint32_t *next = p->next;
	const uint8_t *cls = p->cls;
	uint32_t at = 0;

	memset(found, 0, p->nwords * sizeof *found);
	while (s < e) {
		at = next[(at >> 1) + cls[*s++]];
		if (at & 1)
			mark(p, (at >> 1) / p->nclass, found);
	}
}

void phrases_free(struct phrases *p)
{
	if (!p)
		return;
	free(p->next);
	free(p->end);
	free(p->dict);
	free(p->same);
	free(p);
}
