/* SPDX-License-Identifier: MIT */
/* ui_reader.c - the reading pane: the shown story's view (view.c, laid
 * out again when the story, width or mode changes), scrolling, drawing */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "changes.h"
#include "fdio.h"
#include "hyperlink.h"
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
	size_t all, at = list_rank(a, a->sel, &all);

	sbuf_reset(b);
	if (it && it->title)
		return;
	base = strrchr(s->doc->name, '/');	/* the status line has the path */
	output_safe_name(&name, base && base[1] ? base + 1 : s->doc->name);
	sbuf_printf(b, "Story %zu of %zu%s%s lines %lu-%lu%s%zu %s, %zu min%s%s", at,
		    all, dot, name.p ? name.p : "", (unsigned long)story_first_line(s),
		    (unsigned long)story_last_line(s), dot, s->words,
		    s->words == 1 ? "word" : "words", min ? min : 1, dot,
		    a->read && a->read[a->sel] ? "read" : "unread");
	sbuf_free(&name);
}

/* A file's name without its directory, made safe, onto b. */
static void add_base(struct sbuf *b, const char *path)
{
	const char *base = strrchr(path, '/');
	struct sbuf name = { 0 };

	output_safe_name(&name, base && base[1] ? base + 1 : path);
	sbuf_add(b, name.p ? name.p : "", name.n);
	sbuf_free(&name);
}

/* ", 2 paragraphs edited" onto b, without the comma when first; nothing
 * for none. */
static void add_count(struct sbuf *b, size_t n, const char *what, int first)
{
	if (n)
		sbuf_printf(b, "%s %zu %s %s", first ? "" : ",", n,
			    n == 1 ? "paragraph" : "paragraphs", what);
}

/* The versions line of a story with other versions, "Version 2 of 3 ·
 * in a.txt, b.txt", into b, and what changed since the version read
 * into sum ("Updated since you read version 1: 1 paragraph added");
 * both empty for a story with one version. */
static void versions(const struct app *a, struct sbuf *b, struct sbuf *sum,
		     const struct changes *c, size_t then)
{
	const struct fold *f = &a->fold;
	const char *dot = a->utf8 ? " \xC2\xB7 " : " - ";
	const struct doc *last = NULL;
	size_t g, n = 0;

	sbuf_reset(b);
	sbuf_reset(sum);
	if (a->sel >= f->n || f->gsize[f->group[a->sel] - 1] < 2)
		return;
	g = f->group[a->sel];
	sbuf_printf(b, "Version %u of %u%s%sin ", (unsigned)f->version[a->sel],
		    (unsigned)f->gsize[g - 1], fold_is_latest(f, a->sel) ? " (newest)" : "",
		    dot);
	for (size_t j = 0; j < f->n; j++) {	/* each file once, in list order */
		const struct doc *d = a->sl->stories[j].doc;

		if (f->group[j] != g || d == last)
			continue;
		if (n++)
			sbuf_adds(b, ", ");
		add_base(b, d->name);
		last = d;
	}
	if (then == SIZE_MAX)
		return;
	if (!c->edited && !c->added && !c->nremoved) {
		sbuf_printf(sum, "The same text as version %u, which you read",
			    (unsigned)f->version[then]);
		return;
	}
	sbuf_printf(sum, "Updated since you read version %u:", (unsigned)f->version[then]);
	add_count(sum, c->edited, "edited", 1);
	add_count(sum, c->added, "added", !c->edited);
	add_count(sum, c->nremoved, "removed", !c->edited && !c->added);
}

/* Set the view's versions line and the changes against the version read. */
static int set_versions(struct app *a)
{
	size_t then = fold_read_version(&a->fold, a->own, a->sel);
	struct changes c = { 0 };
	struct sbuf b = { 0 }, sum = { 0 };
	int changed;

	if (then != SIZE_MAX && a->view.ch_now == (long)a->sel &&
	    a->view.ch_then == (long)then) {
		/* the changes laid out already: count them again */
		for (size_t i = 0; i < a->view.nmark; i++)
			*(a->view.mark[i] == VIEW_MARK_EDITED ? &c.edited : &c.added) +=
				a->view.mark[i] != VIEW_MARK_NONE;
		c.nremoved = a->view.ngone;
		versions(a, &b, &sum, &c, then);
		changed = view_set_versions(&a->view, b.p ? b.p : "", b.n, sum.p ? sum.p : "",
					    sum.n);
		sbuf_free(&b);
		sbuf_free(&sum);
		return changed;
	}
	if (then != SIZE_MAX)
		changes_compute(&c, shown(a), &a->sl->stories[then]);
	versions(a, &b, &sum, &c, then);
	changed = view_set_versions(&a->view, b.p ? b.p : "", b.n, sum.p ? sum.p : "", sum.n);
	changed |= view_set_changes(&a->view, then == SIZE_MAX ? -1 : (long)a->sel, c.mark,
				    c.nlines, then == SIZE_MAX ? -1 : (long)then,
				    then == SIZE_MAX ? NULL : &a->sl->stories[then], c.removed,
				    c.nremoved);
	changes_free(&c);
	sbuf_free(&b);
	sbuf_free(&sum);
	return changed;
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
	head_changed |= set_versions(a);
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
	int x = a->margin + a->view.gutter;

	if (row->kind == VIEW_BLANK)
		return;
	if (row->mark != VIEW_MARK_NONE && a->view.gutter) {
		/* the change mark, bold, in the gutter: ~ edited, + added, - removed */
		static const char marks[] = " ~+-";

		text_draw(a->reader, y, a->margin, &marks[row->mark & 3], 1, 1,
			  a->el_attr[CONFIG_EL_MARKER] | A_BOLD, a->el_pair[CONFIG_EL_MARKER], 0,
			  a->utf8);
	}
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
	if (c == STORIES_REPLACED || (c == STORIES_TAIL && a->view.story >= (long)from))
		a->view.story = -1;	/* its index may show another story now */
	/* the versions may have been folded anew */
	view_set_changes(&a->view, -1, NULL, 0, -1, NULL, NULL, 0);
	return 0;
}

