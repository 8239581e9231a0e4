/* SPDX-License-Identifier: MIT */
/* test_reader_ui.c - end-to-end tests of the reader's less and mutt
 * habits: n after ? going backwards, an empty / or ? repeating the last
 * search, & filtering, = saying where you are; an unknown TERM drawn as
 * a common one */
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

static const char *const utf8_env[] = { "LC_ALL=C.UTF-8", NULL };

/* A fixture of tests/data by name. */
static const char *data(const char *name)
{
	static char buf[4096];
	const char *dir = getenv("TESTDATA");

	snprintf(buf, sizeof buf, "%s/%s", dir ? dir : ".", name);
	return buf;
}

/* Fail unless the screen shows text within WAIT_MS. */
static void expect(struct pty *p, const char *text)
{
	e2e_expect(p, text, WAIT_MS);
}

/* Start tnews on the six-story fixture and wait for its first screen. */
static void start(struct pty *p)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", data("less_habits.txt"), NULL };

	assert_non_null(argv[0]);
	assert_int_equal(pty_start(p, 24, 160, argv, utf8_env, 0), 0);
	expect(p, e2e_story_of(1, 6));
}

/* Expect the status line to say story i of 6 and match m of 3. */
static void expect_match(struct pty *p, int i, int m)
{
	char what[64];

	expect(p, e2e_story_of(i, 6));
	snprintf(what, sizeof what, "match %d of 3 in 3 stories", m);
	expect(p, what);
}

/* From the last story, ?putin then n, n: earlier and earlier matches;
 * N turns back; an empty / repeats the search forwards, and n then
 * keeps going forwards. */
static void test_backward_n(void **state)
{
	struct pty p;

	(void)state;
	start(&p);
	pty_send(&p, "G\r");
	expect(&p, e2e_story_of(6, 6));
	pty_send(&p, "?");
	e2e_type(&p, "putin");
	pty_send(&p, "\r");
	expect_match(&p, 4, 3);
	pty_send(&p, "n");
	expect_match(&p, 2, 2);
	pty_send(&p, "n");
	expect_match(&p, 1, 1);
	pty_send(&p, "N");
	expect_match(&p, 2, 2);
	pty_send(&p, "N");
	expect_match(&p, 4, 3);
	pty_send(&p, "n");
	expect_match(&p, 2, 2);
	pty_send(&p, "/\r");			/* repeat, now forwards */
	expect_match(&p, 4, 3);
	pty_send(&p, "N");
	expect_match(&p, 2, 2);
	pty_send(&p, "n");
	expect_match(&p, 4, 3);
	pty_send(&p, "?\r");			/* repeat, backwards again */
	expect_match(&p, 2, 2);
	pty_send(&p, "n");
	expect_match(&p, 1, 1);
	e2e_quit_free(&p, WAIT_MS);
}

/* U opens the next unread story after the shown one, the very next when
 * it is unread, and wraps around to the first (opened ones are read). */
static void test_next_unread(void **state)
{
	struct pty p;

	(void)state;
	start(&p);
	pty_send(&p, "U");
	expect(&p, e2e_story_of(2, 6));
	pty_send(&p, "U");
	expect(&p, e2e_story_of(3, 6));
	for (int i = 4; i <= 6; i++) {
		pty_send(&p, "U");
		expect(&p, e2e_story_of(i, 6));
	}
	pty_send(&p, "U");			/* around: 1 was never opened */
	expect(&p, e2e_story_of(1, 6));
	e2e_quit_free(&p, WAIT_MS);
}

/* An empty / with no search before says so and leaves the view alone. */
static void test_empty_first(void **state)
{
	struct pty p;

	(void)state;
	start(&p);
	pty_send(&p, "jj");
	expect(&p, e2e_story_of(3, 6));
	pty_send(&p, "/\r");
	expect(&p, "No previous search");
	expect(&p, e2e_story_of(3, 6));
	e2e_quit_free(&p, WAIT_MS);
}

/* n and N before any search say how to search and leave the view alone;
 * after one, n finds its next match. */
static void test_next_before_search(void **state)
{
	struct pty p;

	(void)state;
	start(&p);
	pty_send(&p, "j");
	expect(&p, e2e_story_of(2, 6));
	pty_send(&p, "n");
	expect(&p, "No search yet: / searches, ? searches backwards");
	expect(&p, e2e_story_of(2, 6));
	pty_send(&p, "j");			/* the message goes with a key */
	expect(&p, e2e_story_of(3, 6));
	assert_true(pty_wait_gone(&p, "No search yet", WAIT_MS));
	pty_send(&p, "N");
	expect(&p, "No search yet: / searches, ? searches backwards");
	expect(&p, e2e_story_of(3, 6));
	pty_send(&p, "/");
	e2e_type(&p, "putin");
	pty_send(&p, "\r");
	expect_match(&p, 4, 3);
	pty_send(&p, "n");
	expect_match(&p, 1, 1);		/* around to the first */
	e2e_quit_free(&p, WAIT_MS);
}

/* K and J step to the previous and next story, and say so at either
 * end of the list instead of moving. */
static void test_first_last_story(void **state)
{
	struct pty p;

	(void)state;
	start(&p);
	pty_send(&p, "K");
	expect(&p, "This is the first story");
	expect(&p, e2e_story_of(1, 6));
	pty_send(&p, "J");
	expect(&p, e2e_story_of(2, 6));
	pty_send(&p, "K");
	expect(&p, e2e_story_of(1, 6));
	pty_send(&p, "G");
	expect(&p, e2e_story_of(6, 6));
	pty_send(&p, "J");
	expect(&p, "This is the last story");
	expect(&p, e2e_story_of(6, 6));
	pty_send(&p, "K");
	expect(&p, e2e_story_of(5, 6));
	assert_true(pty_wait_gone(&p, "This is the last story", WAIT_MS));
	e2e_quit_free(&p, WAIT_MS);
}

/* Commands that come to nothing say so and leave the view as it was: an
 * unknown : command, a filter no story passes, an empty pipe command or
 * file name. */
static void test_nothing_done(void **state)
{
	struct pty p;

	(void)state;
	start(&p);
	pty_send(&p, "j");
	expect(&p, e2e_story_of(2, 6));
	pty_send(&p, ":x");
	expect(&p, "Unknown : command (:n next file, :p previous file)");
	expect(&p, e2e_story_of(2, 6));
	e2e_answer(&p, "&", "filter: ", "saffron zebra", WAIT_MS);
	expect(&p, "No story contains all of those words; the list is as it was");
	expect(&p, e2e_story_of(2, 6));
	pty_send(&p, "j");			/* all six still listed */
	expect(&p, e2e_story_of(3, 6));
	pty_send(&p, "|");
	expect(&p, "pipe to: ");
	pty_send(&p, "\r");
	expect(&p, "No command: nothing piped");
	pty_send(&p, "s");
	expect(&p, "save to: ");
	pty_send(&p, "\x15\r");		/* Ctrl-U: the offered name gone */
	expect(&p, "No file name: nothing saved");
	expect(&p, e2e_story_of(3, 6));
	e2e_quit_free(&p, WAIT_MS);
}

