/* SPDX-License-Identifier: MIT */
/* screenbench.c - time tnews as a person sees it, in a pseudo-terminal at
 * 80x24: the first full screen, one-line scrolls from the top of the
 * first story (that move), a page (that moves) and a story change, each
 * next to less on the same file in the same pty (its one-line scrolls
 * from the top of the file), and the peak resident memory once all
 * is loaded and a search has built the index, without saved state (which could
 * resume elsewhere) or the parse cache; then re-opening the file with its
 * parse cached, several times: the first screen and the last story
 * reached with G, and the peak memory of such an open.
 * Usage: screenbench TNEWS FILE */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <unistd.h>

#include "../tests/pty.h"

/* One-line scrolls measured, from the top (the seed's first story has
 * more rows than that beyond its first screen). */
#define SCROLLS 20

/* Milliseconds until output follows a key and then stays quiet 30 ms. */
static double key_ms(struct pty *p, const char *key, size_t *bytes)
{
	size_t before = p->nbytes;
	long t0 = pty_now_ms(), last = t0;

	pty_send(p, key);
	while (pty_now_ms() - t0 < 10000) {
		if (pty_pump(p, 5) > 0)
			last = pty_now_ms();
		else if (p->nbytes > before && pty_now_ms() - last >= 30)
			break;
	}
	*bytes = p->nbytes - before;
	return (double)(last - t0);
}

/* The median of n values (sorts them). */
static double median(double *v, int n)
{
	for (int i = 1; i < n; i++)
		for (int j = i; j > 0 && v[j - 1] > v[j]; j--) {
			double t = v[j];

			v[j] = v[j - 1];
			v[j - 1] = t;
		}
	return v[n / 2];
}

/* Time n presses of key; print the median time and bytes. */
static void moves(struct pty *p, const char *what, const char *key, int n)
{
	double ms[64];
	size_t bytes = 0, b;

	for (int i = 0; i < n; i++) {
		ms[i] = key_ms(p, key, &b);
		bytes += b;
	}
	printf("%-16s %8.1f ms %8zu bytes (median of %d)\n", what, median(ms, n),
	       bytes / (size_t)n, n);
}

/* Time n one-line scrolls down (j) from where the screen is; print the
 * median time and the mean bytes of those that moved the screen. */
static double scrolls(struct pty *p, const char *who, int n)
{
	double ms[64];
	size_t bytes = 0, b;
	int moved = 0;

	for (int i = 0; i < n; i++) {
		char *before = pty_screen(p), *after;

		ms[moved] = key_ms(p, "j", &b);
		after = pty_screen(p);
		if (strcmp(before, after) != 0) {
			bytes += b;
			moved++;
		}
		free(before);
		free(after);
	}
	if (!moved)
		return 0;
	printf("%-16s %8.1f ms %8.1f bytes (%s; mean of the %d of %d that moved)\n",
	       "one-line scroll", median(ms, moved), (double)bytes / moved, who, moved, n);
	return (double)bytes / moved;
}

/* Time n page-downs that move: each from the same place (a page-up, not
 * timed, goes back), the pane's text checked to have changed. */
static void pages(struct pty *p, int n)
{
	double ms[64];
	size_t bytes = 0, b;
	int moved = 0;

	for (int i = 0; i < n; i++) {
		char *before = pty_screen(p), *after;

		ms[i] = key_ms(p, " ", &b);
		bytes += b;
		after = pty_screen(p);
		moved += strcmp(before, after) != 0;
		free(before);
		free(after);
		key_ms(p, "b", &b);
	}
	printf("%-16s %8.1f ms %8zu bytes (median of %d; %d of them moved)\n", "page",
	       median(ms, n), bytes / (size_t)n, n, moved);
}

/* The peer: less on the same file at 80x24, its first screen, one-line
 * scrolls from the top and a page, if less is there; returns the mean
 * bytes of a one-line scroll (0: not measured). */
