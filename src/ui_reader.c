/* SPDX-License-Identifier: MIT */
/* ui_reader.c - the reading pane: a story laid out into display rows
 * (cached per story, width and mode), scrolling, and drawing */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "ui_panes.h"
#include "ui_text.h"
#include "xmalloc.h"

/* Scratch space kept between layouts; more is freed after use. */
#define SCRATCH_KEEP ((size_t)1 << 20)

/* Append a row to the cache. */
static void add_row(struct layout_cache *lc, size_t off, size_t len, int line,
		    size_t line_off, enum row_kind kind)
{
	struct rrow *r;

	lc->rows = xgrow(lc->rows, &lc->cap, lc->nrows + 1, sizeof *lc->rows);
	r = &lc->rows[lc->nrows++];
	r->off = off;
	r->len = (unsigned)len;
	r->line = line;
	r->line_off = (unsigned)line_off;
	r->kind = (unsigned char)kind;
}

/* Wrap the display text in lc->scratch into rows of one line. */
static void add_text(struct layout_cache *lc, int line, enum row_kind kind, int width)
{
	size_t base = lc->text.n, n;

	sbuf_add(&lc->text, lc->scratch.p ? lc->scratch.p : "", lc->scratch.n);
	n = wrap_text(&lc->wrap, lc->text.p + base, lc->scratch.n, width);
	for (size_t i = 0; i < n; i++)
		add_row(lc, base + lc->wrap.rows[i].off, lc->wrap.rows[i].len, line,
			lc->wrap.rows[i].off, kind);
}

/* Under the title of a story from a page or feed: its date and link. */
static void add_source(struct app *a, const struct story *s, int width)
{
	const struct doc_item *it = story_source(s);
	struct layout_cache *lc = &a->lc;

	if (!it || (!it->date && !it->url))
		return;
	sbuf_reset(&lc->scratch);
	if (it->date)
		text_display_str(&lc->scratch, it->date, a->utf8);
	if (it->date && it->url)
		sbuf_adds(&lc->scratch, "  ");
	if (it->url)
		text_display_str(&lc->scratch, it->url, a->utf8);
	add_text(lc, -1, ROW_STRIPPED, width);
}

/* Lay story si out at the given width into the cache. */
static void build(struct app *a, size_t si, int width)
{
	struct layout_cache *lc = &a->lc;
	const struct story *s = &a->sl->stories[si];
	const struct line *l = story_lines(s);

	lc->nrows = 0;
	sbuf_reset(&lc->text);
	sbuf_reset(&lc->scratch);
	text_display_str(&lc->scratch, s->title ? s->title : "", a->utf8);
	add_text(lc, -1, ROW_TITLE, width);
	add_source(a, s, width);
	for (size_t i = 0; i < s->count; i++) {
		int para = l[i].kind == LK_PARAGRAPH;
		struct bstr t = line_text(s->doc, &l[i]);

		if (!para && !a->show_stripped)
			continue;
		add_row(lc, 0, 0, (int)i, 0, ROW_BLANK);
		sbuf_reset(&lc->scratch);
		if (!para)
			sbuf_printf(&lc->scratch, "[%s] ", line_kind_name(l[i].kind));
		text_display(&lc->scratch, t.s, t.n, a->utf8);
		add_text(lc, (int)i, para ? ROW_TEXT : ROW_STRIPPED, width);
	}
	lc->story = (long)si;
	lc->width = width;
	lc->stripped = a->show_stripped;
	/* a giant paragraph needed giant scratch space: give it back */
	if (lc->scratch.cap > SCRATCH_KEEP)
		sbuf_free(&lc->scratch);
	if (lc->wrap.rows_cap * sizeof *lc->wrap.rows > SCRATCH_KEEP)
		wrapper_free(&lc->wrap);
}

/* The row to show at the top for an anchor (line, offset in line). */
static size_t find_anchor(const struct layout_cache *lc, int line, unsigned off)
{
	size_t best = 0;
	int found = 0;

	for (size_t r = 0; r < lc->nrows; r++) {
		const struct rrow *w = &lc->rows[r];

		if (w->kind == ROW_BLANK)
			continue;
		if (w->line == line && w->line_off <= off) {
			best = r;
			found = 1;
		} else if (w->line > line) {
			return found ? best : r;
		}
	}
	return best;
}

/* Rows the reading pane shows at once. */
static size_t pane_rows(const struct app *a)
{
	return a->reader ? (size_t)getmaxy(a->reader) : 1;
}

/* The largest useful top row. */
static size_t max_top(const struct app *a)
{
	size_t h = pane_rows(a);

	return a->lc.nrows > h ? a->lc.nrows - h : 0;
}

