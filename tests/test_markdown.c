/* SPDX-License-Identifier: MIT */
/* test_markdown.c - Markdown dumps: a story under each top heading,
 * titled by it; images, their captions, crossheads and link lines marked;
 * inline markup taken out of the text; plain dumps left to the text
 * parser; hostile nesting read in linear time. */
#include <config.h>

#include "testutil.h"

#include "markdown.h"
#include "markup.h"

/* Three saved articles, as a read-later tool writes them. */
static const char dump[] =
	"# Harbour wall to be *rebuilt*\n"			/* 1 */
	"\n"
	"![The harbour wall after the storm](https://img.example/wall.jpg)\n"
	"*The wall after the storm. Photo: Gazette*\n"
	"\n"
	"The harbour wall at Porthmellin will be rebuilt over the winter,\n"	/* 6 */
	"the [county council](https://council.example/) said.\n"
	"\n"
	"## What happens next\n"				/* 9 */
	"\n"
	"Work is due to start in **October** and costs \\*about\\* 2m.\n"
	"\n"
	"[Read more about the harbour](https://gazette.example/harbour)\n"	/* 13 */
	"\n"
	"# Ferry fares rise\n"					/* 15 */
	"\n"
	"The winter timetable starts on Monday, with `snake_case` kept.\n"
	"\n"
	"- Fares rise by 3%.\n"				/* 19 */
	"- Dogs travel free.\n"
	"\n"
	"> \"We had no choice,\" the operator said.\n"	/* 22 */
	"\n"
	"**Cheaper in winter**\n"				/* 24 */
	"\n"
	"Fares fall again in spring.\n"			/* 26 */
	"\n"
	"# Lifeboat called out\n"				/* 28 */
	"\n"
	"[![Lifeboat](https://img.example/boat.jpg)](https://gazette.example/boat)\n"
	"\n"
	"```\n"
	"The crew: 6\n"					/* 33 */
	"```\n"
	"The lifeboat was called out twice on Saturday.\n";	/* 35 */

/* The text of a line of a document. */
static char *text_of(const struct doc *d, const struct line *l)
{
	char *t = malloc(l->len + 1);

	assert_non_null(t);
	memcpy(t, d->text + l->off, l->len);
	t[l->len] = '\0';
	return t;
}

/* Check line i of story s: its text, kind and line number in the file. */
static void check_line(const struct story *s, size_t i, const char *text,
		       enum line_kind kind, unsigned lineno)
{
	const struct line *l = &story_lines(s)[i];
	char *t = text_of(s->doc, l);

	assert_string_equal(t, text);
	assert_int_equal(l->kind, kind);
	assert_int_equal(doc_lineno(s->doc, (size_t)(l - s->doc->lines)), lineno);
	free(t);
}

/* Read bytes as input (a file named name) into stories in sl. */
static struct doc *read_bytes(struct storylist *sl, const char *name, const char *p, size_t n)
{
	char err[256];
	struct doc *d = input_from_bytes(name, p, n, err, sizeof err);

	assert_non_null(d);
	if (d->src == SRC_MARKDOWN)
		markup_stories(sl, d, NULL);
	return d;
}

