/* SPDX-License-Identifier: MIT */
/* state_store.c - the state's files: reading them in a streaming pass,
 * the lock, appending to the journal and folding it into the state file
 * by an atomic rewrite.  The format is described in state_format.c. */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "fdio.h"
#include "state_int.h"
#include "xmalloc.h"

#define LOCK_WAIT_MS 3000
#define READ_PIECE (1 << 20)		/* bytes read at a time */
#define JOURNAL_MIN (256L << 10)	/* a journal this small is never folded */
#define MARK_BYTES 56			/* size of a read record, to size tables */

/* Rename a bad state file to PATH.bad-TIMESTAMP; 0, or -1 with errno. */
static int set_aside(const char *path, char *newname, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;
	char ts[32];

	localtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y%m%dT%H%M%S", &tm);
	for (int i = 0; i < 100; i++) {
		struct stat sb;

		if (i)
			snprintf(newname, len, "%s.bad-%s-%d", path, ts, i);
		else
			snprintf(newname, len, "%s.bad-%s", path, ts);
		if (lstat(newname, &sb) < 0 && errno == ENOENT)
			return rename(path, newname);
	}
	errno = EEXIST;
	return -1;
}

/* The directory part of path, malloc'd ("." if none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xmemdup(path, (size_t)(slash - path));
}

/* Make directory dir and its parents (mode 0700); 0 or -1 with errno. */
static int mkdirs(const char *dir)
{
	char *p = xstrdup(dir);
	int r = 0;

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			r = -1;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	if (r == 0) {
		struct stat sb;

		if (stat(dir, &sb) < 0)
			r = -1;
		else if (!S_ISDIR(sb.st_mode)) {
			errno = ENOTDIR;
			r = -1;
		}
	}
	free(p);
	return r;
}

/* Take the lock of path: the fd of PATH.lock, or -1 with errno. */
static int take_lock(const char *path, int create)
{
	struct sbuf b = { 0 };
	int fd;

	sbuf_printf(&b, "%s.lock", path);
	fd = open(b.p, O_RDWR | O_CLOEXEC | O_NOCTTY | (create ? O_CREAT : 0), 0600);
	sbuf_free(&b);
	if (fd < 0)
		return -1;
	for (int waited = 0; ; waited += 10) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		if (waited >= LOCK_WAIT_MS) {
			errno = EWOULDBLOCK;
			break;
		}
		struct timespec ts = { 0, 10 * 1000000L };

		nanosleep(&ts, NULL);
	}
	int e = errno;

	close(fd);
	errno = e;
	return -1;
}

/* Remove the temporary files a killed save left beside path (PATH.XXXXXX;
 * only ever made under the lock, so any seen under it are stale). */
static void remove_stale(const char *path)
{
	char *dir = dir_of(path);
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		const char *n = e->d_name;

		if (strlen(n) != blen + 7 || strncmp(n, base, blen) || n[blen] != '.')
			continue;
		size_t i;

		for (i = blen + 1; n[i]; i++)
			if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= 'A' && n[i] <= 'Z') ||
			      (n[i] >= '0' && n[i] <= '9')))
				break;
		if (n[i])
			continue;
		struct sbuf b = { 0 };

		sbuf_printf(&b, "%s/%s", dir, n);
		unlink(b.p);
		sbuf_free(&b);
	}
	if (d)
		closedir(d);
	free(dir);
}

/* Release a lock taken by take_lock. */
static void drop_lock(int fd)
{
	if (fd >= 0)
		close(fd);	/* closing releases the flock */
}

/* Write text to path atomically: a temporary file in its directory,
 * fsync, rename, fsync of the directory.  0, or -1 with msg. */
