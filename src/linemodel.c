/* SPDX-License-Identifier: MIT */
/* linemodel.c - the learned furniture model: which kind each line is. */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "linemodel.h"
#include "sbuf.h"
#include "xmalloc.h"

struct linemodel *linemodel_new(void)
{
	struct linemodel *m = xcalloc(1, sizeof *m);

	m->keep = 0.5f;
	m->keep_long = 0.5f;
	/* until weights say otherwise, every line is text */
	m->w1[LF1_bias][LK_PARAGRAPH] = 10;
	m->w2[LF1_bias][LK_PARAGRAPH] = 10;
	segmodel_defaults(&m->seg);
	return m;
}

void linemodel_free(struct linemodel *m)
{
	free(m);
}

/* Softmax of LK_NKINDS scores in place. */
static void softmax(float s[LK_NKINDS])
{
	float mx = s[0], sum = 0;

	for (int k = 1; k < LK_NKINDS; k++)
		if (s[k] > mx)
			mx = s[k];
	for (int k = 0; k < LK_NKINDS; k++) {
		s[k] = expf(s[k] - mx);
		sum += s[k];
	}
	for (int k = 0; k < LK_NKINDS; k++)
		s[k] /= sum;
}

void linemodel_stage1(const struct linemodel *m, const struct fval *fv, size_t nf,
		      float p[LK_NKINDS])
{
	for (int k = 0; k < LK_NKINDS; k++)
		p[k] = 0;
	for (size_t j = 0; j < nf; j++)
		for (int k = 0; k < LK_NKINDS; k++)
			p[k] += m->w1[fv[j].f][k] * fv[j].v;
	softmax(p);
}

void linemodel_stage2(const struct linemodel *m, const struct fval *fv, size_t nf,
		      float p[LK_NKINDS])
{
	for (int k = 0; k < LK_NKINDS; k++)
		p[k] = 0;
	for (size_t j = 0; j < nf; j++)
		for (int k = 0; k < LK_NKINDS; k++)
			p[k] += m->w2[fv[j].f][k] * fv[j].v;
	softmax(p);
}

/* Append feature f with value v if there is room. */
static size_t add(struct fval *fv, size_t nf, unsigned f, float v)
{
	if (nf < LINEMODEL_FEATS && v != 0) {
		fv[nf].f = (uint16_t)f;
		fv[nf].v = v;
		nf++;
	}
	return nf;
}

#define CTX 4	/* lines each side whose stage one stage two sees */

/* Append stage two's neighbour features given the stage-one rows of the
 * lines around: row[CTX + k] is line i + k's, NULL outside the document. */
static size_t context_rows(const float *const row[2 * CTX + 1], struct fval *fv, size_t nf)
{
	const float *const *r = row + CTX;
	float fur_prev = 0, fur_next = 0;

	if (r[-1]) {
		for (int k = 0; k < LK_NKINDS; k++)
			nf = add(fv, nf, LF2_PREV + (unsigned)k, r[-1][k]);
		fur_prev = 1 - r[-1][LK_PARAGRAPH];
	}
	if (r[1]) {
		for (int k = 0; k < LK_NKINDS; k++)
			nf = add(fv, nf, LF2_NEXT + (unsigned)k, r[1][k]);
		fur_next = 1 - r[1][LK_PARAGRAPH];
	}
	nf = add(fv, nf, LF2_PREV2, r[-2] ? r[-2][LK_PARAGRAPH] : 0.5f);
	nf = add(fv, nf, LF2_NEXT2, r[2] ? r[2][LK_PARAGRAPH] : 0.5f);
	nf = add(fv, nf, LF2_RUN, fur_prev * fur_next);
	float win = 0;
	int cnt = 0;

	for (int k = -CTX; k <= CTX; k++)
		if (k != 0 && r[k])
			win += r[k][LK_PARAGRAPH], cnt++;
	nf = add(fv, nf, LF2_WIN, cnt ? win / (float)cnt : 0.5f);
	for (int k = 0; k < LK_NKINDS; k++)	/* its own, as logs, floored */
		nf = add(fv, nf, LF2_SELF + (unsigned)k, logf(r[0][k] + 1e-4f));
	return nf;
}

