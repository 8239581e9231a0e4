/* SPDX-License-Identifier: MIT */
/* ui_scroll.c - a scroll of the reading pane by one row, sent as the
 * terminal's own scroll.  Curses sends each such scroll as a scroll
 * region set, a line feed, the region reset (which sends the cursor
 * home) and absolute moves to the new row and to the status line: more
 * bytes than less sends for a line.  Here the region stays set from one
 * scroll to the next and only the cells that changed are written after
 * the line feed (or reverse index).  Curses' idea of the screen (curscr)
 * is brought up to date, so its next update sends nothing for them, and
 * before curses writes again fscroll_release() resets the region and
 * puts back the cursor and attributes curses left (saved with DECSC when
 * the first scroll began).  Only on terminals whose scroll region,
 * cursor address, save and restore are the xterm ones, in UTF-8, with
 * the reading pane across the whole screen; anything else (a cell wider
 * than a column, many cells changed) is left to curses. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>
#include <wchar.h>

#include "fdio.h"
#include "sbuf.h"
#include "ui_panes.h"
#include "ui_text.h"
#include "xmalloc.h"

/* Last: term.h defines macros like "lines" that clash with the model. */
#include <term.h>

/* The attributes written here (a cell with any other is left to curses). */
#define FS_ATTRS (A_BOLD | A_DIM | A_ITALIC | A_UNDERLINE | A_BLINK | A_REVERSE | \
		  A_STANDOUT | A_INVIS)

/* One screen cell as compared and written. */
struct fcell {
	wchar_t ch;
	attr_t at;
	int pair;
};

/* The screen as curses has it sent (old, then as the scroll leaves it)
 * and as the panes drew it (now, and as curses cells in raw). */
struct fscreen {
	int rows, cols;
	struct fcell *old, *now;
	cchar_t *raw;
};

/* Whether terminfo capability cap is exactly want. */
static int cap_is(const char *cap, const char *want)
{
	char *s = tigetstr(cap);

	return s && s != (char *)-1 && strcmp(s, want) == 0;
}

void fscroll_init(struct app *a)
{
	struct termios t;

	memset(&a->fs, 0, sizeof a->fs);
	a->fs.ok = a->utf8 && cap_is("csr", "\x1b[%i%p1%d;%p2%dr") &&
		   cap_is("cup", "\x1b[%i%p1%d;%p2%dH") && cap_is("ri", "\x1bM") &&
		   cap_is("ind", "\n") && cap_is("sc", "\x1b" "7") && cap_is("rc", "\x1b" "8") &&
		   tcgetattr(STDOUT_FILENO, &t) == 0;
	if (a->fs.ok)
		a->fs.onlcr = (t.c_oflag & OPOST) && (t.c_oflag & ONLCR);
}

void fscroll_release(struct app *a)
{
	static const char reset[] = "\x1b[r\x1b" "8";

	if (!a->fs.held)
		return;
	a->fs.held = 0;
	(void)write_all(STDOUT_FILENO, reset, sizeof reset - 1);
}

/* Row y of win into c and raw (cols + 1 cells); 0 if a cell is wider or
 * narrower than a column, holds a combining character or an attribute
 * not written here. */
static int read_row(WINDOW *win, int y, int cols, struct fcell *c, cchar_t *raw)
{
	if (mvwin_wchnstr(win, y, 0, raw, cols) == ERR)
		return 0;
	for (int x = 0; x < cols; x++) {
		wchar_t w[CCHARW_MAX + 1] = { 0 };
		attr_t at = 0;
		short sp = 0;
		int pair = 0;

		if (getcchar(&raw[x], w, &at, &sp, &pair) == ERR || w[1] != 0 ||
		    wcwidth(w[0]) != 1 || (at & ~(A_COLOR | FS_ATTRS)))
			return 0;
		c[x] = (struct fcell){ w[0], at & FS_ATTRS, pair };
	}
	return 1;
}

/* Read the whole screen, old and now; 0 if some row cannot be written
 * here.  The windows' cursors are left where they were. */
static int screen_read(struct fscreen *s)
{
	int cy, cx, ny, nx, ok = 1;

	s->rows = LINES;
	s->cols = COLS;
	s->old = xmalloc((size_t)s->rows * (size_t)s->cols * sizeof *s->old);
	s->now = xmalloc((size_t)s->rows * (size_t)s->cols * sizeof *s->now);
	s->raw = xmalloc((size_t)s->rows * (size_t)(s->cols + 1) * sizeof *s->raw);
	getyx(curscr, cy, cx);
	getyx(newscr, ny, nx);
	for (int y = 0; ok && y < s->rows; y++) {
		cchar_t *raw = s->raw + (size_t)y * (size_t)(s->cols + 1);

		ok = read_row(curscr, y, s->cols, s->old + (size_t)y * (size_t)s->cols, raw) &&
		     read_row(newscr, y, s->cols, s->now + (size_t)y * (size_t)s->cols, raw);
	}
	wmove(curscr, cy, cx);
	wmove(newscr, ny, nx);
	return ok;
}

