/* SPDX-License-Identifier: MIT */
/* ui_text.h - drawing display text (display.h) in curses windows */
#ifndef TNEWS_UI_TEXT_H
#define TNEWS_UI_TEXT_H

#include "tcurses.h"
#include <stddef.h>

#include "display.h"
#include "sbuf.h"

/* Flags of text_draw. */
enum { TEXT_ELLIPSIS = 1 };

/* Draw display text at (y, x) of w in at most maxcols columns, never
 * splitting a glyph; with TEXT_ELLIPSIS, end a cut text with an ellipsis.
 * Returns the columns drawn. */
int text_draw(WINDOW *w, int y, int x, const char *s, size_t n, int maxcols,
	      attr_t attr, short pair, int flags, int utf8);

/* Append the SGR sequence that draws as attrs (A_BOLD, A_DIM, A_ITALIC,
 * A_UNDERLINE, A_BLINK, A_REVERSE or A_STANDOUT, A_INVIS) and colour pair
 * pair: with reset, from "0" (whatever was on before); without, only
 * what to add to normal text (nothing from pair 0 and no attributes
 * gives "\x1b[m"). */
void text_sgr(struct sbuf *out, attr_t attrs, int pair, int reset);

#endif
