/* SPDX-License-Identifier: MIT */
/* config_file.c - the user's configuration file.
 *
 * One setting per line; words are separated by spaces or tabs; a line
 * whose first word starts with '#' is a comment, empty lines are
 * ignored, a CR before the newline is allowed.
 *
 *	bind KEY ACTION		KEY does ACTION (replacing its default)
 *	unbind KEY		KEY does nothing
 *	color ELEMENT FG [BG] [ATTR...]
 *	mono [yes|no]		no colours at all
 *	width N			reading width, 1 to 10000 columns
 *	layout auto|stacked|side
 *	show-stripped yes|no
 *	mouse yes|no
 *	hyperlinks auto|yes|no	URLs drawn as OSC 8 links
 *	browser COMMAND...
 *	mark-read open|end
 *	segment auto|explicit|none
 *	max-input SIZE		most read from a pipe or device (128M)
 *
 * A line that cannot be understood is reported as FILE:LINE: message
 * and skipped; the other lines still apply.  Key codes are curses'
 * (keycodes.h: the values, without curses).
 */
#include <config.h>

#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "config_file.h"
#include "datadir.h"
#include "keycodes.h"
#include "input.h"
#include "output.h"
#include "readfile.h"
#include "sbuf.h"
#include "xmalloc.h"

/* A configuration file larger than this is refused. */
#define CONFIG_MAX_SIZE (1024 * 1024)
/* A line longer than this is reported and skipped. */
#define CONFIG_MAX_LINE 4096
/* Most words on a line (color has the most: 1 + 1 + 2 + 4 attrs). */
#define CONFIG_MAX_WORDS 16

/* Names of the elements, in the order of enum config_element. */
static const char *const element_names[CONFIG_EL_COUNT] = {
	"list", "selection", "unread", "marker", "title", "text",
	"stripped", "match", "status", "help",
};

/* Names of the first eight colours. */
static const char *const color_names[8] = {
	"black", "red", "green", "yellow", "blue", "magenta", "cyan", "white",
};

/* Names of the attributes, bit by bit. */
static const struct {
	unsigned bit;
	const char *name;
} attr_names[] = {
	{ CONFIG_ATTR_BOLD, "bold" }, { CONFIG_ATTR_DIM, "dim" },
	{ CONFIG_ATTR_UNDERLINE, "underline" }, { CONFIG_ATTR_REVERSE, "reverse" },
};

static const char *const layout_names[] = { "auto", "stacked", "side" };
static const char *const mark_read_names[] = { "open", "end" };

/* Names of the special keys; the first name of a code is the one
 * printed (the same names as the help screen's). */
static const struct {
	int key;
	const char *name;
} key_names[] = {
	{ ' ', "Space" }, { '\r', "Enter" }, { '\n', "Enter" }, { TK_ENTER, "Enter" },
	{ '\t', "Tab" }, { TK_BTAB, "S-Tab" }, { 27, "Esc" },
	{ TK_DOWN, "Down" }, { TK_UP, "Up" }, { TK_LEFT, "Left" },
	{ TK_RIGHT, "Right" }, { TK_NPAGE, "PgDn" }, { TK_PPAGE, "PgUp" },
	{ TK_HOME, "Home" }, { TK_END, "End" }, { TK_BACKSPACE, "Backspace" },
	/* accepted, never printed */
	{ 27, "Escape" }, { '\r', "Return" }, { TK_NPAGE, "PageDown" },
	{ TK_PPAGE, "PageUp" },
};

/* The codes "Enter" stands for. */
static const int enter_codes[3] = { '\r', '\n', TK_ENTER };

const char *config_element_name(enum config_element e)
{
	return (unsigned)e < CONFIG_EL_COUNT ? element_names[e] : "?";
}

const char *config_layout_name(enum config_layout l)
{
	return (unsigned)l < 3 ? layout_names[l] : "?";
}

const char *config_mark_read_name(enum config_mark_read m)
{
	return (unsigned)m < 2 ? mark_read_names[m] : "?";
}

