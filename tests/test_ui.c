/* SPDX-License-Identifier: MIT */
/* test_ui.c - end-to-end tests of the reader: the real binary in a
 * pseudo-terminal, its screen read back through libvterm */
#include <config.h>

#include <setjmp.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include <cmocka.h>

#include "pty.h"
#include "e2e.h"

/* Generous: the machine may be slow and busy. */
#define WAIT_MS 10000

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
static const char *const c_env[] = { "LC_ALL=C", NULL };

/* A path under a directory named by an environment variable. */
static const char *path_in(const char *var, const char *name)
{
	static char buf[4][4096];
	static int k;
	const char *dir = getenv(var);

	k = (k + 1) % 4;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir ? dir : ".", name);
	return buf[k];
}

/* The sample file. */
static const char *sample(void)
{
	return path_in("TOP_SRCDIR", "data/sample.txt");
}

/* Start tnews on a file. */
static void start(struct pty *p, int rows, int cols, const char *file,
		  const char *const env[], int jobctl)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", file, NULL };

	assert_non_null(argv[0]);
	assert_int_equal(pty_start(p, rows, cols, argv, env, jobctl), 0);
}

/* The number of stories tnews finds in a file. */
static int count_stories(const char *file)
{
	char cmd[8192], line[4096];
	int n = 0;
	FILE *f;

	snprintf(cmd, sizeof cmd, "'%s' --list '%s'", getenv("TNEWS"), file);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f))
		n++;
	pclose(f);
	return n;
}

/* The text of the first row of the reading pane: below the horizontal
 * separator when stacked, right of the vertical one when side by side. */
static char *reader_top(struct pty *p)
{
	for (int r = 0; r + 1 < p->rows; r++) {
		const char *row = pty_row(p, r);

		if (!strncmp(row, "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80", 9))
			return strdup(pty_row(p, r + 1));
	}
	const char *row = pty_row(p, 0), *bar = strstr(row, "\xE2\x94\x82");

	return strdup(bar ? bar + 3 : row);
}

/* The first word of s (leading spaces skipped), in a static buffer. */
static const char *first_word(const char *s)
{
	static char buf[256];
	size_t n = 0;

	while (*s == ' ')
		s++;
	while (s[n] && s[n] != ' ' && n < sizeof buf - 1)
		n++;
	memcpy(buf, s, n);
	buf[n] = '\0';
	return buf;
}

/* The first screen on the sample at 80x24. */
static void test_first_screen(void **state)
{
	struct pty p;
	int n = count_stories(sample());
	(void)state;

	assert_true(n >= 1);
	start(&p, 24, 80, sample(), utf8_env, 0);
	expect(&p, e2e_story_of(1, n));
	expect(&p, "Train drivers on the Pennine and Western Railway");
	assert_non_null(strstr(pty_row(&p, 0), "\xE2\x97\x8F Train drivers"));
	assert_non_null(strstr(pty_row(&p, 0), "min"));
	assert_non_null(strstr(pty_row(&p, 23), "sample.txt"));
	assert_non_null(strstr(pty_row(&p, 23), "Top"));
	assert_int_equal(p.altscreen, 1);
	assert_int_equal(p.titles, 0);
	quit_ok(&p);
	pty_free(&p);
}

/* Moving through the stories in the list and in the reading pane. */
static void test_move_stories(void **state)
{
	struct pty p;
	int n = count_stories(sample());
	(void)state;

	if (n < 3)
		skip();
	start(&p, 24, 80, sample(), utf8_env, 0);
	expect(&p, e2e_story_of(1, n));
	pty_send(&p, "j");
	expect(&p, e2e_story_of(2, n));
	pty_key(&p, VTERM_KEY_DOWN);
	expect(&p, e2e_story_of(3, n));
	pty_send(&p, "k");
	expect(&p, e2e_story_of(2, n));
	pty_send(&p, "\r");			/* open: reading pane has focus */
	pty_send(&p, "J");
	expect(&p, e2e_story_of(3, n));
	pty_send(&p, "j");			/* scrolls the story, not the list */
	expect(&p, e2e_story_of(3, n));
	pty_send(&p, "p");
	expect(&p, e2e_story_of(2, n));
	pty_send(&p, "\t");			/* back to the list */
	pty_send(&p, "k");
	expect(&p, e2e_story_of(1, n));
	/* story 2 and 3 are read, 1 is not: the next unread is 4 */
	assert_non_null(strstr(pty_row(&p, 0), "\xE2\x97\x8F"));
	pty_send(&p, "U");
	expect(&p, e2e_story_of(n >= 4 ? 4 : 1, n));
	pty_send(&p, "G");
	expect(&p, "Bot");
	pty_send(&p, "g");
	expect(&p, "Top");
	quit_ok(&p);
	pty_free(&p);
}

