/* SPDX-License-Identifier: MIT */
/* segment.c - finding where stories start in a document.
 *
 * Explicit structure first: a form feed always starts a story; when
 * single blank lines separate paragraphs, a run of two or more separates
 * stories; when paragraphs follow each other without blank lines, a blank
 * line separates stories.  Where a document has no such structure, the
 * text decides (seg_model.c); long documents are decided a window at a
 * time (below). */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "seg_int.h"
#include "segment.h"
#include "xmalloc.h"

static const char *const mode_names[SEG_NMODES] = { "auto", "explicit", "none" };

const char *segment_mode_name(enum seg_mode m)
{
	return (unsigned)m < SEG_NMODES ? mode_names[m] : "?";
}

int segment_mode_parse(const char *s)
{
	for (int m = 0; m < SEG_NMODES; m++)
		if (!strcmp(s, mode_names[m]))
			return m;
	return -1;
}

/* Append a start. */
void seg_push(struct seg_start **v, size_t *n, size_t *cap, size_t line,
		 double score, const char *why)
{
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[*n].line = line;
	(*v)[*n].score = score;
	(*v)[*n].why = why;
	(*n)++;
}

#define SEP_MIN 2		/* separators that make a convention, at least */
#define SEP_UNITS 60		/* and one at least every this many paragraphs */

/* Whether nsep separators among gaps paragraph gaps are a convention the
 * dump holds to, not a stray blank line. */
static int consistent(size_t nsep, size_t gaps)
{
	return nsep >= SEP_MIN && nsep * SEP_UNITS >= gaps;
}

/* The blank-line count that separates stories in d, or 0 if blank lines
 * carry no story structure. */
static unsigned blank_separator(const struct doc *d)
{
	size_t gaps = 0, blank1 = 0, blank2 = 0;

	for (size_t i = 1; i < d->nlines; i++) {
		if (d->lines[i].kind != LK_PARAGRAPH)
			continue;
		gaps++;
		if (d->lines[i].blanks == 1)
			blank1++;
		else if (d->lines[i].blanks >= 2)
			blank2++;
	}
	if (gaps == 0 || blank1 + blank2 == 0)
		return 0;
	if (blank1 * 2 >= gaps)		/* blank lines between paragraphs */
		return consistent(blank2, gaps) ? 2 : 0;
	/* blank lines only between stories, if the dump holds to it: a
	 * stray blank line or two is no structure */
	return consistent(blank1 + blank2, gaps) ? 1 : 0;
}

/* Whether line i may start a story: only paragraphs may, and a blank-line
 * separator or form feed before a stripped line passes to the next
 * paragraph. */
static size_t next_paragraph(const struct doc *d, size_t i)
{
	while (i < d->nlines && d->lines[i].kind != LK_PARAGRAPH)
		i++;
	return i;
}

/* Starts given by explicit structure; returns how many, first at 0. */
static size_t explicit_starts(const struct doc *d, struct seg_start **out, size_t *cap)
{
	unsigned sep = blank_separator(d);
	size_t n = 0;

	seg_push(out, &n, cap, 0, 0, "file");
	for (size_t i = 1; i < d->nlines; i++) {
		const struct line *l = &d->lines[i];
		const char *why = NULL;

		if (l->flags & LF_FORMFEED)
			why = "form feed";
		else if (sep && l->blanks >= sep)
			why = "blank lines";
		if (!why)
			continue;
		size_t p = next_paragraph(d, i);

		if (p >= d->nlines)
			break;
		if (p > (*out)[n - 1].line)
			seg_push(out, &n, cap, p, 0, why);
		i = p;
	}
	return n;
}


/* ---- Stepwise segmentation ----
 *
 * Long documents are decided a window of paragraph units at a time, so
 * that the first stories can be shown at once and the cost of each step
 * is bounded.  A window holds at most SEG_WIN_UNITS units and about
 * SEG_WIN_BYTES of text; when less than half a window would be left
 * after it, it takes the rest.  Its starts are final up to the last one
 * that has at least SEG_TAIL units after it in the window; the next
 * window begins at that start, so the story there, and any after it, are
 * decided again with the text that follows.  The SEG_LEAD units before a
 * window are read as context (recent names and words), never decided.
 * Windows depend only on the text, so every way of stepping gives the
 * same stories, and a document of one window is decided as a whole. */

#define SEG_WIN_UNITS 20000	/* paragraph units in a window, at most */
#define SEG_WIN_BYTES (4u << 20)	/* and bytes of their text, about */
#define SEG_WIN_MIN 2000	/* units in a window, at least, unless the last */
#define SEG_TAIL 400		/* units after a window's last final start */
#define SEG_LEAD 32		/* units of context before a window */

/* The state of a stepwise segmentation. */
struct segmenter {
	const struct doc *d;
	int text;		/* deciding from the text, window by window */
	int done;
	struct seg_start *pending;	/* starts known but not yet handed out */
	size_t npending, pcap;
	size_t line;		/* text: first line of the next window */
	struct seg_start *tmp;	/* text: one window's starts */
	size_t *unit;		/* and their unit indices */
	size_t tcap, ucap;
	struct seg_keep *keep;	/* text: arrays from window to window */
};