size_t linemodel_context(const struct doc *d, size_t i, const float (*p1)[LK_NKINDS],
			 struct fval *fv, size_t nf)
{
	const float *row[2 * CTX + 1];

	for (int k = -CTX; k <= CTX; k++) {
		ptrdiff_t j = (ptrdiff_t)i + k;

		row[k + CTX] = j >= 0 && (size_t)j < d->nlines ? p1[j] : NULL;
	}
	return context_rows(row, fv, nf);
}

enum line_kind linemodel_decide(const struct linemodel *m, const float p[LK_NKINDS],
				unsigned words)
{
	float keep = words >= LINEMODEL_LONG ? m->keep_long : m->keep;
	int best = 1;

	if (p[LK_PARAGRAPH] >= keep)
		return LK_PARAGRAPH;
	for (int k = 2; k < LK_NKINDS; k++)
		if (p[k] > p[best])
			best = k;
	return (enum line_kind)best;
}

/* Stage one of a line a rule decided: certain of the rule's kind. */
static void rule_probs(const struct line *l, float p[LK_NKINDS])
{
	for (int k = 0; k < LK_NKINDS; k++)
		p[k] = k == l->kind;
}

float (*linemodel_doc_stage1(const struct linemodel *m, const struct linectx *c))[LK_NKINDS]
{
	const struct doc *d = c->d;
	float (*p1)[LK_NKINDS] = xmalloc((d->nlines + 1) * sizeof *p1);
	struct fval fv[LINEFEAT_MAX];

	for (size_t i = 0; i < d->nlines; i++) {
		const struct line *l = &d->lines[i];

		if (l->flags & LF_RULE)
			rule_probs(l, p1[i]);
		else
			linemodel_stage1(m, fv, linefeat_line(c, i, fv), p1[i]);
	}
	return p1;
}

#define RING 16		/* lines whose features are kept, a power of two */

/* Features and stage-one probabilities of one line, kept while its
 * neighbours are decided. */
struct ringline {
	struct fval fv[LINEMODEL_FEATS];
	size_t nf;
	float p1[LK_NKINDS];
};

/* Stage one of line j: its features and probabilities into the ring. */
static void ahead(const struct linemodel *m, const struct linectx *c, size_t j,
		  struct ringline *ring)
{
	const struct line *l = &c->d->lines[j];
	struct ringline *r = &ring[j & (RING - 1)];

	if (l->flags & LF_RULE) {
		rule_probs(l, r->p1);
		r->nf = 0;
		return;
	}
	r->nf = linefeat_line(c, j, r->fv);
	linemodel_stage1(m, r->fv, r->nf, r->p1);
}

/* One part of a document to classify: stage one of lines [from, to),
 * stage two of lines [s2from, s2to) (which need stage one CTX lines
 * either side). */
struct part {
	const struct linemodel *m;
	const struct linectx *c;
	struct doc *d;
	size_t from, to, s2from, s2to;
	int stacked;	/* stage two weighs no stage-one feature but the bias */
};

/* Whether m's stage two weighs no stage-one feature but the bias (a
 * stacked model), so stage one's features need not be summed again. */
static int stage2_stacked(const struct linemodel *m)
{
	for (unsigned f = LF1_bias + 1; f < LF1_COUNT; f++)
		for (int k = 0; k < LK_NKINDS; k++)
			if (m->w2[f][k] != 0)
				return 0;
	return 1;
}

/* Stage two of line i, whose neighbours' stage one is in the ring. */
static void decide_line(const struct part *pt, struct ringline *ring, size_t i)
{
	struct line *l = &pt->d->lines[i];
	struct ringline *r = &ring[i & (RING - 1)];
	const float *row[2 * CTX + 1];
	float p[LK_NKINDS];

	for (int k = -CTX; k <= CTX; k++) {
		ptrdiff_t j = (ptrdiff_t)i + k;

		row[k + CTX] = j >= 0 && (size_t)j < pt->d->nlines ? ring[j & (RING - 1)].p1 : NULL;
	}
	if (pt->stacked) {	/* the bias and the context only */
		struct fval fv[LINEMODEL_FEATS] = { { LF1_bias, 1 } };

		linemodel_stage2(pt->m, fv, context_rows(row, fv, 1), p);
	} else {	/* stage two's features follow stage one's, which LINEMODEL_FEATS leaves room for */
		linemodel_stage2(pt->m, r->fv, context_rows(row, r->fv, r->nf), p);
	}
	l->kind = (uint8_t)linemodel_decide(pt->m, p, pt->c->words[i]);
	l->score = (uint8_t)(p[l->kind] * 255 + 0.5f);
}

