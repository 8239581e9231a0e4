/* SPDX-License-Identifier: MIT */
/* fold.h - the same article twice is one story: groups the stories of a
 * list that are identical or re-scraped with edits (paragraphs added,
 * removed or reworded, lede rewritten, furniture changed, another
 * outlet's copy of a wire story), and never distinct stories on the
 * same topic.  Knows nothing of curses.
 *
 * Method: the reading text of each story (paragraphs only; stripped
 * lines never count) is cut into words (letters and digits,
 * lower-cased) and overlapping word shingles; a one-permutation MinHash
 * signature of FOLD_K values summarises the set.  Signatures are cut
 * into bands; stories sharing a band are candidates, and a candidate
 * pair whose estimates come near enough is verified on the text: it
 * folds when the resemblance of the shingle sets, or the containment of
 * the smaller in the larger, reaches thresholds chosen on measured data
 * (see fold.c).  Cost is linear in the text.
 * Groups are transitive (a chain of versions is one group). */
#ifndef TNEWS_FOLD_H
#define TNEWS_FOLD_H

#include <stddef.h>
#include <stdint.h>

#include "story.h"

/* Signature size and banding: the bands are cut from the first 32
 * values, two values each. */
#define FOLD_K 128
#define FOLD_BAND_VALUES 32
#define FOLD_ROWS 2
#define FOLD_BANDS (FOLD_BAND_VALUES / FOLD_ROWS)

/* The grouping of a story list: per story, its group and version. */
struct fold {
	size_t n;		/* stories */
	uint32_t *group;	/* 1-based group, numbered in order of first story */
	uint32_t *version;	/* 1-based, in list order within the group */
	uint32_t *prev;		/* previous version's story index, or UINT32_MAX */
	uint64_t *digest;	/* digest of the normalised reading text */
	uint32_t ngroups;
	uint32_t *gsize;	/* versions in each group (indexed group - 1) */
	uint32_t *glatest;	/* story index of each group's newest version */
};

/* The signature of one story's reading text. */
struct fold_sig {
	uint16_t min[FOLD_K];	/* one-permutation MinHash, densified, 16 bits kept */
	uint32_t shingles;	/* number of shingles (not distinct) */
	uint64_t digest;	/* digest of the normalised word sequence */
};

/* Compute the signature of a story. */
void fold_signature(const struct story *s, struct fold_sig *sig);
/* Estimated resemblance (Jaccard) of two signatures, 0..1. */
double fold_resemblance(const struct fold_sig *a, const struct fold_sig *b);
/* Estimated containment of the smaller story's shingles in the larger's. */
double fold_containment(const struct fold_sig *a, const struct fold_sig *b);
/* Whether two stories, with their signatures, are judged the same
 * article: identical text, or estimates close enough to be worth
 * verifying and a measured resemblance or containment that passes. */
int fold_same(const struct story *a, const struct fold_sig *sa,
	      const struct story *b, const struct fold_sig *sb);
/* Exact resemblance and containment of two stories' shingle sets (for
 * measuring; cost n log n). */
void fold_exact(const struct story *a, const struct story *b, double *res,
		double *cont);

/* Group every story of sl into f (f is overwritten; fold_free it). */
void fold_stories(struct fold *f, const struct storylist *sl);
/* Whether story i's text differs from its previous version's (0 for a
 * first version). */
int fold_changed(const struct fold *f, size_t i);
/* Whether story i is the newest version of its group. */
int fold_is_latest(const struct fold *f, size_t i);
/* Free the grouping. */
void fold_free(struct fold *f);

/* What the reader shows of a story among the versions of its article. */
enum { FOLD_UNREAD = 0, FOLD_READ = 1, FOLD_UPDATED = 2 };
/* From own[i] (story i's own text is marked read: the state's marks are
 * keyed by text, so identical copies share them), the state of every
 * story of the grouping into out[i]: FOLD_READ when its own text is read
 * or a later version's is; FOLD_UPDATED when only an earlier version's
 * is (it changed since it was read); else FOLD_UNREAD.  out may be own. */
void fold_read_states(const struct fold *f, const unsigned char *own,
		      unsigned char *out);

/* Mark story i's own text read (mark FOLD_READ) or not (FOLD_UNREAD) in
 * own, and its identical copies (same group and digest) with it; then
 * the states, as fold_read_states gives them, of the versions of its
 * group only into out (not own): the cost is the group's, not the
 * list's. */
void fold_read_group(const struct fold *f, unsigned char *own, unsigned char *out,
		     size_t i, unsigned char mark);

/* The story whose list row stands for story i: its group's newest
 * version (i itself when i is not folded, i >= f->n). */
size_t fold_row_story(const struct fold *f, size_t i);
/* The rows of a story list of n stories: one per group, its newest
 * version, at that version's place (stories past f->n, not folded yet,
 * one each); with keep (one byte per story), only the groups with a kept
 * version.  Story indices in ascending order into out (room for n);
 * returns how many. */
size_t fold_rows(const struct fold *f, size_t n, const unsigned char *keep,
		 size_t *out);
/* The next (dir > 0) or previous (dir < 0) version of story i in list
 * order, or SIZE_MAX when there is none. */
size_t fold_step(const struct fold *f, size_t i, int dir);
/* The newest version before story i whose own text is marked read in
 * own (one byte per story, FOLD_READ), or SIZE_MAX: the version to show
 * story i's changes against. */
size_t fold_read_version(const struct fold *f, const unsigned char *own, size_t i);

/* For measuring: call fn on every candidate pair (i < j) the banding
 * finds, with its estimated resemblance and containment and whether it
 * folded. */
typedef void (*fold_pair_fn)(size_t i, size_t j, double res, double cont,
			     int same, void *arg);
void fold_stories_traced(struct fold *f, const struct storylist *sl,
			 fold_pair_fn fn, void *arg);

#endif