void config_init(struct config *c)
{
	static const struct config_color dflt[CONFIG_EL_COUNT] = {
		[CONFIG_EL_LIST] = { -1, -1, 0 },
		[CONFIG_EL_SELECTION] = { -1, -1, CONFIG_ATTR_REVERSE },
		[CONFIG_EL_UNREAD] = { -1, -1, CONFIG_ATTR_BOLD },
		[CONFIG_EL_MARKER] = { 2, -1, CONFIG_ATTR_BOLD },
		[CONFIG_EL_TITLE] = { 6, -1, CONFIG_ATTR_BOLD },
		[CONFIG_EL_TEXT] = { -1, -1, 0 },
		[CONFIG_EL_STRIPPED] = { 3, -1, CONFIG_ATTR_DIM },
		[CONFIG_EL_MATCH] = { -1, -1, CONFIG_ATTR_REVERSE },
		[CONFIG_EL_STATUS] = { -1, -1, CONFIG_ATTR_REVERSE },
		[CONFIG_EL_HELP] = { -1, -1, 0 },
	};

	memset(c, 0, sizeof *c);
	c->width = 72;
	c->mouse = 1;
	c->layout = CONFIG_LAYOUT_AUTO;
	c->mark_read = CONFIG_READ_OPEN;
	c->seg = SEG_AUTO;
	memcpy(c->colors, dflt, sizeof dflt);
}

void config_free(struct config *c)
{
	for (size_t i = 0; i < c->nerrors; i++)
		free(c->errors[i]);
	free(c->errors);
	free(c->binds);
	free(c->path);
	free(c->browser);
	memset(c, 0, sizeof *c);
}

char *config_default_path(int *named)
{
	const char *t = getenv("TNEWS_CONFIG");

	*named = t && *t;
	if (*named)
		return xstrdup(t);
	return datadir_user_config("config");
}

/* Append s to b with control characters and bad UTF-8 escaped. */
static void add_safe(struct sbuf *b, const char *s)
{
	output_safe_name(b, s);
}

/* Keep an error "NAME:LINE: message" (no LINE if line is 0). */
static void config_error(struct config *c, const char *name, size_t line,
			 const char *fmt, const char *arg)
{
	struct sbuf b = { 0 };

	c->nerrors_total++;
	if (c->nerrors >= CONFIG_MAX_ERRORS)
		return;
	add_safe(&b, name);
	if (line)
		sbuf_printf(&b, ":%zu", line);
	sbuf_adds(&b, ": ");
	for (const char *p = fmt; *p; p++) {
		if (p[0] == '%' && p[1] == 's') {
			add_safe(&b, arg ? arg : "");
			p++;
		} else {
			sbuf_addc(&b, *p);
		}
	}
	c->errors = xgrow(c->errors, &c->caperrors, c->nerrors + 1, sizeof *c->errors);
	c->errors[c->nerrors++] = b.p;
}

size_t config_key_parse(const char *name, int codes[3])
{
	size_t n = strlen(name);

	if (n == 1 && (unsigned char)name[0] > ' ' && (unsigned char)name[0] < 127) {
		codes[0] = (unsigned char)name[0];
		return 1;
	}
	if (strcasecmp(name, "Enter") == 0) {
		memcpy(codes, enter_codes, sizeof enter_codes);
		return 3;
	}
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (strcasecmp(name, key_names[i].name) == 0) {
			codes[0] = key_names[i].key;
			return 1;
		}
	if (n == 3 && (name[0] == 'C' || name[0] == 'c') && name[1] == '-' &&
	    ((name[2] >= 'a' && name[2] <= 'z') || (name[2] >= 'A' && name[2] <= 'Z'))) {
		codes[0] = (name[2] | 0x20) - 'a' + 1;
		return 1;
	}
	if ((name[0] == 'F' || name[0] == 'f') && n >= 2 && n <= 3 &&
	    strspn(name + 1, "0123456789") == n - 1 && name[1] != '0') {
		int k = atoi(name + 1);

		if (k >= 1 && k <= 12) {
			codes[0] = TK_F(k);
			return 1;
		}
		return 0;
	}
	if (name[0] == '#' && n >= 2 && n <= 5 && strspn(name + 1, "0123456789") == n - 1) {
		int k = atoi(name + 1);

		if (k >= 1 && k <= TK_MAX) {
			codes[0] = k;
			return 1;
		}
	}
	return 0;
}

const char *config_key_name(int key, char *buf, size_t n)
{
	for (size_t i = 0; i < sizeof key_names / sizeof key_names[0]; i++)
		if (key_names[i].key == key) {
			snprintf(buf, n, "%s", key_names[i].name);
			return buf;
		}
	if (key >= TK_F(1) && key <= TK_F(12))
		snprintf(buf, n, "F%d", key - TK_F(0));
	else if (key > 0 && key <= 26)	/* C-a .. C-z; 27-31 have no letter */
		snprintf(buf, n, "C-%c", key + 'a' - 1);
	else if (key > 32 && key < 127)
		snprintf(buf, n, "%c", key);
	else
		snprintf(buf, n, "#%d", key);
	return buf;
}

