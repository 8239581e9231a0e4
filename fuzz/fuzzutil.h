/* SPDX-License-Identifier: MIT */
/* fuzzutil.h - shared parts of the fuzz harnesses */
#ifndef TNEWS_FUZZUTIL_H
#define TNEWS_FUZZUTIL_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "datadir.h"
#include "input.h"
#include "parse.h"
#include "rules.h"

/* The installed rules, loaded once (TNEWS_DATADIR or the source tree). */
static inline const struct rules *fuzz_rules(void)
{
	static struct rules *r;

	if (!r) {
		char err[256], *path = datadir_find("furniture.rules");

		r = rules_new();
		if (!path || rules_add_file(r, path, NULL, NULL, err, sizeof err) < 0)
			abort();
		free(path);
	}
	return r;
}

/* Split a fuzz input into a query (up to the first NUL byte, else the
 * first eighth; at most 64 bytes) and a dump (the rest), parsed into sl.
 * The query's length, or -1 if the dump is not read. */
static inline long fuzz_query_dump(const uint8_t *data, size_t size, struct storylist *sl)
{
	const uint8_t *nul = memchr(data, 0, size);
	size_t qn = nul ? (size_t)(nul - data) : size / 8;
	char err[256];
	struct doc *d;

	if (qn > 64)
		qn = 64;
	d = input_from_bytes("fuzz", (const char *)data + qn, size - qn, err, sizeof err);
	if (!d)
		return -1;
	parse_doc(sl, d, fuzz_rules(), SEG_AUTO);
	return (long)qn;
}

/* Abort unless every line is in exactly one story, in order, and only a
 * document's first story starts with a stripped line. */
static inline void fuzz_check_storylist(const struct storylist *sl)
{
	size_t next = 0;
	const struct doc *d = NULL;

	for (size_t i = 0; i < sl->n; i++) {
		const struct story *s = &sl->stories[i];

		if (s->doc != d) {
			if (d && next != d->nlines)
				abort();
			d = s->doc;
			next = 0;
		}
		if (s->first != next || s->count == 0 || !s->title)
			abort();
		next += s->count;
		if (s->first > 0 && story_lines(s)[0].kind != LK_PARAGRAPH)
			abort();
	}
	if (d && next != d->nlines)
		abort();
}

#endif
