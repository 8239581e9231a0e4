/* SPDX-License-Identifier: MIT */
/* html.c - finding the article in a web page.
 *
 * The page is parsed with libxml2's HTML parser (no network, no DTD).
 * Markup that is never article text is set aside first (scripts,
 * navigation, asides, footers, figures, hidden parts, and blocks whose
 * class or id names page furniture).  Every paragraph of text then
 * scores its parent and grandparents, as Readability does: more for
 * longer text and more commas, less for text that is mostly links.
 * The best-scoring block, with the siblings that score near it, is the
 * article; inside it, lists, tables and boxes that look like link
 * lists or widgets are dropped, and what is left becomes one line per
 * block: paragraphs as reading text, headings, captions and chrome as
 * stripped lines.  The headline (h1, og:title or <title>) is the story's
 * title and is kept out of the lines.  All walks of the tree are
 * iterative, so a deeply nested page cannot exhaust the stack. */
#include <config.h>

#include <libxml/HTMLparser.h>
#include <libxml/tree.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistr.h>

#include "html.h"
#include "xmalloc.h"

/* The elements the extractor tells apart. */
enum tag {
	T_OTHER, T_A, T_P, T_DIV, T_SECTION, T_ARTICLE, T_MAIN, T_BODY,
	T_PRE, T_TD, T_TH, T_BLOCKQUOTE, T_UL, T_OL, T_LI, T_DL, T_DD, T_DT,
	T_TABLE, T_TR, T_H1, T_H2, T_H3, T_H4, T_H5, T_H6, T_BR, T_IMG,
	T_FIGURE, T_FIGCAPTION, T_PICTURE, T_NAV, T_ASIDE, T_FOOTER, T_HEADER,
	T_FORM, T_INPUT, T_SCRIPT, T_EMBED, T_ADDRESS, T_HR, T_INLINE,
	T_SKIP, T_NTAGS
};

static const struct { const char *name; enum tag t; } tag_names[] = {
	{ "a", T_A }, { "p", T_P }, { "div", T_DIV }, { "section", T_SECTION },
	{ "article", T_ARTICLE }, { "main", T_MAIN }, { "body", T_BODY },
	{ "pre", T_PRE }, { "td", T_TD }, { "th", T_TH }, { "blockquote", T_BLOCKQUOTE },
	{ "ul", T_UL }, { "ol", T_OL }, { "li", T_LI }, { "dl", T_DL }, { "dd", T_DD },
	{ "dt", T_DT }, { "table", T_TABLE }, { "tr", T_TR }, { "h1", T_H1 },
	{ "h2", T_H2 }, { "h3", T_H3 }, { "h4", T_H4 }, { "h5", T_H5 }, { "h6", T_H6 },
	{ "br", T_BR }, { "img", T_IMG }, { "figure", T_FIGURE },
	{ "figcaption", T_FIGCAPTION }, { "picture", T_PICTURE }, { "nav", T_NAV },
	{ "aside", T_ASIDE }, { "footer", T_FOOTER }, { "header", T_HEADER },
	{ "form", T_FORM }, { "input", T_INPUT }, { "textarea", T_INPUT },
	{ "select", T_INPUT }, { "button", T_INPUT }, { "script", T_SCRIPT },
	{ "style", T_SCRIPT }, { "noscript", T_SCRIPT }, { "template", T_SCRIPT },
	{ "head", T_SCRIPT }, { "title", T_SCRIPT }, { "svg", T_SCRIPT },
	{ "math", T_SCRIPT }, { "canvas", T_SCRIPT }, { "iframe", T_EMBED },
	{ "object", T_EMBED }, { "embed", T_EMBED }, { "video", T_EMBED },
	{ "audio", T_EMBED }, { "address", T_ADDRESS }, { "hr", T_HR },
	{ "dialog", T_NAV }, { "menu", T_NAV },
	{ "span", T_INLINE }, { "b", T_INLINE }, { "i", T_INLINE }, { "em", T_INLINE },
	{ "strong", T_INLINE }, { "font", T_INLINE }, { "small", T_INLINE },
	{ "big", T_INLINE }, { "u", T_INLINE }, { "s", T_INLINE }, { "sup", T_INLINE },
	{ "sub", T_INLINE }, { "q", T_INLINE }, { "cite", T_INLINE }, { "abbr", T_INLINE },
	{ "time", T_INLINE }, { "mark", T_INLINE }, { "code", T_INLINE },
	{ "strike", T_INLINE }, { "del", T_INLINE }, { "ins", T_INLINE },
	{ "tt", T_INLINE }, { "kbd", T_INLINE }, { "var", T_INLINE },
	{ "samp", T_INLINE }, { "dfn", T_INLINE }, { "label", T_INLINE },
	{ "wbr", T_INLINE }, { "nobr", T_INLINE }, { "bdi", T_INLINE },
	{ "bdo", T_INLINE }, { "data", T_INLINE },
};

/* Tenths of a paragraph's text in links that make it chrome. */
#define LINK_SHARE 6

/* Why a subtree is set aside. */
enum drop { D_KEEP, D_SILENT, D_CHROME, D_IMAGE, D_CREDIT };

/* What the extractor knows of one element. */
struct nstat {
	uint32_t text, link, commas;	/* text length, in links, commas (subtree) */
	uint32_t ptext, pcommas, plink;	/* the same, not inside nested blocks */
	uint32_t gtext;		/* text of paragraphs that are not links (subtree) */
	uint32_t nimg, np, nli, ninput, nembed, nhead;	/* counts in the subtree */
	float score;
	uint8_t tag, drop, cand, chosen, removed, unit;
	int8_t weight;		/* class and id: -25, 0 or 25 (and both) */
};