/* Free what screen_read took. */
static void screen_free(struct fscreen *s)
{
	free(s->old);
	free(s->now);
	free(s->raw);
}

/* Row y of old (o) or now. */
static struct fcell *row_of(struct fscreen *s, int o, int y)
{
	return (o ? s->old : s->now) + (size_t)y * (size_t)s->cols;
}

/* Whether two rows hold the same cells. */
static int same_row(const struct fscreen *s, const struct fcell *p, const struct fcell *q)
{
	for (int x = 0; x < s->cols; x++)
		if (p[x].ch != q[x].ch || p[x].at != q[x].at || p[x].pair != q[x].pair)
			return 0;
	return 1;
}

/* Rows of [top, bot] that moved by dir (1: up a row, -1: down) from old
 * to now. */
static int moved_rows(struct fscreen *s, int top, int bot, int dir)
{
	int n = 0;

	for (int y = top; y <= bot; y++)
		if (y + dir >= top && y + dir <= bot &&
		    same_row(s, row_of(s, 0, y), row_of(s, 1, y + dir)))
			n++;
	return n;
}

/* Scroll old's rows [top, bot] by dir as the terminal does: the row
 * brought in blank. */
static void scroll_old(struct fscreen *s, int top, int bot, int dir)
{
	size_t w = (size_t)s->cols * sizeof *s->old;
	int fresh = dir > 0 ? bot : top;

	if (dir > 0)
		memmove(row_of(s, 1, top), row_of(s, 1, top + 1), w * (size_t)(bot - top));
	else
		memmove(row_of(s, 1, top + 1), row_of(s, 1, top), w * (size_t)(bot - top));
	for (int x = 0; x < s->cols; x++)
		row_of(s, 1, fresh)[x] = (struct fcell){ L' ', 0, 0 };
}

/* Move the cursor to (y, x), as cheaply as this knows how. */
static void move_to(struct fscroll *f, struct sbuf *out, int y, int x)
{
	if (f->y == y && f->x == x)
		return;
	if (f->y == y && f->x >= 0 && x == f->x + 1)
		sbuf_adds(out, "\x1b[C");
	else if (f->y == y && f->x >= 0 && x > f->x)
		sbuf_printf(out, "\x1b[%dC", x - f->x);
	else if (f->y == y && f->x >= 0)
		sbuf_printf(out, "\x1b[%dG", x + 1);
	else if (x == 0)
		sbuf_printf(out, "\x1b[%dH", y + 1);
	else
		sbuf_printf(out, "\x1b[%d;%dH", y + 1, x + 1);
	f->y = y;
	f->x = x;
}

/* Write cell c at the cursor (x, of cols). */
static void put_cell(struct fscroll *f, struct sbuf *out, const struct fcell *c, int cols)
{
	char u[8];
	mbstate_t ms;
	size_t n;

	if (c->at != f->at || c->pair != f->pair) {
		if (!c->at && !c->pair)
			sbuf_adds(out, "\x1b[m");
		else
			text_sgr(out, c->at, c->pair, f->at || f->pair);
		f->at = c->at;
		f->pair = c->pair;
	}
	memset(&ms, 0, sizeof ms);
	n = wcrtomb(u, c->ch, &ms);
	sbuf_add(out, u, n == (size_t)-1 ? 0 : n);
	/* past the last column the cursor waits to wrap: not known */
	f->x = f->x + 1 >= cols ? -1 : f->x + 1;
	if (f->x < 0)
		f->y = -1;
}

/* Write the cells of now that old (as scrolled) lacks; returns how many,
 * or -1 if one is the bottom-right cell (writing it could scroll). */
static long write_changes(struct fscroll *f, struct fscreen *s, struct sbuf *out)
{
	long n = 0;

	for (int y = 0; y < s->rows; y++) {
		struct fcell *o = row_of(s, 1, y), *w = row_of(s, 0, y);

		for (int x = 0; x < s->cols; x++) {
			if (o[x].ch == w[x].ch && o[x].at == w[x].at && o[x].pair == w[x].pair)
				continue;
			if (y == s->rows - 1 && x == s->cols - 1)
				return -1;
			/* a gap of a few equal cells is cheaper written than skipped */
			if (f->y == y && f->x >= 0 && f->x < x && x - f->x <= 3 &&
			    w[f->x].at == f->at && w[f->x].pair == f->pair)
				while (f->x < x)
					put_cell(f, out, &w[f->x], s->cols);
			move_to(f, out, y, x);
			put_cell(f, out, &w[x], s->cols);
			n++;
		}
	}
	return n;
}