/* Whether some row of the screen shows both a and b. */
static int same_row(struct pty *p, const char *a, const char *b)
{
	for (int r = 0; r < p->rows; r++)
		if (strstr(pty_row(p, r), a) && strstr(pty_row(p, r), b))
			return 1;
	return 0;
}

/* Reading a story to its end with space, and the help screen. */
static void test_read_to_end(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 24, 80, sample(), utf8_env, 0);
	expect(&p, "Top");
	pty_send(&p, "\r");
	for (int i = 0; i < 40 && !pty_wait_text(&p, "Bot", 300); i++)
		pty_send(&p, " ");
	expect(&p, "Bot");
	pty_send(&p, " ");
	expect(&p, "End of the story");
	pty_send(&p, "b");
	expect(&p, "%");
	pty_key(&p, VTERM_KEY_HOME);
	expect(&p, "Top");
	pty_send(&p, "H");
	expect(&p, "tnews: keys");
	expect(&p, "Next unread story");
	/* the first action, on the row under the heading's blank one */
	assert_non_null(strstr(pty_row(&p, 2), "Line down; in the list, next story"));
	pty_send(&p, "G");			/* the end of the help: the marks */
	expect(&p, "Marks");
	expect(&p, "\xE2\x86\xBB");
	expect(&p, "Updated since you read an earlier version");
	expect(&p, "In the margin: edited, added, removed since read");
	/* each mark on the row of what it means */
	assert_true(same_row(&p, "\xE2\x97\x8F", "An unread story"));
	assert_true(same_row(&p, "\xE2\x86\xBB", "Updated since you read an earlier version"));
	assert_true(same_row(&p, "\xC3\x97" "3", "Three versions"));
	assert_true(same_row(&p, "~ + -", "In the margin"));
	expect(&p, "any other key closes this help");
	pty_send(&p, "x");
	expect(&p, "Top");
	quit_ok(&p);
	pty_free(&p);
}

/* In a narrow terminal the help's last line is cut to the window's
 * width less its margin, with an ellipsis in the last column. */
static void test_help_narrow(void **state)
{
	struct pty p;
	int row = -1;

	(void)state;
	start(&p, 24, 40, sample(), utf8_env, 0);
	expect(&p, "Top");
	pty_send(&p, "H");
	expect(&p, "tnews: keys");
	pty_send(&p, "G");
	expect(&p, "j/k/Space/b scroll");
	for (int r = 0; r < p.rows; r++)
		if (strstr(pty_row(&p, r), "j/k/Space/b scroll"))
			row = r;
	assert_true(row >= 0);
	const char *t = pty_row(&p, row);
	size_t n = strlen(t);

	while (n > 0 && t[n - 1] == ' ')
		n--;
	/* a blank column, 38 of the text, the ellipsis in the last column */
	assert_true(n >= 3 && !memcmp(t + n - 3, "\xE2\x80\xA6", 3));
	assert_int_equal(n - 3, 39);
	pty_send(&p, "x");
	expect(&p, "Top");
	quit_ok(&p);
	pty_free(&p);
}

/* Resize in the middle of a story to the given size and check the row
 * at the top of the reading pane still starts the same text. */