/* What the attempts may do; dropped one by one when little is found. */
enum { F_STRIP_UNLIKELY = 1, F_WEIGHT = 2, F_CLEAN = 4 };

/* One extraction. */
struct ex {
	htmlDocPtr doc;
	xmlNodePtr body;
	struct nstat *st;
	size_t nst;
	int flags;
	char *title;		/* the headline, or NULL */
	char *unit_title;	/* the headline of the story being written */
	char *url, *date;	/* the page's own link and date, or NULL */
	xmlNodePtr headline;	/* the element it came from, or NULL */
	struct sbuf buf;	/* the block being gathered */
	size_t buflink;		/* bytes of it inside links */
	enum line_kind kind;	/* and its kind */
	struct docbuild *out;
	int lines;		/* paragraphs written */
};

/* The stats of an element (NULL for other nodes). */
static inline struct nstat *ST(xmlNodePtr n)
{
	return n && n->type == XML_ELEMENT_NODE ? (struct nstat *)n->_private : NULL;
}

/* The tag of an element. */
static enum tag tag_of(xmlNodePtr n)
{
	struct nstat *s = ST(n);

	return s ? (enum tag)s->tag : T_SKIP;
}

/* Look up a tag name. */
static enum tag lookup_tag(const char *name)
{
	for (size_t i = 0; i < sizeof tag_names / sizeof tag_names[0]; i++)
		if (!strcasecmp(tag_names[i].name, name))
			return tag_names[i].t;
	return T_OTHER;
}

/* Whether a tag is phrasing content (does not end a block). */
static int is_inline(enum tag t)
{
	return t == T_A || t == T_INLINE || t == T_IMG || t == T_INPUT || t == T_EMBED ||
	       t == T_SCRIPT;
}

/* Whether a tag is a heading. */
static int is_heading(enum tag t)
{
	return t >= T_H1 && t <= T_H6;
}

/* The next node of a pre-order walk of root, into n's children if descend. */
static xmlNodePtr walk_next(xmlNodePtr n, xmlNodePtr root, int descend)
{
	if (descend && n->children)
		return n->children;
	while (n && n != root) {
		if (n->next)
			return n->next;
		n = n->parent;
	}
	return NULL;
}

/* Walk root's subtree: pre(n) before the children (returning whether to
 * go into them), post(n) after them; iterative. */
static void walk(xmlNodePtr root, int (*pre)(xmlNodePtr, struct ex *),
		 void (*post)(xmlNodePtr, struct ex *), struct ex *x)
{
	xmlNodePtr n = root;

	while (n) {
		if (pre(n, x) && n->children) {
			n = n->children;
			continue;
		}
		for (;;) {
			if (post)
				post(n, x);
			if (n == root)
				return;
			if (n->next) {
				n = n->next;
				break;
			}
			n = n->parent;
		}
	}
}

/* An attribute's value as a malloc'd string, or NULL. */
static char *attr(xmlNodePtr n, const char *name)
{
	for (xmlAttrPtr a = n->properties; a; a = a->next)
		if (a->name && !strcasecmp((const char *)a->name, name)) {
			xmlChar *v = xmlNodeListGetString(n->doc, a->children, 1);

			return v ? (char *)v : xstrdup("");
		}
	return NULL;
}

/* Whether any of words occurs in s (already lower case). */
static int has_any(const char *s, const char *const *words)
{
	for (; *words; words++)
		if (strstr(s, *words))
			return 1;
	return 0;
}

/* The lower-case class and id of an element, space-separated. */
static char *class_id(xmlNodePtr n)
{
	char *c = attr(n, "class"), *i = attr(n, "id");
	struct sbuf b = { 0 };

	sbuf_adds(&b, " ");
	if (c)
		sbuf_adds(&b, c);
	sbuf_adds(&b, " ");
	if (i)
		sbuf_adds(&b, i);
	sbuf_adds(&b, " ");
	for (size_t k = 0; k < b.n; k++)
		if (b.p[k] >= 'A' && b.p[k] <= 'Z')
			b.p[k] = (char)(b.p[k] + 32);
	xmlFree(c);
	xmlFree(i);
	return b.p;
}

static const char *const neg_words[] = {
	"hidden", "banner", "combx", "comment", "com-", "contact", "foot", "masthead",
	"media", "meta", "outbrain", "taboola", "promo", "related", "scroll", "share",
	"shoutbox", "sidebar", "skyscraper", "sponsor", "shopping", "tags", "tool",
	"widget", "gdpr", "newsletter", "subscribe", "recommend", "popular", NULL
};
static const char *const pos_words[] = {
	"article", "body", "content", "entry", "hentry", "h-entry", "main", "page",
	"post", "text", "blog", "story", NULL
};
static const char *const unlikely_words[] = {
	"-ad-", " ad ", " ads ", "ad-break", "advert", "agegate", "ai2html", "banner",
	"breadcrumb", "combx", "comment", "community", "cover-wrap", "disqus", "extra",
	"footer", "gdpr", "header", "legends", "menu", "related", "remark", "replies",
	"rss", "shoutbox", "sidebar", "skyscraper", "social", "sponsor", "supplemental",
	"pagination", "pager", "popup", "modal", "cookie", "newsletter", "subscribe",
	"share", "sharing", "recommend", "promo", "outbrain", "taboola", NULL
};
static const char *const maybe_words[] = {
	"and", "article", "body", "column", "content", "main", "shadow", NULL
};
static const char *const caption_words[] = { "caption", NULL };
static const char *const credit_words[] = { "credit", "copyright", "byline", NULL };

