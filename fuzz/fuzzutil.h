/* SPDX-License-Identifier: MIT */
/* fuzzutil.h - shared parts of the fuzz harnesses */
#ifndef TNEWS_FUZZUTIL_H
#define TNEWS_FUZZUTIL_H

#include <stdlib.h>

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
