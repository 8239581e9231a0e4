/* SPDX-License-Identifier: MIT */
/* test_load.c - end-to-end tests of progressive loading: on a long dump
 * (the sample many times over, written here) the reader shows its first
 * screen while it still parses, takes keys meanwhile, and ends with the
 * stories tnews --list finds, the last one reachable and searchable */
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

/* Quit with q: exit status 0, the terminal restored. */
static void quit_ok(struct pty *p)
{
	e2e_quit(p, WAIT_MS);
}
/* Parsing the whole dump, under sanitizers on a busy machine. */
#define LOAD_MS 120000
/* Copies of the sample in the dump: about 33 MB, several windows. */
#define COPIES 1600
/* A word only the last story has. */
#define WORD "quorblewick"

/* The temporary directory and the dump in it. */
static char dir[4096], dump[4200];

static const char *const env_nostate[] = { "LC_ALL=C.UTF-8", NULL };

/* Write the sample COPIES times, then a story of its own with WORD. */
static int make_dump(void **state)
{
	const char *top = getenv("TOP_SRCDIR");
	char path[4096], *buf;
	FILE *in, *out;
	size_t n;

	(void)state;
	snprintf(dir, sizeof dir, "%s/tnews-load-XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(path, sizeof path, "%s/data/sample.txt", top ? top : ".");
	snprintf(dump, sizeof dump, "%s/dump.txt", dir);
	in = fopen(path, "rb");
	out = fopen(dump, "wb");
	if (!in || !out)
		return -1;
	buf = malloc(1 << 20);
	n = fread(buf, 1, 1 << 20, in);
	fclose(in);
	for (int i = 0; i < COPIES; i++) {
		fwrite(buf, 1, n, out);
		fputs("\n", out);	/* the sample ends without a newline */
	}
	free(buf);
	/* one paragraph: in the last story, however it is segmented */
	fputs("The " WORD " festival closed on Sunday after four days in which more "
	      "than forty thousand people came to the old harbour, the organisers "
	      "said, the largest crowd since the event began twenty years ago, and "
	      "stalls along the quay sold out by the second afternoon.\n", out);
	return fclose(out) == 0 ? 0 : -1;
}

/* Remove the dump and whatever the state tests left in the directory. */
static int remove_dump(void **state)
{
	char cmd[8192];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	return system(cmd) == 0 ? 0 : -1;
}

/* The lines tnews --no-state --list opts prints for the dump; the
 * command must exit 0. */
static int count_list_lines(const char *opts)
{
	char cmd[8192], line[4096];
	FILE *f;
	int n = 0;

	snprintf(cmd, sizeof cmd, "'%s' --no-state --list %s '%s'", getenv("TNEWS"), opts, dump);
	f = popen(cmd, "r");
	assert_non_null(f);
	while (fgets(line, sizeof line, f))
		n++;
	assert_int_equal(pclose(f), 0);
	return n;
}

/* The number of stories tnews --list finds in the dump. */
static int count_stories(void)
{
	static int n;

	if (!n)
		n = count_list_lines("");
	return n;
}

/* The story the list's first row shows once all is loaded: the newest
 * version of the first article (the copies of the sample fold), the
 * first story tnews --list --latest prints. */
static int first_row_story(void)
{
	char cmd[8192], line[4096];
	FILE *f;
	int i;

	snprintf(cmd, sizeof cmd, "'%s' --no-state --list --latest '%s'", getenv("TNEWS"), dump);
	f = popen(cmd, "r");
	assert_non_null(f);
	assert_non_null(fgets(line, sizeof line, f));
	i = atoi(line);
	while (fgets(line, sizeof line, f))
		;
	assert_int_equal(pclose(f), 0);
	return i;
}

/* The title (fourth field) of line k of tnews --no-state --list opts, in
 * t (empty when there are fewer lines). */
static void list_title(const char *opts, int k, char *t, size_t size)
{
	char cmd[8192], line[4096], *f;
	FILE *p;
	int i = 0;

	snprintf(cmd, sizeof cmd, "'%s' --no-state --list %s '%s'", getenv("TNEWS"), opts, dump);
	p = popen(cmd, "r");
	assert_non_null(p);
	t[0] = '\0';
	while (fgets(line, sizeof line, p))
		if (++i == k && (f = strchr(line, '\t')) && (f = strchr(f + 1, '\t'))
		    && (f = strchr(f + 1, '\t')))
			snprintf(t, size, "%s", f + 1);
	assert_int_equal(pclose(p), 0);
}

/* The row, once the copies fold, of the article story k of the whole
 * parse is a version of: the row --list --latest prints with its title
 * (where the sample's articles come depends on how the copies' joins
 * are parsed, so the test asks tnews rather than assuming the order). */
static int row_of_story(int k)
{
	char want[4096], t[4096];

	list_title("", k, want, sizeof want);
	assert_true(want[0] != '\0');
	for (int r = 1;; r++) {
		list_title("--latest", r, t, sizeof t);
		assert_true(t[0] != '\0');	/* the article has a row */
		if (!strcmp(t, want))
			return r;
	}
}

/* The rows of the list once the copies fold: the articles, as many as
 * tnews --list --latest prints. */
static int count_rows(void)
{
	static int n;

	if (!n)
		n = count_list_lines("--latest");
	return n;
}

/* Wait until the status line shows story i of n or, the copies folded
 * by then, row j of the rows. */
static void expect_story_or_row(struct pty *p, int i, int n, int j)
{
	char a[32], b[32];
	long end = pty_now_ms() + LOAD_MS;

	snprintf(a, sizeof a, "%s", e2e_story_of(i, n));
	snprintf(b, sizeof b, "%s", e2e_story_of(j, count_rows()));
	while (pty_now_ms() < end) {
		if (pty_wait_text(p, a, 50) || pty_wait_text(p, b, 50))
			return;
	}
	e2e_fail_screen(p, "neither count on the status line");
}

/* Start tnews on the dump at 80x24, with more arguments and env. */
static void start(struct pty *p, const char *opt, const char *const env[])
{
	const char *argv[] = { getenv("TNEWS"), opt, dump, NULL };

	if (!opt) {
		argv[1] = dump;
		argv[2] = NULL;
	}
	assert_non_null(argv[0]);
	assert_int_equal(pty_start(p, 24, 80, argv, env, 0), 0);
}

/* The first screen shows while the rest is parsed; keys work meanwhile;
 * at the end the list has every story (one row per article: g reaches the
 * first article's newest copy), G reaches the last and a search finds
 * the word only the last story has. */
static void test_progressive(void **state)
{
	struct pty p;
	int n = count_stories();
	(void)state;

	assert_true(n > COPIES);
	start(&p, "--no-state", env_nostate);
	e2e_expect(&p, "loading", WAIT_MS);
	pty_send(&p, "J");
	e2e_expect(&p, " 2/", WAIT_MS);
	assert_true(pty_wait_gone(&p, "loading", LOAD_MS));
	/* folded: one row per article, the row of the second story's article */
	assert_true(count_rows() < n);
	e2e_expect(&p, e2e_story_of(row_of_story(2), count_rows()), LOAD_MS);
	pty_send(&p, "G");
	e2e_expect(&p, e2e_story_of(count_rows(), count_rows()), WAIT_MS);
	pty_send(&p, "g");
	assert_true(first_row_story() > 1);	/* the first article's newest copy */
	e2e_expect(&p, e2e_story_of(1, count_rows()), WAIT_MS);
	e2e_expect(&p, "Story 1 of ", WAIT_MS);
	pty_send(&p, "/" WORD "\r");
	e2e_expect(&p, e2e_story_of(count_rows(), count_rows()), LOAD_MS);
	e2e_expect(&p, WORD, WAIT_MS);
	quit_ok(&p);
	pty_free(&p);
}

/* A search typed while loading finds nothing beyond the stories so far
 * (and does not crash); n after loading finds the last story's word. */
static void test_search_while_loading(void **state)
{
	struct pty p;
	int n = count_stories();
	(void)state;

	start(&p, "--no-state", env_nostate);
	e2e_expect(&p, "loading", WAIT_MS);
	pty_send(&p, "/" WORD);
	e2e_expect(&p, "/" WORD, WAIT_MS);	/* the prompt hides the status line */
	pty_send(&p, "\r");
	assert_true(pty_wait_gone(&p, "/" WORD, WAIT_MS));
	assert_true(pty_wait_gone(&p, "loading", LOAD_MS));
	pty_send(&p, "n");
	expect_story_or_row(&p, n, n, count_rows());
	e2e_expect(&p, WORD, WAIT_MS);
	quit_ok(&p);
	pty_free(&p);
}

/* The place to resume at comes with a later window: the reader goes
 * there when it is parsed. */
static void test_resume_later(void **state)
{
	struct pty p;
	char st[4300], cf[4300];
	const char *const *env = env_nostate;
	int n = count_stories();
	(void)state;

	/* our own state (the harness passes the environment on first) */
	snprintf(st, sizeof st, "%s/state", dir);
	snprintf(cf, sizeof cf, "%s/config", dir);
	setenv("XDG_STATE_HOME", st, 1);
	setenv("XDG_CONFIG_HOME", cf, 1);
	start(&p, NULL, env);
	e2e_expect(&p, "loading", WAIT_MS);
	assert_true(pty_wait_gone(&p, "loading", LOAD_MS));
	pty_send(&p, "G");
	expect_story_or_row(&p, n, n, count_rows());
	pty_send(&p, "\rG");	/* read it to its end */
	e2e_expect(&p, WORD, WAIT_MS);
	pty_settle(&p, 100, WAIT_MS);
	quit_ok(&p);
	pty_free(&p);

	start(&p, NULL, env);
	e2e_expect(&p, "loading", WAIT_MS);
	expect_story_or_row(&p, n, n, count_rows());
	e2e_expect(&p, WORD, WAIT_MS);
	quit_ok(&p);
	pty_free(&p);
}

/* Opened again with its parse cached: every story at once, G reaches the
 * last before anything else is done; the versions of an article are
 * folded once keys pause (g then reaches the first article's newest
 * copy). */
static void test_reopen_cached(void **state)
{
	struct pty p;
	char cache[4300], cmd[12000];
	const char *env[] = { "LC_ALL=C.UTF-8", cache, NULL };
	int n = count_stories();
	(void)state;

	snprintf(cache, sizeof cache, "XDG_CACHE_HOME=%s/cache", dir);
	snprintf(cmd, sizeof cmd, "%s '%s' --no-state --list '%s' >/dev/null", cache,
		 getenv("TNEWS"), dump);
	assert_int_equal(system(cmd), 0);	/* the parse cached */
	start(&p, "--no-state", env);
	expect_story_or_row(&p, 1, n, 1);
	assert_null(strstr(pty_row(&p, 23), "loading"));
	pty_send(&p, "G");
	expect_story_or_row(&p, n, n, count_rows());
	e2e_expect(&p, "\xC3\x97", WAIT_MS);	/* keys pause: the copies fold (x1600) */
	pty_send(&p, "g");
	e2e_expect(&p, e2e_story_of(1, count_rows()), WAIT_MS);
	quit_ok(&p);
	pty_free(&p);
}

/* What = says of the place shown: the physical line at the top of the
 * reading pane, the byte offset of that place, and the number of rows
 * ("story i of N"); the status row is read when it shows "), byte". */
struct where {
	unsigned long line;
	size_t byte, total;	/* "byte X of total" */
	int at, of;
	int loading;		/* the status line said it was still loading */
};

/* Press = and read what it says once it says want. */
static struct where where_now(struct pty *p, const char *want)
{
	struct where w = { 0 };
	const char *row, *l, *s, *b;

	pty_send(p, "=");
	e2e_expect(p, want, WAIT_MS);
	row = pty_row(p, 23);
	w.loading = strstr(row, "loading") != NULL;
	l = strstr(row, " line ");
	s = strstr(row, "(story ");
	b = strstr(row, "), byte ");
	assert_non_null(l);
	assert_non_null(s);
	assert_non_null(b);
	w.line = strtoul(l + 6, NULL, 10);
	assert_int_equal(sscanf(s, "(story %d of %d", &w.at, &w.of), 2);
	w.byte = (size_t)strtoull(b + 8, NULL, 10);
	assert_non_null(strstr(b + 8, " of "));
	w.total = (size_t)strtoull(strstr(b + 8, " of ") + 4, NULL, 10);
	return w;
}

/* A long dump is shown first from a parse of its beginning, with keys
 * working while the rest is read; once it is read the list has the
 * whole parse's rows and the place shown is the same: the same line at
 * the top of the same story, the same byte of the file. */
static void test_provisional_place(void **state)
{
	struct pty p;
	struct where before, after;
	char want[64];
	const char *argv[] = { getenv("TNEWS"), "--no-state", dump, NULL };
	(void)state;

	/* wide: = says it all on the status line */
	assert_int_equal(pty_start(&p, 24, 200, argv, env_nostate, 0), 0);
	e2e_expect(&p, "loading", WAIT_MS);
	e2e_expect(&p, " 1/", WAIT_MS);		/* stories on the first screen */
	assert_true(strlen(pty_row(&p, 0)) > 10);
	pty_send(&p, "JJJ\r");			/* the fourth story, read */
	e2e_expect(&p, " 4/", WAIT_MS);
	pty_send(&p, "jjjjj");			/* five rows into it */
	pty_settle(&p, 100, WAIT_MS);
	before = where_now(&p, "(story 4 of ");
	assert_int_equal(before.at, 4);
	if (before.loading)			/* the rest is still to come */
		assert_true(before.of < count_stories());
	assert_true(pty_wait_gone(&p, "loading", LOAD_MS));
	snprintf(want, sizeof want, "(story %d of %d, ", row_of_story(4), count_rows());
	after = where_now(&p, want);
	assert_false(after.loading);
	assert_int_equal(after.of, count_rows());	/* the whole parse's rows */
	assert_int_equal(after.at, row_of_story(4));
	assert_int_equal(after.line, before.line);
	assert_int_equal(after.byte, before.byte);
	/* the whole file's text, also while only its first part was parsed */
	assert_int_equal(after.total, before.total);
	assert_true(after.total > (size_t)1 << 20);
	quit_ok(&p);
	pty_free(&p);
}

/* G in the list while the rest is read: the last story so far, and the
 * last of all once it is read (no key pressed since). */
static void test_bottom_while_loading(void **state)
{
	struct pty p;
	(void)state;

	start(&p, "--no-state", env_nostate);
	e2e_expect(&p, "loading", WAIT_MS);
	pty_send(&p, "G");
	assert_true(pty_wait_gone(&p, "loading", LOAD_MS));
	expect_story_or_row(&p, count_stories(), count_stories(), count_rows());
	quit_ok(&p);
	pty_free(&p);
}

/* Quitting while the rest is read: at once, the terminal restored (the
 * thread is stopped and waited for). */
static void test_quit_while_loading(void **state)
{
	struct pty p;
	(void)state;

	start(&p, "--no-state", env_nostate);
	e2e_expect(&p, "loading", WAIT_MS);
	quit_ok(&p);
	pty_free(&p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_progressive),
		cmocka_unit_test(test_search_while_loading),
		cmocka_unit_test(test_resume_later),
		cmocka_unit_test(test_reopen_cached),
		cmocka_unit_test(test_provisional_place),
		cmocka_unit_test(test_bottom_while_loading),
		cmocka_unit_test(test_quit_while_loading),
	};

	return cmocka_run_group_tests(tests, make_dump, remove_dump);
}
