/* SPDX-License-Identifier: MIT */
/* test_ending.c - end-to-end tests of how tnews ends when the world goes
 * away: the terminal dropped right after a key (SIGHUP, then the line
 * closing a few ms later) keeps the change; a hang-up or TERM while a
 * piped command runs ends the command's whole process group and tnews
 * within a second, with the state saved; a final save that fails is said
 * on stderr after the terminal is back, with exit status 1. */
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
/* Runs of the drop test: all must keep the change. */
#define DROP_RUNS 20
/* Read marks in the state file of a long-time reader (years of stories):
 * its save takes long enough for a second signal to land in it. */
#define OLD_MARKS 100000

/* Start tnews on the sample with the test's directories. */
static void start(struct pty *p, const struct dirs *d)
{
	static char sample[4096];
	const char *top = getenv("TOP_SRCDIR");
	const char *argv[] = { getenv("TNEWS"), sample, NULL };

	snprintf(sample, sizeof sample, "%s/data/sample.txt", top ? top : ".");
	assert_non_null(argv[0]);
	assert_int_equal(pty_start(p, 24, 80, argv, d->env, 0), 0);
}

/* The number of lines of the test's state file starting with rec (-1
 * when there is no state file). */
static int records(const struct dirs *d, const char *rec)
{
	char path[256], line[4096];
	FILE *f;
	int n = 0;

	snprintf(path, sizeof path, "%s/tnews/state", d->state);
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(line, sizeof line, f))
		n += !strncmp(line, rec, strlen(rec));
	fclose(f);
	return n;
}

/* Write the state file of a long-time reader: OLD_MARKS read marks. */
static void old_state(const struct dirs *d)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof path, "%s/tnews", d->state);
	assert_int_equal(mkdir(path, 0700), 0);
	snprintf(path, sizeof path, "%s/tnews/state", d->state);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("tnews-state 1\n", f);
	for (unsigned i = 0; i < OLD_MARKS; i++)
		fprintf(f, "read %u %016x%016x\n", 1700000000u + i, i * 2654435761u, i);
	assert_int_equal(fclose(f), 0);
}

/* Open the first story and go to the second: two stories read and a
 * position, none saved yet (the debounce is 2 s). */
static void read_two(struct pty *p)
{
	e2e_expect(p, " 1/10 ", WAIT_MS);
	pty_send(p, "\rJ");
	e2e_expect(p, " 2/10 ", WAIT_MS);
}

/* The terminal drops right after a key, as over SSH: SIGHUP, and 5 ms
 * later the line closes (the kernel's SIGHUP, EOF).  Every run keeps
 * the change. */
static void test_drop_after_key(void **state)
{
	int lost = 0;
	(void)state;

	for (int run = 0; run < DROP_RUNS; run++) {
		struct dirs d;
		struct pty p;
		int n;

		dirs_make(&d);
		old_state(&d);
		start(&p, &d);
		read_two(&p);
		kill(p.pid, SIGHUP);
		usleep(5000);
		pty_hangup(&p);
		assert_true(pty_wait_exit(&p, WAIT_MS));
		n = records(&d, "read ");
		if (n != OLD_MARKS + 2 || records(&d, "pos ") != 1) {
			print_message("# run %d: %d read marks saved, %s\n", run + 1, n,
				      WIFSIGNALED(p.status) ? "killed by a signal" : "exited");
			lost++;
		}
		pty_free(&p);
		dirs_free(&d);
	}
	print_message("# drop after a key: %d of %d runs kept the change\n",
		      DROP_RUNS - lost, DROP_RUNS);
	assert_int_equal(lost, 0);
}

/* Whether process pid is gone (or a zombie no one has reaped yet). */
static int gone(pid_t pid)
{
	char path[64], buf[512];
	FILE *f;
	char *rp;
	int z;

	if (kill(pid, 0) < 0 && errno == ESRCH)
		return 1;
	snprintf(path, sizeof path, "/proc/%ld/stat", (long)pid);
	f = fopen(path, "r");
	if (!f)
		return 1;
	z = fgets(buf, sizeof buf, f) && (rp = strrchr(buf, ')')) && rp[1] == ' ' &&
	    rp[2] == 'Z';
	fclose(f);
	return z;
}

/* Read a pid the piped command wrote to file, waiting for it. */
static pid_t read_pid(const char *file)
{
	for (int i = 0; i < WAIT_MS / 10; i++) {
		FILE *f = fopen(file, "r");
		long v = 0;
		int ok = f && fscanf(f, "%ld", &v) == 1;

		if (f)
			fclose(f);
		if (ok && v > 0)
			return (pid_t)v;
		usleep(10000);
	}
	fail_msg("the piped command did not write %s", file);
	return -1;
}

/* Pipe a story to a command that runs a long sleep in the background of
 * its shell (a grandchild of tnews), then end the terminal's way (sig 0:
 * the line closes) or with sig: tnews and both processes are gone within
 * the limit, with the change made before saved. */
