/* SPDX-License-Identifier: MIT */
/* markdown.c - Markdown dumps: the headings of the top level a dump uses
 * part its stories and title them (a dump of saved articles is "# Title"
 * then the article, again and again; ATX and setext headings alike),
 * unless headers over saved pages (a page-to-Markdown export's "Title:"
 * block, YAML front matter) part them, or the dump is one article whose
 * lede comes before "##" sections; deeper headings are crossheads;
 * an image ("![alt](url)") is an image line, and a caption in emphasis
 * just after it is too; a line that is only a link is chrome; the text
 * loses its inline markup.  Lines joined into one paragraph (Markdown's
 * soft line breaks) keep the number of the first.  Everything is read
 * byte by byte once (a header's lines, found by looking a bounded way
 * ahead, twice), so any input reads in linear time. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "markdown.h"
#include "markup.h"
#include "xmalloc.h"

#define MD_SNIFF_BYTES (256 << 10)	/* bytes a dump is recognised by */
#define MD_HEAD_WORDS 30		/* words of a heading, at most */
#define MD_CROSSHEAD 12			/* words of a crosshead in emphasis, at most */
#define MD_LEAD_LINES 64		/* lines before the first heading, at most */
#define MD_LEDE_PARAS 2			/* paragraphs of an article's lede, at least */
#define MD_LEDE_WORDS 50		/* words of an article's lede, at least */
#define MD_EXPORT_LINES 16		/* lines of a page export's header after its URL */
#define MD_FRONT_LINES 64		/* lines of front matter, at most */

/* One line of the input, trimmed of its line end and trailing spaces. */
struct mdline {
	const char *s;
	size_t n;
	size_t indent;		/* leading spaces (a tab counts four) */
};

/* Whether c is an ASCII punctuation character. */
static int is_punct(unsigned char c)
{
	return (c >= '!' && c <= '/') || (c >= ':' && c <= '@') || (c >= '[' && c <= '`') ||
	       (c >= '{' && c <= '~');
}

/* Whether c is a space or a line's edge (0). */
static int is_blank(unsigned char c)
{
	return c == 0 || c == ' ' || c == '\t';
}

/* The line starting at p[*at] (of n bytes); moves *at past it. */
static struct mdline next_line(const char *p, size_t n, size_t *at)
{
	const char *nl = memchr(p + *at, '\n', n - *at);
	size_t e = nl ? (size_t)(nl - p) : n, b = *at;
	struct mdline l = { 0 };

	*at = nl ? e + 1 : n;
	while (e > b && (p[e - 1] == '\r' || p[e - 1] == ' ' || p[e - 1] == '\t'))
		e--;
	while (b < e && (p[b] == ' ' || p[b] == '\t')) {
		l.indent += p[b] == '\t' ? 4 : 1;
		b++;
	}
	l.s = p + b;
	l.n = e - b;
	return l;
}

/* The level of an ATX heading ("## Text"), 0 if l is none; *text and
 * *tn get its text, without a closing run of '#'. */
static int heading_level(const struct mdline *l, const char **text, size_t *tn)
{
	size_t k = 0, e = l->n;

	if (l->indent > 3)
		return 0;
	while (k < l->n && k < 7 && l->s[k] == '#')
		k++;
	if (k == 0 || k > 6 || k >= l->n || l->s[k] != ' ')
		return 0;
	while (e > k && l->s[e - 1] == '#')
		e--;
	if (e < l->n && e > k && l->s[e - 1] != ' ')
		e = l->n;	/* "# C#": the '#' is the text's */
	while (e > k && l->s[e - 1] == ' ')
		e--;
	size_t b = k;

	while (b < e && l->s[b] == ' ')
		b++;
	if (b >= e)
		return 0;
	*text = l->s + b;
	*tn = e - b;
	return (int)k;
}

/* The level of a setext heading's underline, a line of '=' (1) or '-'
 * (2) alone, 0 if l is none.  It underlines the plain paragraph just
 * before it; after a blank line "---" is a thematic break. */
