/* ui_help.c - the help screen, generated from the key table */
#include <config.h>

#include <string.h>

#include "keys.h"
#include "ui_panes.h"
#include "ui_text.h"

/* Width of the keys column. */
#define KEYS_COL 26

/* Rows of the help text: a heading, a blank, one per action, a blank, a
 * closing hint. */
static size_t help_rows(void)
{
	return (size_t)ACT_COUNT + 4;
}

/* The key names of an action, joined, without repeats. */
static void join_keys(const struct key_binding *k, struct sbuf *b)
{
	char names[8][24];

	sbuf_reset(b);
	for (int i = 0; i < 8 && k->keys[i]; i++) {
		int dup = 0;

		keys_name(k->keys[i], names[i], sizeof names[i]);
		for (int j = 0; j < i; j++)
			dup |= !strcmp(names[i], names[j]);
		if (dup)
			continue;
		if (b->n)
			sbuf_adds(b, " ");
		sbuf_adds(b, names[i]);
	}
	if (!b->p)
		sbuf_add(b, "", 0);
}

/* Draw help row r at y. */
static void help_row(struct app *a, int y, size_t r, struct sbuf *tmp)
{
	int w = getmaxx(a->help), kc = w > KEYS_COL + 10 ? KEYS_COL : w / 3;

	if (r == 0) {
		text_draw(a->help, y, 1, "tnews: keys", 11, w - 1, A_BOLD, 0, 0, a->utf8);
	} else if (r == help_rows() - 1) {
		const char *s = "j/k/Space/b scroll; any other key closes this help";

		text_draw(a->help, y, 1, s, strlen(s), w - 1, ui_dim_attr(), 0,
			  TEXT_ELLIPSIS, a->utf8);
	} else if (r >= 2 && r < (size_t)ACT_COUNT + 2) {
		const struct key_binding *k = &keys_table[r - 2];

		join_keys(k, tmp);
		text_draw(a->help, y, 1, tmp->p, tmp->n, kc - 2, A_BOLD, 0,
			  TEXT_ELLIPSIS, a->utf8);
		text_draw(a->help, y, kc, k->help, strlen(k->help), w - kc, A_NORMAL, 0,
			  TEXT_ELLIPSIS, a->utf8);
	}
}

void help_draw(struct app *a)
{
	struct sbuf tmp = { 0 };
	int h;

	if (!a->help)
		return;
	werase(a->help);
	h = getmaxy(a->help);
	for (int y = 0; y < h && a->help_top + (size_t)y < help_rows(); y++)
		help_row(a, y, a->help_top + (size_t)y, &tmp);
	sbuf_free(&tmp);
	wnoutrefresh(a->help);
}

/* Scroll the help by delta rows. */
static int help_scroll(struct app *a, long delta)
{
	size_t h = a->help ? (size_t)getmaxy(a->help) : 1, rows = help_rows();
	size_t mt = rows > h ? rows - h : 0;

	if (delta < 0)
		a->help_top = (size_t)-delta > a->help_top ? 0 : a->help_top - (size_t)-delta;
	else
		a->help_top = a->help_top + (size_t)delta > mt ? mt : a->help_top + (size_t)delta;
	return H_HANDLED | H_READER;
}

int help_key(struct app *a, int action)
{
	long page = a->help ? getmaxy(a->help) : 1;

	switch (action) {
	case ACT_down: return help_scroll(a, 1);
	case ACT_up: return help_scroll(a, -1);
	case ACT_page_down: case ACT_half_down: return help_scroll(a, page);
	case ACT_page_up: case ACT_half_up: return help_scroll(a, -page);
	case ACT_redraw: return H_HANDLED | H_LAYOUT | H_CLEAR;
	default:
		a->help_on = 0;
		return H_HANDLED | H_LAYOUT;
	}
}
