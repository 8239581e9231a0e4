/* SPDX-License-Identifier: MIT */
/* test_state_ui.c - end-to-end tests of what the reader remembers and what
 * the user can change: read marks, resume, corrections, saving on every
 * way out and its failures, the configuration, and handing a story to a
 * command or a file.  Each test has its own state and config directories. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <setjmp.h>
#include <signal.h>
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
/* Longer than the reader's save debounce (2 s). */
#define AFTER_DEBOUNCE_US 3500000

/* The sample file. */
static const char *sample(void)
{
	static char buf[4096];
	const char *top = getenv("TOP_SRCDIR");

	snprintf(buf, sizeof buf, "%s/data/sample.txt", top ? top : ".");
	return buf;
}

/* Start tnews on the sample with the test's directories. */
static void start(struct pty *p, const struct dirs *d)
{
	const char *argv[] = { getenv("TNEWS"), sample(), NULL };

	assert_non_null(argv[0]);
	assert_int_equal(pty_start(p, 24, 80, argv, d->env, 0), 0);
}

/* Run a shell command with the test's directories; its first output line
 * (malloc'd, newline removed). */
static char *run(const struct dirs *d, const char *fmt, ...)
{
	char cmd[8192], line[4096] = "";
	va_list ap;
	FILE *f;
	int n;

	n = snprintf(cmd, sizeof cmd, "XDG_STATE_HOME='%s' XDG_CONFIG_HOME='%s' TNEWS_CONFIG= ",
		     d->state, d->config);
	va_start(ap, fmt);
	vsnprintf(cmd + n, sizeof cmd - (size_t)n, fmt, ap);
	va_end(ap);
	f = popen(cmd, "r");
	assert_non_null(f);
	if (!fgets(line, sizeof line, f))
		line[0] = '\0';
	while (fgetc(f) != EOF)
		;
	pclose(f);
	line[strcspn(line, "\n")] = '\0';
	return strdup(line);
}

/* The number of stories tnews --json finds in the sample (with the
 * test's saved corrections). */
static int json_stories(const struct dirs *d)
{
	char *s = run(d, "'%s' --json '%s' | grep -o '\"first_line\":' | wc -l", getenv("TNEWS"),
		      sample());
	int n = atoi(s);

	free(s);
	return n;
}

/* Whether tnews --json shows a story the user split. */
static int json_has(const struct dirs *d, const char *what)
{
	char *s = run(d, "'%s' --json '%s' | grep -c '%s'", getenv("TNEWS"), sample(), what);
	int n = atoi(s);

	free(s);
	return n > 0;
}

/* The first row of the reading pane: below the horizontal separator. */
static char *reader_top(struct pty *p)
{
	for (int r = 0; r + 1 < p->rows; r++)
		if (!strncmp(pty_row(p, r), "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80", 9))
			return strdup(pty_row(p, r + 1));
	return strdup("");
}

/* Whether list row r shows the unread mark. */
static int row_unread(struct pty *p, int r)
{
	return strstr(pty_row(p, r), "\xE2\x97\x8F") != NULL;
}

/* The state file of a test, read whole (malloc'd, NULL if missing). */
static char *state_file(const struct dirs *d, size_t *n)
{
	char path[256], *buf;
	FILE *f;
	long len;

	snprintf(path, sizeof path, "%s/tnews/state", d->state);
	f = fopen(path, "rb");
	if (!f)
		return NULL;
	fseek(f, 0, SEEK_END);
	len = ftell(f);
	fseek(f, 0, SEEK_SET);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	*n = fread(buf, 1, (size_t)len, f);
	buf[*n] = '\0';
	fclose(f);
	return buf;
}

/* Parse a state file: the header, then only known records or comments,
 * each ending in a newline; returns the number of lines starting with
 * the record type rec. */