/* The class weight of an element from its class and id. */
static int class_weight(const char *ci)
{
	int w = 0;

	if (has_any(ci, neg_words))
		w -= 25;
	if (has_any(ci, pos_words))
		w += 25;
	return w;
}

/* Whether a style attribute hides the element. */
static int hidden_style(const char *style)
{
	char *s = xstrdup(style), *d = s;

	for (const char *p = style; *p; p++)
		if (*p != ' ')
			*d++ = (char)(*p >= 'A' && *p <= 'Z' ? *p + 32 : *p);
	*d = '\0';
	int h = strstr(s, "display:none") || strstr(s, "visibility:hidden");

	free(s);
	return h;
}

/* Whether an element's role names page chrome. */
static int chrome_role(xmlNodePtr n)
{
	static const char *const roles[] = {
		"navigation", "complementary", "contentinfo", "banner", "menu",
		"menubar", "dialog", "alertdialog", "search", NULL
	};
	char *r = attr(n, "role");
	int yes = 0;

	if (r)
		for (const char *const *p = roles; *p; p++)
			yes |= !strcasecmp(r, *p);
	xmlFree(r);
	return yes;
}

/* Whether n is inside an element of tag t. */
static int has_ancestor(xmlNodePtr n, enum tag t)
{
	for (n = n->parent; n && n->type == XML_ELEMENT_NODE; n = n->parent)
		if (tag_of(n) == t)
			return 1;
	return 0;
}

/* Decide what to set aside of an element: its tag, role, visibility,
 * class and id. */
static enum drop drop_of(xmlNodePtr n, struct nstat *s, const char *ci, int flags)
{
	enum tag t = (enum tag)s->tag;
	char *v;

	if (t == T_SCRIPT || t == T_EMBED || t == T_INPUT)
		return D_SILENT;
	if (t == T_NAV || t == T_ASIDE || t == T_FOOTER || t == T_HEADER)
		return D_CHROME;
	if (t == T_FIGURE || t == T_FIGCAPTION || t == T_PICTURE || t == T_IMG)
		return D_IMAGE;
	if ((v = attr(n, "hidden")) != NULL) {
		xmlFree(v);
		return D_SILENT;
	}
	if ((v = attr(n, "aria-hidden")) != NULL) {
		int h = !strcasecmp(v, "true");

		xmlFree(v);
		if (h)
			return D_SILENT;
	}
	if ((v = attr(n, "style")) != NULL) {
		int h = hidden_style(v);

		xmlFree(v);
		if (h)
			return D_SILENT;
	}
	if (t == T_BODY || t == T_A || t == T_ARTICLE || t == T_MAIN)
		return D_KEEP;
	if (chrome_role(n))
		return D_CHROME;
	if (has_any(ci, caption_words))
		return D_IMAGE;
	if (has_any(ci, credit_words))
		return D_CREDIT;
	if ((flags & F_STRIP_UNLIKELY) && has_any(ci, unlikely_words) &&
	    !has_any(ci, maybe_words) && !has_ancestor(n, T_TABLE))
		return D_CHROME;
	return D_KEEP;
}

/* Pre-order: name each element, set aside what is never article text. */
static int mark_pre(xmlNodePtr n, struct ex *x)
{
	struct nstat *s = ST(n);

	if (!s)
		return 0;
	memset(s, 0, sizeof *s);
	s->tag = (uint8_t)lookup_tag((const char *)n->name);
	char *ci = class_id(n);

	s->weight = (x->flags & F_WEIGHT) ? (int8_t)class_weight(ci) : 0;
	s->drop = (uint8_t)drop_of(n, s, ci, x->flags);
	if (is_inline((enum tag)s->tag) && s->drop == D_CHROME)
		s->drop = D_KEEP;	/* a link or span named "share-x" inside text */
	free(ci);
	return s->drop == D_KEEP;
}

/* Length of text as it will read: runs of white space count one. */
static void text_len(const xmlChar *t, uint32_t *len, uint32_t *commas)
{
	int space = 1;

	for (; *t; t++) {
		unsigned c = *t;

		if (c == ' ' || c == '\n' || c == '\t' || c == '\r' || c == '\f') {
			if (!space)
				(*len)++;
			space = 1;
			continue;
		}
		space = 0;
		if ((c & 0xC0) != 0x80)
			(*len)++;
		if (c == ',')
			(*commas)++;
	}
}

/* Post-order: add an element's or a text's figures to its parent's. */
static void stats_post(xmlNodePtr n, struct ex *x)
{
	struct nstat *p = ST(n->parent), *s = ST(n);

	(void)x;
	if (!p)
		return;
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		uint32_t len = 0, commas = 0;

		if (n->content)
			text_len(n->content, &len, &commas);
		p->text += len;
		p->ptext += len;
		p->commas += commas;
		p->pcommas += commas;
		if (p->tag == T_A) {
			p->link += len;
			p->plink += len;
		}
		return;
	}
	if (!s)
		return;
	enum tag t = (enum tag)s->tag;

	p->nimg += s->nimg + (t == T_IMG);
	p->nembed += s->nembed + (t == T_EMBED);
	p->ninput += s->ninput + (t == T_INPUT);
	if (s->drop != D_KEEP)
		return;
	p->np += s->np + (t == T_P);
	p->nli += s->nli + (t == T_LI);
	p->nhead += s->nhead + is_heading(t);
	p->text += s->text;
	p->commas += s->commas;
	p->link += t == T_A ? s->text : s->link;
	if (is_inline(t)) {
		p->ptext += s->ptext;
		p->pcommas += s->pcommas;
		p->plink += t == T_A ? s->ptext : s->plink;
	}
	p->gtext += s->gtext;
	if (!is_inline(t) && !is_heading(t) && s->ptext >= 25 && s->plink * 4 < s->ptext)
		p->gtext += s->ptext;
}