static void test_dump_stories(void **state)
{
	struct storylist sl = { 0 };
	struct doc *d = read_bytes(&sl, "saved.md", dump, sizeof dump - 1);

	(void)state;
	assert_int_equal(d->src, SRC_MARKDOWN);
	assert_int_equal(sl.n, 3);
	assert_string_equal(sl.stories[0].title, "Harbour wall to be rebuilt");
	assert_string_equal(sl.stories[1].title, "Ferry fares rise");
	assert_string_equal(sl.stories[2].title, "Lifeboat called out");
	assert_string_equal(sl.stories[0].why, "heading");
	assert_int_equal(d->nphys, 35);

	const struct story *s = &sl.stories[0];

	assert_int_equal(s->count, 7);
	check_line(s, 0, "Harbour wall to be rebuilt", LK_HEADING, 1);
	check_line(s, 1, "The harbour wall after the storm", LK_IMAGE, 3);
	check_line(s, 2, "The wall after the storm. Photo: Gazette", LK_IMAGE, 4);
	check_line(s, 3, "The harbour wall at Porthmellin will be rebuilt over the winter, "
		   "the county council said.", LK_PARAGRAPH, 6);
	check_line(s, 4, "What happens next", LK_HEADING, 9);
	check_line(s, 5, "Work is due to start in October and costs *about* 2m.", LK_PARAGRAPH, 11);
	check_line(s, 6, "Read more about the harbour", LK_CHROME, 13);

	s = &sl.stories[1];
	assert_int_equal(s->count, 7);
	check_line(s, 1, "The winter timetable starts on Monday, with snake_case kept.",
		   LK_PARAGRAPH, 17);
	check_line(s, 2, "\xE2\x80\xA2 Fares rise by 3%.", LK_PARAGRAPH, 19);
	check_line(s, 3, "\xE2\x80\xA2 Dogs travel free.", LK_PARAGRAPH, 20);
	check_line(s, 4, "\"We had no choice,\" the operator said.", LK_PARAGRAPH, 22);
	check_line(s, 5, "Cheaper in winter", LK_HEADING, 24);
	check_line(s, 6, "Fares fall again in spring.", LK_PARAGRAPH, 26);

	s = &sl.stories[2];
	assert_int_equal(s->count, 4);
	check_line(s, 1, "Lifeboat", LK_IMAGE, 30);
	check_line(s, 2, "The crew: 6", LK_PARAGRAPH, 33);
	check_line(s, 3, "The lifeboat was called out twice on Saturday.", LK_PARAGRAPH, 35);
	storylist_free(&sl);
}

/* The text markdown_inline makes of s (malloc'd). */
static char *inline_of(const char *s)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "", 0);
	markdown_inline(&b, s, strlen(s));
	return b.p;
}

static void test_inline(void **state)
{
	static const char *const cases[][2] = {
		{ "[a link](https://x.example/a) here", "a link here" },
		{ "**bold** and *it* and __also__", "bold and it and also" },
		{ "snake_case_name and 5 * 3 = 15", "snake_case_name and 5 * 3 = 15" },
		{ "run `a * b` now", "run a * b now" },
		{ "``two ` ticks``", "two ` ticks" },
		{ "\\*not\\* \\[a\\](b)", "*not* [a](b)" },
		{ "see <https://x.example/a>, or <b>", "see https://x.example/a, or <b>" },
		{ "![img](u) text", " text" },
		{ "[a [b](c) d](e)", "a b d" },
		{ "[ref link][1] and [no target]", "ref link and [no target]" },
		{ "[a](b and `c", "[a](b and `c" },
		{ "[![alt](img)](url) after", " after" },
		{ "(brackets) [stay] as they are", "(brackets) [stay] as they are" },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		char *t = inline_of(cases[i][0]);

		if (strcmp(t, cases[i][1]))
			fail_msg("%s: got \"%s\", want \"%s\"", cases[i][0], t, cases[i][1]);
		free(t);
	}
}

static void test_sniff(void **state)
{
	static const char plain[] =
		"The council met on Monday.\n# 1 priority was the harbour, a member said.\n"
		"Work starts in October.\n";
	static const char deeper[] =
		"## First story\n\nText of [the first](https://a.example/).\n\n"
		"## Second story\n\nText of the second.\n";
	static const char one_head[] = "# Only one heading\n\nAnd text.\n";
	static const char lead_in[] =
		"Text before any heading, a story of its own.\n\n"
		"# Titled\n\nIts text, with [a link](https://a.example/).\n\n# Next\n\nMore.\n";
	struct storylist sl = { 0 };
	struct doc *d;

	(void)state;
	assert_false(markdown_sniff(plain, sizeof plain - 1));
	assert_false(markdown_sniff(one_head, sizeof one_head - 1));
	/* three lines like headings after a long plain text: still plain */
	struct sbuf far = { 0 };

	for (int i = 0; i < 70; i++)
		sbuf_printf(&far, "Line %d of a plain dump, a sentence of its own.\n", i);
	sbuf_adds(&far, "# one\n# two\n# three\n");
	assert_false(markdown_sniff(far.p, far.n));
	sbuf_free(&far);
	sbuf_printf(&far, "A short lead-in.\n# one\n# two\n# three\n");
	assert_true(markdown_sniff(far.p, far.n));
	sbuf_free(&far);
	assert_true(markdown_sniff(deeper, sizeof deeper - 1));
	d = read_bytes(&sl, "plain.txt", plain, sizeof plain - 1);
	assert_int_equal(d->src, SRC_TEXT);
	doc_free(d);
	d = read_bytes(&sl, "deeper.md", deeper, sizeof deeper - 1);
	assert_int_equal(d->src, SRC_MARKDOWN);
	assert_int_equal(sl.n, 2);	/* the top level it uses parts the stories */
	assert_string_equal(sl.stories[1].title, "Second story");
	storylist_free(&sl);
	memset(&sl, 0, sizeof sl);
	d = read_bytes(&sl, "lead.md", lead_in, sizeof lead_in - 1);
	assert_int_equal(d->src, SRC_MARKDOWN);
	assert_int_equal(sl.n, 3);	/* every line in a story */
	assert_int_equal(sl.stories[0].count, 1);
	assert_string_equal(sl.stories[0].title, "Text before any heading, a story of its own.");
	assert_string_equal(sl.stories[1].title, "Titled");
	storylist_free(&sl);
}