static int state_records(const char *text, size_t n, const char *rec)
{
	static const char *const known[] = { "pos ", "split ", "join ", "read ", "unread ", "#" };
	const char *p = text, *end = text + n;
	int count = 0;

	assert_true(n > 0);
	assert_int_equal(text[n - 1], '\n');
	assert_memory_equal(text, "tnews-state 1\n", 14);
	p += 14;
	while (p < end) {
		const char *nl = memchr(p, '\n', (size_t)(end - p));
		int ok = 0;

		assert_non_null(nl);
		for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
			ok |= !strncmp(p, known[k], strlen(known[k]));
		if (!ok)
			fail_msg("not a state record: %.*s", (int)(nl - p), p);
		if (!strncmp(p, rec, strlen(rec)))
			count++;
		p = nl + 1;
	}
	return count;
}

/* Read stories 1, 2 and 3 (scrolled into 3), quit, reopen: the three are
 * marked read and the reader is back at the same story and paragraph. */
static void test_resume(void **state)
{
	struct dirs d;
	struct pty p;
	char *before, *after;
	(void)state;

	dirs_make(&d);
	start(&p, &d);
	expect(&p, " 1/10 ");
	assert_true(row_unread(&p, 0));
	pty_send(&p, "\r");
	pty_send(&p, "J");
	expect(&p, " 2/10 ");
	pty_send(&p, "J");
	expect(&p, " 3/10 ");
	for (int i = 0; i < 11; i++)	/* to a paragraph's first row */
		pty_send(&p, "j");
	expect(&p, "%");
	pty_settle(&p, 200, 2000);
	before = reader_top(&p);
	assert_true(strlen(before) > 0);
	quit_ok(&p);
	pty_free(&p);

	start(&p, &d);
	expect(&p, " 3/10 ");
	pty_settle(&p, 200, 2000);
	after = reader_top(&p);
	assert_false(row_unread(&p, 0));
	assert_false(row_unread(&p, 1));
	assert_false(row_unread(&p, 2));
	assert_true(row_unread(&p, 3));
	if (strcmp(before, after))	/* the same paragraph at the top */
		fail_msg("top was \"%s\", is \"%s\"", before, after);
	free(before);
	free(after);
	quit_ok(&p);
	pty_free(&p);
	dirs_free(&d);
}

/* SIGKILL while reading: the marks older than the debounce are kept and
 * the state file is whole. */
static void test_sigkill(void **state)
{
	struct dirs d;
	struct pty p;
	size_t n;
	char *text;
	(void)state;

	dirs_make(&d);
	start(&p, &d);
	expect(&p, " 1/10 ");
	pty_send(&p, "\rJ");
	expect(&p, " 2/10 ");
	pty_settle(&p, 200, 1000);
	usleep(AFTER_DEBOUNCE_US);
	pty_pump(&p, 100);
	kill(p.pid, SIGKILL);
	assert_true(pty_wait_exit(&p, WAIT_MS));
	assert_true(WIFSIGNALED(p.status));
	pty_free(&p);
	text = state_file(&d, &n);
	assert_non_null(text);
	assert_int_equal(state_records(text, n, "read "), 2);
	assert_int_equal(state_records(text, n, "pos "), 1);
	free(text);
	dirs_free(&d);
}

/* SIGHUP right after reading (before the debounce): the marks are saved. */
static void test_sighup(void **state)
{
	struct dirs d;
	struct pty p;
	size_t n;
	char *text;
	(void)state;

	dirs_make(&d);
	start(&p, &d);
	expect(&p, " 1/10 ");
	pty_send(&p, "\rJ");
	expect(&p, " 2/10 ");
	kill(p.pid, SIGHUP);
	assert_true(pty_wait_exit(&p, WAIT_MS));
	assert_true(WIFEXITED(p.status));
	assert_int_equal(WEXITSTATUS(p.status), 128 + SIGHUP);
	pty_free(&p);
	text = state_file(&d, &n);
	assert_non_null(text);
	assert_int_equal(state_records(text, n, "read "), 2);
	free(text);
	dirs_free(&d);
}

