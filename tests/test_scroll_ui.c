/* SPDX-License-Identifier: MIT */
/* test_scroll_ui.c - end-to-end tests of scrolling the reading pane a row
 * at a time, which tnews sends as the terminal's own scroll (a region
 * kept set between scrolls, only the changed cells written): the screen
 * after each scroll must be exactly what a full repaint draws, cell by
 * cell with attributes, and the rows must have moved by one */
#include <config.h>

#include <setjmp.h>
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

static const char *const utf8_env[] = { "LC_ALL=C.UTF-8", NULL };

/* The story the tests read: one long story of numbered paragraphs of
 * different lengths (some one row, some two or three), a few with the
 * word "tide" to search for. */
static char story[64];

/* Write the story to a fresh temporary file named in story. */
static int setup(void **state)
{
	static const char *const tails[] = {
		"and the harbour board met again on the pier.",
		"The tide came in early, and the boats at the north wall rode high on it "
		"while the crews watched from the steps by the fish market.",
		"Nobody on the council had expected the vote to go the way it did, and the "
		"clerk read the numbers twice before anyone spoke; the chair then said that "
		"the ferry timetable would stand until the spring.",
		"Short one.",
	};
	FILE *f;
	int fd;

	(void)state;
	snprintf(story, sizeof story, "/tmp/tnews-scroll-XXXXXX");
	fd = mkstemp(story);
	if (fd < 0 || !(f = fdopen(fd, "w")))
		return -1;
	fprintf(f, "The harbour board keeps the ferry timetable for another winter\n\n");
	for (int i = 1; i <= 60; i++)
		fprintf(f, "Paragraph %02d: %s\n\n", i, tails[i % 4]);
	fclose(f);
	return 0;
}

/* Remove the story. */
static int teardown(void **state)
{
	(void)state;
	unlink(story);
	return 0;
}

/* Open the story at 80x24 (the list above the reading pane) and give
 * the reading pane the keys. */
static void start(struct pty *p)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", "--segment=none", story, NULL };

	assert_non_null(argv[0]);
	assert_int_equal(pty_start(p, 24, 80, argv, utf8_env, 0), 0);
	e2e_expect(p, "Top", WAIT_MS);
	pty_send(p, "\r");
	e2e_expect(p, "Paragraph 01", WAIT_MS);
	pty_settle(p, 100, WAIT_MS);
}

/* Send key (every key here makes tnews write) and wait until its output
 * has come and stopped: on a busy machine a reply may take a while. */
static void key(struct pty *p, const char *k)
{
	size_t before = p->nbytes;
	long t0 = pty_now_ms();

	pty_send(p, k);
	while (p->nbytes == before && pty_now_ms() - t0 < WAIT_MS)
		pty_pump(p, 20);
	pty_settle(p, 100, WAIT_MS);
}

/* The first and last screen rows of the reading pane: those between the
 * rule under the list and the status line. */
static void pane_rows(struct pty *p, int *top, int *bot)
{
	*top = -1;
	for (int r = 0; r < p->rows && *top < 0; r++)
		if (!strncmp(pty_row(p, r), "\xE2\x94\x80\xE2\x94\x80", 6))
			*top = r + 1;
	assert_true(*top > 0 && *top < p->rows - 4);
	*bot = p->rows - 2;
}

/* Fail unless the screen, cell by cell with attributes, is what a
 * repaint (Ctrl-L: curses draws every cell from its own model) shows;
 * without status, but for the status line (a key clears a message). */
static void expect_repaint(struct pty *p, const char *when, int status)
{
	char *before = pty_screen_attrs(p), *after, *end;

	key(p, "\x0c");
	after = pty_screen_attrs(p);
	if (!status && (end = strrchr(before, '\n')) && (end = memrchr(before, '\n', (size_t)(end - before))))
		end[1] = '\0';
	if (!status && (end = strrchr(after, '\n')) && (end = memrchr(after, '\n', (size_t)(end - after))))
		end[1] = '\0';
	if (strcmp(before, after) != 0) {
		print_message("%s: on the screen:\n%s\nrepainted:\n%s\n", when, before, after);
		fail_msg("%s: the screen differs from its repaint", when);
	}
	free(before);
	free(after);
}

/* Fail unless the whole screen is what a repaint shows. */
static void expect_repaint_same(struct pty *p, const char *when)
{
	expect_repaint(p, when, 1);
}

/* The rows of a screen (pty_screen's string) as an array. */
static int split_rows(char *s, char **row, int max)
{
	int n = 0;

	for (char *p = s; n < max && *p; n++) {
		row[n] = p;
		p = strchr(p, '\n');
		if (!p)
			break;
		*p++ = '\0';
	}
	return n;
}

