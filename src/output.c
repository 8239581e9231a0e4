/* SPDX-License-Identifier: MIT */
/* output.c - the scripting interface: --list, --dump, --json.
 * Each writer returns 0, or -1 if writing failed (errno set). */
#include <config.h>

#include <errno.h>
#include <string.h>

#include "fold.h"
#include "output.h"
#include "rules.h"
#include "wrap.h"

#define FLUSH_AT 65536

/* Write the buffer out when it is large, or always with force. */
static int flush(FILE *f, struct sbuf *b, int force)
{
	if (b->n == 0 || (!force && b->n < FLUSH_AT))
		return 0;
	size_t n = b->n, k = fwrite(b->p, 1, n, f);

	sbuf_reset(b);	/* on failure the stream's error flag tells finish() */
	return k == n ? 0 : -1;
}

/* Flush the rest, release the buffer and report any write error. */
static int finish(FILE *f, struct sbuf *b)
{
	int r = flush(f, b, 1);

	sbuf_free(b);
	if (fflush(f) != 0 || ferror(f))
		r = -1;
	return r;
}

/* Length of the valid UTF-8 sequence at p, 0 if invalid. */
static size_t utf8_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	size_t need;

	if (c < 0x80)
		return 1;
	if (c >= 0xC2 && c <= 0xDF)
		need = 2;
	else if (c >= 0xE0 && c <= 0xEF)
		need = 3;
	else if (c >= 0xF0 && c <= 0xF4)
		need = 4;
	else
		return 0;
	if (need > n)
		return 0;
	for (size_t i = 1; i < need; i++)
		if ((p[i] & 0xC0) != 0x80)
			return 0;
	if ((c == 0xE0 && p[1] < 0xA0) || (c == 0xED && p[1] > 0x9F) ||
	    (c == 0xF0 && p[1] < 0x90) || (c == 0xF4 && p[1] > 0x8F))
		return 0;
	return need;
}

void output_json_string(struct sbuf *b, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t i = 0;

	sbuf_addc(b, '"');
	while (i < n) {
		unsigned c = p[i];
		size_t run = i;

		while (run < n && p[run] >= 0x20 && p[run] < 0x7f && p[run] != '"' &&
		       p[run] != '\\')
			run++;
		if (run > i) {
			sbuf_add(b, s + i, run - i);
			i = run;
			continue;
		}
		switch (c) {
		case '"': sbuf_adds(b, "\\\""); i++; continue;
		case '\\': sbuf_adds(b, "\\\\"); i++; continue;
		case '\n': sbuf_adds(b, "\\n"); i++; continue;
		case '\r': sbuf_adds(b, "\\r"); i++; continue;
		case '\t': sbuf_adds(b, "\\t"); i++; continue;
		case '\b': sbuf_adds(b, "\\b"); i++; continue;
		case '\f': sbuf_adds(b, "\\f"); i++; continue;
		}
		if (c < 0x20 || c == 0x7f) {
			sbuf_printf(b, "\\u%04x", c);
			i++;
			continue;
		}
		size_t k = utf8_len(p + i, n - i);

		if (k == 0) {
			sbuf_adds(b, "\\ufffd");
			i++;
		} else if (k == 2 && c == 0xC2 && p[i + 1] < 0xA0) {
			sbuf_printf(b, "\\u%04x", p[i + 1]);	/* C1 control */
			i += 2;
		} else {
			sbuf_add(b, s + i, k);
			i += k;
		}
	}
	sbuf_addc(b, '"');
}

void output_safe_name(struct sbuf *b, const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t n = strlen(s), i = 0;

	while (i < n) {
		unsigned c = p[i];
		size_t k;

		if (c == '\\') {
			sbuf_adds(b, "\\\\");
			i++;
		} else if (c < 0x20 || c == 0x7f) {
			static const char esc[] = "\a\b\t\n\v\f\r";
			static const char let[] = "abtnvfr";
			const char *e = c ? strchr(esc, (int)c) : NULL;

			if (e)
				sbuf_printf(b, "\\%c", let[e - esc]);
			else
				sbuf_printf(b, "\\x%02x", c);
			i++;
		} else if ((k = utf8_len(p + i, n - i)) == 0 ||
			   (c == 0xC2 && p[i + 1] < 0xA0)) {
			sbuf_printf(b, "\\x%02x", c);
			i++;
		} else {
			sbuf_add(b, s + i, k);
			i += k;
		}
	}
}

