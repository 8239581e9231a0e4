/* SPDX-License-Identifier: MIT */
/* test_hostile.c - hostile input through the real reader in a pty: control
 * bytes, bad UTF-8, huge lines, combining storms, wide characters at the
 * edge, dangerous file names, resize storms, odd standard streams. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "pty.h"
#include "e2e.h"

#define WAIT_MS 15000

/* Fail unless the screen shows text within WAIT_MS. */
static void expect(struct pty *p, const char *text)
{
	e2e_expect(p, text, WAIT_MS);
}

/* Quit with q: exit status 0, the terminal restored. */
static void quit_ok(struct pty *p)
{
	e2e_quit(p, WAIT_MS);
}

static const char *const utf8_env[] = { "LC_ALL=C.UTF-8", NULL };
static char dir[] = "/tmp/tnews-hostile-XXXXXX";

/* Make the scratch directory. */
static int setup(void **state)
{
	(void)state;
	return mkdtemp(dir) ? 0 : -1;
}

/* Remove it. */
static int teardown(void **state)
{
	char cmd[256];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Write n bytes to a file in the scratch directory; its path (static). */
static const char *put(const char *name, const char *bytes, size_t n)
{
	static char path[4][4096];
	static int k;
	FILE *f;

	k = (k + 1) % 4;
	snprintf(path[k], sizeof path[k], "%s/%s", dir, name);
	f = fopen(path[k], "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
	return path[k];
}

/* Start tnews on a file at rows x cols. */
static void start(struct pty *p, int rows, int cols, const char *file)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", file, NULL };

	assert_non_null(argv[0]);
	assert_int_equal(pty_start(p, rows, cols, argv, e2e_no_mouse(utf8_env), 0), 0);
}

/* The terminal state nothing may change, and nothing answered. */
static void untouched(const struct pty *p)
{
	assert_int_equal(p->titles, 0);
	assert_int_equal(p->oscs, 0);
	assert_int_equal(p->dcss, 0);
	assert_int_equal(p->mouse, 0);
	assert_int_equal(p->reverse, 0);
	assert_int_equal(p->nreply, 0);
}

/* Every C0 byte, DEL, backspace and lone CR: visible, the cursor never
 * moves (the text after them stays on the same row). */
static void test_c0_bytes(void **state)
{
	char text[512];
	size_t n = 0;
	struct pty p;
	(void)state;

	n += (size_t)sprintf(text + n, "Control bytes follow in this lede sentence.\n");
	n += (size_t)sprintf(text + n, "C0:");
	for (int c = 0; c < 32; c++)
		if (c != '\n' && c != '\f' && c != '\t')
			text[n++] = (char)c;
	text[n++] = 0x7f;
	n += (size_t)sprintf(text + n, ":END and a full stop.\n");
	start(&p, 24, 120, put("c0.txt", text, n));
	expect(&p, "Control bytes");
	pty_send(&p, "\r");
	expect(&p, "C0:");
	for (int r = 0; r < p.rows; r++) {
		const char *row = pty_row(&p, r);

		if (strstr(row, "C0:")) {
			assert_non_null(strstr(row, ":END"));
			/* NUL, ESC and DEL as control pictures */
			assert_non_null(strstr(row, "\xE2\x90\x80"));
			assert_non_null(strstr(row, "\xE2\x90\x9B"));
			assert_non_null(strstr(row, "\xE2\x90\xA1"));
		}
	}
	untouched(&p);
	quit_ok(&p);
	pty_free(&p);
}

/* Invalid UTF-8: one U+FFFD for each bad sequence, neighbours intact. */
static void test_bad_utf8(void **state)
{
	static const char text[] =
		"Broken bytes are in this story today.\n"
		"X1\x80X2\xC3X3\xE2\x82X4\xC0\xAFX5\xED\xA0\x80X6\xF4\x90\x80\x80X7\xFFX8 end.\n";
	struct pty p;
	(void)state;

	start(&p, 24, 100, put("utf8.txt", text, sizeof text - 1));
	expect(&p, "Broken bytes");
	pty_send(&p, "\r");
	expect(&p, "X1\xEF\xBF\xBDX2\xEF\xBF\xBDX3\xEF\xBF\xBDX4"
		   "\xEF\xBF\xBD\xEF\xBF\xBDX5\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDX6"
		   "\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDX7\xEF\xBF\xBDX8 end.");
	untouched(&p);
	quit_ok(&p);
	pty_free(&p);
}

/* Bidi overrides, isolates and zero-width characters never reach the
 * screen as themselves. */
static void test_bidi_zero_width(void **state)
{
	static const char text[] =
		"Reordering attempt: abc\xE2\x80\xAE" "fed\xE2\x80\xAC and \xE2\x81\xA6iso\xE2\x81\xA9"
		" zero\xE2\x80\x8Bwidth soft\xC2\xADhyphen bom\xEF\xBB\xBFmid end.\n";
	struct pty p;
	char *s;
	(void)state;

	start(&p, 24, 120, put("bidi.txt", text, sizeof text - 1));
	expect(&p, "Reordering attempt");
	pty_send(&p, "\r");
	expect(&p, "end.");
	s = pty_screen(&p);
	assert_null(strstr(s, "\xE2\x80\xAE"));
	assert_null(strstr(s, "\xE2\x80\xAC"));
	assert_null(strstr(s, "\xE2\x81\xA6"));
	assert_null(strstr(s, "\xE2\x80\x8B"));
	assert_null(strstr(s, "\xEF\xBB\xBF"));
	free(s);
	untouched(&p);
	quit_ok(&p);
	pty_free(&p);
}

/* One base character with 10,000 combining marks, a million tabs and a
 * 20 MB line: no crash, and the reader answers keys. */
static void test_storms(void **state)
{
	size_t n = 0, big = 20u << 20;
	char *text = malloc(big + 4096);
	struct pty p;
	(void)state;

	assert_non_null(text);
	n += (size_t)sprintf(text, "Storm of marks begins the first story here.\na");
	for (int i = 0; i < 10000; i++) {
		memcpy(text + n, "\xCC\x81", 2);
		n += 2;
	}
	n += (size_t)sprintf(text + n, " after the marks.\n\f\nTabs story begins here.\n");
	memset(text + n, '\t', 1000000);
	n += 1000000;
	n += (size_t)sprintf(text + n, "after the tabs.\n\f\nA huge line story.\n");
	while (n < big)
		n += (size_t)sprintf(text + n, "word%zu ", n % 1000);
	start(&p, 24, 80, put("storm.txt", text, n));
	free(text);
	expect(&p, "Storm of marks");
	pty_send(&p, "\r");
	expect(&p, "after the marks.");
	pty_send(&p, "J");
	expect(&p, "after the tabs.");
	pty_send(&p, "J");
	expect(&p, "A huge line story.");
	pty_send(&p, "G");
	pty_settle(&p, 300, 5000);
	pty_send(&p, "g");
	expect(&p, "A huge line story.");
	untouched(&p);
	quit_ok(&p);
	pty_free(&p);
}

/* Wide and emoji characters at the last column and in a one-column
 * pane: never split, never a crash. */
static void test_wide_edges(void **state)
{
	char text[1024];
	size_t n = 0;
	struct pty p;
	(void)state;

	n += (size_t)sprintf(text, "Wide characters at the edge of the screen.\n");
	for (int i = 0; i < 60; i++)
		n += (size_t)sprintf(text + n, "%s", i % 3 ? "\xE6\x98\x9F" : "\xF0\x9F\x98\x80");
	n += (size_t)sprintf(text + n, " wide end.\n");
	start(&p, 12, 41, put("wide.txt", text, n));
	expect(&p, "Wide characters");
	pty_send(&p, "\rG");
	expect(&p, "wide end.");
	for (int cols = 40; cols >= 1; cols -= 13) {
		pty_resize(&p, 12, cols);
		pty_settle(&p, 200, 3000);
	}
	pty_resize(&p, 12, 1);
	pty_settle(&p, 200, 3000);
	pty_resize(&p, 24, 80);
	pty_send(&p, "G");
	expect(&p, "wide end.");
	untouched(&p);
	quit_ok(&p);
	pty_free(&p);
}

/* A file name with ESC, a newline and $(...) is shown escaped and never
 * run. */
static void test_file_name(void **state)
{
	static const char text[] = "A story with a dangerous file name.\n";
	const char *name = "e\x1b]0;pwned\x07x\n$(touch tnews-witness).txt";
	char witness[4096];
	struct pty p;
	(void)state;

	snprintf(witness, sizeof witness, "%s/tnews-witness", dir);
	start(&p, 24, 200, put(name, text, sizeof text - 1));
	expect(&p, "dangerous file name");
	expect(&p, "\\x1b]0;pwned\\ax\\n$(touch");
	untouched(&p);
	quit_ok(&p);
	assert_int_equal(access(witness, F_OK), -1);
	assert_int_equal(access("tnews-witness", F_OK), -1);
	pty_free(&p);
}

/* 200 resizes within a second, down to 1x1 and back: the final screen is
 * the same as before. */
static void test_resize_storm(void **state)
{
	const char *sample = getenv("TOP_SRCDIR");
	char path[4096], *before, *after;
	struct pty p;
	(void)state;

	snprintf(path, sizeof path, "%s/data/sample.txt", sample ? sample : ".");
	start(&p, 24, 80, path);
	expect(&p, "Top");
	pty_settle(&p, 300, 3000);
	before = pty_screen(&p);
	for (int i = 0; i < 200; i++) {
		int r = 1 + (i * 7) % 60, c = 1 + (i * 13) % 200;

		pty_resize(&p, r, c);
		pty_pump(&p, 2);
	}
	pty_resize(&p, 1, 1);
	pty_pump(&p, 20);
	pty_resize(&p, 24, 80);
	pty_settle(&p, 500, 5000);
	after = pty_screen(&p);
	assert_string_equal(after, before);
	free(before);
	free(after);
	quit_ok(&p);
	pty_free(&p);
}

/* Stories from a pipe while the terminal stays the keyboard. */
static void test_stdin_pipe(void **state)
{
	char cmd[8192];
	const char *file = put("piped.txt", "A piped story arrives on standard input.\n", 41);
	struct pty p;
	(void)state;

	snprintf(cmd, sizeof cmd, "cat '%s' | '%s' --no-state", file, getenv("TNEWS"));
	const char *argv[] = { "/bin/sh", "-c", cmd, NULL };

	assert_int_equal(pty_start(&p, 24, 80, argv, utf8_env, 0), 0);
	expect(&p, "A piped story arrives");
	quit_ok(&p);
	pty_free(&p);
}

/* TERM unset: the story printed as --dump prints it, status 0, the
 * screen never switched. */
static void test_term_unset(void **state)
{
	char cmd[8192];
	const char *file = put("t.txt", "A story about the unset terminal.\n", 34);
	struct pty p;
	(void)state;

	snprintf(cmd, sizeof cmd, "unset TERM; exec '%s' '%s'", getenv("TNEWS"), file);
	const char *argv[] = { "/bin/sh", "-c", cmd, NULL };

	assert_int_equal(pty_start(&p, 24, 80, argv, utf8_env, 0), 0);
	expect(&p, "A story about the unset terminal.");
	assert_true(pty_wait_exit(&p, WAIT_MS));
	assert_true(WIFEXITED(p.status));
	assert_int_equal(WEXITSTATUS(p.status), 0);
	assert_int_equal(p.altscreen, 0);
	pty_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_c0_bytes),
		cmocka_unit_test(test_bad_utf8),
		cmocka_unit_test(test_bidi_zero_width),
		cmocka_unit_test(test_storms),
		cmocka_unit_test(test_wide_edges),
		cmocka_unit_test(test_file_name),
		cmocka_unit_test(test_resize_storm),
		cmocka_unit_test(test_stdin_pipe),
		cmocka_unit_test(test_term_unset),
	};
	return cmocka_run_group_tests(tests, setup, teardown);
}