static int write_atomic(const char *path, const char *text, size_t n, char *msg,
			size_t msglen)
{
	struct sbuf tmp = { 0 };
	char *dir = dir_of(path);
	int fd, r = -1;

	sbuf_printf(&tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp.p);
	if (fd < 0) {
		state_pathmsg(msg, msglen, path, "cannot save", errno);
		goto out;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (write_all(fd, text, n) < 0 || fsync(fd) < 0) {
		state_pathmsg(msg, msglen, path, "cannot save", errno);
		close(fd);
		unlink(tmp.p);
		goto out;
	}
	if (close(fd) < 0) {
		state_pathmsg(msg, msglen, path, "cannot save", errno);
		unlink(tmp.p);
		goto out;
	}
	if (rename(tmp.p, path) < 0) {
		state_pathmsg(msg, msglen, path, "cannot save", errno);
		unlink(tmp.p);
		goto out;
	}
	fd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
	if (fd >= 0) {
		if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS && errno != EBADF) {
			state_pathmsg(msg, msglen, dir, "cannot sync the directory", errno);
			close(fd);
			goto out;
		}
		close(fd);
	}
	r = 0;
out:
	sbuf_free(&tmp);
	free(dir);
	return r;
}


/* ---- reading ---- */

/* Remember which file sb describes. */
static void file_id_set(struct file_id *id, const struct stat *sb)
{
	id->dev = sb->st_dev;
	id->ino = sb->st_ino;
	id->size = sb->st_size;
	id->mtime_ns = (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
	id->known = 1;
}

/* Whether sb describes the file id, unchanged. */
static int file_id_same(const struct file_id *id, const struct stat *sb)
{
	return id->known && id->dev == sb->st_dev && id->ino == sb->st_ino &&
		id->size == sb->st_size &&
		id->mtime_ns == (int64_t)sb->st_mtim.tv_sec * 1000000000 + sb->st_mtim.tv_nsec;
}

/* Open a state file or journal for reading: its fd and *sb; -1 with
 * RD_MISSING or RD_ERROR (and a reason) in *r. */
static int open_state_file(const char *path, struct stat *sb, enum read_result *r,
			   char *why, size_t whylen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);

	if (fd < 0) {
		*r = errno == ENOENT ? RD_MISSING : RD_ERROR;
		state_msg(why, whylen, "cannot read it: %s", strerror(errno));
		return -1;
	}
	if (fstat(fd, sb) < 0 || !S_ISREG(sb->st_mode)) {
		state_msg(why, whylen, "cannot read it: %s",
			  S_ISREG(sb->st_mode) ? strerror(errno) : "not a regular file");
		close(fd);
		*r = RD_ERROR;
		return -1;
	}
	return fd;
}

/* Feed everything left in fd to r, a piece at a time; the number of
 * bytes read, or -1 with a reason. */
static off_t read_pieces(int fd, struct state_reader *r, char *why, size_t whylen)
{
	char *buf = xmalloc(READ_PIECE);
	off_t total = 0;

	for (;;) {
		ssize_t k = read(fd, buf, READ_PIECE);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			state_msg(why, whylen, "cannot read it: %s", strerror(errno));
			total = -1;
			break;
		}
		if (k == 0)
			break;
		reader_feed(r, buf, (size_t)k);
		total += k;
	}
	free(buf);
	return total;
}

/* Read the state file at path into c in one streaming pass, and note
 * which file it was in *id.  RD_MISSING if there is none; RD_ERROR with
 * a reason if it cannot be read; else as reader_finish. */
static enum read_result read_main(struct contents *c, const char *path, int skip_marks,
				  struct file_id *id, char *why, size_t whylen)
{
	struct state_reader r;
	enum read_result res;
	struct stat sb;
	int fd = open_state_file(path, &sb, &res, why, whylen);

	id->known = 0;
	if (fd < 0)
		return res;
	if (!skip_marks)
		contents_reserve(c, (size_t)sb.st_size / MARK_BYTES);
	reader_init(&r, c, 0);
	r.skip_marks = skip_marks;
	if (read_pieces(fd, &r, why, whylen) < 0) {
		close(fd);
		reader_finish(&r);
		return RD_ERROR;
	}
	close(fd);
	file_id_set(id, &sb);
	res = reader_finish(&r);
	if (res != RD_OK)
		state_msg(why, whylen, "%s", r.why);
	return res;
}

/* The journal's path beside the state file, malloc'd. */
static char *journal_path(const char *path)
{
	struct sbuf b = { 0 };

	sbuf_printf(&b, "%s.journal", path);
	return b.p;
}

/* Read the journal of st into c: from where the last read stopped if it
 * is the same file, else from its start.  Sets st's journal identity
 * and journal_read to the end of its last whole line.  As read_main. */
