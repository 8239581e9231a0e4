/* SPDX-License-Identifier: MIT */
/* linefeat.h - the features of a line that the furniture model weighs.
 * The parser and the trainer (tools/train.c) both compute them here, so
 * they are never computed two ways. */
#ifndef TNEWS_LINEFEAT_H
#define TNEWS_LINEFEAT_H

#include <stddef.h>
#include <stdint.h>

#include "story.h"

#define LINEFEAT_WB 9	/* word-count buckets */
#define LINEFEAT_END 7	/* ways a line ends */
#define LINEFEAT_TC 5	/* capitalisation levels */

/* Every feature of stage one, by name (the model file names them). */
#define LINEFEAT_LIST(X) \
	X(bias) \
	X(w1) X(w2) X(w3) X(w4_5) X(w6_8) X(w9_12) X(w13_20) X(w21_35) X(w36) \
	X(end_period) X(end_excl_q) X(end_colon) X(end_quote) X(end_paren) \
	X(end_other) X(end_alnum) \
	X(start_digit) X(start_quote) X(start_lower) X(start_upper) X(start_other) \
	X(title_all) X(title_most) X(title_some) X(allcaps) \
	X(has_pipe) X(has_dash_sep) X(has_at) X(has_url) X(slash_names) \
	X(has_time) X(has_year) X(slide_shape) X(digits_many) \
	X(stop_none) X(stop_low) X(stop_mid) X(stop_high) \
	X(lex_agency) X(lex_photo) X(lex_video) X(lex_share) X(lex_subscribe) \
	X(lex_nav) X(lex_date) X(lex_byline) X(lex_copyright) X(lex_cookie) \
	X(lex_said) X(lex_month) \
	X(first_by) X(first_photo) X(first_video) X(first_nav) X(first_share) \
	X(first_date) X(first_byline) X(first_subscribe) \
	X(dateline) X(file_dash) X(by_name) X(credit_tail) \
	X(rep2) X(rep3) X(rep5) \
	X(doc_first) X(doc_last) X(blank_before) X(formfeed) \
	X(prev_short) X(prev_long) X(prev_ends) X(next_short) X(next_long) \
	X(next_ends) X(between_long) X(prev_rule) X(next_rule) X(prev_none) X(next_none) \
	X(back_long1) X(back_long2) X(back_long3) X(back_long_far) \
	X(fwd_long1) X(fwd_long2) X(fwd_long3) X(fwd_long_far) \
	X(in_list) X(near_long0) X(near_long1_2) X(near_long3) X(colon_mid) X(starts_q) \
	X(same_start_prev) X(same_start_next) X(glued) X(rep_long) X(lex_shop) X(lex_bio) \
	X(d5_0) X(d5_lo) X(d5_mid) X(d5_hi) X(d12_0) X(d12_lo) X(d12_mid) X(d12_hi) X(enclosed) \
	X(bracketed) X(numbered) X(month_day_year) X(place_word) X(tail_agency) \
	X(between_bare) X(before_bare_long) X(run_1) X(run_2_3) X(run_4)

enum linefeat {
#define LINEFEAT_ENUM(name) LF1_##name,
	LINEFEAT_LIST(LINEFEAT_ENUM)
#undef LINEFEAT_ENUM
	LF1_PLAIN,		/* the named features end here */
	/* crosses: words bucket x ending, words x capitals, capitals x ending */
	LF1_X_WE = LF1_PLAIN,
	LF1_X_WT = LF1_X_WE + LINEFEAT_WB * LINEFEAT_END,
	LF1_X_TE = LF1_X_WT + LINEFEAT_WB * LINEFEAT_TC,
	LF1_COUNT = LF1_X_TE + LINEFEAT_TC * LINEFEAT_END
};

/* Stage two adds the stage-one kind probabilities of the neighbours. */
enum {
	LF2_PREV = LF1_COUNT,			/* LK_NKINDS of the line before */
	LF2_NEXT = LF2_PREV + LK_NKINDS,	/* and after */
	LF2_PREV2 = LF2_NEXT + LK_NKINDS,	/* paragraph, two lines before */
	LF2_NEXT2,				/* two lines after */
	LF2_RUN,				/* neighbours both furniture */
	LF2_WIN,				/* mean paragraph, four lines each side */
	LF2_SELF,				/* LK_NKINDS: the line's own, as logs */
	LF_TOTAL = LF2_SELF + LK_NKINDS
};

/* One active feature. */
struct fval {
	uint16_t f;
	float v;
};

/* The most features a line can have at once. */
#define LINEFEAT_MAX 96

/* What the features of a document's lines need computed once. */
struct linectx {
	const struct doc *d;
	uint16_t *words;	/* words of each line, capped */
	uint8_t *ends;		/* whether each line ends like a sentence */
	uint8_t *rep;		/* how often each line recurs, capped */
	uint64_t *longs;	/* bit i % 64 of word i / 64: line i is long
				 * (LONG_LINE words or more) */
};

/* The name of feature f (stage one or two), or NULL. */
const char *linefeat_name(unsigned f);
/* Prepare a document's context (repetition, neighbours). */
void linectx_init(struct linectx *c, const struct doc *d);
/* The same with the lines' words counted already (linefeat_words of each
 * line, or 0 for lines after the document was stopped), words malloc'd:
 * the context takes it over. */
void linectx_init_words(struct linectx *c, const struct doc *d, uint16_t *words);
/* The words of a line as the features count them (a tab separates too),
 * at most 65535. */
size_t linefeat_words(const char *s, size_t n);
void linectx_free(struct linectx *c);
/* The stage-one features of line i; returns how many were written. */
size_t linefeat_line(const struct linectx *c, size_t i, struct fval *out);
/* Whether a line opens with a dateline ("LONDON (Reuters) -"). */
int linefeat_dateline(const char *s, size_t n);
/* The bytes of the dateline a line opens with, up to the text after it
 * ("WASHINGTON (AP) — ", "HAYWARD, Calif. (AP) — ", "(CNN)",
 * "Hong Kong (CNN Business)"); 0 if none, or if nothing follows it. */
size_t linefeat_dateline_len(const char *s, size_t n);
/* Whether a line is a byline ("By Jane Smith"). */
int linefeat_byline(const char *s, size_t n);
/* Whether a line is a trailer: a short credit, contact or copyright line
 * ("Reporting by ...", "... contributed to this report.", "© 2019 ..."). */
int linefeat_trailer(const char *s, size_t n);
/* The same test by a full scan of the line's words, the straightforward
 * way linefeat_trailer must agree with (for the tests). */
int linefeat_trailer_scan(const char *s, size_t n);
/* Whether the word and mark scan of a line (n bytes, nwords words) and
 * its credit-tail test find what the byte-at-a-time definitions do (for
 * the tests). */
int linefeat_scan_agrees(const char *s, size_t n, unsigned nwords);
/* Whether the lexicon is in order (for the tests). */
int linefeat_lexicon_ok(void);

#endif
