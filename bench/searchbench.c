/* SPDX-License-Identifier: MIT */
/* searchbench.c - time search as you type on a dump, the way the reader
 * does it: load the dump through the library, build the search index,
 * then type each query letter by letter, timing per keystroke setting the
 * query, finding the first match and completing the count; and time
 * grep -c -F for the same query on the same file (-i too unless the
 * query has a capital, as tnews matches case then).
 * Usage: searchbench FILE [QUERY...] (rules from $TNEWS_DATADIR or the
 * data/ of the current directory). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "input.h"
#include "parse.h"
#include "rules.h"
#include "search.h"
#include "story.h"

/* Folded bytes counted per step, as the reader does between keys. */
#define STEP ((size_t)4 << 20)

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
		fprintf(stderr, "searchbench: %s: %s\n", path, err);
		exit(2);
	}
	return r;
}

/* Whether q has an ASCII capital (tnews then matches case, like grep
 * without -i). */
static int has_capital(const char *q)
{
	for (; *q; q++)
		if (*q >= 'A' && *q <= 'Z')
			return 1;
	return 0;
}

/* Seconds grep -c -F q takes on file, with -i unless q has a capital as
 * tnews' smart case does (its count goes to a file: with the output on
 * /dev/null, GNU grep stops at the first match). */
static double grep_time(const char *q, const char *file)
{
	char cmd[8192];
	double t = now();

	snprintf(cmd, sizeof cmd, "grep -c %s-F -- '%s' '%s' >'%s.count'; rm -f '%s.count'",
		 has_capital(q) ? "" : "-i ", q, file, file, file);
	if (system(cmd) < 0)
		return -1;
	return now() - t;
}

/* Type q letter by letter, printing the times of each keystroke. */
static void type_query(struct search *s, const char *q, const char *file)
{
	size_t n = strlen(q);

	double g = grep_time(q, file);

	printf("query %-10s grep -c %s-F: %8.1f ms\n", q, has_capital(q) ? "" : "-i ", g * 1e3);
	for (size_t k = 1; k <= n; k++) {
		struct search_pos from = { 0, 0, 0 };
		struct search_hit hit;
		struct search_count c;
		int wrapped, found;
		double t0 = now(), t1, t2, t3;

		search_set_query(s, q, k);
		t1 = now();
		found = search_find(s, &from, 1, &hit, &wrapped);
		t2 = now();
		do
			c = search_count_step(s, STEP);
		while (!c.complete);
		t3 = now();
		printf("  %-10.*s set %7.3f ms  first match %7.3f ms%s  keystroke %7.3f ms"
		       "  count %8.1f ms (%.1fx grep)  %zu matches in %zu stories\n",
		       (int)k, q, (t1 - t0) * 1e3, (t2 - t1) * 1e3, found ? "" : " (none)",
		       (t2 - t0) * 1e3, (t3 - t0) * 1e3, g > 0 ? (t3 - t0) / g : 0.0,
		       c.matches, c.stories);
	}
}

int main(int argc, char **argv)
{
	static const char *const dflt[] = { "minister", "harbour", "strike" };
	struct storylist sl = { 0 };
	struct rules *r;
	struct search *s;
	struct doc *d;
	char err[256];
	double t;

	if (argc < 2) {
		fputs("usage: searchbench FILE [QUERY...]\n", stderr);
		return 2;
	}
	r = load_rules();
	t = now();
	d = input_read(argv[1], err, sizeof err);
	if (!d) {
		fprintf(stderr, "searchbench: %s: %s\n", argv[1], err);
		return 2;
	}
	parse_doc(&sl, d, r, SEG_AUTO);
	printf("load and parse: %.1f ms, %zu stories\n", (now() - t) * 1e3, sl.n);
	t = now();
	s = search_new(&sl);
	printf("search index:   %.1f ms\n", (now() - t) * 1e3);
	for (int i = 0; i < (argc > 2 ? argc - 2 : 3); i++)
		type_query(s, argc > 2 ? argv[i + 2] : dflt[i], argv[1]);
	search_free(s);
	storylist_free(&sl);
	rules_free(r);
	return 0;
}
