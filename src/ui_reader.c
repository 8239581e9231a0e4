/* SPDX-License-Identifier: MIT */
/* ui_reader.c - the reading pane: the shown story's view (view.c, laid
 * out again when the story, width or mode changes), scrolling, drawing */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "output.h"
#include "ui.h"
#include "ui_panes.h"
#include "ui_text.h"
#include "xmalloc.h"

/* The shown story. */
static const struct story *shown(const struct app *a)
{
	return &a->sl->stories[a->sel];
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

	return a->view.nrows > h ? a->view.nrows - h : 0;
}

/* The header the pane opens with instead of a copy of the lede: story i
 * of N, file and lines, words and minutes, read or unread.  A story
 * whose markup gives a headline keeps it instead. */
static void header(const struct app *a, struct sbuf *b)
{
	const struct story *s = shown(a);
	const struct doc_item *it = story_item(s);
	const char *dot = a->utf8 ? " \xC2\xB7 " : " - ";
	struct sbuf name = { 0 };
	const char *base;
	size_t min = (s->words + 115) / 230;	/* as the list counts (ui_list.c) */

	sbuf_reset(b);
	if (it && it->title)
		return;
	base = strrchr(s->doc->name, '/');	/* the status line has the path */
	output_safe_name(&name, base && base[1] ? base + 1 : s->doc->name);
	sbuf_printf(b, "Story %zu of %zu%s%s lines %lu-%lu%s%zu %s, %zu min%s%s", a->sel + 1,
		    a->sl->n, dot, name.p ? name.p : "", (unsigned long)story_first_line(s),
		    (unsigned long)story_last_line(s), dot, s->words,
		    s->words == 1 ? "word" : "words", min ? min : 1, dot,
		    a->read && a->read[a->sel] ? "read" : "unread");
	sbuf_free(&name);
}

void reader_relayout(struct app *a)
{
	struct view *v = &a->view;
	size_t line = 0, off = 0;
	int same = v->story == (long)a->sel, title = 1, head_changed;
	struct sbuf h = { 0 };

	if (a->sl->n == 0)
		return;
	header(a, &h);
	head_changed = view_set_header(v, h.p ? h.p : "", h.n);
	sbuf_free(&h);
	if (same && !head_changed && v->width == a->text_width &&
	    v->stripped == a->show_stripped)
		goto clamp;
	if (same && a->top < v->nrows) {
		title = v->rows[a->top].line < 0;
		view_pos(v, a->top, &line, &off);
	}
	view_layout(v, shown(a), (long)a->sel, a->text_width, a->show_stripped, a->utf8);
	a->top = same && !title ? view_row_of(v, line, off) : 0;
clamp:
	if (a->top > max_top(a))
		a->top = max_top(a);
}

/* The matches on the rows the pane shows, as display spans. */
struct highlights {
	struct view_span *sp;
	size_t n, cap;
	struct sbuf text;	/* a row's display text */
};

/* Draw display bytes [from, to) of the row text at column x; the new x. */
static int draw_part(struct app *a, int y, int x, const struct sbuf *t, size_t from,
		     size_t to, attr_t attr, short pair)
{
	int w = getmaxx(a->reader) - x;

	if (to <= from || w <= 0)
		return x;
	return x + text_draw(a->reader, y, x, t->p + from, to - from, w, attr, pair, 0,
			     a->utf8);
}

/* Whether span sp is part of the current match. */
static int is_current(const struct app *a, const struct view_span *sp)
{
	const struct finder *f = &a->find;

	return f->found && f->hit.story == a->sel && f->hit.line == sp->line &&
	       f->hit.start == sp->start;
}