/* An empty dump opens on an empty list; every key that needs a story
 * says there is none, or does nothing, and q leaves with the terminal
 * restored. */
static void test_empty_dump(void **state)
{
	char dir[] = "/tmp/tnews-empty-XXXXXX", path[256];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	struct pty p;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/empty.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fclose(f);
	assert_int_equal(pty_start(&p, 24, 100, argv, utf8_env, 0), 0);
	expect(&p, "(no stories)");
	pty_send(&p, "=");
	expect(&p, "No stories");
	pty_send(&p, "j");
	assert_true(pty_wait_gone(&p, "No stories", WAIT_MS));
	pty_send(&p, "L");
	expect(&p, "No stories");
	/* keys that move, open, mark, split, join, search: none may fail */
	e2e_type(&p, "jkGg\rJKUmSMnNvV\x1b");
	pty_send(&p, "/");
	e2e_type(&p, "harbour");
	pty_send(&p, "\r");
	pty_settle(&p, 200, 3000);
	pty_send(&p, "\x1b");
	pty_send(&p, "s");
	expect(&p, "No stories");
	expect(&p, "(no stories)");
	e2e_quit_free(&p, WAIT_MS);
	remove(path);
	rmdir(dir);
}

/* & filters as \ does. */
static void test_ampersand(void **state)
{
	struct pty p;

	(void)state;
	start(&p);
	e2e_answer(&p, "&", "filter: ", "saffron", WAIT_MS);
	expect(&p, "filter: saffron (1 of 6 stories)");
	expect(&p, e2e_story_of(1, 1));	/* story 3, the one row shown */
	e2e_quit_free(&p, WAIT_MS);
}

/* The byte offset of physical line n (1-based) of a file. */
static long line_offset(const char *path, int n)
{
	FILE *f = fopen(path, "rb");
	long off = 0;
	int c, line = 1;

	assert_non_null(f);
	while (line < n && (c = getc(f)) != EOF) {
		off++;
		if (c == '\n')
			line++;
	}
	fclose(f);
	return off;
}

/* = names the file, the line at the top of the pane, the story and the
 * byte offset of that line in the file. */
static void test_where(void **state)
{
	struct pty p;
	char want[256];
	long size;
	FILE *f;

	(void)state;
	f = fopen(data("less_habits.txt"), "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	fclose(f);
	start(&p);
	pty_send(&p, "jjj\r");
	expect(&p, e2e_story_of(4, 6));
	pty_send(&p, "=");
	snprintf(want, sizeof want, "less_habits.txt line 15 (story 4 of 6, lines 15-18), byte %ld of %ld",
		 line_offset(data("less_habits.txt"), 15), size);
	expect(&p, want);
	pty_send(&p, "K=");
	snprintf(want, sizeof want, "line 11 (story 3 of 6, lines 11-13), byte %ld of",
		 line_offset(data("less_habits.txt"), 11));
	expect(&p, want);
	e2e_quit_free(&p, WAIT_MS);
}

/* A TERM with no terminfo entry here: the reader still opens, drawn as
 * a common type, with one warning naming the type on the status line. */
static void test_unknown_term(void **state)
{
	const char *env[] = { "LC_ALL=C.UTF-8", "TERM=tnews-no-such-terminal", NULL };
	const char *argv[] = { getenv("TNEWS"), "--no-state", data("less_habits.txt"), NULL };
	struct pty p;

	(void)state;
	assert_int_equal(pty_start(&p, 24, 160, argv, env, 0), 0);
	expect(&p, e2e_story_of(1, 6));
	expect(&p, "Terminal type 'tnews-no-such-terminal' not usable here; drawing as xterm-256color");
	assert_int_equal(p.altscreen, 1);
	pty_send(&p, "j");				/* the warning said once */
	expect(&p, e2e_story_of(2, 6));
	assert_true(pty_wait_gone(&p, "tnews-no-such-terminal", WAIT_MS));
	e2e_quit_free(&p, WAIT_MS);
}

/* The first row showing text (ASCII), or -1. */
static int row_of(struct pty *p, const char *text)
{
	for (int r = 0; r < p->rows; r++)
		if (strstr(pty_row(p, r), text))
			return r;
	return -1;
}

/* Whether the list row showing title marks it unread (a dot). */
static int unread_row(struct pty *p, const char *title)
{
	int r = row_of(p, title);

	if (r < 0) {
		char what[256];

		snprintf(what, sizeof what, "no row shows \"%s\"", title);
		e2e_fail_screen(p, what);
	}
	return strstr(pty_row(p, r), "\xE2\x97\x8F") != NULL;
}

/* S and M keep the marks: a read story split gives two read halves;
 * joining a read story with a read one gives a read story, with an
 * unread one an unread story.  Messages from the core start upper-case. */
static void test_split_join_marks(void **state)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", data("less_habits.txt"), NULL };
	struct pty p;

	(void)state;
	assert_int_equal(pty_start(&p, 8, 80, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 6));
	pty_send(&p, "jjj\r");			/* story 4 read */
	expect(&p, e2e_story_of(4, 6));
	pty_send(&p, "zG");
	expect(&p, "Bot");
	pty_send(&p, "S");
	expect(&p, "Split here");
	expect(&p, e2e_story_of(5, 7));
	pty_send(&p, "\x1b");
	pty_resize(&p, 40, 80);
	expect(&p, e2e_story_of(5, 7));
	pty_settle(&p, 100, 2000);
	assert_false(unread_row(&p, "Leaders gathered in Beijing"));
	assert_true(unread_row(&p, "Harbour officials"));
	assert_null(strstr(pty_row(&p, row_of(&p, "Leaders gathered in Beijing") + 1),
			   "\xE2\x97\x8F"));		/* the second half */
	pty_send(&p, "gM");				/* 1 (unread) + 2 (unread) */
	expect(&p, "Joined with the next story");
	expect(&p, e2e_story_of(1, 6));
	pty_settle(&p, 100, 2000);
	assert_true(unread_row(&p, "Grain ships left"));
	pty_send(&p, "\rh");				/* read it, back to the list */
	pty_send(&p, "jj\rhk");			/* 3 read; on 2 (unread) */
	expect(&p, e2e_story_of(2, 6));
	pty_send(&p, "M");				/* 2 (bakery, unread) + 3 (read) */
	expect(&p, "Joined with the next story");
	pty_settle(&p, 100, 2000);
	assert_true(unread_row(&p, "A bakery in Lowenna"));
	pty_send(&p, "\rhkM");			/* 1 (read) + 2 (read) */
	expect(&p, e2e_story_of(1, 4));
	pty_settle(&p, 100, 2000);
	assert_false(unread_row(&p, "Grain ships left"));
	pty_send(&p, "GM");				/* the last story: nothing to join */
	expect(&p, "No next story in the same file to join with");
	e2e_quit_free(&p, WAIT_MS);
}