void reader_relayout(struct app *a)
{
	struct layout_cache *lc = &a->lc;
	int line = -1;
	unsigned off = 0;
	int same = lc->story == (long)a->sel;

	if (a->sl->n == 0)
		return;
	if (same && lc->width == a->text_width && lc->stripped == a->show_stripped)
		goto clamp;
	if (same && a->top < lc->nrows) {
		line = lc->rows[a->top].line;
		off = lc->rows[a->top].line_off;
	}
	build(a, a->sel, a->text_width);
	a->top = same ? find_anchor(lc, line, off) : 0;
clamp:
	if (a->top > max_top(a))
		a->top = max_top(a);
}

/* Most matches highlighted in one line. */
#define MAX_HL 256

/* The matches of one line in display offsets of its row text. */
struct highlights {
	int line;		/* the line they belong to, -2 for none yet */
	size_t r[MAX_HL][2];
	size_t n;
	long cur;		/* the current match, or -1 */
	struct sbuf tmp;
};

/* The length of the "[kind] " prefix of a stripped line's display text. */
static size_t prefix_len(const struct line *l)
{
	if (l->kind == LK_PARAGRAPH)
		return 0;
	return strlen(line_kind_name(l->kind)) + 3;
}

/* The display offset (within its row text) of byte off of line i of the
 * shown story. */
static size_t display_off(struct app *a, size_t i, size_t off, struct sbuf *tmp)
{
	const struct story *s = &a->sl->stories[a->sel];
	const struct line *l = &story_lines(s)[i];
	struct bstr t = line_text(s->doc, l);

	sbuf_reset(tmp);
	text_display(tmp, t.s, off < t.n ? off : t.n, a->utf8);
	return prefix_len(l) + tmp->n;
}

/* Fetch the highlights of line (display offsets) unless already held. */
static void highlights_of(struct app *a, int line, struct highlights *h)
{
	size_t br[MAX_HL][2];

	if (h->line == line)
		return;
	h->line = line;
	h->n = find_ranges(a, (size_t)line, br, MAX_HL, &h->cur);
	for (size_t i = 0; i < h->n; i++) {
		h->r[i][0] = display_off(a, (size_t)line, br[i][0], &h->tmp);
		h->r[i][1] = display_off(a, (size_t)line, br[i][1], &h->tmp);
	}
}

/* Draw display bytes [from, to) of row r (offsets in its line's display
 * text) at column x; returns the new x. */
static int draw_part(struct app *a, int y, int x, const struct rrow *r, size_t from,
		     size_t to, attr_t attr, short pair)
{
	int w = getmaxx(a->reader) - x;

	if (to <= from || w <= 0)
		return x;
	return x + text_draw(a->reader, y, x, a->lc.text.p + r->off + (from - r->line_off),
			     to - from, w, attr, pair, 0, a->utf8);
}

/* Draw one display row at pane row y, its matches reversed. */
static void draw_row(struct app *a, int y, const struct rrow *r, struct highlights *h)
{
	int el = r->kind == ROW_TITLE ? CONFIG_EL_TITLE :
		 r->kind == ROW_STRIPPED ? CONFIG_EL_STRIPPED : CONFIG_EL_TEXT;
	attr_t attr = a->el_attr[el];
	short pair = a->el_pair[el];
	size_t at = r->line_off, end = r->line_off + r->len;
	int x = a->margin;

	if (r->line >= 0 && r->kind != ROW_BLANK && a->find.active) {
		highlights_of(a, r->line, h);
		for (size_t i = 0; i < h->n; i++) {
			size_t s = h->r[i][0] > at ? h->r[i][0] : at;
			size_t e = h->r[i][1] < end ? h->r[i][1] : end;
			attr_t hl = a->el_attr[CONFIG_EL_MATCH] | ((long)i == h->cur ? A_BOLD : 0);
			short hp = a->el_pair[CONFIG_EL_MATCH] ? a->el_pair[CONFIG_EL_MATCH] : pair;

			if (s >= e)
				continue;
			if (!(hl & ~A_BOLD) && !a->el_pair[CONFIG_EL_MATCH])
				hl |= A_REVERSE;	/* a match must stand out */
			x = draw_part(a, y, x, r, at, s, attr, pair);
			x = draw_part(a, y, x, r, s, e, (attr & ~ui_dim_attr()) | hl, hp);
			at = e;
		}
	}
	draw_part(a, y, x, r, at, end, attr, pair);
}

