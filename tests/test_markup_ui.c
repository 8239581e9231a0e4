/* SPDX-License-Identifier: MIT */
/* test_markup_ui.c - end-to-end tests of stories from a feed and a web
 * page in the reader: titles from the markup, the date and link under the
 * title, search across them, read marks and resume across a restart. */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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

/* A file of tests/data (static buffer, one of two). */
static const char *data(const char *name)
{
	static char buf[2][4096];
	static int k;
	const char *dir = getenv("TESTDATA");

	k ^= 1;
	snprintf(buf[k], sizeof buf[k], "%s/%s", dir ? dir : "tests/data", name);
	return buf[k];
}

/* Start tnews on the RSS feed and the page, 24x100. */
static void start(struct pty *p, const struct dirs *d)
{
	const char *argv[] = { getenv("TNEWS"), NULL, NULL, NULL };

	assert_non_null(argv[0]);
	argv[1] = strdup(data("feed_rss2.xml"));
	argv[2] = strdup(data("page_article.html"));
	assert_int_equal(pty_start(p, 24, 100, argv, d->env, 0), 0);
	free((void *)argv[1]);
	free((void *)argv[2]);
}

/* Whether list row r shows the unread mark. */
static int row_unread(struct pty *p, int r)
{
	return strstr(pty_row(p, r), "\xE2\x97\x8F") != NULL;
}

/* Titles from the markup in the list; the date and link under the title
 * in the reading pane; the page's headline, not its first paragraph. */
static void test_titles_and_source(void **state)
{
	struct dirs d;
	struct pty p;
	(void)state;

	dirs_make(&d);
	start(&p, &d);
	expect(&p, e2e_story_of(1, 5));
	expect(&p, "Ferry timetable & fares change");
	expect(&p, "No text at all");
	pty_send(&p, "\r");
	expect(&p, "Mon, 30 Nov 2026 08:00:00 GMT");
	expect(&p, "https://gazette.example/news/harbour-wall");
	expect(&p, "The harbour wall at Porthmellin will be rebuilt");
	pty_send(&p, "J");
	expect(&p, e2e_story_of(2, 5));
	expect(&p, "2026-11-29T17:30:00Z");
	expect(&p, "The winter timetable starts on Monday.");
	pty_send(&p, "G");
	pty_send(&p, "J");
	pty_send(&p, "J");
	pty_send(&p, "J");
	expect(&p, e2e_story_of(5, 5));
	expect(&p, "Harbour wall to be rebuilt after storm");
	expect(&p, "Engineers say the new wall");
	/* a page has no date or link to show; its chrome is not shown */
	assert_false(pty_wait_text(&p, "Share on Facebook", 300));
	pty_send(&p, "x");			/* the stripped lines, by kind */
	expect(&p, "[image] The wall was breached in two places.");
	e2e_quit(&p, WAIT_MS);
	pty_free(&p);
	dirs_free(&d);
}

/* Search finds words in the feed's and the page's stories and n moves
 * between them. */
static void test_search(void **state)
{
	struct dirs d;
	struct pty p;
	(void)state;

	dirs_make(&d);
	start(&p, &d);
	expect(&p, e2e_story_of(1, 5));
	pty_send(&p, "/");
	pty_send(&p, "Porthmellin");
	expect(&p, "match 1 of 2 in 2 stories");
	pty_send(&p, "\r");
	pty_send(&p, "n");
	expect(&p, "match 2 of 2");
	expect(&p, e2e_story_of(5, 5));
	e2e_quit(&p, WAIT_MS);
	pty_free(&p);
	dirs_free(&d);
}

/* Read marks and the story reached survive a restart. */
static void test_state(void **state)
{
	struct dirs d;
	struct pty p;
	(void)state;

	dirs_make(&d);
	start(&p, &d);
	expect(&p, e2e_story_of(1, 5));
	assert_true(row_unread(&p, 1));		/* under the feed's heading */
	pty_send(&p, "\r");
	pty_send(&p, "J");
	expect(&p, e2e_story_of(2, 5));
	pty_send(&p, "J");
	expect(&p, e2e_story_of(3, 5));
	pty_settle(&p, 200, 2000);
	e2e_quit(&p, WAIT_MS);
	pty_free(&p);

	start(&p, &d);
	expect(&p, e2e_story_of(3, 5));
	expect(&p, "Just a line of plain text");
	pty_settle(&p, 200, 2000);
	assert_false(row_unread(&p, 1));
	assert_false(row_unread(&p, 2));
	assert_true(row_unread(&p, 4));
	e2e_quit(&p, WAIT_MS);
	pty_free(&p);
	dirs_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_titles_and_source),
		cmocka_unit_test(test_search),
		cmocka_unit_test(test_state),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
