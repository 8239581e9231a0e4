/* parse.c - from documents to stories: classify, segment, title */
#include <config.h>

#include <stdlib.h>

#include "parse.h"
#include "xmalloc.h"

void parse_doc(struct storylist *sl, struct doc *d, const struct rules *r,
	       enum seg_mode mode)
{
	struct seg_start *starts = NULL;
	size_t n;

	storylist_add_doc(sl, d);
	rules_classify_doc(r, d);
	n = segment_doc(d, mode, &starts);
	for (size_t i = 0; i < n; i++) {
		struct story *s = storylist_add(sl);
		size_t end = i + 1 < n ? starts[i + 1].line : d->nlines;

		s->doc = d;
		s->first = starts[i].line;
		s->count = end - starts[i].line;
		s->score = starts[i].score;
		s->why = starts[i].why;
		story_finish(s);
	}
	free(starts);
}