static void pipe_then_end(int sig)
{
	struct dirs d;
	struct pty p;
	char keys[1024], sh_file[256], sleep_file[256];
	pid_t sh, sl;
	long t0, ms;

	dirs_make(&d);
	snprintf(sh_file, sizeof sh_file, "%s/sh.pid", d.config);
	snprintf(sleep_file, sizeof sleep_file, "%s/sleep.pid", d.config);
	start(&p, &d);
	read_two(&p);
	snprintf(keys, sizeof keys, "|sleep 30 & echo $! >%s; echo $$ >%s; wait\r",
		 sleep_file, sh_file);
	pty_send(&p, keys);
	sl = read_pid(sleep_file);
	sh = read_pid(sh_file);
	pty_pump(&p, 100);
	assert_false(gone(sl));
	assert_false(gone(sh));
	t0 = pty_now_ms();
	if (sig)
		kill(p.pid, sig);
	else
		pty_hangup(&p);
	assert_true(pty_wait_exit(&p, WAIT_MS));
	ms = pty_now_ms() - t0;
	print_message("# %s during | sleep: tnews gone after %ld ms\n",
		      sig ? "a signal" : "a hang-up", ms);
	/* the issue asks for 1 s; allow a slow, busy machine some more */
	assert_true(ms < 3000);
	assert_true(WIFEXITED(p.status));
	if (sig)
		assert_int_equal(WEXITSTATUS(p.status), 128 + sig);
	for (int i = 0; i < 100 && !(gone(sh) && gone(sl)); i++)
		usleep(10000);
	assert_true(gone(sh));
	assert_true(gone(sl));
	assert_int_equal(records(&d, "read "), 2);
	assert_int_equal(records(&d, "pos "), 1);
	pty_free(&p);
	dirs_free(&d);
}

/* The terminal dies while a story is piped to a command. */
static void test_pipe_hangup(void **state)
{
	(void)state;
	pipe_then_end(0);
}

/* SIGTERM while a story is piped to a command. */
static void test_pipe_term(void **state)
{
	(void)state;
	pipe_then_end(SIGTERM);
}

/* SIGHUP while a story is piped to a command (the terminal stays). */
static void test_pipe_sighup(void **state)
{
	(void)state;
	pipe_then_end(SIGHUP);
}

/* The first line of file (static, newline removed; "" if none). */
static const char *first_line(const char *file)
{
	static char line[256];
	FILE *f = fopen(file, "r");

	line[0] = '\0';
	if (f) {
		if (!fgets(line, sizeof line, f))
			line[0] = '\0';
		fclose(f);
	}
	line[strcspn(line, "\n")] = '\0';
	return line;
}

/* The piped command has the terminal while it runs: it reads a line from
 * it; stopped with Ctrl-Z (under a job-control shell) and continued, it
 * has it again. */
static void test_pipe_terminal(void **state)
{
	struct dirs d;
	struct pty p;
	char keys[1024], out[256];
	const char *argv[3] = { getenv("TNEWS"), NULL, NULL };
	static char sample[4096];
	const char *top = getenv("TOP_SRCDIR");
	(void)state;

	dirs_make(&d);
	snprintf(out, sizeof out, "%s/out", d.config);
	snprintf(sample, sizeof sample, "%s/data/sample.txt", top ? top : ".");
	argv[1] = sample;
	assert_int_equal(pty_start(&p, 24, 80, argv, d.env, 1), 0);
	e2e_expect(&p, " 1/10 ", WAIT_MS);
	snprintf(keys, sizeof keys, "|echo ready; read x </dev/tty; echo \"[$x]\" >%s\r", out);
	pty_send(&p, keys);
	e2e_expect(&p, "ready", WAIT_MS);
	pty_send(&p, "\x1a");			/* Ctrl-Z: the command stops */
	e2e_expect(&p, "[tnews stopped]", WAIT_MS);
	pty_send(&p, "\r");			/* the shell continues the job */
	pty_settle(&p, 300, 2000);
	pty_send(&p, "hello\r");		/* read by the command */
	e2e_expect(&p, "Press Enter", WAIT_MS);
	assert_string_equal(first_line(out), "[hello]");
	pty_send(&p, "\r");
	e2e_expect(&p, "Piped to", WAIT_MS);
	e2e_quit(&p, WAIT_MS);
	pty_free(&p);
	dirs_free(&d);
}

/* The final save fails (the state directory replaced by a file while
 * tnews runs): exit status 1, and the reason on the restored terminal. */
static void test_final_save_fails(void **state)
{
	struct dirs d;
	struct pty p;
	char dir[256], moved[300];
	char *screen;
	int fd;
	(void)state;

	dirs_make(&d);
	start(&p, &d);
	read_two(&p);
	snprintf(dir, sizeof dir, "%s/tnews", d.state);
	snprintf(moved, sizeof moved, "%s/moved", d.state);
	if (rename(dir, moved) < 0)
		assert_int_equal(errno, ENOENT);	/* not made yet */
	fd = open(dir, O_WRONLY | O_CREAT | O_EXCL, 0600);
	assert_true(fd >= 0);
	close(fd);
	pty_send(&p, "q");
	assert_true(pty_wait_exit(&p, WAIT_MS));
	assert_true(WIFEXITED(p.status));
	assert_int_equal(WEXITSTATUS(p.status), 1);
	assert_int_equal(p.altscreen, 0);
	screen = pty_screen(&p);
	if (!strstr(screen, "tnews: "))
		fail_msg("no message on the restored terminal:\n%s", screen);
	free(screen);
	pty_free(&p);
	dirs_free(&d);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_drop_after_key),
		cmocka_unit_test(test_pipe_hangup),
		cmocka_unit_test(test_pipe_term),
		cmocka_unit_test(test_pipe_sighup),
		cmocka_unit_test(test_pipe_terminal),
		cmocka_unit_test(test_final_save_fails),
	};

	signal(SIGPIPE, SIG_IGN);
	if (!getenv("TNEWS")) {
		fputs("TNEWS is not set; run through make check\n", stderr);
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
