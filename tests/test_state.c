/* SPDX-License-Identifier: MIT */
/* test_state.c - read marks, positions, corrections and their file.
 * Also a helper of tests/state_kill.sh:
 *	test_state --stress PATH	mark and save forever, printing the
 *					number of marks after each save
 *	test_state --check PATH N	exit 0 if PATH opens cleanly with the
 *					marks 0..N-1 read */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <ftw.h>
#include <signal.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "state.h"
#include "testutil.h"

/* The temporary state home of the current test. */
static char tmpdir[4096];
/* Its state file, tmpdir/tnews/state. */
static char statepath[4200];

/* A synthetic story key for number i. */
static const char *key_of(unsigned i)
{
	static char buf[8][STATE_KEY_SIZE];
	static int next;
	char *k = buf[next++ % 8];

	snprintf(k, STATE_KEY_SIZE, "%016x%016x", 0xfeedu, i);
	return k;
}

/* Remove one file or directory of a tree. */
static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

/* Make a fresh state home and point XDG_STATE_HOME at it. */
static int setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(tmpdir, sizeof tmpdir, "%s/tnews-state-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(tmpdir))
		return -1;
	setenv("XDG_STATE_HOME", tmpdir, 1);
	snprintf(statepath, sizeof statepath, "%s/tnews/state", tmpdir);
	return 0;
}