/* A state directory that cannot be written (read-only, or, for root, a
 * regular file where a directory should be): the status line says it
 * cannot save, and tnews keeps working; it exits 1 as the last save fails. */
static void test_unwritable(void **state)
{
	struct dirs d;
	struct pty p;
	char path[256];
	(void)state;

	dirs_make(&d);
	if (geteuid() != 0) {
		snprintf(path, sizeof path, "%s/tnews", d.state);
		assert_int_equal(mkdir(path, 0500), 0);
	} else {
		int fd;

		snprintf(path, sizeof path, "%s/file", d.state);
		fd = open(path, O_WRONLY | O_CREAT, 0600);
		assert_true(fd >= 0);
		close(fd);
		snprintf(d.env_state, sizeof d.env_state, "XDG_STATE_HOME=%s", path);
	}
	start(&p, &d);
	expect(&p, " 1/10 ");
	pty_send(&p, "\rJ");
	expect(&p, "cannot save");
	expect(&p, " 2/10 ");
	pty_send(&p, "J");
	expect(&p, " 3/10 ");
	pty_send(&p, "q");	/* the final save fails too: exit status 1 */
	assert_true(pty_wait_exit(&p, WAIT_MS));
	assert_true(WIFEXITED(p.status));
	assert_int_equal(WEXITSTATUS(p.status), 1);
	assert_int_equal(p.altscreen, 0);
	pty_free(&p);
	dirs_free(&d);
}

/* Marking a story unread survives reopening. */
static void test_toggle_unread(void **state)
{
	struct dirs d;
	struct pty p;
	(void)state;

	dirs_make(&d);
	start(&p, &d);
	expect(&p, " 1/10 ");
	pty_send(&p, "\rJ");
	expect(&p, " 2/10 ");
	pty_send(&p, "p");
	expect(&p, " 1/10 ");
	pty_send(&p, "m");
	expect(&p, "Marked unread");
	assert_true(row_unread(&p, 0));
	quit_ok(&p);
	pty_free(&p);
	start(&p, &d);
	expect(&p, " 1/10 ");
	pty_settle(&p, 200, 2000);
	assert_true(row_unread(&p, 0));
	assert_false(row_unread(&p, 1));
	pty_send(&p, "m");
	expect(&p, "Marked read");
	assert_false(row_unread(&p, 0));
	quit_ok(&p);
	pty_free(&p);
	dirs_free(&d);
}

/* Split, reopen: one more story, also in --json; join them again, reopen:
 * as before. */
static void test_split_join(void **state)
{
	struct dirs d;
	struct pty p;
	(void)state;

	dirs_make(&d);
	assert_int_equal(json_stories(&d), 10);
	start(&p, &d);
	expect(&p, " 1/10 ");
	pty_send(&p, "\r");
	for (int i = 0; i < 8; i++)
		pty_send(&p, "j");
	expect(&p, "%");
	pty_send(&p, "S");
	expect(&p, " 2/11 ");
	quit_ok(&p);
	pty_free(&p);
	assert_int_equal(json_stories(&d), 11);
	assert_true(json_has(&d, "split by you"));

	start(&p, &d);
	expect(&p, " 2/11 ");
	pty_send(&p, "p");			/* back to the first part */
	expect(&p, " 1/11 ");
	pty_send(&p, "M");
	expect(&p, " 1/10 ");
	quit_ok(&p);
	pty_free(&p);
	assert_int_equal(json_stories(&d), 10);

	start(&p, &d);
	expect(&p, " 1/10 ");
	pty_send(&p, "M");			/* join 1 and 2 of the parse */
	expect(&p, " 1/9 ");
	quit_ok(&p);
	pty_free(&p);
	assert_int_equal(json_stories(&d), 9);
	assert_true(json_has(&d, "joined by you"));
	dirs_free(&d);
}

