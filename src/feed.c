/* SPDX-License-Identifier: MIT */
/* feed.c - RSS and Atom feeds (not yet) */
#include <config.h>

#include <stdio.h>

#include "feed.h"

struct doc *feed_read(const char *name, const char *p, size_t n,
		      char *err, size_t errlen)
{
	(void)name; (void)p; (void)n;
	snprintf(err, errlen, "feeds are not read yet");
	return NULL;
}