/* Articles saved with setext headings, as HTML-to-Markdown converters
 * write them by default: "===" under a title, "---" under a section. */
static const char setext_dump[] =
	"Harbour wall to be rebuilt\n"				/* 1 */
	"==========================\n"
	"\n"
	"The harbour wall will be rebuilt, the [council](https://c.example/) said.\n"	/* 4 */
	"\n"
	"What happens\n"						/* 6 */
	"next\n"
	"------------\n"
	"\n"
	"Work starts in October.\n"				/* 10 */
	"\n"
	"---\n"							/* 12: a break */
	"\n"
	"- Cost: 2m\n"						/* 14 */
	"---\n"							/* 15: a break, not an underline */
	"> A quote\n"						/* 16 */
	"---\n"
	"Ferry fares rise\n"					/* 18 */
	"=\n"
	"Fares rise by 3%.\n"					/* 20 */
	"\n"
	"===\n"							/* 22: no text above */
	"\n"
	"### Winter timetable\n"				/* 24 */
	"\n"
	"The winter timetable starts on Monday and runs until the spring, with one "
	"boat a day and two at weekends, a spokesman for the operator said today, "
	"adding that fares would be reviewed again next year.\n"
	"-----\n";						/* 27 */

static void test_setext(void **state)
{
	struct storylist sl = { 0 };
	struct doc *d;
	const struct story *s;

	(void)state;
	assert_true(markdown_sniff(setext_dump, sizeof setext_dump - 1));
	d = read_bytes(&sl, "setext.md", setext_dump, sizeof setext_dump - 1);
	assert_int_equal(d->src, SRC_MARKDOWN);
	assert_int_equal(sl.n, 2);	/* at each "===", the top level used */
	assert_string_equal(sl.stories[0].title, "Harbour wall to be rebuilt");
	assert_string_equal(sl.stories[1].title, "Ferry fares rise");
	s = &sl.stories[0];
	assert_int_equal(s->count, 6);
	check_line(s, 0, "Harbour wall to be rebuilt", LK_HEADING, 1);
	check_line(s, 1, "The harbour wall will be rebuilt, the council said.", LK_PARAGRAPH, 4);
	check_line(s, 2, "What happens next", LK_HEADING, 6);	/* its lines joined */
	check_line(s, 3, "Work starts in October.", LK_PARAGRAPH, 10);
	check_line(s, 4, "\xE2\x80\xA2 Cost: 2m", LK_PARAGRAPH, 14);
	check_line(s, 5, "A quote", LK_PARAGRAPH, 16);
	s = &sl.stories[1];
	assert_int_equal(s->count, 4);
	check_line(s, 0, "Ferry fares rise", LK_HEADING, 18);
	check_line(s, 1, "Fares rise by 3%.", LK_PARAGRAPH, 20);
	check_line(s, 2, "Winter timetable", LK_HEADING, 24);
	/* a paragraph too long for a heading keeps its kind; the line under
	 * it is a break */
	assert_int_equal(s->doc->lines[s->first + 3].kind, LK_PARAGRAPH);
	assert_int_equal(doc_lineno(d, s->first + 3), 26);
	storylist_free(&sl);

	/* "---" is the top level where no "===" or "#" is used */
	static const char sections[] =
		"First story\n---\n\nIts text, [a link](https://a.example/).\n\n"
		"### A crosshead\n\nMore.\n\nSecond story\n---\n\nText.\n";

	memset(&sl, 0, sizeof sl);
	d = read_bytes(&sl, "sections.md", sections, sizeof sections - 1);
	assert_int_equal(d->src, SRC_MARKDOWN);
	assert_int_equal(sl.n, 2);
	assert_string_equal(sl.stories[1].title, "Second story");
	assert_int_equal(sl.stories[0].count, 4);
	storylist_free(&sl);

	/* a "===" under a list item or a long paragraph underlines no
	 * heading, so does not make level 1 the top */
	static const char no_top[] =
		"- Saved on Monday\n===\n\n"
		"A paragraph far too long to be a heading, with more words in it than any "
		"headline has, as a reader would see at once, going on and on past thirty "
		"words.\n===\n\n"
		"## First story\n\nIts text, [a link](https://a.example/).\n\n"
		"## Second story\n\nText.\n";

	for (size_t cut = 0; cut < 2; cut++) {
		const char *p = cut ? strstr(no_top, "A paragraph") : no_top;

		memset(&sl, 0, sizeof sl);
		d = read_bytes(&sl, "no_top.md", p, strlen(p));
		assert_int_equal(d->src, SRC_MARKDOWN);
		assert_int_equal(sl.n, 3);	/* the text before, then one a "##" */
		assert_string_equal(sl.stories[2].title, "Second story");
		storylist_free(&sl);
	}

	/* a setext heading's text is no line before the first heading: 64
	 * lines of text before it are still a Markdown dump's, 65 are not */
	for (int lead = 64; lead <= 65; lead++) {
		struct sbuf b = { 0 };

		for (int i = 0; i < lead; i++)
			sbuf_printf(&b, "Line %d of the text.\n\n", i);
		sbuf_adds(&b, "One\n===\n\nTwo\n===\n\nThree\n===\n");
		if (markdown_sniff(b.p, b.n) != (lead == 64))
			fail_msg("%d lines before the first heading: sniffed %d", lead, !(lead == 64));
		sbuf_free(&b);
	}
}