static void resize_keeps_top(struct pty *p, int rows, int cols, const char *word)
{
	char *top;

	pty_resize(p, rows, cols);
	for (int i = 0; i < WAIT_MS / 100; i++) {
		pty_settle(p, 100, 1000);
		top = reader_top(p);
		if (strstr(top, word)) {
			free(top);
			return;
		}
		free(top);
	}
	{
		static char shown[65536];

		top = pty_screen(p);
		snprintf(shown, sizeof shown, "%s", top);
		free(top);
		fail_msg("at %dx%d the reading pane does not start with \"%s\":\n%s",
			 cols, rows, word, shown);
	}
}

/* Resizing to 40x12, 200x50 and back keeps the reading position. */
static void test_resize(void **state)
{
	struct pty p;
	char word[256], *top;
	(void)state;

	start(&p, 24, 80, sample(), utf8_env, 0);
	expect(&p, "Top");
	pty_send(&p, "\rjjjjjjj");	/* to a paragraph's first row */
	expect(&p, "%");
	pty_settle(&p, 200, 2000);
	top = reader_top(&p);
	snprintf(word, sizeof word, "%s", first_word(top));
	free(top);
	assert_true(strlen(word) > 0);
	resize_keeps_top(&p, 12, 40, word);
	resize_keeps_top(&p, 50, 200, word);
	expect(&p, "\xE2\x94\x82");		/* side by side */
	resize_keeps_top(&p, 24, 80, word);
	pty_resize(&p, 5, 20);
	pty_settle(&p, 200, 3000);
	pty_resize(&p, 2, 3);
	pty_settle(&p, 200, 3000);
	pty_resize(&p, 1, 1);
	pty_settle(&p, 200, 3000);
	resize_keeps_top(&p, 24, 80, word);
	quit_ok(&p);
	pty_free(&p);
}

/* A tiny terminal shows something readable and keeps working. */
static void test_tiny(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 5, 20, sample(), utf8_env, 0);
	expect(&p, "Train");
	pty_send(&p, "\rjjjj z z H x x\t\x0c");
	pty_settle(&p, 200, 3000);
	expect(&p, "1/");
	quit_ok(&p);
	pty_free(&p);
}

/* Whether every character on the screen is ASCII. */
static int screen_ascii(struct pty *p)
{
	char *s = pty_screen(p);
	int ok = 1;

	for (char *c = s; *c; c++) {
		if (!strncmp(c, "\xE2\x94\x80", 3) || !strncmp(c, "\xE2\x94\x82", 3))
			c += 2;		/* curses' line drawing: not text */
		else if ((unsigned char)*c >= 0x80)
			ok = 0;
	}
	if (!ok)
		print_message("not ASCII:\n%s", s);
	free(s);
	return ok;
}

/* In the C locale, typographic characters become ASCII. */
static void test_c_locale(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 24, 80, sample(), c_env, 0);
	expect(&p, "Top");
	pty_send(&p, "\rjjjjjjj");
	expect(&p, "\"treating goodwill");
	expect(&p, "Western's");
	expect(&p, "--------------------");	/* the separator, not ACS 'q's */
	assert_true(screen_ascii(&p));
	assert_non_null(strstr(pty_row(&p, 0), "* Train") ? pty_row(&p, 0) :
			strstr(pty_row(&p, 1), "* "));
	quit_ok(&p);
	pty_free(&p);
}

/* Start the sample at rows x cols in the C locale with the config text
 * conf (written to a temporary file, removed here once started). */
static void start_c_conf(struct pty *p, int rows, int cols, const char *conf)
{
	char path[] = "/tmp/tnews-cf-XXXXXX", envc[64];
	const char *env[] = { "LC_ALL=C", envc, NULL };
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	assert_int_equal(write(fd, conf, strlen(conf)), (ssize_t)strlen(conf));
	close(fd);
	snprintf(envc, sizeof envc, "TNEWS_CONFIG=%s", path);
	start(p, rows, cols, sample(), env, 0);
	expect(p, "Top");
	pty_settle(p, 200, 3000);
	unlink(path);
}

/* Stacked in the C locale: the separator is a row of - alone on its row
 * (none wraps to the reading pane's first row, which starts with the
 * margin and the story's header). */
