/* SPDX-License-Identifier: MIT */
/* test_search_ui.c - end-to-end tests of search as you type and of the
 * filtered list: the real binary in a pseudo-terminal, its screen and
 * cell attributes read back through libvterm */
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

static const char *const utf8_env[] = { "LC_ALL=C.UTF-8", NULL };

/* The fixture: five invented stories separated by form feeds. */
static const char *fixture(void)
{
	static char buf[4096];
	const char *dir = getenv("TESTDATA");

	snprintf(buf, sizeof buf, "%s/search.txt", dir ? dir : ".");
	return buf;
}

/* Start tnews on the fixture at rows x cols and wait for its first screen. */
static void start(struct pty *p, int rows, int cols)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", fixture(), NULL };

	assert_non_null(argv[0]);
	assert_int_equal(pty_start(p, rows, cols, argv, utf8_env, 0), 0);
	assert_true(pty_wait_text(p, " 1/5 ", WAIT_MS));
}

/* Fail unless the screen stops showing text within WAIT_MS. */
static void expect_gone(struct pty *p, const char *text)
{
	char what[512];

	if (!pty_wait_gone(p, text, WAIT_MS)) {
		snprintf(what, sizeof what, "screen still shows \"%s\"", text);
		e2e_fail_screen(p, what);
	}
}

/* The first row of the reading pane: below the horizontal separator. */
static int reader_row0(struct pty *p)
{
	for (int r = 0; r + 1 < p->rows; r++)
		if (!strncmp(pty_row(p, r), "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80", 9))
			return r + 1;
	return 0;
}

/* Whether the cells at row r from col hold the ASCII word. */
static int cells_hold(struct pty *p, int r, int col, const char *word)
{
	for (int i = 0; word[i]; i++) {
		VTermPos pos = { .row = r, .col = col + i };
		VTermScreenCell cell;

		if (col + i >= p->cols)
			return 0;
		vterm_screen_get_cell(p->vs, pos, &cell);
		if (cell.chars[0] != (uint32_t)(unsigned char)word[i])
			return 0;
	}
	return 1;
}

/* Whether the n cells at row r from col are all reversed (rev = 1) or
 * all not reversed (rev = 0). */
static int cells_reversed(struct pty *p, int r, int col, int n, int rev)
{
	for (int i = 0; i < n; i++) {
		VTermPos pos = { .row = r, .col = col + i };
		VTermScreenCell cell;

		vterm_screen_get_cell(p->vs, pos, &cell);
		if (!!cell.attrs.reverse != rev)
			return 0;
	}
	return 1;
}

/* Whether the reading pane shows word (ASCII) with every cell reversed
 * (rev = 1) or none reversed (rev = 0), at its first place there. */
static int shown_reversed(struct pty *p, const char *word, int rev)
{
	int n = (int)strlen(word);

	for (int r = reader_row0(p); r < p->rows - 1; r++)
		for (int c = 0; c + n <= p->cols; c++)
			if (cells_hold(p, r, c, word))
				return cells_reversed(p, r, c, n, rev);
	return 0;
}

/* Whether the k-th (from 1) place the reading pane shows word (ASCII)
 * is bold in every cell: 1; in none: 0; -1 if mixed or not there. */
static int nth_bold(struct pty *p, const char *word, int k)
{
	int n = (int)strlen(word);

	for (int r = reader_row0(p); r < p->rows - 1; r++)
		for (int c = 0; c + n <= p->cols; c++) {
			int bold = 0;

			if (!cells_hold(p, r, c, word) || --k > 0)
				continue;
			for (int i = 0; i < n; i++) {
				VTermPos pos = { .row = r, .col = c + i };
				VTermScreenCell cell;

				vterm_screen_get_cell(p->vs, pos, &cell);
				bold += !!cell.attrs.bold;
			}
			return bold == n ? 1 : bold == 0 ? 0 : -1;
		}
	return -1;
}

/* Fail unless shown_reversed becomes true within WAIT_MS. */
static void expect_reversed(struct pty *p, const char *word, int rev)
{
	char what[512];

	for (long end = pty_now_ms() + WAIT_MS; pty_now_ms() < end;) {
		if (shown_reversed(p, word, rev))
			return;
		pty_pump(p, 50);
	}
	snprintf(what, sizeof what, "\"%s\" is not shown %s in the reading pane", word,
		 rev ? "reversed" : "plain");
	e2e_fail_screen(p, what);
}

/* Quit with q and check the exit status. */
static void quit_ok(struct pty *p)
{
	e2e_quit(p, WAIT_MS);
	pty_free(p);
}