/* Remove the state home. */
static int teardown(void **state)
{
	(void)state;
	chmod(tmpdir, 0700);
	{
		char d[4200];

		snprintf(d, sizeof d, "%s/tnews", tmpdir);
		chmod(d, 0700);
	}
	nftw(tmpdir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* The whole of a file, malloc'd, NUL-terminated; NULL if unreadable. */
static char *slurp(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t n = 0, cap = 0, k;

	if (!f)
		return NULL;
	do {
		buf = realloc(buf, cap += 65536);
		assert_non_null(buf);
		k = fread(buf + n, 1, cap - n - 1, f);
		n += k;
	} while (k > 0);
	fclose(f);
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

/* Write bytes to a file, making its directory. */
static void spit(const char *path, const char *bytes, size_t n)
{
	char d[4200];
	FILE *f;

	snprintf(d, sizeof d, "%s/tnews", tmpdir);
	mkdir(d, 0700);
	f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(bytes, 1, n, f), n);
	assert_int_equal(fclose(f), 0);
}

/* Number of entries of the state directory whose name starts with pre. */
static int count_files(const char *pre)
{
	char d[4200];
	DIR *dir;
	struct dirent *e;
	int n = 0;

	snprintf(d, sizeof d, "%s/tnews", tmpdir);
	dir = opendir(d);
	if (!dir)
		return 0;
	while ((e = readdir(dir)))
		n += !strncmp(e->d_name, pre, strlen(pre));
	closedir(dir);
	return n;
}

/* The name of the first set-aside file, in a static buffer, or NULL. */
static const char *bad_file(void)
{
	static char path[4600];
	char d[4200];
	DIR *dir;
	struct dirent *e;
	int found = 0;

	snprintf(d, sizeof d, "%s/tnews", tmpdir);
	dir = opendir(d);
	if (!dir)
		return NULL;
	while (!found && (e = readdir(dir)))
		if (!strncmp(e->d_name, "state.bad-", 10)) {
			snprintf(path, sizeof path, "%s/%s", d, e->d_name);
			found = 1;
		}
	closedir(dir);
	return found ? path : NULL;
}

/* Three stories separated by form feeds, the first of four paragraphs. */
static const char three[] =
	"Council approves new harbour wall after storm damage in the town.\n"
	"The wall will cost four million pounds and take two years to build.\n"
	"Residents said they had waited more than a decade for the work.\n"
	"The first stones will be laid in the spring, the council said.\n"
	"\f\n"
	"School wins national chess title for the third year running.\n"
	"The team of six pupils beat forty other schools in the final.\n"
	"\f\n"
	"A rare orchid has been found growing beside a busy car park.\n"
	"Botanists said it was the first sighting in the county since 1950.\n";

/* Parse text (NUL-terminated) into sl, each form feed a story break. */
static void parse(struct storylist *sl, const char *text)
{
	test_parse(sl, text, strlen(text), SEG_EXPLICIT);
}

/* The story keys of the three stories of text. */
static void keys_of(const char *text, char k[3][STATE_KEY_SIZE])
{
	struct storylist sl = { 0 };

	parse(&sl, text);
	assert_int_equal(sl.n, 3);
	for (int i = 0; i < 3; i++)
		state_story_key(&sl.stories[i], k[i]);
	storylist_free(&sl);
}

/* A key is 32 lowercase hex digits, blind to white space, case and
 * punctuation, and different for different words. */
static void test_key_normalised(void **st)
{
	char a[3][STATE_KEY_SIZE], b[3][STATE_KEY_SIZE];
	static const char other[] =
		"COUNCIL approves   new harbour wall — after storm damage in the town!\n"
		"The wall will cost four million pounds and take two years to build.\n"
		"Residents said they had waited more than a decade for the work.\n"
		"The first stones will be laid in the spring, the council said.\n"
		"\f\n"
		"School wins national chess title for the fourth year running.\n"
		"The team of six pupils beat forty other schools in the final.\n"
		"\f\n"
		"A rare orchid.\n";

	(void)st;
	keys_of(three, a);
	keys_of(other, b);
	for (int i = 0; i < 3; i++) {
		assert_int_equal(strlen(a[i]), 32);
		assert_int_equal(strspn(a[i], "0123456789abcdef"), 32);
	}
	assert_string_equal(a[0], b[0]);	/* case, spaces, dash, '!' */
	assert_string_not_equal(a[1], b[1]);	/* third -> fourth */
	assert_string_not_equal(a[2], b[2]);
	assert_string_not_equal(a[0], a[1]);
}

/* Keys do not move when another story of the file changes, nor when the
 * same story is in another dump at another place. */
static void test_key_stable(void **st)
{
	char a[3][STATE_KEY_SIZE], b[3][STATE_KEY_SIZE], c[3][STATE_KEY_SIZE];
	static const char edited[] =
		"Council rejects new harbour wall after a long and angry debate.\n"
		"\f\n"
		"School wins national chess title for the third year running.\n"
		"The team of six pupils beat forty other schools in the final.\n"
		"\f\n"
		"A rare orchid has been found growing beside a busy car park.\n"
		"Botanists said it was the first sighting in the county since 1950.\n";
	static const char another[] =
		"Ferry services resume after a week of gales in the islands.\n"
		"\f\n"
		"Motorists face delays as the bypass is closed for repairs.\n"
		"\f\n"
		"\n"
		"  School wins national chess title for the third year running.\n"
		"The team of six pupils beat forty other schools in the final.  \n";

	(void)st;
	keys_of(three, a);
	keys_of(edited, b);
	keys_of(another, c);
	assert_string_not_equal(a[0], b[0]);
	assert_string_equal(a[1], b[1]);
	assert_string_equal(a[2], b[2]);
	assert_string_equal(a[1], c[2]);
	assert_string_not_equal(a[1], c[0]);
}

/* The default path follows XDG_STATE_HOME, else HOME. */
static void test_default_path(void **st)
{
	char want[4200], *p, *home = getenv("HOME") ? strdup(getenv("HOME")) : NULL;

	(void)st;
	p = state_default_path();
	assert_string_equal(p, statepath);
	free(p);
	setenv("XDG_STATE_HOME", "relative/dir", 1);	/* not absolute: ignored */
	setenv("HOME", "/home/someone", 1);
	p = state_default_path();
	assert_string_equal(p, "/home/someone/.local/state/tnews/state");
	free(p);
	unsetenv("HOME");
	p = state_default_path();
	assert_null(p);
	if (home)
		setenv("HOME", home, 1);
	free(home);
	setenv("XDG_STATE_HOME", tmpdir, 1);
	snprintf(want, sizeof want, "%s/tnews/state", tmpdir);
	p = state_default_path();
	assert_string_equal(p, want);
	free(p);
}

/* Marks, explicit unmarks and positions are saved and come back. */
static void test_round_trip(void **st)
{
	struct storylist sl = { 0 };
	struct state *s;
	char msg[512], *text;
	size_t story = 99, line = 99;

	(void)st;
	parse(&sl, three);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_string_equal(state_path(s), statepath);
	assert_false(state_dirty(s));
	assert_int_equal(state_resume(s, &sl, NULL, &story, &line), 0);
	assert_int_equal(state_mark(s, key_of(1), 1), 1);
	assert_int_equal(state_mark(s, key_of(1), 1), 0);	/* no change */
	assert_int_equal(state_mark(s, key_of(2), 1), 1);
	assert_int_equal(state_mark(s, key_of(2), 0), 1);
	assert_int_equal(state_mark(s, key_of(3), 0), 0);	/* was not read */
	assert_int_equal(state_mark(s, "not a key", 1), 0);
	state_set_pos(s, &sl.stories[1], 1);
	assert_true(state_dirty(s));
	assert_int_equal(state_save(s, msg, sizeof msg), 0);
	assert_string_equal(msg, "");
	assert_false(state_dirty(s));
	state_close(s);

	text = slurp(statepath, NULL);
	assert_non_null(text);
	assert_memory_equal(text, "tnews-state 1\n", 14);
	assert_non_null(strstr(text, "\nread "));
	assert_non_null(strstr(text, "\nunread "));
	assert_non_null(strstr(text, "\npos "));
	free(text);

	s = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_true(state_is_read(s, key_of(1)));
	assert_false(state_is_read(s, key_of(2)));
	assert_false(state_is_read(s, key_of(3)));
	assert_int_equal(state_read_count(s), 1);
	assert_int_equal(state_resume(s, &sl, NULL, &story, &line), 1);
	assert_int_equal(story, 1);
	assert_int_equal(line, 1);
	/* with precomputed keys too; a line past the end is clamped */
	state_set_pos(s, &sl.stories[2], 40);
	struct state_key *keys = state_keys(&sl);

	assert_int_equal(state_resume(s, &sl, keys, &story, &line), 1);
	assert_int_equal(story, 2);
	assert_int_equal(line, sl.stories[2].count - 1);
	free(keys);
	state_close(s);
	storylist_free(&sl);
}

/* The position follows the story, not its number, and a dump read later
 * wins among several. */
static void test_resume_moves(void **st)
{
	struct storylist sl = { 0 }, sl2 = { 0 };
	struct state *s;
	char msg[512];
	size_t story, line;
	static const char moved[] =
		"A new first story about the weather turning cold this week.\n"
		"\f\n"
		"Council approves new harbour wall after storm damage in the town.\n"
		"\f\n"
		"School wins national chess title for the third year running.\n"
		"The team of six pupils beat forty other schools in the final.\n";

	(void)st;
	parse(&sl, three);
	s = state_open(NULL, 0, msg, sizeof msg);
	state_set_pos(s, &sl.stories[1], 1);
	assert_int_equal(state_save(s, msg, sizeof msg), 0);
	state_close(s);
	parse(&sl2, moved);	/* same name "test": the same dump, edited */
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_int_equal(state_resume(s, &sl2, NULL, &story, &line), 1);
	assert_int_equal(story, 2);
	assert_int_equal(line, 1);
	state_close(s);
	storylist_free(&sl);
	storylist_free(&sl2);
}

/* Two handles saving in turn keep each other's marks, and an explicit
 * unmark survives the other's older mark. */
static void test_two_handles(void **st)
{
	struct state *a, *b, *c;
	char msg[512];

	(void)st;
	a = state_open(NULL, 0, msg, sizeof msg);
	b = state_open(NULL, 0, msg, sizeof msg);
	state_mark(a, key_of(1), 1);
	state_mark(b, key_of(2), 1);
	assert_int_equal(state_save(a, msg, sizeof msg), 0);
	assert_int_equal(state_save(b, msg, sizeof msg), 0);
	assert_true(state_is_read(b, key_of(1)));	/* merged in */
	state_close(a);
	state_close(b);

	c = state_open(NULL, 0, msg, sizeof msg);
	assert_true(state_is_read(c, key_of(1)));
	assert_true(state_is_read(c, key_of(2)));
	state_close(c);

	a = state_open(NULL, 0, msg, sizeof msg);
	b = state_open(NULL, 0, msg, sizeof msg);
	assert_int_equal(state_mark(a, key_of(1), 0), 1);	/* a unmarks 1 */
	assert_int_equal(state_save(a, msg, sizeof msg), 0);
	state_mark(b, key_of(3), 1);				/* b still has 1 read */
	assert_int_equal(state_save(b, msg, sizeof msg), 0);
	assert_false(state_is_read(b, key_of(1)));
	state_close(a);
	state_close(b);

	c = state_open(NULL, 0, msg, sizeof msg);
	assert_false(state_is_read(c, key_of(1)));
	assert_true(state_is_read(c, key_of(2)));
	assert_true(state_is_read(c, key_of(3)));
	/* marking again after the unmark wins over it */
	a = state_open(NULL, 0, msg, sizeof msg);
	state_mark(a, key_of(1), 1);
	assert_int_equal(state_save(a, msg, sizeof msg), 0);
	state_mark(c, key_of(4), 1);
	assert_int_equal(state_save(c, msg, sizeof msg), 0);
	assert_true(state_is_read(c, key_of(1)));
	state_close(a);
	state_close(c);
}

/* Several processes saving at once lose none of each other's marks. */
static void test_processes(void **st)
{
	enum { NPROC = 4, NMARK = 40 };
	struct state *s;
	char msg[512];
	pid_t pids[NPROC];

	(void)st;
	for (int p = 0; p < NPROC; p++) {
		pids[p] = fork();
		assert_true(pids[p] >= 0);
		if (pids[p] == 0) {
			struct state *c = state_open(NULL, 0, NULL, 0);

			for (unsigned i = 0; i < NMARK; i++) {
				state_mark(c, key_of((unsigned)p * 1000 + i), 1);
				if (state_save(c, NULL, 0) != 0)
					_exit(1);
			}
			state_close(c);
			_exit(0);
		}
	}
	for (int p = 0; p < NPROC; p++) {
		int status;

		assert_int_equal(waitpid(pids[p], &status, 0), pids[p]);
		assert_true(WIFEXITED(status) && WEXITSTATUS(status) == 0);
	}
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_int_equal(state_read_count(s), NPROC * NMARK);
	for (int p = 0; p < NPROC; p++)
		for (unsigned i = 0; i < NMARK; i++)
			assert_true(state_is_read(s, key_of((unsigned)p * 1000 + i)));
	state_close(s);
	/* state.lock and state.journal, no temporaries */
	assert_int_equal(count_files("state."), 1 + count_files("state.journal"));
}

/* Save a first state with mark 1, return the file's bytes. */
static char *first_state(size_t *n)
{
	struct state *s = state_open(NULL, 0, NULL, 0);

	state_mark(s, key_of(1), 1);
	assert_int_equal(state_save(s, NULL, 0), 0);
	state_close(s);
	return slurp(statepath, n);
}

/* A save into a directory that cannot be written fails with a message
 * naming the file and the reason, and leaves the old file. */
static void test_unwritable(void **st)
{
	struct state *s;
	char msg[512], d[4200], *before, *after;
	size_t n1, n2;

	(void)st;
	before = first_state(&n1);
	s = state_open(NULL, 0, msg, sizeof msg);
	state_mark(s, key_of(2), 1);
	snprintf(d, sizeof d, "%s/tnews", tmpdir);
	if (geteuid() != 0) {
		assert_int_equal(chmod(d, 0500), 0);
		assert_int_equal(state_save(s, msg, sizeof msg), -1);
		assert_non_null(strstr(msg, statepath));
		assert_non_null(strstr(msg, strerror(EACCES)));
		assert_true(state_dirty(s));
		chmod(d, 0700);
		after = slurp(statepath, &n2);
		assert_int_equal(n1, n2);
		assert_memory_equal(before, after, n1);
		free(after);
	}
	/* as root too: the state directory's parent is a file */
	struct state *t;
	char bogus[4400];

	snprintf(bogus, sizeof bogus, "%s/afile", tmpdir);
	spit(bogus, "x", 1);
	strcat(bogus, "/tnews/state");
	t = state_open(bogus, 0, msg, sizeof msg);
	state_mark(t, key_of(2), 1);
	assert_int_equal(state_save(t, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "afile"));
	assert_non_null(strstr(msg, strerror(ENOTDIR)));
	state_close(t);
	/* and the state file is a directory: nothing is renamed over it */
	snprintf(bogus, sizeof bogus, "%s/dirstate", tmpdir);
	assert_int_equal(mkdir(bogus, 0700), 0);
	t = state_open(bogus, 0, msg, sizeof msg);
	assert_non_null(strstr(msg, "not a regular file"));
	state_mark(t, key_of(2), 1);
	assert_int_equal(state_save(t, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "dirstate"));
	struct stat sb;

	assert_int_equal(stat(bogus, &sb), 0);
	assert_true(S_ISDIR(sb.st_mode));
	state_close(t);
	/* the good save still works */
	assert_int_equal(state_save(s, msg, sizeof msg), 0);
	state_close(s);
	free(before);
}

/* A write that fails half way (a file size limit standing in for a full
 * disk) leaves the old file whole and no temporary file. */
static void test_full_disk(void **st)
{
	char *before, *after;
	size_t n1, n2;
	pid_t pid;
	int status;

	(void)st;
	if (getenv("TNEWS_UNDER_VALGRIND"))
		skip();		/* valgrind does not honour RLIMIT_FSIZE alike */
	before = first_state(&n1);
	pid = fork();
	assert_true(pid >= 0);
	if (pid == 0) {
		struct state *s = state_open(NULL, 0, NULL, 0);
		struct rlimit rl;
		char msg[512];

		signal(SIGXFSZ, SIG_IGN);
		for (unsigned i = 0; i < 2000; i++)
			state_mark(s, key_of(100 + i), 1);
		getrlimit(RLIMIT_FSIZE, &rl);
		rl.rlim_cur = 4096;
		if (setrlimit(RLIMIT_FSIZE, &rl) < 0)
			_exit(3);
		if (state_save(s, msg, sizeof msg) != -1 || !strstr(msg, statepath) ||
		    !strstr(msg, strerror(EFBIG)) || !state_dirty(s))
			_exit(1);
		if (count_files("state") != 2) {	/* state and state.lock */
			fprintf(stderr, "%d files: %s\n", count_files("state"), msg);
			_exit(2);
		}
		_exit(0);
	}
	assert_int_equal(waitpid(pid, &status, 0), pid);
	assert_true(WIFEXITED(status));
	assert_int_equal(WEXITSTATUS(status), 0);
	after = slurp(statepath, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(before);
	free(after);
}

/* A damaged file is set aside, its good records kept and written back;
 * a foreign one is set aside; one of a newer format is left alone. */
static void test_damaged(void **st)
{
	static const char damaged[] =
		"tnews-state 1\n"
		"read 5 000000000000feed0000000000000001\n"
		"read x 000000000000feed0000000000000002\n"
		"pos 5 relative/path 000000000000feed0000000000000001 0\n"
		"read 6 000000000000feed0000000000000003\n"
		"read 7 000000000000feed000000000000";
	static const char foreign[] = "[Desktop Entry]\nName=x\n";
	static const char newer[] = "tnews-state 2\nsomething new\n";
	struct state *s;
	char msg[512], *text;
	const char *bad;

	(void)st;
	spit(statepath, damaged, sizeof damaged - 1);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_non_null(strstr(msg, statepath));
	assert_non_null(strstr(msg, "damaged"));
	bad = bad_file();
	assert_non_null(bad);
	assert_non_null(strstr(msg, bad));
	text = slurp(bad, NULL);
	assert_string_equal(text, damaged);
	free(text);
	assert_true(state_is_read(s, key_of(1)));
	assert_false(state_is_read(s, key_of(2)));
	assert_true(state_is_read(s, key_of(3)));
	assert_int_equal(state_read_count(s), 2);
	assert_true(state_dirty(s));
	assert_int_equal(state_save(s, msg, sizeof msg), 0);
	state_close(s);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_int_equal(state_read_count(s), 2);
	state_close(s);
	assert_int_equal(remove(bad), 0);

	spit(statepath, foreign, sizeof foreign - 1);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_non_null(strstr(msg, "not a tnews state file"));
	assert_non_null(bad_file());
	assert_int_equal(state_read_count(s), 0);
	state_close(s);
	assert_int_equal(remove(bad_file()), 0);

	spit(statepath, newer, sizeof newer - 1);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_non_null(strstr(msg, "newer"));
	assert_null(bad_file());
	state_mark(s, key_of(1), 1);
	assert_int_equal(state_save(s, msg, sizeof msg), -1);
	assert_non_null(strstr(msg, "newer"));
	state_close(s);
	text = slurp(statepath, NULL);
	assert_string_equal(text, newer);
	free(text);
}

/* A damaged file found when saving is set aside too, and the save goes
 * on with a warning. */
static void test_damaged_at_save(void **st)
{
	struct state *s;
	char msg[512];

	(void)st;
	s = state_open(NULL, 0, msg, sizeof msg);
	state_mark(s, key_of(1), 1);
	spit(statepath, "tnews-state 1\nread 1 zz\n", 24);
	assert_int_equal(state_save(s, msg, sizeof msg), 1);
	assert_non_null(strstr(msg, "damaged"));
	assert_non_null(bad_file());
	state_close(s);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_true(state_is_read(s, key_of(1)));
	state_close(s);
}

/* Records of unknown types survive a save; comments are dropped. */
static void test_unknown_kept(void **st)
{
	static const char text[] =
		"tnews-state 1\n"
		"# a comment\n"
		"\n"
		"future-record 12 some fields here\n"
		"read 5 000000000000feed0000000000000001\n";
	struct state *s;
	char msg[512], *out;

	(void)st;
	spit(statepath, text, sizeof text - 1);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_null(bad_file());
	state_mark(s, key_of(2), 1);
	assert_int_equal(state_save(s, msg, sizeof msg), 0);	/* to the journal */
	state_close(s);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_true(state_is_read(s, key_of(2)));
	assert_int_equal(state_fold(s, msg, sizeof msg), 0);	/* into the file */
	state_close(s);
	out = slurp(statepath, NULL);
	assert_non_null(strstr(out, "\nfuture-record 12 some fields here\n"));
	assert_null(strstr(out, "a comment"));
	free(out);
}

/* Dump paths with spaces, newlines and percent signs round-trip. */
static void test_odd_dump_names(void **st)
{
	static const char *names[] = { "a b%20c\nd.txt", "caf\xC3\xA9 %.txt" };
	struct state *s;
	char msg[512], path[4400];

	(void)st;
	for (size_t i = 0; i < 2; i++) {
		struct storylist sl = { 0 };
		size_t story, line;
		char err[256];

		snprintf(path, sizeof path, "%s/%s", tmpdir, names[i]);
		spit(path, three, sizeof three - 1);
		struct doc *d = input_read(path, err, sizeof err);
		struct rules *r = test_rules();

		assert_non_null(d);
		parse_doc(&sl, d, r, SEG_EXPLICIT);
		rules_free(r);
		s = state_open(NULL, 0, msg, sizeof msg);
		state_set_pos(s, &sl.stories[2], 1);
		assert_int_equal(state_save(s, msg, sizeof msg), 0);
		state_close(s);
		s = state_open(NULL, 0, msg, sizeof msg);
		assert_string_equal(msg, "");
		assert_int_equal(state_resume(s, &sl, NULL, &story, &line), 1);
		assert_int_equal(story, 2);
		state_close(s);
		storylist_free(&sl);
	}
}

/* The text of story i's first line, for comparisons. */
static const char *first_text(const struct storylist *sl, size_t i)
{
	return test_line(sl->stories[i].doc, sl->stories[i].first);
}

/* Splits and joins change the parsed stories, survive a restart, follow
 * their line when the file is edited elsewhere, and do nothing when the
 * line itself changed. */
static void test_split_join(void **st)
{
	struct storylist sl = { 0 };
	struct state *s;
	char msg[512];
	char *oldtitle;

	(void)st;
	parse(&sl, three);
	assert_int_equal(sl.n, 3);
	assert_int_equal(sl.stories[0].count, 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(sl.docs[0]->lines[i].kind, LK_PARAGRAPH);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_int_equal(state_apply(s, &sl), 0);
	/* bad requests */
	assert_int_equal(state_split(s, &sl.stories[0], 0, msg, sizeof msg), -1);
	assert_int_equal(state_split(s, &sl.stories[0], 4, msg, sizeof msg), -1);
	assert_int_equal(state_join(s, &sl.stories[0], &sl.stories[2], msg, sizeof msg), -1);
	assert_false(state_dirty(s));

	oldtitle = strdup(sl.stories[1].title);
	assert_int_equal(state_split(s, &sl.stories[0], 2, msg, sizeof msg), 0);
	assert_int_equal(state_apply(s, &sl), 2);
	assert_int_equal(sl.n, 4);
	assert_int_equal(sl.stories[0].count, 2);
	assert_int_equal(sl.stories[1].first, 2);
	assert_int_equal(sl.stories[1].count, 2);
	assert_non_null(strstr(sl.stories[1].title, "Residents said"));
	assert_non_null(strstr(sl.stories[0].title, "Council approves"));
	assert_string_equal(sl.stories[2].title, oldtitle);
	free(oldtitle);
	assert_int_equal(state_apply(s, &sl), 0);	/* idempotent */
	assert_int_equal(sl.n, 4);

	/* join the second half with the chess story */
	assert_int_equal(state_join(s, &sl.stories[1], &sl.stories[2], msg, sizeof msg), 0);
	assert_int_equal(state_apply(s, &sl), 1);
	assert_int_equal(sl.n, 3);
	assert_int_equal(sl.stories[1].first, 2);
	assert_int_equal(sl.stories[1].count, 4);
	assert_string_equal(sl.stories[1].why, "joined by you");
	assert_string_equal(first_text(&sl, 2), "A rare orchid has been found growing beside a busy car park.");
	assert_int_equal(state_save(s, msg, sizeof msg), 0);
	state_close(s);
	storylist_free(&sl);

	/* a restart: the same corrections apply to a fresh parse */
	parse(&sl, three);
	s = state_open(NULL, 0, msg, sizeof msg);
	state_apply(s, &sl);
	assert_int_equal(sl.n, 3);
	assert_int_equal(sl.stories[0].count, 2);
	assert_int_equal(sl.stories[1].first, 2);
	assert_int_equal(sl.stories[1].count, 4);
	storylist_free(&sl);

	/* the file edited above: the corrections follow their lines */
	static const char edited[] =
		"Breaking: a new story at the top of the file about trains.\n"
		"\f\n"
		"Council approves new harbour wall after storm damage in the town.\n"
		"The wall will cost four million pounds and take two years to build.\n"
		"Residents said they had waited more than a decade for the work.\n"
		"The first stones will be laid in the spring, the council said.\n"
		"\f\n"
		"School wins national chess title for the third year running.\n"
		"The team of six pupils beat forty other schools in the final.\n"
		"\f\n"
		"A rare orchid has been found growing beside a busy car park.\n";
	parse(&sl, edited);
	state_apply(s, &sl);
	assert_int_equal(sl.n, 4);
	assert_string_equal(first_text(&sl, 2), "Residents said they had waited more than a decade for the work.");
	assert_int_equal(sl.stories[2].count, 4);
	storylist_free(&sl);

	/* the split line itself edited: that split no longer applies */
	static const char changed[] =
		"Council approves new harbour wall after storm damage in the town.\n"
		"The wall will cost four million pounds and take two years to build.\n"
		"Residents said they had waited over a decade for the work.\n"
		"The first stones will be laid in the spring, the council said.\n"
		"\f\n"
		"School wins national chess title for the third year running.\n"
		"The team of six pupils beat forty other schools in the final.\n";
	parse(&sl, changed);
	state_apply(s, &sl);
	/* no split; the join (no story starts at "School wins") still holds */
	assert_int_equal(sl.n, 1);
	assert_int_equal(sl.stories[0].count, 6);
	storylist_free(&sl);

	/* splitting where it was joined undoes the join */
	parse(&sl, three);
	state_apply(s, &sl);
	assert_int_equal(state_split(s, &sl.stories[1], 2, msg, sizeof msg), 0);
	state_apply(s, &sl);
	assert_int_equal(sl.n, 4);
	assert_string_equal(first_text(&sl, 2), "School wins national chess title for the third year running.");
	storylist_free(&sl);
	state_close(s);
}

/* Corrections and marks of another dump do not touch this one, and the
 * read-only helper of the printing modes applies the saved ones. */
static void test_apply_saved(void **st)
{
	struct storylist sl = { 0 };
	struct state *s;
	char msg[512];

	(void)st;
	parse(&sl, three);
	s = state_open(NULL, 0, msg, sizeof msg);
	state_split(s, &sl.stories[0], 1, msg, sizeof msg);
	assert_int_equal(state_save(s, msg, sizeof msg), 0);
	state_close(s);
	storylist_free(&sl);

	parse(&sl, three);
	state_apply_saved(&sl, 1, msg, sizeof msg);	/* --no-state */
	assert_int_equal(sl.n, 3);
	state_apply_saved(&sl, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_int_equal(sl.n, 4);
	assert_int_equal(sl.stories[1].first, 1);
	storylist_free(&sl);

	/* a document of another name is another dump */
	char err[256];
	struct doc *d = input_from_bytes("other", three, sizeof three - 1, err, sizeof err);
	struct rules *r = test_rules();

	parse_doc(&sl, d, r, SEG_EXPLICIT);
	rules_free(r);
	state_apply_saved(&sl, 0, msg, sizeof msg);
	assert_int_equal(sl.n, 3);
	storylist_free(&sl);
}

/* Temporary files left by a killed save are removed; others are not. */
static void test_stale_temporaries(void **st)
{
	char p1[4400], p2[4400], p3[4400];
	struct state *s;
	struct stat sb;

	(void)st;
	free(first_state(NULL));
	snprintf(p1, sizeof p1, "%s.az09AZ", statepath);	/* the letters and digits' ends */
	snprintf(p2, sizeof p2, "%s.Ab12y", statepath);
	snprintf(p3, sizeof p3, "%s.bad-20260101T000000", statepath);
	spit(p1, "tnews-state 1\n", 14);
	spit(p2, "x", 1);
	spit(p3, "x", 1);
	s = state_open(NULL, STATE_READONLY, NULL, 0);
	state_close(s);
	assert_int_equal(stat(p1, &sb), 0);	/* read-only: left alone */
	s = state_open(NULL, 0, NULL, 0);
	assert_true(state_is_read(s, key_of(1)));
	state_close(s);
	assert_int_equal(stat(p1, &sb), -1);
	assert_int_equal(stat(p2, &sb), 0);
	assert_int_equal(stat(p3, &sb), 0);
	/* a name of the right length with one byte that is not a letter or
	 * a digit (each just outside a range) is not a temporary */
	for (const char *c = "`{@[:"; *c; c++) {
		snprintf(p2, sizeof p2, "%s.ab%ccde", statepath, *c);
		spit(p2, "x", 1);
		s = state_open(NULL, 0, NULL, 0);
		state_close(s);
		assert_int_equal(stat(p2, &sb), 0);
	}
}

/* --no-state: marks work in memory, nothing is read or written. */
static void test_no_state(void **st)
{
	struct state *s;
	char msg[512];
	struct stat sb;

	(void)st;
	free(first_state(NULL));
	s = state_open(NULL, STATE_NONE, msg, sizeof msg);
	assert_null(state_path(s));
	assert_false(state_is_read(s, key_of(1)));	/* not read */
	state_mark(s, key_of(5), 1);
	assert_true(state_is_read(s, key_of(5)));
	assert_int_equal(state_save(s, msg, sizeof msg), 0);
	state_close(s);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_false(state_is_read(s, key_of(5)));
	assert_true(state_is_read(s, key_of(1)));
	state_close(s);
	/* a read-only handle reads but never writes */
	spit(statepath, "junk\n", 5);
	s = state_open(NULL, STATE_READONLY, msg, sizeof msg);
	assert_non_null(strstr(msg, "not a tnews state file"));
	assert_null(bad_file());
	state_mark(s, key_of(5), 1);
	assert_int_equal(state_save(s, msg, sizeof msg), -1);
	state_close(s);
	assert_int_equal(stat(statepath, &sb), 0);
	assert_int_equal(sb.st_size, 5);
}

/* The size of a file, -1 if there is none. */
static long file_size(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0 ? (long)sb.st_size : -1;
}

/* A save after the first appends just the change to the journal and
 * leaves the file alone; opening reads both; a fold moves the journal
 * into the file; another instance's fold does not lose a journal. */
static void test_journal(void **st)
{
	char journal[4300], msg[512], *before, *after;
	struct state *a, *b, *c;
	size_t n1, n2;

	(void)st;
	snprintf(journal, sizeof journal, "%s.journal", statepath);
	before = first_state(&n1);
	assert_int_equal(file_size(journal), -1);
	a = state_open(NULL, 0, msg, sizeof msg);
	b = state_open(NULL, 0, msg, sizeof msg);
	state_mark(a, key_of(2), 1);
	assert_int_equal(state_save(a, msg, sizeof msg), 0);
	long j1 = file_size(journal);

	assert_true(j1 > 0 && j1 < 100);
	state_mark(a, key_of(3), 1);
	assert_int_equal(state_save(a, msg, sizeof msg), 0);
	long j2 = file_size(journal);

	assert_true(j2 > j1 && j2 - j1 < 64);	/* a few dozen bytes a mark */
	after = slurp(statepath, &n2);
	assert_int_equal(n1, n2);
	assert_memory_equal(before, after, n1);
	free(after);
	c = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_int_equal(state_read_count(c), 3);
	state_close(c);
	/* b saves: it merges a's journal in */
	state_mark(b, key_of(4), 1);
	assert_int_equal(state_save(b, msg, sizeof msg), 0);
	assert_true(state_is_read(b, key_of(3)));
	/* a folds; then b appends again and c sees everything */
	assert_int_equal(state_fold(a, msg, sizeof msg), 0);
	assert_int_equal(file_size(journal), -1);
	after = slurp(statepath, NULL);
	assert_non_null(strstr(after, key_of(4)));
	free(after);
	state_mark(b, key_of(5), 1);
	assert_int_equal(state_save(b, msg, sizeof msg), 0);
	c = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_int_equal(state_read_count(c), 5);
	state_close(c);
	/* folding with nothing to do writes nothing */
	state_close(a);
	a = state_open(NULL, 0, msg, sizeof msg);
	state_close(b);
	assert_int_equal(state_fold(a, msg, sizeof msg), 0);	/* b's journal */
	assert_int_equal(file_size(journal), -1);
	assert_int_equal(state_fold(a, msg, sizeof msg), 0);
	state_close(a);
	free(before);
}

/* A journal whose last append a kill cut short: the torn line is no
 * damage, and the next append cuts it off; a bad line inside it is
 * damage: the journal is set aside and its good records kept. */
static void test_journal_torn(void **st)
{
	char journal[4300], msg[512], *text;
	struct state *s;

	(void)st;
	snprintf(journal, sizeof journal, "%s.journal", statepath);
	free(first_state(NULL));
	static const char torn[] =
		"tnews-state 1\n"
		"read 5 000000000000feed0000000000000002\n"
		"read 6 000000000000feed00000";
	spit(journal, torn, sizeof torn - 1);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_true(state_is_read(s, key_of(2)));
	assert_int_equal(state_read_count(s), 2);
	state_mark(s, key_of(3), 1);
	assert_int_equal(state_save(s, msg, sizeof msg), 0);
	state_close(s);
	text = slurp(journal, NULL);
	assert_null(strstr(text, "feed00000r"));
	assert_non_null(strstr(text, "0000000000000002\nread "));
	assert_int_equal(text[strlen(text) - 1], '\n');
	free(text);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_int_equal(state_read_count(s), 3);
	state_close(s);

	static const char bad[] =
		"tnews-state 1\n"
		"read 5 000000000000feed0000000000000007\n"
		"read x 000000000000feed0000000000000008\n"
		"read 6 000000000000feed0000000000000009\n";
	spit(journal, bad, sizeof bad - 1);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_non_null(strstr(msg, "damaged"));
	assert_non_null(strstr(msg, journal));
	assert_true(state_is_read(s, key_of(7)));
	assert_true(state_is_read(s, key_of(9)));
	assert_int_equal(file_size(journal), -1);	/* set aside */
	assert_int_equal(count_files("state.journal.bad-"), 1);
	assert_int_equal(state_save(s, msg, sizeof msg), 0);	/* folds */
	state_close(s);
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_true(state_is_read(s, key_of(7)));
	assert_true(state_is_read(s, key_of(1)));
	state_close(s);
}

/* A journal grown past its limit is folded by the save, so it never
 * grows without end. */
static void test_journal_folds(void **st)
{
	char journal[4300];
	struct state *s;

	(void)st;
	snprintf(journal, sizeof journal, "%s.journal", statepath);
	free(first_state(NULL));
	s = state_open(NULL, 0, NULL, 0);
	state_mark(s, key_of(2), 1);
	assert_int_equal(state_save(s, NULL, 0), 0);
	assert_true(file_size(journal) > 0);
	for (unsigned i = 0; i < 6000; i++)	/* 330 KB of records */
		state_mark(s, key_of(100 + i), 1);
	assert_int_equal(state_save(s, NULL, 0), 0);
	assert_int_equal(file_size(journal), -1);
	assert_true(file_size(statepath) > 6000 * 50);
	state_close(s);
	s = state_open(NULL, 0, NULL, 0);
	assert_int_equal(state_read_count(s), 6002);
	state_close(s);
}

/* A valid file of any size is read (there is no cap). */
static void test_big_file(void **st)
{
	char line[16001], msg[512];
	struct state *s;
	FILE *f;

	(void)st;
	free(first_state(NULL));
	f = fopen(statepath, "w");
	assert_non_null(f);
	memset(line, 'x', sizeof line - 1);
	line[0] = '#';
	line[sizeof line - 1] = '\0';
	fprintf(f, "tnews-state 1\n");
	for (int i = 0; i < 4300; i++)	/* 68 MB */
		fprintf(f, "%s\n", line);
	fprintf(f, "read 5 %s\n", key_of(3));
	assert_int_equal(fclose(f), 0);
	assert_true(file_size(statepath) > (64L << 20));
	s = state_open(NULL, 0, msg, sizeof msg);
	assert_string_equal(msg, "");
	assert_true(state_is_read(s, key_of(3)));
	state_close(s);
}

/* Random bytes, mutated files, huge lines and missing fields never
 * crash; whatever was read, the next save writes a clean file. */
static void test_fuzz(void **st)
{
	static const char good[] =
		"tnews-state 1\n"
		"pos 10 /a%20b 000000000000feed0000000000000001 3\n"
		"split 11 /a%20b 00000000deadbeef 7\n"
		"join 12 /a%20b 00000000deadbeee 9\n"
		"read 13 000000000000feed0000000000000001\n"
		"unread 14 000000000000feed0000000000000002\n"
		"x-y 1\n";
	static const char *lines[] = {
		"read", "read 1", "read 1 ", "read  1 000000000000feed0000000000000001",
		"read -1 000000000000feed0000000000000001",
		"read 99999999999999999999 000000000000feed0000000000000001",
		"read 1 000000000000FEED0000000000000001", "pos 1 /x", "pos 1 x k 1",
		"pos 1 /%zz 000000000000feed0000000000000001 1",
		"pos 1 /%00 000000000000feed0000000000000001 1",
		"pos 1 /% 000000000000feed0000000000000001 1",
		"pos 1 /a 000000000000feed0000000000000001 4294967296",
		"split 1 /a 0123 1", "join 1 /a 00000000deadbeef", "Read 1 x", "\t",
		"read 1 000000000000feed0000000000000001 extra", "\xFF\xFE", "-",
	};
	unsigned seed = 12345;
	char msg[512];

	(void)st;
	for (int round = 0; round < 400; round++) {
		size_t n = 0, cap = 1 << 16;
		char *buf = malloc(cap + (1 << 20) + 64);
		int kind = round % 5;

		assert_non_null(buf);
		if (kind == 0) {		/* random bytes, maybe after a header */
			if (round & 8)
				n += (size_t)sprintf(buf, "tnews-state 1\n");
			size_t len = (size_t)(rand_r(&seed) % 2000);

			for (size_t i = 0; i < len; i++)
				buf[n++] = (char)(rand_r(&seed) % (round & 16 ? 256 : 128));
		} else if (kind == 1) {		/* a good file mutated */
			memcpy(buf, good, sizeof good - 1);
			n = sizeof good - 1;
			for (int k = rand_r(&seed) % 4; k >= 0; k--)
				buf[rand_r(&seed) % n] = (char)(rand_r(&seed) % 256);
			if (round & 2)
				n = (size_t)(rand_r(&seed) % (int)n);
		} else if (kind == 2) {		/* bad lines among good ones */
			n += (size_t)sprintf(buf, "tnews-state 1\n");
			for (int k = 0; k < 6; k++) {
				const char *l = lines[rand_r(&seed) % (sizeof lines / sizeof *lines)];

				n += (size_t)sprintf(buf + n, "%s\n", l);
			}
		} else if (kind == 3) {		/* a huge line */
			n += (size_t)sprintf(buf, "tnews-state 1\npos 1 /");
			memset(buf + n, round & 2 ? 'a' : '%', 1 << 20);
			n += 1 << 20;
			buf[n++] = '\n';
		} else {			/* odd headers */
			static const char *heads[] = {
				"tnews-state", "tnews-state \n", "tnews-state 0\n",
				"tnews-state 01\n", "tnews-state 1", "tnews-state 1x\n",
				"tnews-state 9999999999\n", "", "\n", "tnews-state 3\nread\n",
			};
			const char *h = heads[round / 5 % (sizeof heads / sizeof *heads)];

			n = strlen(h);
			memcpy(buf, h, n);
		}
		spit(statepath, buf, n);
		free(buf);
		struct state *s = state_open(NULL, 0, msg, sizeof msg);

		assert_non_null(s);
		state_mark(s, key_of(7), 1);
		int r = state_save(s, msg, sizeof msg);

		state_close(s);
		if (r < 0) {	/* only a newer format refuses to be saved over */
			assert_non_null(strstr(msg, "newer"));
		} else {
			s = state_open(NULL, 0, msg, sizeof msg);
			assert_string_equal(msg, "");
			assert_true(state_is_read(s, key_of(7)));
			state_close(s);
		}
		remove(statepath);
		while (bad_file())
			remove(bad_file());
	}
}

/* --stress PATH: mark key i and save, for ever; print i+1 after each
 * successful save. */
static int stress(const char *path)
{
	struct state *s = state_open(path, 0, NULL, 0);
	char msg[512];

	for (unsigned i = 0; ; i++) {
		state_mark(s, key_of(i), 1);
		if (state_save(s, msg, sizeof msg) < 0) {
			fprintf(stderr, "%s\n", msg);
			return 1;
		}
		printf("%u\n", i + 1);
		fflush(stdout);
	}
}

/* --check PATH N: the file opens with no warning and marks 0..N-1. */
static int check(const char *path, const char *count)
{
	char msg[512];
	struct state *s = state_open(path, STATE_READONLY, msg, sizeof msg);
	unsigned n = (unsigned)strtoul(count, NULL, 10);
	int bad = 0;

	if (*msg) {
		fprintf(stderr, "%s\n", msg);
		bad = 1;
	}
	for (unsigned i = 0; i < n; i++)
		if (!state_is_read(s, key_of(i))) {
			fprintf(stderr, "mark %u lost\n", i);
			bad = 1;
			break;
		}
	state_close(s);
	return bad;
}

int main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_key_normalised, setup, teardown),
		cmocka_unit_test_setup_teardown(test_key_stable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_default_path, setup, teardown),
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_resume_moves, setup, teardown),
		cmocka_unit_test_setup_teardown(test_two_handles, setup, teardown),
		cmocka_unit_test_setup_teardown(test_processes, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unwritable, setup, teardown),
		cmocka_unit_test_setup_teardown(test_full_disk, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damaged_at_save, setup, teardown),
		cmocka_unit_test_setup_teardown(test_unknown_kept, setup, teardown),
		cmocka_unit_test_setup_teardown(test_odd_dump_names, setup, teardown),
		cmocka_unit_test_setup_teardown(test_split_join, setup, teardown),
		cmocka_unit_test_setup_teardown(test_apply_saved, setup, teardown),
		cmocka_unit_test_setup_teardown(test_stale_temporaries, setup, teardown),
		cmocka_unit_test_setup_teardown(test_no_state, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_torn, setup, teardown),
		cmocka_unit_test_setup_teardown(test_journal_folds, setup, teardown),
		cmocka_unit_test_setup_teardown(test_big_file, setup, teardown),
		cmocka_unit_test_setup_teardown(test_fuzz, setup, teardown),
	};

	if (argc == 3 && !strcmp(argv[1], "--stress"))
		return stress(argv[2]);
	if (argc == 4 && !strcmp(argv[1], "--check"))
		return check(argv[2], argv[3]);
	return cmocka_run_group_tests(tests, NULL, NULL);
}
