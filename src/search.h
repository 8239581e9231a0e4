/* SPDX-License-Identifier: MIT */
/* search.h - finding text the way people mean it, across all stories.
 *
 * Text is folded (accents dropped, case folded, typographic quotes,
 * dashes, ellipses and spaces made plain, runs of white space made one)
 * a line at a time as it is searched, into scratch space: the index
 * keeps no copy of the text, only a byte per line saying whether the
 * line is plain ASCII (then only lower-cased, runs of such lines searched
 * at once).  Queries are folded the same way and found with a plain
 * substring search.  A query with an upper-case letter matches case
 * (smart case).  Matches are reported as byte ranges of the original
 * line text. */
#ifndef TNEWS_SEARCH_H
#define TNEWS_SEARCH_H

#include <stddef.h>

#include "story.h"

struct search;

/* A place in the stories: story index, line index within the story, byte
 * offset in that line's text. */
struct search_pos {
	size_t story, line, off;
};

/* One match: where it is and its byte range [start, end) in the line. */
struct search_hit {
	size_t story, line;
	size_t start, end;
	size_t key;		/* its place in the text, for ordering */
};

/* How far counting the matches of the current query has got. */
struct search_count {
	size_t matches;		/* matches found so far */
	size_t stories;		/* stories with a match so far */
	int complete;		/* 1 when every match is counted */
};

/* Count the stories with a match by article: group[i] (1-based, n
 * entries, copied) is story i's article, and the stories of one article
 * count once; group NULL: each story counts.  Counting starts again. */
void search_set_groups(struct search *s, const uint32_t *group, size_t n);

/* Index the lines of sl.  The storylist must outlive it. */
struct search *search_new(const struct storylist *sl);
/* The same in steps: begin, then look at about budget more bytes per
 * step until it returns 1.  No other call may come before it has. */
struct search *search_begin(const struct storylist *sl);
int search_build_step(struct search *s, size_t budget);
/* Whether every line is indexed. */
int search_built(const struct search *s);
void search_free(struct search *s);
/* Take account of stories split, joined or appended since search_new.
 * Only lines inside stories are searched, so while the stories cover a
 * prefix of the lines (a reader still parsing), matches beyond are not
 * seen; counting goes on into the lines of appended stories. */
void search_restory(struct search *s);
/* Whether stripped lines are searched too (default: no). */
void search_set_stripped(struct search *s, int include);
/* Set the query (UTF-8, n bytes); returns 0 if it folds to nothing. */
int search_set_query(struct search *s, const char *q, size_t n);
/* Whether the current query matches case. */
int search_case_sensitive(const struct search *s);

/* The first match at or after from (dir > 0), or the last before it
 * (dir < 0), going round the end once; *wrapped says whether it did.
 * Returns 1 if found. */
int search_find(struct search *s, const struct search_pos *from, int dir,
		struct search_hit *hit, int *wrapped);
/* Count more of the matches, looking at about budget bytes; returns the
 * count so far (complete when done).  Call until complete. */
struct search_count search_count_step(struct search *s, size_t budget);
/* The 1-based number of a hit among all matches, or 0 if not known yet. */
size_t search_ordinal(struct search *s, const struct search_hit *hit);
/* The matches in one line, as byte ranges (start, end pairs) of its text,
 * at most max of them; returns how many. */
size_t search_line_hits(struct search *s, size_t story, size_t line,
			size_t (*ranges)[2], size_t max);
/* The same for the matches that overlap bytes [from, to) of the line,
 * found from nearby: a place deep in a long line costs no more than one
 * near its start.  When it returns max, there may be more: ask again
 * with more room. */
size_t search_range_hits(struct search *s, size_t story, size_t line, size_t from,
			 size_t to, size_t (*ranges)[2], size_t max);
/* Mark in keep[] (one byte per story) the stories that contain every
 * space-separated word of q; returns how many.  An empty q keeps all. */
size_t search_filter(struct search *s, const char *q, size_t n, unsigned char *keep);

/* Fold UTF-8 text as queries are folded (for tests); malloc'd, *outn set. */
char *search_fold(const char *text, size_t n, int fold_case, size_t *outn);

#endif
