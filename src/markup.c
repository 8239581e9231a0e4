/* SPDX-License-Identifier: MIT */
/* markup.c - recognising pages and feeds by their first bytes, building
 * their documents, and turning their items into stories. */
#include <config.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "feed.h"
#include "html.h"
#include "markdown.h"
#include "markup.h"
#include "xmalloc.h"

#define SNIFF_BYTES 4096

/* Whether c is XML/HTML white space. */
static int is_space(int c)
{
	return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}

/* The '>' that ends a doctype's internal subset starting at '[' p, or NULL. */
static const char *subset_end(const char *p, size_t n)
{
	for (const char *q = p; (q = memchr(q, ']', n - (size_t)(q - p))) != NULL; q++) {
		const char *r = q + 1;

		while (r < p + n && is_space((unsigned char)*r))
			r++;
		if (r < p + n && *r == '>')
			return r;
	}
	return NULL;
}

/* Skip white space, comments, processing instructions and doctypes from
 * p; returns the offset of the first tag, or n if there is none. */
static size_t first_tag(const char *p, size_t n, int *doctype_html)
{
	size_t i = 0;

	if (n >= 3 && !memcmp(p, "\xEF\xBB\xBF", 3))
		i = 3;
	while (i < n) {
		const char *end;

		while (i < n && is_space((unsigned char)p[i]))
			i++;
		if (i >= n || p[i] != '<')
			return n;
		if (i + 4 <= n && !memcmp(p + i, "<!--", 4)) {
			end = memmem(p + i + 4, n - i - 4, "-->", 3);
			if (end)
				end += 2;
		} else if (i + 1 < n && (p[i + 1] == '?' || p[i + 1] == '!')) {
			const char *sub;

			if (i + 14 <= n && !strncasecmp(p + i, "<!DOCTYPE html", 14))
				*doctype_html = 1;
			end = memchr(p + i, '>', n - i);
			sub = memchr(p + i, '[', n - i);
			if (end && sub && sub < end && p[i + 1] == '!')	/* an internal subset */
				end = subset_end(sub, (size_t)(p + n - sub));
		} else
			return i;
		if (!end)
			return n;
		i = (size_t)(end - p) + 1;
	}
	return n;
}

/* Whether the tag at p (after '<') is named name, ignoring case and any
 * namespace prefix. */
static int tag_is(const char *p, size_t n, const char *name)
{
	size_t k = strlen(name), i = 0, j;

	for (j = 0; j < n && j < 64 && !is_space((unsigned char)p[j]) && p[j] != '>' &&
		    p[j] != '/'; j++)
		if (p[j] == ':')
			i = j + 1;
	return j - i == k && !strncasecmp(p + i, name, k);
}

enum src_kind markup_sniff(const char *p, size_t n)
{
	static const char *const html_first[] = {
		"html", "head", "body", "meta", "title", "link", "script", "style",
		"div", "base", "header", "nav", "main", "article",
	};
	int doctype_html = 0;
	size_t m = n < SNIFF_BYTES ? n : SNIFF_BYTES;
	size_t i = first_tag(p, m, &doctype_html);

	if (i >= m)
		return doctype_html ? SRC_HTML : SRC_TEXT;
	p += i + 1;
	m -= i + 1;
	if (tag_is(p, m, "rss") || tag_is(p, m, "RDF") || tag_is(p, m, "feed"))
		return SRC_FEED;
	if (doctype_html)
		return SRC_HTML;
	for (size_t k = 0; k < sizeof html_first / sizeof html_first[0]; k++)
		if (tag_is(p, m, html_first[k]))
			return SRC_HTML;
	return SRC_TEXT;
}

/* Append code point c as UTF-8. */
static void put_uc(struct sbuf *b, ucs4_t c)
{
	uint8_t t[6];
	int k = u8_uctomb(t, c, sizeof t);

	if (k > 0)
		sbuf_add(b, (const char *)t, (size_t)k);
}

void markup_clean_text(struct sbuf *out, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *e = p + n;
	int space = 0, any = 0;

	while (p < e) {
		ucs4_t c;
		const uint8_t *run = p;

		while (run < e && *run > ' ' && *run < 0x7F)	/* plain ASCII: in one piece */
			run++;
		if (run > p) {
			if (space && any)
				sbuf_addc(out, ' ');
			sbuf_add(out, (const char *)p, (size_t)(run - p));
			space = 0;
			any = 1;
			p = run;
			continue;
		}
		int k = u8_mbtoucr(&c, p, (size_t)(e - p));

		if (k < 0) {
			c = 0xFFFD;
			k = 1;
			while (p + k < e && (p[k] & 0xC0) == 0x80 && k < 4)
				k++;
		}
		p += k;
		if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' ||
		    c == 0xA0 || c == 0x2028 || c == 0x2029 || (c >= 0x2000 && c <= 0x200A) ||
		    c == 0x202F || c == 0x205F || c == 0x3000) {
			space = 1;
			continue;
		}
		if (c < 0x20 || (c >= 0x7F && c < 0xA0) || c == 0xFEFF || c == 0xAD)
			continue;
		if (space && any)
			sbuf_addc(out, ' ');
		space = 0;
		any = 1;
		if (c < 0x80)
			sbuf_addc(out, (char)c);
		else
			put_uc(out, c);
	}
	if (!out->p)
		sbuf_add(out, "", 0);
}

void docbuild_begin(struct docbuild *b, const char *name, enum src_kind kind)
{
	memset(b, 0, sizeof *b);
	b->d = xcalloc(1, sizeof *b->d);
	b->d->name = xstrdup(name);
	b->d->src = (uint8_t)kind;
	b->lineno = 1;
	sbuf_add(&b->text, "", 0);
}

