/* SPDX-License-Identifier: MIT */
/* main.c - command line: read the files, parse them, then read or print */
#include <config.h>

#include <getopt.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <unistd.h>

#include "config_file.h"
#include "datadir.h"
#include "dirlist.h"
#include "pcache.h"
#include "fold.h"
#include "input.h"
#include "keys.h"
#include "markup.h"
#include "options.h"
#include "output.h"
#include "parse.h"
#include "bgparse.h"
#include "builtin.h"
#include "linemodel.h"
#include "readfile.h"
#include "rules.h"
#include "state.h"
#include "ui.h"
#include "xmalloc.h"

/* Print the usage text. */
static void usage(FILE *f)
{
	fputs("Usage: tnews [OPTION]... [FILE]...\n"
	      "Read the news stories in plain-text dumps, saved web pages, feeds and\n"
	      "Markdown: find where each story starts, strip captions, credits,\n"
	      "crossheads and page furniture, and show them in a two-pane terminal\n"
	      "reader.  A web page (HTML, XHTML) or feed (RSS, Atom) is recognised by its\n"
	      "first bytes: a page gives its article, a feed a story per item; Markdown\n"
	      "(# headings) a story per top heading.  FILE - is standard input; with no\n"
	      "FILE, standard input when it is not a terminal, else the bundled sample.\n"
	      "A directory stands for its files (not hidden ones), newest first.\n"
	      "\n"
	      "  -l, --list            print one line per story: number, file, lines, title\n"
	      "  -d, --dump            print the clean stories as wrapped text\n"
	      "  -j, --json            print the parse as JSON\n"
	      "  -w, --width=N         wrap at N columns (dump: the terminal's width or 80;\n"
	      "                          reader: at most the config's width, 72)\n"
	      "  -s, --stripped        with --dump, also print stripped lines with their kind\n"
	      "      --latest          with --list, --dump or --json, only the newest version\n"
	      "                          of each article (a story found again in a later\n"
	      "                          dump, as it was or edited, is one article)\n"
	      "      --segment=MODE    how stories are found: auto (default), explicit\n"
	      "                          (form feeds and blank-line runs only) or none\n"
	      "      --rules=FILE      also use the furniture rules in FILE (repeatable)\n"
	      "      --config=FILE     read the configuration from FILE instead of\n"
	      "                          $TNEWS_CONFIG or ~/.config/tnews/config\n"
	      "      --print-config    print the effective configuration and exit\n"
	      "      --max-input=SIZE  read at most SIZE bytes (K, M or G) from a pipe,\n"
	      "                          FIFO or device (default 128M)\n"
	      "      --no-state        neither read nor save read marks, positions and\n"
	      "                          corrections\n"
	      "      --no-cache        neither read nor keep the parse of each dump in\n"
	      "                          ~/.cache/tnews (kept to open a dump seen before\n"
	      "                          at once)\n"
	      "  -h, --help            show this help and exit\n"
	      "  -V, --version         show the version and exit\n"
	      "\n"
	      "In the reader, a story found in several files (word for word or updated) is\n"
	      "one row marked with its number of versions (x3); V and v step through them,\n"
	      "and a version newer than the one you read marks what changed since (~ edited,\n"
	      "+ added, - removed paragraphs).\n"
	      "\n"
	      "The reader follows its files: text appended to a dump is parsed and its\n"
	      "stories listed without a key (F goes to the newest and keeps going); with\n"
	      "several files, the list has a heading per file (} { or :n :p between them).\n"
	      "URLs are drawn as links the terminal opens where it is known to (config:\n"
	      "hyperlinks auto|yes|no).\n"
	      "\n"
	      "With no mode and standard output not a terminal, tnews prints what --dump\n"
	      "prints.  Exit status: 0 on success, 1 when the reader could not save\n"
	      "its state at the end, 2 on a usage, input or output error.\n"
	      "See tnews(1) for the keys, the rules file and the input format.\n", f);
}

