/* SPDX-License-Identifier: MIT */
/* ui_list.c - the story list: one row per story (per article once the
 * stories are folded: its newest version, with "x3" when there are
 * three) with a read mark, the title cut to the width, and the time it
 * takes to read; with several
 * files, a heading row over each file's stories (listrows.c decides the
 * rows, this draws them) */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "bsearch.h"
#include "ui_panes.h"
#include "ui_text.h"
#include "xmalloc.h"

/* Words read in a minute, for the length column. */
#define WORDS_PER_MINUTE 230

/* Rows the list shows at once. */
static size_t list_rows(const struct app *a)
{
	return a->list ? (size_t)getmaxy(a->list) : 1;
}

size_t list_page(const struct app *a)
{
	return list_rows(a);
}

size_t list_pos(const struct app *a, size_t story)
{
	return bs_lower(a->vis, a->nvis, fold_row_story(&a->fold, story));
}

int list_shows(const struct app *a, size_t story)
{
	size_t i = list_pos(a, story);

	return i < a->nvis && a->vis[i] == fold_row_story(&a->fold, story);
}

size_t list_rank(const struct app *a, size_t story, size_t *n)
{
	*n = a->nvis;
	return list_shows(a, story) ? list_pos(a, story) + 1 : 0;
}

void list_refilter(struct app *a)
{
	a->nvis = fold_rows(&a->fold, a->sl->n, a->find.keep, a->vis);
	lrows_build(&a->lrows, a->sl, a->vis, a->nvis);
	a->list_top = 0;
}

/* Until a key or a resumed place puts the selection somewhere, it is on
 * the top row: the newest version of that row's article (story 0 may
 * be an older version, whose row is lower down, at the newest's place). */
static void select_top(struct app *a)
{
	if (!a->placed && !a->last_key && a->nvis)
		a->sel = a->vis[0];
}

/* The rows after stories changed from story from on. */
static void rows_changed(struct app *a, enum story_change c, size_t from)
{
	const unsigned char *keep = a->find.keep;

	if (c == STORIES_REPLACED || from == 0 || a->fold.n) {
		list_refilter(a);
		return;
	}
	if (c == STORIES_TAIL)		/* the rows from story from on go */
		a->nvis = bs_lower(a->vis, a->nvis, from);
	for (size_t i = from; i < a->sl->n; i++)
		if (!keep || keep[i])
			a->vis[a->nvis++] = i;
	lrows_build(&a->lrows, a->sl, a->vis, a->nvis);
}

int list_stories(struct app *a, enum story_change c, size_t from)
{
	a->vis = xrealloc(a->vis, (a->sl->n ? a->sl->n : 1) * sizeof *a->vis);
	rows_changed(a, c, from);
	select_top(a);
	return H_LIST;
}

void list_follow(struct app *a)
{
	size_t h = list_rows(a), n = a->lrows.n, at = lrows_find(&a->lrows, fold_row_story(&a->fold, a->sel));
	size_t up = lrows_top_of(&a->lrows, at);

	/* the selection in view, and its file's heading if just above it */
	if (up < a->list_top)
		a->list_top = up;
	else if (at >= a->list_top + h)
		a->list_top = at - h + 1;
	if (n > h && a->list_top > n - h)
		a->list_top = n - h;
	if (n <= h)
		a->list_top = 0;
}

long list_story_at(const struct app *a, int y)
{
	size_t at;

	if (!a->list || y < getbegy(a->list) || y >= getbegy(a->list) + getmaxy(a->list))
		return -1;
	at = a->list_top + (size_t)(y - getbegy(a->list));
	return at < a->lrows.n ? (long)a->lrows.row[at].story : -1;
}

/* The length column of a story: minutes to read. */
static void length_text(const struct story *s, char *buf, size_t n)
{
	size_t min = (s->words + WORDS_PER_MINUTE / 2) / WORDS_PER_MINUTE;

	snprintf(buf, n, "%3zu min", min ? min : 1);
}

/* The versions column of story i's row: "x3" when its article has
 * three versions, "x3<" when the filter kept only an older one; "" for
 * a story with one version. */
static void versions_text(const struct app *a, size_t i, char *buf, size_t n)
{
	uint32_t k = i < a->fold.n ? a->fold.gsize[a->fold.group[i] - 1] : 1;
	int older = a->find.keep && !a->find.keep[i];

	*buf = '\0';
	if (k > 1)
		snprintf(buf, n, "%s%u%s", a->utf8 ? "\xC3\x97" : "x", (unsigned)k,
			 older ? "<" : "");
}