/* Pre-order for the figures: all nodes, not into what is set aside. */
static int stats_pre(xmlNodePtr n, struct ex *x)
{
	struct nstat *s = ST(n);

	(void)x;
	return s && s->drop == D_KEEP;
}

/* Link density of an element. */
static double link_density(const struct nstat *s)
{
	return s->text ? (double)s->link / s->text : 0;
}

/* Make an element a candidate with its starting score. */
static void init_candidate(struct nstat *s)
{
	if (s->cand)
		return;
	s->cand = 1;
	switch ((enum tag)s->tag) {
	case T_DIV: s->score = 5; break;
	case T_PRE: case T_TD: case T_BLOCKQUOTE: s->score = 3; break;
	case T_ADDRESS: case T_OL: case T_UL: case T_DL: case T_DD: case T_DT:
	case T_LI: case T_FORM: s->score = -3; break;
	case T_H1: case T_H2: case T_H3: case T_H4: case T_H5: case T_H6:
	case T_TH: s->score = -5; break;
	default: s->score = 0;
	}
	s->score += s->weight;
}

/* Pre-order: each paragraph of text scores its ancestors. */
static int score_pre(xmlNodePtr n, struct ex *x)
{
	struct nstat *s = ST(n);

	(void)x;
	if (!s || s->drop != D_KEEP)
		return 0;
	if (is_inline((enum tag)s->tag) || is_heading((enum tag)s->tag) || s->ptext < 25)
		return 1;
	double add = 1 + s->pcommas + (s->ptext / 100 < 3 ? s->ptext / 100 : 3);
	enum tag t = (enum tag)s->tag;
	/* a box holding both text and blocks: its text is a paragraph of its
	 * own inside it, as if wrapped in <p> */
	xmlNodePtr a = t != T_P && t != T_PRE && t != T_TD && s->ptext < s->text ? n : n->parent;

	for (int level = 0; level < 5 && a && ST(a) && a->parent &&
	     a->parent->type == XML_ELEMENT_NODE; level++, a = a->parent) {
		struct nstat *as = ST(a);

		init_candidate(as);
		as->score += (float)(add / (level == 0 ? 1 : level == 1 ? 2 : level * 3));
	}
	return 1;
}

/* Pre-order: scale each candidate's score by the share of its text that
 * is not links, and keep the best in x->headline's place (reused). */
static xmlNodePtr best_candidate(struct ex *x, xmlNodePtr *top5, int k)
{
	xmlNodePtr n = x->body;
	int found = 0;

	for (int i = 0; i < k; i++)
		top5[i] = NULL;
	while (n) {
		struct nstat *s = ST(n);
		int descend = s && s->drop == D_KEEP;

		if (s && s->cand) {
			s->score *= (float)(1 - link_density(s));
			for (int i = 0; i < k; i++)
				if (!top5[i] || ST(top5[i])->score < s->score) {
					memmove(top5 + i + 1, top5 + i, (size_t)(k - i - 1) * sizeof *top5);
					top5[i] = n;
					found = 1;
					break;
				}
		}
		n = walk_next(n, x->body, descend);
	}
	return found ? top5[0] : NULL;
}

/* Whether a is an ancestor of (or is) n. */
static int contains(xmlNodePtr a, xmlNodePtr n)
{
	for (; n; n = n->parent)
		if (n == a)
			return 1;
	return 0;
}

/* Move up from the top candidate where Readability does: to a common
 * ancestor of several near-best candidates, and out of only children. */
static xmlNodePtr refine_top(struct ex *x, xmlNodePtr top, xmlNodePtr *top5, int k)
{
	float best = ST(top)->score;
	xmlNodePtr alt[5];
	int nalt = 0;

	for (int i = 1; i < k && top5[i]; i++)
		if (ST(top5[i])->score / best >= 0.75f && nalt < 5)
			alt[nalt++] = top5[i];
	if (nalt >= 3) {
		for (xmlNodePtr p = top->parent; p && ST(p) && p != x->body; p = p->parent) {
			int in = 0;

			for (int i = 0; i < nalt; i++)
				in += contains(p, alt[i]);
			if (in >= 3) {
				top = p;
				break;
			}
		}
	}
	init_candidate(ST(top));
	/* a parent that scores better holds more of the article */
	for (xmlNodePtr p = top->parent; p && ST(p) && p != x->body; p = p->parent) {
		struct nstat *ps = ST(p);

		if (!ps->cand)
			continue;
		if (ps->score < ST(top)->score / 3)
			break;
		if (ps->score > ST(top)->score) {
			top = p;
			break;
		}
	}
	while (top->parent && ST(top->parent) && top->parent != x->body &&
	       xmlChildElementCount(top->parent) == 1)
		top = top->parent;
	/* an article cut in chunks: go up (a few levels at a time) while that
	 * takes in much more text in paragraphs and few more links */
	for (xmlNodePtr p = top->parent; p && p != x->body && ST(p) && ST(p)->drop == D_KEEP;
	     p = p->parent) {
		int lvl = 0;

		for (xmlNodePtr q = top; q != p; q = q->parent)
			lvl++;
		if (lvl > 4)
			break;
		if (ST(p)->gtext >= ST(top)->gtext * 1.6 + 200 && link_density(ST(p)) < 0.2)
			top = p;
	}
	return top;
}