static enum read_result read_journal(struct state *st, struct contents *c, int skip_marks,
				     char *why, size_t whylen)
{
	char *jp = journal_path(st->path);
	struct state_reader r;
	enum read_result res;
	struct stat sb;
	int fd = open_state_file(jp, &sb, &res, why, whylen);
	off_t start = 0, got;

	free(jp);
	if (fd < 0) {
		st->journal_id.known = 0;
		st->journal_read = 0;
		return res;
	}
	reader_init(&r, c, 1);
	r.skip_marks = skip_marks;
	if (st->journal_id.known && st->journal_id.dev == sb.st_dev &&
	    st->journal_id.ino == sb.st_ino && sb.st_size >= st->journal_read &&
	    st->journal_read > 0) {
		start = st->journal_read;
		r.header = 1;
	}
	if (start && lseek(fd, start, SEEK_SET) < 0)
		start = 0, r.header = 0;
	got = read_pieces(fd, &r, why, whylen);
	close(fd);
	st->journal_id.known = 0;
	if (got < 0) {
		reader_finish(&r);
		return RD_ERROR;
	}
	st->journal_read = start + got - (off_t)r.partial;
	sb.st_size = start + got;
	file_id_set(&st->journal_id, &sb);
	res = reader_finish(&r);
	if (res != RD_OK)
		state_msg(why, whylen, "%s", r.why);
	return res;
}

/* Deal with a bad file (the state file or its journal, at file) found
 * while reading it (under the lock unless read-only): set it aside, and
 * say so in msg; the next save then rewrites the state file. */
static void handle_bad(struct state *st, const char *file, enum read_result r,
		       const char *why, char *msg, size_t msglen)
{
	char *p = state_shown(file);
	char newname[PATH_MAX + 64];

	if (r == RD_NEWER) {
		char text[512];

		snprintf(text, sizeof text, "%s: %s; not saving read marks", p, why);
		state_msg(msg, msglen, "%s", text);
		free(st->why_readonly);
		st->why_readonly = xstrdup(text);
	} else if (r == RD_ERROR) {
		state_msg(msg, msglen, "%s: %s", p, why);
	} else if (st->flags & STATE_READONLY) {
		state_msg(msg, msglen, "%s: %s; %s", p, why,
			  r == RD_DAMAGED ? "using its good lines" : "ignored");
	} else if (set_aside(file, newname, sizeof newname) < 0) {
		state_msg(msg, msglen, "%s: %s; cannot set it aside: %s", p, why,
			  strerror(errno));
	} else {
		char *q = state_shown(newname);

		state_msg(msg, msglen, "%s: %s; moved to %s", p, why, q);
		free(q);
		st->dirty = 1;	/* write the good records back */
		st->fold = 1;
	}
	free(p);
}

/* Handle what reading a file at open gave: set a damaged or foreign
 * one aside (not without the lock), refuse a newer one. */
static void opened_bad(struct state *st, const char *file, enum read_result r,
		       const char *why, int locked, char *msg, size_t msglen)
{
	if ((r == RD_DAMAGED || r == RD_FOREIGN) && !locked &&
	    !(st->flags & STATE_READONLY)) {
		/* no lock (a read-only directory?): leave the file be */
		char *p = state_shown(file);

		state_msg(msg, msglen, "%s: %s; left as it is", p, why);
		free(p);
	} else if (r != RD_OK && r != RD_MISSING) {
		handle_bad(st, file, r, why, msg, msglen);
	}
}

struct state *store_open(const char *path, int flags, int skip_marks, char *msg,
			 size_t msglen)
{
	struct state *st = xcalloc(1, sizeof *st);
	char why[256] = "", *jp;
	enum read_result r;
	int lock = -1;

	state_msg(msg, msglen, "%s", "");
	st->flags = flags;
	if (flags & STATE_NONE)
		return st;
	st->path = path ? xstrdup(path) : state_default_path();
	if (!st->path) {
		state_msg(msg, msglen, "no state directory (set HOME or XDG_STATE_HOME); "
			  "read marks will not be saved");
		return st;
	}
	if (!(flags & STATE_READONLY))
		lock = take_lock(st->path, 1);	/* fails harmlessly without a directory */
	if (lock >= 0)
		remove_stale(st->path);
	r = read_main(&st->c, st->path, skip_marks, &st->main_id, why, sizeof why);
	if (r == RD_FOREIGN || r == RD_NEWER)
		contents_free(&st->c);
	opened_bad(st, st->path, r, why, lock >= 0, msg, msglen);
	if (r != RD_NEWER && r != RD_ERROR) {
		jp = journal_path(st->path);
		r = read_journal(st, &st->c, skip_marks, why, sizeof why);
		opened_bad(st, jp, r, why, lock >= 0, msg, msglen);
		free(jp);
	}
	drop_lock(lock);
	st->clock = st->c.maxstamp;
	return st;
}