/* Draw the row of story i at y. */
static void draw_story(struct app *a, int y, size_t i, struct sbuf *tmp)
{
	const struct story *s = &a->sl->stories[i];
	int w = getmaxx(a->list), x = 0, lenw = w >= 24 ? 8 : 0;
	int read = a->read[i] == FOLD_READ;
	int sel = i == fold_row_story(&a->fold, a->sel);
	int el = !sel ? (read ? CONFIG_EL_LIST : CONFIG_EL_UNREAD) :
		 a->focus == FOCUS_LIST ? CONFIG_EL_SELECTION : -1;
	attr_t attr = el >= 0 ? a->el_attr[el] : A_BOLD | A_UNDERLINE;
	short pair = el >= 0 ? a->el_pair[el] : a->el_pair[CONFIG_EL_SELECTION];
	char len[32], vers[32];
	int versw = 0;

	if (sel)
		mvwhline(a->list, y, 0, ' ' | attr | COLOR_PAIR(pair), w);
	if (w >= 4) {
		/* unread ●, updated since read ↻ (in ASCII * and +) */
		const char *mark = read ? " " : a->read[i] == FOLD_UPDATED ?
				   (a->utf8 ? "\xE2\x86\xBB" : "+") :
				   a->utf8 ? "\xE2\x97\x8F" : "*";
		int m = CONFIG_EL_MARKER;

		text_draw(a->list, y, 0, mark, strlen(mark), 1, attr | a->el_attr[m],
			  read ? pair : a->el_pair[m], 0, a->utf8);
		x = 2;
	}
	versions_text(a, i, vers, sizeof vers);
	if (*vers && w >= 30)
		versw = 6;
	sbuf_reset(tmp);
	text_display_str(tmp, s->title ? s->title : "", a->utf8);
	text_draw(a->list, y, x, tmp->p, tmp->n, w - x - lenw - versw, attr, pair,
		  TEXT_ELLIPSIS, a->utf8);
	if (versw)
		text_draw(a->list, y, w - lenw - versw + 1, vers, strlen(vers), versw - 1,
			  attr | A_BOLD, pair, 0, a->utf8);
	if (lenw) {
		length_text(s, len, sizeof len);
		text_draw(a->list, y, w - lenw + 1, len, strlen(len), 7,
			  attr | ui_dim_attr(), pair, 0, a->utf8);
	}
}

/* Draw the heading row of a file at y: its name, and unread/total at
 * the right. */
static void draw_heading(struct app *a, int y, const struct lrow *r, struct sbuf *tmp)
{
	int w = getmaxx(a->list), cw;
	size_t unread, total;
	char cnt[64];
	attr_t attr = a->el_attr[CONFIG_EL_MARKER] | A_BOLD;
	short pair = a->el_pair[CONFIG_EL_MARKER];

	lrows_count_latest(a->sl, a->read, &a->fold, r->story, &unread, &total);
	lrows_count_text(unread, total, cnt, sizeof cnt);
	cw = (int)strlen(cnt) + 1;
	if (cw > w / 2)
		cw = 0;			/* too narrow for the counts */
	sbuf_reset(tmp);
	text_display_str(tmp, a->sl->docs[r->doc]->name, a->utf8);
	text_draw(a->list, y, 0, tmp->p, tmp->n, w - cw, attr, pair, TEXT_ELLIPSIS, a->utf8);
	if (cw)
		text_draw(a->list, y, w - cw + 1, cnt, strlen(cnt), cw - 1, attr, pair, 0, a->utf8);
}

void list_draw(struct app *a)
{
	struct sbuf tmp = { 0 };
	int h;

	if (!a->list)
		return;
	werase(a->list);
	h = getmaxy(a->list);
	list_follow(a);
	for (int y = 0; y < h && a->list_top + (size_t)y < a->lrows.n; y++) {
		const struct lrow *r = &a->lrows.row[a->list_top + (size_t)y];

		if (r->head)
			draw_heading(a, y, r, &tmp);
		else
			draw_story(a, y, r->story, &tmp);
	}
	if (h > 0 && getmaxx(a->list) >= 4 && a->list_top + (size_t)h < a->lrows.n) {
		/* the list goes on below: a mark between title and length */
		int w = getmaxx(a->list), x = w >= 24 ? w - 8 : w - 1;

		text_draw(a->list, h - 1, x, a->utf8 ? "\xE2\x86\x93" : "v", a->utf8 ? 3 : 1,
			  1, a->el_attr[CONFIG_EL_MARKER] | A_BOLD, a->el_pair[CONFIG_EL_MARKER],
			  0, a->utf8);
	}
	if (a->nvis == 0 && h > 0)
		mvwaddstr(a->list, 0, 0, "(no story matches the filter)");
	sbuf_free(&tmp);
	wnoutrefresh(a->list);
}

int list_move(struct app *a, long delta)
{
	size_t n = a->nvis, at = list_pos(a, a->sel), to;

	if (n == 0)
		return H_HANDLED;
	if (at >= n)
		at = n - 1;
	if (delta < 0)
		to = (size_t)-delta > at ? 0 : at - (size_t)-delta;
	else
		to = at + (size_t)delta >= n ? n - 1 : at + (size_t)delta;
	if (a->vis[to] == fold_row_story(&a->fold, a->sel))
		return H_HANDLED;
	return ui_select(a, a->vis[to]);
}