/* Three pages saved by a page-to-Markdown service and joined into one
 * file, each under the header the service writes (fields, then the
 * page's Markdown), after a line of the joining tool's own. */
static const char exports[] =
	"Saved pages, 2 March\n"					/* 1 */
	"Title: Harbour wall to be rebuilt | Gazette\n"		/* 2 */
	"\n"
	"URL Source: https://gazette.example/news/harbour-wall\n"	/* 4 */
	"\n"
	"Published Time: 2026-03-02T09:15:00Z\n"			/* 6 */
	"\n"
	"Markdown Content:\n"						/* 8 */
	"Harbour wall to be rebuilt\n"				/* 9 */
	"==========================\n"
	"\n"
	"The harbour wall will be rebuilt over the winter, the [council](https://c.example/) said.\n"
	"\n"
	"# What happens next\n"					/* 14 */
	"\n"
	"Work starts in October.\n"					/* 16 */
	"Title: Ferry fares rise\n"					/* 17 */
	"URL Source: https://gazette.example/news/ferry\n"
	"Warning: Target URL returned error 404: Not Found\n"	/* 19 */
	"Cache Hint: stale\n"						/* 20 */
	"Markdown Content:\n"
	"Fares rise by 3% on Monday.\n"				/* 22 */
	"\n"
	"Title: Lifeboat called out\n"				/* 24 */
	"\n"
	"URL Source: https://gazette.example/news/lifeboat\n"		/* 26 */
	"Published Time: 2026-03-01\n"
	"Note: the crew asked not to be named.\n"			/* 28 */
	"\n"
	"The lifeboat was called out twice.\n"			/* 30 */
	"\n"
	"Title: a line of its own, no export's\n"			/* 32 */
	"\n"
	"Images:\n"							/* 34 */
	"- ![Image 1: The lifeboat](https://img.example/boat.jpg)\n"
	"\n"
	"Links/Buttons:\n"						/* 37 */
	"- [Timetable](https://gazette.example/tt)\n"
	"This page does not seem to contain any buttons/links.\n"	/* 39 */
	"\n"
	"- [Read on](https://gazette.example/more)\n";		/* 41 */