/* Print the version text. */
static void version(void)
{
	printf("tnews %s\n"
	       "Copyright (C) 2026 the tnews developers.\n"
	       "This is free software; there is NO WARRANTY, to the extent permitted by law.\n",
	       PACKAGE_VERSION);
}

/* Exit after printing on stdout: 0, or 2 with a message if it could not
 * all be written (a full disk, a closed pipe). */
static _Noreturn void exit_printed(void)
{
	if (ferror(stdout) | fclose(stdout)) {
		perror("tnews: write error");
		exit(2);
	}
	exit(0);
}

/* Say a usage error and exit 2. */
static _Noreturn void usage_error(const char *fmt, const char *arg)
{
	fputs("tnews: ", stderr);
	fprintf(stderr, fmt, arg);
	fputs("\nTry 'tnews --help' for more information.\n", stderr);
	exit(2);
}

/* Whether --segment was given (it overrides the configuration). */
static int seg_given;

/* Long options without a short one. */
enum { OPT_CONFIG = 256, OPT_NO_STATE, OPT_NO_CACHE, OPT_PRINT_CONFIG, OPT_LATEST,
	OPT_MAX_INPUT };

/* Parse the command line into o. */
static void parse_args(int argc, char **argv, struct options *o)
{
	static const struct option longopts[] = {
		{ "list", no_argument, NULL, 'l' },
		{ "dump", no_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "width", required_argument, NULL, 'w' },
		{ "stripped", no_argument, NULL, 's' },
		{ "segment", required_argument, NULL, 'S' },
		{ "rules", required_argument, NULL, 'R' },
		{ "config", required_argument, NULL, OPT_CONFIG },
		{ "no-state", no_argument, NULL, OPT_NO_STATE },
		{ "max-input", required_argument, NULL, OPT_MAX_INPUT },
		{ "no-cache", no_argument, NULL, OPT_NO_CACHE },
		{ "print-config", no_argument, NULL, OPT_PRINT_CONFIG },
		{ "latest", no_argument, NULL, OPT_LATEST },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, 'V' },
		{ NULL, 0, NULL, 0 }
	};
	size_t cap = 0;
	int c;

	argv[0] = (char *)"tnews";	/* getopt's messages say "tnews:" as ours do */
	while ((c = getopt_long(argc, argv, "ldjw:shV", longopts, NULL)) != -1) {
		switch (c) {
		case 'l': o->mode = MODE_LIST; break;
		case 'd': o->mode = MODE_DUMP; break;
		case 'j': o->mode = MODE_JSON; break;
		case 's': o->show_stripped = 1; break;
		case 'w': {
			char *end;
			long v = strtol(optarg, &end, 10);

			if (*optarg == '\0' || *end || v < 1 || v > 10000)
				usage_error("invalid width '%s' (a number from 1 to 10000)", optarg);
			o->width = (int)v;
			break;
		}
		case 'S': {
			int m = segment_mode_parse(optarg);

			if (m < 0)
				usage_error("invalid segment mode '%s' (auto, explicit or none)", optarg);
			o->seg = (enum seg_mode)m;
			seg_given = 1;
			break;
		}
		case 'R':
			o->rules = xgrow(o->rules, &cap, o->nrules + 1, sizeof *o->rules);
			o->rules[o->nrules++] = optarg;
			break;
		case OPT_CONFIG: o->config_file = optarg; break;
		case OPT_NO_STATE: o->no_state = 1; break;
		case OPT_MAX_INPUT:
			if (size_parse(optarg, &o->max_input) < 0)
				usage_error("invalid size '%s' (a number, then K, M or G)", optarg);
			break;
		case OPT_NO_CACHE: o->no_cache = 1; break;
		case OPT_PRINT_CONFIG: o->print_config = 1; break;
		case OPT_LATEST: o->latest = 1; break;
		case 'h': usage(stdout); exit_printed();
		case 'V': version(); exit_printed();
		default:
			fputs("Try 'tnews --help' for more information.\n", stderr);
			exit(2);
		}
	}
	o->files = (const char **)argv + optind;
	o->nfiles = (size_t)(argc - optind);
}