/* The text of a subtree, cleaned, as a malloc'd string. */
static char *node_text(xmlNodePtr n)
{
	xmlChar *c = xmlNodeGetContent(n);
	struct sbuf b = { 0 };

	markup_clean_text(&b, c ? (const char *)c : "", c ? strlen((const char *)c) : 0);
	xmlFree(c);
	return b.p;
}

/* The text of a subtree with a space where each element starts (so that
 * list items do not run together), cleaned, as a malloc'd string. */
static char *spaced_text(xmlNodePtr root)
{
	struct sbuf raw = { 0 }, b = { 0 };
	int descend = 1;

	for (xmlNodePtr n = root; n && raw.n < 4000; n = walk_next(n, root, descend)) {
		enum tag t = n->type == XML_ELEMENT_NODE ?
			     lookup_tag((const char *)n->name) : T_SKIP;

		descend = t != T_SKIP && t != T_SCRIPT;	/* a script's text is not shown */
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
			sbuf_adds(&raw, (const char *)n->content);
		else if (t != T_SKIP && n != root && (!is_inline(t) || t == T_BR))
			sbuf_addc(&raw, ' ');
	}
	markup_clean_text(&b, raw.p ? raw.p : "", raw.n);
	sbuf_free(&raw);
	return b.p;
}

/* Whether the text of a paragraph ends a sentence. */
static int ends_sentence(xmlNodePtr n)
{
	char *t = node_text(n);
	size_t k = strlen(t);
	int yes = k > 0 && (t[k - 1] == '.' || strstr(t, ". "));

	free(t);
	return yes;
}

/* Choose the article: the top candidate and its siblings that score
 * near it or read as paragraphs. */
static void choose_siblings(xmlNodePtr top)
{
	struct nstat *ts = ST(top);
	double threshold = ts->score * 0.2 > 10 ? ts->score * 0.2 : 10;

	ts->chosen = 1;
	if (!top->parent || !ST(top->parent))
		return;
	for (xmlNodePtr s = top->parent->children; s; s = s->next) {
		struct nstat *ss = ST(s);

		if (!ss || s == top || ss->drop != D_KEEP)
			continue;
		if (ss->cand && ss->score >= threshold) {
			ss->chosen = 1;
			continue;
		}
		if (ss->tag != T_P)
			continue;
		double ld = link_density(ss);

		if ((ss->text > 80 && ld < 0.25) ||
		    (ss->text > 0 && ss->text <= 80 && ld == 0 && ends_sentence(s)))
			ss->chosen = 1;
	}
}

/* Whether a box inside the article looks like a widget or a link list
 * rather than text (Readability's conditional cleaning). */
static int junk_box(xmlNodePtr n, const struct nstat *s)
{
	enum tag t = (enum tag)s->tag;
	int is_list = t == T_UL || t == T_OL;
	double ld = link_density(s);
	double score = s->cand ? s->score : 0;

	if (s->weight + score < 0)
		return 1;
	if (s->commas >= 10)
		return 0;
	uint32_t p = s->np, li = s->nli > 100 ? s->nli - 100 : 0;

	if (s->nimg > 1 && (double)p / s->nimg < 0.5 && !has_ancestor(n, T_FIGURE))
		return 1;
	if (!is_list && li > p)
		return 1;
	if (s->ninput > p / 3)
		return 1;
	if (!is_list && s->text < 25 && (s->nimg == 0 || s->nimg > 2))
		return 1;
	if (!is_list && s->weight < 25 && ld > 0.2)
		return 1;
	if (s->weight >= 25 && ld > 0.5)
		return 1;
	if ((s->nembed == 1 && s->text < 75) || s->nembed > 1)
		return 1;
	if (is_list && ld > 0.5)
		return 1;
	return 0;
}

/* Pre-order inside the article: mark boxes to leave out. */
static int clean_pre(xmlNodePtr n, struct ex *x)
{
	struct nstat *s = ST(n);

	(void)x;
	if (!s || s->drop != D_KEEP)
		return 0;
	enum tag t = (enum tag)s->tag;

	if (!s->chosen && (x->flags & F_CLEAN) &&
	    (t == T_DIV || t == T_SECTION || t == T_UL || t == T_OL || t == T_TABLE ||
	     t == T_OTHER) && junk_box(n, s)) {
		s->removed = 1;
		return 0;
	}
	if (is_heading(t) && s->weight < 0) {
		s->removed = 1;
		return 0;
	}
	return 1;
}

/* Lower-case letters and digits of s only, for comparing headlines. */
static char *squash(const char *s)
{
	size_t n = strlen(s);
	char *o = xmalloc(n + 1), *d = o;

	for (; *s; s++) {
		unsigned char c = (unsigned char)*s;

		if (c >= 'A' && c <= 'Z')
			*d++ = (char)(c + 32);
		else if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c >= 0x80)
			*d++ = (char)c;
	}
	*d = '\0';
	return o;
}

/* Whether text is the headline (or the headline with the site's name). */
/* Whether text is the headline title (or it with the site's name). */
static int same_headline(const char *title, const char *text)
{
	if (!title)
		return 0;
	char *a = squash(text), *b = squash(title);
	size_t na = strlen(a), nb = strlen(b);
	int yes = na > 0 && (!strcmp(a, b) || (na >= 15 && strstr(b, a)) ||
			     (nb >= 15 && na < nb * 2 && strstr(a, b)));

	free(a);
	free(b);
	return yes;
}

/* Whether text is a headline of the page or of the story being written. */
static int is_headline(const struct ex *x, const char *text)
{
	return same_headline(x->title, text) || same_headline(x->unit_title, text);
}

