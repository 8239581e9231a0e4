/* SPDX-License-Identifier: MIT */
/* ui_status.c - the status line: file, story i of N, position, message */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "output.h"
#include "wrap.h"
#include "ui_panes.h"
#include "ui_text.h"

/* The help hint at the right end. */
#define HINT " H:help "

/* The attributes and colour pair of the status line. */
#define ST_ATTR a->el_attr[CONFIG_EL_STATUS]
#define ST_PAIR a->el_pair[CONFIG_EL_STATUS]

/* Draw display form of s at x in at most max columns; returns new x. */
static int put(struct app *a, int x, const char *s, int max, struct sbuf *tmp)
{
	sbuf_reset(tmp);
	text_display_str(tmp, s, a->utf8);
	return x + text_draw(a->status, 0, x, tmp->p, tmp->n, max, ST_ATTR, ST_PAIR,
			     TEXT_ELLIPSIS, a->utf8);
}

/* Draw the display form of s at x in at most max columns, cutting from
 * the left (the end of a path says most); returns the new x. */
static int put_tail(struct app *a, int x, const char *s, int max, struct sbuf *tmp)
{
	const char *p;
	int ell = a->utf8 ? 1 : 3;

	sbuf_reset(tmp);
	text_display_str(tmp, s, a->utf8);
	p = tmp->p;
	if (max <= ell || wrap_width(p, tmp->n) <= max)
		return put(a, x, s, max, tmp);
	while (*p && wrap_width(p, strlen(p)) > max - ell)
		p++;
	while ((*p & 0xC0) == 0x80)
		p++;
	x += text_draw(a->status, 0, x, a->utf8 ? "\xE2\x80\xA6" : "...",
		       a->utf8 ? 3 : 3, ell, ST_ATTR, ST_PAIR, 0, a->utf8);
	return x + text_draw(a->status, 0, x, p, strlen(p), max - ell, ST_ATTR, ST_PAIR,
			     0, a->utf8);
}

/* The file name of the shown story, made safe. */
static void file_name(const struct app *a, struct sbuf *b)
{
	sbuf_reset(b);
	if (a->sl->n)
		output_safe_name(b, a->sl->stories[a->sel].doc->name);
	if (!b->p)
		sbuf_add(b, "", 0);
}

/* Display columns of the display form of s. */
static int columns(const struct app *a, const char *s, struct sbuf *tmp)
{
	sbuf_reset(tmp);
	text_display_str(tmp, s, a->utf8);
	return (int)wrap_width(tmp->p ? tmp->p : "", tmp->n);
}

/* Columns for the file name in room columns: all that the position and
 * any message leave (0: leave the name out, so the message shows whole). */
static int name_room(const struct app *a, int room, const char *where, struct sbuf *tmp)
{
	int n = room - columns(a, where, tmp) - 3;

	if (a->msg[0]) {
		int need = columns(a, a->msg, tmp) + columns(a, where, tmp) + 5;

		if (n > room - need)
			n = room - need;
		if (n < 8)
			n = 0;
	}
	return n;
}

/* "i/N": the shown story's row among the N the list shows ("-/N" when
 * the filter hides it, "0/0" for none). */
static void rank_text(const struct app *a, char *buf, size_t n)
{
	size_t all, at = list_rank(a, a->sel, &all);

	if (at || !all)
		snprintf(buf, n, "%zu/%zu", at, all);
	else
		snprintf(buf, n, "-/%zu", all);
}

void status_draw(struct app *a)
{
	struct sbuf tmp = { 0 }, name = { 0 };
	int w, x = 1, hint = (int)strlen(HINT), namew;
	char pos[64], where[320], filt[128], load[32], rank[48];

	if (!a->status)
		return;
	w = getmaxx(a->status);
	wbkgdset(a->status, ' ' | ST_ATTR | COLOR_PAIR(ST_PAIR));
	werase(a->status);
	if (w < 40)
		hint = 0;
	file_name(a, &name);
	reader_position(a, pos, sizeof pos);
	find_status(a, filt, sizeof filt);
	load_status(a, load, sizeof load);
	rank_text(a, rank, sizeof rank);
	snprintf(where, sizeof where, "%s %s%s%s", rank, pos, load, filt);
	if (w >= 30 && (namew = name_room(a, w - hint, where, &tmp)) > 0)
		x = put_tail(a, x, name.p, namew, &tmp) + 2;
	else if (w < 30)
		x = 0;
	x = put(a, x, where, w - x - hint, &tmp) + 2;
	if (a->msg[0] && x < w - hint)
		put(a, x, a->msg, w - x - hint, &tmp);
	if (hint)
		put(a, w - hint, HINT, hint, &tmp);
	sbuf_free(&tmp);
	sbuf_free(&name);
	wnoutrefresh(a->status);
}
