/* SPDX-License-Identifier: MIT */
/* ui_text.h - making text safe and right-sized for the terminal */
#ifndef TNEWS_UI_TEXT_H
#define TNEWS_UI_TEXT_H

#include "tcurses.h"
#include <stddef.h>

#include "sbuf.h"

/* Flags of text_draw. */
enum { TEXT_ELLIPSIS = 1 };

/* Whether the locale's character set is UTF-8. */
int text_locale_utf8(void);
/* Append the display form of UTF-8 text s[0..n): every character printable
 * (controls, bidirectional and zero-width characters as markers); without
 * utf8, ASCII only (typographic characters as their closest ASCII, others
 * as one '?' each).  The result wraps with wrap_text like the original. */
void text_display(struct sbuf *out, const char *s, size_t n, int utf8);
/* Convenience: the display form of a NUL-terminated string. */
void text_display_str(struct sbuf *out, const char *s, int utf8);
/* Draw display text at (y, x) of w in at most maxcols columns, never
 * splitting a glyph; with TEXT_ELLIPSIS, end a cut text with an ellipsis.
 * Returns the columns drawn. */
int text_draw(WINDOW *w, int y, int x, const char *s, size_t n, int maxcols,
	      attr_t attr, short pair, int flags, int utf8);

#endif