/* Classify one part (a thread's work). */
static void *classify_part(void *arg)
{
	const struct part *pt = arg;
	struct ringline *ring = xmalloc(RING * sizeof *ring);
	size_t next = pt->from;	/* the first line whose stage one is not done */

	for (size_t i = pt->s2from; i < pt->s2to; i++) {
		if ((i & 1023) == 0 && doc_stopped(pt->d))
			break;		/* no longer wanted */
		/* stage two looks CTX lines ahead */
		for (; next < pt->to && next <= i + CTX; next++)
			ahead(pt->m, pt->c, next, ring);
		if (!(pt->d->lines[i].flags & LF_RULE))
			decide_line(pt, ring, i);
	}
	free(ring);
	return NULL;
}

#define SPLIT_LINES 100000	/* documents this long are worked on in two threads */

int linemodel_two_threads(const struct linemodel *m, size_t nlines)
{
	return !(m && m->one_thread) && nlines >= SPLIT_LINES &&
	       sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

void linemodel_classify_doc(const struct linemodel *m, struct doc *d)
{
	linemodel_classify_words(m, d, NULL);
}

void linemodel_classify_words(const struct linemodel *m, struct doc *d, uint16_t *words)
{
	struct linectx c;
	size_t n = d->nlines;

	if (n == 0) {
		free(words);
		return;
	}
	linectx_init_words(&c, d, words);
	int stacked = stage2_stacked(m);
	struct part whole = { m, &c, d, 0, n, 0, n, stacked };
	pthread_t th;

	if (!linemodel_two_threads(m, n)) {
		classify_part(&whole);
	} else {
		/* halves, each on its own thread, all but the 2 x CTX lines
		 * around the middle, which need both halves' stage one */
		size_t mid = n / 2;
		struct part a = { m, &c, d, 0, mid, 0, mid - CTX, stacked };
		struct part b = { m, &c, d, mid, n, mid + CTX, n, stacked };

		if (pthread_create(&th, NULL, classify_part, &b) != 0) {
			classify_part(&whole);
		} else {
			struct ringline *ring = xmalloc(RING * sizeof *ring);

			classify_part(&a);
			pthread_join(th, NULL);
			/* stage one again for the 4 x CTX lines they need */
			for (size_t j = mid - 2 * CTX; j < mid + 2 * CTX; j++)
				ahead(m, &c, j, ring);
			for (size_t i = mid - CTX; i < mid + CTX; i++)
				if (!(d->lines[i].flags & LF_RULE))
					decide_line(&whole, ring, i);
			free(ring);
		}
	}
	linectx_free(&c);
}

/* The feature named by n bytes at s, or -1. */
static int feature_by_name(const char *s, size_t n)
{
	for (unsigned f = 0; f < LF_TOTAL; f++) {
		const char *name = linefeat_name(f);

		if (name && strlen(name) == n && !memcmp(name, s, n))
			return (int)f;
	}
	return -1;
}

/* Report a problem at name:line:col into err; returns NULL. */
static struct linemodel *fail(struct linemodel *m, char *err, size_t errlen,
			      const char *name, size_t line, size_t col, const char *msg)
{
	snprintf(err, errlen, "%s:%zu:%zu: %s", name, line, col, msg);
	linemodel_free(m);
	return NULL;
}

/* Parse up to LK_NKINDS numbers from [p, e) into v; returns how many, and
 * the column of a bad one in *bad (0 if none). */
static int parse_numbers(const char *p, const char *e, const char *line, float *v,
			 int max, size_t *bad)
{
	int k = 0;
	char num[64];

	*bad = 0;
	while (p < e) {
		while (p < e && (*p == ' ' || *p == '\t'))
			p++;
		if (p == e || *p == '#')
			break;
		const char *w = p;

		while (p < e && *p != ' ' && *p != '\t')
			p++;
		size_t n = (size_t)(p - w);
		char *end;

		if (k >= max || n >= sizeof num) {
			*bad = (size_t)(w - line) + 1;
			return k;
		}
		memcpy(num, w, n);
		num[n] = '\0';
		errno = 0;
		double x = strtod(num, &end);

		if (*end || errno || x != x || x > 1e6 || x < -1e6) {
			*bad = (size_t)(w - line) + 1;
			return k;
		}
		v[k++] = (float)x;
	}
	return k;
}

struct linemodel *linemodel_parse(const char *name, const char *text, size_t n,
				  char *err, size_t errlen)
{
	struct linemodel *m = linemodel_new();
	const char *p = text, *end = text + n;
	size_t lineno = 0;
	int stage = 0, header = 0;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p)), *s = p, *w;
		size_t bad;

		if (!e)
			e = end;
		p = e + 1;
		lineno++;
		while (s < e && (*s == ' ' || *s == '\t'))
			s++;
		if (s == e || *s == '#')
			continue;
		for (w = s; w < e && *w != ' ' && *w != '\t'; w++)
			;
		size_t wn = (size_t)(w - s);
		const char *lb = s;	/* the line's start, for columns */

		while (lb > text && lb[-1] != '\n')
			lb--;
		if (!header) {
			if (wn != 17 || memcmp(s, "tnews-line-model", 16) || s[16] != '1')
				return fail(m, err, errlen, name, lineno, (size_t)(s - lb) + 1,
					    "not a tnews line model (want \"tnews-line-model1\")");
			header = 1;
			continue;
		}
		if (wn == 5 && !memcmp(s, "stage", 5)) {
			float v[1];

			if (parse_numbers(w, e, lb, v, 1, &bad) != 1 || bad || (v[0] != 1 && v[0] != 2))
				return fail(m, err, errlen, name, lineno, bad ? bad : (size_t)(w - lb) + 1,
					    "stage needs 1 or 2");
			stage = (int)v[0];
			if (stage == 1)	/* a stage given is given whole */
				memset(m->w1, 0, sizeof m->w1);
			else
				memset(m->w2, 0, sizeof m->w2);
			continue;
		}
		if ((wn == 4 && !memcmp(s, "keep", 4)) || (wn == 9 && !memcmp(s, "keep-long", 9))) {
			float v[1];

			const char *a = w;

			while (a < e && (*a == ' ' || *a == '\t'))
				a++;
			if (parse_numbers(w, e, lb, v, 1, &bad) != 1 || bad || v[0] < 0 || v[0] > 1)
				return fail(m, err, errlen, name, lineno, bad ? bad : (size_t)(a - lb) + 1,
					    "keep needs a probability from 0 to 1");
			*(wn == 4 ? &m->keep : &m->keep_long) = v[0];
			continue;
		}
		if ((wn == 5 && !memcmp(s, "start", 5)) || (wn == 5 && !memcmp(s, "param", 5))) {
			int is_param = s[0] == 'p';
			const char *a = w, *b;
			float v[1];

			while (a < e && (*a == ' ' || *a == '\t'))
				a++;
			for (b = a; b < e && *b != ' ' && *b != '\t'; b++)
				;
			int k = -1;

			for (unsigned j = 0; j < (is_param ? SP_COUNT : SF_COUNT); j++) {
				const char *nm = is_param ? segparam_name(j) : segfeat_name(j);

				if (strlen(nm) == (size_t)(b - a) && !memcmp(nm, a, (size_t)(b - a)))
					k = (int)j;
			}
			if (k < 0)
				return fail(m, err, errlen, name, lineno, (size_t)(a - lb) + 1,
					    is_param ? "unknown parameter" : "unknown start cue");
			if (parse_numbers(b, e, lb, v, 1, &bad) != 1 || bad)
				return fail(m, err, errlen, name, lineno, bad ? bad : (size_t)(b - lb) + 1,
					    "needs one number");
			if (is_param) {
				if (!m->seg.has_params) {
					struct segmodel def;

					segmodel_defaults(&def);
					memcpy(m->seg.p, def.p, sizeof def.p);
					m->seg.has_params = 1;
				}
				m->seg.p[k] = v[0];
			} else {
				if (!m->seg.has_weights)
					memset(m->seg.w, 0, sizeof m->seg.w), m->seg.has_weights = 1;
				m->seg.w[k] = v[0];
			}
			continue;
		}
		int f = feature_by_name(s, wn);

		if (f < 0)
			return fail(m, err, errlen, name, lineno, (size_t)(s - lb) + 1,
				    "unknown feature");
		if (stage == 0 || (stage == 1 && f >= LF1_COUNT))
			return fail(m, err, errlen, name, lineno, (size_t)(s - lb) + 1,
				    stage ? "a stage-two feature in stage one" :
					    "a weight before \"stage 1\"");
		float v[LK_NKINDS];

		if (parse_numbers(w, e, lb, v, LK_NKINDS, &bad) != LK_NKINDS || bad)
			return fail(m, err, errlen, name, lineno, bad ? bad : (size_t)(e - lb) + 1,
				    "a feature needs 5 weights (paragraph heading image credit chrome)");
		for (int k = 0; k < LK_NKINDS; k++)
			if (stage == 1)
				m->w1[f][k] = v[k];
			else
				m->w2[f][k] = v[k];
	}
	if (!header)
		return fail(m, err, errlen, name, lineno + 1, 1, "empty, not a tnews line model");
	return m;
}

