/* SPDX-License-Identifier: MIT */
/* datadir.c - where the installed data files are */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "datadir.h"
#include "sbuf.h"
#include "xmalloc.h"

/* dir/name if that file is readable, else NULL. */
static char *try_path(const char *dir, const char *name)
{
	struct sbuf b = { 0 };

	if (!dir || !*dir)
		return NULL;
	sbuf_printf(&b, "%s/%s", dir, name);
	if (access(b.p, R_OK) == 0)
		return b.p;
	sbuf_free(&b);
	return NULL;
}

char *datadir_find(const char *name)
{
	char *p;

	if ((p = try_path(getenv("TNEWS_DATADIR"), name)))
		return p;
	return try_path(PKGDATADIR, name);
}

char *datadir_user_config(const char *name)
{
	const char *x = getenv("XDG_CONFIG_HOME"), *home = getenv("HOME");
	struct sbuf b = { 0 };

	if (x && *x == '/')
		sbuf_printf(&b, "%s/tnews/%s", x, name);
	else if (home && *home)
		sbuf_printf(&b, "%s/.config/tnews/%s", home, name);
	return b.p;
}