static int underline_level(const struct mdline *l)
{
	if (l->indent > 3 || !l->n || (l->s[0] != '=' && l->s[0] != '-'))
		return 0;
	for (size_t i = 1; i < l->n; i++)
		if (l->s[i] != l->s[0])
			return 0;
	return l->s[0] == '=' ? 1 : 2;
}

/* Whether l opens or closes a fenced code block (``` or ~~~). */
static int is_fence(const struct mdline *l)
{
	return l->indent <= 3 && l->n >= 3 && (l->s[0] == '`' || l->s[0] == '~') &&
	       l->s[1] == l->s[0] && l->s[2] == l->s[0];
}

/* Whether l is a thematic break, three or more '-', '*' or '_' alone, or
 * a line of '=' that underlines no heading (after a blank line, a list
 * item or a quotation). */
static int is_break(const struct mdline *l)
{
	size_t k = 0;

	if (l->n < 3 || (l->s[0] != '-' && l->s[0] != '*' && l->s[0] != '_' && l->s[0] != '='))
		return 0;
	for (size_t i = 0; i < l->n; i++) {
		if (l->s[i] == l->s[0])
			k++;
		else if (l->s[i] != ' ')
			return 0;
	}
	return k >= 3;
}

#define MD_INLINE_MAX (1 << 20)	/* a longer paragraph keeps its marks */
#define MD_JUMP 0x80000000u	/* in a link's closing ']': go on past its target */
#define MD_RUN_MAX 16		/* longest run of backticks that opens code */

/* A stack of positions, for pairing brackets. */
struct posstack {
	uint32_t *v;
	size_t n, cap;
};

/* Pair each '[' with its ']' and each '(' with its ')' in s (escaped
 * ones left alone): cl[i] gets 1 + the closer's index. */
static void pair_brackets(const char *s, size_t n, uint32_t *cl)
{
	struct posstack st[2] = { { 0 } };

	for (size_t i = 0; i < n; i++) {
		int k = s[i] == '[' || s[i] == ']' ? 0 : 1;

		if (s[i] == '\\' && i + 1 < n) {
			i++;
		} else if (s[i] == '[' || s[i] == '(') {
			st[k].v = xgrow(st[k].v, &st[k].cap, st[k].n + 1, sizeof *st[k].v);
			st[k].v[st[k].n++] = (uint32_t)i;
		} else if ((s[i] == ']' || s[i] == ')') && st[k].n) {
			cl[st[k].v[--st[k].n]] = (uint32_t)i + 1;
		}
	}
	free(st[0].v);
	free(st[1].v);
}

/* Pair each run of backticks with the next run as long (cl[i] of its
 * first gets 1 + the index of the last of its closer), and each '<' that
 * opens a link ("<http...>", no space within) with its '>'. */
static void pair_code_and_autolinks(const char *s, size_t n, uint32_t *cl)
{
	uint32_t next_run[MD_RUN_MAX + 1] = { 0 }, gt = 0, space = 0;

	for (size_t i = n; i-- > 0;) {
		if (s[i] == '>')
			gt = (uint32_t)i + 1;
		else if (s[i] == ' ')
			space = (uint32_t)i + 1;
		else if (s[i] == '<' && gt && (!space || space > gt) && n - i > 8 &&
			 !strncmp(s + i + 1, "http", 4))
			cl[i] = gt;
		if (s[i] != '`' || (i && s[i - 1] == '`'))
			continue;
		size_t e = i;

		while (e < n && s[e] == '`')
			e++;
		if (e - i > MD_RUN_MAX)
			continue;
		cl[i] = next_run[e - i] ? next_run[e - i] : 0;
		next_run[e - i] = (uint32_t)e;
	}
}

/* The end of the link or image whose text's '[' is at s[i] ("[text](url)",
 * "[text][ref]"), or 0; *te gets the index of the text's ']'. */
static size_t link_at(const char *s, size_t n, const uint32_t *cl, size_t i, size_t *te)
{
	size_t e = cl[i] & ~MD_JUMP;

	if (!e || e >= n || (s[e] != '(' && s[e] != '['))
		return 0;
	*te = e - 1;
	return cl[e] & ~MD_JUMP;
}

/* Whether the run of emphasis marks s[b..e) opens or closes emphasis: a
 * space on one side and a word on the other ("_" inside a word, as in
 * snake_case, is the word's). */