/* Draw row r at pane row y, its matches reversed. */
static void draw_row(struct app *a, int y, size_t r, struct highlights *h)
{
	const struct view_row *row = &a->view.rows[r];
	int el = row->kind == VIEW_TITLE ? CONFIG_EL_TITLE :
		 row->kind == VIEW_STRIPPED ? CONFIG_EL_STRIPPED : CONFIG_EL_TEXT;
	attr_t attr = a->el_attr[el];
	short pair = a->el_pair[el];
	size_t at = 0;
	int x = a->margin;

	if (row->kind == VIEW_BLANK)
		return;
	view_row_text(&a->view, shown(a), r, &h->text);
	for (size_t i = 0; i < h->n; i++) {
		const struct view_span *sp = &h->sp[i];
		size_t s = sp->from > at ? sp->from : at, e = sp->to;
		attr_t hl = a->el_attr[CONFIG_EL_MATCH] | (is_current(a, sp) ? A_BOLD : 0);
		short hp = a->el_pair[CONFIG_EL_MATCH] ? a->el_pair[CONFIG_EL_MATCH] : pair;

		if (sp->row != r || s >= e)
			continue;
		if (!(hl & ~A_BOLD) && !a->el_pair[CONFIG_EL_MATCH])
			hl |= A_REVERSE;	/* a match must stand out */
		x = draw_part(a, y, x, &h->text, at, s, attr, pair);
		x = draw_part(a, y, x, &h->text, s, e, (attr & ~ui_dim_attr()) | hl, hp);
		at = e;
	}
	draw_part(a, y, x, &h->text, at, h->text.n, attr, pair);
}

void reader_draw(struct app *a)
{
	struct highlights h = { 0 };
	size_t rows;

	if (!a->reader)
		return;
	reader_relayout(a);	/* the header says read or unread as it is now */
	werase(a->reader);
	rows = (size_t)getmaxy(a->reader);
	if (a->sl->n == 0) {
		mvwaddstr(a->reader, 0, 0, "(no stories)");
	} else {
		if (a->find.active && a->find.s)
			h.n = view_hits(&a->view, shown(a), a->sel, a->find.s, a->top,
					a->top + rows, &h.sp, &h.cap);
		for (size_t y = 0; y < rows && a->top + y < a->view.nrows; y++)
			draw_row(a, (int)y, a->top + y, &h);
		free(h.sp);
		sbuf_free(&h.text);
	}
	wnoutrefresh(a->reader);
}

void reader_show(struct app *a, size_t line, size_t off)
{
	size_t h = pane_rows(a), row;

	reader_relayout(a);
	if (a->sl->n == 0)
		return;
	row = view_row_of(&a->view, line, off);
	if (row < a->top || row + 1 >= a->top + h) {
		a->top = row > h / 3 ? row - h / 3 : 0;
		if (a->top > max_top(a))
			a->top = max_top(a);
	}
}

void reader_where(struct app *a, size_t *line, size_t *off)
{
	*line = *off = 0;
	reader_relayout(a);
	if (a->sl->n == 0)
		return;
	view_pos(&a->view, a->top, line, off);
}

void reader_top_at(struct app *a, size_t line)
{
	reader_relayout(a);
	if (a->sl->n == 0)
		return;
	a->top = line ? view_row_of(&a->view, line, 0) : 0;
	if (a->top > max_top(a))
		a->top = max_top(a);
}

size_t reader_top_line(const struct app *a)
{
	const struct view *v = &a->view;

	if (v->story != (long)a->sel || a->top >= v->nrows || v->rows[a->top].line < 0)
		return 0;
	return (size_t)v->rows[a->top].line;
}

int reader_at_end(const struct app *a)
{
	return a->view.story == (long)a->sel && a->top + pane_rows(a) >= a->view.nrows;
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
	size_t h = pane_rows(a), rows = a->view.nrows;

	if (rows <= h)
		snprintf(buf, n, "All");
	else if (a->top == 0)
		snprintf(buf, n, "Top");
	else if (a->top + h >= rows)
		snprintf(buf, n, "Bot");
	else
		snprintf(buf, n, "%zu%%", (a->top + h) * 100 / rows);
}

int reader_stories(struct app *a, enum story_change c, size_t from)
{
	(void)from;
	if (c == STORIES_REPLACED)
		a->view.story = -1;	/* its index may show another story now */
	return 0;
}

void reader_free(struct app *a)
{
	view_free(&a->view);
}