/* Write the test's configuration file. */
static void write_config(const struct dirs *d, const char *text)
{
	char path[4300];
	FILE *f;

	snprintf(path, sizeof path, "%s/tnews", d->config);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/tnews/config", d->config);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(text, f);
	assert_int_equal(fclose(f), 0);
}

/* The row just below the stacked layout's separator, or -1. */
static int below_separator(struct pty *p)
{
	for (int r = 0; r + 1 < p->rows; r++)
		if (!strncmp(pty_row(p, r), "\xE2\x94\x80\xE2\x94\x80", 6))
			return r + 1;
	return -1;
}

/* A config file with a bind, an unbind, a colour and three mistakes: the
 * bind works, the help's first page lists the three errors with their
 * lines. */
static void test_config(void **state)
{
	static const char conf[] =
		"# a config\n"
		"bind x quit\n"
		"unbind q\n"
		"color title red default bold\n"
		"no-such-setting 1\n"
		"bind C-x no-such-action\n"
		"layout diagonal\n"
		"width 60\n";
	struct dirs d;
	struct pty p;
	(void)state;

	dirs_make(&d);
	write_config(&d, conf);
	start(&p, &d);
	expect(&p, "3 errors in the configuration");
	{	/* the header in the reading pane: red and bold, as the title is configured */
		int r = below_separator(&p), c = 0;
		VTermScreenCell cell;

		assert_true(r > 0);
		while (c < p.cols && pty_row(&p, r)[c] == ' ')
			c++;
		vterm_screen_get_cell(p.vs, (VTermPos){ .row = r, .col = c }, &cell);
		assert_true(cell.chars[0] == 'S');	/* "Story 1 of 10 ..." */
		assert_true(VTERM_COLOR_IS_INDEXED(&cell.fg));
		assert_int_equal(cell.fg.indexed.idx, 1);
		assert_true(cell.attrs.bold);
	}
	pty_send(&p, "q");			/* unbound */
	expect(&p, "Unknown key");
	pty_send(&p, "H");
	expect(&p, "tnews: keys");
	expect(&p, "Errors in the configuration (3):");	/* on the first page */
	expect(&p, "config:5:");
	expect(&p, "config:6:");
	expect(&p, "config:7:");
	pty_send(&p, "o");			/* closes the help */
	expect(&p, " 1/10 ");
	pty_send(&p, "x");			/* bound to quit */
	assert_true(pty_wait_exit(&p, WAIT_MS));
	assert_true(WIFEXITED(p.status));
	assert_int_equal(WEXITSTATUS(p.status), 0);
	pty_free(&p);
	dirs_free(&d);
}

/* s saves the story (asking before overwriting) and | pipes it to a
 * command: wc -w counts the words of what s saved. */
static void test_pipe_save(void **state)
{
	struct dirs d;
	struct pty p;
	char keys[512], *saved, *piped;
	(void)state;

	dirs_make(&d);
	start(&p, &d);
	expect(&p, " 1/10 ");
	snprintf(keys, sizeof keys, "s\x15%s/story.txt\r", d.config);	/* C-u: not the name offered */
	pty_send(&p, keys);
	expect(&p, "Saved to");
	pty_send(&p, keys);
	expect(&p, "overwrite? (y/n)");
	pty_send(&p, "n");
	expect(&p, "Not saved");
	pty_send(&p, keys);
	expect(&p, "overwrite? (y/n)");
	pty_send(&p, "y");
	expect(&p, "Saved to");
	snprintf(keys, sizeof keys, "|wc -w > %s/wc.txt\r", d.config);
	pty_send(&p, keys);
	expect(&p, "Press Enter");
	pty_send(&p, "\r");
	expect(&p, "Piped to");
	expect(&p, " 1/10 ");
	quit_ok(&p);
	pty_free(&p);
	saved = run(&d, "wc -w < '%s/story.txt'", d.config);
	piped = run(&d, "cat '%s/wc.txt'", d.config);
	assert_true(atoi(saved) > 100);
	assert_int_equal(atoi(saved), atoi(piped));
	free(saved);
	free(piped);
	saved = run(&d, "head -1 '%s/story.txt'", d.config);
	assert_non_null(strstr(saved, "Train drivers"));
	free(saved);
	dirs_free(&d);
}