static int emphasis_mark(const char *s, size_t n, size_t b, size_t e)
{
	unsigned char before = b ? (unsigned char)s[b - 1] : 0;
	unsigned char after = e < n ? (unsigned char)s[e] : 0;
	int opens = !is_blank(after) && (is_blank(before) || is_punct(before));
	int closes = !is_blank(before) && (is_blank(after) || is_punct(after));

	return e - b <= 3 && (opens || closes);
}

/* Append s[i..) from one mark on; returns where to go on, past what was
 * read (cl pairs the marks, and gets the jumps of links read). */
static size_t inline_mark(struct sbuf *out, const char *s, size_t n, uint32_t *cl, size_t i)
{
	size_t e, te;
	char c = s[i];

	if (cl[i] & MD_JUMP)	/* a link's text ends: past its target */
		return cl[i] & ~MD_JUMP;
	if (c == '\\' && i + 1 < n && is_punct((unsigned char)s[i + 1])) {
		sbuf_addc(out, s[i + 1]);
		return i + 2;
	}
	if (c == '!' && i + 1 < n && s[i + 1] == '[' && (e = link_at(s, n, cl, i + 1, &te)))
		return e;	/* an image within text: nothing to read */
	if (c == '[' && (e = link_at(s, n, cl, i, &te))) {
		cl[te] = MD_JUMP | (uint32_t)e;	/* its text is read on */
		return i + 1;
	}
	if (c == '`' && cl[i]) {
		for (e = i; s[e] == '`';)
			e++;
		size_t run = e - i;

		sbuf_add(out, s + e, cl[i] - run - e);
		return cl[i];
	}
	if (c == '<' && cl[i]) {	/* an autolink: its address */
		sbuf_add(out, s + i + 1, cl[i] - i - 2);
		return cl[i];
	}
	if (c == '*' || c == '_') {
		for (e = i; e < n && s[e] == c;)
			e++;
		if (!emphasis_mark(s, n, i, e))
			sbuf_add(out, s + i, e - i);
		return e;
	}
	sbuf_addc(out, c);
	return i + 1;
}

/* The bytes that may start inline markup. */
static int is_mark(unsigned char c)
{
	return c == '\\' || c == '!' || c == '[' || c == ']' || c == '`' || c == '<' ||
	       c == '*' || c == '_';
}

void markdown_inline(struct sbuf *out, const char *s, size_t n)
{
	size_t first = 0;

	while (first < n && !is_mark((unsigned char)s[first]))
		first++;
	if (first == n || n > MD_INLINE_MAX) {	/* nothing to take out, or too long */
		sbuf_add(out, s, n);
		return;
	}
	uint32_t *cl = xcalloc(n + 1, sizeof *cl);

	pair_brackets(s, n, cl);
	pair_code_and_autolinks(s, n, cl);
	for (size_t i = 0; i < n;) {
		size_t j = i;

		while (j < n && !is_mark((unsigned char)s[j]))
			j++;
		sbuf_add(out, s + i, j - i);
		i = j < n ? inline_mark(out, s, n, cl, j) : n;
	}
	free(cl);
}

/* The index of the first "](" in s[from..n), or n. */
static size_t text_end(const char *s, size_t n, size_t from)
{
	const char *m = from < n ? memmem(s + from, n - from, "](", 2) : NULL;

	return m ? (size_t)(m - s) : n;
}

/* Whether s[from..n) is a link's target "(url)" to its end: one ')',
 * the last byte. */
static int target_to_end(const char *s, size_t n, size_t from)
{
	return from < n && s[from] == '(' && s[n - 1] == ')' &&
	       memchr(s + from, ')', n - from) == s + n - 1;
}

/* Whether l is only an image, "![alt](url)", perhaps itself a link
 * ("[![alt](img)](url)"); *alt and *an get its text. */
