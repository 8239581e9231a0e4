/* SPDX-License-Identifier: MIT */
/* statebench.c - the state with many read marks: how long opening it
 * takes next to an empty one, and how many bytes marking one story and
 * saving writes (the peer: tin appends to its newsrc).
 * Usage: statebench DIR [MARKS] */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>

#include "state.h"

/* Seconds on the monotonic clock. */
static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* Bytes this process has written so far (/proc/self/io's wchar). */
static long long written(void)
{
	FILE *f = fopen("/proc/self/io", "r");
	char line[128];
	long long n = -1;

	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "wchar:", 6))
			n = atoll(line + 6);
	if (f)
		fclose(f);
	return n;
}

/* A pseudo-random 64-bit number (splitmix64). */
static uint64_t rnd(uint64_t *s)
{
	uint64_t x = (*s += 0x9e3779b97f4a7c15ULL);

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	return x ^ (x >> 31);
}

/* Make the state file at path hold n read marks with random keys, the
 * way tnews writes it (marked and folded); the seconds the fold took. */
static double make_file(const char *path, long n)
{
	char msg[512], key[STATE_KEY_SIZE];
	uint64_t seed = 42;
	struct state *st;
	double t;

	{
		char j[4200];

		snprintf(j, sizeof j, "%s.journal", path);
		remove(j);
	}
	remove(path);
	st = state_open(path, 0, msg, sizeof msg);
	for (long i = 0; i < n; i++) {
		uint64_t a = rnd(&seed), b = rnd(&seed);

		snprintf(key, sizeof key, "%016llx%016llx", (unsigned long long)a,
			 (unsigned long long)b);
		state_mark(st, key, 1);
	}
	t = now();
	if (state_fold(st, msg, sizeof msg) < 0) {
		fprintf(stderr, "statebench: %s\n", msg);
		exit(1);
	}
	t = now() - t;
	state_close(st);
	return t;
}

/* Best of three: seconds to open and close the state at path. */
static double open_time(const char *path)
{
	double best = 1e9;

	for (int r = 0; r < 3; r++) {
		char msg[512];
		double t = now();
		struct state *st = state_open(path, 0, msg, sizeof msg);

		state_close(st);
		t = now() - t;
		if (*msg)
			fprintf(stderr, "statebench: %s\n", msg);
		if (t < best)
			best = t;
	}
	return best;
}

int main(int argc, char **argv)
{
	char empty[4096], full[4096], msg[512];
	long n = argc > 2 ? atol(argv[2]) : 1000000;

	if (argc < 2) {
		fprintf(stderr, "usage: statebench DIR [MARKS]\n");
		return 2;
	}
	snprintf(empty, sizeof empty, "%s/state-empty", argv[1]);
	snprintf(full, sizeof full, "%s/state-%ld", argv[1], n);
	double tw;

	make_file(empty, 0);
	tw = make_file(full, n);
	double t0 = open_time(empty), t1 = open_time(full);

	printf("open, no marks            %8.3f s\n", t0);
	printf("open, %ld marks      %8.3f s  (+%.3f s; aim +0.3 s)\n", n, t1, t1 - t0);
	printf("fold (rewrite) of them    %8.3f s\n", tw);
	struct stat sb;
	long long size = stat(full, &sb) == 0 ? (long long)sb.st_size : -1;

	for (int round = 0; round < 2; round++) {
		struct state *st = state_open(full, 0, msg, sizeof msg);
		char key[STATE_KEY_SIZE];
		long long w;
		double t;

		snprintf(key, sizeof key, "%016x%016x", 0xbe4c7u, (unsigned)round);
		state_mark(st, key, 1);
		w = written();
		t = now();
		state_save(st, msg, sizeof msg);
		t = now() - t;
		printf("mark one story and save   %8lld bytes written, %.4f s (the file: %lld)%s%s\n",
		       written() - w, t, (long long)size, *msg ? ": " : "", msg);
		state_close(st);
	}
	return 0;
}
