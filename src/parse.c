/* SPDX-License-Identifier: MIT */
/* parse.c - from documents to stories: classify, segment, title */
#include <config.h>

#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "parse.h"
#include "xmalloc.h"

/* The state of a stepwise parse of one document. */
struct parser {
	struct storylist *sl;
	struct doc *d;
	struct segmenter *sg;
	struct seg_start *starts;	/* final starts not yet made stories */
	size_t n, cap;
	int done;
	int defer;		/* stories appended unfinished (parse_doc's) */
};

/* Hand d to sl, classify it and start segmenting it. */
struct parser *parse_begin(struct storylist *sl, struct doc *d, const struct rules *r,
			   enum seg_mode mode)
{
	struct parser *p = xcalloc(1, sizeof *p);

	p->sl = sl;
	p->d = d;
	storylist_add_doc(sl, d);
	rules_classify_doc(r, d);
	p->sg = segment_begin(d, mode);
	return p;
}

/* Append the story from start s to line end, finished unless the
 * parser defers that. */
static void add_story(struct parser *p, const struct seg_start *s, size_t end)
{
	struct story *st = storylist_add(p->sl);

	st->doc = p->d;
	st->first = s->line;
	st->count = end - s->line;
	st->score = s->score;
	st->why = s->why;
	if (!p->defer)
		story_finish(st);
}

/* Segment one more window (sl is not touched); whether the document is
 * done. */
static int next_window(struct parser *p)
{
	p->done = segment_step(p->sg, &p->starts, &p->n, &p->cap);
	return p->done;
}

/* Append the stories the last window made final: a story ends where the
 * next starts, the last at the document's end. */
static void add_stories(struct parser *p)
{
	size_t i;

	for (i = 0; i + 1 < p->n; i++)
		add_story(p, &p->starts[i], p->starts[i + 1].line);
	if (p->done) {
		if (i < p->n)
			add_story(p, &p->starts[i], p->d->nlines);
		p->n = 0;
		segment_end(p->sg);
		p->sg = NULL;
		return;
	}
	if (i < p->n) {		/* the last start waits for the next */
		p->starts[0] = p->starts[i];
		p->n = 1;
	}
}

/* Segment one more window and append the stories now known to end. */
int parse_step(struct parser *p)
{
	if (p->done)
		return 1;
	next_window(p);
	add_stories(p);
	return p->done;
}

/* Free a parser. */
void parse_end(struct parser *p)
{
	if (!p)
		return;
	segment_end(p->sg);
	free(p->starts);
	free(p);
}

/* Stories a batch needs to be titled on a second thread: by default
 * (0) SPLIT_STORIES where the machine has two processors. */
#define SPLIT_STORIES 256
static size_t split_at;

void parse_set_split(size_t stories)
{
	split_at = stories;
}