static int image_line(const struct mdline *l, const char **alt, size_t *an)
{
	size_t b = l->n > 3 && l->s[0] == '[' && l->s[1] == '!' ? 1 : 0, te;

	if (l->n < b + 5 || l->s[b] != '!' || l->s[b + 1] != '[')
		return 0;
	te = text_end(l->s, l->n, b + 2);
	if (te >= l->n)
		return 0;
	if (b) {	/* "[![alt](img)](url)": the image's target, then the link's */
		const char *m = memmem(l->s + te, l->n - te, ")](", 3);

		if (!m || !target_to_end(l->s, l->n, (size_t)(m - l->s) + 2))
			return 0;
	} else if (!target_to_end(l->s, l->n, te + 1)) {
		return 0;
	}
	*alt = l->s + b + 2;
	*an = te - b - 2;
	return 1;
}

/* Whether l defines a link reference ("[id]: url"), read as nothing. */
static int reference_line(const struct mdline *l)
{
	const char *e = l->n > 3 && l->s[0] == '[' ? memchr(l->s, ']', l->n) : NULL;

	return l->indent <= 3 && e && e + 1 < l->s + l->n && e[1] == ':';
}

/* The length of a list item's marker ("- ", "* ", "+ ", "12. ") at the
 * start of l, 0 if none. */
static size_t list_marker(const struct mdline *l)
{
	size_t k = 0;

	if (l->n >= 2 && (l->s[0] == '-' || l->s[0] == '*' || l->s[0] == '+') && l->s[1] == ' ')
		return 2;
	while (k < l->n && k < 9 && l->s[k] >= '0' && l->s[k] <= '9')
		k++;
	if (k && k + 1 < l->n && (l->s[k] == '.' || l->s[k] == ')') && l->s[k + 1] == ' ')
		return k + 2;
	return 0;
}

/* The text of l inside the marks of a quotation ("> "), if any. */
static struct mdline unquote(const struct mdline *l)
{
	struct mdline q = *l;

	while (q.n && q.s[0] == '>') {
		q.s++, q.n--;
		while (q.n && q.s[0] == ' ')
			q.s++, q.n--;
	}
	return q;
}

/* Whether a paragraph's raw text is all one link ("[More on this](url)"). */
static int only_link(const char *s, size_t n)
{
	size_t te;

	return n > 3 && s[0] == '[' && (te = text_end(s, n, 1)) < n &&
	       target_to_end(s, n, te + 1);
}

/* Whether a paragraph's raw text is all in emphasis ("*A caption.*"). */
static int all_emphasis(const char *s, size_t n)
{
	return n > 2 && (s[0] == '*' || s[0] == '_') && s[n - 1] == s[0] && s[1] != ' ';
}

/* A header over a saved page: a page-to-Markdown export's ("Title: ...",
 * "URL Source: ...", "Published Time: ...", "Markdown Content:") or YAML
 * front matter ("---", "title: ...", "source: ...", "---").  Its title
 * starts a story; its lines are no text. */
struct mdheader {
	struct bstr title, url, date;	/* the fields' values (n 0: none) */
	const char *title_line;	/* where the title's line starts */
	size_t end;		/* the offset just past its last line */
	int front;		/* front matter: its "---" lines are dropped */
};

/* Whether l starts with the field name key (with its ':'), followed by a
 * space or the line's end; *v gets the value, trimmed. */
static int field(const struct mdline *l, const char *key, struct bstr *v)
{
	size_t k = strlen(key);

	if (l->indent || l->n < k || memcmp(l->s, key, k) || (l->n > k && l->s[k] != ' '))
		return 0;
	while (k < l->n && l->s[k] == ' ')
		k++;
	*v = (struct bstr){ l->s + k, l->n - k };
	return 1;
}

/* The length of the name of l's field ("Published Time", "og_title"),
 * up to its ':', 0 if l starts with none; words only where spaces. */
static size_t field_name(const struct mdline *l, int spaces)
{
	size_t k = 0;

	while (k < l->n && k < 40 &&
	       ((l->s[k] >= 'a' && l->s[k] <= 'z') || (l->s[k] >= 'A' && l->s[k] <= 'Z') ||
		(k && ((l->s[k] >= '0' && l->s[k] <= '9') || l->s[k] == '_' || l->s[k] == '-' ||
		       (spaces && l->s[k] == ' ')))))
		k++;
	if (l->indent || !k || k >= l->n || l->s[k] != ':' || (k + 1 < l->n && l->s[k + 1] != ' '))
		return 0;
	return k;
}