/* Whether story i is left out: with latest, every version but the
 * newest of its group. */
static int skipped(const struct fold *fold, int latest, size_t i)
{
	return latest && fold && !fold_is_latest(fold, i);
}

/* Append n in decimal, then the byte after (what "%zu%c" prints). */
static void add_number(struct sbuf *b, size_t n, char after)
{
	char t[24];
	size_t k = sizeof t;

	t[--k] = after;
	do {
		t[--k] = (char)('0' + n % 10);
		n /= 10;
	} while (n);
	sbuf_add(b, t + k, sizeof t - k);
}

int output_list(FILE *f, const struct storylist *sl, const struct fold *fold,
		int latest)
{
	struct sbuf b = { 0 }, name = { 0 };	/* the file's name made safe, once a file */
	const char *named = NULL;

	for (size_t i = 0; i < sl->n; i++) {
		const struct story *s = &sl->stories[i];

		if (skipped(fold, latest, i))
			continue;
		if (s->doc->name != named) {
			sbuf_reset(&name);
			output_safe_name(&name, s->doc->name);
			named = s->doc->name;
		}
		add_number(&b, i + 1, '\t');
		if (name.n)
			sbuf_add(&b, name.p, name.n);
		sbuf_addc(&b, '\t');
		add_number(&b, (unsigned)story_first_line(s), '-');
		add_number(&b, (unsigned)story_last_line(s), '\t');
		sbuf_adds(&b, s->title);
		sbuf_addc(&b, '\n');
		if (flush(f, &b, 0) < 0)
			break;
	}
	sbuf_free(&name);
	return finish(f, &b);
}

/* Append text wrapped to width, with prefix before every row. */
static void add_wrapped(struct sbuf *b, struct wrapper *w, struct bstr t,
			int width, const char *prefix)
{
	size_t n = wrap_text(w, t.s, t.n, width);

	for (size_t r = 0; r < n; r++) {
		sbuf_adds(b, prefix);
		sbuf_add(b, t.s + w->rows[r].off, w->rows[r].len);
		sbuf_addc(b, '\n');
	}
}

int output_dump(FILE *f, const struct storylist *sl, int width, int stripped,
		const struct fold *fold, int latest)
{
	struct sbuf b = { 0 };
	struct wrapper w = { 0 };
	char label[32];
	int any = 0;

	if (width < 1)
		width = 1;
	for (size_t i = 0; i < sl->n; i++) {
		if (skipped(fold, latest, i))
			continue;
		const struct story *s = &sl->stories[i];
		struct bstr title = { s->title, strlen(s->title) };
		/* a title made from the lede would only repeat it: a story of
		 * a dump opens with its text, after a form feed line as tnews
		 * reads a certain boundary; a page's or feed's headline stays */
		int headline = story_has_headline(s), nl = headline;

		if (any)
			sbuf_adds(&b, headline ? "\n\n" : "\n\f\n\n");
		any = 1;
		if (headline)
			add_wrapped(&b, &w, title, width, "");
		for (size_t j = 0; j < s->count; j++) {
			const struct line *l = &story_lines(s)[j];

			if (l->kind != LK_PARAGRAPH && !stripped)
				continue;
			if (nl)
				sbuf_addc(&b, '\n');
			nl = 1;
			if (l->kind == LK_PARAGRAPH) {
				add_wrapped(&b, &w, line_text(s->doc, l), width, "");
				flush(f, &b, 0);
				continue;
			}
			snprintf(label, sizeof label, "[%s] ", line_kind_name((enum line_kind)l->kind));
			struct sbuf t = { 0 };

			sbuf_adds(&t, label);
			sbuf_add(&t, line_text(s->doc, l).s, l->len);
			add_wrapped(&b, &w, (struct bstr){ t.p, t.n }, width, "");
			sbuf_free(&t);
		}
		if (flush(f, &b, 0) < 0)
			break;
	}
	wrapper_free(&w);
	return finish(f, &b);
}

