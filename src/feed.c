/* SPDX-License-Identifier: MIT */
/* feed.c - RSS 2.0, RSS 1.0 (RDF) and Atom 1.0 feeds: each item or entry
 * a story with its title, link and date; its content (content:encoded,
 * Atom content, else the description or summary) cleaned as a page's
 * article is.
 *
 * Safe by construction: a feed that declares entities is refused before
 * parsing (that is every "billion laughs" and external-entity attack, and
 * no real feed needs one); the parser is told to use no network, to load
 * no DTD and to substitute no entities, and it keeps its default limits
 * on depth and entity amplification (no XML_PARSE_HUGE). */
#include <config.h>

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlerror.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "feed.h"
#include "html.h"
#include "markup.h"
#include "xmalloc.h"

#define NS_CONTENT "http://purl.org/rss/1.0/modules/content/"

/* What one item or entry says. */
struct item {
	xmlNodePtr title, link, content, summary, date;
	char *href;		/* an Atom link's href, owned */
};

/* Whether n is an element whose local name is name. */
static int named(xmlNodePtr n, const char *name)
{
	return n && n->type == XML_ELEMENT_NODE && n->name &&
	       !strcasecmp((const char *)n->name, name);
}

/* The value of attribute name of n (xmlFree it), or NULL. */
static char *prop(xmlNodePtr n, const char *name)
{
	return (char *)xmlGetNoNsProp(n, (const xmlChar *)name);
}

/* The text of an element's text and CDATA children (and theirs), cleaned,
 * malloc'd; never expands entities. */
static char *text_of(xmlNodePtr e)
{
	struct sbuf raw = { 0 }, b = { 0 };

	for (xmlNodePtr n = e ? e->children : NULL; n;) {
		if ((n->type == XML_TEXT_NODE || n->type == XML_CDATA_SECTION_NODE) && n->content)
			sbuf_adds(&raw, (const char *)n->content);
		if (n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != e && !n->next)
			n = n->parent;
		n = n && n != e ? n->next : NULL;
	}
	markup_clean_text(&b, raw.p ? raw.p : "", raw.n);
	sbuf_free(&raw);
	return b.p;
}

/* The raw text of an element (text and CDATA children), malloc'd. */
static char *raw_of(xmlNodePtr e, size_t *n)
{
	struct sbuf raw = { 0 };

	sbuf_add(&raw, "", 0);
	for (xmlNodePtr c = e->children; c; c = c->next)
		if ((c->type == XML_TEXT_NODE || c->type == XML_CDATA_SECTION_NODE) && c->content)
			sbuf_adds(&raw, (const char *)c->content);
	*n = raw.n;
	return raw.p;
}

/* Note one child of an item in it. */
static void take_child(struct item *it, xmlNodePtr c)
{
	const char *ns = c->ns && c->ns->href ? (const char *)c->ns->href : "";

	if (named(c, "title") && !it->title)
		it->title = c;
	else if (named(c, "encoded") && !strcmp(ns, NS_CONTENT))
		it->content = c;
	else if (named(c, "content") && !it->content)
		it->content = c;
	else if ((named(c, "description") || named(c, "summary")) && !it->summary)
		it->summary = c;
	else if ((named(c, "pubDate") || named(c, "date") || named(c, "published") ||
		  named(c, "issued")) && !it->date)
		it->date = c;
	else if (named(c, "updated") || named(c, "modified")) {
		if (!it->date)
			it->date = c;
	} else if (named(c, "link")) {
		char *href = prop(c, "href"), *rel = prop(c, "rel");

		if (href && (!rel || !strcmp(rel, "alternate")) && !it->href) {
			struct sbuf b = { 0 };

			markup_clean_text(&b, href, strlen(href));
			it->href = b.p;
		}
		else if (!href && !it->link)
			it->link = c;
		xmlFree(href);
		xmlFree(rel);
	} else if (named(c, "guid") && !it->link) {
		char *perma = prop(c, "isPermaLink");

		if (!perma || strcmp(perma, "false"))
			it->link = c;
		xmlFree(perma);
	}
}

/* Plain text as lines: one a paragraph, split at line ends. */
static void plain_lines(struct docbuild *b, const char *s, size_t n)
{
	while (n) {
		const char *nl = memchr(s, '\n', n);
		size_t k = nl ? (size_t)(nl - s) : n;

		docbuild_line(b, s, k, LK_PARAGRAPH);
		s += k;
		n -= k;
		if (n) {
			s++;
			n--;
		}
	}
}

/* Append an item's content (or summary) as lines. */
static void content_lines(struct docbuild *b, xmlNodePtr c, const char *title)
{
	char *type = prop(c, "type");
	size_t n;

	if (type && !strcasecmp(type, "xhtml")) {
		/* Atom xhtml: the markup itself, serialised and read as HTML */
		xmlBufferPtr buf = xmlBufferCreate();

		for (xmlNodePtr k = c->children; k; k = k->next)
			xmlNodeDump(buf, c->doc, k, 0, 0);
		html_fragment(b, (const char *)xmlBufferContent(buf),
			      (size_t)xmlBufferLength(buf), title);
		xmlBufferFree(buf);
	} else {
		char *raw = raw_of(c, &n);

		if (type && (!strcasecmp(type, "text") || !strcasecmp(type, "text/plain")))
			plain_lines(b, raw, n);
		else
			html_fragment(b, raw, n, title);
		free(raw);
	}
	xmlFree(type);
}

