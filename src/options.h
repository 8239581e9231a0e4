/* SPDX-License-Identifier: MIT */
/* options.h - what the command line asked for */
#ifndef TNEWS_OPTIONS_H
#define TNEWS_OPTIONS_H

#include <stddef.h>

#include "segment.h"

struct config;

enum run_mode { MODE_AUTO, MODE_UI, MODE_LIST, MODE_DUMP, MODE_JSON };

struct options {
	enum run_mode mode;
	int width;		/* --width: 0 means the default */
	enum seg_mode seg;
	int show_stripped;	/* --stripped */
	const char **rules;	/* --rules FILE, in order */
	size_t nrules;
	const char **files;	/* the files to read */
	size_t nfiles;
	const char *sample;	/* the bundled sample, opened when no file */
	const char *config_file; /* --config FILE, or NULL */
	int no_state;		/* --no-state: read and write no state */
	int no_cache;		/* --no-cache: read and write no parse cache */
	int print_config;	/* --print-config */
	int latest;		/* --latest: the newest version of each article only */
	size_t max_input;	/* --max-input, else the config's; 0: default */
	/* The configuration loaded (never NULL once main has loaded it):
	 * keys, colours, layout, mark-read; its errors[] are for the help
	 * screen.  width, seg and show_stripped above already include it. */
	const struct config *config;
};

#endif