struct linemodel *linemodel_load(const char *path, char *err, size_t errlen)
{
	FILE *f = fopen(path, "rb");
	struct sbuf b = { 0 };
	char chunk[4096];
	size_t k;

	if (!f) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return NULL;
	}
	while ((k = fread(chunk, 1, sizeof chunk, f)) > 0 && b.n < (1u << 20))
		sbuf_add(&b, chunk, k);
	if (ferror(f) || b.n >= (1u << 20)) {
		snprintf(err, errlen, "%s: %s", path, ferror(f) ? strerror(errno) : "too large for a model");
		fclose(f);
		sbuf_free(&b);
		return NULL;
	}
	fclose(f);
	struct linemodel *m = linemodel_parse(path, b.p ? b.p : "", b.n, err, errlen);

	sbuf_free(&b);
	return m;
}

/* Write one feature's weights if any is not zero. */
static void write_row(FILE *f, unsigned feat, const float *w)
{
	int any = 0;

	for (int k = 0; k < LK_NKINDS; k++)
		any |= w[k] != 0;
	if (!any)
		return;
	fprintf(f, "%-20s", linefeat_name(feat));
	for (int k = 0; k < LK_NKINDS; k++)
		fprintf(f, " %8.4f", w[k]);
	fputc('\n', f);
}

void linemodel_write(const struct linemodel *m, FILE *f)
{
	fprintf(f, "tnews-line-model1\n");
	fprintf(f, "# Weights of the line model, computed by tools/train from labelled\n"
		   "# lines; columns: paragraph heading image credit chrome.\n");
	fprintf(f, "keep %.4f\nkeep-long %.4f\n", m->keep, m->keep_long);
	fprintf(f, "stage 1\n");
	for (unsigned j = 0; j < LF1_COUNT; j++)
		write_row(f, j, m->w1[j]);
	fprintf(f, "stage 2\n");
	for (unsigned j = 0; j < LF_TOTAL; j++)
		write_row(f, j, m->w2[j]);
	if (m->seg.has_weights) {
		fprintf(f, "# the cues of a story start, and the segmenter's parameters\n");
		for (unsigned j = 0; j < SF_COUNT; j++)
			if (m->seg.w[j] != 0)
				fprintf(f, "start %-16s %8.4f\n", segfeat_name(j), m->seg.w[j]);
	}
	if (m->seg.has_params)
		for (unsigned j = 0; j < SP_COUNT; j++)
			fprintf(f, "param %-16s %8.4f\n", segparam_name(j), m->seg.p[j]);
}