/* Times text occurs on the screen. */
static int count_on_screen(struct pty *p, const char *text)
{
	char *s = pty_screen(p), *at = s;
	int n = 0;

	while ((at = strstr(at, text))) {
		n++;
		at += strlen(text);
	}
	free(s);
	return n;
}

/* After |, the command writes on a cleared screen: the second command's
 * output and "Press Enter" are not under the first's. */
static void test_pipe_clears(void **state)
{
	struct pty p;

	(void)state;
	start(&p);
	e2e_answer(&p, "|", "pipe to: ", "echo first-run", WAIT_MS);
	expect(&p, "Press Enter");
	pty_send(&p, "\r");
	expect(&p, e2e_story_of(1, 6));
	e2e_answer(&p, "|", "pipe to: ", "echo second-run", WAIT_MS);
	expect(&p, "second-run");
	expect(&p, "Press Enter");
	pty_settle(&p, 100, 2000);
	assert_int_equal(count_on_screen(&p, "first-run"), 0);
	assert_int_equal(count_on_screen(&p, "Press Enter"), 1);
	pty_send(&p, "\r");
	expect(&p, e2e_story_of(1, 6));
	e2e_quit_free(&p, WAIT_MS);
}

/* s offers a file name made from the title; Enter (here after a
 * directory typed before it) saves the story there. */
static void test_save_default(void **state)
{
	char dir[] = "/tmp/tnews-save-XXXXXX", path[256], line[256];
	struct pty p;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	start(&p);
	pty_send(&p, "s");
	expect(&p, "save to: grain-ships-left-the-port-of-odesa-at.txt");
	pty_send(&p, "\x01");			/* C-a: to the start */
	e2e_type(&p, dir);
	e2e_type(&p, "/");
	pty_send(&p, "\r");
	expect(&p, "Saved to");
	snprintf(path, sizeof path, "%s/grain-ships-left-the-port-of-odesa-at.txt", dir);
	f = fopen(path, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	assert_non_null(strstr(line, "Grain ships left the port of Odesa"));
	fclose(f);
	remove(path);
	rmdir(dir);
	pty_send(&p, "jjs");				/* a story of its own, its own name */
	expect(&p, "save to: a-bakery-in-lowenna-has-won-a-national.txt");
	pty_key(&p, VTERM_KEY_ESCAPE);
	e2e_quit_free(&p, WAIT_MS);
}

/* A title short enough to be whole gives its every word to the file
 * name s offers: none is cut as from a long one. */
static void test_save_short_title(void **state)
{
	char dir[] = "/tmp/tnews-short-XXXXXX", path[256];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	struct pty p;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/short.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("Ferries sail again\n", f);
	fclose(f);
	assert_int_equal(pty_start(&p, 24, 100, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 1));
	pty_send(&p, "s");
	expect(&p, "save to: ferries-sail-again.txt");
	pty_key(&p, VTERM_KEY_ESCAPE);
	e2e_quit_free(&p, WAIT_MS);
	remove(path);
	rmdir(dir);
}

/* A story longer than a pipe holds, piped to a command that reads none
 * of it and exits: tnews stops writing (the pipe is broken) and comes
 * back with "Press Enter". */
static void test_pipe_unread(void **state)
{
	char dir[] = "/tmp/tnews-unread-XXXXXX", path[256];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	struct pty p;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/long.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	for (int i = 0; i < 4000; i++)		/* about 240 KB */
		fputs("The ferry to the island ran late again today. ", f);
	fputs("\n", f);
	fclose(f);
	assert_int_equal(pty_start(&p, 24, 100, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 1));
	e2e_answer(&p, "|", "pipe to: ", "true", WAIT_MS);
	if (!pty_wait_text(&p, "Press Enter", WAIT_MS)) {
		pty_free(&p);		/* a tnews still writing is not left behind */
		fail_msg("no Press Enter after piping to true");
	}
	pty_send(&p, "\r");
	expect(&p, e2e_story_of(1, 1));
	e2e_quit_free(&p, WAIT_MS);
	remove(path);
	rmdir(dir);
}

/* The status line gives the file name the room it has: a 58-column path
 * shows whole at 80 columns (it was cut to a third of the line), with no
 * ellipsis before it. */
static void test_status_name(void **state)
{
	char dir[] = "/tmp/tnews-name-XXXXXX", path[256], cmd[8400];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	struct pty p;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/a-long-dump-name-for-the-status.txt", dir);
	snprintf(cmd, sizeof cmd, "cp '%s' '%s'", data("less_habits.txt"), path);
	assert_int_equal(system(cmd), 0);
	assert_int_equal(pty_start(&p, 24, 80, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 6));
	pty_settle(&p, 100, 2000);
	/* whole, from the line's second column: no ellipsis before it */
	if (strncmp(pty_row(&p, 23), " /tmp/tnews-name-", 17) != 0 ||
	    !strstr(pty_row(&p, 23), path))
		e2e_fail_screen(&p, "the status line does not start with the whole path");
	e2e_quit_free(&p, WAIT_MS);
	remove(path);
	rmdir(dir);
}


/* The reading pane opens with a one-line header (story i of N, file and
 * lines, words and minutes, read or unread), not a copy of the lede: the
 * lede's first words are on the screen twice (list and text), not three
 * times. */
static void test_header(void **state)
{
	struct pty p;

	(void)state;
	start(&p);
	expect(&p, "Story 1 of 6 \xC2\xB7 less_habits.txt lines 1-4 \xC2\xB7 ");
	expect(&p, " min \xC2\xB7 unread");
	pty_send(&p, "jjj\r");
	expect(&p, "Story 4 of 6 \xC2\xB7 less_habits.txt lines 15-18 \xC2\xB7 ");
	expect(&p, " min \xC2\xB7 read");
	pty_settle(&p, 100, 2000);
	assert_int_equal(count_on_screen(&p, "Leaders gathered in Beijing"), 2);
	pty_send(&p, "m");				/* the header follows the mark */
	expect(&p, " min \xC2\xB7 unread");
	e2e_quit_free(&p, WAIT_MS);
}

/* The bundled sample. */
static const char *sample(void)
{
	static char buf[4096];
	const char *dir = getenv("TNEWS_DATADIR");

	snprintf(buf, sizeof buf, "%s/sample.txt", dir ? dir : "data");
	return buf;
}

/* At 200x50 side by side the list has the columns the capped text does
 * not need: every title shows whole, as --list prints it. */
static void test_list_room(void **state)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", sample(), NULL };
	char cmd[4200], line[4096];
	struct pty p;
	char *screen;
	FILE *f;
	int titles = 0;

	(void)state;
	assert_int_equal(pty_start(&p, 50, 200, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 10));
	pty_settle(&p, 200, 2000);
	screen = pty_screen(&p);
	snprintf(cmd, sizeof cmd, "'%s' --no-state --list '%s'", argv[0], sample());
	f = popen(cmd, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f)) {
		char *t = strrchr(line, '\t');

		assert_non_null(t);
		t[1 + strcspn(t + 1, "\n")] = '\0';
		if (!strstr(screen, t + 1))
			fail_msg("title not whole on the screen: %s\n%s", t + 1, screen);
		titles++;
	}
	pclose(f);
	free(screen);
	assert_int_equal(titles, 10);
	e2e_quit_free(&p, WAIT_MS);
}