/* Fail unless the pane rows of now are those of was moved up by dir
 * rows (down if negative), the rest of the screen but the status line
 * the same. */
static void expect_moved(struct pty *p, char *was, int dir)
{
	char *now = pty_screen(p), *a[64], *b[64];
	int top, bot, na, nb;

	pane_rows(p, &top, &bot);
	na = split_rows(was, a, 64);
	nb = split_rows(now, b, 64);
	assert_int_equal(na, nb);
	for (int r = 0; r < top; r++)
		assert_string_equal(a[r], b[r]);
	for (int r = top; r <= bot; r++)
		if (r + dir >= top && r + dir <= bot && strcmp(b[r], a[r + dir]) != 0)
			fail_msg("pane row %d is \"%s\", not \"%s\" (moved by %d)", r, b[r],
				 a[r + dir], dir);
	free(now);
}

/* j and k move the pane a row at a time: each time the rows moved by
 * one, the row brought in right, and every cell as a repaint draws it;
 * back at the top, the screen is the first one again. */
static void test_scroll_rows(void **state)
{
	struct pty p;
	char *first, *was;

	(void)state;
	start(&p);
	first = pty_screen_attrs(&p);
	for (int i = 0; i < 12; i++) {
		was = pty_screen(&p);
		key(&p, "j");
		expect_moved(&p, was, 1);
		free(was);
	}
	expect_repaint_same(&p, "after 12 j");
	for (int i = 0; i < 5; i++) {
		was = pty_screen(&p);
		key(&p, "k");
		expect_moved(&p, was, -1);
		free(was);
	}
	expect_repaint_same(&p, "after 5 k");
	for (int i = 0; i < 7; i++)
		key(&p, "k");
	was = pty_screen_attrs(&p);
	assert_string_equal(was, first);
	free(was);
	free(first);
	e2e_quit_free(&p, WAIT_MS);
}

/* Whether the status line runs to the last column and ends in tail
 * (its characters are a column wide each). */
static int status_ends(struct pty *p, const char *tail)
{
	const char *r = pty_row(p, p->rows - 1);
	size_t n = strlen(r), t = strlen(tail);
	int cols = 0;

	for (const char *c = r; *c; c++)
		cols += (*c & 0xC0) != 0x80;
	return cols == p->cols && n >= t && !strcmp(r + n - t, tail);
}

/* On a terminal too narrow for the key hint, the status line's position
 * ends in the bottom-right cell (the file name, cut from the left, takes
 * the columns before it): a scroll that changes it ("Top" to a
 * percentage) leaves that cell to curses, and the screen is as a repaint
 * draws it. */
static void test_scroll_narrow_status(void **state)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", "--segment=none", story, NULL };
	struct pty p;
	char *was;

	(void)state;
	assert_int_equal(pty_start(&p, 24, 32, argv, utf8_env, 0), 0);
	e2e_expect(&p, "Top", WAIT_MS);
	key(&p, "\r");
	e2e_expect(&p, "Paragraph 01", WAIT_MS);
	pty_settle(&p, 100, WAIT_MS);
	if (!status_ends(&p, "Top"))
		e2e_fail_screen(&p, "the position does not end the status line");
	was = pty_screen(&p);
	key(&p, "j");
	expect_moved(&p, was, 1);
	free(was);
	if (!status_ends(&p, "%"))
		e2e_fail_screen(&p, "the status line does not end in the percentage");
	expect_repaint_same(&p, "j at 32 columns");
	e2e_quit_free(&p, WAIT_MS);
}

/* On a terminal with no scroll region (ansi), j still moves the pane a
 * row (curses redraws it: the scroll here needs the xterm sequences). */
static void test_scroll_no_region(void **state)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", "--segment=none", story, NULL };
	const char *env[] = { "LC_ALL=C.UTF-8", "TERM=ansi", NULL };
	struct pty p;
	char *was;

	(void)state;
	assert_int_equal(pty_start(&p, 24, 80, argv, env, 0), 0);
	e2e_expect(&p, "Top", WAIT_MS);
	key(&p, "\r");
	e2e_expect(&p, "Paragraph 01", WAIT_MS);
	pty_settle(&p, 100, WAIT_MS);
	for (int i = 0; i < 3; i++) {
		was = pty_screen(&p);
		key(&p, "j");
		expect_moved(&p, was, 1);
		free(was);
	}
	assert_int_equal(p.region, 0);
	pty_send(&p, "q");
	assert_true(pty_wait_exit(&p, WAIT_MS));
	assert_true(WIFEXITED(p.status));
	assert_int_equal(WEXITSTATUS(p.status), 0);
	pty_free(&p);
}

