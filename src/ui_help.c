/* SPDX-License-Identifier: MIT */
/* ui_help.c - the help screen, generated from the key table with the
 * configuration's binds applied, and the configuration's errors */
#include <config.h>

#include <stdio.h>
#include <string.h>

#include "keys.h"
#include "ui_panes.h"
#include "ui_text.h"

/* Width of the keys column. */
#define KEYS_COL 26

/* The marks the list and the reading pane show, as in UTF-8 and in
 * ASCII, with what they mean. */
static const struct { const char *utf8, *ascii, *text; } marks[] = {
	{ "\xE2\x97\x8F", "*", "An unread story" },
	{ "\xE2\x86\xBB", "+", "Updated since you read an earlier version" },
	{ "\xC3\x97" "3", "x3", "Three versions (x3<: only an older one matched)" },
	{ "~ + -", "~ + -", "In the margin: edited, added, removed since read" },
};
#define NMARKS (sizeof marks / sizeof marks[0])

/* Rows of the configuration's errors: none, or a heading, one per error
 * kept, "N more" if some were not kept, and a blank. */
static size_t error_rows(const struct app *a)
{
	const struct config *c = a->cfg;

	if (!c->nerrors_total)
		return 0;
	return 2 + c->nerrors + (c->nerrors_total > c->nerrors);
}

/* Rows of the help text: a heading, a blank, the errors (first, so that
 * the first page shows them), one per action, a blank, the marks under a
 * heading, a blank, a closing hint. */
static size_t help_rows(const struct app *a)
{
	return (size_t)ACT_COUNT + 6 + NMARKS + error_rows(a);
}

/* Draw row r of the marks (0: the heading) at y, the marks in a column
 * kc wide. */
static void mark_row(struct app *a, int y, size_t r, int kc)
{
	int w = getmaxx(a->help);
	attr_t attr = a->el_attr[CONFIG_EL_HELP];
	short pair = a->el_pair[CONFIG_EL_HELP];
	const char *m;

	if (r == 0) {
		text_draw(a->help, y, 1, "Marks", 5, w - 1, attr | A_BOLD, pair, 0, a->utf8);
		return;
	}
	if (r > NMARKS)
		return;
	m = a->utf8 ? marks[r - 1].utf8 : marks[r - 1].ascii;
	text_draw(a->help, y, 1, m, strlen(m), kc - 2, attr | A_BOLD, pair, 0, a->utf8);
	text_draw(a->help, y, kc, marks[r - 1].text, strlen(marks[r - 1].text), w - kc, attr,
		  pair, TEXT_ELLIPSIS, a->utf8);
}

/* The effective key names of an action, joined, without repeats. */
static void join_keys(const struct app *a, int act, struct sbuf *b)
{
	int keys[16];
	char names[16][24];
	size_t nd, n;
	const struct config_bind *d = keys_defaults(&nd);

	n = config_action_keys(a->cfg, act, d, nd, keys, 16);
	if (n > 16)
		n = 16;
	sbuf_reset(b);
	for (size_t i = 0; i < n; i++) {
		int dup = 0;

		keys_name(keys[i], names[i], sizeof names[i]);
		for (size_t j = 0; j < i; j++)
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

/* Draw row r of the configuration's errors (0: the heading) at y. */
static void error_row(struct app *a, int y, size_t r, struct sbuf *tmp)
{
	const struct config *c = a->cfg;
	int w = getmaxx(a->help);
	char buf[96];
	const char *s = buf;
	attr_t attr = a->el_attr[CONFIG_EL_HELP];

	if (r == 0) {
		snprintf(buf, sizeof buf, "Errors in the configuration (%zu):", c->nerrors_total);
		attr |= A_BOLD;
	} else if (r <= c->nerrors) {
		s = c->errors[r - 1];
	} else if (r == c->nerrors + 1 && c->nerrors_total > c->nerrors) {
		snprintf(buf, sizeof buf, "%zu more", c->nerrors_total - c->nerrors);
	} else {
		return;
	}
	sbuf_reset(tmp);
	text_display_str(tmp, s, a->utf8);
	text_draw(a->help, y, 1, tmp->p, tmp->n, w - 1, attr, a->el_pair[CONFIG_EL_HELP],
		  TEXT_ELLIPSIS, a->utf8);
}

/* Draw help row r at y. */
static void help_row(struct app *a, int y, size_t r, struct sbuf *tmp)
{
	int w = getmaxx(a->help), kc = w > KEYS_COL + 10 ? KEYS_COL : w / 3;
	attr_t attr = a->el_attr[CONFIG_EL_HELP];
	short pair = a->el_pair[CONFIG_EL_HELP];

	if (r == 0) {
		text_draw(a->help, y, 1, "tnews: keys", 11, w - 1, attr | A_BOLD, pair, 0,
			  a->utf8);
	} else if (r == help_rows(a) - 1) {
		const char *s = "j/k/Space/b scroll; any other key closes this help";

		text_draw(a->help, y, 1, s, strlen(s), w - 1, attr | ui_dim_attr(), pair,
			  TEXT_ELLIPSIS, a->utf8);
	} else if (r >= 2 && r < 2 + error_rows(a)) {
		error_row(a, y, r - 2, tmp);
	} else if (r >= 2 + error_rows(a) && r < (size_t)ACT_COUNT + 2 + error_rows(a)) {
		size_t act = r - 2 - error_rows(a);
		const struct key_binding *k = &keys_table[act];

		join_keys(a, (int)act, tmp);
		text_draw(a->help, y, 1, tmp->p, tmp->n, kc - 2, attr | A_BOLD, pair,
			  TEXT_ELLIPSIS, a->utf8);
		text_draw(a->help, y, kc, k->help, strlen(k->help), w - kc, attr, pair,
			  TEXT_ELLIPSIS, a->utf8);
	} else if (r >= (size_t)ACT_COUNT + 3 + error_rows(a)) {
		mark_row(a, y, r - ACT_COUNT - 3 - error_rows(a), kc);
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
	for (int y = 0; y < h && a->help_top + (size_t)y < help_rows(a); y++)
		help_row(a, y, a->help_top + (size_t)y, &tmp);
	sbuf_free(&tmp);
	wnoutrefresh(a->help);
}

/* Scroll the help by delta rows. */
static int help_scroll(struct app *a, long delta)
{
	size_t h = a->help ? (size_t)getmaxy(a->help) : 1, rows = help_rows(a);
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
	case ACT_top: return help_scroll(a, -(long)help_rows(a));
	case ACT_bottom: return help_scroll(a, (long)help_rows(a));
	case ACT_redraw: return H_HANDLED | H_LAYOUT | H_CLEAR;
	default:
		a->help_on = 0;
		return H_HANDLED | H_LAYOUT;
	}
}