/* The configuration's layout and mark-read settings take effect: side by
 * side even at 80 columns, and a story read only once its end is shown;
 * marked unread there, it stays unread while it is shown. */
static void test_config_layout_mark_end(void **state)
{
	static const char conf[] = "layout side\nmark-read end\n";
	struct dirs d;
	struct pty p;
	(void)state;

	dirs_make(&d);
	write_config(&d, conf);
	start(&p, &d);
	expect(&p, " 1/10 ");
	expect(&p, "\xE2\x94\x82");		/* a vertical separator: side by side */
	assert_true(row_unread(&p, 0));
	pty_send(&p, "\r");			/* open: not read yet */
	pty_settle(&p, 200, 3000);
	assert_true(row_unread(&p, 0));
	pty_send(&p, "G");			/* its end shown: read */
	pty_settle(&p, 200, 3000);
	assert_false(row_unread(&p, 0));
	assert_true(row_unread(&p, 1));
	pty_send(&p, "m");			/* unread again, its end still shown */
	expect(&p, "Marked unread");
	pty_settle(&p, 200, 3000);
	assert_true(row_unread(&p, 0));
	pty_send(&p, "kG");			/* held unread while it stays open */
	pty_settle(&p, 200, 3000);
	assert_true(row_unread(&p, 0));
	quit_ok(&p);
	pty_free(&p);
	dirs_free(&d);
}
/* Start tnews on the two dumps with shared stories (tests/data/fold_a.txt,
 * and with b fold_b.txt too), 40 rows so that the list shows them all. */
static void start_dumps(struct pty *p, const struct dirs *d, int b)
{
	static char fa[4096], fb[4096];
	const char *top = getenv("TOP_SRCDIR");
	const char *argv[] = { getenv("TNEWS"), fa, b ? fb : NULL, NULL };

	snprintf(fa, sizeof fa, "%s/tests/data/fold_a.txt", top ? top : ".");
	snprintf(fb, sizeof fb, "%s/tests/data/fold_b.txt", top ? top : ".");
	assert_non_null(argv[0]);
	assert_int_equal(pty_start(p, 40, 100, argv, d->env, 0), 0);
}

/* The row of the list (above the reading pane's separator) holding the
 * n-th (from 1) title with text, or -1. */
static int row_of(struct pty *p, const char *text, int n)
{
	for (int r = 0; r < p->rows; r++) {
		if (!strncmp(pty_row(p, r), "\xE2\x94\x80\xE2\x94\x80", 6))
			break;
		if (strstr(pty_row(p, r), text) && --n == 0)
			return r;
	}
	return -1;
}

/* The row of the reading pane (below the separator) holding text, or -1. */
static int pane_row_of(struct pty *p, const char *text)
{
	int r = 0;

	while (r < p->rows && strncmp(pty_row(p, r), "\xE2\x94\x80\xE2\x94\x80", 6))
		r++;
	for (; r < p->rows; r++)
		if (strstr(pty_row(p, r), text))
			return r;
	return -1;
}

/* Versions of one article across dumps: read two stories of the first
 * dump; with the second dump open too, each article is one row (its
 * newest version, marked x2), the identical copy of one is read, the
 * edited copy of the other is marked updated (↻) and says so when
 * opened, with its added paragraph marked + in the margin, and a story
 * read in neither is unread.  V and v step between the versions. */
