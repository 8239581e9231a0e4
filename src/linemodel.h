/* SPDX-License-Identifier: MIT */
/* linemodel.h - the learned furniture model: which kind each line is.
 * A two-stage multinomial logistic regression over linefeat's features;
 * stage two also sees the neighbours' stage-one probabilities.  Its
 * weights are a text file (data/lines.model) written by tools/train. */
#ifndef TNEWS_LINEMODEL_H
#define TNEWS_LINEMODEL_H

#include <stddef.h>

#include "linefeat.h"
#include "segfeat.h"
#include "story.h"

/* The weights and decision thresholds. */
struct linemodel {
	float w1[LF1_COUNT][LK_NKINDS];	/* stage one */
	float w2[LF_TOTAL][LK_NKINDS];	/* stage two */
	float keep;		/* a line stays text when P(paragraph) >= keep */
	float keep_long;	/* the same for lines of LINEMODEL_LONG words or more */
	struct segmodel seg;	/* the segmenter's learned weights */
	int one_thread;		/* never split a long document over two threads */
};

#define LINEMODEL_LONG 25
/* Features of a line in stage two, at most: stage one's and the
 * neighbours' and its own (linemodel_context adds 3 x LK_NKINDS + 4). */
#define LINEMODEL_FEATS (LINEFEAT_MAX + 3 * LK_NKINDS + 4)

/* A model of zero weights (every line a paragraph). */
struct linemodel *linemodel_new(void);
/* Read a model from text (named name for messages); NULL with
 * "NAME:LINE:COL: problem" in err if it is not a model. */
struct linemodel *linemodel_parse(const char *name, const char *text, size_t n,
				  char *err, size_t errlen);
/* Read a model file; NULL with the problem in err. */
struct linemodel *linemodel_load(const char *path, char *err, size_t errlen);
/* Write a model as text. */
void linemodel_write(const struct linemodel *m, FILE *f);
void linemodel_free(struct linemodel *m);

/* Stage one's probabilities of each kind for line i (its features in fv). */
void linemodel_stage1(const struct linemodel *m, const struct fval *fv, size_t nf,
		      float p[LK_NKINDS]);
/* Append stage two's neighbour features of line i, given every line's
 * stage-one probabilities p1; returns the new count. */
size_t linemodel_context(const struct doc *d, size_t i, const float (*p1)[LK_NKINDS],
			 struct fval *fv, size_t nf);
/* Stage two's probabilities from the full features. */
void linemodel_stage2(const struct linemodel *m, const struct fval *fv, size_t nf,
		      float p[LK_NKINDS]);
/* The kind a line gets from its stage-two probabilities and word count. */
enum line_kind linemodel_decide(const struct linemodel *m, const float p[LK_NKINDS],
				unsigned words);
/* Every stage-one probability of a document (malloc'd, nlines rows);
 * lines a rule decided get their kind with certainty. */
float (*linemodel_doc_stage1(const struct linemodel *m, const struct linectx *c))[LK_NKINDS];
/* Decide the kind of every line of d that no rule decided. */
void linemodel_classify_doc(const struct linemodel *m, struct doc *d);
/* The same with the lines' words counted (see linectx_init_words; words
 * is taken over and may be NULL). */
void linemodel_classify_words(const struct linemodel *m, struct doc *d, uint16_t *words);
/* Whether a document of nlines is worth splitting over two threads: long
 * enough, two cores, and m (which may be NULL) does not forbid it. */
int linemodel_two_threads(const struct linemodel *m, size_t nlines);

#endif
