/* SPDX-License-Identifier: MIT */
/* readfile.c - reading files in bounded memory without blocking */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "readfile.h"

/* Bytes read at a time from a file whose size is not known. */
#define CHUNK 65536

int size_parse(const char *s, size_t *out)
{
	size_t v = 0, mul = 1;
	const char *p = s;

	if (*p < '0' || *p > '9')
		return -1;
	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (SIZE_MAX - (size_t)(*p - '0')) / 10)
			return -1;
		v = v * 10 + (size_t)(*p - '0');
	}
	switch (*p) {
	case 'k': case 'K': mul = (size_t)1 << 10; p++; break;
	case 'm': case 'M': mul = (size_t)1 << 20; p++; break;
	case 'g': case 'G': mul = (size_t)1 << 30; p++; break;
	default: break;
	}
	if (*p == 'b' || *p == 'B')
		p++;
	if (*p || v == 0 || v > SIZE_MAX / mul)
		return -1;
	*out = v * mul;
	return 0;
}

void size_format(size_t size, char *buf, size_t len)
{
	static const char units[] = "GMK";

	for (int i = 0; i < 3; i++) {
		size_t u = (size_t)1 << (10 * (3 - i));

		if (size >= u && size % u == 0) {
			snprintf(buf, len, "%zu%c", size / u, units[i]);
			return;
		}
	}
	snprintf(buf, len, "%zu", size);
}

/* Say that the file is larger than max. */
static void too_large(size_t max, char *err, size_t errlen)
{
	char sz[32];

	size_format(max, sz, sizeof sz);
	snprintf(err, errlen, "larger than %s, not read", sz);
	errno = EFBIG;
}

/* Read fd to its end into out, failing past max bytes; 0 or -1. */
static int read_capped(int fd, size_t max, struct sbuf *out, char *err, size_t errlen)
{
	char buf[CHUNK];
	size_t got = 0;

	for (;;) {
		ssize_t r = read(fd, buf, sizeof buf);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0) {
			snprintf(err, errlen, "%s", strerror(errno));
			return -1;
		}
		if (r == 0)
			return 0;
		got += (size_t)r;
		if (got > max) {
			too_large(max, err, errlen);
			return -1;
		}
		sbuf_add(out, buf, (size_t)r);
	}
}

int readfile_small(const char *path, size_t max, struct sbuf *out,
		   char *err, size_t errlen)
{
	/* O_NONBLOCK: opening a FIFO with no writer does not wait for one */
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat st;
	int r = -1, e;

	if (fd < 0) {
		e = errno;
		snprintf(err, errlen, "%s", strerror(e));
		errno = e;
		return -1;
	}
	if (fstat(fd, &st) < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		e = errno;
	} else if (S_ISDIR(st.st_mode)) {
		snprintf(err, errlen, "%s", strerror(EISDIR));
		e = EISDIR;
	} else if (!S_ISREG(st.st_mode) && !S_ISFIFO(st.st_mode)) {
		snprintf(err, errlen, "not a regular file, not read");
		e = EINVAL;
	} else if (S_ISREG(st.st_mode) && (uintmax_t)st.st_size > max) {
		too_large(max, err, errlen);
		e = EFBIG;
	} else {
		/* a FIFO with no writer reads as empty even when blocking */
		fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK);
		r = read_capped(fd, max, out, err, errlen);
		e = errno;
	}
	close(fd);
	errno = e;
	return r;
}