/* ---- saving ---- */

/* Bring st up to date with the files under the lock: re-read the state
 * file if another instance rewrote it, then the journal's new records.
 * 0, 1 with a warning in msg (a bad file set aside), or -1 with msg. */
static int catch_up(struct state *st, char *msg, size_t msglen)
{
	char why[256] = "", *jp;
	enum read_result r;
	struct stat sb;
	int ret = 0;

	if (stat(st->path, &sb) < 0 || !file_id_same(&st->main_id, &sb)) {
		struct contents disk = { 0 };

		r = read_main(&disk, st->path, 0, &st->main_id, why, sizeof why);
		if (r == RD_ERROR || r == RD_NEWER) {
			char *p = state_shown(st->path);

			if (r == RD_ERROR)
				state_msg(msg, msglen, "%s: %s; not saving over it", p, why);
			else
				handle_bad(st, st->path, r, why, msg, msglen);
			free(p);
			contents_free(&disk);
			return -1;
		}
		if (r == RD_DAMAGED || r == RD_FOREIGN) {
			handle_bad(st, st->path, r, why, msg, msglen);
			ret = 1;
		}
		if (r == RD_MISSING || r == RD_FOREIGN)
			st->fold = 1;	/* write a whole file */
		if (r == RD_OK || r == RD_DAMAGED)
			contents_merge(&st->c, &disk, 1);
		contents_free(&disk);
		st->journal_id.known = 0;	/* a rewrite: its journal from the start */
		st->journal_read = 0;
	}
	jp = journal_path(st->path);
	r = read_journal(st, &st->c, 0, why, sizeof why);
	if (r == RD_ERROR || r == RD_NEWER) {
		char *p = state_shown(jp);

		if (r == RD_ERROR)
			state_msg(msg, msglen, "%s: %s; not saving over it", p, why);
		else
			handle_bad(st, jp, r, why, msg, msglen);
		free(p);
		free(jp);
		return -1;
	}
	if (r == RD_DAMAGED || r == RD_FOREIGN) {
		handle_bad(st, jp, r, why, msg, msglen);
		st->journal_id.known = 0;
		st->journal_read = 0;
		ret = 1;
	}
	free(jp);
	return ret;
}

/* The records changed since the last save, into b. */
static void format_pending(struct state *st, struct sbuf *b)
{
	for (size_t i = 0; i < st->npending; i++) {
		struct mark *m = contents_mark_find(&st->c, st->pending[i]);

		if (m)
			format_mark(b, m);
	}
	for (size_t i = 0; i < st->c.npos; i++)
		if (st->c.pos[i].pending)
			format_pos(b, &st->c.pos[i]);
	for (size_t i = 0; i < st->c.ncorr; i++)
		if (st->c.corr[i].pending)
			format_corr(b, &st->c.corr[i]);
}

/* Forget which records changed: they are saved. */
static void clear_pending(struct state *st)
{
	st->npending = 0;
	for (size_t i = 0; i < st->c.npos; i++)
		st->c.pos[i].pending = 0;
	for (size_t i = 0; i < st->c.ncorr; i++)
		st->c.corr[i].pending = 0;
	st->dirty = 0;
}

/* Append text to the journal (its first line first if it has none),
 * cutting off a torn last line first; 0, or -1 with msg and the
 * journal as it was. */
