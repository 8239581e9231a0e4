/* SPDX-License-Identifier: MIT */
/* builtin.h - copies of the installed data files inside the program, used
 * when neither $TNEWS_DATADIR nor the installed data directory has them
 * (an uninstalled build run from anywhere). */
#ifndef TNEWS_BUILTIN_H
#define TNEWS_BUILTIN_H

#include <stddef.h>

/* The built-in copy of data file name ("furniture.rules", "lines.model"),
 * its length in *len; NULL if there is none. */
const char *builtin_data(const char *name, size_t *len);

#endif