/* Index of word in names[n], or -1. */
static int word_index(const char *word, const char *const *names, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (strcmp(word, names[i]) == 0)
			return (int)i;
	return -1;
}

/* A colour: "default", a name, or 0-255; -2 if none of these. */
static int parse_color(const char *w)
{
	int i = word_index(w, color_names, 8);
	size_t n = strlen(w);

	if (strcmp(w, "default") == 0)
		return CONFIG_COLOR_DEFAULT;
	if (i >= 0)
		return i;
	if (n >= 1 && n <= 3 && strspn(w, "0123456789") == n && atoi(w) <= 255)
		return atoi(w);
	return -2;
}

/* An attribute bit, or 0. */
static unsigned parse_attr(const char *w)
{
	for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
		if (strcmp(w, attr_names[i].name) == 0)
			return attr_names[i].bit;
	return 0;
}

/* Bind key to action (-1: unbind), replacing an earlier bind of key. */
static void set_bind(struct config *c, int key, int action)
{
	size_t j = 0;

	for (size_t i = 0; i < c->nbinds; i++)
		if (c->binds[i].key != key)
			c->binds[j++] = c->binds[i];
	c->nbinds = j;
	c->binds = xgrow(c->binds, &c->capbinds, c->nbinds + 1, sizeof *c->binds);
	c->binds[c->nbinds++] = (struct config_bind){ key, action };
}

/* Where a line is being read, for messages. */
struct where {
	struct config *c;
	const char *name;
	size_t line;
	const char *const *actions;
	size_t nactions;
};

/* Report a problem of the current line. */
static void line_error(const struct where *w, const char *fmt, const char *arg)
{
	config_error(w->c, w->name, w->line, fmt, arg);
}

/* Check a setting has between lo and hi values; reports if not. */
static int nargs(const struct where *w, char **word, int n, int lo, int hi)
{
	if (n - 1 >= lo && n - 1 <= hi)
		return 1;
	line_error(w, n - 1 < lo ? "%s: missing value" : "%s: too many values", word[0]);
	return 0;
}

/* bind KEY ACTION / unbind KEY */
static void do_bind(const struct where *w, char **word, int n)
{
	int codes[3], unbind = word[0][0] == 'u', action = -1;
	size_t k;

	if (!nargs(w, word, n, unbind ? 1 : 2, unbind ? 1 : 2))
		return;
	k = config_key_parse(word[1], codes);
	if (k == 0) {
		line_error(w, "unknown key '%s' (see KEY NAMES in tnews(1))", word[1]);
		return;
	}
	if (!unbind) {
		action = word_index(word[2], w->actions, w->nactions);
		if (action < 0) {
			line_error(w, "unknown action '%s' (tnews --print-config lists them)",
				   word[2]);
			return;
		}
	}
	for (size_t i = 0; i < k; i++)
		set_bind(w->c, codes[i], action);
}

/* color ELEMENT FG [BG] [ATTR...] */
static void do_color(const struct where *w, char **word, int n)
{
	struct config_color col = { CONFIG_COLOR_DEFAULT, CONFIG_COLOR_DEFAULT, 0 };
	int e, i = 3;

	if (!nargs(w, word, n, 2, CONFIG_MAX_WORDS))
		return;
	e = word_index(word[1], element_names, CONFIG_EL_COUNT);
	if (e < 0) {
		line_error(w, "unknown element '%s' (list, selection, unread, marker, "
			   "title, text, stripped, match, status or help)", word[1]);
		return;
	}
	col.fg = parse_color(word[2]);
	if (col.fg == -2) {
		line_error(w, "unknown colour '%s' (default, black, red, green, yellow, "
			   "blue, magenta, cyan, white or 0-255)", word[2]);
		return;
	}
	if (n > 3 && parse_color(word[3]) != -2)
		col.bg = parse_color(word[i++]);
	for (; i < n; i++) {
		unsigned a = parse_attr(word[i]);

		if (!a) {
			line_error(w, parse_color(word[i]) != -2 ?
				   "colour '%s' after the background" :
				   "unknown attribute '%s' (bold, dim, underline or reverse)",
				   word[i]);
			return;
		}
		col.attrs |= a;
	}
	w->c->colors[e] = col;
}