void reader_draw(struct app *a)
{
	struct highlights *hl;
	int h;

	if (!a->reader)
		return;
	werase(a->reader);
	h = getmaxy(a->reader);
	if (a->sl->n == 0) {
		mvwaddstr(a->reader, 0, 0, "(no stories)");
	} else {
		hl = xcalloc(1, sizeof *hl);
		hl->line = -2;
		for (int y = 0; y < h && a->top + (size_t)y < a->lc.nrows; y++)
			draw_row(a, y, &a->lc.rows[a->top + (size_t)y], hl);
		sbuf_free(&hl->tmp);
		free(hl);
	}
	wnoutrefresh(a->reader);
}

void reader_show(struct app *a, size_t line, size_t off)
{
	struct sbuf tmp = { 0 };
	size_t h = pane_rows(a), row;

	reader_relayout(a);
	if (a->sl->n == 0)
		return;
	row = find_anchor(&a->lc, (int)line, (unsigned)display_off(a, line, off, &tmp));
	sbuf_free(&tmp);
	if (row < a->top || row + 1 >= a->top + h) {
		a->top = row > h / 3 ? row - h / 3 : 0;
		if (a->top > max_top(a))
			a->top = max_top(a);
	}
}

void reader_where(struct app *a, size_t *line, size_t *off)
{
	const struct rrow *r;
	struct sbuf tmp = { 0 };
	size_t lo = 0, hi, *b, nb = 0;
	struct bstr t;

	*line = *off = 0;
	reader_relayout(a);
	if (a->sl->n == 0 || a->top >= a->lc.nrows || a->lc.rows[a->top].line < 0)
		return;
	r = &a->lc.rows[a->top];
	*line = (size_t)r->line;
	if (r->line_off == 0)
		return;
	t = line_text(a->sl->stories[a->sel].doc,
		      &story_lines(&a->sl->stories[a->sel])[r->line]);
	/* the character boundaries, then the last one shown at or before the row */
	b = xmalloc((t.n + 1) * sizeof *b);
	for (size_t i = 0; i <= t.n; i++)
		if (i == t.n || ((unsigned char)t.s[i] & 0xC0) != 0x80)
			b[nb++] = i;
	hi = nb - 1;
	while (lo < hi) {
		size_t mid = (lo + hi + 1) / 2;

		if (display_off(a, *line, b[mid], &tmp) <= r->line_off)
			lo = mid;
		else
			hi = mid - 1;
	}
	*off = b[lo];
	free(b);
	sbuf_free(&tmp);
}

void reader_top_at(struct app *a, size_t line)
{
	reader_relayout(a);
	if (a->sl->n == 0)
		return;
	a->top = line ? find_anchor(&a->lc, (int)line, 0) : 0;
	if (a->top > max_top(a))
		a->top = max_top(a);
}

size_t reader_top_line(const struct app *a)
{
	if (a->lc.story != (long)a->sel || a->top >= a->lc.nrows || a->lc.rows[a->top].line < 0)
		return 0;
	return (size_t)a->lc.rows[a->top].line;
}

int reader_at_end(const struct app *a)
{
	return a->lc.story == (long)a->sel && a->top + pane_rows(a) >= a->lc.nrows;
}

int reader_scroll(struct app *a, long delta)
{
	size_t old = a->top, mt = max_top(a);

	if (delta < 0)
		a->top = (size_t)-delta > a->top ? 0 : a->top - (size_t)-delta;
	else
		a->top = a->top + (size_t)delta > mt ? mt : a->top + (size_t)delta;
	if (a->top == old) {
		ui_message(a, delta < 0 ? "Top of the story" :
			   "End of the story: J for the next, U for the next unread");
		return H_HANDLED | H_STATUS;
	}
	return H_HANDLED | H_READER | H_STATUS;
}

int reader_goto(struct app *a, int bottom)
{
	a->top = bottom ? max_top(a) : 0;
	return H_HANDLED | H_READER | H_STATUS;
}

size_t reader_page(const struct app *a)
{
	return pane_rows(a);
}

void reader_position(const struct app *a, char *buf, size_t n)
{
	size_t h = pane_rows(a), rows = a->lc.nrows;

	if (rows <= h)
		snprintf(buf, n, "All");
	else if (a->top == 0)
		snprintf(buf, n, "Top");
	else if (a->top + h >= rows)
		snprintf(buf, n, "Bot");
	else
		snprintf(buf, n, "%zu%%", (a->top + h) * 100 / rows);
}

void reader_free(struct app *a)
{
	sbuf_free(&a->lc.text);
	sbuf_free(&a->lc.scratch);
	wrapper_free(&a->lc.wrap);
	free(a->lc.rows);
	a->lc.rows = NULL;
	a->lc.nrows = a->lc.cap = 0;
}