/* At 24x50 the list cuts the titles that do not fit: each cut row is
 * the start of its story's title (as --list prints it) and an ellipsis,
 * with no other character drawn in the cut (a cell half begun there
 * would show as a replacement character). */
static void test_list_cut(void **state)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", sample(), NULL };
	char cmd[4200], line[4096], titles[10][512];
	struct pty p;
	int n = 0, cut = 0, last;

	(void)state;
	snprintf(cmd, sizeof cmd, "'%s' --no-state --list '%s'", argv[0], sample());
	FILE *f = popen(cmd, "r");

	assert_non_null(f);
	while (n < 10 && fgets(line, sizeof line, f)) {
		char *t = strrchr(line, '\t');

		assert_non_null(t);
		t[1 + strcspn(t + 1, "\n")] = '\0';
		snprintf(titles[n++], sizeof titles[0], "%s", t + 1);
	}
	pclose(f);
	assert_int_equal(n, 10);
	assert_int_equal(pty_start(&p, 24, 50, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 10));
	pty_settle(&p, 200, 2000);
	last = row_of(&p, "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80") - 1;
	assert_true(last > 0 && last < 10);
	for (int r = 0; r <= last; r++) {
		const char *row = pty_row(&p, r), *t = row, *ell;

		if (strstr(row, "\xEF\xBF\xBD"))
			e2e_fail_screen(&p, "a replacement character in the list");
		if (!(ell = strstr(row, "\xE2\x80\xA6")))
			continue;
		while (*t == ' ' || (unsigned char)*t >= 0x80)	/* the read mark */
			t++;
		assert_true(ell > t);
		if (strncmp(titles[r], t, (size_t)(ell - t)) != 0)
			e2e_fail_screen(&p, "a cut title is not its title's start and an ellipsis");
		cut++;
	}
	assert_true(cut > 0);
	e2e_quit_free(&p, WAIT_MS);
}

/* Whether the cell at row r, column c holds code point u. */
static int cell_is(struct pty *p, int r, int c, uint32_t u)
{
	VTermScreenCell cell;

	vterm_screen_get_cell(p->vs, (VTermPos){ .row = r, .col = c }, &cell);
	return cell.chars[0] == u;
}

/* A mark on the list's last row says it goes on below, gone at the end. */
static void test_more_below(void **state)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", sample(), NULL };
	struct pty p;
	int last;

	(void)state;
	assert_int_equal(pty_start(&p, 24, 80, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 10));
	pty_settle(&p, 200, 2000);
	last = row_of(&p, "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80") - 1;
	assert_true(last > 0 && last < 9);		/* fewer rows than stories */
	assert_true(cell_is(&p, last, 80 - 8, 0x2193));	/* the arrow down */
	pty_send(&p, "G");
	expect(&p, e2e_story_of(10, 10));
	pty_settle(&p, 200, 2000);
	assert_false(cell_is(&p, last, 80 - 8, 0x2193));
	e2e_quit_free(&p, WAIT_MS);
}

/* } and { jump between the files' first stories. */
static void test_files(void **state)
{
	char first[4096], second[4096];
	const char *argv[] = { getenv("TNEWS"), "--no-state", first, second, NULL };
	struct pty p;

	(void)state;
	snprintf(first, sizeof first, "%s", data("less_habits.txt"));
	snprintf(second, sizeof second, "%s", data("search.txt"));
	assert_int_equal(pty_start(&p, 24, 160, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 10));
	pty_send(&p, "}");
	expect(&p, e2e_story_of(6, 10));
	expect(&p, "File 2 of 2: ");
	pty_send(&p, "}");
	expect(&p, "This is the last file");
	pty_send(&p, "jj");
	expect(&p, e2e_story_of(8, 10));
	pty_send(&p, "{");
	expect(&p, e2e_story_of(6, 10));
	pty_send(&p, "{");
	expect(&p, e2e_story_of(1, 10));
	expect(&p, "File 1 of 2: ");
	pty_send(&p, "{");
	expect(&p, "This is the first file");
	pty_send(&p, ":n");				/* less's :n and :p */
	expect(&p, e2e_story_of(6, 10));
	expect(&p, "File 2 of 2: ");
	pty_send(&p, ":p");
	expect(&p, "File 1 of 2: ");
	expect(&p, e2e_story_of(1, 10));
	pty_send(&p, ":x");
	expect(&p, "Unknown : command");
	e2e_quit_free(&p, WAIT_MS);
}

static void mouse(struct pty *p, int b, int r, int c);

/* The text of list row r up to the separator of the panes. */
static const char *list_row(struct pty *p, int r)
{
	static char buf[1024];
	const char *row = pty_row(p, r), *sep = strstr(row, "\xE2\x94\x82");

	snprintf(buf, sizeof buf, "%.*s", sep ? (int)(sep - row) : (int)strlen(row), row);
	return buf;
}

/* With two files, a heading row over each file's stories names it and
 * counts its unread stories; j and k pass over the headings; a click on
 * a heading opens the file's first story. */