/* Whether the line l, the next starting at p[at] (of n), opens a page
 * export's header: "Title: ...", then after blank lines "URL Source:
 * ...", then fields up to "Markdown Content:" (or the last field known,
 * "Published Time" and "Warning", where that line does not come). */
static int export_header(const struct mdline *l, const char *p, size_t n, size_t at,
			 struct mdheader *h)
{
	struct mdline u = { 0 };
	struct bstr v;

	memset(h, 0, sizeof *h);
	if (!field(l, "Title:", &h->title))
		return 0;
	while (at < n && !(u = next_line(p, n, &at)).n)
		;
	if (!field(&u, "URL Source:", &h->url))
		return 0;
	h->title_line = h->title.n ? l->s : NULL;
	h->end = at;
	for (int i = 0; i < MD_EXPORT_LINES && at < n; i++) {
		u = next_line(p, n, &at);
		if (!u.n)
			continue;
		if (field(&u, "Markdown Content:", &v)) {
			h->end = at;
			break;
		}
		if (field(&u, "Published Time:", &h->date) || field(&u, "Warning:", &v))
			h->end = at;
		else if (!field_name(&u, 1))
			break;
	}
	return 1;
}

/* A YAML value without its quotes; none for a block (">", "|"). */
static struct bstr yaml_value(struct bstr v)
{
	if (v.n >= 2 && (v.s[0] == '"' || v.s[0] == '\'') && v.s[v.n - 1] == v.s[0])
		return (struct bstr){ v.s + 1, v.n - 2 };
	if (v.n && (v.s[0] == '>' || v.s[0] == '|'))
		return (struct bstr){ v.s, 0 };
	return v;
}

/* Whether l is a line of front matter's own, "---" or "..." alone. */
static int front_fence(const struct mdline *l)
{
	return !l->indent && l->n == 3 && (!memcmp(l->s, "---", 3) || !memcmp(l->s, "...", 3));
}

/* Whether YAML front matter opens at l ("---", the next line starting at
 * p[at] a field): fields, their indented or listed values and blank
 * lines up to a line "---" or "...", within MD_FRONT_LINES lines. */
static int front_matter(const struct mdline *l, const char *p, size_t n, size_t at,
			struct mdheader *h)
{
	memset(h, 0, sizeof *h);
	if (l->indent || l->n != 3 || memcmp(l->s, "---", 3))
		return 0;
	h->front = 1;
	for (int i = 0; i < MD_FRONT_LINES && at < n; i++) {
		struct mdline u = next_line(p, n, &at);
		struct bstr v;

		if (i && front_fence(&u)) {
			h->end = at;
			return 1;
		}
		if (i && (!u.n || u.indent || (u.n >= 2 && u.s[0] == '-' && u.s[1] == ' ')))
			continue;	/* a blank line, a value going on, a list's item */
		if (!field_name(&u, 0))
			return 0;
		if (field(&u, "title:", &v) && (v = yaml_value(v)).n) {
			h->title = v;
			h->title_line = u.s;
		}
		if (!h->url.n && (field(&u, "source:", &v) || field(&u, "url:", &v)))
			h->url = yaml_value(v);
		if (!h->date.n && (field(&u, "published:", &v) || field(&u, "date:", &v)))
			h->date = yaml_value(v);
	}
	return 0;
}

/* Whether a header opens at line l (the next starting at p[at], of n):
 * an export's, or front matter; under a paragraph (para) "---" opens
 * front matter only where it has a title (files joined with cat), and
 * else underlines the paragraph. */
static int header_at(const struct mdline *l, int para, const char *p, size_t n, size_t at,
		     struct mdheader *h)
{
	return l->n && ((l->s[0] == 'T' && export_header(l, p, n, at, h)) ||
			(l->s[0] == '-' && front_matter(l, p, n, at, h) && (!para || h->title.n)));
}

/* A Markdown dump being read: the document built, the paragraph being
 * gathered (raw) and the first line it came from. */
