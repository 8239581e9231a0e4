/* SPDX-License-Identifier: MIT */
/* fdio.h - the one write_all */
#ifndef TNEWS_FDIO_H
#define TNEWS_FDIO_H

#include <stddef.h>

/* Write all n bytes of buf to fd, again after EINTR; 0, or -1 with
 * errno (ENOSPC for a write that wrote nothing). */
int write_all(int fd, const void *buf, size_t n);

#endif