/* Print a rules-file problem. */
static void report_rule(const char *msg, void *arg)
{
	(void)arg;
	fprintf(stderr, "tnews: %s\n", msg);
}

static struct linemodel *load_model(void);

/* Load the user's and the installed furniture rules. */
static struct rules *load_rules(const struct options *o)
{
	struct rules *r = rules_new();
	char err[256], *user, *sys;

	for (size_t i = 0; i < o->nrules; i++)
		if (rules_add_file(r, o->rules[i], report_rule, NULL, err, sizeof err) < 0)
			die("%s: %s", o->rules[i], err);
		else
			pcache_add_rules(o->rules[i]);
	user = datadir_user_config("furniture.rules");
	if (user && access(user, F_OK) == 0) {
		pcache_add_rules(user);	/* even half loaded, it is what was used */
		if (rules_add_file(r, user, report_rule, NULL, err, sizeof err) < 0)
			fprintf(stderr, "tnews: %s: %s\n", user, err);
	}
	free(user);
	size_t before = rules_count(r), blen;
	const char *btext;

	sys = datadir_find("furniture.rules");
	if (sys) {
		if (rules_add_file(r, sys, report_rule, NULL, err, sizeof err) < 0)
			die("%s: %s", sys, err);
		pcache_add_rules(sys);
	} else if ((btext = builtin_data("furniture.rules", &blen))) {
		rules_add_text(r, "furniture.rules", btext, blen, report_rule, NULL);
	} else {
		die("furniture.rules not found (install tnews, or set TNEWS_DATADIR)");
	}
	rules_rename(r, before, "furniture.rules");
	free(sys);
	rules_set_model(r, load_model());
	return r;
}

/* Load the installed line model, or the built-in one. */
static struct linemodel *load_model(void)
{
	char err[512], *path = datadir_find("lines.model");
	struct linemodel *m;
	const char *btext;
	size_t blen;

	if (path) {
		if (!(m = linemodel_load(path, err, sizeof err)))
			die("%s", err);
		pcache_add_rules(path);	/* the model decides the parse too */
		free(path);
		return m;
	}
	if (!(btext = builtin_data("lines.model", &blen)))
		die("lines.model not found (install tnews, or set TNEWS_DATADIR)");
	if (!(m = linemodel_parse("lines.model", btext, blen, err, sizeof err)))
		die("%s", err);
	return m;
}

/* Load the configuration file into c and let it set what the command
 * line left. */
static void load_config(struct config *c, struct options *o)
{
	int named = 1;
	char *path = o->config_file ? xstrdup(o->config_file) : config_default_path(&named);

	config_init(c);
	if (path && !strcmp(path, "/dev/null")) {	/* the defaults, as documented */
		free(path);
		path = NULL;
	}
	if (path)
		config_load(c, path, named, keys_action_names, ACT_COUNT);
	if (path && named && (!c->path || strcmp(c->path, path))) {
		/* a file asked for by name that cannot be read: nothing runs
		 * with settings other than those asked for */
		fprintf(stderr, "tnews: %s\n", c->nerrors ? c->errors[0] : path);
		free(path);
		config_free(c);
		exit(2);
	}
	free(path);
	if (!seg_given)
		o->seg = c->seg;
	if (!o->max_input)
		o->max_input = c->max_input;
	input_set_max(o->max_input);
	o->config = c;
}

/* Print the configuration's errors on stderr (the reader shows them in
 * its status line and help screen instead). */
static void config_errors(const struct config *c)
{
	for (size_t i = 0; i < c->nerrors; i++)
		fprintf(stderr, "tnews: %s\n", c->errors[i]);
	if (c->nerrors_total > c->nerrors)
		fprintf(stderr, "tnews: %zu more errors in the configuration\n",
			c->nerrors_total - c->nerrors);
}

