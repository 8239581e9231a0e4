/* SPDX-License-Identifier: MIT */
/* test_bounded.c - input that never ends or is not what it says: read in
 * bounded memory and time.  Unit tests of sizes, of the small-file reader
 * (configuration, rules) and of input_read's cap and early binary check;
 * then tnews itself on /dev/zero, /dev/urandom, a 2 GB sparse file and
 * an endless pipe, with its time and peak memory measured. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "testutil.h"
#include "readfile.h"

/* Whether AddressSanitizer is on: GCC says so by a macro, clang by
 * __has_feature. */
#if defined(__SANITIZE_ADDRESS__)
#define TNEWS_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define TNEWS_ASAN 1
#endif
#endif

/* Refusing must take less than this (the bound; the work is a
 * 64 KB read). */
#define REFUSE_MS 2000
/* An endless pipe is cut after 128 MB: about 0.15 s, and the same bound;
 * a sanitizer build copies the bytes ten times slower. */
#if defined(TNEWS_ASAN)
#define PIPE_MS 30000
#else
#define PIPE_MS REFUSE_MS
#endif
/* Peak memory allowed for refusing anything, in KB. */
#define PEAK_KB (200 * 1024)

/* Milliseconds on a monotonic clock. */
static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Sizes as the user writes them, and back. */
static void test_sizes(void **state)
{
	size_t v;
	char buf[32];
	(void)state;

	assert_int_equal(size_parse("10", &v), 0);
	assert_int_equal(v, 10);
	assert_int_equal(size_parse("128M", &v), 0);
	assert_int_equal(v, (size_t)128 << 20);
	assert_int_equal(size_parse("2g", &v), 0);
	assert_int_equal(v, (size_t)2 << 30);
	assert_int_equal(size_parse("512KB", &v), 0);
	assert_int_equal(v, (size_t)512 << 10);
	assert_int_equal(size_parse("0", &v), -1);
	assert_int_equal(size_parse("", &v), -1);
	assert_int_equal(size_parse("M", &v), -1);
	assert_int_equal(size_parse("12X", &v), -1);
	assert_int_equal(size_parse("-5", &v), -1);
	assert_int_equal(size_parse("99999999999999999999999", &v), -1);
	assert_int_equal(size_parse("99999999999999G", &v), -1);
	size_format((size_t)128 << 20, buf, sizeof buf);
	assert_string_equal(buf, "128M");
	size_format((size_t)1536 << 10, buf, sizeof buf);
	assert_string_equal(buf, "1536K");
	size_format(1000, buf, sizeof buf);
	assert_string_equal(buf, "1000");
	size_format((size_t)3 << 30, buf, sizeof buf);
	assert_string_equal(buf, "3G");
}

/* A fresh temporary directory (static buffer). */
static const char *tmpdir(void)
{
	static char dir[64];

	snprintf(dir, sizeof dir, "/tmp/tnews-bd-XXXXXX");
	assert_non_null(mkdtemp(dir));
	return dir;
}

/* Remove a temporary directory and what is in it. */
static void rmdir_all(const char *dir)
{
	char cmd[256];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	assert_int_equal(system(cmd), 0);
}

/* The small-file reader: a file, one too large (refused unread), a
 * directory, a device, a FIFO without a writer (empty, at once), a
 * missing file (ENOENT). */