static void test_exports(void **state)
{
	struct storylist sl = { 0 };
	struct doc *d;
	const struct story *s;
	const struct doc_item *it;

	(void)state;
	d = read_bytes(&sl, "pages.md", exports, sizeof exports - 1);
	assert_int_equal(d->src, SRC_MARKDOWN);
	assert_int_equal(sl.n, 4);	/* the line before, then one a header */
	assert_int_equal(sl.stories[0].count, 1);
	check_line(&sl.stories[0], 0, "Saved pages, 2 March", LK_PARAGRAPH, 1);

	s = &sl.stories[1];	/* headings are crossheads under the headers */
	assert_string_equal(s->title, "Harbour wall to be rebuilt | Gazette");
	it = story_item(s);
	assert_non_null(it);
	assert_string_equal(it->url, "https://gazette.example/news/harbour-wall");
	assert_string_equal(it->date, "2026-03-02T09:15:00Z");
	assert_int_equal(s->count, 8);
	check_line(s, 0, "Harbour wall to be rebuilt | Gazette", LK_HEADING, 2);
	check_line(s, 1, "URL Source: https://gazette.example/news/harbour-wall", LK_CHROME, 4);
	check_line(s, 2, "Published Time: 2026-03-02T09:15:00Z", LK_CHROME, 6);
	check_line(s, 3, "Markdown Content:", LK_CHROME, 8);
	check_line(s, 4, "Harbour wall to be rebuilt", LK_HEADING, 9);
	check_line(s, 5, "The harbour wall will be rebuilt over the winter, the council said.",
		   LK_PARAGRAPH, 12);
	check_line(s, 6, "What happens next", LK_HEADING, 14);
	check_line(s, 7, "Work starts in October.", LK_PARAGRAPH, 16);

	s = &sl.stories[2];	/* a field it does not know, before "Markdown Content:" */
	assert_string_equal(s->title, "Ferry fares rise");
	assert_null(story_item(s)->date);
	assert_int_equal(s->count, 6);
	check_line(s, 2, "Warning: Target URL returned error 404: Not Found", LK_CHROME, 19);
	check_line(s, 3, "Cache Hint: stale", LK_CHROME, 20);
	check_line(s, 5, "Fares rise by 3% on Monday.", LK_PARAGRAPH, 22);

	s = &sl.stories[3];	/* no "Markdown Content:": the text from the first line no field's */
	assert_string_equal(s->title, "Lifeboat called out");
	assert_string_equal(story_item(s)->date, "2026-03-01");
	assert_int_equal(s->count, 12);
	check_line(s, 1, "URL Source: https://gazette.example/news/lifeboat", LK_CHROME, 26);
	check_line(s, 2, "Published Time: 2026-03-01", LK_CHROME, 27);
	check_line(s, 3, "Note: the crew asked not to be named.", LK_PARAGRAPH, 28);
	check_line(s, 5, "Title: a line of its own, no export's", LK_PARAGRAPH, 32);
	/* the summaries of its images and links after the text are chrome */
	check_line(s, 6, "Images:", LK_CHROME, 34);
	check_line(s, 7, "- ![Image 1: The lifeboat](https://img.example/boat.jpg)", LK_CHROME, 35);
	check_line(s, 8, "Links/Buttons:", LK_CHROME, 37);
	check_line(s, 9, "- [Timetable](https://gazette.example/tt)", LK_CHROME, 38);
	check_line(s, 10, "This page does not seem to contain any buttons/links.", LK_CHROME, 39);
	check_line(s, 11, "\xE2\x80\xA2 Read on", LK_PARAGRAPH, 41);	/* a list after a blank line */
	storylist_free(&sl);

	/* one page without a heading, image or link is still read as one */
	const char *one = strstr(exports, "Title: Ferry");
	size_t n = (size_t)(strstr(exports, "\nTitle: Lifeboat") - one);

	assert_true(markdown_sniff(one, n));
	assert_false(markdown_sniff(one + 7, n - 7));	/* no "Title:" */
	memset(&sl, 0, sizeof sl);
	d = read_bytes(&sl, "one.md", one, n);
	assert_int_equal(sl.n, 1);
	assert_string_equal(sl.stories[0].title, "Ferry fares rise");
	assert_string_equal(story_item(&sl.stories[0])->url, "https://gazette.example/news/ferry");
	storylist_free(&sl);

	/* without an export's header, "Images:" and its list are text */
	static const char plain[] =
		"# A\n\nImages:\n- [x](https://x.example/)\n\n# B\n\nText.\n\n# C\n\nMore.\n";

	memset(&sl, 0, sizeof sl);
	d = read_bytes(&sl, "plain.md", plain, sizeof plain - 1);
	assert_int_equal(d->src, SRC_MARKDOWN);
	check_line(&sl.stories[0], 1, "Images:", LK_PARAGRAPH, 3);
	check_line(&sl.stories[0], 2, "\xE2\x80\xA2 x", LK_PARAGRAPH, 4);
	storylist_free(&sl);
}

