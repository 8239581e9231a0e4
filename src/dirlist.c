/* SPDX-License-Identifier: MIT */
/* dirlist.c - the files to read, with each directory named replaced by
 * the dumps in it, newest first */
#include <config.h>

#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "dirlist.h"
#include "sbuf.h"
#include "xmalloc.h"

/* A file of a directory and when it was last modified. */
struct entry {
	char *path;
	long long mtime_ns;
};

/* Newest first, then by name. */
static int newest_first(const void *x, const void *y)
{
	const struct entry *a = x, *b = y;

	if (a->mtime_ns != b->mtime_ns)
		return a->mtime_ns > b->mtime_ns ? -1 : 1;
	return strcmp(a->path, b->path);
}

/* Append a name to the list. */
static void add(struct dirlist *dl, size_t *cap, const char *name)
{
	dl->names = xgrow(dl->names, cap, dl->n + 1, sizeof *dl->names);
	dl->names[dl->n++] = name;
}

/* The regular, not hidden files of directory dir, newest first, into
 * *out (*n of them); -1 if it cannot be read. */
static int read_dir(const char *dir, struct entry **out, size_t *n)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	size_t cap = 0;

	*out = NULL;
	*n = 0;
	if (!d)
		return -1;
	while ((e = readdir(d))) {
		struct sbuf p = { 0 };
		struct stat sb;

		if (e->d_name[0] == '.')
			continue;
		sbuf_printf(&p, "%s%s%s", dir, dir[strlen(dir) - 1] == '/' ? "" : "/", e->d_name);
		if (stat(p.p, &sb) < 0 || !S_ISREG(sb.st_mode)) {
			sbuf_free(&p);
			continue;
		}
		*out = xgrow(*out, &cap, *n + 1, sizeof **out);
		(*out)[(*n)++] = (struct entry){ p.p,
			(long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec };
	}
	closedir(d);
	if (*n)
		qsort(*out, *n, sizeof **out, newest_first);
	return 0;
}

void dirlist_expand(struct dirlist *dl, const char *const *names, size_t n)
{
	size_t cap = 0, ocap = 0;

	memset(dl, 0, sizeof *dl);
	for (size_t i = 0; i < n; i++) {
		struct stat sb;
		struct entry *es;
		size_t ne;

		if (strcmp(names[i], "-") == 0 || stat(names[i], &sb) < 0 ||
		    !S_ISDIR(sb.st_mode) || read_dir(names[i], &es, &ne) < 0) {
			add(dl, &cap, names[i]);
			continue;
		}
		for (size_t k = 0; k < ne; k++) {
			dl->owned = xgrow(dl->owned, &ocap, dl->nowned + 1, sizeof *dl->owned);
			dl->owned[dl->nowned++] = es[k].path;
			add(dl, &cap, es[k].path);
		}
		free(es);
	}
}

void dirlist_free(struct dirlist *dl)
{
	for (size_t i = 0; i < dl->nowned; i++)
		free(dl->owned[i]);
	free(dl->owned);
	free(dl->names);
	memset(dl, 0, sizeof *dl);
}