static void test_readfile_small(void **state)
{
	const char *dir = tmpdir();
	char path[256], err[256];
	struct sbuf b = { 0 };
	FILE *f;
	long t0;
	(void)state;

	snprintf(path, sizeof path, "%s/small", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("width 60\n", f);
	fclose(f);
	assert_int_equal(readfile_small(path, 100, &b, err, sizeof err), 0);
	assert_int_equal(b.n, 9);
	assert_memory_equal(b.p, "width 60\n", 9);
	sbuf_free(&b);
	assert_int_equal(readfile_small(path, 8, &b, err, sizeof err), -1);
	assert_string_equal(err, "larger than 8, not read");
	assert_int_equal(b.n, 0);
	assert_int_equal(readfile_small(dir, 100, &b, err, sizeof err), -1);
	assert_int_equal(errno, EISDIR);
	assert_int_equal(readfile_small("/dev/zero", 100, &b, err, sizeof err), -1);
	assert_string_equal(err, "not a regular file, not read");
	assert_int_equal(b.n, 0);
	snprintf(path, sizeof path, "%s/fifo", dir);
	assert_int_equal(mkfifo(path, 0600), 0);
	t0 = now_ms();
	assert_int_equal(readfile_small(path, 100, &b, err, sizeof err), 0);
	assert_true(now_ms() - t0 < REFUSE_MS);
	assert_int_equal(b.n, 0);
	snprintf(path, sizeof path, "%s/missing", dir);
	assert_int_equal(readfile_small(path, 100, &b, err, sizeof err), -1);
	assert_int_equal(errno, ENOENT);
	sbuf_free(&b);
	rmdir_all(dir);
}

/* Start a child writing "x\n" to fd until it is killed; its pid. */
static pid_t endless_writer(int fd)
{
	pid_t pid = fork();

	assert_true(pid >= 0);
	if (pid == 0) {
		static char buf[65536];

		for (size_t i = 0; i < sizeof buf; i += 2)
			memcpy(buf + i, "x\n", 2);
		while (write(fd, buf, sizeof buf) > 0)
			;
		_exit(0);
	}
	return pid;
}

/* An endless text pipe is cut at input_max() with a message naming the
 * limit; what is under the limit is read whole. */
static void test_input_cap(void **state)
{
	int fds[2], in;
	char err[256], name[64];
	pid_t w;
	struct doc *d;
	(void)state;

	input_set_max((size_t)1 << 20);
	assert_int_equal(input_max(), (size_t)1 << 20);
	assert_int_equal(pipe(fds), 0);
	w = endless_writer(fds[1]);
	close(fds[1]);
	snprintf(name, sizeof name, "/dev/fd/%d", fds[0]);
	d = input_read(name, err, sizeof err);
	assert_null(d);
	assert_string_equal(err, "more than 1M from a pipe or device, not read "
			    "(--max-input raises the limit)");
	close(fds[0]);
	kill(w, SIGKILL);
	waitpid(w, NULL, 0);

	/* 300 KB of text through a pipe, under the limit: all of it */
	assert_int_equal(pipe(fds), 0);
	w = fork();
	assert_true(w >= 0);
	if (w == 0) {
		for (int i = 0; i < 100000; i++)
			if (write(fds[1], "ab\n", 3) != 3)
				_exit(1);
		_exit(0);
	}
	close(fds[1]);
	in = fds[0];
	snprintf(name, sizeof name, "/dev/fd/%d", in);
	d = input_read(name, err, sizeof err);
	close(in);
	waitpid(w, NULL, 0);
	assert_non_null(d);
	assert_int_equal(d->nlines, 100000);
	doc_free(d);
	input_set_max(0);
	assert_int_equal(input_max(), INPUT_MAX_DEFAULT);
}

/* Binary input is refused from its first bytes: /dev/zero (endless) and
 * a 2 GB sparse file (reading it whole takes seconds and 2 GB). */
static void test_input_binary_early(void **state)
{
	const char *dir = tmpdir();
	char path[256], err[256];
	long t0;
	int fd;
	(void)state;

	t0 = now_ms();
	assert_null(input_read("/dev/zero", err, sizeof err));
	assert_non_null(strstr(err, "binary file"));
	snprintf(path, sizeof path, "%s/sparse", dir);
	fd = open(path, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	if (ftruncate(fd, (off_t)2 << 30) == 0) {
		assert_null(input_read(path, err, sizeof err));
		assert_non_null(strstr(err, "binary file"));
	}
	close(fd);
	assert_true(now_ms() - t0 < REFUSE_MS);
	rmdir_all(dir);
}

/* Run tnews with args (stdin from in_fd if >= 0), its stderr into err;
 * its exit status, elapsed ms and peak memory in KB. */
static int run_tnews(const char *const args[], int in_fd, char *err, size_t errlen,
		     long *ms, long *peak_kb)
{
	const char *argv[16];
	int efd[2], st;
	size_t n = 0, k = 0;
	struct rusage ru;
	long t0 = now_ms();
	pid_t pid;

	argv[k++] = getenv("TNEWS");
	while (args[n] && k < 15)
		argv[k++] = args[n++];
	argv[k] = NULL;
	assert_int_equal(pipe(efd), 0);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		if (in_fd >= 0)
			dup2(in_fd, STDIN_FILENO);
		dup2(null, STDOUT_FILENO);
		dup2(efd[1], STDERR_FILENO);
		execv(argv[0], (char *const *)argv);
		_exit(127);
	}
	close(efd[1]);
	n = 0;
	while (n < errlen - 1) {
		ssize_t r = read(efd[0], err + n, errlen - 1 - n);

		if (r <= 0)
			break;
		n += (size_t)r;
	}
	err[n] = '\0';
	close(efd[0]);
	assert_int_equal(wait4(pid, &st, 0, &ru), pid);
	*ms = now_ms() - t0;
	*peak_kb = ru.ru_maxrss;
	assert_true(WIFEXITED(st));
	return WEXITSTATUS(st);
}

/* Refused: exit status 2, one line naming the file, within max_ms,
 * under PEAK_KB (not measured with a sanitizer's shadow memory). */
static void expect_refused(const char *const args[], int in_fd, const char *name,
			   const char *reason, long max_ms)
{
	char err[4096], want[512];
	long ms, kb;
	int st = run_tnews(args, in_fd, err, sizeof err, &ms, &kb);

	print_message("# %s: exit %d after %ld ms, peak %ld KB: %s", name, st, ms, kb, err);
	assert_int_equal(st, 2);
	snprintf(want, sizeof want, "tnews: %s: ", name);
	assert_memory_equal(err, want, strlen(want));
	assert_non_null(strstr(err, reason));
	assert_non_null(strchr(err, '\n'));
	assert_string_equal(strchr(err, '\n'), "\n");	/* one line */
	assert_true(ms < max_ms);
#if !defined(TNEWS_ASAN)
	assert_true(kb < PEAK_KB);
#endif
}

/* tnews on endless and huge binary input, and on an endless text pipe. */
static void test_tnews_refuses(void **state)
{
	const char *dir = tmpdir();
	char sparse[256];
	const char *zero[] = { "--list", "/dev/zero", NULL };
	const char *urandom[] = { "--list", "/dev/urandom", NULL };
	const char *big[] = { "--list", sparse, NULL };
	const char *stdin_args[] = { "--list", NULL };
	const char *rules[] = { "--list", "--rules=/dev/zero", "-", NULL };
	int fd, fds[2];
	pid_t w;
	(void)state;

	expect_refused(zero, -1, "/dev/zero", "binary file", REFUSE_MS);
	expect_refused(urandom, -1, "/dev/urandom", "binary file", REFUSE_MS);
	snprintf(sparse, sizeof sparse, "%s/sparse", dir);
	fd = open(sparse, O_WRONLY | O_CREAT, 0600);
	assert_true(fd >= 0);
	if (ftruncate(fd, (off_t)2 << 30) == 0)
		expect_refused(big, -1, sparse, "binary file", REFUSE_MS);
	close(fd);
	/* yes x | tnews: cut at the default limit */
	assert_int_equal(pipe(fds), 0);
	w = endless_writer(fds[1]);
	close(fds[1]);
	expect_refused(stdin_args, fds[0], "-", "more than 128M from a pipe", PIPE_MS);
	close(fds[0]);
	kill(w, SIGKILL);
	waitpid(w, NULL, 0);
	fd = open("/dev/null", O_RDONLY);
	expect_refused(rules, fd, "/dev/zero", "not a regular file", REFUSE_MS);
	close(fd);
	rmdir_all(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sizes),
		cmocka_unit_test(test_readfile_small),
		cmocka_unit_test(test_input_cap),
		cmocka_unit_test(test_input_binary_early),
		cmocka_unit_test(test_tnews_refuses),
	};

	signal(SIGPIPE, SIG_IGN);
	if (!getenv("TNEWS")) {
		fputs("TNEWS is not set; run through make check\n", stderr);
		return 77;
	}
	return cmocka_run_group_tests(tests, NULL, NULL);
}