/* Write the gathered block as a line. */
static void flush_block(struct ex *x)
{
	if (x->buf.n) {
		struct sbuf c = { 0 };

		/* a paragraph that is mostly links is a link list or a teaser */
		if (x->kind == LK_PARAGRAPH && x->buflink * 10 >= x->buf.n * LINK_SHARE)
			x->kind = LK_CHROME;

		markup_clean_text(&c, x->buf.p, x->buf.n);
		if (c.n && !(x->kind != LK_PARAGRAPH && x->kind != LK_HEADING) &&
		    is_headline(x, c.p)) {
			/* the headline is the title, not reading text */
		} else if (c.n) {
			docbuild_line(x->out, c.p, c.n, x->kind);
			x->lines += x->kind == LK_PARAGRAPH;
		}
		sbuf_free(&c);
	}
	sbuf_reset(&x->buf);
	x->buflink = 0;
	x->kind = LK_PARAGRAPH;
}

/* The kind of line a set-aside element gives. */
static enum line_kind drop_kind(enum drop d)
{
	return d == D_IMAGE ? LK_IMAGE : d == D_CREDIT ? LK_CREDIT : LK_CHROME;
}

/* Emit a set-aside element inside the article as stripped lines. */
static void emit_stripped(struct ex *x, xmlNodePtr n, enum line_kind k)
{
	char *t = spaced_text(n), *alt = NULL;

	flush_block(x);
	if (!*t && tag_of(n) == T_IMG && (alt = attr(n, "alt")) != NULL) {
		free(t);
		t = xstrdup(alt);	/* an image without a caption: its text */
		xmlFree(alt);
	}
	if (*t && strlen(t) < 2000) {
		x->kind = k;
		sbuf_adds(&x->buf, t);
		flush_block(x);
	}
	free(t);
}

/* A story of a page of several begins at unit n: its own item, titled
 * with its first heading (kept out of the lines). */
static void start_unit(struct ex *x, xmlNodePtr n)
{
	xmlNodePtr h = n;

	flush_block(x);
	while ((h = walk_next(h, n, 1)) != NULL && !is_heading(tag_of(h)))
		;
	free(x->unit_title);
	x->unit_title = h ? node_text(h) : NULL;
	docbuild_item(x->out, x->unit_title, x->url, NULL);
}

/* Whether a text node is inside a link (within its block). */
static int in_link(xmlNodePtr n)
{
	for (n = n->parent; n && ST(n) && is_inline(tag_of(n)); n = n->parent)
		if (tag_of(n) == T_A)
			return 1;
	return 0;
}

/* Pre-order of the text walk: blocks end lines, headings and set-aside
 * parts are marked. */
static int emit_pre(xmlNodePtr n, struct ex *x)
{
	if (n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) {
		if (n->content) {
			size_t before = x->buf.n;

			sbuf_adds(&x->buf, (const char *)n->content);
			if (in_link(n))
				x->buflink += x->buf.n - before;
		}
		return 0;
	}
	struct nstat *s = ST(n);

	if (!s)
		return 0;
	enum tag t = (enum tag)s->tag;

	if (s->drop == D_SILENT)
		return 0;
	if (s->drop != D_KEEP || s->removed) {
		emit_stripped(x, n, s->removed ? LK_CHROME : drop_kind((enum drop)s->drop));
		return 0;
	}
	if (t == T_BR) {
		sbuf_addc(&x->buf, ' ');
		return 0;
	}
	if (s->unit)
		start_unit(x, n);
	if (!is_inline(t)) {
		flush_block(x);
		if (is_heading(t))
			x->kind = LK_HEADING;
	}
	return 1;
}

/* Post-order of the text walk: a block's end ends its line. */
static void emit_post(xmlNodePtr n, struct ex *x)
{
	struct nstat *s = ST(n);

	if (s && !is_inline((enum tag)s->tag))
		flush_block(x);
}

/* The content of the first <meta> whose property or name is key. */
static char *meta(struct ex *x, const char *key)
{
	xmlNodePtr root = xmlDocGetRootElement(x->doc);

	for (xmlNodePtr n = root; n; n = walk_next(n, root, 1)) {
		if (n->type != XML_ELEMENT_NODE || strcasecmp((const char *)n->name, "meta"))
			continue;
		char *p = attr(n, "property"), *nm = attr(n, "name");
		int hit = (p && !strcasecmp(p, key)) || (nm && !strcasecmp(nm, key));

		xmlFree(p);
		xmlFree(nm);
		if (hit) {
			char *c = attr(n, "content");
			struct sbuf b = { 0 };

			if (!c)
				continue;
			markup_clean_text(&b, c, strlen(c));
			xmlFree(c);
			if (b.n)
				return b.p;
			sbuf_free(&b);
		}
	}
	return NULL;
}

/* The first element named name in the document, or NULL. */
static xmlNodePtr find_tag(xmlNodePtr root, const char *name)
{
	for (xmlNodePtr n = root; n; n = walk_next(n, root, 1))
		if (n->type == XML_ELEMENT_NODE && !strcasecmp((const char *)n->name, name))
			return n;
	return NULL;
}

/* The headline: the first h1 that the page's og:title or <title> holds,
 * else og:title, else <title> without the site's name. */
