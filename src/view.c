/* SPDX-License-Identifier: MIT */
/* view.c - a story laid out for reading: rows that know their bytes */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bsearch.h"
#include "view.h"
#include "hyperlink.h"
#include "xmalloc.h"

void view_init(struct view *v)
{
	memset(v, 0, sizeof *v);
	v->story = -1;
	v->ch_now = v->ch_then = -1;
}

/* Set b to text[0..n); 1 if it was something else. */
static int set_text(struct sbuf *b, const char *text, size_t n)
{
	if (n == b->n && (n == 0 || !memcmp(b->p, text, n)))
		return 0;
	sbuf_reset(b);
	sbuf_add(b, text, n);
	return 1;
}

int view_set_versions(struct view *v, const char *text, size_t n, const char *summary,
		      size_t m)
{
	int changed = set_text(&v->vers, text, n);

	return set_text(&v->summary, summary, m) | changed;
}

int view_set_changes(struct view *v, long now, const uint8_t *mark, size_t n,
		     long then, const struct story *sthen, const size_t *removed,
		     size_t nremoved)
{
	if (now < 0)
		then = -1;
	if (now == v->ch_now && then == v->ch_then)
		return 0;
	v->ch_now = now;
	v->ch_then = then;
	v->nmark = now < 0 ? 0 : n;
	v->mark = xrealloc(v->mark, v->nmark ? v->nmark : 1);
	if (v->nmark)
		memcpy(v->mark, mark, n);
	sbuf_reset(&v->gone);
	v->ngone = now < 0 ? 0 : nremoved;
	v->gone_off = xrealloc(v->gone_off, (v->ngone + 1) * sizeof *v->gone_off);
	for (size_t k = 0; k < v->ngone; k++) {
		v->gone_off[k] = v->gone.n;
		if (removed[k] < sthen->count) {
			struct bstr t = line_text(sthen->doc, &story_lines(sthen)[removed[k]]);

			sbuf_add(&v->gone, t.s, t.n);
		}
	}
	v->gone_off[v->ngone] = v->gone.n;
	return 1;
}

int view_set_header(struct view *v, const char *text, size_t n)
{
	if (n == v->head.n && (n == 0 || !memcmp(v->head.p, text, n)))
		return 0;
	sbuf_reset(&v->head);
	sbuf_add(&v->head, text, n);
	return 1;
}

void view_free(struct view *v)
{
	free(v->start);
	free(v->rows);
	free(v->line_row);
	sbuf_free(&v->disp);
	sbuf_free(&v->src);
	sbuf_free(&v->head);
	sbuf_free(&v->vers);
	sbuf_free(&v->summary);
	sbuf_free(&v->gone);
	free(v->mark);
	free(v->gone_off);
	display_map_free(&v->map);
	wrapper_free(&v->wrap);
	view_init(v);
}

/* Append a row. */
static void add_row(struct view *v, int line, enum view_kind kind, size_t start,
		    size_t len, int cols, size_t pfx_a, size_t pfx_b)
{
	struct view_row *r;

	if (v->nrows == v->cap) {
		v->rows = xgrow(v->rows, &v->cap, v->nrows + 1, sizeof *v->rows);
		v->start = xrealloc(v->start, v->cap * sizeof *v->start);
	}
	v->start[v->nrows] = start;
	r = &v->rows[v->nrows++];
	r->line = line;
	r->len = (uint32_t)len;
	r->cols = (uint16_t)(cols < 0 ? 0 : cols > 65535 ? 65535 : cols);
	r->kind = (uint8_t)kind;
	r->pfx_a = (uint8_t)pfx_a;
	r->pfx_b = (uint8_t)pfx_b;
	r->mark = (uint8_t)v->cur_mark;
}

/* Where the piece of t[0..n) that starts at a ends. */
static size_t piece_end(const char *t, size_t a, size_t n)
{
	size_t e = a + VIEW_PIECE;

	if (e >= n)
		return n;
	for (size_t k = e; k > a + VIEW_PIECE / 2; k--)
		if (t[k - 1] == ' ')
			return k;
	while (e > a + 1 && ((unsigned char)t[e] & 0xC0) == 0x80)
		e--;
	return e;
}

/* The source byte (in the piece) where display byte d of the piece's
 * display text falls: the first character starting at or after it. */
static size_t source_of(const struct display_map *m, size_t d)
{
	size_t i = bs_lower(m->disp, m->n, d);

	return i < m->n ? m->src[i] : m->src[m->n - 1];
}