static void check_sep_stacked_c(int rows, int cols)
{
	struct pty p;
	int r = 0;
	const char *row;

	start_c_conf(&p, rows, cols, "layout stacked\n");
	while (r < rows && strncmp(pty_row(&p, r), "----------", 10))
		r++;
	assert_true(r > 0 && r + 1 < rows);
	row = pty_row(&p, r);
	assert_true(strspn(row, "-") == strlen(row) && strlen(row) >= (size_t)cols - 1);
	row = pty_row(&p, r + 1);
	if (strncmp(row, " Story 1 of 10", 14))
		e2e_fail_screen(&p, "the reading pane's first row is not \" Story 1 of 10\"");
	quit_ok(&p);
	pty_free(&p);
}

/* Side by side in the C locale: a | down the rows, the header right of it. */
static void check_sep_side_c(int rows, int cols)
{
	struct pty p;
	const char *row;

	start_c_conf(&p, rows, cols, "layout side\n");
	row = pty_row(&p, 0);
	if (!strstr(row, "|Story 1 of 10") && !strstr(row, "| Story 1 of 10"))
		e2e_fail_screen(&p, "no | before the reading pane's header");
	for (int r = 1; r < rows - 1; r++)
		assert_non_null(strchr(pty_row(&p, r), '|'));
	quit_ok(&p);
	pty_free(&p);
}

/* The separator in the C locale at 80x24 and 200x50, both layouts. */
static void test_c_locale_sep(void **state)
{
	(void)state;
	check_sep_stacked_c(24, 80);
	check_sep_stacked_c(50, 200);
	check_sep_side_c(24, 80);
	check_sep_side_c(50, 200);
}

/* Nothing in the hostile file changes the terminal or makes it answer. */
static void check_escapes(const char *const env[], int utf8)
{
	struct pty p;
	char *s;

	start(&p, 24, 80, path_in("TESTDATA", "escapes.txt"), e2e_no_mouse(env), 0);
	expect(&p, "Hostile bytes");
	pty_send(&p, "\r");
	for (int i = 0; i < 12; i++) {
		pty_send(&p, i == 6 ? "x J" : " ");
		pty_settle(&p, 100, 2000);
		assert_int_equal(p.altscreen, 1);
		assert_int_equal(p.titles, 0);
		assert_int_equal(p.oscs, 0);
		assert_int_equal(p.dcss, 0);
		assert_int_equal(p.mouse, 0);
		assert_int_equal(p.reverse, 0);
		assert_int_equal(p.nreply, 0);
	}
	pty_send(&p, "p\x0c");
	expect(&p, "Title change attempt");
	s = pty_screen(&p);
	if (utf8) {
		assert_non_null(strstr(s, "\xE2\x90\x9B]0;PWNED"));	/* ␛ */
		assert_null(strstr(s, "\xE2\x80\xAE"));		/* no RLO */
		assert_null(strstr(s, "\xE2\x80\x8B"));		/* no ZWSP */
	} else {
		assert_true(screen_ascii(&p));
	}
	free(s);
	quit_ok(&p);
	assert_int_equal(p.titles, 0);
	assert_int_equal(p.nreply, 0);
	pty_free(&p);
}

static void test_escapes_utf8(void **state)
{
	(void)state;
	check_escapes(utf8_env, 1);
}

static void test_escapes_c(void **state)
{
	(void)state;
	check_escapes(c_env, 0);
}

/* The terminal goes away: tnews exits promptly, also with SIGHUP
 * ignored (then input reads EOF/EIO). */
static void check_hangup(int ignore_hup)
{
	struct pty p;
	long t0;

	if (ignore_hup)
		signal(SIGHUP, SIG_IGN);	/* inherited through exec */
	start(&p, 24, 80, sample(), utf8_env, 0);
	if (ignore_hup)
		signal(SIGHUP, SIG_DFL);
	expect(&p, "Top");
	pty_send(&p, "\r");
	pty_settle(&p, 200, 2000);
	t0 = pty_now_ms();
	pty_hangup(&p);
	assert_true(pty_wait_exit(&p, WAIT_MS));
	printf("# hang-up%s: exited after %ld ms\n", ignore_hup ? " (SIGHUP ignored)" : "",
	       pty_now_ms() - t0);
	assert_true(pty_now_ms() - t0 < 3000);
	pty_free(&p);
}