/* Scrolls mixed with what curses draws itself (a page, a search that
 * highlights matches in the pane, a message on the status line, the
 * help screen, the bottom of the story): every screen as a repaint
 * draws it. */
static void test_scroll_mixed(void **state)
{
	struct pty p;

	(void)state;
	start(&p);
	key(&p, "j");
	key(&p, "j");
	key(&p, "j");
	key(&p, " ");
	key(&p, "j");
	key(&p, "j");
	expect_repaint_same(&p, "j after a page");
	pty_send(&p, "/");
	e2e_type(&p, "tide");
	key(&p, "\r");
	key(&p, "j");
	key(&p, "j");
	key(&p, "k");
	expect_repaint_same(&p, "scrolled with matches shown");
	key(&p, "G");
	key(&p, "j");			/* at the end: a message, no scroll */
	e2e_expect(&p, "End of the story", WAIT_MS);
	key(&p, "k");
	key(&p, "k");
	expect_repaint_same(&p, "k from the bottom after a message");
	key(&p, "H");
	key(&p, "q");
	key(&p, "j");
	key(&p, "j");
	expect_repaint_same(&p, "j after the help");
	e2e_quit_free(&p, WAIT_MS);
}

/* Scrolled in the zoomed pane (the whole screen above the status line)
 * and then suspended and resumed: the shell's line is below, not in a
 * scroll region tnews left set, and the screen comes back whole. */
static void test_scroll_zoom_suspend(void **state)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", "--segment=none", story, NULL };
	struct pty p;

	(void)state;
	assert_int_equal(pty_start(&p, 24, 80, argv, utf8_env, 1), 0);
	e2e_expect(&p, "Top", WAIT_MS);
	key(&p, "\r");
	key(&p, "z");
	for (int i = 0; i < 6; i++)
		key(&p, "j");
	expect_repaint_same(&p, "zoomed, after 6 j");
	key(&p, "j");
	key(&p, "j");
	pty_send(&p, "\x1a");
	e2e_expect(&p, "[tnews stopped]", WAIT_MS);
	assert_int_equal(p.region, 0);
	pty_send(&p, "\n");
	pty_settle(&p, 200, WAIT_MS);
	e2e_expect(&p, "Paragraph", WAIT_MS);
	key(&p, "j");
	expect_repaint_same(&p, "after a suspend");
	e2e_quit_free(&p, WAIT_MS);
}

/* A search in the one story of the file scrolls the pane to the match
 * far below the first screen, and the pane is as a repaint draws it. */
static void test_search_scrolls(void **state)
{
	struct pty p;
	int top, bot, at = -1;

	(void)state;
	start(&p);
	pty_send(&p, "/");
	e2e_type(&p, "Paragraph 55");
	key(&p, "\r");
	e2e_expect(&p, "Paragraph 55:", WAIT_MS);
	pane_rows(&p, &top, &bot);
	for (int r = top; r <= bot; r++) {
		if (strstr(pty_row(&p, r), "Paragraph 55:"))
			at = r;
		assert_null(strstr(pty_row(&p, r), "Paragraph 01:"));
	}
	assert_true(at >= top);
	expect_repaint(&p, "after the search", 0);
	key(&p, "k");
	key(&p, "k");
	expect_repaint_same(&p, "k after the search");
	e2e_quit_free(&p, WAIT_MS);
}

/* A match on the pane's last row is brought up to a third of the pane,
 * with the text after it in view, not left on the edge. */
static void test_search_last_row(void **state)
{
	struct pty p;
	char want[32];
	int top, bot, at = -1, n = -1;

	(void)state;
	start(&p);
	pane_rows(&p, &top, &bot);
	for (int i = 0; i < 40 && n < 0; i++) {
		const char *r = strstr(pty_row(&p, bot), "Paragraph ");

		if (!r || sscanf(r, "Paragraph %d:", &n) != 1)
			key(&p, "j");
	}
	assert_true(n > 0);
	snprintf(want, sizeof want, "Paragraph %02d:", n);
	pty_send(&p, "/");
	e2e_type(&p, want);
	key(&p, "\r");
	e2e_expect(&p, "match 1 of 1", WAIT_MS);
	for (int r = top; r <= bot; r++)
		if (strstr(pty_row(&p, r), want))
			at = r;
	if (at < top || at >= bot - 2)
		e2e_fail_screen(&p, "the match is not brought up from the last row");
	e2e_quit_free(&p, WAIT_MS);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_scroll_rows),
		cmocka_unit_test(test_scroll_mixed),
		cmocka_unit_test(test_scroll_narrow_status),
		cmocka_unit_test(test_scroll_no_region),
		cmocka_unit_test(test_scroll_zoom_suspend),
		cmocka_unit_test(test_search_scrolls),
		cmocka_unit_test(test_search_last_row),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
