/* SPDX-License-Identifier: MIT */
/* fdio.c - the one write_all */
#include <config.h>

#include <errno.h>
#include <unistd.h>

#include "fdio.h"

int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n) {
		ssize_t k = write(fd, p, n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0)
			return -1;
		if (k == 0) {
			errno = ENOSPC;
			return -1;
		}
		p += k;
		n -= (size_t)k;
	}
	return 0;
}