static void test_file_headings(void **state)
{
	char first[4096], second[4096];
	const char *argv[] = { getenv("TNEWS"), "--no-state", first, second, NULL };
	struct pty p;
	int h2;

	(void)state;
	snprintf(first, sizeof first, "%s", data("less_habits.txt"));
	snprintf(second, sizeof second, "%s", data("search.txt"));
	assert_int_equal(pty_start(&p, 24, 160, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 10));
	pty_settle(&p, 200, 2000);
	/* the bakery's story is in both files: its row (and count) is the
	 * second's, where its newest version is */
	if (!strstr(list_row(&p, 0), "less_habits.txt") || !strstr(list_row(&p, 0), "5/5"))
		e2e_fail_screen(&p, "row 0: less_habits.txt 5/5");
	h2 = row_of(&p, "search.txt");
	/* 6 stories, but the bakery's is in both files: one row, under the
	 * second (its newest version); then the heading */
	assert_int_equal(h2, 6);
	assert_non_null(strstr(list_row(&p, h2), "5/5"));
	pty_send(&p, "jjjj");				/* story 6, row 5: story 4 is under file 2 */
	expect(&p, e2e_story_of(5, 10));
	pty_send(&p, "j");				/* over the heading to story 7, row 6 */
	expect(&p, e2e_story_of(6, 10));
	pty_send(&p, "\r");				/* read it: 4 of 5 unread */
	pty_settle(&p, 200, 2000);
	if (!strstr(list_row(&p, h2), "4/5"))
		e2e_fail_screen(&p, "the heading of file 2 counts 4/5");
	assert_non_null(strstr(list_row(&p, 0), "5/5"));
	pty_send(&p, "\x1b");
	pty_send(&p, "k");				/* back over the heading: story 6 */
	expect(&p, e2e_story_of(5, 10));
	mouse(&p, 0, h2, 5);				/* a click on the heading */
	expect(&p, e2e_story_of(6, 10));
	mouse(&p, 0, 0, 5);
	expect(&p, e2e_story_of(1, 10));
	e2e_quit_free(&p, WAIT_MS);
}

/* One file: no heading row, the first story on the first row. */
static void test_one_file_no_heading(void **state)
{
	char first[4096];
	const char *argv[] = { getenv("TNEWS"), "--no-state", first, NULL };
	struct pty p;

	(void)state;
	snprintf(first, sizeof first, "%s", data("less_habits.txt"));
	assert_int_equal(pty_start(&p, 24, 160, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 6));
	pty_settle(&p, 200, 2000);
	if (strstr(list_row(&p, 0), "less_habits.txt") || strstr(list_row(&p, 0), "6/6"))
		e2e_fail_screen(&p, "no heading with one file");
	e2e_quit_free(&p, WAIT_MS);
}

/* Send an SGR mouse event (button b) at 0-based row r, column c, as a
 * terminal with 1006 reporting does: press, and for a click the release. */
static void mouse(struct pty *p, int b, int r, int c)
{
	char buf[64];

	snprintf(buf, sizeof buf, "\x1b[<%d;%d;%dM", b, c + 1, r + 1);
	pty_send(p, buf);
	if (b < 64) {
		snprintf(buf, sizeof buf, "\x1b[<%d;%d;%dm", b, c + 1, r + 1);
		pty_send(p, buf);
	}
	pty_settle(p, 50, 2000);
}

/* A click on a list row opens its story; the wheel scrolls the pane under
 * the pointer. */
static void test_mouse(void **state)
{
	const char *argv[] = { getenv("TNEWS"), "--no-state", sample(), NULL };
	struct pty p;
	int sep;

	(void)state;
	assert_int_equal(pty_start(&p, 24, 80, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 10));
	pty_settle(&p, 200, 2000);
	sep = row_of(&p, "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80");
	assert_true(sep > 3);
	mouse(&p, 0, 2, 10);				/* the third row */
	expect(&p, e2e_story_of(3, 10));
	expect(&p, "Story 3 of 10");
	expect(&p, " min \xC2\xB7 read");		/* opened: read */
	expect(&p, "Top");
	mouse(&p, 65, sep + 3, 10);			/* wheel down, reading pane */
	assert_true(pty_wait_gone(&p, " 3/10 Top", WAIT_MS));
	expect(&p, e2e_story_of(3, 10));		/* the same story, scrolled */
	mouse(&p, 65, 0, 10);				/* wheel down, list: 3 on */
	expect(&p, e2e_story_of(6, 10));
	mouse(&p, 64, 0, 10);				/* and back */
	expect(&p, e2e_story_of(3, 10));
	e2e_quit_free(&p, WAIT_MS);
}

/* L lists the story's links on a prompt, the first shown, Up and Down
 * through the rest; Enter opens one with $BROWSER (here echo); without
 * $BROWSER the link is shown to copy; a story without links says so,
 * though the story after it starts with one. */
static void test_links(void **state)
{
	char path[4096];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	const char *env[] = { "LC_ALL=C.UTF-8", "BROWSER=echo opening", NULL, NULL };
	struct pty p;

	(void)state;
	snprintf(path, sizeof path, "%s", data("links.txt"));
	assert_int_equal(pty_start(&p, 24, 160, argv, env, 0), 0);
	expect(&p, e2e_story_of(1, 3));
	pty_send(&p, "L");
	expect(&p, "open: https://example.org/floods/2026-report.html");
	expect(&p, "link 1 of 2");
	pty_key(&p, VTERM_KEY_UP);
	expect(&p, "open: http://example.com/summary");	/* no ")" or "," */
	expect(&p, "link 2 of 2");
	pty_key(&p, VTERM_KEY_DOWN);
	expect(&p, "open: https://example.org/floods/2026-report.html");
	pty_send(&p, "\r");
	expect(&p, "opening https://example.org/floods/2026-report.html");
	expect(&p, "Press Enter");
	pty_send(&p, "\r");
	expect(&p, e2e_story_of(1, 3));
	pty_send(&p, "jL");			/* the next story's link is not its */
	expect(&p, "No links in this story");
	pty_send(&p, "jL");
	expect(&p, "open: https://example.net/harbour-plan");
	expect(&p, "link 1 of 1");
	pty_send(&p, "\x1b");			/* leave the prompt */
	assert_true(pty_wait_gone(&p, "link 1 of 1", WAIT_MS));
	pty_send(&p, "L");
	expect(&p, "link 1 of 1");
	pty_send(&p, "\x15\r");			/* Ctrl-U: no link left to open */
	expect(&p, "No link: nothing opened");
	e2e_quit_free(&p, WAIT_MS);

	env[1] = "BROWSER=";				/* none */
	assert_int_equal(pty_start(&p, 24, 160, argv, env, 0), 0);
	expect(&p, e2e_story_of(1, 3));
	pty_send(&p, "L\r");
	expect(&p, "No browser ($BROWSER or browser) to open https://example.org/floods/2026-report.html: copy it");
	e2e_quit_free(&p, WAIT_MS);
	{	/* the configuration's browser command, over $BROWSER */
		char conf[] = "/tmp/tnews-conf-XXXXXX", setting[4200];
		int fd = mkstemp(conf);
		FILE *f;

		assert_true(fd >= 0);
		f = fdopen(fd, "w");
		assert_non_null(f);
		fputs("browser echo from-config\n", f);
		fclose(f);
		snprintf(setting, sizeof setting, "TNEWS_CONFIG=%s", conf);
		env[1] = "BROWSER=echo from-environment";
		env[2] = setting;
		assert_int_equal(pty_start(&p, 24, 160, argv, env, 0), 0);
		expect(&p, e2e_story_of(1, 3));
		pty_send(&p, "L\r");
		expect(&p, "from-config https://example.org/floods/2026-report.html");
		pty_send(&p, "\r");
		e2e_quit(&p, WAIT_MS);
		pty_free(&p);
		remove(conf);
	}
}

