/* SPDX-License-Identifier: MIT */
/* dirlist.h - the files to read, with each directory named replaced by
 * the dumps in it, newest first (tnews DIR) */
#ifndef TNEWS_DIRLIST_H
#define TNEWS_DIRLIST_H

#include <stddef.h>

/* The expanded list of files. */
struct dirlist {
	const char **names;	/* the files, in order */
	size_t n;
	char **owned;		/* the names made here (a directory's files) */
	size_t nowned;
};

/* Fill dl from the n names given: a directory becomes its regular files
 * whose names do not start with '.', the most recently modified first
 * (then by name); anything else stays as given (a directory that cannot
 * be read too, for the reader of files to report). */
void dirlist_expand(struct dirlist *dl, const char *const *names, size_t n);
void dirlist_free(struct dirlist *dl);

#endif