/* Notes saved with YAML front matter, joined as cat joins files: each
 * front matter with a title starts a story, its fields no text. */
static const char front[] =
	"---\n"							/* 1 */
	"layout: post\n"
	"title: \"Harbour wall to be rebuilt\"\n"			/* 3 */
	"source: https://gazette.example/harbour\n"
	"tags:\n"							/* 5 */
	"  - harbour\n"
	"published: 2026-03-02\n"					/* 7 */
	"url: /2026/03/harbour\n"					/* 8: the first link kept */
	"---\n"
	"The harbour wall will be rebuilt, the [council](https://c.example/) said.\n"	/* 10 */
	"\n"
	"# What happens next\n"					/* 12 */
	"\n"
	"Work starts in October.\n"					/* 14 */
	"---\n"
	"title: Ferry fares rise\n"					/* 16 */
	"---\n"
	"Fares rise by 3%.\n"						/* 18 */
	"\n"
	"Under a paragraph\n"						/* 20 */
	"---\n"
	"layout: post\n"						/* 22 */
	"---\n";

static void test_front_matter(void **state)
{
	struct storylist sl = { 0 };
	struct doc *d;
	const struct story *s;

	(void)state;
	d = read_bytes(&sl, "notes.md", front, sizeof front - 1);
	assert_int_equal(d->src, SRC_MARKDOWN);
	assert_int_equal(sl.n, 2);
	s = &sl.stories[0];
	assert_string_equal(s->title, "Harbour wall to be rebuilt");
	assert_string_equal(story_item(s)->url, "https://gazette.example/harbour");
	assert_string_equal(story_item(s)->date, "2026-03-02");
	assert_int_equal(s->count, 10);
	check_line(s, 0, "layout: post", LK_CHROME, 2);
	check_line(s, 1, "Harbour wall to be rebuilt", LK_HEADING, 3);
	check_line(s, 4, "- harbour", LK_CHROME, 6);
	check_line(s, 5, "published: 2026-03-02", LK_CHROME, 7);
	check_line(s, 7, "The harbour wall will be rebuilt, the council said.", LK_PARAGRAPH, 10);
	check_line(s, 8, "What happens next", LK_HEADING, 12);	/* no story's start */
	check_line(s, 9, "Work starts in October.", LK_PARAGRAPH, 14);
	s = &sl.stories[1];	/* front matter just under a paragraph, with a title */
	assert_string_equal(s->title, "Ferry fares rise");
	assert_null(story_item(s)->url);	/* it gives none */
	assert_int_equal(s->count, 4);
	check_line(s, 0, "Ferry fares rise", LK_HEADING, 16);
	check_line(s, 1, "Fares rise by 3%.", LK_PARAGRAPH, 18);
	/* without a title, "---" under a paragraph underlines it */
	check_line(s, 2, "Under a paragraph", LK_HEADING, 20);
	check_line(s, 3, "layout: post", LK_HEADING, 22);
	storylist_free(&sl);

	/* a titled header counts as a heading in the sniff: with two links
	 * it makes three marks, and text after it is no lead */
	static const char two_links[] =
		"---\ntitle: One note\n---\n[a](https://a.example/) first.\n\n"
		"[b](https://b.example/) second.\n";
	const char *links = strchr(two_links, '[');
	struct sbuf b = { 0 };

	assert_true(markdown_sniff(two_links, sizeof two_links - 1));
	assert_false(markdown_sniff(links, strlen(links)));
	sbuf_adds(&b, "Title: A page\nURL Source: https://a.example/\nMarkdown Content:\n");
	for (int i = 0; i < 70; i++)
		sbuf_printf(&b, "Line %d of the page.\n\n", i);
	sbuf_adds(&b, "# One\n# Two\n# Three\n");
	assert_true(markdown_sniff(b.p, b.n));
	sbuf_free(&b);
}

/* One article saved without its title: a lede of two paragraphs (the
 * first of two lines), then sections under "##". */
static const char article[] =
	"The harbour wall at Porthmellin will be rebuilt over the winter, the county "
	"council said on Monday, after storms in January left a gap in it that let the "
	"sea into the old fish market.\n"				/* 1 */
	"The work will close the outer quay to boats for three months.\n"
	"\n"
	"The [harbour master](https://h.example/) said crews had been told.\n"	/* 4 */
	"\n"
	"## What happens next\n"					/* 6 */
	"\n"
	"Work is due to start in October.\n"				/* 8 */
	"\n"
	"Who pays\n"							/* 10 */
	"--------\n"
	"\n"
	"The council and the [harbour trust](https://t.example/) share the cost.\n";	/* 13 */

