/* SPDX-License-Identifier: MIT */
/* display.h - the display form of text: what the reader shows for each
 * character (controls, bidirectional and zero-width characters as
 * markers; without UTF-8, ASCII only).  No curses. */
#ifndef TNEWS_DISPLAY_H
#define TNEWS_DISPLAY_H

#include <stddef.h>

#include "sbuf.h"

/* The private character that stands for "an unprintable character was
 * here" inside display text; drawn as a reversed marker. */
#define MARKER 0xF8F0u

/* Where each source character's display form starts: src[i] (ascending
 * source offsets) starts at disp[i] (ascending display offsets); one
 * more entry for the end. */
struct display_map {
	size_t *src, *disp;
	size_t n, cap;
};

/* Whether the locale's character set is UTF-8. */
int text_locale_utf8(void);
/* Append the display form of UTF-8 text s[0..n): every character printable
 * (controls, bidirectional and zero-width characters as markers); without
 * utf8, ASCII only (typographic characters as their closest ASCII, others
 * as one '?' each).  The result wraps with wrap_text like the original. */
void text_display(struct sbuf *out, const char *s, size_t n, int utf8);
/* The same, also appending to m (unless NULL) where each character's
 * display form starts in out, and the end. */
void text_display_map(struct sbuf *out, const char *s, size_t n, int utf8,
		      struct display_map *m);
/* Convenience: the display form of a NUL-terminated string. */
void text_display_str(struct sbuf *out, const char *s, int utf8);
/* Free what m holds; it can be used again. */
void display_map_free(struct display_map *m);

#endif