static int append_journal(struct state *st, const char *text, size_t n, char *msg,
			  size_t msglen)
{
	char *jp = journal_path(st->path);
	off_t good = st->journal_read;
	int fd = open(jp, O_WRONLY | O_CREAT | O_CLOEXEC | O_NOCTTY, 0600);
	struct sbuf head = { 0 };
	struct stat sb;
	int r = -1;

	if (fd < 0 || fstat(fd, &sb) < 0) {
		state_pathmsg(msg, msglen, st->path, "cannot save", errno);
		goto out;
	}
	if (good == 0)
		sbuf_printf(&head, "tnews-state %d\n", STATE_VERSION);
	if ((sb.st_size != good && ftruncate(fd, good) < 0) ||
	    lseek(fd, good, SEEK_SET) < 0 ||
	    (head.n && write_all(fd, head.p, head.n) < 0) ||
	    write_all(fd, text, n) < 0 || fsync(fd) < 0) {
		state_pathmsg(msg, msglen, st->path, "cannot save", errno);
		if (ftruncate(fd, good) < 0 || good == 0)
			unlink(jp);
		goto out;
	}
	if (fstat(fd, &sb) == 0) {
		file_id_set(&st->journal_id, &sb);
		st->journal_read = sb.st_size;
	}
	r = 0;
out:
	if (fd >= 0)
		close(fd);
	sbuf_free(&head);
	free(jp);
	return r;
}

/* Rewrite the state file with everything and remove the journal; 0, or
 * -1 with msg. */
static int fold(struct state *st, char *msg, size_t msglen)
{
	struct sbuf text = { 0 };
	struct stat sb;
	char *jp;
	int r;

	format_contents(&st->c, &text, state_now_us());
	r = write_atomic(st->path, text.p, text.n, msg, msglen);
	sbuf_free(&text);
	if (r < 0)
		return -1;
	jp = journal_path(st->path);
	unlink(jp);
	free(jp);
	st->journal_id.known = 0;
	st->journal_read = 0;
	st->main_id.known = 0;
	if (stat(st->path, &sb) == 0)
		file_id_set(&st->main_id, &sb);
	st->fold = 0;
	return 0;
}

/* Make the state file's directory; 0, or -1 with msg. */
static int make_dir(const char *path, char *msg, size_t msglen)
{
	char *dir = dir_of(path);
	int r = 0;

	if (mkdirs(dir) < 0) {
		int e = errno;
		char *p = state_shown(path), *d = state_shown(dir);

		state_msg(msg, msglen, "%s: cannot save: cannot make %s: %s", p, d,
			  strerror(e));
		free(p);
		free(d);
		r = -1;
	}
	free(dir);
	return r;
}

int store_save(struct state *st, int want_fold, char *msg, size_t msglen)
{
	struct sbuf text = { 0 };
	int lock, ret;

	state_msg(msg, msglen, "%s", "");
	if (!st->path || (st->flags & STATE_NONE) ||
	    !(st->dirty || (want_fold && st->journal_read > 0)))
		return 0;
	if (st->flags & STATE_READONLY) {
		char *p = state_shown(st->path);

		state_msg(msg, msglen, "%s: opened read-only; not saving", p);
		free(p);
		return -1;
	}
	if (st->why_readonly) {
		state_msg(msg, msglen, "%s", st->why_readonly);
		return -1;
	}
	if (make_dir(st->path, msg, msglen) < 0)
		return -1;
	lock = take_lock(st->path, 1);
	if (lock < 0) {
		state_pathmsg(msg, msglen, st->path, "cannot save", errno);
		return -1;
	}
	remove_stale(st->path);
	ret = catch_up(st, msg, msglen);
	if (ret >= 0) {
		off_t limit = st->main_id.known ? st->main_id.size / 4 : 0;

		format_pending(st, &text);
		if (limit < JOURNAL_MIN)
			limit = JOURNAL_MIN;
		if (want_fold || st->fold || st->journal_read + (off_t)text.n > limit) {
			char m2[512] = "";

			if (fold(st, ret ? m2 : msg, ret ? sizeof m2 : msglen) < 0) {
				if (ret)
					state_msg(msg, msglen, "%s", m2);
				ret = -1;
			}
		} else if (text.n) {
			char m2[512] = "";

			if (append_journal(st, text.p, text.n, ret ? m2 : msg,
					   ret ? sizeof m2 : msglen) < 0) {
				if (ret)
					state_msg(msg, msglen, "%s", m2);
				ret = -1;
			}
		}
		if (ret >= 0)
			clear_pending(st);
	}
	drop_lock(lock);
	sbuf_free(&text);
	return ret;
}