struct mdread {
	struct docbuild b;
	struct sbuf para, clean;
	uint32_t para_line;
	int para_plain;		/* the paragraph is plain text, no list item or quotation */
	int top;		/* the heading level that parts stories */
	int after_image;	/* the block before was an image */
	int exports;		/* page exports' headers come in the dump */
	int summary;		/* in an export's list of its images or links */
};

/* Add a block of text (inline markup taken out) as a line of kind,
 * numbered lineno in the file. */
static void add_block(struct mdread *r, const char *s, size_t n, enum line_kind kind,
		      uint32_t lineno)
{
	sbuf_reset(&r->clean);
	markdown_inline(&r->clean, s, n);
	docbuild_line_at(&r->b, r->clean.p ? r->clean.p : "", r->clean.n, kind, lineno);
}

/* Add the paragraph gathered so far, if any. */
static void flush(struct mdread *r)
{
	enum line_kind kind = LK_PARAGRAPH;

	if (!r->para.n)
		return;
	if (only_link(r->para.p, r->para.n))
		kind = LK_CHROME;
	else if (r->after_image && all_emphasis(r->para.p, r->para.n))
		kind = LK_IMAGE;	/* the image's caption */
	else if (all_emphasis(r->para.p, r->para.n) &&
		 bstr_words((struct bstr){ r->para.p, r->para.n }, MD_CROSSHEAD) <= MD_CROSSHEAD)
		kind = LK_HEADING;	/* a crosshead in bold */
	add_block(r, r->para.p, r->para.n, kind, r->para_line);
	sbuf_reset(&r->para);
	r->after_image = 0;
}

/* The text of a field's value, clean (malloc'd; NULL for none). */
static char *field_text(struct bstr v)
{
	struct sbuf b = { 0 };

	if (!v.n)
		return NULL;
	markup_clean_text(&b, v.s, v.n);
	if (!b.n)
		sbuf_free(&b);
	return b.p;
}

/* Start a story titled by s (a heading's or a header's title), with the
 * header's link and date (h may be NULL). */
static void start_item(struct mdread *r, const char *s, size_t n, const struct mdheader *h)
{
	struct sbuf t = { 0 }, clean = { 0 };
	char *url = h ? field_text(h->url) : NULL, *date = h ? field_text(h->date) : NULL;

	markdown_inline(&t, s, n);
	markup_clean_text(&clean, t.p ? t.p : "", t.n);
	docbuild_item(&r->b, clean.p, url, date);
	sbuf_free(&t);
	sbuf_free(&clean);
	free(url);
	free(date);
}

/* Read a header from its first line l (numbered lineno) to its end,
 * with *at after l: its title starts a story, its other lines are
 * chrome (front matter's "---" dropped).  Returns its last line's
 * number. */
static uint32_t read_header(struct mdread *r, const struct mdheader *h, struct mdline l,
			    const char *p, size_t n, size_t *at, uint32_t lineno)
{
	flush(r);
	if (h->title.n)
		start_item(r, h->title.s, h->title.n, h);
	for (;;) {
		if (l.s == h->title_line)
			add_block(r, h->title.s, h->title.n, LK_HEADING, lineno);
		else if (l.n && !(h->front && front_fence(&l)))
			docbuild_line_at(&r->b, l.s, l.n, LK_CHROME, lineno);
		if (*at >= h->end)
			return lineno;
		l = next_line(p, n, at);
		lineno++;
	}
}

/* Add a heading of level: a story's start at the top level, else a
 * crosshead. */
static void add_heading(struct mdread *r, const char *s, size_t n, int level, uint32_t lineno)
{
	if (level == r->top)
		start_item(r, s, n, NULL);
	add_block(r, s, n, LK_HEADING, lineno);
}

/* Whether a paragraph's raw text is short enough to be a heading. */
static int heading_words(const char *s, size_t n)
{
	return bstr_words((struct bstr){ s, n }, MD_HEAD_WORDS) <= MD_HEAD_WORDS;
}

/* Whether l is a line of an export's summary of its page's images or
 * links, after its text: "Images:" or "Links/Buttons:", then an item a
 * link or image, or a line saying there are none (*label: l names it). */