static double peer_less(const char *file)
{
	char first[24] = "";
	FILE *f = fopen(file, "r");
	int c;
	size_t k = 0;

	while (f && k < 20 && (c = getc(f)) != EOF && c != '\n')	/* its first words */
		if (c >= ' ' && c < 0x7f)
			first[k++] = (char)c;
		else if (k)
			break;
	first[k] = '\0';
	if (f)
		fclose(f);
	static const char *const env[] = { "LC_ALL=C.UTF-8", "LESS=", "LESSOPEN=",
					   "LESSHISTFILE=-", NULL };
	const char *args[] = { "/usr/bin/less", file, NULL };
	struct pty p;
	long t0 = pty_now_ms();
	double ms[64], line;
	size_t b, bytes = 0;

	if (access(args[0], X_OK) != 0 || pty_start(&p, 24, 80, args, env, 0) < 0)
		return 0;
	if (*first)
		pty_wait_text(&p, first, 60000);
	printf("%-16s %8ld ms (less)\n", "first screen", pty_now_ms() - t0);
	pty_settle(&p, 100, 5000);
	line = scrolls(&p, "less", SCROLLS);
	key_ms(&p, "g", &b);
	for (int i = 0; i < 10; i++) {
		ms[i] = key_ms(&p, " ", &b);
		bytes += b;
	}
	printf("%-16s %8.1f ms %8zu bytes (less)\n", "page", median(ms, 10), bytes / 10);
	pty_send(&p, "q");
	pty_wait_exit(&p, 10000);
	pty_free(&p);
	return line;
}

/* Re-opens of a file with its parse cached, timed (the machine is
 * shared and noisy: the best and the median are given). */
#define REOPENS 5

/* The peak resident KiB of a running process (VmHWM), or 0. */
static long peak_kib(pid_t pid)
{
	char path[64], line[256];
	long kib = 0;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)pid);
	if (!(f = fopen(path, "r")))
		return 0;
	while (fgets(line, sizeof line, f))
		if (sscanf(line, "VmHWM: %ld", &kib) == 1)
			break;
	fclose(f);
	return kib;
}

/* One re-open with the parse cached: the milliseconds to the first
 * screen and to the last story (want, "N/N") shown after G (-1: not
 * seen); with size, the peak memory once all is folded and indexed. */
static void reopen_once(const char *const *args, const char *const *env, const char *want,
			long *screen, long *end, off_t size)
{
	struct pty p;
	long t0 = pty_now_ms();

	*screen = *end = -1;
	if (pty_start(&p, 24, 80, args, env, 0) < 0)
		return;
	if (pty_wait_text(&p, "Top", 600000)) {
		*screen = pty_now_ms() - t0;
		pty_send(&p, "G");
		if (pty_wait_text(&p, want, 600000))
			*end = pty_now_ms() - t0;
	}
	if (size > 0) {		/* the versions folded once keys pause, then a search */
		pty_settle(&p, 1500, 60000);
		pty_send(&p, "/minister\r");
		pty_settle(&p, 300, 60000);
		long kib = peak_kib(p.pid);

		printf("%-16s %8ld KiB (%.2fx the file; parse cached, folded and indexed)\n",
		       "peak memory", kib, (double)kib * 1024 / (double)size);
	}
	pty_send(&p, "q");
	pty_wait_exit(&p, 10000);
	pty_free(&p);
}

/* Open file with the parse cached under cachedir (made by a first run
 * left to finish loading) REOPENS times; print the times to the first
 * screen and to the last story shown after G, from the start, and the
 * peak memory of a cached open. */