/* --print-config: the effective configuration on stdout. */
static int print_config(const struct config *c)
{
	size_t n;
	const struct config_bind *d = keys_defaults(&n);
	int r = config_print(stdout, c, keys_action_names, ACT_COUNT, d, n);

	if (r < 0 || fclose(stdout) != 0) {
		perror("tnews: write error");
		return 2;
	}
	return 0;
}

/* Print a file name safely in an error message. */
static void file_error(const char *name, const char *reason)
{
	struct sbuf b = { 0 };

	output_safe_name(&b, name);
	fprintf(stderr, "tnews: %s: %s\n", b.p ? b.p : "", reason);
	sbuf_free(&b);
}

/* Parse the begun documents to their end (a page or feed comes next, and
 * stories stay in the order of the files). */
static void finish_parsers(struct storylist *sl, struct loader *ld)
{
	for (size_t i = 0; i < ld->n; i++) {
		if (!ld->p[i])
			continue;
		while (!parse_step(ld->p[i]))
			;
		parse_end(ld->p[i]);
		ld->p[i] = NULL;
		if (!ld->whole[i])	/* not a provisional document */
			pcache_save(sl, sl->docs[i]);
	}
}

/* One more document for ld: its parser p (NULL: parsed) and, for a
 * provisional document, the whole one. */
static void loader_add(struct loader *ld, struct parser *p, struct doc *whole)
{
	ld->p = xrealloc(ld->p, (ld->n + 1) * sizeof *ld->p);
	ld->whole = xrealloc(ld->whole, (ld->n + 1) * sizeof *ld->whole);
	ld->p[ld->n] = p;
	ld->whole[ld->n++] = whole;
}

/* Begin the parse of d for the reader: a long dump through a
 * provisional document of its first lines (its whole parse waits for
 * the reader's second thread), else d itself. */
static void begin_doc(struct storylist *sl, struct doc *d, const struct rules *r,
		      enum seg_mode seg, struct loader *ld)
{
	struct doc *pre = d->len >= BGPARSE_MIN ? bgparse_prefix(d, BGPARSE_PREFIX) : NULL;

	loader_add(ld, parse_begin(sl, pre ? pre : d, r, seg), pre ? d : NULL);
}

/* Read every file and parse it, wholly, or with ld only begun (the
 * reader goes on with it); returns 0, or 2 if any could not be read. */
static int load_files(struct storylist *sl, const struct options *o,
		      const struct rules *r, struct loader *ld)
{
	char err[256];
	int status = 0;

	for (size_t i = 0; i < o->nfiles; i++) {
		struct doc *d = input_read(o->files[i], err, sizeof err);

		if (!d) {
			file_error(o->files[i], err);
			status = 2;
			continue;
		}
		if (d->src != SRC_TEXT) {	/* a page or feed: its items */
			if (ld)
				finish_parsers(sl, ld);
			markup_stories(sl, d, r);
			if (ld)
				loader_add(ld, NULL, NULL);
			continue;
		}
		if (pcache_load(sl, d)) {	/* parsed before: all at once */
			rules_name_doc(r, d);
			if (ld)
				loader_add(ld, NULL, NULL);
			continue;
		}
		if (!ld) {
			parse_doc(sl, d, r, o->seg);
			pcache_save(sl, d);
			continue;
		}
		begin_doc(sl, d, r, o->seg, ld);
	}
	return status;
}

/* Parse the begun documents until there is a story to show (or none
 * can come), so that the reader starts with its first screen; the
 * parsers of documents done are ended (NULL). */
static void first_stories(struct storylist *sl, struct loader *ld)
{
	for (size_t i = 0; i < ld->n && sl->n == 0; i++)
		while (ld->p[i] && sl->n == 0)
			if (parse_step(ld->p[i])) {
				parse_end(ld->p[i]);
				ld->p[i] = NULL;
				if (!ld->whole[i])	/* not provisional */
					pcache_save(sl, sl->docs[i]);
			}
}

