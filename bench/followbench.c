/* SPDX-License-Identifier: MIT */
/* followbench.c - following a large dump, in a pseudo-terminal at 80x24:
 * the time from appending a story to the dump to the new story on the
 * screen (only the appended text is parsed), next to the time when the
 * same dump is replaced by a copy with the story added (read and parsed
 * again whole, as every change was before).  Best and median of 3 each.
 * Usage: followbench TNEWS FILE (FILE is copied to $TMPDIR). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "../tests/pty.h"

#define RUNS 3

/* Copy file from to to; 0 or -1. */
static int copy(const char *from, const char *to)
{
	FILE *in = fopen(from, "rb"), *out = fopen(to, "wb");
	char buf[1 << 16];
	size_t n;
	int ok = in && out;

	while (ok && (n = fread(buf, 1, sizeof buf, in)) > 0)
		ok = fwrite(buf, 1, n, out) == n;
	if (in)
		fclose(in);
	if (out && fclose(out))
		ok = 0;
	return ok ? 0 : -1;
}

/* The story appended in run i: its lede names it. */
static void story(char *buf, size_t n, int i, int whole)
{
	snprintf(buf, n, "\n\f\nQuarrymen in Zelthorpe%d%s walked out on Tuesday over a pay offer that "
		 "the union called an insult to the workforce.\nTalks are due to resume next week.\n",
		 i, whole ? "w" : "a");
}

/* Append text to path (whole = 0), or put a copy of path with text
 * added in its place (whole = 1). */
static int change(const char *path, const char *text, int whole)
{
	char tmp[4200];
	FILE *f;

	if (!whole) {
		f = fopen(path, "a");
		return f && fputs(text, f) >= 0 && fclose(f) == 0 ? 0 : -1;
	}
	snprintf(tmp, sizeof tmp, "%s.new", path);
	if (copy(path, tmp) < 0 || !(f = fopen(tmp, "a")) || fputs(text, f) < 0 || fclose(f))
		return -1;
	return rename(tmp, path);
}

/* Sort n values, smallest first. */
static void sort(long *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			long t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
}

int main(int argc, char **argv)
{
	const char *env[] = { "LC_ALL=C.UTF-8", NULL };
	const char *tmpdir = getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp";
	char path[4096], text[512], want[64];
	long ms[2][RUNS];
	struct pty p;

	if (argc != 3) {
		fputs("usage: followbench TNEWS FILE\n", stderr);
		return 2;
	}
	snprintf(path, sizeof path, "%s/followbench-%ld.txt", tmpdir, (long)getpid());
	if (copy(argv[2], path) < 0) {
		perror(argv[2]);
		return 2;
	}
	const char *args[] = { argv[1], "--no-state", "--no-cache", path, NULL };

	if (pty_start(&p, 24, 80, args, env, 0) < 0 || !pty_wait_text(&p, "Top", 600000)) {
		fputs("followbench: tnews did not start\n", stderr);
		return 1;
	}
	pty_wait_gone(&p, "loading", 600000);
	pty_settle(&p, 500, 5000);
	for (int whole = 0; whole < 2; whole++)
		for (int i = 0; i < RUNS; i++) {
			long t0;

			pty_send(&p, "F");	/* follow: the new story is shown */
			pty_settle(&p, 300, 5000);
			story(text, sizeof text, i, whole);
			snprintf(want, sizeof want, "Zelthorpe%d%s", i, whole ? "w" : "a");
			t0 = pty_now_ms();
			if (change(path, text, whole) < 0 || !pty_wait_text(&p, want, 600000)) {
				fprintf(stderr, "followbench: %s never shown\n", want);
				return 1;
			}
			ms[whole][i] = pty_now_ms() - t0;
			pty_send(&p, "hg");	/* stop following, back to the top */
			pty_settle(&p, 300, 5000);
			pty_wait_gone(&p, want, 10000);
		}
	pty_send(&p, "q");
	pty_wait_exit(&p, 10000);
	pty_free(&p);
	unlink(path);
	for (int whole = 0; whole < 2; whole++) {
		sort(ms[whole], RUNS);
		printf("%-34s best %6ld ms  median %6ld ms\n",
		       whole ? "replaced (read again whole)" : "appended (new text parsed)",
		       ms[whole][0], ms[whole][RUNS / 2]);
	}
	return 0;
}