static void test_versions(void **state)
{
	struct dirs d;
	struct pty p;
	int r;
	(void)state;

	dirs_make(&d);
	start_dumps(&p, &d, 0);
	expect(&p, " 1/5 ");
	pty_send(&p, "j");
	pty_send(&p, "\r");	/* Kestonbury, read on opening */
	expect(&p, " 2/5 ");
	pty_send(&p, "J");	/* the floods */
	expect(&p, " 3/5 ");
	pty_send(&p, "J");	/* the toads */
	expect(&p, " 4/5 ");
	quit_ok(&p);
	pty_free(&p);

	start_dumps(&p, &d, 1);
	expect(&p, "/8 ");		/* the rows: one per article */
	pty_settle(&p, 200, 2000);
	r = row_of(&p, "Residents of Ashworth", 1);	/* identical copy: read */
	assert_true(r >= 0);
	assert_int_equal(row_of(&p, "Residents of Ashworth", 2), -1);	/* one row */
	assert_false(row_unread(&p, r));
	assert_non_null(strstr(pty_row(&p, r), "\xC3\x97" "2"));
	r = row_of(&p, "Kestonbury Rovers came", 1);	/* edited copy: updated */
	assert_true(r >= 0);
	assert_int_equal(row_of(&p, "Kestonbury Rovers came", 2), -1);
	assert_non_null(strstr(pty_row(&p, r), "\xE2\x86\xBB Kestonbury"));
	assert_non_null(strstr(pty_row(&p, r), "\xC3\x97" "2"));
	assert_false(row_unread(&p, r));
	r = row_of(&p, "Marlbury City Council", 1);	/* read in neither: unread */
	assert_true(r >= 0);
	assert_true(row_unread(&p, r));
	assert_null(strstr(pty_row(&p, r), "\xC3\x97"));	/* one version */
	/* 8 story rows for 11 stories, under the files' headings: a's two
	 * stories not in b, then b's six */
	pty_send(&p, "g");
	expect(&p, " 1/8 ");
	pty_settle(&p, 200, 2000);
	assert_int_equal(row_of(&p, "fold_a.txt", 1), 0);
	assert_int_equal(row_of(&p, "Harrowgate", 1), 1);
	assert_int_equal(row_of(&p, "Pelham", 1), 2);
	assert_int_equal(row_of(&p, "fold_b.txt", 1), 3);
	assert_int_equal(row_of(&p, "Marlbury City", 1), 4);
	/* the headings count the rows under them: a's two unread; b's six,
	 * five of them unread or updated */
	assert_non_null(strstr(pty_row(&p, 0), "2/2"));
	assert_non_null(strstr(pty_row(&p, 3), "5/6"));
	pty_send(&p, "G");
	expect(&p, " 8/8 ");
	pty_settle(&p, 200, 2000);
	r = row_of(&p, "Upper Brackley", 1);
	assert_true(r >= 5);
	assert_non_null(strstr(pty_row(&p, r - 1), "natterjack"));
	assert_non_null(strstr(pty_row(&p, r - 2), "Port of Carrick"));
	assert_non_null(strstr(pty_row(&p, r - 3), "Kestonbury"));
	assert_non_null(strstr(pty_row(&p, r - 4), "Residents of Ashworth"));
	/* open the updated version: it says so, shows what was added, and is
	 * read from then on */
	pty_send(&p, "\x1b");
	pty_send(&p, "g");
	for (int i = 0; i < 4; i++)
		pty_send(&p, "j");
	expect(&p, " 5/8 ");
	expect(&p, "Story 5 of 8 ");
	pty_send(&p, "\r");
	expect(&p, "Updated since you read it");
	expect(&p, "Version 2 of 2 (newest)");
	expect(&p, "Updated since you read version 1: 1 paragraph added");
	r = pane_row_of(&p, "Rovers had not won");
	assert_true(r >= 0);
	assert_non_null(strstr(pty_row(&p, r), " + Rovers had not won"));
	r = pane_row_of(&p, "Millford led at");
	assert_true(r >= 0);
	assert_null(strstr(pty_row(&p, r), "+"));	/* kept paragraphs unmarked */
	/* V: the older version, with the files it is in; v: back */
	pty_send(&p, "V");
	expect(&p, "Version 1 of 2 \xC2\xB7 in fold_a.txt, fold_b.txt");
	expect(&p, " 5/8 ");		/* the article's row still */
	assert_int_equal(pane_row_of(&p, "Rovers had not won"), -1);
	pty_send(&p, "V");
	expect(&p, "This is the oldest version");
	pty_send(&p, "v");
	expect(&p, " 5/8 ");
	pty_send(&p, "=");		/* = counts as the list does */
	expect(&p, "(story 5 of 8, lines");
	expect(&p, " + Rovers had not won");
	pty_send(&p, "\x1b");
	pty_settle(&p, 200, 2000);
	r = row_of(&p, "Kestonbury Rovers came", 1);
	assert_true(r >= 0);
	assert_null(strstr(pty_row(&p, r), "\xE2\x86\xBB"));
	/* the toads lost a paragraph: listed at the end, marked - */
	pty_send(&p, "g");
	for (int i = 0; i < 6; i++)
		pty_send(&p, "j");
	expect(&p, " 7/8 ");
	pty_send(&p, "\r");
	expect(&p, "1 paragraph removed");
	expect(&p, "Removed since the version you read:");
	r = pane_row_of(&p, "It was the last thing we expected");
	assert_true(r > pane_row_of(&p, "Removed since the version you read:"));
	assert_non_null(strstr(pty_row(&p, r), " - \"It was the last thing"));
	quit_ok(&p);
	pty_free(&p);
	dirs_free(&d);
}