static void test_hangup(void **state)
{
	(void)state;
	check_hangup(0);
}

static void test_hangup_eof(void **state)
{
	(void)state;
	check_hangup(1);
}

/* A signal ends tnews with the terminal restored. */
static void check_signal(int sig, const char *key)
{
	struct pty p;

	start(&p, 24, 80, sample(), utf8_env, 0);
	expect(&p, "Top");
	assert_int_equal(p.altscreen, 1);
	if (key)
		pty_send(&p, key);
	else
		kill(p.pid, sig);
	assert_true(pty_wait_exit(&p, WAIT_MS));
	assert_int_equal(p.altscreen, 0);
	assert_int_equal(p.cursor_visible, 1);
	assert_true(WIFEXITED(p.status));
	assert_int_equal(WEXITSTATUS(p.status), 128 + sig);
	pty_free(&p);
}

static void test_signals(void **state)
{
	(void)state;
	check_signal(SIGINT, "\x03");
	check_signal(SIGTERM, NULL);
	check_signal(SIGHUP, NULL);
}

/* Ctrl-Z restores the terminal; fg redraws at the new size. */
static void test_suspend(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 24, 80, sample(), utf8_env, 1);
	expect(&p, "Top");
	pty_send(&p, "\x1a");
	expect(&p, "[tnews stopped]");
	assert_int_equal(p.altscreen, 0);
	assert_int_equal(p.cursor_visible, 1);
	pty_resize(&p, 30, 100);
	pty_settle(&p, 200, 2000);
	pty_send(&p, "\r");			/* the mini shell's fg */
	expect(&p, "Top");
	assert_int_equal(p.altscreen, 1);
	for (int i = 0; i < 100 && !strstr(pty_row(&p, 29), "Top"); i++)
		pty_pump(&p, 100);
	assert_non_null(strstr(pty_row(&p, 29), "Top"));
	quit_ok(&p);
	pty_free(&p);
}

/* Escape answers quickly (ESCDELAY is short). */
static void test_escape_fast(void **state)
{
	struct pty p;
	long t0, dt;
	(void)state;

	start(&p, 24, 80, sample(), utf8_env, 0);
	expect(&p, "Top");
	pty_send(&p, "z");
	assert_true(pty_wait_gone(&p, "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80", WAIT_MS));
	pty_settle(&p, 200, 2000);
	t0 = pty_now_ms();
	pty_key(&p, VTERM_KEY_ESCAPE);
	expect(&p, "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80");
	dt = pty_now_ms() - t0;
	printf("# escape answered after %ld ms\n", dt);
	assert_true(dt < 800);			/* curses' default would be 1000 */
	quit_ok(&p);
	pty_free(&p);
}

/* TERM dumb or empty: no screen to draw on, so the stories are printed
 * as --dump prints them, status 0, the screen never switched. */
static void check_dumb_term(const char *term)
{
	const char *env[] = { "LC_ALL=C.UTF-8", term, NULL };
	struct pty p;
	char *s;

	start(&p, 24, 80, sample(), env, 0);
	assert_true(pty_wait_exit(&p, WAIT_MS));
	assert_true(WIFEXITED(p.status));
	assert_int_equal(WEXITSTATUS(p.status), 0);
	assert_int_equal(p.altscreen, 0);
	assert_int_equal(p.mouse, 0);
	s = pty_screen(&p);
	assert_null(strstr(s, "H:help"));		/* not the reader */
	assert_null(strstr(s, "--dump"));		/* no complaint */
	assert_true(strlen(s) > 200);			/* the stories' text */
	free(s);
	pty_free(&p);
}

static void test_bad_term(void **state)
{
	(void)state;
	check_dumb_term("TERM=dumb");
	check_dumb_term("TERM=");
}

