/* SPDX-License-Identifier: MIT */
/* parse.c - from documents to stories: classify, segment, title */
#include <config.h>

#include <stdlib.h>
#include <string.h>

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

/* Append the story from start s to line end. */
static void add_story(struct parser *p, const struct seg_start *s, size_t end)
{
	struct story *st = storylist_add(p->sl);

	st->doc = p->d;
	st->first = s->line;
	st->count = end - s->line;
	st->score = s->score;
	st->why = s->why;
	story_finish(st);
}

/* Segment one more window and append the stories now known to end. */
int parse_step(struct parser *p)
{
	size_t i;

	if (p->done)
		return 1;
	p->done = segment_step(p->sg, &p->starts, &p->n, &p->cap);
	/* a story ends where the next starts, the last at the document's end */
	for (i = 0; i + 1 < p->n; i++)
		add_story(p, &p->starts[i], p->starts[i + 1].line);
	if (p->done) {
		if (i < p->n)
			add_story(p, &p->starts[i], p->d->nlines);
		p->n = 0;
		segment_end(p->sg);
		p->sg = NULL;
		return 1;
	}
	if (i < p->n) {		/* the last start waits for the next */
		p->starts[0] = p->starts[i];
		p->n = 1;
	}
	return 0;
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

/* Parse a whole document in one go. */
void parse_doc(struct storylist *sl, struct doc *d, const struct rules *r,
	       enum seg_mode mode)
{
	struct parser *p = parse_begin(sl, d, r, mode);

	while (!parse_step(p))
		;
	parse_end(p);
}
