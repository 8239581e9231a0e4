/* SPDX-License-Identifier: MIT */
/* view.h - a story laid out for reading, without curses.
 *
 * A laid-out story is display rows, each knowing the bytes of the line it
 * shows and its width; the rows keep no copy of the text (drawing a row
 * makes its display text again, see view_row_text).  So a byte position
 * and a row find each other by binary search, match highlights are asked
 * for by row range, and a giant paragraph is laid out piece by piece
 * (VIEW_PIECE bytes at a time) in scratch space that does not grow with
 * it: what grows is 24 bytes per row. */
#ifndef TNEWS_VIEW_H
#define TNEWS_VIEW_H

#include <stddef.h>
#include <stdint.h>

#include "display.h"
#include "sbuf.h"
#include "search.h"
#include "story.h"
#include "wrap.h"

/* Bytes of a line laid out at once: a longer one is cut (after a space
 * when there is one in the piece's second half) and laid out in pieces. */
#define VIEW_PIECE ((size_t)1 << 15)

/* The line of the rows under the title that show the date and link of a
 * story from a page or feed (drawn as stripped text). */
#define VIEW_LINE_SOURCE (-2)
/* The line of the rows that say which version of its article a story is
 * (drawn as stripped text), of the heading over the paragraphs removed
 * since the version read, and of removed paragraph k: VIEW_LINE_GONE - k. */
#define VIEW_LINE_VERSIONS (-3)
#define VIEW_LINE_SUMMARY (-4)
#define VIEW_LINE_GONE_HEAD (-5)
#define VIEW_LINE_GONE (-6)
/* Columns before the text for the change marks, when a story shows its
 * changes. */
#define VIEW_GUTTER 2

/* What a row shows. */
enum view_kind { VIEW_TITLE, VIEW_TEXT, VIEW_BLANK, VIEW_STRIPPED };

/* One display row: bytes [start, start + len) of its line (start is kept
 * apart, in view.start, for the binary search). */
struct view_row {
	int32_t line;		/* story line shown, -1 for the title,
				 * VIEW_LINE_SOURCE for the date and link */
	uint32_t len;		/* bytes of the line shown */
	uint16_t cols;		/* display width */
	uint8_t kind;		/* enum view_kind */
	uint8_t pfx_a, pfx_b;	/* display bytes [pfx_a, pfx_b) of a stripped
				 * line's "[kind] " label, shown first */
	uint8_t mark;		/* enum view_mark: its paragraph's change */
};

/* The change a row's paragraph shows (in the gutter). */
enum view_mark { VIEW_MARK_NONE, VIEW_MARK_EDITED, VIEW_MARK_ADDED, VIEW_MARK_REMOVED };

/* A highlight: display bytes [from, to) of a row's display text, part of
 * the match starting at byte start of line line. */
struct view_span {
	size_t row, from, to;
	size_t line, start;
};

/* A URL shown on a row: display bytes [from, to) of the row's display
 * text show bytes [b, e) of story line line, the whole URL. */
struct view_link {
	size_t row, from, to;
	size_t line, b, e;
};

/* A story laid out at one width. */
struct view {
	long story;		/* index of the story laid out, -1 for none */
	int width, stripped, utf8;
	size_t *start;		/* per row: its first byte in its line */
	struct view_row *rows;
	size_t nrows, cap;
	size_t *line_row;	/* per story line: its first row (its blank
				 * row); the next line's for a line not shown;
				 * one more entry: nrows */
	size_t nlines, line_cap;
	/* scratch space, bounded by VIEW_PIECE */
	struct sbuf disp;
	struct sbuf src;	/* the date and link, made when needed */
	struct sbuf head;	/* the header shown instead of the title, if set */
	struct sbuf vers;	/* the versions line under it, if set */
	struct sbuf summary;	/* the line under that: what changed, if set */
	/* the changes shown: of story ch_now against story ch_then (-1:
	 * none); per line of ch_now its enum view_mark; the removed
	 * paragraphs' text, paragraph k at bytes [gone_off[k], gone_off[k+1]) */
	long ch_now, ch_then;
	uint8_t *mark;
	size_t nmark;
	struct sbuf gone;
	size_t *gone_off, ngone;
	int gutter;		/* VIEW_GUTTER when changes are shown, else 0 */
	int cur_mark;		/* the mark of the rows being laid out */
	struct display_map map;
	struct wrapper wrap;
};

/* An empty view (story -1). */
void view_init(struct view *v);
/* Free what v holds; it is empty again. */
void view_free(struct view *v);
/* Lay out story s (index si) at width columns: its title, then each
 * date and link (for a story from a page or feed), then each paragraph
 * (and each stripped line when stripped, with its label) after a blank
 * row. */
void view_layout(struct view *v, const struct story *s, long si, int width,
		 int stripped, int utf8);
/* The row showing byte off of story line line: the last row of that line
 * starting at or before off; for a line not shown, the next shown line's
 * first row.  Binary search; nrows - 1 at most (0 for no rows). */
size_t view_row_of(const struct view *v, size_t line, size_t off);
/* The story line and byte at the start of row r (line 0, byte 0 for the
 * title; byte 0 for a blank row). */
void view_pos(const struct view *v, size_t r, size_t *line, size_t *off);
/* The display text of row r of story s into out (replacing it). */
void view_row_text(struct view *v, const struct story *s, size_t r, struct sbuf *out);
/* Show text (n bytes; n == 0: none) in the title's place from the next
 * layout on: the reader's one-line header instead of a copy of the lede.
 * Returns 1 if it differs from the header set before. */
int view_set_header(struct view *v, const char *text, size_t n);
/* Show text (n bytes; 0: none) on a line of its own under the header
 * from the next layout on (which versions there are), and summary (m
 * bytes; 0: none) on one under it (what changed).  Returns 1 if either
 * differs from the one set before. */
int view_set_versions(struct view *v, const char *text, size_t n, const char *summary,
		      size_t m);
/* Show the changes of story now against story then (an earlier version
 * read) from the next layout on: mark[i] (enum view_mark) per line of
 * now, n lines; the removed paragraphs, lines removed[0..nremoved) of
 * then, listed after the text.  now < 0: no changes.  Returns 1 if now
 * or then differ from the changes set before (else nothing is done). */
int view_set_changes(struct view *v, long now, const uint8_t *mark, size_t n,
		     long then, const struct story *sthen, const size_t *removed,
		     size_t nremoved);
/* The display offset, in row r's display text, of byte off of its line
 * (clamped to the row). */
size_t view_row_offset(struct view *v, const struct story *s, size_t r, size_t off);
/* The highlights on rows [r0, r1) of every match of se's query in story s
 * (index si), however many the line has: in *out (grown, *cap its room);
 * returns how many. */
size_t view_hits(struct view *v, const struct story *s, size_t si, struct search *se,
		 size_t r0, size_t r1, struct view_span **out, size_t *cap);

/* The http(s) URLs shown on rows [r0, r1) of the text (not the title,
 * stripped lines or the source line): a piece per row a URL is on, in
 * *out (grown, *cap its room); returns how many. */
size_t view_links(struct view *v, const struct story *s, size_t r0, size_t r1,
		  struct view_link **out, size_t *cap);

#endif
