/* SPDX-License-Identifier: MIT */
/* fuzz_search.c - libFuzzer: a query (up to the first NUL byte) searched
 * in a dump (the rest): counting, finding both ways, highlights, filter. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"
#include "search.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct storylist sl = { 0 };
	long n = fuzz_query_dump(data, size, &sl);

	if (n < 0)
		return 0;
	size_t qn = (size_t)n;
	struct search *s = search_new(&sl);
	struct search_count c;
	struct search_hit h;
	struct search_pos from = { 0, 0, 0 };
	size_t ranges[16][2];
	unsigned char *keep = malloc(sl.n + 1);
	int wrapped;

	search_set_stripped(s, (int)(size & 1));
	search_set_query(s, (const char *)data, qn);
	do
		c = search_count_step(s, 64);
	while (!c.complete);
	for (int k = 0; k < 3 && search_find(s, &from, 1, &h, &wrapped); k++) {
		if (h.story >= sl.n || h.start > h.end || search_ordinal(s, &h) == 0)
			abort();
		size_t nr = search_line_hits(s, h.story, h.line, ranges, 16);

		if (nr == 0)
			abort();
		from = (struct search_pos){ h.story, h.line, h.start + 1 };
	}
	if (search_find(s, &from, -1, &h, &wrapped) != (c.matches > 0))
		abort();
	search_filter(s, (const char *)data, qn, keep);
	free(keep);
	search_free(s);
	storylist_free(&sl);
	return 0;
}