static int summary_line(const struct mdline *l, int *label)
{
	static const char none[] = "This page does not seem to contain any ";

	*label = !l->indent && ((l->n == 7 && !memcmp(l->s, "Images:", 7)) ||
				(l->n == 14 && !memcmp(l->s, "Links/Buttons:", 14)));
	return *label || (l->n > 3 && l->s[0] == '-' && l->s[1] == ' ' &&
			  (l->s[2] == '[' || l->s[2] == '!')) ||
	       (l->n > sizeof none - 1 && !memcmp(l->s, none, sizeof none - 1));
}

/* Read one line of the dump (not in a code block). */
static void read_line(struct mdread *r, const struct mdline *l, uint32_t lineno)
{
	const char *t;
	size_t tn, m;
	int level, label = 0;

	/* an export's summary of its images and links: chrome */
	r->summary = r->exports && l->n && summary_line(l, &label) && (label || r->summary);
	if (r->summary) {
		flush(r);
		docbuild_line_at(&r->b, l->s, l->n, LK_CHROME, lineno);
	} else if (r->para.n && r->para_plain && (level = underline_level(l)) &&
	    heading_words(r->para.p, r->para.n)) {	/* a setext heading */
		add_heading(r, r->para.p, r->para.n, level, r->para_line);
		sbuf_reset(&r->para);
		r->after_image = 0;
	} else if (!l->n || is_break(l) || reference_line(l)) {
		flush(r);
	} else if ((level = heading_level(l, &t, &tn))) {
		flush(r);
		add_heading(r, t, tn, level, lineno);
	} else if (image_line(l, &t, &tn)) {
		flush(r);
		add_block(r, t, tn, LK_IMAGE, lineno);
		r->after_image = 1;
	} else {
		struct mdline q = unquote(l);

		if ((m = list_marker(&q)) || q.n < l->n)
			flush(r);
		if (!r->para.n) {
			r->para_line = lineno;
			r->para_plain = !m && q.n == l->n;
		} else {
			sbuf_addc(&r->para, ' ');
		}
		if (m && (q.s[0] == '-' || q.s[0] == '*' || q.s[0] == '+')) {
			sbuf_adds(&r->para, "\xE2\x80\xA2 ");	/* a bullet */
			q.s += m, q.n -= m;
		}
		sbuf_add(&r->para, q.s, q.n);
	}
}

/* What the first bytes of a dump say of it. */
struct mdscan {
	int top;		/* the top heading level it uses (0: none) */
	int score;		/* headings, titled headers, images and links */
	int exports;		/* page exports' headers */
	int titled;		/* headers with a title */
	size_t lead;		/* lines of text before its first heading or header */
	size_t lede_paras;	/* plain paragraphs before it */
	size_t lede_words;	/* their words (up to MD_LEDE_WORDS + 1 a line) */
};

/* A paragraph being scanned: whether one is open, whether it is plain
 * text (it may be a setext heading's), its lines and words (each line's
 * counted up to MD_LEDE_WORDS + 1, while they are no more than that). */
struct mdpara {
	int open, plain;
	size_t lines, words;
};

/* Count a heading of level in s (*seen: a heading came). */
static void scan_heading(struct mdscan *s, int level, int *seen)
{
	s->top = s->top && s->top < level ? s->top : level;
	s->score++;
	*seen = 1;
}

/* End the paragraph being scanned: a plain one before the first heading
 * or header (not seen) is the lede's. */
static void scan_end(struct mdscan *s, struct mdpara *para, int seen)
{
	if (para->open && para->plain && !seen) {
		s->lede_paras++;
		s->lede_words += para->words;
	}
	*para = (struct mdpara){ 0 };
}

/* Take the line l into the paragraph being scanned, as read_line does:
 * a list item or a quotation starts one of its own, not plain. */
static void scan_para(struct mdscan *s, struct mdpara *para, const struct mdline *l, int seen)
{
	struct mdline q = unquote(l);
	int plain = q.n == l->n && !list_marker(&q);

	if (!q.n || !plain || !para->open)
		scan_end(s, para, seen);
	if (!q.n)	/* a quotation's empty line: no paragraph */
		return;
	if (!para->open)
		*para = (struct mdpara){ .open = 1, .plain = plain };
	para->lines++;
	if (para->plain && para->words <= MD_LEDE_WORDS)
		para->words += bstr_words((struct bstr){ l->s, l->n }, MD_LEDE_WORDS);
}