/* A setting with a value from names: its index, or -1 reported. */
static int one_of(const struct where *w, char **word, int n,
		  const char *const *names, size_t nnames, const char *expect)
{
	int i;

	if (!nargs(w, word, n, 1, 1))
		return -1;
	i = word_index(word[1], names, nnames);
	if (i < 0) {
		struct sbuf b = { 0 };

		sbuf_printf(&b, "%s: unknown value '%%s' (%s)", word[0], expect);
		line_error(w, b.p, word[1]);
		sbuf_free(&b);
	}
	return i;
}

/* Apply one line's words. */
static void do_line(const struct where *w, char **word, int n)
{
	static const char *const yesno[] = { "no", "yes" };
	static const char *const segs[] = { "auto", "explicit", "none" };
	struct config *c = w->c;
	int v;

	if (strcmp(word[0], "bind") == 0 || strcmp(word[0], "unbind") == 0) {
		do_bind(w, word, n);
	} else if (strcmp(word[0], "color") == 0 || strcmp(word[0], "colour") == 0) {
		do_color(w, word, n);
	} else if (strcmp(word[0], "mono") == 0) {
		if (n == 1)
			c->mono = 1;
		else if ((v = one_of(w, word, n, yesno, 2, "yes or no")) >= 0)
			c->mono = v;
	} else if (strcmp(word[0], "width") == 0) {
		size_t len;

		if (!nargs(w, word, n, 1, 1))
			return;
		len = strlen(word[1]);
		if (len == 0 || len > 5 || strspn(word[1], "0123456789") != len ||
		    atoi(word[1]) < 1 || atoi(word[1]) > 10000)
			line_error(w, "width: invalid value '%s' (a number from 1 to 10000)",
				   word[1]);
		else
			c->width = atoi(word[1]);
	} else if (strcmp(word[0], "layout") == 0) {
		if ((v = one_of(w, word, n, layout_names, 3, "auto, stacked or side")) >= 0)
			c->layout = (enum config_layout)v;
	} else if (strcmp(word[0], "show-stripped") == 0) {
		if ((v = one_of(w, word, n, yesno, 2, "yes or no")) >= 0)
			c->show_stripped = v;
	} else if (strcmp(word[0], "browser") == 0) {
		struct sbuf b = { 0 };

		if (!nargs(w, word, n, 1, 64))
			return;
		for (int i = 1; i < n; i++) {
			if (i > 1)
				sbuf_addc(&b, ' ');
			sbuf_adds(&b, word[i]);
		}
		free(c->browser);
		c->browser = b.p;
	} else if (strcmp(word[0], "mouse") == 0) {
		if ((v = one_of(w, word, n, yesno, 2, "yes or no")) >= 0)
			c->mouse = v;
	} else if (strcmp(word[0], "hyperlinks") == 0) {
		static const char *const hl[] = { "auto", "yes", "no" };

		if ((v = one_of(w, word, n, hl, 3, "auto, yes or no")) >= 0)
			c->hyperlinks = v;
	} else if (strcmp(word[0], "mark-read") == 0) {
		if ((v = one_of(w, word, n, mark_read_names, 2, "open or end")) >= 0)
			c->mark_read = (enum config_mark_read)v;
	} else if (strcmp(word[0], "max-input") == 0) {
		size_t sz;

		if (!nargs(w, word, n, 1, 1))
			return;
		if (size_parse(word[1], &sz) < 0)
			line_error(w, "max-input: invalid size '%s' (a number with K, M or G)",
				   word[1]);
		else
			c->max_input = sz;
	} else if (strcmp(word[0], "segment") == 0) {
		if ((v = one_of(w, word, n, segs, 3, "auto, explicit or none")) >= 0)
			c->seg = (enum seg_mode)v;	/* same order */
	} else {
		line_error(w, "unknown setting '%s' (bind, unbind, color, mono, width, "
			   "layout, show-stripped, mouse, hyperlinks, browser, mark-read, segment or max-input)",
			   word[0]);
	}
}

/* Split line (NUL-terminated, modified) into at most max words. */
static int split_words(char *line, char **word, int max)
{
	int n = 0;
	char *p = line;

	for (;;) {
		p += strspn(p, " \t");
		if (!*p)
			return n;
		if (n == max)
			return max + 1;
		word[n++] = p;
		p += strcspn(p, " \t");
		if (*p)
			*p++ = '\0';
	}
}

