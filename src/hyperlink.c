/* SPDX-License-Identifier: MIT */
/* hyperlink.c - URLs in text and OSC 8 hyperlinks */
#include <config.h>

#include <stdlib.h>
#include <string.h>

#include "hyperlink.h"

/* Whether s[i..n) starts an http or https URL. */
static int url_at(const char *s, size_t n, size_t i)
{
	return (n - i >= 8 && !memcmp(s + i, "https://", 8)) ||
	       (n - i >= 7 && !memcmp(s + i, "http://", 7));
}

int hl_url_next(const char *s, size_t n, size_t from, size_t *b, size_t *e)
{
	for (size_t i = from; i < n; i++) {
		size_t j = i, k;

		if (s[i] != 'h' || !url_at(s, n, i))
			continue;
		while (j < n && !strchr(" \t<>\"", s[j]))
			j++;
		k = j;
		while (k > i && strchr(".,;:!?')", s[k - 1]))
			k--;
		if (k - i <= 8)		/* a scheme alone */
			continue;
		*b = i;
		*e = k;
		return 1;
	}
	return 0;
}

/* Whether byte c may stand in the URL of an OSC 8 sequence as it is. */
static int url_safe(unsigned char c)
{
	return c > 0x20 && c < 0x7f && c != '%';
}

/* Whether s[i..i+3) is a percent escape already ("%2F"). */
static int escaped(const char *s, size_t n, size_t i)
{
	return i + 2 < n && s[i] == '%' && strchr("0123456789abcdefABCDEF", s[i + 1]) &&
	       s[i + 1] && strchr("0123456789abcdefABCDEF", s[i + 2]) && s[i + 2];
}

int hl_open(struct sbuf *out, const char *url, size_t n, unsigned long id)
{
	static const char hex[] = "0123456789ABCDEF";

	if (n == 0 || n > HL_MAX_URL)
		return -1;
	sbuf_printf(out, "\x1b]8;id=tnews%lu;", id);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)url[i];

		if (url_safe(c) || escaped(url, n, i)) {
			sbuf_addc(out, (char)c);
		} else {
			sbuf_addc(out, '%');
			sbuf_addc(out, hex[c >> 4]);
			sbuf_addc(out, hex[c & 15]);
		}
	}
	sbuf_adds(out, "\x1b\\");
	return 0;
}

void hl_close(struct sbuf *out)
{
	sbuf_adds(out, "\x1b]8;;\x1b\\");
}

/* Whether the value of name (by get) is set and not empty. */
static int set(const char *(*get)(const char *), const char *name)
{
	const char *v = get(name);

	return v && *v;
}

/* Whether TERM starts with one of the names of list. */
static int term_is(const char *term, const char *const *list)
{
	for (; *list; list++)
		if (!strncmp(term, *list, strlen(*list)))
			return 1;
	return 0;
}

int hl_terminal_known(const char *(*get)(const char *name))
{
	static const char *const terms[] = { "xterm-kitty", "wezterm", "foot", "alacritty",
					     "xterm-ghostty", "contour", NULL };
	static const char *const progs[] = { "iTerm.app", "WezTerm", "vscode", "ghostty", NULL };
	const char *term = get("TERM"), *prog = get("TERM_PROGRAM"), *vte = get("VTE_VERSION");

	if (set(get, "TMUX") || set(get, "STY") || (term && !strncmp(term, "screen", 6)) ||
	    (term && !strncmp(term, "tmux", 4)))
		return 0;		/* a multiplexer between: it may not pass them on */
	if ((term && term_is(term, terms)) || (prog && term_is(prog, progs)))
		return 1;
	if (vte && atol(vte) >= 5000)
		return 1;
	return set(get, "KITTY_WINDOW_ID") || set(get, "WEZTERM_PANE") ||
	       set(get, "KONSOLE_VERSION") || set(get, "WT_SESSION");
}