void docbuild_line(struct docbuild *b, const char *s, size_t n, enum line_kind kind)
{
	struct doc *d = b->d;
	size_t off = b->text.n;

	if (off)
		sbuf_addc(&b->text, '\n');	/* a blank line between blocks */
	size_t start = b->text.n;

	markup_clean_text(&b->text, s, n);
	if (b->text.n == start || b->text.n > DOC_TEXT_MAX) {
		b->text.n = off;
		b->text.p[off] = '\0';
		return;
	}
	d->lines = xgrow(d->lines, &b->cap, d->nlines + 1, sizeof *d->lines);
	struct line *l = &d->lines[d->nlines++];

	if (off)
		b->lineno++;	/* the blank line */
	l->off = (uint32_t)start;
	l->len = (uint32_t)(b->text.n - start);
	l->kind = (uint8_t)kind;
	l->flags = 0;
	l->blanks = off ? 1 : 0;
	l->score = 0;	/* no model's probability (JSON's "score" 0.00) */
	doc_set_lineno(d, d->nlines - 1, b->lineno++);
	sbuf_addc(&b->text, '\n');
}

void docbuild_line_at(struct docbuild *b, const char *s, size_t n, enum line_kind kind,
		      uint32_t lineno)
{
	/* docbuild_line counts a blank line before every line but the first */
	b->lineno = b->d->nlines && lineno > 1 ? lineno - 1 : lineno;
	docbuild_line(b, s, n, kind);
}

void docbuild_item(struct docbuild *b, const char *title, const char *url,
		   const char *date)
{
	struct doc *d = b->d;
	struct doc_item *it;

	/* an item without lines of its own gives way to the next */
	if (d->nitems && d->items[d->nitems - 1].first == d->nlines) {
		it = &d->items[d->nitems - 1];
		free(it->title);
		free(it->url);
		free(it->date);
	} else {
		d->items = xgrow(d->items, &b->items_cap, d->nitems + 1, sizeof *d->items);
		it = &d->items[d->nitems++];
	}
	it->first = d->nlines;
	it->title = title ? xstrdup(title) : NULL;
	it->url = url ? xstrdup(url) : NULL;
	it->date = date ? xstrdup(date) : NULL;
}

struct doc *docbuild_end(struct docbuild *b)
{
	struct doc *d = b->d;

	/* an item left without lines at the end is dropped */
	while (d->nitems && d->items[d->nitems - 1].first >= d->nlines) {
		struct doc_item *it = &d->items[--d->nitems];

		free(it->title);
		free(it->url);
		free(it->date);
	}
	if (d->nlines && d->nitems == 0)
		docbuild_item(b, NULL, NULL, NULL), d->items[0].first = 0;
	d->text = b->text.p;
	d->len = b->text.n;
	d->nphys = b->lineno > 1 ? b->lineno - 1 : 0;
	b->d = NULL;
	return d;
}

/* The number of '<' in p, counting no further than MARKUP_MAX_TAGS + 1. */
static size_t count_tags(const char *p, size_t n)
{
	size_t k = 0;
	const char *e = p + n;

	while (k <= MARKUP_MAX_TAGS && (p = memchr(p, '<', (size_t)(e - p))) != NULL) {
		k++;
		p++;
	}
	return k;
}

struct doc *markup_read(const char *name, enum src_kind kind, const char *p,
			size_t n, char *err, size_t errlen)
{
	if (kind == SRC_MARKDOWN)	/* read in one linear pass: no limit */
		return markdown_read(name, p, n);
	if (n > MARKUP_MAX_BYTES) {
		snprintf(err, errlen, "%s larger than %zu MB, not read",
			 kind == SRC_FEED ? "feed" : "web page", MARKUP_MAX_BYTES >> 20);
		return NULL;
	}
	if (count_tags(p, n) > MARKUP_MAX_TAGS) {
		snprintf(err, errlen, "%s with more than %d tags, not read",
			 kind == SRC_FEED ? "feed" : "web page", MARKUP_MAX_TAGS);
		return NULL;
	}
	if (kind == SRC_FEED)
		return feed_read(name, p, n, err, errlen);
	return html_read(name, p, n, err, errlen);
}

/* Append the story of lines [first, end) of d. */
static void add_story(struct storylist *sl, struct doc *d, size_t first, size_t end)
{
	struct story *st = storylist_add(sl);

	st->doc = d;
	st->first = first;
	st->count = end - first;
	st->score = 0;
	st->why = d->src == SRC_FEED ? "feed item" : d->src == SRC_MARKDOWN ? "heading" : "web page";
	story_finish(st);
}

void markup_stories(struct storylist *sl, struct doc *d, const struct rules *r)
{
	storylist_add_doc(sl, d);
	/* the text parser's line rules after the markup's own evidence; its
	 * headings (lines without a sentence's end) are the markup's to say */
	for (size_t i = 0; i < d->nlines; i++) {
		struct line *l = &d->lines[i];
		enum line_kind k;

		if (!r || l->kind != LK_PARAGRAPH)
			continue;
		k = rules_classify_line(r, line_text(d, l));
		if (k != LK_HEADING)
			l->kind = (uint8_t)k;
	}
	for (size_t k = 0; k < d->nitems; k++) {
		size_t end = k + 1 < d->nitems ? d->items[k + 1].first : d->nlines;

		if (end > d->items[k].first)
			add_story(sl, d, d->items[k].first, end);
	}
}