/* Start tnews on tests/data/fold_first_old.txt: Kestonbury (an older
 * version), Harrowgate, Kestonbury again (the newest: a paragraph added). */
static void start_first_old(struct pty *p, const struct dirs *d)
{
	static char f[4096];
	const char *top = getenv("TOP_SRCDIR");
	const char *argv[] = { getenv("TNEWS"), f, NULL };

	snprintf(f, sizeof f, "%s/tests/data/fold_first_old.txt", top ? top : ".");
	assert_non_null(argv[0]);
	assert_int_equal(pty_start(p, 24, 100, argv, d->env, 0), 0);
}

/* With no saved place and an older version of an article first in the
 * file, the reader starts on the top row (the other story, shown) and
 * Enter opens it; the article's row opens its newest version; and a
 * place saved on that article is where the next start is. */
static void test_first_old_version(void **state)
{
	struct dirs d;
	struct pty p;

	(void)state;
	dirs_make(&d);
	start_first_old(&p, &d);
	expect(&p, " 1/2 ");
	pty_settle(&p, 200, 2000);
	assert_true(pane_row_of(&p, "Harrowgate Building Society") >= 0);
	assert_int_equal(pane_row_of(&p, "Kestonbury"), -1);
	pty_send(&p, "\r");
	pty_settle(&p, 200, 2000);
	expect(&p, " 1/2 ");
	assert_true(pane_row_of(&p, "Harrowgate Building Society") >= 0);
	pty_send(&p, "\x1b");
	pty_send(&p, "j");
	expect(&p, " 2/2 ");
	pty_send(&p, "\r");
	expect(&p, "Version 2 of 2 (newest)");
	expect(&p, "Rovers had not won");
	quit_ok(&p);
	pty_free(&p);
	start_first_old(&p, &d);	/* the place saved: the article's */
	expect(&p, " 2/2 ");
	expect(&p, "Rovers had not won");
	quit_ok(&p);
	pty_free(&p);
	dirs_free(&d);
}

/* m marks the selected article read and unread again, its row and the
 * other's as they should be, and the marks are kept for the next start. */