/* Lay out one piece t[a..b) of a line, label (may be NULL) first. */
static void lay_piece(struct view *v, const char *t, size_t a, size_t b, int line,
		      enum view_kind kind, const char *label)
{
	size_t nl = label ? strlen(label) : 0, nr;

	sbuf_reset(&v->disp);
	v->map.n = 0;
	sbuf_add(&v->disp, label ? label : "", nl);
	text_display_map(&v->disp, t + a, b - a, v->utf8, &v->map);
	nr = wrap_text(&v->wrap, v->disp.p, v->disp.n, v->width);
	for (size_t i = 0; i < nr; i++) {
		const struct wrap_row *w = &v->wrap.rows[i];
		size_t ds = w->off > nl ? w->off : nl, de = w->off + w->len;
		size_t sa = source_of(&v->map, ds);
		size_t sb = de > nl ? source_of(&v->map, de) : sa;

		add_row(v, line, kind, a + sa, sb - sa, w->cols,
			w->off < nl ? w->off : nl, de < nl ? de : nl);
	}
}

/* Lay out text t[0..n) of a line (or the title, line -1). */
static void lay_text(struct view *v, const char *t, size_t n, int line,
		     enum view_kind kind, const char *label)
{
	size_t a = 0;

	do {
		size_t b = piece_end(t, a, n);

		lay_piece(v, t, a, b, line, kind, a == 0 ? label : NULL);
		a = b;
		while (a < n && t[a] == ' ')
			a++;
	} while (a < n);
}

/* The date and link of a story from a page or feed ("date  link") in
 * out; whether it has any. */
static int source_text(const struct story *s, struct sbuf *out)
{
	const struct doc_item *it = story_source(s);

	sbuf_reset(out);
	sbuf_add(out, "", 0);
	if (!it || (!it->date && !it->url))
		return 0;
	if (it->date)
		sbuf_adds(out, it->date);
	if (it->date && it->url)
		sbuf_adds(out, "  ");
	if (it->url)
		sbuf_adds(out, it->url);
	return 1;
}

/* The heading over the removed paragraphs. */
static const char gone_head[] = "Removed since the version you read:";

/* After the text: the paragraphs removed since the version read. */
static void lay_gone(struct view *v)
{
	if (!v->ngone)
		return;
	v->cur_mark = VIEW_MARK_NONE;
	add_row(v, VIEW_LINE_GONE_HEAD, VIEW_BLANK, 0, 0, 0, 0, 0);
	lay_text(v, gone_head, strlen(gone_head), VIEW_LINE_GONE_HEAD, VIEW_STRIPPED, NULL);
	v->cur_mark = VIEW_MARK_REMOVED;
	for (size_t k = 0; k < v->ngone; k++) {
		int line = VIEW_LINE_GONE - (int)k;

		add_row(v, line, VIEW_BLANK, 0, 0, 0, 0, 0);
		lay_text(v, v->gone.p + v->gone_off[k], v->gone_off[k + 1] - v->gone_off[k],
			 line, VIEW_TEXT, NULL);
	}
	v->cur_mark = VIEW_MARK_NONE;
}

void view_layout(struct view *v, const struct story *s, long si, int width,
		 int stripped, int utf8)
{
	const struct line *l = story_lines(s);
	char label[40];
	int changes = v->ch_now == si && si >= 0;

	if (!changes)
		view_set_changes(v, -1, NULL, 0, -1, NULL, NULL, 0);
	v->nrows = 0;
	v->story = si;
	v->gutter = changes ? VIEW_GUTTER : 0;
	width -= v->gutter;
	v->cur_mark = VIEW_MARK_NONE;
	v->width = width < 1 ? 1 : width;
	v->stripped = stripped;
	v->utf8 = utf8;
	v->line_row = xgrow(v->line_row, &v->line_cap, s->count + 1, sizeof *v->line_row);
	v->nlines = s->count;
	if (v->head.n)
		lay_text(v, v->head.p, v->head.n, -1, VIEW_TITLE, NULL);
	else
		lay_text(v, s->title ? s->title : "", s->title ? strlen(s->title) : 0, -1,
			 VIEW_TITLE, NULL);
	if (source_text(s, &v->src))
		lay_text(v, v->src.p, v->src.n, VIEW_LINE_SOURCE, VIEW_STRIPPED, NULL);
	if (v->vers.n)
		lay_text(v, v->vers.p, v->vers.n, VIEW_LINE_VERSIONS, VIEW_STRIPPED, NULL);
	if (v->summary.n)
		lay_text(v, v->summary.p, v->summary.n, VIEW_LINE_SUMMARY, VIEW_STRIPPED, NULL);
	for (size_t i = 0; i < s->count; i++) {
		int para = l[i].kind == LK_PARAGRAPH;
		struct bstr t = line_text(s->doc, &l[i]);

		v->line_row[i] = v->nrows;
		if (!para && !stripped)
			continue;
		add_row(v, (int)i, VIEW_BLANK, 0, 0, 0, 0, 0);
		snprintf(label, sizeof label, "[%s] ", line_kind_name(l[i].kind));
		v->cur_mark = changes && i < v->nmark ? v->mark[i] : VIEW_MARK_NONE;
		lay_text(v, t.s, t.n, (int)i, para ? VIEW_TEXT : VIEW_STRIPPED,
			 para ? NULL : label);
	}
	v->cur_mark = VIEW_MARK_NONE;
	v->line_row[s->count] = v->nrows;
	lay_gone(v);
	/* a giant paragraph's scratch space is given back */
	if (v->disp.cap > 4 * VIEW_PIECE || v->map.cap > 2 * VIEW_PIECE) {
		sbuf_free(&v->disp);
		display_map_free(&v->map);
		wrapper_free(&v->wrap);
	}
}

