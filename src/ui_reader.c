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

/* Draw one display row at pane row y. */
static void draw_row(struct app *a, int y, const struct rrow *r)
{
	attr_t attr = A_NORMAL;
	short pair = 0;
	int w = getmaxx(a->reader) - a->margin;

	if (r->kind == ROW_TITLE) {
		attr = A_BOLD;
		pair = a->color ? UI_PAIR_TITLE : 0;
	} else if (r->kind == ROW_STRIPPED) {
		attr = ui_dim_attr();
		pair = a->color ? UI_PAIR_STRIPPED : 0;
	}
	text_draw(a->reader, y, a->margin, a->lc.text.p + r->off, r->len, w,
		  attr, pair, 0, a->utf8);
}

void reader_draw(struct app *a)
{
	int h;

	if (!a->reader)
		return;
	werase(a->reader);
	h = getmaxy(a->reader);
	if (a->sl->n == 0) {
		mvwaddstr(a->reader, 0, 0, "(no stories)");
	} else {
		for (int y = 0; y < h && a->top + (size_t)y < a->lc.nrows; y++)
			draw_row(a, y, &a->lc.rows[a->top + (size_t)y]);
	}
	wnoutrefresh(a->reader);
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
			   "End of the story: n for the next, U for the next unread");
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
