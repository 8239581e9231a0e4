/* SPDX-License-Identifier: MIT */
/* segfeat.h - the cues of a story start that the segmenter weighs, by
 * name, and the segmenter's global parameters; their values are learned
 * by tools/train and kept in the model file (data/lines.model). */
#ifndef TNEWS_SEGFEAT_H
#define TNEWS_SEGFEAT_H

#define SEG_OPEN1 64	/* hash buckets of opening words */
#define SEG_OPEN2 128	/* and of opening pairs */

/* Cues of a paragraph unit opening a story. */
#define SEGFEAT_LIST(X) \
	X(bias) X(lede) X(name) X(noname) X(one) X(multi) X(conn) X(pron) \
	X(quote) X(titled) X(ahead) X(astrip) X(bhead) X(reintro) X(intro) \
	X(novel) X(cross) X(strip1) X(strip2_3) X(strip4) X(after_credit) \
	X(after_image) X(after_chrome) X(dateline) X(byline_before) \
	X(trailer_before) X(prev_short) X(olap_lo) X(olap_mid) X(olap_hi) \
	X(short_unit) X(long_unit) X(blank_before) X(said_early) X(company) \
	X(the_lower) X(the_cap) X(subj_new) X(subj_old) X(figure) \
	X(after_rule) X(pron_said) X(also) X(acro_def) X(quote_in) \
	X(caps_new2) X(caps_new4) X(back) X(fwd) X(said_new) X(attr_new) \
	X(attr_old)

enum segfeat {
#define SEGFEAT_ENUM(name) SF_##name,
	SEGFEAT_LIST(SEGFEAT_ENUM)
#undef SEGFEAT_ENUM
	SF_NAMED,
	/* the opening word (a function word) and the opening two words,
	 * hashed: "It said", "The company", "A total" */
	SF_OPEN1 = SF_NAMED,
	SF_OPEN2 = SF_OPEN1 + SEG_OPEN1,
	SF_COUNT = SF_OPEN2 + SEG_OPEN2
};

/* The segmenter's global parameters. */
#define SEGPARAM_LIST(X) \
	X(alpha) X(beta) X(kappa) X(gamma) X(len0) X(n0) X(cut) X(cue) \
	X(linktok) X(linkmax) X(est) X(prior) X(shift) X(mix) X(recal)

enum segparam {
#define SEGPARAM_ENUM(name) SP_##name,
	SEGPARAM_LIST(SEGPARAM_ENUM)
#undef SEGPARAM_ENUM
	SP_COUNT
};

/* The name of a cue or a parameter; NULL if out of range. */
const char *segfeat_name(unsigned f);
const char *segparam_name(unsigned p);

/* Learned weights of the segmenter (all zero and has == 0: the built-in
 * ones are used). */
struct segmodel {
	int has_weights, has_params;
	int one_thread;		/* never split a window over two threads */
	float w[SF_COUNT];
	float p[SP_COUNT];
};

/* The built-in weights and parameters. */
void segmodel_defaults(struct segmodel *m);

#endif