static void test_mark_versions(void **state)
{
	struct dirs d;
	struct pty p;

	(void)state;
	dirs_make(&d);
	start_first_old(&p, &d);
	expect(&p, " 1/2 ");
	pty_send(&p, "j");
	expect(&p, " 2/2 ");
	pty_send(&p, "m");
	expect(&p, "Marked read");
	pty_settle(&p, 200, 2000);
	assert_false(row_unread(&p, row_of(&p, "Kestonbury", 1)));
	assert_true(row_unread(&p, row_of(&p, "Harrowgate", 1)));
	pty_send(&p, "m");
	expect(&p, "Marked unread");
	pty_settle(&p, 200, 2000);
	assert_true(row_unread(&p, row_of(&p, "Kestonbury", 1)));
	assert_null(strstr(pty_row(&p, row_of(&p, "Kestonbury", 1)), "\xE2\x86\xBB"));
	pty_send(&p, "k");
	expect(&p, " 1/2 ");
	pty_send(&p, "m");
	expect(&p, "Marked read");
	pty_settle(&p, 200, 2000);
	assert_false(row_unread(&p, row_of(&p, "Harrowgate", 1)));
	assert_true(row_unread(&p, row_of(&p, "Kestonbury", 1)));
	quit_ok(&p);
	pty_free(&p);
	start_first_old(&p, &d);
	expect(&p, " 1/2 ");
	pty_settle(&p, 200, 2000);
	assert_false(row_unread(&p, row_of(&p, "Harrowgate", 1)));
	assert_true(row_unread(&p, row_of(&p, "Kestonbury", 1)));
	quit_ok(&p);
	pty_free(&p);
	dirs_free(&d);
}

/* Searching and filtering two dumps with shared stories: a search counts
 * an article once however many of its versions match, and says when the
 * match is in an older version; the filter keeps an article whose older
 * version matches (its row marked x2<) and counts articles. */
static void test_versions_search(void **state)
{
	struct dirs d;
	struct pty p;
	int r;
	(void)state;

	dirs_make(&d);
	start_dumps(&p, &d, 1);
	expect(&p, "/8 ");		/* the rows: one per article */
	pty_settle(&p, 200, 2000);
	/* Amoako: in both versions of the match report, one article */
	pty_send(&p, "/Amoako\r");
	expect(&p, " in 1 story");
	pty_send(&p, "\x1b");
	pty_send(&p, "g");
	expect(&p, " 1/8 ");
	/* "bare sand": only in the toads' first version, since removed */
	pty_send(&p, "/bare sand\r");
	expect(&p, "(in version 1 of 2)");
	expect(&p, " 7/8 ");		/* the toads' row */
	pty_send(&p, "\x1b");
	/* the filter keeps the toads' article, by its newest row */
	pty_send(&p, "\\bare sand\r");
	expect(&p, "(1 of 8 stories)");
	expect(&p, " 1/1 ");
	pty_settle(&p, 200, 2000);
	r = row_of(&p, "natterjack", 1);
	assert_true(r >= 0);
	assert_non_null(strstr(pty_row(&p, r), "\xC3\x97" "2<"));
	assert_int_equal(row_of(&p, "Kestonbury", 1), -1);
	quit_ok(&p);
	pty_free(&p);
	dirs_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_resume),
		cmocka_unit_test(test_sigkill),
		cmocka_unit_test(test_sighup),
		cmocka_unit_test(test_unwritable),
		cmocka_unit_test(test_toggle_unread),
		cmocka_unit_test(test_split_join),
		cmocka_unit_test(test_config),
		cmocka_unit_test(test_config_layout_mark_end),
		cmocka_unit_test(test_pipe_save),
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_first_old_version),
		cmocka_unit_test(test_mark_versions),
		cmocka_unit_test(test_versions_search),
	};

	signal(SIGPIPE, SIG_IGN);
	/* each test names its own directories in the child's environment */
	unsetenv("XDG_STATE_HOME");
	unsetenv("XDG_CONFIG_HOME");
	unsetenv("TNEWS_CONFIG");
	return cmocka_run_group_tests(tests, NULL, NULL);
}
