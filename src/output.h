/* SPDX-License-Identifier: MIT */
/* output.h - the scripting interface: --list, --dump, --json */
#ifndef TNEWS_OUTPUT_H
#define TNEWS_OUTPUT_H

#include <stdio.h>

#include "sbuf.h"
#include "story.h"

/* Append s[0..n) as a JSON string (quoted, every control character and
 * invalid byte escaped). */
void output_json_string(struct sbuf *b, const char *s, size_t n);
/* Append a file name made safe for a terminal: controls and invalid
 * bytes as backslash escapes. */
void output_safe_name(struct sbuf *b, const char *s);

struct fold;

/* Each printer takes the grouping of the stories into articles (fold.h)
 * and, with latest, prints only the newest version of each group (fold
 * may be NULL for --list and --dump: every story is printed). */

/* One line per story: number, file, line range, title; tab-separated. */
int output_list(FILE *f, const struct storylist *sl, const struct fold *fold,
		int latest);
/* The clean stories as text wrapped to width columns; with stripped,
 * stripped lines too, labelled with their kind. */
int output_dump(FILE *f, const struct storylist *sl, int width, int stripped,
		const struct fold *fold, int latest);
/* The parse as JSON, with each story's group, version and whether it
 * changed from the previous version (fold NULL: folded here). */
int output_json(FILE *f, const struct storylist *sl, const struct fold *fold,
		int latest);

#endif
