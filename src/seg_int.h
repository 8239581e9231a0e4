/* SPDX-License-Identifier: MIT */
/* seg_int.h - what the segmenter's files share: the word lists
 * (seg_words.c), the text model (seg_model.c) and the windows and
 * explicit structure (segment.c). */
#ifndef TNEWS_SEG_INT_H
#define TNEWS_SEG_INT_H

#include <stddef.h>
#include <stdint.h>

#include "segment.h"

/* NULL-ended word lists, lower case. */
extern const char *const seg_stop_words[];	/* seg_nstop_words of them, no NULL */
extern const size_t seg_nstop_words;
extern const char *const seg_stop_words_open[];	/* capitalised, never a first name */
extern const char *const seg_connectives[];	/* openers that continue a story */
extern const char *const seg_pronouns[];	/* and refer back */
extern const char *const seg_titles[];		/* before a surname */
extern const char *const seg_participles[];	/* after "has" in ledes */
extern const char *const seg_to_words[];	/* "is set to", "are due to" */
extern const char *const seg_reporting[];	/* "said on Monday" */
extern const char *const seg_companies[];	/* end a company's name */
extern const char *const seg_attributing[];	/* "he added" */
extern const char *const seg_subject_pronouns[];	/* "it said" */
extern const char *const seg_days[];		/* of the week */
/* ASCII letters and digits. */
extern const uint8_t seg_ascii_word[128];

/* Whether the n bytes at w are one of the words of a NULL-ended list. */
int seg_in_list(const char *const *list, const char *w, size_t n);
/* The same by comparing each word in turn, the straightforward way
 * seg_in_list's hash sets must agree with (for the tests). */
int seg_in_list_linear(const char *const *list, const char *w, size_t n);
/* Whether the n bytes at w end with suffix sfx. */
int seg_ends_with(const char *w, size_t n, const char *sfx);
/* Length of the separator at p, or 0 if a word character starts there. */
size_t seg_sep_len(const unsigned char *p, size_t n);
/* Length of the UTF-8 character at p, at most n. */
size_t seg_char_len(const unsigned char *p, size_t n);
/* Strip common English suffixes from a lower-case word in place. */
size_t seg_stem(char *w, size_t n);
/* Whether a line opens with a quotation mark. */
int seg_opens_quote(const unsigned char *p, size_t n);

/* Add to num, in order, logc[c] for each of the n word ids at t, c
 * being the count of that id so far, kept in cell (and raised); returns
 * the sum (the segmenter's candidate scan, exported for the tests). */
double seg_count_logs(const uint32_t *t, size_t n, uint32_t *cell, const double *logc,
		      double num);

/* The first t of the n scores (b[t] + s[t]) + g[t] above *top and not
 * below any other, *top raised to it; n if none is above *top (seg_redo's
 * choice of an end's best start, exported for the tests): four at a time
 * if wide and the processor has AVX2, else two at a time (SSE2). */
size_t seg_first_best(const double *b, const float *s, const double *g, size_t n, double *top,
		      int wide);

/* Read the word that starts at p[*i] (of n bytes) as the segmenter
 * does: its first SEG_WORDMAX (48) bytes lower-cased into w and hashed
 * (FNV-1a) into *hash, its letters added to *letters, *all_caps cleared
 * at a lower-case letter or a character of another script; moves *i
 * past it and returns the bytes put in w.  plain reads byte by byte
 * only, without the ASCII shortcut (for the tests). */
size_t seg_read_word(const unsigned char *p, size_t n, size_t *i, char *w, uint32_t *hash,
		     size_t *letters, size_t *all_caps, int plain);

/* Append a start to *v (n of them, capacity cap). */
void seg_push(struct seg_start **v, size_t *n, size_t *cap, size_t line, double score,
	      const char *why);
/* The large arrays of a window (units, words, kept scores) kept for the
 * next window of the same document, which needs the same again: not
 * mapped, faulted in and unmapped afresh each window. */
struct seg_keep;
struct seg_keep *seg_keep_new(void);
/* Free them (NULL is fine). */
void seg_keep_free(struct seg_keep *k);
/* Have k's next window call fn(arg) once, where its second processor
 * idles (NULL k: never; NULL fn: none). */
void seg_keep_on_idle(struct seg_keep *k, void (*fn)(void *), void *arg);
/* Decide starts from the text alone in lines [from, to) of d: the first
 * lead paragraph units are context only; appends the later starts to
 * out, and each one's index among the decided units to *unit (grown like
 * out) when unit is not NULL.  Its arrays come from and go back to keep
 * (NULL: its own, freed). */
void segment_text(const struct doc *d, size_t from, size_t lead, size_t to,
		  struct seg_start **out, size_t *n, size_t *cap, size_t **unit, size_t *unitcap,
		  struct seg_keep *keep);

#endif