/* Typing moves the view letter by letter, highlights every visible
 * match (both parts of one that wraps), and Esc goes back. */
static void test_type_and_escape(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 24, 80);
	pty_send(&p, "j");				/* story 2, list focus */
	expect(&p, " 2/5 ");
	expect(&p, "A bakery in Lowenna");
	pty_send(&p, "/");
	e2e_type(&p, "ti");
	e2e_type(&p, "dal");			/* only in story 1: wraps there */
	expect(&p, "match 1 of 1 in 1 story (wrapped)");
	expect_reversed(&p, "tidal", 1);
	expect_reversed(&p, "Engineers", 0);
	e2e_type(&p, " barrier");			/* the match spans two rows */
	expect(&p, "match 1 of 1 in 1 story");
	expect_reversed(&p, "tidal", 1);
	expect_reversed(&p, "barrier", 1);
	expect_reversed(&p, "should", 0);
	pty_send(&p, "\x1b");			/* Esc: back to story 2 */
	expect(&p, " 2/5 ");
	expect(&p, "A bakery in Lowenna");
	expect_gone(&p, "tidal");
	quit_ok(&p);
}

/* Ctrl-W in the prompt deletes the word before the cursor and keeps the
 * spaces before that word; Ctrl-U the whole line before the cursor. */
static void test_prompt_words(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 24, 80);
	pty_send(&p, "/");
	e2e_type(&p, "harbour  tide");
	e2e_type(&p, "\x17");
	e2e_type(&p, "x");
	expect(&p, "/harbour  x");
	e2e_type(&p, "\x17\x17");
	e2e_type(&p, "y");
	expect(&p, "/y");
	e2e_type(&p, "\x15");
	e2e_type(&p, "z");
	expect(&p, "/z");			/* not "/yz" */
	pty_send(&p, "\x1b");
	quit_ok(&p);
	pty_free(&p);
}

/* "match i of N in M stories", n/N across stories and round the end. */
static void test_next_previous(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 24, 80);
	pty_send(&p, "/");
	e2e_type(&p, "harbour");
	expect(&p, "match 1 of 5 in 3 stories");
	expect_reversed(&p, "harbour", 1);
	pty_send(&p, "\r");
	expect(&p, " 1/5 ");
	pty_settle(&p, 200, 2000);
	/* the current match stands out (bold) from the story's other one
	 * ("Harbour", then "harbour": smart case) */
	assert_int_equal(nth_bold(&p, "arbour", 1), 1);
	assert_int_equal(nth_bold(&p, "arbour", 2), 0);
	pty_send(&p, "n");
	expect(&p, "match 2 of 5 in 3 stories");
	pty_settle(&p, 200, 2000);
	assert_int_equal(nth_bold(&p, "arbour", 1), 0);
	assert_int_equal(nth_bold(&p, "arbour", 2), 1);
	pty_send(&p, "n");
	expect(&p, "match 3 of 5 in 3 stories");
	expect(&p, " 3/5 ");
	pty_send(&p, "n");
	expect(&p, "match 4 of 5");
	pty_send(&p, "n");
	expect(&p, "match 5 of 5");
	expect(&p, " 5/5 ");
	pty_send(&p, "n");
	expect(&p, "match 1 of 5 in 3 stories (wrapped)");
	expect(&p, " 1/5 ");
	pty_send(&p, "N");
	expect(&p, "match 5 of 5 in 3 stories (wrapped)");
	expect(&p, " 5/5 ");
	pty_send(&p, "N");
	expect(&p, "match 4 of 5");
	expect(&p, " 3/5 ");
	quit_ok(&p);
}

/* ? searches backwards from the view; typographic quotes fold; Up
 * recalls the last query. */
static void test_backward_and_history(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 24, 80);
	pty_send(&p, "jj");				/* story 3 */
	expect(&p, " 3/5 ");
	pty_send(&p, "?");
	e2e_type(&p, "harbour");
	expect(&p, "match 2 of 5 in 3 stories");	/* "harbour master", story 1 */
	pty_send(&p, "\r");
	expect(&p, " 1/5 ");
	pty_send(&p, "/");
	e2e_type(&p, "council's");			/* finds council’s */
	expect(&p, "match 1 of 1 in 1 story");
	pty_send(&p, "\r/");
	e2e_type(&p, "\"a last resort\"");		/* finds “a last resort” */
	expect(&p, "match 1 of 1 in 1 story");
	expect_reversed(&p, "last resort", 1);
	pty_send(&p, "\x1b");
	expect(&p, " 1/5 ");
	pty_send(&p, "/");
	pty_key(&p, VTERM_KEY_UP);
	expect(&p, "/council's");
	pty_send(&p, "\x1b");
	expect(&p, " 1/5 ");
	quit_ok(&p);
}