/* Scan a dump's first bytes (as markdown_read reads them: fenced code,
 * ATX and setext headings, paragraphs) into *s. */
static void scan(const char *p, size_t n, struct mdscan *s)
{
	size_t at = 0, m = n < MD_SNIFF_BYTES ? n : MD_SNIFF_BYTES;
	int fenced = 0, seen = 0;
	struct mdpara para = { 0 };

	memset(s, 0, sizeof *s);
	while (at < m) {
		struct mdline l = next_line(p, m, &at);
		struct mdheader h;
		const char *t;
		size_t tn;
		int level;

		if (is_fence(&l)) {
			fenced = !fenced;
			scan_end(s, &para, seen);
			s->lead += !fenced && !seen;	/* a closing fence */
			continue;
		}
		if (fenced || !l.n) {
			scan_end(s, &para, seen);
			continue;
		}
		if (header_at(&l, para.open, p, m, at, &h)) {
			scan_end(s, &para, seen);
			s->exports += !h.front;
			s->titled += h.title.n > 0;
			s->score += h.title.n > 0;
			seen |= !h.front || h.title.n;
			at = h.end;
			continue;
		}
		if (para.plain && (level = underline_level(&l)) && para.words <= MD_HEAD_WORDS) {
			s->lead -= seen ? 0 : para.lines;	/* its text was a heading's */
			scan_heading(s, level, &seen);
			para = (struct mdpara){ 0 };
			continue;
		}
		if ((level = heading_level(&l, &t, &tn))) {
			scan_end(s, &para, seen);
			if (heading_words(t, tn)) {
				scan_heading(s, level, &seen);
				continue;
			}
		}
		int image = image_line(&l, &t, &tn);

		s->lead += !seen;
		if (image || memmem(l.s, l.n, "](http", 6) || only_link(l.s, l.n))
			s->score++;
		if (level || image || is_break(&l) || reference_line(&l))
			scan_end(s, &para, seen);
		else
			scan_para(s, &para, &l, seen);
	}
	scan_end(s, &para, seen);
}

/* Whether a dump is one article whose sections its headings head: it
 * uses no heading of level 1, and has a lede before its first heading
 * (MD_LEDE_PARAS paragraphs or more, MD_LEDE_WORDS words or more). */
static int one_article(const struct mdscan *s)
{
	return s->top >= 2 && s->lede_paras >= MD_LEDE_PARAS && s->lede_words >= MD_LEDE_WORDS;
}

int markdown_sniff(const char *p, size_t n)
{
	struct mdscan s;

	scan(p, n, &s);
	/* a plain dump with a line or two that look like headings, far in,
	 * is not one */
	return s.lead <= MD_LEAD_LINES && (s.exports || ((s.top || s.titled) && s.score >= 3));
}

struct doc *markdown_read(const char *name, const char *p, size_t n)
{
	struct mdread r = { 0 };
	size_t at = 0;
	uint32_t lineno = 0;
	struct mdscan s;
	int fenced = 0;

	scan(p, n, &s);
	/* headers part the stories, or none does in one article */
	r.top = s.titled || one_article(&s) ? 0 : s.top;
	r.exports = s.exports > 0;
	docbuild_begin(&r.b, name, SRC_MARKDOWN);
	docbuild_item(&r.b, NULL, NULL, NULL);	/* text before the first heading */
	while (at < n) {
		struct mdline l = next_line(p, n, &at);
		struct mdheader h;

		lineno++;
		if (is_fence(&l)) {
			flush(&r);
			fenced = !fenced;
		} else if (fenced) {	/* code: each line as it is */
			docbuild_line_at(&r.b, l.s, l.n, LK_PARAGRAPH, lineno);
		} else if (header_at(&l, r.para.n > 0, p, n, at, &h)) {
			lineno = read_header(&r, &h, l, p, n, &at, lineno);
		} else {
			read_line(&r, &l, lineno);
		}
	}
	flush(&r);
	sbuf_free(&r.para);
	sbuf_free(&r.clean);
	r.b.lineno = lineno + 1;
	return docbuild_end(&r.b);
}