static void find_title(struct ex *x)
{
	xmlNodePtr root = xmlDocGetRootElement(x->doc), t;
	char *og = meta(x, "og:title"), *tt = NULL, *h1 = NULL;

	if (!og)
		og = meta(x, "twitter:title");
	if ((t = find_tag(root, "title")) != NULL)
		tt = node_text(t);
	for (xmlNodePtr n = x->body; n; n = walk_next(n, x->body, 1)) {
		if (n->type != XML_ELEMENT_NODE || tag_of(n) != T_H1)
			continue;
		char *h = node_text(n), *sh = squash(h), *so = squash(og ? og : ""),
		     *st = squash(tt ? tt : "");
		int ok = *sh && ((*so && strstr(so, sh)) || (*st && strstr(st, sh)) ||
				 (*so && strstr(sh, so)));

		free(sh);
		free(so);
		free(st);
		if (ok) {
			h1 = h;
			x->headline = n;
			break;
		}
		free(h);
	}
	if (!h1 && (t = find_tag(x->body, "h1")) != NULL) {
		/* a page with one h1: that is its headline */
		xmlNodePtr n = walk_next(t, x->body, 0);

		for (; n && !(n->type == XML_ELEMENT_NODE && tag_of(n) == T_H1);
		     n = walk_next(n, x->body, 1))
			;
		if (!n) {
			h1 = node_text(t);
			x->headline = t;
		}
	}
	if (h1)
		x->title = h1;
	else if (og)
		x->title = xstrdup(og);
	else if (tt && *tt) {
		/* "Headline | Site" or "Headline - Site" */
		char *cut = NULL;

		for (const char *sep = " | \0 - \0 \xE2\x80\x93 \0 \xE2\x80\x94 \0 :: \0";
		     *sep; sep += strlen(sep) + 1) {
			char *c = strstr(tt, sep);

			if (c && (!cut || c < cut))
				cut = c;
		}
		if (cut && bstr_words((struct bstr){ tt, (size_t)(cut - tt) }, 3) >= 3)
			*cut = '\0';
		x->title = xstrdup(tt);
	}
	free(og);
	free(tt);
}

/* The href of the first <link rel=canonical>, or NULL (malloc'd). */
static char *canonical(xmlNodePtr root)
{
	for (xmlNodePtr n = root; n; n = walk_next(n, root, 1)) {
		if (n->type != XML_ELEMENT_NODE || strcasecmp((const char *)n->name, "link"))
			continue;
		char *rel = attr(n, "rel"), *href = rel && !strcasecmp(rel, "canonical") ?
						      attr(n, "href") : NULL;

		xmlFree(rel);
		if (href && *href) {
			struct sbuf b = { 0 };

			markup_clean_text(&b, href, strlen(href));
			xmlFree(href);
			return b.p;
		}
		xmlFree(href);
	}
	return NULL;
}

/* The page's link (og:url, else the canonical link) and publication date
 * (article:published_time and its kin, else the first <time datetime>). */
static void find_source(struct ex *x)
{
	static const char *const dates[] = {
		"article:published_time", "og:published_time", "datePublished",
		"pubdate", "publishdate", "date", "dc.date", "DC.date.issued", NULL
	};
	xmlNodePtr root = xmlDocGetRootElement(x->doc);

	x->url = meta(x, "og:url");
	if (!x->url)
		x->url = canonical(root);
	for (const char *const *k = dates; *k && !x->date; k++)
		x->date = meta(x, *k);
	for (xmlNodePtr n = x->body; n && !x->date; n = walk_next(n, x->body, 1)) {
		char *dt;

		if (n->type != XML_ELEMENT_NODE || strcasecmp((const char *)n->name, "time") ||
		    (dt = attr(n, "datetime")) == NULL)
			continue;
		struct sbuf b = { 0 };

		markup_clean_text(&b, dt, strlen(dt));
		xmlFree(dt);
		if (b.n)
			x->date = b.p;
		else
			sbuf_free(&b);
	}
}

/* Give each element of the page its figures' slot. */
static void attach_stats(struct ex *x)
{
	xmlNodePtr root = xmlDocGetRootElement(x->doc);
	size_t n = 0;

	for (xmlNodePtr e = root; e; e = walk_next(e, root, 1))
		n += e->type == XML_ELEMENT_NODE;
	x->st = xcalloc(n ? n : 1, sizeof *x->st);
	x->nst = n;
	n = 0;
	for (xmlNodePtr e = root; e; e = walk_next(e, root, 1))
		if (e->type == XML_ELEMENT_NODE)
			e->_private = &x->st[n++];
}

/* Mark, measure and score the page with the attempt's flags. */
static void analyse(struct ex *x)
{
	memset(x->st, 0, x->nst * sizeof *x->st);
	walk(x->body, mark_pre, NULL, x);
	walk(x->body, stats_pre, stats_post, x);
	walk(x->body, score_pre, NULL, x);
}

/* Write the chosen parts of the page as lines; returns the words of
 * reading text written. */
/* Mark the stories of a page that holds several (a live page, an index):
 * two or more <article> elements with a heading each and paragraphs,
 * holding most of the article's paragraph text, each become a story. */
static void find_units(xmlNodePtr top)
{
	xmlNodePtr units[256];
	size_t n = 0, in_units = 0, total = 0;

	for (xmlNodePtr s = top->parent ? top->parent->children : top; s; s = s->next) {
		struct nstat *ss = ST(s);

		if (!ss || !ss->chosen)
			continue;
		total += ss->gtext;
		for (xmlNodePtr e = s; e; ) {
			struct nstat *es = ST(e);
			int unit = es && es->tag == T_ARTICLE && es->drop == D_KEEP &&
				   es->gtext >= 200 && es->nhead > 0;

			if (unit && n < sizeof units / sizeof units[0]) {
				units[n++] = e;
				in_units += es->gtext;
			}
			e = walk_next(e, s, !unit && es && es->drop == D_KEEP);
		}
		if (!top->parent)
			break;
	}
	if (n >= 2 && in_units * 10 >= total * 6)
		for (size_t i = 0; i < n; i++)
			ST(units[i])->unit = 1;
}