/* Start segmenting d: explicit structure is found at once. */
struct segmenter *segment_begin(const struct doc *d, enum seg_mode mode)
{
	struct segmenter *sg = xcalloc(1, sizeof *sg);

	sg->d = d;
	if (d->nlines == 0) {
		sg->done = 1;
		return sg;
	}
	if (mode == SEG_NONE) {
		seg_push(&sg->pending, &sg->npending, &sg->pcap, 0, 0, "file");
		return sg;
	}
	sg->npending = explicit_starts(d, &sg->pending, &sg->pcap);
	if (mode != SEG_EXPLICIT && sg->npending == 1) {
		sg->text = 1;
		sg->line = next_paragraph(d, 0);
		sg->keep = seg_keep_new();
	}
	return sg;
}

/* The end of the window that begins at line from: the line after it. */
static size_t window_end(const struct doc *d, size_t from)
{
	size_t units = 0, bytes = 0, i = from;

	for (; i < d->nlines; i++) {
		const struct line *l = &d->lines[i];

		if (l->kind != LK_PARAGRAPH)
			continue;
		if (units >= SEG_WIN_UNITS ||
		    (units >= SEG_WIN_MIN && bytes + l->len > SEG_WIN_BYTES))
			break;
		units++;
		bytes += l->len;
	}
	if (i >= d->nlines)
		return d->nlines;
	/* take a short rest along */
	size_t end = i, ru = 0, rb = 0;

	for (; i < d->nlines; i++) {
		const struct line *l = &d->lines[i];

		if (l->kind != LK_PARAGRAPH)
			continue;
		ru++;
		rb += l->len;
		if (ru * 2 >= SEG_WIN_UNITS || rb * 2 >= SEG_WIN_BYTES)
			return end;
	}
	return d->nlines;
}

/* The first line of the lead units before line at. */
static size_t lead_start(const struct doc *d, size_t at, size_t *lead)
{
	size_t i = at;

	*lead = 0;
	while (i > 0 && *lead < SEG_LEAD) {
		i--;
		if (d->lines[i].kind == LK_PARAGRAPH)
			++*lead;
	}
	return i;
}

/* Hand out the known starts and decide the next window. */
int segment_step(struct segmenter *sg, struct seg_start **starts, size_t *n, size_t *cap)
{
	const struct doc *d = sg->d;

	if (sg->done)
		return 1;
	for (size_t i = 0; i < sg->npending; i++)
		seg_push(starts, n, cap, sg->pending[i].line, sg->pending[i].score,
		     sg->pending[i].why);
	sg->npending = 0;
	if (!sg->text || sg->line >= d->nlines) {
		sg->done = 1;
		return 1;
	}
	size_t from = sg->line, end = window_end(d, from), lead, nt = 0;
	size_t lfrom = lead_start(d, from, &lead);

	segment_text(d, lfrom, lead, end, &sg->tmp, &nt, &sg->tcap, &sg->unit, &sg->ucap,
		     sg->keep);
	if (end >= d->nlines) {
		for (size_t i = 0; i < nt; i++)
			seg_push(starts, n, cap, sg->tmp[i].line, sg->tmp[i].score, sg->tmp[i].why);
		sg->done = 1;
		return 1;
	}
	/* the window's units: its starts count from 0 at line from */
	size_t units = 0, keep = 0;

	for (size_t i = from; i < end; i++)
		units += d->lines[i].kind == LK_PARAGRAPH;
	while (keep < nt && sg->unit[keep] + SEG_TAIL <= units)
		keep++;
	if (keep == 0 && nt > 0)
		keep = nt;	/* all late: the last is the best there is */
	for (size_t i = 0; i < keep; i++)
		seg_push(starts, n, cap, sg->tmp[i].line, sg->tmp[i].score, sg->tmp[i].why);
	/* the last kept start opens the next window; with none, one story
	 * fills the window and goes on into the next (whose first unit is
	 * never handed out as a start) */
	sg->line = keep > 0 ? sg->tmp[keep - 1].line : next_paragraph(d, end);
	return 0;
}

void segment_on_idle(struct segmenter *sg, void (*fn)(void *), void *arg)
{
	seg_keep_on_idle(sg->keep, fn, arg);
}

/* Free a segmenter. */
void segment_end(struct segmenter *sg)
{
	if (!sg)
		return;
	free(sg->pending);
	free(sg->tmp);
	free(sg->unit);
	seg_keep_free(sg->keep);
	free(sg);
}

/* All the starts at once, by stepping to the end. */
size_t segment_doc(const struct doc *d, enum seg_mode mode, struct seg_start **out)
{
	struct segmenter *sg = segment_begin(d, mode);
	size_t n = 0, cap = 0;

	*out = NULL;
	while (!segment_step(sg, out, &n, &cap))
		;
	segment_end(sg);
	return n;
}