/* The bytes of the scroll by dir of rows [top, bot] and of the cells
 * that changed besides, onto out; 0 if curses had better do it. */
static int build(struct app *a, struct fscreen *s, int top, int bot, int dir, struct sbuf *out)
{
	struct fscroll f = a->fs;
	int fresh = dir > 0 ? bot : top, x0 = 0;
	long n;

	if (!f.held) {		/* keep curses' cursor and attributes */
		sbuf_adds(out, "\x1b" "7");
		f.held = 1;
		f.y = f.x = -1;
		f.at = 0;
		f.pair = 0;
		f.top = f.bot = -1;
	}
	if (f.top != top || f.bot != bot) {
		sbuf_printf(out, "\x1b[%d;%dr", top + 1, bot + 1);
		f.top = top;
		f.bot = bot;
		f.y = f.x = 0;	/* setting the region sends the cursor home */
	}
	if (f.at || f.pair) {	/* the row brought in is blank, not coloured */
		sbuf_adds(out, "\x1b[m");
		f.at = 0;
		f.pair = 0;
	}
	while (x0 < s->cols && row_of(s, 0, fresh)[x0].ch == L' ' && !row_of(s, 0, fresh)[x0].at &&
	       !row_of(s, 0, fresh)[x0].pair)
		x0++;
	if (x0 == s->cols)
		x0 = 0;
	move_to(&f, out, fresh, f.y == fresh && f.x >= 0 ? f.x : x0);
	sbuf_adds(out, dir > 0 ? "\n" : "\x1bM");
	if (dir > 0 && f.onlcr)
		f.x = 0;
	scroll_old(s, top, bot, dir);
	n = write_changes(&f, s, out);
	if (n < 0 || n > 3L * s->cols)
		return 0;
	a->fs = f;
	return 1;
}

/* Make curscr hold rows [top, bot] and the others that changed as now;
 * 0 if a copy came out different. */
static int sync_curscr(struct fscreen *s, int top, int bot)
{
	int cy, cx, ok = 1;
	attr_t at;
	short pair;
	struct fcell *back = xmalloc((size_t)s->cols * sizeof *back);
	cchar_t *tmp = xmalloc((size_t)(s->cols + 1) * sizeof *tmp);

	getyx(curscr, cy, cx);
	wattr_get(curscr, &at, &pair, NULL);
	wattr_set(curscr, A_NORMAL, 0, NULL);
	for (int y = 0; y < s->rows; y++) {
		cchar_t *raw = s->raw + (size_t)y * (size_t)(s->cols + 1);

		if ((y < top || y > bot) && same_row(s, row_of(s, 1, y), row_of(s, 0, y)))
			continue;
		mvwadd_wchnstr(curscr, y, 0, raw, s->cols);
		ok = ok && read_row(curscr, y, s->cols, back, tmp) &&
		     same_row(s, back, row_of(s, 0, y));
	}
	wattr_set(curscr, at, pair, NULL);
	wmove(curscr, cy, cx);
	free(back);
	free(tmp);
	return ok;
}

int fscroll_draw(struct app *a, int flags)
{
	struct fscreen s = { 0 };
	struct sbuf out = { 0 };
	int top, bot, dir = 0, rows, done = 0;

	if (!a->fs.ok || (flags & (H_LAYOUT | H_CLEAR)) || !(flags & H_READER) || !a->reader ||
	    getbegx(a->reader) != 0 || getmaxx(a->reader) != COLS || getmaxy(a->reader) < 3)
		return 0;
	top = getbegy(a->reader);
	bot = top + getmaxy(a->reader) - 1;
	rows = bot - top;	/* rows that a scroll by one keeps */
	if (screen_read(&s)) {
		if (moved_rows(&s, top, bot, 1) >= rows - 1)
			dir = 1;
		else if (moved_rows(&s, top, bot, -1) >= rows - 1)
			dir = -1;
	}
	if (dir && moved_rows(&s, top, bot, 0) < rows - 1 && build(a, &s, top, bot, dir, &out)) {
		if (!sync_curscr(&s, top, bot))
			clearok(curscr, TRUE);	/* curses repaints it all */
		(void)write_all(STDOUT_FILENO, out.p, out.n);
		done = 1;
	}
	screen_free(&s);
	sbuf_free(&out);
	return done;
}
