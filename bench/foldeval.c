/* SPDX-License-Identifier: MIT */
/* foldeval.c - measure story folding: parse the files as tnews does,
 * fold them, and print each story ("S index file first last group
 * version words") and each candidate pair the banding compared ("P i j
 * estimated-resemblance estimated-containment folded exact-resemblance
 * exact-containment"), for bench/foldeval.py to score.  With -t, only
 * time the folding.  Usage: foldeval [-t] [-e] [--segment=MODE] FILE...
 * (-e: explicit segmentation; rules from $TNEWS_DATADIR, else ./data). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "fold.h"
#include "input.h"
#include "parse.h"
#include "rules.h"
#include "story.h"

/* Seconds on a monotonic clock. */
static double now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Load the furniture rules, or die. */
static struct rules *load_rules(void)
{
	const char *dir = getenv("TNEWS_DATADIR");
	char path[4096], err[256];
	struct rules *r = rules_new();

	snprintf(path, sizeof path, "%s/furniture.rules", dir ? dir : "data");
	if (rules_add_file(r, path, NULL, NULL, err, sizeof err) < 0) {
		fprintf(stderr, "foldeval: %s: %s\n", path, err);
		exit(2);
	}
	return r;
}

/* Print one compared pair with its exact figures. */
static void pair(size_t i, size_t j, double res, double cont, int same, void *arg)
{
	const struct storylist *sl = arg;
	double er, ec;

	fold_exact(&sl->stories[i], &sl->stories[j], &er, &ec);
	printf("P %zu %zu %.4f %.4f %d %.4f %.4f\n", i, j, res, cont, same, er, ec);
}

int main(int argc, char **argv)
{
	struct storylist sl = { 0 };
	struct rules *r = load_rules();
	struct fold f;
	enum seg_mode mode = SEG_AUTO;
	int timing = 0;
	char err[256];
	double t0, t1;

	for (int a = 1; a < argc; a++) {
		if (!strcmp(argv[a], "-t")) {
			timing = 1;
			continue;
		}
		if (!strcmp(argv[a], "-e")) {
			mode = SEG_EXPLICIT;
			continue;
		}
		struct doc *d = input_read(argv[a], err, sizeof err);

		if (!d) {
			fprintf(stderr, "foldeval: %s: %s\n", argv[a], err);
			return 2;
		}
		parse_doc(&sl, d, r, mode);
	}
	t0 = now();
	if (timing)
		fold_stories(&f, &sl);
	else
		fold_stories_traced(&f, &sl, pair, &sl);
	t1 = now();
	if (timing) {
		printf("%zu stories, %u groups, fold %.3f s\n", sl.n, f.ngroups, t1 - t0);
	} else {
		for (size_t i = 0; i < sl.n; i++) {
			const struct story *s = &sl.stories[i];

			printf("S %zu %s %u %u %u %u %zu\n", i, s->doc->name,
			       (unsigned)story_first_line(s), (unsigned)story_last_line(s),
			       f.group[i], f.version[i], s->words);
		}
	}
	fold_free(&f);
	storylist_free(&sl);
	rules_free(r);
	return 0;
}