static void reopen(const char *tnews, const char *file, const char *cachedir)
{
	char envc[4200], cmd[8400], want[64];
	const char *env[] = { "LC_ALL=C.UTF-8", envc, NULL };
	const char *args[] = { tnews, "--no-state", file, NULL };
	double screen[REOPENS], end[REOPENS];
	long s, e;
	struct pty p;
	struct stat sb;
	FILE *f;
	int n = 0, got = 0;

	snprintf(envc, sizeof envc, "XDG_CACHE_HOME=%s", cachedir);
	if (pty_start(&p, 24, 80, args, env, 0) < 0 || !pty_wait_text(&p, "Top", 600000))
		return;
	pty_wait_gone(&p, "loading", 600000);	/* parsed: cache kept */
	pty_send(&p, "q");
	pty_wait_exit(&p, 10000);
	pty_free(&p);
	snprintf(cmd, sizeof cmd, "XDG_CACHE_HOME='%s' '%s' --no-state --list '%s' | wc -l",
		 cachedir, tnews, file);
	f = popen(cmd, "r");
	if (!f || fscanf(f, "%d", &n) != 1 || n <= 0) {
		if (f)
			pclose(f);
		return;
	}
	pclose(f);
	snprintf(want, sizeof want, "%d/%d", n, n);
	printf("%-16s", "re-open: G");
	for (int i = 0; i < REOPENS; i++) {
		reopen_once(args, env, want, &s, &e, 0);
		if (s < 0 || e < 0)
			continue;
		screen[got] = (double)s;
		end[got++] = (double)e;
		printf(" %ld", e);
	}
	printf(" ms (%d runs)\n", got);
	if (got) {
		double best = end[0];

		for (int i = 1; i < got; i++)
			best = end[i] < best ? end[i] : best;
		printf("%-16s %8.0f ms (parse cached; median of %d)\n", "re-open: screen",
		       median(screen, got), got);
		printf("%-16s %8.0f ms median, %.0f ms best (from the start; aim 300 ms)\n",
		       "re-open: G", median(end, got), best);
	}
	if (stat(file, &sb) == 0)
		reopen_once(args, env, want, &s, &e, sb.st_size);
}

int main(int argc, char **argv)
{
	static const char *const env[] = { "LC_ALL=C.UTF-8", NULL };
	struct pty p;
	struct rusage ru;
	struct stat sb;
	long t0;
	double line, less_line;

	if (argc != 3) {
		fprintf(stderr, "usage: screenbench TNEWS FILE\n");
		return 2;
	}
	const char *args[] = { argv[1], "--no-state", "--no-cache", argv[2], NULL };

	t0 = pty_now_ms();
	if (pty_start(&p, 24, 80, args, env, 0) < 0 ||
	    !pty_wait_text(&p, "Top", 600000)) {
		fprintf(stderr, "screenbench: tnews did not show its first screen\n");
		return 1;
	}
	printf("%-16s %8ld ms\n", "first screen", pty_now_ms() - t0);
	pty_settle(&p, 100, 5000);
	pty_send(&p, "\r");
	pty_settle(&p, 100, 5000);
	line = scrolls(&p, "tnews", SCROLLS);
	pty_send(&p, "g");
	pty_settle(&p, 100, 5000);
	pages(&p, 10);
	moves(&p, "story change", "J", 10);
	/* the peak with everything loaded and the search index built (a
	 * search builds what the idle turns have not) */
	pty_wait_gone(&p, "loading", 600000);
	pty_send(&p, "/minister\r");
	pty_settle(&p, 300, 60000);
	pty_send(&p, "q");
	pty_wait_exit(&p, 10000);
	pty_free(&p);
	getrusage(RUSAGE_CHILDREN, &ru);
	printf("%-16s %8ld KiB (%.2fx the file; no cache: loaded and indexed)\n", "peak memory",
	       ru.ru_maxrss,
	       stat(argv[2], &sb) == 0 && sb.st_size > 0 ?
	       (double)ru.ru_maxrss * 1024 / (double)sb.st_size : 0.0);
	less_line = peer_less(argv[2]);
	if (line > 0 && less_line > 0)
		printf("%-16s %8.1f bytes tnews, %.1f less (%s)\n", "one-line scroll", line,
		       less_line, line <= less_line ? "no more than less" : "MORE than less");
	{
		char dir[] = "/tmp/screenbench-XXXXXX", cmd[64];

		if (mkdtemp(dir)) {
			reopen(argv[1], argv[2], dir);
			snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
			if (system(cmd) != 0)
				fprintf(stderr, "screenbench: could not remove %s\n", dir);
		}
	}
	return 0;
}
