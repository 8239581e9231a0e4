/* SPDX-License-Identifier: MIT */
/* ui_prompt.c - the prompt on the bottom line: editing (readline's
 * common keys), a history per kind, drawing; search, filter, pipe and
 * save each give it their prompt_ops */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "keys.h"
#include "ui_panes.h"
#include "ui_text.h"
#include "wrap.h"
#include "xmalloc.h"

/* Replace bytes [from, to) of the line by s[0..n), cursor after them. */
static void edit(struct prompt *p, size_t from, size_t to, const char *s, size_t n)
{
	struct sbuf b = { 0 };

	if (!p->line.p)
		sbuf_add(&p->line, "", 0);
	sbuf_add(&b, "", 0);
	sbuf_add(&b, p->line.p, from);
	sbuf_add(&b, s, n);
	sbuf_add(&b, p->line.p + to, p->line.n - to);
	sbuf_free(&p->line);
	p->line = b;
	p->cur = from + n;
}

/* The start of the character before byte i of the line. */
static size_t char_before(const struct prompt *p, size_t i)
{
	while (i > 0 && ((unsigned char)p->line.p[--i] & 0xC0) == 0x80)
		;
	return i;
}

/* The end of the character at byte i of the line. */
static size_t char_after(const struct prompt *p, size_t i)
{
	if (i < p->line.n)
		i++;
	while (i < p->line.n && ((unsigned char)p->line.p[i] & 0xC0) == 0x80)
		i++;
	return i;
}

/* The start of the word before the cursor (spaces before it included). */
static size_t word_before(const struct prompt *p)
{
	size_t i = p->cur;

	while (i > 0 && p->line.p[i - 1] == ' ')
		i--;
	while (i > 0 && p->line.p[i - 1] != ' ')
		i--;
	return i;
}

/* Whether the line ends inside a UTF-8 sequence still being typed. */
static int typing_utf8(const struct prompt *p)
{
	const uint8_t *s = (const uint8_t *)p->line.p, *e = s + p->line.n;
	const uint8_t *bad = u8_check(s, p->line.n);
	size_t want;

	if (!bad)
		return 0;
	want = *bad >= 0xF0 ? 4 : *bad >= 0xE0 ? 3 : *bad >= 0xC0 ? 2 : 1;
	return (size_t)(e - bad) < want;
}

/* After the text changed: tell the owner (not halfway through a
 * character), or just redraw. */
static int changed(struct app *a)
{
	struct prompt *p = &a->prompt;

	if (!p->ops->changed || typing_utf8(p))
		return H_HANDLED | H_STATUS;
	return p->ops->changed(a, p->line.p, p->line.n);
}

/* Add a line to a history, dropping the oldest when full. */
static void history_add(struct prompt_history *h, const char *q)
{
	if (!*q || (h->n && !strcmp(h->q[h->n - 1], q)))
		return;
	if (h->n == PROMPT_HISTORY) {
		free(h->q[0]);
		memmove(h->q, h->q + 1, (PROMPT_HISTORY - 1) * sizeof *h->q);
		h->n--;
	}
	h->q[h->n++] = xstrdup(q);
}

/* Up (dir < 0) or Down through the history into the line. */
static int history_move(struct app *a, int dir)
{
	struct prompt *p = &a->prompt;
	struct prompt_history *h = &p->hist[p->kind];
	const char *q;

	if ((dir < 0 && p->hist_at == 0) || (dir > 0 && p->hist_at >= h->n))
		return H_HANDLED;
	p->hist_at = dir < 0 ? p->hist_at - 1 : p->hist_at + 1;
	q = p->hist_at < h->n ? h->q[p->hist_at] : "";
	edit(p, 0, p->line.n, q, strlen(q));
	return changed(a);
}

int prompt_open(struct app *a, enum prompt_kind kind, const char *lead,
		const struct prompt_ops *ops)
{
	struct prompt *p = &a->prompt;

	p->kind = kind;
	p->ops = ops;
	p->lead = lead;
	edit(p, 0, p->line.n, "", 0);
	p->hist_at = p->hist[kind].n;
	return H_HANDLED | H_ALL;
}

void prompt_set_history(struct app *a, enum prompt_kind kind, char **q, size_t n)
{
	struct prompt_history *h = &a->prompt.hist[kind];

	for (size_t i = 0; i < h->n; i++)
		free(h->q[i]);
	h->n = 0;
	for (size_t i = 0; i < n && i < PROMPT_HISTORY; i++)
		h->q[h->n++] = xstrdup(q[i]);
	if (a->prompt.kind == kind && h->n) {
		a->prompt.hist_at = h->n - 1;
		prompt_fill(a, h->q[h->n - 1]);
	}
}

size_t prompt_history_at(const struct app *a)
{
	return a->prompt.hist_at;
}

void prompt_fill(struct app *a, const char *text)
{
	edit(&a->prompt, 0, a->prompt.line.n, text, strlen(text));
}

enum prompt_kind prompt_kind(const struct app *a)
{
	return a->prompt.kind;
}

const char *prompt_last(const struct app *a, enum prompt_kind kind)
{
	const struct prompt_history *h = &a->prompt.hist[kind];

	return h->n ? h->q[h->n - 1] : NULL;
}