/* NO_COLOR: no cell has a colour. */
static void test_no_color(void **state)
{
	const char *env[] = { "LC_ALL=C.UTF-8", "NO_COLOR=1", NULL };
	struct pty p;
	int coloured = 0;
	(void)state;

	start(&p, 24, 80, sample(), env, 0);
	expect(&p, "Top");
	pty_send(&p, "\rx");
	expect(&p, "[image]");
	for (int r = 0; r < p.rows; r++)
		for (int c = 0; c < p.cols; c++) {
			VTermScreenCell cell;
			VTermPos pos = { r, c };

			vterm_screen_get_cell(p.vs, pos, &cell);
			coloured += !VTERM_COLOR_IS_DEFAULT_FG(&cell.fg);
		}
	assert_int_equal(coloured, 0);
	quit_ok(&p);
	pty_free(&p);
}

/* Bytes the program writes for one key, once its output has settled. */
static size_t bytes_for(struct pty *p, const char *keys)
{
	size_t before;

	pty_settle(p, 300, 5000);
	before = p->nbytes;
	pty_send(p, keys);
	pty_pump(p, 100);
	pty_settle(p, 300, 5000);
	return p->nbytes - before;
}

/* Average bytes over a few presses. */
static size_t average_bytes(struct pty *p, const char *keys, int times)
{
	size_t total = 0;

	for (int i = 0; i < times; i++)
		total += bytes_for(p, keys);
	return total / (size_t)times;
}

/* Bytes per one-line scroll, page and story change, next to less. */
static void test_bytes(void **state)
{
	struct pty p, l;
	char dump[] = "/tmp/tnews-bytes-XXXXXX", cmd[8192], search[128];
	const char *less_argv[] = { "/usr/bin/less", dump, NULL };
	const char *less_env[] = { "LC_ALL=C.UTF-8", "LESSHISTFILE=-", "LESS=", NULL };
	size_t first, line, page, story, lline, lpage, lstory;
	int fd;
	(void)state;

	start(&p, 24, 80, sample(), utf8_env, 0);
	expect(&p, "Top");
	pty_settle(&p, 300, 5000);
	first = p.nbytes;
	pty_send(&p, "\r");
	line = average_bytes(&p, "j", 5);
	page = average_bytes(&p, " ", 3);
	story = average_bytes(&p, "J", 3);
	quit_ok(&p);
	pty_free(&p);

	if (access(less_argv[0], X_OK) != 0)
		skip();
	fd = mkstemp(dump);
	assert_true(fd >= 0);
	close(fd);
	snprintf(cmd, sizeof cmd, "'%s' --dump --width=72 '%s' > %s",
		 getenv("TNEWS"), sample(), dump);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(pty_start(&l, 24, 80, less_argv, less_env, 0), 0);
	expect(&l, "Train drivers");
	lline = average_bytes(&l, "j", 5);
	lpage = average_bytes(&l, " ", 3);
	snprintf(search, sizeof search, "/^Patients waiting\r");
	lstory = bytes_for(&l, search);
	pty_send(&l, "q");
	pty_wait_exit(&l, WAIT_MS);
	pty_free(&l);
	unlink(dump);
	printf("# bytes written at 80x24  tnews  less\n");
	printf("# first screen            %5zu\n", first);
	printf("# one-line scroll         %5zu  %5zu\n", line, lline);
	printf("# page                    %5zu  %5zu\n", page, lpage);
	printf("# story change            %5zu  %5zu (less: search to the next story)\n",
	       story, lstory);
	assert_true(line * 4 < first);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_first_screen),
		cmocka_unit_test(test_move_stories),
		cmocka_unit_test(test_read_to_end),
		cmocka_unit_test(test_help_narrow),
		cmocka_unit_test(test_resize),
		cmocka_unit_test(test_tiny),
		cmocka_unit_test(test_c_locale),
		cmocka_unit_test(test_c_locale_sep),
		cmocka_unit_test(test_escapes_utf8),
		cmocka_unit_test(test_escapes_c),
		cmocka_unit_test(test_hangup),
		cmocka_unit_test(test_hangup_eof),
		cmocka_unit_test(test_signals),
		cmocka_unit_test(test_suspend),
		cmocka_unit_test(test_escape_fast),
		cmocka_unit_test(test_bad_term),
		cmocka_unit_test(test_no_color),
		cmocka_unit_test(test_bytes),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
