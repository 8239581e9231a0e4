/* SPDX-License-Identifier: MIT */
/* hyperlink.h - URLs in text and OSC 8 hyperlinks, without curses: where
 * the http(s) URLs of a line are, the escape sequence that makes text a
 * link (the URL percent-encoded so that no byte of it can end or change
 * the sequence), and whether a terminal is known to show such links */
#ifndef TNEWS_HYPERLINK_H
#define TNEWS_HYPERLINK_H

#include <stddef.h>

#include "sbuf.h"

/* Longest URL made a link (terminals drop longer ones). */
#define HL_MAX_URL 2000

/* The next http:// or https:// URL in s[from..n): 1 with its bytes
 * [*b, *e) (up to a space, tab, <, > or ", trailing . , ; : ! ? ' )
 * left out), or 0 if none. */
int hl_url_next(const char *s, size_t n, size_t from, size_t *b, size_t *e);
/* Append to out the OSC 8 sequence that opens a link to url (n bytes)
 * with id (a number that joins the pieces of one link): every byte of
 * the URL outside printable ASCII, and % itself when not escaping, is
 * percent-encoded, so the sequence holds no control byte (no ESC, BEL
 * or C1).  -1 (out unchanged) if the URL is empty or too long. */
int hl_open(struct sbuf *out, const char *url, size_t n, unsigned long id);
/* Append the OSC 8 sequence that ends a link. */
void hl_close(struct sbuf *out);
/* Whether the terminal is known to show OSC 8 links, from the
 * environment as get (getenv) gives it: kitty, WezTerm, iTerm2, VTE
 * (GNOME Terminal and others, 0.50 on), Konsole, Windows Terminal,
 * foot, Alacritty, Ghostty, VS Code; not inside tmux or screen. */
int hl_terminal_known(const char *(*get)(const char *name));

#endif