/* Whether n stories are worth a second thread. */
static int split_worth(size_t n)
{
	if (split_at)
		return n >= split_at;
	return n >= SPLIT_STORIES && sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

/* Stories to finish, on one thread. */
struct batch {
	struct story *s;
	size_t n;
};

/* Finish (title and count) a batch of stories (a thread's work). */
static void *finish_batch(void *arg)
{
	const struct batch *b = arg;

	for (size_t i = 0; i < b->n; i++)
		story_finish(&b->s[i]);
	return NULL;
}

/* Finish the stories of sl from from on: their second half on another
 * thread when they are many. */
static void finish_halves(struct storylist *sl, size_t from)
{
	size_t n = sl->n - from;
	struct batch a = { n ? sl->stories + from : NULL, n }, b = { NULL, 0 };	/* (none yet: NULL) */
	pthread_t th;

	if (split_worth(n)) {
		a.n = n / 2;
		b.s = a.s + a.n;
		b.n = n - a.n;
		if (pthread_create(&th, NULL, finish_batch, &b) != 0)
			a.n = n;
	}
	finish_batch(&a);
	if (a.n < n)
		pthread_join(th, NULL);
}

/* A batch of stories to finish on a second thread once it is started. */
struct finisher {
	struct batch b;
	pthread_t th;
	int started;		/* on its thread, to be joined */
	int done;		/* finished (on its thread or at once) */
};

/* Start finishing f's batch on a thread of its own, or at once if there
 * is none (the segmenter's idle work). */
static void start_finish(void *arg)
{
	struct finisher *f = arg;

	f->started = pthread_create(&f->th, NULL, finish_batch, &f->b) == 0;
	if (!f->started)
		finish_batch(&f->b);
	f->done = 1;
}

/* Parse a whole document in one go: the stories of each window are
 * finished on a second thread while the next window is segmented,
 * started where that window's work leaves the second processor idle (its
 * rounds after the scoring, not its reading, which takes both), or at
 * once after it if it has no such stretch.  The stories are not touched
 * meanwhile: sl->stories may move only when that thread is done.  The
 * last window's stories are finished in two halves. */
void parse_doc(struct storylist *sl, struct doc *d, const struct rules *r,
	       enum seg_mode mode)
{
	struct parser *p = parse_begin(sl, d, r, mode);
	struct finisher f = { { NULL, 0 }, 0, 0, 1 };

	p->defer = 1;
	while (!p->done) {
		if (!f.done)
			segment_on_idle(p->sg, start_finish, &f);
		next_window(p);
		segment_on_idle(p->sg, NULL, NULL);
		if (!f.done)	/* no idle stretch: finished now */
			finish_batch(&f.b);
		if (f.started)
			pthread_join(f.th, NULL);
		f.started = 0;
		f.done = 1;
		size_t from = sl->n;

		add_stories(p);
		if (p->done) {
			finish_halves(sl, from);
			break;
		}
		f.b.s = sl->stories + from;
		f.b.n = sl->n - from;
		if (split_worth(f.b.n))
			f.done = 0;	/* for the next window's idle stretch */
		else
			finish_batch(&f.b);
	}
	parse_end(p);
}

/* The last story of d in sl (stories of a document are one run), or
 * sl->n if it has none. */
static size_t last_story(const struct storylist *sl, const struct doc *d)
{
	size_t i = sl->n;

	while (i > 0 && sl->stories[i - 1].doc != d)
		i--;
	return i > 0 ? i - 1 : sl->n;
}

/* Free what classifying a view of a document gave it. */
static void free_view(struct doc *v)
{
	for (size_t i = 0; i < v->nrule_names; i++)
		free(v->rule_names[i]);
	free(v->rule_names);
	free(v->seg);
}

/* Put the stories of d from starts st[0..ns) (lines counted from base)
 * in place of story j, moving the stories after it. */
static void replace_story(struct storylist *sl, size_t j, struct doc *d, size_t base,
			  const struct seg_start *st, size_t ns)
{
	size_t need = sl->n - 1 + ns;

	free(sl->stories[j].title);
	sl->stories = xgrow(sl->stories, &sl->cap, need ? need : 1, sizeof *sl->stories);
	memmove(sl->stories + j + ns, sl->stories + j + 1,
		(sl->n - j - 1) * sizeof *sl->stories);
	for (size_t i = 0; i < ns; i++) {
		struct story *s = &sl->stories[j + i];

		memset(s, 0, sizeof *s);
		s->doc = d;
		s->first = base + st[i].line;
		s->count = (i + 1 < ns ? base + st[i + 1].line : d->nlines) - s->first;
		s->score = st[i].score;
		s->why = st[i].why;
		story_finish(s);
	}
	sl->n = need;
}

/* Lines of the story before the last read again as context, at most. */
#define APPEND_LEAD 256

size_t parse_append(struct storylist *sl, struct doc *d, const struct rules *r,
		    enum seg_mode mode, size_t *first, size_t *lines)
{
	size_t j = last_story(sl, d), base, lead, ns, k = 0;
	struct seg_start *st = NULL;
	struct line *keep;
	struct doc v;

	if (j == sl->n)
		return 0;
	/* the last story and what came after it, as a document of its own,
	 * after some of the story before as context (its kinds kept) */
	base = sl->stories[j].first;
	lead = j > 0 && sl->stories[j - 1].doc == d ? sl->stories[j - 1].first : base;
	if (base - lead > APPEND_LEAD)
		lead = base - APPEND_LEAD;
	keep = xmalloc((base - lead + 1) * sizeof *keep);
	memcpy(keep, d->lines + lead, (base - lead) * sizeof *keep);
	v = *d;
	v.lines = d->lines + lead;
	v.nlines = d->nlines - lead;
	v.rule_names = NULL;
	v.nrule_names = 0;
	v.seg = NULL;
	v.items = NULL;
	v.nitems = 0;
	v.linenos = NULL;	/* its line numbers are not asked for */
	v.gaps = NULL;
	v.ngaps = 0;
	rules_classify_doc(r, &v);
	ns = segment_doc(&v, mode, &st);
	free_view(&v);
	memcpy(d->lines + lead, keep, (base - lead) * sizeof *keep);
	free(keep);
	/* the starts from the last story on; it still starts where it did */
	while (k < ns && lead + st[k].line < base)
		k++;
	if (k == ns || lead + st[k].line != base) {
		k = k > 0 ? k - 1 : 0;
		if (ns) {
			st[k].line = base - lead;
			st[k].score = sl->stories[j].score;
			st[k].why = sl->stories[j].why;
		}
	}
	if (ns == 0) {
		free(st);
		return 0;
	}
	replace_story(sl, j, d, lead, st + k, ns - k);
	free(st);
	*first = j;
	*lines = v.nlines;
	return ns - k;
}