/* Append one item or entry as an item of the document. */
static void add_item(struct docbuild *b, xmlNodePtr e)
{
	struct item it = { 0 };
	char *title, *url, *date;
	size_t before = b->d->nlines;

	for (xmlNodePtr c = e->children; c; c = c->next)
		if (c->type == XML_ELEMENT_NODE)
			take_child(&it, c);
	title = it.title ? text_of(it.title) : xstrdup("");
	url = it.href ? xstrdup(it.href) : it.link ? text_of(it.link) : xstrdup("");
	date = it.date ? text_of(it.date) : xstrdup("");
	docbuild_item(b, *title ? title : NULL, *url ? url : NULL, *date ? date : NULL);
	if (it.content)
		content_lines(b, it.content, title);
	if (b->d->nlines == before && it.summary)
		content_lines(b, it.summary, title);
	if (b->d->nlines == before) {	/* nothing to read: the link, else the title */
		const char *s = *url ? url : *title ? title : "(no text)";

		docbuild_line(b, s, strlen(s), LK_PARAGRAPH);
	}
	free(title);
	free(url);
	free(date);
	free(it.href);
}

/* Whether the root element is a feed's. */
static int is_feed_root(xmlNodePtr r)
{
	return named(r, "rss") || named(r, "RDF") || named(r, "feed");
}

/* Append every item and entry of the feed, in order. */
static void add_items(struct docbuild *b, xmlNodePtr root)
{
	xmlNodePtr n = root;

	while (n) {
		int item = named(n, "item") || named(n, "entry");

		if (item)
			add_item(b, n);
		if (!item && n->type == XML_ELEMENT_NODE && n->children) {
			n = n->children;
			continue;
		}
		while (n && n != root && !n->next)
			n = n->parent;
		n = n && n != root ? n->next : NULL;
	}
}

/* The first error the parser reports, "line N: malformed feed: what". */
struct first_error {
	char msg[200];
	int line;
};

/* Keep the first error of a parse (libxml2 calls this for each). */
static void keep_first(void *arg, xmlErrorPtr e)
{
	struct first_error *f = arg;
	size_t k;

	if (f->line || !e || e->level < XML_ERR_ERROR)
		return;
	snprintf(f->msg, sizeof f->msg, "%s", e->message ? e->message : "not well-formed");
	k = strlen(f->msg);
	while (k && (f->msg[k - 1] == '\n' || f->msg[k - 1] == ' '))
		f->msg[--k] = '\0';
	for (char *p = f->msg; *p; p++)
		if ((unsigned char)*p < 0x20)
			*p = ' ';
	f->line = e->line > 0 ? e->line : 1;
}

/* The line of the first "<!ENTITY" in p, or 0. */
static int entity_decl_line(const char *p, size_t n)
{
	const char *e = memmem(p, n, "<!ENTITY", 8);
	int line = 1;

	if (!e)
		return 0;
	for (const char *q = p; q < e && (q = memchr(q, '\n', (size_t)(e - q))); q++)
		line++;
	return line;
}

struct doc *feed_read(const char *name, const char *p, size_t n,
		      char *err, size_t errlen)
{
	int opts = XML_PARSE_NONET | XML_PARSE_NOWARNING;
	int line = entity_decl_line(p, n);
	struct first_error fe = { "", 0 };
	xmlParserCtxtPtr ctx;
	xmlDocPtr doc;
	struct docbuild b;

	if (line) {
		snprintf(err, errlen, "line %d: feed declares an entity, not read "
			 "(entities are refused for safety)", line);
		return NULL;
	}
	if (n > INT32_MAX)
		return NULL;
	ctx = xmlNewParserCtxt();
	if (!ctx)
		die("out of memory");
	xmlSetStructuredErrorFunc(&fe, keep_first);
	doc = xmlCtxtReadMemory(ctx, p, (int)n, NULL, NULL, opts);
	xmlSetStructuredErrorFunc(NULL, NULL);
	if (!doc || !ctx->wellFormed || fe.line) {
		if (fe.line)
			snprintf(err, errlen, "line %d: malformed feed: %s", fe.line, fe.msg);
		else
			snprintf(err, errlen, "malformed feed");
		if (doc)
			xmlFreeDoc(doc);
		xmlFreeParserCtxt(ctx);
		return NULL;
	}
	xmlFreeParserCtxt(ctx);
	if (!is_feed_root(xmlDocGetRootElement(doc))) {
		snprintf(err, errlen, "not an RSS or Atom feed");
		xmlFreeDoc(doc);
		return NULL;
	}
	docbuild_begin(&b, name, SRC_FEED);
	add_items(&b, xmlDocGetRootElement(doc));
	xmlFreeDoc(doc);
	return docbuild_end(&b);
}