/* The terminal's width, $COLUMNS, or 80. */
static int terminal_width(void)
{
	struct winsize ws;
	const char *c = getenv("COLUMNS");

	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_col > 0)
		return ws.ws_col;
	if (c && atoi(c) > 0)
		return atoi(c);
	return 80;
}

/* Run the chosen printer and check that everything was written. */
static int print_mode(struct storylist *sl, const struct options *o)
{
	struct fold fold = { 0 };
	int r;

	if (o->latest || o->mode == MODE_JSON)
		fold_stories(&fold, sl);
	if (o->mode == MODE_LIST)
		r = output_list(stdout, sl, &fold, o->latest);
	else if (o->mode == MODE_JSON)
		r = output_json(stdout, sl, &fold, o->latest);
	else
		r = output_dump(stdout, sl, o->width ? o->width : terminal_width(),
				o->show_stripped, &fold, o->latest);
	fold_free(&fold);
	if (r < 0 || fclose(stdout) != 0) {
		perror("tnews: write error");
		return 2;
	}
	return 0;
}

/* Whether TERM is unset, empty or "dumb": no screen to draw on, so
 * print as --dump does. */
static int term_dumb(void)
{
	const char *t = getenv("TERM");

	return !t || !*t || !strcmp(t, "dumb");
}

int main(int argc, char **argv)
{
	struct options o = { 0 };
	struct config cfg;
	struct storylist sl = { 0 };
	struct loader ld = { 0 };
	struct dirlist dl;
	struct rules *r;
	const char *one[1];
	char *sample = NULL;
	int status, rc;

	xmalloc_map_large();
	setlocale(LC_ALL, "");
	parse_args(argc, argv, &o);
	load_config(&cfg, &o);
	if (o.print_config) {
		config_errors(&cfg);
		rc = print_config(&cfg);
		config_free(&cfg);
		return rc;
	}
	if (o.nfiles == 0) {
		if (!isatty(STDIN_FILENO)) {
			one[0] = "-";
		} else {
			sample = datadir_find("sample.txt");
			if (!sample)
				die("no file given and the bundled sample.txt was not found");
			one[0] = sample;
		}
		o.files = one;
		o.nfiles = 1;
	}
	dirlist_expand(&dl, o.files, o.nfiles);	/* tnews DIR: its dumps, newest first */
	o.files = dl.names;
	o.nfiles = dl.n;
	if (o.mode == MODE_AUTO)
		o.mode = isatty(STDOUT_FILENO) && !term_dumb() ? MODE_UI : MODE_DUMP;
	if (o.mode != MODE_UI)
		config_errors(&cfg);
	r = load_rules(&o);
	pcache_setup(!o.no_cache, o.seg, NULL);
	ld.rules = r;
	ld.seg = o.seg;
	status = load_files(&sl, &o, r, o.mode == MODE_UI ? &ld : NULL);
	if (o.mode == MODE_UI) {
		if (!o.width)
			o.width = cfg.width;
		o.show_stripped |= cfg.show_stripped;
		first_stories(&sl, &ld);
		if (sl.n == 0 && status)
			rc = status;
		else
			rc = ui_run(&sl, &o, &ld);
		for (size_t i = 0; i < ld.n; i++) {	/* NULL unless the reader did not start */
			parse_end(ld.p[i]);
			doc_free(ld.whole[i]);
		}
		free(ld.p);
		free(ld.whole);
	} else {
		char msg[512];

		state_apply_saved(&sl, o.no_state, msg, sizeof msg);
		if (*msg)
			fprintf(stderr, "tnews: %s\n", msg);
		rc = print_mode(&sl, &o);
	}
	rules_free(r);
	storylist_free(&sl);
	free(sample);
	dirlist_free(&dl);
	free(o.rules);
	config_free(&cfg);
	return rc ? rc : status;
}