size_t view_row_of(const struct view *v, size_t line, size_t off)
{
	size_t r0, r1;

	if (v->nrows == 0)
		return 0;
	if (line >= v->nlines)
		return v->nrows - 1;
	r0 = v->line_row[line];
	r1 = v->line_row[line + 1];
	if (r1 - r0 <= 1)
		return r0 < v->nrows ? r0 : v->nrows - 1;
	return r0 + 1 + bs_floor(v->start + r0 + 1, r1 - r0 - 1, off);
}

void view_pos(const struct view *v, size_t r, size_t *line, size_t *off)
{
	*line = *off = 0;
	if (r >= v->nrows || v->rows[r].line < 0)
		return;
	*line = (size_t)v->rows[r].line;
	*off = v->start[r];
}

/* The source text of row r's line. */
static struct bstr row_source(struct view *v, const struct story *s,
			      const struct view_row *r)
{
	struct bstr t = { "", 0 };

	if (r->line <= VIEW_LINE_GONE) {
		size_t k = (size_t)(VIEW_LINE_GONE - r->line);

		if (k < v->ngone) {
			t.s = v->gone.p + v->gone_off[k];
			t.n = v->gone_off[k + 1] - v->gone_off[k];
		}
	} else if (r->line == VIEW_LINE_GONE_HEAD) {
		t.s = gone_head;
		t.n = strlen(gone_head);
	} else if (r->line == VIEW_LINE_VERSIONS || r->line == VIEW_LINE_SUMMARY) {
		const struct sbuf *b = r->line == VIEW_LINE_VERSIONS ? &v->vers : &v->summary;

		t.s = b->p ? b->p : "";
		t.n = b->n;
	} else if (r->line == VIEW_LINE_SOURCE) {
		source_text(s, &v->src);
		t.s = v->src.p;
		t.n = v->src.n;
	} else if (r->line < 0 && v->head.n) {
		t.s = v->head.p;
		t.n = v->head.n;
	} else if (r->line < 0) {
		t.s = s->title ? s->title : "";
		t.n = strlen(t.s);
	} else if ((size_t)r->line < s->count) {
		t = line_text(s->doc, &story_lines(s)[r->line]);
	}
	return t;
}

/* The label of a stripped row's line, display bytes [a, b), into out. */
static void add_label(const struct story *s, const struct view_row *r, struct sbuf *out)
{
	char label[40];
	size_t n;

	if (r->pfx_b <= r->pfx_a || r->line < 0)
		return;
	n = (size_t)snprintf(label, sizeof label, "[%s] ",
			     line_kind_name(story_lines(s)[r->line].kind));
	if (r->pfx_b <= n)
		sbuf_add(out, label + r->pfx_a, (size_t)(r->pfx_b - r->pfx_a));
}

void view_row_text(struct view *v, const struct story *s, size_t r, struct sbuf *out)
{
	const struct view_row *w = &v->rows[r];
	struct bstr t = row_source(v, s, w);
	size_t a = v->start[r];

	sbuf_reset(out);
	sbuf_add(out, "", 0);
	add_label(s, w, out);
	if (a <= t.n && w->len <= t.n - a)
		text_display(out, t.s + a, w->len, v->utf8);
}

