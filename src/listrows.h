/* SPDX-License-Identifier: MIT */
/* listrows.h - the rows of the story list, without curses: the shown
 * stories in order and, when more than one file is open, a heading row
 * at the top of each file's stories (its name and unread/total).  The
 * list pane only draws these rows; the cursor is always on a story. */
#ifndef TNEWS_LISTROWS_H
#define TNEWS_LISTROWS_H

#include <stddef.h>
#include <stdint.h>

#include "fold.h"
#include "story.h"

/* One row of the list: a story, or the heading of a file, in 8 bytes (a
 * list has a row a story, tens of thousands of them). */
struct lrow {
	uint32_t story;		/* the story, or for a heading the first
				 * story of its file that the list shows */
	uint32_t doc : 31;	/* index of the story's file in sl->docs */
	uint32_t head : 1;	/* a heading row */
};

/* The list's rows. */
struct lrows {
	struct lrow *row;
	size_t n, cap;
	int headings;		/* headings are shown (more than one file) */
};

/* Make the rows of the shown stories vis[0..nvis) (ascending indices
 * into sl->stories): a heading before the first of each file's stories
 * when sl has more than one file. */
void lrows_build(struct lrows *r, const struct storylist *sl, const size_t *vis, size_t nvis);
/* The row of story (the first row after it if it is not shown); a
 * heading is never returned for a shown story.  Binary search. */
size_t lrows_find(const struct lrows *r, size_t story);
/* The row to keep in view with row at: its file's heading when at is
 * the first story under it, else at itself. */
size_t lrows_top_of(const struct lrows *r, size_t at);
/* Unread and total stories of the file of story (read[i] == 1: story i
 * is read). */
void lrows_count(const struct storylist *sl, const unsigned char *read, size_t story,
		 size_t *unread, size_t *total);
/* The same counting only the stories the folded list shows as rows:
 * each article's newest version (f with no stories folded: all). */
void lrows_count_latest(const struct storylist *sl, const unsigned char *read,
			const struct fold *f, size_t story, size_t *unread, size_t *total);
/* The count shown at the right of a heading: "unread/total", into buf. */
void lrows_count_text(size_t unread, size_t total, char *buf, size_t n);
/* Free the rows; r is empty again. */
void lrows_free(struct lrows *r);

#endif
