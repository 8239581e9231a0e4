/* SPDX-License-Identifier: MIT */
/* markdown.h - Markdown dumps, as read-later tools and page-to-Markdown
 * converters save articles: recognising one, and reading it into a
 * document whose top headings part and title its stories.  Knows
 * nothing of curses. */
#ifndef TNEWS_MARKDOWN_H
#define TNEWS_MARKDOWN_H

#include <stddef.h>

#include "sbuf.h"
#include "story.h"

/* Whether the first lines of a text dump are Markdown with headings
 * ("# Headline") that stand over its stories. */
int markdown_sniff(const char *p, size_t n);

/* Read a Markdown dump into a new document (SRC_MARKDOWN): a story at
 * each heading of the top level it uses, titled by it, or at each header
 * over a saved page (titled by the header, with its link and date), or
 * one story for an article whose lede comes before its "##" sections;
 * deeper headings are crossheads, images (and a caption in emphasis
 * just after one) are marked as such, a line that is only a link is
 * chrome, and inline markup (links, emphasis, code, escapes) is taken
 * out of the text.
 * Paragraphs keep the number of their first line in the file. */
struct doc *markdown_read(const char *name, const char *p, size_t n);

/* Append the text of one line of Markdown without its inline markup:
 * links and images' targets, emphasis, code spans, backslash escapes. */
void markdown_inline(struct sbuf *out, const char *s, size_t n);

#endif