/* Append one line as a JSON object with its line number (and kind). */
static void json_line(struct sbuf *b, const struct doc *d, const struct line *l,
		      int with_kind)
{
	sbuf_printf(b, "{\"line\":%u,", (unsigned)doc_lineno(d, (size_t)(l - d->lines)));
	if (with_kind) {
		const char *origin = doc_rule_name(d, l);

		sbuf_printf(b, "\"kind\":\"%s\",\"why\":", line_kind_name((enum line_kind)l->kind));
		if (l->flags & LF_RULE) {
			struct sbuf w = { 0 };

			sbuf_printf(&w, "rule %s", origin ? origin : "");
			output_json_string(b, w.p, w.n);
			sbuf_free(&w);
		} else {	/* a page's, feed's or Markdown's own marks, else the model */
			sbuf_adds(b, d->src != SRC_TEXT ? "\"markup\"" : "\"model\"");
		}
		sbuf_printf(b, ",\"score\":%.2f,", line_prob(l) / 255.0);
	}
	sbuf_adds(b, "\"text\":");
	output_json_string(b, d->text + l->off, l->len);
	sbuf_addc(b, '}');
}

/* Append the link and date a page or feed gives a story, where known. */
static void json_source(struct sbuf *b, const struct doc_item *it)
{
	if (it && it->url) {
		sbuf_adds(b, ",\"url\":");
		output_json_string(b, it->url, strlen(it->url));
	}
	if (it && it->date) {
		sbuf_adds(b, ",\"date\":");
		output_json_string(b, it->date, strlen(it->date));
	}
}

/* Append one story as a JSON object. */
static void json_story(FILE *f, struct sbuf *b, const struct story *s, size_t index,
		       const struct fold *fold)
{
	int first;

	sbuf_adds(b, "{\"file\":");
	output_json_string(b, s->doc->name, strlen(s->doc->name));
	sbuf_printf(b, ",\"index\":%zu,\"first_line\":%u,\"last_line\":%u,\"title\":",
		    index, (unsigned)story_first_line(s), (unsigned)story_last_line(s));
	output_json_string(b, s->title, strlen(s->title));
	sbuf_printf(b, ",\"words\":%zu,\"why\":", s->words);
	output_json_string(b, s->why ? s->why : "", s->why ? strlen(s->why) : 0);
	sbuf_printf(b, ",\"score\":%.3f,\"group\":%u,\"version\":%u,\"changed\":%s,"
		    "\"source\":\"%s\"", s->score, (unsigned)fold->group[index - 1],
		    (unsigned)fold->version[index - 1],
		    fold_changed(fold, index - 1) ? "true" : "false",
		    src_kind_name((enum src_kind)s->doc->src));
	json_source(b, story_source(s));
	sbuf_adds(b, ",\n  \"paragraphs\":[");
	first = 1;
	for (size_t j = 0; j < s->count; j++) {
		const struct line *l = &story_lines(s)[j];

		if (l->kind != LK_PARAGRAPH)
			continue;
		sbuf_adds(b, first ? "\n   " : ",\n   ");
		json_line(b, s->doc, l, 0);
		first = 0;
		flush(f, b, 0);
	}
	sbuf_adds(b, "],\n  \"stripped\":[");
	first = 1;
	for (size_t j = 0; j < s->count; j++) {
		const struct line *l = &story_lines(s)[j];

		if (l->kind == LK_PARAGRAPH)
			continue;
		sbuf_adds(b, first ? "\n   " : ",\n   ");
		json_line(b, s->doc, l, 1);
		first = 0;
		flush(f, b, 0);
	}
	sbuf_adds(b, "]}");
}

int output_json(FILE *f, const struct storylist *sl, const struct fold *fold,
		int latest)
{
	struct sbuf b = { 0 };
	struct fold own;
	int any = 0, r;

	if (!fold) {
		fold_stories(&own, sl);
		fold = &own;
	}
	sbuf_adds(&b, "{\"stories\":[");
	for (size_t i = 0; i < sl->n; i++) {
		if (skipped(fold, latest, i))
			continue;
		sbuf_adds(&b, any ? ",\n " : "\n ");
		any = 1;
		json_story(f, &b, &sl->stories[i], i + 1, fold);
		if (flush(f, &b, 0) < 0)
			break;
	}
	sbuf_adds(&b, "\n]}\n");
	r = finish(f, &b);
	if (fold == &own)
		fold_free(&own);
	return r;
}
