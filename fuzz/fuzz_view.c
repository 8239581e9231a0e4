/* SPDX-License-Identifier: MIT */
/* fuzz_view.c - libFuzzer: every story of a dump (after the query, up to
 * the first NUL byte) laid out at any width: rows stay inside their line
 * in order, byte position -> row finds each row again, and highlights
 * stay inside their row's text. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "fuzzutil.h"
#include "search.h"
#include "view.h"

/* Abort unless the rows of story s are in order, inside their lines, and
 * found again from their first byte. */
static void check_rows(struct view *v, const struct story *s, struct sbuf *text)
{
	long line = -3;
	size_t end = 0;

	for (size_t r = 0; r < v->nrows; r++) {
		const struct view_row *w = &v->rows[r];

		view_row_text(v, s, r, text);
		if (w->line < 0 || w->kind == VIEW_BLANK)
			continue;
		struct bstr t = line_text(s->doc, &story_lines(s)[w->line]);

		if ((size_t)w->line >= s->count || v->start[r] + w->len > t.n)
			abort();
		if (w->line == line && v->start[r] < end)
			abort();
		if (w->len > 0 && view_row_of(v, (size_t)w->line, v->start[r]) != r)
			abort();
		line = w->line;
		end = v->start[r] + w->len;
	}
}

/* Abort unless every highlight is inside its row's display text. */
static void check_hits(struct view *v, const struct story *s, size_t si,
		       struct search *se, struct sbuf *text)
{
	struct view_span *sp = NULL;
	size_t cap = 0, n = view_hits(v, s, si, se, 0, v->nrows, &sp, &cap);

	for (size_t i = 0; i < n; i++) {
		if (sp[i].row >= v->nrows)
			abort();
		view_row_text(v, s, sp[i].row, text);
		if (sp[i].from >= sp[i].to || sp[i].to > text->n)
			abort();
	}
	free(sp);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct storylist sl = { 0 };
	struct sbuf text = { 0 };
	struct view v;
	long n = fuzz_query_dump(data, size, &sl);

	if (n < 0)
		return 0;
	size_t qn = (size_t)n;
	struct search *se = search_new(&sl);

	search_set_stripped(se, (int)(size & 1));
	search_set_query(se, (const char *)data, qn);
	view_init(&v);
	for (size_t i = 0; i < sl.n; i++) {
		view_layout(&v, &sl.stories[i], (long)i, 1 + (int)(size % 97), (int)(size & 1),
			    (int)((size >> 1) & 1));
		check_rows(&v, &sl.stories[i], &text);
		check_hits(&v, &sl.stories[i], i, se, &text);
	}
	view_free(&v);
	sbuf_free(&text);
	search_free(se);
	storylist_free(&sl);
	return 0;
}