int config_load_mem(struct config *c, const char *name, const char *bytes,
		    size_t n, const char *const *actions, size_t nactions)
{
	struct where w = { c, name, 0, actions, nactions };
	size_t before = c->nerrors_total, at = 0;
	char *line = xmalloc(CONFIG_MAX_LINE + 1);

	while (at < n) {
		const char *nl = memchr(bytes + at, '\n', n - at);
		size_t len = nl ? (size_t)(nl - (bytes + at)) : n - at;
		char *word[CONFIG_MAX_WORDS];
		int nw;

		w.line++;
		if (len && bytes[at + len - 1] == '\r')
			len--;
		if (len > CONFIG_MAX_LINE) {
			line_error(&w, "line too long (over %s bytes)", "4096");
		} else if (memchr(bytes + at, '\0', len)) {
			line_error(&w, "NUL byte in the line%s", "");
		} else {
			memcpy(line, bytes + at, len);
			line[len] = '\0';
			nw = split_words(line, word, CONFIG_MAX_WORDS);
			if (nw > CONFIG_MAX_WORDS)
				line_error(&w, "too many words (at most %s)", "16");
			else if (nw > 0 && word[0][0] != '#')
				do_line(&w, word, nw);
		}
		at += (nl ? (size_t)(nl - (bytes + at)) + 1 : n - at);
	}
	free(line);
	return (int)(c->nerrors_total - before);
}

int config_load(struct config *c, const char *path, int must_exist,
		const char *const *actions, size_t nactions)
{
	struct sbuf b = { 0 };
	char err[256];
	int r;

	if (readfile_small(path, CONFIG_MAX_SIZE, &b, err, sizeof err) < 0) {
		sbuf_free(&b);
		if (errno == ENOENT && !must_exist)
			return 0;
		config_error(c, path, 0, "%s", err);
		return 1;
	}
	free(c->path);
	c->path = xstrdup(path);
	r = config_load_mem(c, path, b.p ? b.p : "", b.n, actions, nactions);
	sbuf_free(&b);
	return r;
}

int config_key_action(const struct config *c, int key, int dflt)
{
	for (size_t i = 0; i < c->nbinds; i++)
		if (c->binds[i].key == key)
			return c->binds[i].action;
	return dflt;
}

/* Whether key is bound (by c) to action, or c leaves its default. */
static int key_does(const struct config *c, int key, int dflt, int action)
{
	return config_key_action(c, key, dflt) == action;
}

size_t config_action_keys(const struct config *c, int action,
			  const struct config_bind *defaults, size_t ndefaults,
			  int *out, size_t max)
{
	size_t k = 0;

	for (size_t i = 0; i < ndefaults; i++)
		if (defaults[i].action == action &&
		    key_does(c, defaults[i].key, action, action)) {
			if (k < max)
				out[k] = defaults[i].key;
			k++;
		}
	for (size_t i = 0; i < c->nbinds; i++) {
		int dflt = 0;

		if (c->binds[i].action != action)
			continue;
		for (size_t j = 0; j < ndefaults; j++)
			dflt |= defaults[j].key == c->binds[i].key &&
				defaults[j].action == action;
		if (dflt)
			continue;
		if (k < max)
			out[k] = c->binds[i].key;
		k++;
	}
	return k;
}

/* The default action of key, or -1. */
static int default_action(const struct config_bind *defaults, size_t ndefaults, int key)
{
	for (size_t i = 0; i < ndefaults; i++)
		if (defaults[i].key == key)
			return defaults[i].action;
	return -1;
}

/* The name to print key under: "Enter" only when the three Enter codes
 * all do the same; else a name that is that code alone. */
static const char *print_name(const struct config *c, const struct config_bind *defaults,
			      size_t ndefaults, int key, char *buf, size_t n)
{
	int same = 1, first = -2;

	for (int i = 0; i < 3; i++) {
		int a = config_key_action(c, enter_codes[i],
					  default_action(defaults, ndefaults, enter_codes[i]));

		if (first == -2)
			first = a;
		same &= a == first;
	}
	if (same || (key != '\r' && key != '\n' && key != TK_ENTER))
		return config_key_name(key, buf, n);
	if (key == '\r')
		snprintf(buf, n, "C-m");
	else if (key == '\n')
		snprintf(buf, n, "C-j");
	else
		snprintf(buf, n, "#%d", key);
	return buf;
}