static size_t emit_article(struct ex *x, xmlNodePtr top)
{
	size_t words = 0, first = x->out->d->nlines;

	x->kind = LK_PARAGRAPH;
	x->lines = 0;
	find_units(top);
	for (xmlNodePtr s = top->parent ? top->parent->children : top; s; s = s->next) {
		struct nstat *ss = ST(s);

		if (!ss || !ss->chosen)
			continue;
		walk(s, clean_pre, NULL, x);
		walk(s, emit_pre, emit_post, x);
		flush_block(x);
		if (!top->parent)
			break;
	}
	for (size_t i = first; i < x->out->d->nlines; i++)
		if (x->out->d->lines[i].kind == LK_PARAGRAPH)
			words += bstr_words((struct bstr){ x->out->text.p + x->out->d->lines[i].off,
							   x->out->d->lines[i].len }, SIZE_MAX);
	return words;
}

/* Drop the lines written since line first (a failed attempt). */
static void unwind(struct docbuild *b, size_t first)
{
	struct doc *d = b->d;

	if (first >= d->nlines)
		return;
	b->text.n = d->lines[first].off;
	if (b->text.n && first)
		b->text.n--;	/* the blank line before it */
	if (first == 0)
		b->text.n = 0;
	b->text.p[b->text.n] = '\0';
	b->lineno = first ? doc_lineno(d, first - 1) + 1 : 1;
	doc_cut_lines(d, first);
	while (d->nitems && d->items[d->nitems - 1].first >= first) {
		struct doc_item *it = &d->items[--d->nitems];

		free(it->title);
		free(it->url);
		free(it->date);
	}
}

/* One attempt at the article with flags; returns the words found. */
static size_t attempt(struct ex *x, int flags)
{
	xmlNodePtr top5[5], top;

	x->flags = flags;
	free(x->unit_title);
	x->unit_title = NULL;
	analyse(x);
	top = best_candidate(x, top5, 5);
	if (!top)
		top = x->body;
	else
		top = refine_top(x, top, top5, 5);
	choose_siblings(top);
	return emit_article(x, top);
}

/* Parse a page; the body element or NULL. */
static htmlDocPtr parse_page(const char *p, size_t n)
{
	const char *enc = u8_check((const uint8_t *)p, n) ? NULL : "UTF-8";
	int opts = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING |
		   HTML_PARSE_NONET | HTML_PARSE_COMPACT;

	if (n > INT32_MAX)
		return NULL;
	return htmlReadMemory(p, (int)n, NULL, enc, opts);
}

/* Extract the article of a parsed page into b. */
static void extract(struct ex *x, struct docbuild *b)
{
	static const int tries[] = {
		F_STRIP_UNLIKELY | F_WEIGHT | F_CLEAN, F_WEIGHT | F_CLEAN, F_CLEAN, 0
	};
	size_t first = b->d->nlines, best_words = 0;
	int best = 0;

	x->out = b;
	attach_stats(x);
	find_title(x);
	find_source(x);
	for (size_t i = 0; i < sizeof tries / sizeof tries[0]; i++) {
		docbuild_item(b, x->title, x->url, x->date);
		size_t w = attempt(x, tries[i]);

		if (w >= 80)
			return;
		if (w > best_words || i == 0) {
			best_words = w;
			best = tries[i];
		}
		unwind(b, first);
	}
	docbuild_item(b, x->title, x->url, x->date);
	attempt(x, best);
}

/* Clear the figures' slots before libxml2 frees the tree. */
static void detach_stats(struct ex *x)
{
	xmlNodePtr root = xmlDocGetRootElement(x->doc);

	for (xmlNodePtr e = root; e; e = walk_next(e, root, 1))
		if (e->type == XML_ELEMENT_NODE)
			e->_private = NULL;
	free(x->st);
	free(x->title);
	free(x->unit_title);
	free(x->url);
	free(x->date);
	sbuf_free(&x->buf);
}

struct doc *html_read(const char *name, const char *p, size_t n,
		      char *err, size_t errlen)
{
	struct docbuild b;
	struct ex x = { 0 };

	(void)err;
	(void)errlen;
	docbuild_begin(&b, name, SRC_HTML);
	x.doc = parse_page(p, n);
	if (!x.doc || !xmlDocGetRootElement(x.doc)) {	/* nothing in it */
		if (x.doc)
			xmlFreeDoc(x.doc);
		return docbuild_end(&b);
	}
	x.body = find_tag(xmlDocGetRootElement(x.doc), "body");
	if (!x.body)
		x.body = xmlDocGetRootElement(x.doc);
	extract(&x, &b);
	detach_stats(&x);
	xmlFreeDoc(x.doc);
	return docbuild_end(&b);
}

void html_fragment(struct docbuild *b, const char *p, size_t n, const char *title)
{
	struct ex x = { 0 };

	x.title = title && *title ? xstrdup(title) : NULL;

	x.doc = parse_page(p, n);
	if (!x.doc || !xmlDocGetRootElement(x.doc)) {
		if (x.doc)
			xmlFreeDoc(x.doc);
		free(x.title);
		return;
	}
	x.body = find_tag(xmlDocGetRootElement(x.doc), "body");
	if (!x.body)
		x.body = xmlDocGetRootElement(x.doc);
	x.out = b;
	attach_stats(&x);
	x.flags = 0;
	analyse(&x);
	ST(x.body)->chosen = 1;
	x.kind = LK_PARAGRAPH;
	walk(x.body, emit_pre, emit_post, &x);
	flush_block(&x);
	detach_stats(&x);
	xmlFreeDoc(x.doc);
}