/* The filter narrows the list, next story stays inside it, an empty
 * filter shows every story again. */
static void test_filter(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 30, 120);			/* room for the messages */
	pty_send(&p, "\\");
	e2e_type(&p, "harbour");
	pty_send(&p, "\r");
	expect(&p, "filter: harbour (3 of 5 stories)");
	expect_gone(&p, "A bakery");
	expect_gone(&p, "Teachers");
	pty_send(&p, "\r");				/* read story 1 */
	expect(&p, " 1/3 ");			/* counted among the rows shown */
	expect(&p, "Story 1 of 3 ");
	pty_send(&p, "J");
	expect(&p, " 2/3 ");			/* story 3 of the file */
	expect(&p, "Story 2 of 3 ");
	pty_send(&p, "J");
	expect(&p, " 3/3 ");
	pty_send(&p, "J");
	expect(&p, "This is the last story");
	pty_send(&p, "K");
	expect(&p, " 2/3 ");
	pty_send(&p, "U");				/* 2 and 4 are unread, but outside */
	expect(&p, "No unread stories");
	pty_send(&p, "\\");
	e2e_type(&p, "harbour pier");
	pty_send(&p, "\r");
	expect(&p, "filter: harbour pier (1 of 5 stories)");
	pty_send(&p, "\\\r");
	expect(&p, "No filter: all 5 stories");
	expect(&p, "/5 ");
	expect(&p, "A bakery");
	expect(&p, "Teachers");
	quit_ok(&p);
}

/* A search under a filter passes over the stories the filter hides:
 * "more" is in the hidden bakery story, then in the turtle story shown
 * third, where / finds it. */
static void test_search_past_hidden(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 30, 120);
	pty_send(&p, "\\");
	e2e_type(&p, "harbour");
	pty_send(&p, "\r");
	expect(&p, "filter: harbour (3 of 5 stories)");
	pty_send(&p, "/");
	e2e_type(&p, "more");
	pty_send(&p, "\r");
	expect(&p, " 3/3 ");
	expect(&p, "more common");
	quit_ok(&p);
}

/* Keys the prompt has no use for (a control key, a function key) type
 * nothing into it: the words typed around them are searched for. */
static void test_prompt_ignores_keys(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 30, 120);
	pty_send(&p, "/");
	e2e_type(&p, "saff");
	pty_send(&p, "\x14");				/* C-t */
	pty_key(&p, VTERM_KEY_FUNCTION(5));
	pty_key(&p, VTERM_KEY_INS);
	e2e_type(&p, "ron");
	pty_send(&p, "\r");
	expect(&p, " 2/5 ");
	expect(&p, "match 1 of 1 in 1 story");
	quit_ok(&p);
}

/* A word only in a stripped caption is found only while stripped lines
 * are shown. */
static void test_stripped(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 30, 120);			/* room for the messages */
	pty_send(&p, "/");
	e2e_type(&p, "quillfeather");
	expect(&p, "No match");
	pty_send(&p, "\r");
	expect(&p, " 1/5 ");
	pty_send(&p, "x");
	expect(&p, "match 1 of 1 in 1 story");
	expect(&p, " 2/5 ");
	expect_reversed(&p, "Quillfeather", 1);
	pty_send(&p, "x");
	expect(&p, "Stripped lines hidden; No match");
	quit_ok(&p);
}

/* Highlights follow a resize: the match is mapped to the new rows. */
static void test_resize(void **state)
{
	struct pty p;
	(void)state;

	start(&p, 24, 80);
	pty_send(&p, "/");
	e2e_type(&p, "tidal barrier");
	pty_send(&p, "\r");
	expect_reversed(&p, "tidal", 1);
	expect_reversed(&p, "barrier", 1);
	pty_resize(&p, 30, 50);
	pty_settle(&p, 100, 3000);
	expect_reversed(&p, "tidal", 1);
	expect_reversed(&p, "barrier", 1);
	expect_reversed(&p, "should", 0);
	pty_resize(&p, 30, 120);			/* side by side */
	pty_settle(&p, 100, 3000);
	expect(&p, "\xE2\x94\x82");
	quit_ok(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_type_and_escape),
		cmocka_unit_test(test_next_previous),
		cmocka_unit_test(test_prompt_words),
		cmocka_unit_test(test_backward_and_history),
		cmocka_unit_test(test_filter),
		cmocka_unit_test(test_search_past_hidden),
		cmocka_unit_test(test_prompt_ignores_keys),
		cmocka_unit_test(test_stripped),
		cmocka_unit_test(test_resize),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
