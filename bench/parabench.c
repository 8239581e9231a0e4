/* SPDX-License-Identifier: MIT */
/* parabench.c - the reader on one giant paragraph (words, then CJK text
 * with no space), in a pseudo-terminal at 80x24: after G, how long /, n
 * and S take to answer and how much the peak memory grows.  Usage:
 * parabench TNEWS [MB] (20 by default; the file is written to $TMPDIR). */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../tests/pty.h"

/* Write the dump: one paragraph of about mb megabytes. */
static int write_dump(const char *path, long mb)
{
	FILE *f = fopen(path, "w");
	long total = mb << 20, n = 0;

	if (!f)
		return -1;
	fputs("A lede sentence that makes the title of the giant story. ", f);
	for (long i = 0; n < total / 2; i++)
		n += fprintf(f, i % 5000 == 4999 ? "needle%ld " : "word%ld ", i);
	for (long i = 0; n < total; i++) {
		fputs(i % 30000 == 29999 ? "needle" : i % 7 ? "\xE6\x98\x9F" : "\xE6\x9D\x91", f);
		n += i % 30000 == 29999 ? 6 : 3;
	}
	fputs("\n", f);
	return fclose(f);
}

/* The child's peak resident memory so far, in KiB (VmHWM), or -1. */
static long peak_kib(const struct pty *p)
{
	char path[64], line[256];
	long kib = -1;
	FILE *f;

	snprintf(path, sizeof path, "/proc/%ld/status", (long)p->pid);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		if (!strncmp(line, "VmHWM:", 6))
			kib = strtol(line + 6, NULL, 10);
	fclose(f);
	return kib;
}

/* Milliseconds until output follows a key and then stays quiet 50 ms. */
static long quiet_ms(struct pty *p, const char *key)
{
	size_t before = p->nbytes;
	long t0 = pty_now_ms(), last = t0;

	pty_send(p, key);
	while (pty_now_ms() - t0 < 60000) {
		if (pty_pump(p, 5) > 0)
			last = pty_now_ms();
		else if (p->nbytes > before && pty_now_ms() - last >= 50)
			break;
	}
	return last - t0;
}

/* Milliseconds until the bottom row starts with the prompt after "/". */
static long prompt_ms(struct pty *p)
{
	long t0 = pty_now_ms();

	pty_send(p, "/");
	while (pty_now_ms() - t0 < 60000) {
		pty_pump(p, 2);
		if (pty_row(p, p->rows - 1)[0] == '/')
			return pty_now_ms() - t0;
	}
	return -1;
}

/* The terminal, for PARABENCH_SCREENS. */
static struct pty *cur;

/* Print one measure: time and peak growth. */
static void report(const char *what, long ms, long before, long after)
{
	if (getenv("PARABENCH_SCREENS"))
		fprintf(stderr, "%s\n", pty_screen(cur));
	printf("%-22s %8ld ms %+8.1f MB peak\n", what, ms, (double)(after - before) / 1024.0);
}

int main(int argc, char **argv)
{
	static const char *const env[] = { "LC_ALL=C.UTF-8", NULL };
	const char *tmp = getenv("TMPDIR");
	long mb = argc > 2 ? atol(argv[2]) : 20, ms, k0;
	char path[4096];
	struct pty p;

	if (argc < 2 || mb < 1) {
		fprintf(stderr, "usage: parabench TNEWS [MB]\n");
		return 2;
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	snprintf(path, sizeof path, "%s/tnews-parabench-%ld.txt", tmp ? tmp : "/tmp", mb);
	if (write_dump(path, mb) < 0) {
		perror(path);
		return 1;
	}
	const char *args[] = { argv[1], "--no-state", path, NULL };

	if (pty_start(&p, 24, 80, args, env, 0) < 0 || !pty_wait_text(&p, "giant", 120000)) {
		fprintf(stderr, "parabench: tnews did not show its first screen\n");
		return 1;
	}
	pty_wait_gone(&p, "loading", 120000);
	cur = &p;
	pty_settle(&p, 300, 60000);
	k0 = peak_kib(&p);
	ms = quiet_ms(&p, "\r");
	report("open the story", ms, k0, peak_kib(&p));
	pty_settle(&p, 200, 60000);
	k0 = peak_kib(&p);
	ms = quiet_ms(&p, "G");
	report("G", ms, k0, peak_kib(&p));
	pty_settle(&p, 200, 60000);
	k0 = peak_kib(&p);
	ms = prompt_ms(&p);
	report("/ shows its prompt", ms, k0, peak_kib(&p));
	pty_send(&p, "needle\r");
	pty_settle(&p, 300, 60000);
	quiet_ms(&p, "G");
	pty_settle(&p, 200, 60000);
	k0 = peak_kib(&p);
	ms = quiet_ms(&p, "n");
	report("n (next match)", ms, k0, peak_kib(&p));
	pty_settle(&p, 200, 60000);
	quiet_ms(&p, "G");
	pty_settle(&p, 200, 60000);
	k0 = peak_kib(&p);
	ms = quiet_ms(&p, "S");
	report("S (split)", ms, k0, peak_kib(&p));
	printf("%-22s %8ld KiB\n", "peak memory", peak_kib(&p));
	pty_send(&p, "q");
	pty_wait_exit(&p, 10000);
	pty_free(&p);
	remove(path);
	return 0;
}