static void test_one_article(void **state)
{
	struct storylist sl = { 0 };
	struct doc *d;
	const struct story *s;
	char *p;

	(void)state;
	d = read_bytes(&sl, "article.md", article, sizeof article - 1);
	assert_int_equal(d->src, SRC_MARKDOWN);
	assert_int_equal(sl.n, 1);	/* its sections are crossheads */
	s = &sl.stories[0];
	assert_int_equal(s->count, 6);
	assert_true(!strncmp(s->title, "The harbour wall at Porthmellin", 31));
	check_line(s, 2, "What happens next", LK_HEADING, 6);
	check_line(s, 4, "Who pays", LK_HEADING, 10);
	check_line(s, 5, "The council and the harbour trust share the cost.", LK_PARAGRAPH, 13);
	storylist_free(&sl);

	/* a dump of "##" stories under a short introduction is parted at
	 * them: one paragraph before the first, or two of too few words, or
	 * one and a list, is no lede */
	static const char *const intros[] = {
		"The harbour wall at Porthmellin will be rebuilt over the winter, the county "
		"council said on Monday, after storms in January left a gap in it, and the "
		"work will close the outer quay to boats for three months this year, the "
		"harbour master said, adding that crews had been told to move their boats.\n",
		"Saved on Monday.\n\nThree stories from the Gazette, on the harbour.\n",
		"The harbour wall at Porthmellin will be rebuilt over the winter, the county "
		"council said on Monday, after storms in January left a gap in it, and the "
		"work will close the outer quay to boats for three months this year, the "
		"harbour master said, adding that crews had been told to move their boats.\n"
		"- Read it at the Gazette.\n",
	};

	for (size_t i = 0; i < sizeof intros / sizeof intros[0]; i++) {
		p = malloc(sizeof article + strlen(intros[i]));
		assert_non_null(p);
		strcpy(p, intros[i]);
		strcat(p, strstr(article, "\n## What") + 1);
		memset(&sl, 0, sizeof sl);
		d = read_bytes(&sl, "dump.md", p, strlen(p));
		assert_int_equal(d->src, SRC_MARKDOWN);
		if (sl.n != 3)
			fail_msg("intro %zu: %zu stories, want 3", i, sl.n);
		assert_string_equal(sl.stories[1].title, "What happens next");
		storylist_free(&sl);
		free(p);
	}

	/* with "#" (or "===") headings, a long lede is a story of its own */
	p = strdup(article);
	assert_non_null(p);
	memcpy(strstr(p, "## What"), "# ", 2);
	memset(&sl, 0, sizeof sl);
	d = read_bytes(&sl, "dump1.md", p, strlen(p));
	assert_int_equal(sl.n, 2);
	assert_string_equal(sl.stories[1].title, "What happens next");
	storylist_free(&sl);
	free(p);
}

/* A paragraph of a megabyte of nested and unclosed marks reads in one
 * pass (a quadratic search would not end within the test's time). */
static void test_hostile_nesting(void **state)
{
	size_t n = 1 << 20, k = 0;
	char *p = malloc(n + 64);
	struct storylist sl = { 0 };

	(void)state;
	assert_non_null(p);
	k += (size_t)sprintf(p, "# A\n\n# B\n\n[x](y)\n\n");
	while (k < n / 4)
		p[k++] = '[';
	while (k < n / 2)
		memcpy(p + k, "[a](", 4), k += 4;
	while (k < 3 * n / 4)
		p[k++] = '`';
	while (k < n)
		memcpy(p + k, "*_<h", 4), k += 4;
	read_bytes(&sl, "hostile.md", p, k);
	assert_int_equal(sl.n, 2);
	assert_true(story_lines(&sl.stories[1])[2].len > n / 2);	/* the marks kept */
	storylist_free(&sl);
	free(p);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_dump_stories),
		cmocka_unit_test(test_inline),
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_setext),
		cmocka_unit_test(test_exports),
		cmocka_unit_test(test_front_matter),
		cmocka_unit_test(test_one_article),
		cmocka_unit_test(test_hostile_nesting),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