/* Enter: close the prompt, keep the line, and hand it to the owner. */
static int accept(struct app *a)
{
	struct prompt *p = &a->prompt;
	char *line = xstrdup(p->line.p);
	int r;

	history_add(&p->hist[p->kind], line);
	p->kind = PROMPT_NONE;
	r = p->ops->accept(a, line);
	free(line);
	return r | H_HANDLED | H_STATUS;
}

/* Esc: close the prompt, and tell the owner. */
static int cancel(struct app *a)
{
	struct prompt *p = &a->prompt;

	p->kind = PROMPT_NONE;
	if (p->ops->cancel)
		return p->ops->cancel(a);
	return H_HANDLED | H_ALL;
}

/* Keys that edit or move in the line; -1 if key is none of them. */
static int edit_key(struct app *a, int key)
{
	struct prompt *p = &a->prompt;

	switch (key) {
	case TK_BACKSPACE: case 127: case TK_CTRL('h'):
		if (p->cur == 0)
			return H_HANDLED;
		edit(p, char_before(p, p->cur), p->cur, "", 0);
		return changed(a);
	case TK_DC: case TK_CTRL('d'):
		if (p->cur == p->line.n)
			return H_HANDLED;
		edit(p, p->cur, char_after(p, p->cur), "", 0);
		return changed(a);
	case TK_CTRL('u'):
		edit(p, 0, p->cur, "", 0);
		return changed(a);
	case TK_CTRL('w'):
		edit(p, word_before(p), p->cur, "", 0);
		return changed(a);
	case TK_LEFT: case TK_CTRL('b'):
		p->cur = char_before(p, p->cur);
		return H_HANDLED | H_STATUS;
	case TK_RIGHT: case TK_CTRL('f'):
		p->cur = char_after(p, p->cur);
		return H_HANDLED | H_STATUS;
	case TK_HOME: case TK_CTRL('a'):
		p->cur = 0;
		return H_HANDLED | H_STATUS;
	case TK_END: case TK_CTRL('e'):
		p->cur = p->line.n;
		return H_HANDLED | H_STATUS;
	}
	return -1;
}

int prompt_key(struct app *a, int key)
{
	struct prompt *p = &a->prompt;
	char c = (char)key;
	int r;

	if (key == TK_ESCAPE)
		return cancel(a);
	if (key == '\r' || key == '\n' || key == TK_ENTER)
		return accept(a);
	if (key == TK_UP || key == TK_DOWN)
		return history_move(a, key == TK_UP ? -1 : 1);
	if ((r = edit_key(a, key)) >= 0)
		return r;
	if (key < 32 || key > 255)
		return H_HANDLED;		/* other controls and keys: ignored */
	edit(p, p->cur, p->cur, &c, 1);
	return changed(a);
}

/* Draw display text at x with attr, cut to max columns; the new x. */
static int put(struct app *a, int x, const char *s, size_t n, int max, attr_t attr)
{
	return x + text_draw(a->status, 0, x, s, n, max, attr, 0, 0, a->utf8);
}

/* Draw the owner's info at the right; its width, 0 if none or no room. */
static int draw_info(struct app *a, int w)
{
	char info[160] = "";
	struct sbuf t = { 0 };
	int iw;

	if (a->prompt.ops->info)
		a->prompt.ops->info(a, info, sizeof info);
	text_display_str(&t, info, a->utf8);
	iw = wrap_width(t.p, t.n);
	if (iw + 20 > w)
		iw = 0;
	else
		put(a, w - iw, t.p, t.n, iw, A_BOLD);
	sbuf_free(&t);
	return iw;
}

void prompt_draw(struct app *a)
{
	struct prompt *p = &a->prompt;
	struct sbuf before = { 0 }, at = { 0 }, after = { 0 };
	int w = getmaxx(a->status), iw, x, room;
	const char *s;
	size_t ce = char_after(p, p->cur);

	wbkgdset(a->status, ' ' | A_NORMAL);
	werase(a->status);
	iw = draw_info(a, w);
	x = put(a, 0, p->lead, strlen(p->lead), w, A_NORMAL);
	room = w - x - (iw ? iw + 1 : 0) - 1;
	text_display(&before, p->line.p, p->cur, a->utf8);
	s = before.p;
	while (room > 0 && *s && wrap_width(s, strlen(s)) > room)
		s++;
	while ((*s & 0xC0) == 0x80)
		s++;
	x = put(a, x, s, strlen(s), room, A_NORMAL);
	text_display(&at, p->line.p + p->cur, ce - p->cur, a->utf8);
	x = put(a, x, at.n ? at.p : " ", at.n ? at.n : 1, 2, A_REVERSE);
	text_display(&after, p->line.p + ce, p->line.n - ce, a->utf8);
	if (w - x - (iw ? iw + 1 : 0) > 0)
		put(a, x, after.p, after.n, w - x - (iw ? iw + 1 : 0), A_NORMAL);
	sbuf_free(&before);
	sbuf_free(&at);
	sbuf_free(&after);
	wnoutrefresh(a->status);
}

void prompt_free(struct app *a)
{
	struct prompt *p = &a->prompt;

	sbuf_free(&p->line);
	for (int k = 0; k < PROMPT_KINDS; k++)
		for (size_t i = 0; i < p->hist[k].n; i++)
			free(p->hist[k].q[i]);
	memset(p, 0, sizeof *p);
}