/* Write "bind NAME ACTION" for each of keys, once per name. */
static void print_binds(FILE *f, const struct config *c, const char *action,
			const struct config_bind *defaults, size_t ndefaults,
			const int *keys, size_t nkeys)
{
	for (size_t i = 0; i < nkeys; i++) {
		char name[32], other[32];
		int dup = 0;

		print_name(c, defaults, ndefaults, keys[i], name, sizeof name);
		for (size_t j = 0; j < i && !dup; j++)
			dup = strcmp(name, print_name(c, defaults, ndefaults, keys[j],
						      other, sizeof other)) == 0;
		if (!dup)
			fprintf(f, "bind %s %s\n", name, action);
	}
}

/* Write a colour: a name or a number. */
static void print_color(FILE *f, int col)
{
	if (col == CONFIG_COLOR_DEFAULT)
		fputs("default", f);
	else if (col >= 0 && col < 8)
		fputs(color_names[col], f);
	else
		fprintf(f, "%d", col);
}

int config_print(FILE *f, const struct config *c,
		 const char *const *actions, size_t nactions,
		 const struct config_bind *defaults, size_t ndefaults)
{
	size_t max = ndefaults + c->nbinds;
	int *keys = xcalloc(max ? max : 1, sizeof *keys);
	char size[32];

	fputs("# tnews configuration (tnews --print-config; see tnews(1))\n", f);
	fprintf(f, "\n# reading width in columns\nwidth %d\n", c->width);
	fprintf(f, "# auto, stacked or side\nlayout %s\n", config_layout_name(c->layout));
	fprintf(f, "show-stripped %s\n", c->show_stripped ? "yes" : "no");
	fprintf(f, "# a click opens a story, the wheel scrolls the pane under it\n"
		"mouse %s\n", c->mouse ? "yes" : "no");
	fprintf(f, "# URLs as links the terminal opens (OSC 8): auto, yes or no\n"
		"hyperlinks %s\n", c->hyperlinks == CONFIG_HL_YES ? "yes" :
		c->hyperlinks == CONFIG_HL_NO ? "no" : "auto");
	fprintf(f, "# the command L opens a link with (default: $BROWSER)\n%sbrowser %s\n",
		c->browser ? "" : "# ", c->browser ? c->browser : "firefox");
	fprintf(f, "# a story is read when opened, or once its end was shown\n"
		"mark-read %s\n", config_mark_read_name(c->mark_read));
	fprintf(f, "# auto, explicit or none\nsegment %s\n", segment_mode_name(c->seg));
	size_format(c->max_input ? c->max_input : INPUT_MAX_DEFAULT, size, sizeof size);
	fprintf(f, "# the most read from a pipe or device\nmax-input %s\n", size);
	fprintf(f, "\n# color ELEMENT FG [BG] [bold] [dim] [underline] [reverse]\n");
	fprintf(f, "mono %s\n", c->mono ? "yes" : "no");
	for (int e = 0; e < CONFIG_EL_COUNT; e++) {
		const struct config_color *col = &c->colors[e];

		fprintf(f, "color %s ", element_names[e]);
		print_color(f, col->fg);
		fputc(' ', f);
		print_color(f, col->bg);
		for (size_t i = 0; i < sizeof attr_names / sizeof attr_names[0]; i++)
			if (col->attrs & attr_names[i].bit)
				fprintf(f, " %s", attr_names[i].name);
		fputc('\n', f);
	}
	fputs("\n# bind KEY ACTION, unbind KEY\n", f);
	for (size_t a = 0; a < nactions; a++) {
		size_t k = config_action_keys(c, (int)a, defaults, ndefaults, keys, max);

		print_binds(f, c, actions[a], defaults, ndefaults, keys, k);
	}
	/* default keys the file unbound */
	for (size_t i = 0; i < ndefaults; i++) {
		char name[32], other[32];
		int dup = 0;

		if (config_key_action(c, defaults[i].key, 0) != -1)
			continue;
		print_name(c, defaults, ndefaults, defaults[i].key, name, sizeof name);
		for (size_t j = 0; j < i && !dup; j++)
			dup = config_key_action(c, defaults[j].key, 0) == -1 &&
			      strcmp(name, print_name(c, defaults, ndefaults, defaults[j].key,
						      other, sizeof other)) == 0;
		if (!dup)
			fprintf(f, "unbind %s\n", name);
	}
	free(keys);
	return ferror(f) ? -1 : 0;
}