/* Append text to a file. */
static void append(const char *path, const char *text)
{
	FILE *f = fopen(path, "a");

	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

static char *pane_text(struct pty *p);

/* The rows of the reading pane (below the separator), joined, from the
 * text on (not the header), without the pane's empty end. */
static char *reader_rows(struct pty *p)
{
	char *buf = pane_text(p);
	size_t n = strlen(buf);

	while (n > 0 && buf[n - 1] == '\n')
		buf[--n] = '\0';
	return strstr(buf, "\n\n") ? strstr(buf, "\n\n") : buf;
}

static const char story_a[] =
	"Grain ships left the port of Odesa at dawn after weeks of talks over safe passage.\n"
	"Officials said the agreement would be reviewed in a month.\n";
static const char story_b[] =
	"\n\f\nA bakery in Lowenna has won a national prize for its saffron buns this week.\n"
	"The owner said the recipe had been in her family for five generations.\n";
static const char story_c[] =
	"\n\f\nA library in Trevose reopened after a two-year restoration of its reading room.\n"
	"Volunteers catalogued more than twelve thousand books during the closure.\n";
static const char story_d[] =
	"\n\f\nRail workers in Penhallow voted to accept a new pay offer after months of talks.\n"
	"The union said the deal would be signed before the end of the month.\n";

/* A dump that grows while open: the new story is listed without a key
 * and the story read stays where it was on the screen; F goes to the
 * newest and keeps following; a dump replaced by a shorter one is read
 * again, keeping the marks. */
static void follow_with(const char *const *env)
{
	char dir[] = "/tmp/tnews-follow-XXXXXX", path[256], tmp[300], before[8192];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	struct pty p;
	long t0;
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/day.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(story_a, f);
	fputs(story_b, f);
	fclose(f);
	assert_int_equal(pty_start(&p, 24, 80, argv, env, 0), 0);
	expect(&p, e2e_story_of(1, 2));
	pty_send(&p, "j\r");				/* read story 2 */
	expect(&p, e2e_story_of(2, 2));
	pty_settle(&p, 200, 2000);
	snprintf(before, sizeof before, "%s", reader_rows(&p));
	assert_non_null(strstr(before, "saffron"));
	t0 = pty_now_ms();
	append(path, story_c);
	/* listed within 2 s, no key pressed (the promise) */
	e2e_expect(&p, "A library in Trevose", 2000);
	printf("# the appended story listed after %ld ms (%s)\n", pty_now_ms() - t0,
	       env[1] ? env[1] : "inotify");
	expect(&p, "+1 new");
	expect(&p, e2e_story_of(2, 3));
	pty_settle(&p, 200, 2000);
	if (strcmp(reader_rows(&p), before))		/* the same place */
		e2e_fail_screen(&p, before);
	pty_send(&p, "F");				/* the newest, and follow */
	expect(&p, e2e_story_of(3, 3));
	expect(&p, "Following: new stories are shown as they come (any key stops)");
	append(path, story_d);
	expect(&p, e2e_story_of(4, 4));
	expect(&p, "Rail workers in Penhallow");
	pty_send(&p, "/Penhallow");			/* the new text is searched */
	expect(&p, "match 1 of 1");
	pty_send(&p, "\x1b");
	pty_send(&p, "hg");				/* stop following; to story 1 */
	expect(&p, e2e_story_of(1, 4));
	snprintf(tmp, sizeof tmp, "%s/new.txt", dir);	/* replaced: a, b only */
	f = fopen(tmp, "w");
	assert_non_null(f);
	fputs(story_a, f);
	fputs(story_b, f);
	fclose(f);
	assert_int_equal(rename(tmp, path), 0);
	expect(&p, e2e_story_of(1, 2));
	pty_settle(&p, 200, 2000);
	assert_false(unread_row(&p, "A bakery in Lowenna"));	/* read before */
	assert_true(unread_row(&p, "Grain ships left"));
	e2e_quit_free(&p, WAIT_MS);
	remove(path);
	rmdir(dir);
}

/* The rows of the reading pane (below the separator), all of them. */
static char *pane_text(struct pty *p)
{
	static char buf[8192];
	size_t n = 0;
	int r0 = row_of(p, "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80");

	buf[0] = '\0';
	for (int r = r0 + 1; r0 >= 0 && r < p->rows - 1; r++)
		n += (size_t)snprintf(buf + n, sizeof buf - n, "%s\n", pty_row(p, r));
	return buf;
}

/* A story read from the middle of a long paragraph stays on the same
 * rows when the dump grows by a story after it (not put back to the
 * paragraph's first row). */
static void test_follow_mid_paragraph(void **state)
{
	char dir[] = "/tmp/tnews-follow-XXXXXX", path[256], before[8192];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	struct pty p;
	const char *after;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/day.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(story_a, f);
	fputs("\n\f\nA bakery in Lowenna has won a national prize for its saffron buns.", f);
	for (int i = 1; i <= 40; i++)
		fprintf(f, " Sentence %02d of the one long paragraph goes on about the buns.", i);
	fputs("\n", f);
	fclose(f);
	assert_int_equal(pty_start(&p, 24, 80, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 2));
	pty_send(&p, "j\r");				/* read story 2 */
	expect(&p, e2e_story_of(2, 2));
	expect(&p, "Sentence 01");
	for (int i = 0; i < 6; i++)			/* a row inside the paragraph */
		pty_send(&p, "j");
	assert_true(pty_wait_gone(&p, "Sentence 01 ", WAIT_MS));
	pty_settle(&p, 200, 2000);
	snprintf(before, sizeof before, "%s", pane_text(&p));
	assert_non_null(strstr(before, "Sentence 1"));
	append(path, story_c);
	expect(&p, "+1 new");
	expect(&p, e2e_story_of(2, 3));
	pty_settle(&p, 200, 2000);
	/* the same rows from the top (the longer list may take the last) */
	after = pane_text(&p);
	if (strlen(after) < 200 || strncmp(before, after, strlen(after)) != 0) {
		print_message("the pane was:\n%s", before);
		e2e_fail_screen(&p, "the pane moved");
	}
	e2e_quit_free(&p, WAIT_MS);
	remove(path);
	rmdir(dir);
}

/* Following with inotify (where the system has it). */
static void test_follow(void **state)
{
	(void)state;
	follow_with(utf8_env);
}

/* Following by the poll, as where there is no inotify. */
static void test_follow_poll(void **state)
{
	static const char *const env[] = { "LC_ALL=C.UTF-8", "TNEWS_FOLLOW=poll", NULL };

	(void)state;
	follow_with(env);
}

/* A growing dump folds what it gains: a story read, then appended again
 * with a paragraph added, is one row (x2, updated since read), the
 * message says the new story is a new version, and opening it shows the
 * paragraph added. */
static void test_follow_fold(void **state)
{
	char dir[] = "/tmp/tnews-follow-XXXXXX", path[256];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	struct pty p;
	FILE *f;
	int r;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/day.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(story_a, f);
	fputs(story_b, f);
	fclose(f);
	assert_int_equal(pty_start(&p, 24, 80, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 2));
	pty_send(&p, "j\r");				/* read the bakery's story */
	expect(&p, e2e_story_of(2, 2));
	pty_send(&p, "\x1b");
	append(path, story_b);
	append(path, "A queue formed outside the shop before dawn on the day the prize was announced.\n");
	expect(&p, "+1 new (1 of them a new version of stories listed)");
	expect(&p, e2e_story_of(2, 2));	/* two articles, two rows */
	pty_settle(&p, 200, 2000);
	r = row_of(&p, "A bakery in Lowenna");
	assert_true(r >= 0);
	assert_non_null(strstr(pty_row(&p, r), "\xE2\x86\xBB A bakery"));	/* updated */
	assert_non_null(strstr(pty_row(&p, r), "\xC3\x97" "2"));
	assert_true(row_of(&p, "Grain ships") >= 0);
	pty_send(&p, "G\r");				/* the newest version */
	expect(&p, e2e_story_of(2, 2));
	expect(&p, "Updated since you read version 1: 1 paragraph added");
	expect(&p, "+ A queue formed outside the shop");
	e2e_quit_free(&p, WAIT_MS);
	remove(path);
	rmdir(dir);
}

/* A feed that gets a new item is followed as a dump is: the new item
 * is listed without a key. */
static void test_follow_feed(void **state)
{
	static const char head[] =
		"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel><title>Day</title>\n";
	static const char item1[] =
		"<item><title>Harbour plan approved</title><link>https://example.org/1</link>"
		"<description>The council approved the harbour plan on Tuesday after a long debate "
		"about the cost of dredging the channel.</description></item>\n";
	static const char item2[] =
		"<item><title>Ferry timetable changes</title><link>https://example.org/2</link>"
		"<description>The ferry company said winter sailings would start a week later this "
		"year because of repairs to the pier.</description></item>\n";
	static const char tail[] = "</channel></rss>\n";
	char dir[] = "/tmp/tnews-followfeed-XXXXXX", path[256], tmp[300];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	struct pty p;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/day.xml", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fprintf(f, "%s%s%s", head, item1, tail);
	fclose(f);
	assert_int_equal(pty_start(&p, 24, 80, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 1));
	expect(&p, "Harbour plan approved");
	snprintf(tmp, sizeof tmp, "%s/new.xml", dir);	/* the fetcher's new copy */
	f = fopen(tmp, "w");
	assert_non_null(f);
	fprintf(f, "%s%s%s%s", head, item1, item2, tail);
	fclose(f);
	assert_int_equal(rename(tmp, path), 0);
	expect(&p, "Ferry timetable changes");		/* listed, no key pressed */
	expect(&p, "+1 new");
	expect(&p, e2e_story_of(1, 2));
	e2e_quit_free(&p, WAIT_MS);
	unlink(path);
	rmdir(dir);
}

/* Start tnews on a story with a plain and a hostile URL at 24x160 with
 * "hyperlinks how" (NULL: no configuration), in the new directory dir
 * (its file in path, the configuration in conf); the list up, in p. */
static void hyperlink_start(struct pty *p, const char *how, char *dir, char *path, char *conf)
{
	static const char text[] =
		"Flood defences in Pelworth will be raised by a metre, the council said on Monday.\n"
		"The full report is at https://example.org/floods/report.html, and a summary at "
		"https://evil.example/a\x1b]2;pwned\x07" "b\\c;d%zz\xc2\x9c!x for anyone.\n"
		"Work starts next spring and will take two years to finish, the council added.\n";
	char confenv[300];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	const char *env[] = { "LC_ALL=C.UTF-8", how ? confenv : NULL, NULL };
	FILE *f;

	assert_non_null(mkdtemp(dir));
	snprintf(path, 256, "%s/links.txt", dir);
	snprintf(conf, 256, "%s/config", dir);
	snprintf(confenv, sizeof confenv, "TNEWS_CONFIG=%s", conf);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	fclose(f);
	f = fopen(conf, "w");
	assert_non_null(f);
	fprintf(f, "hyperlinks %s\n", how ? how : "auto");
	fclose(f);
	assert_int_equal(pty_start(p, 24, 160, argv, env, 0), 0);
	expect(p, "example.org/floods/report.html");
}

/* Run tnews as hyperlink_start does: the screen, after the reader
 * scrolled down and back, into screen (malloc'd); the terminal in p. */
static char *hyperlink_run(struct pty *p, const char *how)
{
	char dir[] = "/tmp/tnews-hl-XXXXXX", path[256], conf[256];
	char *screen;

	hyperlink_start(p, how, dir, path, conf);
	pty_send(p, "\r");
	pty_settle(p, 200, 2000);
	pty_send(p, "j");
	pty_settle(p, 200, 2000);
	pty_send(p, "k");
	pty_settle(p, 200, 2000);
	screen = pty_screen(p);
	{
		/* where the cursor is and the pen the terminal would draw
		 * with next: as curses left them, links or not */
		VTermState *st = vterm_obtain_state(p->vt);
		VTermPos pos;
		VTermValue bold, under, rev;
		char *more;

		vterm_state_get_cursorpos(st, &pos);
		vterm_state_get_penattr(st, VTERM_ATTR_BOLD, &bold);
		vterm_state_get_penattr(st, VTERM_ATTR_UNDERLINE, &under);
		vterm_state_get_penattr(st, VTERM_ATTR_REVERSE, &rev);
		more = malloc(strlen(screen) + 64);
		assert_non_null(more);
		sprintf(more, "cursor %d,%d pen %d%d%d\n%s", pos.row, pos.col, bold.boolean,
			under.number, rev.boolean, screen);
		free(screen);
		screen = more;
	}
	if (strstr(screen, dir)) {		/* the status line names the temporary file */
		char *cut = strstr(screen, dir);

		while (cut > screen && cut[-1] != '\n')
			cut--;
		*cut = '\0';
	}
	e2e_quit(p, WAIT_MS);
	remove(path);
	remove(conf);
	rmdir(dir);
	return screen;
}

/* With "hyperlinks yes" the URLs in the text are OSC 8 links: each link
 * opened and closed, its URL percent-encoded so that nothing in it (an
 * ESC, a BEL, a C1 byte in the file) reaches the terminal as a control;
 * the screen reads exactly as without links (curses' idea of it kept). */
static void test_hyperlinks(void **state)
{
	struct pty p;
	char *with, *without, *line, *save;
	int opens = 0, closes = 0;
	size_t bytes;

	(void)state;
	with = hyperlink_run(&p, "yes");
	assert_non_null(strstr(p.osc, ";https://example.org/floods/report.html\n"));
	/* the file's ESC and BEL came as control pictures, and went out
	 * percent-encoded, as did % and the C1 byte's replacement */
	assert_non_null(strstr(p.osc, ";https://evil.example/a%E2%90%9B]2;pwned%E2%90%87b\\c;d%25zz%EF%BF%BD!x\n"));
	assert_int_equal(p.titles, 0);
	for (line = strtok_r(p.osc, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strcmp(line, "8;;"))
			closes++;
		else if (!strncmp(line, "8;id=tnews", 10))
			opens++;
		else
			fail_msg("an OSC that is not a link: %s", line);
		for (const unsigned char *c = (const unsigned char *)line; *c; c++)
			assert_true(*c >= 0x20 && *c < 0x7f);
	}
	assert_true(opens >= 2);
	assert_int_equal(opens, closes);
	bytes = p.nbytes;
	pty_free(&p);
	without = hyperlink_run(&p, "no");
	assert_int_equal(p.oscs, 0);
	printf("# the session wrote %zu bytes with links, %zu without\n", bytes, p.nbytes);
	assert_string_equal(with, without);
	pty_free(&p);
	free(without);
	/* auto: this terminal (xterm-256color, no terminal's own variable)
	 * is not known to show links */
	without = hyperlink_run(&p, NULL);
	assert_int_equal(p.oscs, 0);
	assert_string_equal(with, without);
	pty_free(&p);
	free(with);
	free(without);
}

/* A redraw of the reading pane that leaves its links as they were (m:
 * only the header changes) writes no link again; a repaint (Ctrl-L)
 * writes them all again, as curses rewrites every cell. */
static void test_hyperlinks_once(void **state)
{
	char dir[] = "/tmp/tnews-hl-XXXXXX", path[256], conf[256];
	struct pty p;
	int n;

	(void)state;
	hyperlink_start(&p, "yes", dir, path, conf);
	pty_send(&p, "\r");
	pty_settle(&p, 200, 2000);
	n = p.oscs;
	assert_true(n >= 4);			/* two links, each opened and closed */
	pty_send(&p, "m");
	expect(&p, "unread");
	pty_settle(&p, 200, 2000);
	assert_int_equal(p.oscs, n);
	pty_send(&p, "\x0c");
	pty_settle(&p, 200, 2000);
	assert_int_equal(p.oscs, 2 * n);
	e2e_quit(&p, WAIT_MS);
	pty_free(&p);
	remove(path);
	remove(conf);
	rmdir(dir);
}

/* = under a long path at 80 columns: the name gives way (its end kept,
 * after an ellipsis), the numbers show whole. */
static void test_where_long_name(void **state)
{
	char dir[] = "/tmp/tnews-where-a-rather-long-directory-name-for-the-status-line-XXXXXX";
	char path[256];
	const char *argv[] = { getenv("TNEWS"), "--no-state", path, NULL };
	struct pty p;
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/day-of-the-week-dump.txt", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(story_a, f);
	fclose(f);
	assert_int_equal(pty_start(&p, 24, 80, argv, utf8_env, 0), 0);
	expect(&p, e2e_story_of(1, 1));
	pty_send(&p, "=");
	expect(&p, "\xE2\x80\xA6");
	expect(&p, "dump.txt line 1 (story 1 of 1, lines 1-2), byte 0 of");
	e2e_quit_free(&p, WAIT_MS);
	remove(path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_backward_n),
		cmocka_unit_test(test_empty_first),
		cmocka_unit_test(test_next_before_search),
		cmocka_unit_test(test_first_last_story),
		cmocka_unit_test(test_nothing_done),
		cmocka_unit_test(test_empty_dump),
		cmocka_unit_test(test_next_unread),
		cmocka_unit_test(test_ampersand),
		cmocka_unit_test(test_where),
		cmocka_unit_test(test_unknown_term),
		cmocka_unit_test(test_split_join_marks),
		cmocka_unit_test(test_pipe_clears),
		cmocka_unit_test(test_save_default),
		cmocka_unit_test(test_save_short_title),
		cmocka_unit_test(test_pipe_unread),
		cmocka_unit_test(test_status_name),
		cmocka_unit_test(test_where_long_name),
		cmocka_unit_test(test_follow),
		cmocka_unit_test(test_follow_poll),
		cmocka_unit_test(test_follow_mid_paragraph),
		cmocka_unit_test(test_follow_fold),
		cmocka_unit_test(test_follow_feed),
		cmocka_unit_test(test_header),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_file_headings),
		cmocka_unit_test(test_one_file_no_heading),
		cmocka_unit_test(test_mouse),
		cmocka_unit_test(test_links),
		cmocka_unit_test(test_hyperlinks),
		cmocka_unit_test(test_hyperlinks_once),
		cmocka_unit_test(test_list_room),
		cmocka_unit_test(test_list_cut),
		cmocka_unit_test(test_more_below),
	};

	signal(SIGPIPE, SIG_IGN);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
