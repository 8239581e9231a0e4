/* SPDX-License-Identifier: MIT */
/* datadir.h - where the installed data files are */
#ifndef TNEWS_DATADIR_H
#define TNEWS_DATADIR_H

/* The path of data file name (e.g. "furniture.rules"): under
 * $TNEWS_DATADIR (how the tests point at the source tree) or else the
 * installed data directory.  Malloc'd; NULL if neither has it. */
char *datadir_find(const char *name);
/* The path of the user's file name under $XDG_CONFIG_HOME/tnews (or
 * ~/.config/tnews), malloc'd; NULL if it cannot be named. */
char *datadir_user_config(const char *name);

#endif