size_t view_row_offset(struct view *v, const struct story *s, size_t r, size_t off)
{
	const struct view_row *w = &v->rows[r];
	struct bstr t = row_source(v, s, w);
	size_t a = v->start[r], n;

	if (off < a)
		off = a;
	if (off > a + w->len)
		off = a + w->len;
	if (off > t.n)
		return 0;
	sbuf_reset(&v->disp);
	text_display(&v->disp, t.s + a, off - a, v->utf8);
	n = v->disp.n;
	return (size_t)(w->pfx_b - w->pfx_a) + n;
}

/* The matches overlapping bytes [a, b) of story line line, however many:
 * in *hits (grown); returns how many. */
static size_t line_hits(struct search *se, size_t si, size_t line, size_t a, size_t b,
			size_t (**hits)[2], size_t *cap)
{
	size_t n;

	for (;;) {
		if (*cap < 64) {
			*cap = 64;
			*hits = xrealloc(*hits, *cap * sizeof **hits);
		}
		n = search_range_hits(se, si, line, a, b, *hits, *cap);
		if (n < *cap)
			return n;
		*cap *= 2;
		*hits = xrealloc(*hits, *cap * sizeof **hits);
	}
}

/* Add the spans of match [a, b) of a line on its rows [r0, r1). */
static size_t add_spans(struct view *v, const struct story *s, size_t r0, size_t r1,
			size_t a, size_t b, struct view_span **out, size_t *cap, size_t n)
{
	for (size_t r = r0; r < r1; r++) {
		size_t ra = v->start[r], rb = ra + v->rows[r].len;

		if (rb <= a || ra >= b || v->rows[r].kind == VIEW_BLANK)
			continue;
		size_t from = view_row_offset(v, s, r, a > ra ? a : ra);
		size_t to = view_row_offset(v, s, r, b < rb ? b : rb);

		if (to <= from)
			continue;
		*out = xgrow(*out, cap, n + 1, sizeof **out);
		(*out)[n++] = (struct view_span){ r, from, to,
						  (size_t)v->rows[r].line, a };
	}
	return n;
}

size_t view_hits(struct view *v, const struct story *s, size_t si, struct search *se,
		 size_t r0, size_t r1, struct view_span **out, size_t *cap)
{
	size_t n = 0, hcap = 0, (*hits)[2] = NULL;

	if (r1 > v->nrows)
		r1 = v->nrows;
	while (r0 < r1) {
		int line = v->rows[r0].line;
		size_t e = r0;

		while (e < r1 && v->rows[e].line == line)
			e++;
		if (line >= 0) {
			size_t a = v->start[r0], b = v->start[e - 1] + v->rows[e - 1].len;
			size_t nh = line_hits(se, si, (size_t)line, a, b > a ? b : a + 1,
					      &hits, &hcap);

			for (size_t h = 0; h < nh; h++)
				n = add_spans(v, s, r0, e, hits[h][0], hits[h][1], out, cap, n);
		}
		r0 = e;
	}
	free(hits);
	return n;
}

/* Bytes around a row searched for the URLs that reach into it. */
#define LINK_REACH (HL_MAX_URL + 8)

size_t view_links(struct view *v, const struct story *s, size_t r0, size_t r1,
		  struct view_link **out, size_t *cap)
{
	size_t n = 0;

	for (size_t r = r0; r < r1 && r < v->nrows; r++) {
		const struct view_row *w = &v->rows[r];
		struct bstr t = row_source(v, s, w);
		size_t ra = v->start[r], rb = ra + w->len, i, b, e, lim;

		if (w->kind != VIEW_TEXT || w->line < 0 || rb > t.n)
			continue;
		/* a URL is one word: it starts within reach of the row */
		i = ra > LINK_REACH ? ra - LINK_REACH : 0;
		lim = t.n - rb > LINK_REACH ? rb + LINK_REACH : t.n;
		while (hl_url_next(t.s, lim, i, &b, &e) && b < rb) {
			size_t from, to;

			i = e;
			if (e <= ra)
				continue;
			from = view_row_offset(v, s, r, b > ra ? b : ra);
			to = view_row_offset(v, s, r, e < rb ? e : rb);
			if (to > from) {
				*out = xgrow(*out, cap, n + 1, sizeof **out);
				(*out)[n++] = (struct view_link){ r, from, to,
								  (size_t)w->line, b, e };
			}
		}
	}
	return n;
}