void reader_free(struct app *a)
{
	view_free(&a->view);
	sbuf_free(&a->hl_sent);
}

/* The characters of one link piece as the window holds them (display
 * bytes [from, to) of row text t, from column x of pane row y), each in
 * its cell's attributes, onto out. */
static void add_cells(struct app *a, struct sbuf *out, const struct sbuf *t,
		      size_t from, size_t to, int y, int x)
{
	attr_t last_a = (attr_t)-1;
	int last_p = -1;

	for (size_t i = from; i < to;) {
		size_t k = i + 1;
		cchar_t cc;
		wchar_t wch[CCHARW_MAX + 1];
		attr_t at = 0;
		short sp = 0;
		int pair = 0;

		while (k < to && ((unsigned char)t->p[k] & 0xC0) == 0x80)
			k++;
		/* (getcchar fails, leaving at and pair 0, without the short) */
		if (mvwin_wch(a->reader, y, x, &cc) == OK)
			getcchar(&cc, wch, &at, &sp, &pair);
		if (at != last_a || pair != last_p)
			text_sgr(out, at & ~A_COLOR, pair, 1);
		last_a = at;
		last_p = pair;
		sbuf_add(out, t->p + i, k - i);
		x += wrap_width(t->p + i, k - i);
		i = k;
	}
}

void reader_hyperlinks(struct app *a)
{
	const struct story *s;
	struct view_link *lk = NULL;
	struct sbuf out = { 0 }, t = { 0 };
	size_t n, cap = 0;

	if (!a->hyperlinks || !a->reader || a->sl->n == 0 || ui_mode(a) == IN_HELP ||
	    a->view.story != (long)a->sel) {
		sbuf_reset(&a->hl_sent);	/* none on the screen now */
		return;
	}
	s = shown(a);
	n = view_links(&a->view, s, a->top, a->top + pane_rows(a), &lk, &cap);
	for (size_t i = 0; i < n; i++) {
		struct bstr line = line_text(s->doc, &story_lines(s)[lk[i].line]);
		int y = (int)(lk[i].row - a->top), x = a->margin + a->view.gutter;
		size_t at = out.n;

		view_row_text(&a->view, s, lk[i].row, &t);
		x += wrap_width(t.p, lk[i].from);
		if (!out.n)
			sbuf_adds(&out, "\x1b" "7");	/* the cursor and attributes kept */
		sbuf_printf(&out, "\x1b[%d;%dH", getbegy(a->reader) + y + 1, getbegx(a->reader) + x + 1);
		if (hl_open(&out, line.s + lk[i].b, lk[i].e - lk[i].b,
			    (unsigned long)(a->sel * 7919u + lk[i].line * 131u + lk[i].b)) < 0) {
			out.n = at;		/* too long a URL: left as text */
			continue;
		}
		add_cells(a, &out, &t, lk[i].from, lk[i].to, y, x);
		hl_close(&out);
	}
	/* the same links in the same cells as last time: curses rewrote none
	 * of them (it writes only cells that changed, and a repaint empties
	 * hl_sent), so they are still links */
	if (out.n && !(out.n == a->hl_sent.n && !memcmp(out.p, a->hl_sent.p, out.n))) {
		sbuf_reset(&a->hl_sent);
		sbuf_add(&a->hl_sent, out.p, out.n);
		sbuf_adds(&out, "\x1b" "8");	/* back where curses left them */
		(void)write_all(STDOUT_FILENO, out.p, out.n);
	} else if (!out.n) {
		sbuf_reset(&a->hl_sent);
	}
	free(lk);
	sbuf_free(&out);
	sbuf_free(&t);
}
