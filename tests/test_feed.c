/* SPDX-License-Identifier: MIT */
/* test_feed.c - RSS 2.0, RSS 1.0 and Atom feeds: every item a story with
 * its title, link and date; content cleaned as HTML; malformed and hostile
 * feeds refused with the line (how fast: bench/markup.sh). */
#include <config.h>

#include "testutil.h"

#include "markup.h"

/* Read a feed of tests/data; NULL (err set) if refused, else stories in sl. */
static struct doc *read_feed(struct storylist *sl, const char *name, char *err, size_t errlen)
{
	const char *dir = getenv("TESTDATA");
	char path[4096];
	struct doc *d;

	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	d = input_read(path, err, errlen);
	if (d) {
		assert_int_equal(d->src, SRC_FEED);
		markup_stories(sl, d, NULL);
	}
	return d;
}

/* The paragraphs of a story joined by newlines (malloc'd). */
static char *paragraphs(const struct story *s)
{
	struct sbuf b = { 0 };

	sbuf_add(&b, "", 0);
	for (size_t i = 0; i < s->count; i++) {
		const struct line *l = &story_lines(s)[i];

		if (l->kind != LK_PARAGRAPH)
			continue;
		sbuf_add(&b, line_text(s->doc, l).s, l->len);
		sbuf_addc(&b, '\n');
	}
	return b.p;
}

/* One expected story. */
struct want {
	const char *title, *url, *date, *text;
};

/* Check the stories of a feed against want[n]. */
static void check_feed(const char *name, const struct want *want, size_t n)
{
	struct storylist sl = { 0 };
	char err[256];

	if (!read_feed(&sl, name, err, sizeof err))
		fail_msg("%s: %s", name, err);
	assert_int_equal(sl.n, n);
	for (size_t i = 0; i < n; i++) {
		const struct story *s = &sl.stories[i];
		const struct doc_item *it = story_source(s);
		char *p = paragraphs(s);

		assert_non_null(it);
		assert_string_equal(s->title, want[i].title);
		assert_string_equal(it->url ? it->url : "", want[i].url);
		assert_string_equal(it->date ? it->date : "", want[i].date);
		assert_string_equal(p, want[i].text);
		assert_string_equal(s->why, "feed item");
		free(p);
	}
	storylist_free(&sl);
}

static void test_rss2(void **state)
{
	static const struct want w[] = {
		{ "Harbour wall to be rebuilt", "https://gazette.example/news/harbour-wall",
		  "Mon, 30 Nov 2026 08:00:00 GMT",
		  "The harbour wall at Porthmellin will be rebuilt over the winter, the county council said.\n"
		  "Work is due to start in October.\n" },
		{ "Ferry timetable & fares change", "https://gazette.example/news/ferry",
		  "2026-11-29T17:30:00Z", "The winter timetable starts on Monday.\nFares rise by 3%.\n" },
		{ "Plain description", "https://gazette.example/news/plain", "",
		  "Just a line of plain text, with no markup at all.\n" },
		{ "No text at all", "https://gazette.example/news/empty", "",
		  "https://gazette.example/news/empty\n" },
	};

	(void)state;
	check_feed("feed_rss2.xml", w, 4);
}

static void test_rss1(void **state)
{
	static const struct want w[] = {
		{ "Lifeboat called out twice", "https://gazette.example/a", "2026-11-28",
		  "The lifeboat was called out twice on Saturday, to a yacht and to a swimmer.\n" },
		{ "Caf\xC3\xA9 opens on the quay", "https://gazette.example/b", "",
		  "A new caf\xC3\xA9 opened on the quay, serving cr\xC3\xAApes.\n" },
	};

	(void)state;
	check_feed("feed_rss1.rdf", w, 2);
}

static void test_atom(void **state)
{
	static const struct want w[] = {
		{ "Storm closes coast road", "https://gazette.example/storm", "2026-11-30T06:00:00Z",
		  "The coast road between Porthmellin and St Ives was closed on Monday after the storm brought down a wall.\n" },
		{ "Tide tables", "https://gazette.example/tides", "2026-11-29T07:00:00Z",
		  "High water at 06:12 and 18:40.\nLow water at 12:25.\n" },
		{ "Market day moves", "https://gazette.example/market", "2026-11-28T07:00:00Z",
		  "Market day moves to Thursday from next week.\n" },
		{ "Only a summary", "https://gazette.example/summary", "2026-11-27T07:00:00Z",
		  "The summary is all there is.\n" },
	};

	(void)state;
	check_feed("feed_atom.xml", w, 4);
}

/* Markup in content is stripped by kind; scripts, styles and frames go. */
static void test_content_markup(void **state)
{
	struct storylist sl = { 0 };
	char err[256];
	int image = 0, chrome = 0, credit = 0;

	(void)state;
	assert_non_null(read_feed(&sl, "feed_rss2.xml", err, sizeof err));
	for (size_t i = 0; i < sl.stories[0].count; i++) {
		const struct line *l = &story_lines(&sl.stories[0])[i];

		assert_null(strstr(line_text(sl.stories[0].doc, l).s, "alert"));
		/* the h2 repeating the title is left out */
		assert_null(strstr(line_text(sl.stories[0].doc, l).s, "Harbour wall to be rebuilt\n"));
		image += l->kind == LK_IMAGE;
	}
	assert_int_equal(image, 1);
	storylist_free(&sl);

	assert_non_null(read_feed(&sl, "feed_atom.xml", err, sizeof err));
	for (size_t k = 0; k < sl.n; k++)
		for (size_t i = 0; i < sl.stories[k].count; i++) {
			chrome += story_lines(&sl.stories[k])[i].kind == LK_CHROME;
			credit += story_lines(&sl.stories[k])[i].kind == LK_CREDIT;
		}
	assert_int_equal(chrome, 1);	/* the xhtml entry's <nav> */
	assert_int_equal(credit, 1);	/* the html entry's credit */
	storylist_free(&sl);

	assert_non_null(read_feed(&sl, "feed_hostile.xml", err, sizeof err));
	assert_int_equal(sl.n, 2);
	char *p = paragraphs(&sl.stories[0]);

	assert_string_equal(p, "Text with an escape [31m and a bell and an iframe, and style.\n");
	free(p);
	assert_string_equal(sl.stories[0].title, "Escapes in the title");
	p = paragraphs(&sl.stories[1]);
	assert_string_equal(p, "<script> stays text\n");
	free(p);
	storylist_free(&sl);
}

/* Malformed feeds: the file's first error with its line. */
static void test_malformed(void **state)
{
	static const struct { const char *text, *err; } cases[] = {
		{ "<rss version=\"2.0\"><channel>\n<item><title>x</item>\n</channel></rss>",
		  "line 2: malformed feed: Opening and ending tag mismatch: title line 2 and item" },
		{ "<?xml version=\"1.0\"?>\n<feed>\n<entry>\n", "line 4: malformed feed:" },
		{ "<rss>\n\n<item>&#1;</item></rss>", "line 3: malformed feed:" },
		{ "<?xml version=\"1.0\"?><rss><channel><item>\xff</item></channel></rss>",
		  "line 1: malformed feed:" },
	};
	struct storylist sl = { 0 };
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct doc *d = input_from_bytes("f", cases[i].text, strlen(cases[i].text),
						 err, sizeof err);

		if (d)
			fail_msg("case %zu read", i);
		if (strncmp(err, cases[i].err, strlen(cases[i].err)))
			fail_msg("case %zu: \"%s\", not \"%s\"", i, err, cases[i].err);
	}
	assert_null(read_feed(&sl, "feed_broken.xml", err, sizeof err));
	assert_string_equal(err, "line 11: malformed feed: Opening and ending tag mismatch: title line 10 and item");
}

/* Billion laughs and external entities: refused at once, naming the line;
 * an external DTD is never fetched. */
static void test_entities(void **state)
{
	struct storylist sl = { 0 };
	char err[256];

	(void)state;
	assert_null(read_feed(&sl, "feed_laughs.xml", err, sizeof err));
	assert_string_equal(err, "line 3: feed declares an entity, not read (entities are refused for safety)");
	assert_null(read_feed(&sl, "feed_xxe.xml", err, sizeof err));
	assert_string_equal(err, "line 3: feed declares an entity, not read (entities are refused for safety)");
	/* a DOCTYPE naming a DTD on the network: read, nothing fetched */
	assert_non_null(read_feed(&sl, "feed_hostile.xml", err, sizeof err));
	storylist_free(&sl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_rss2),
		cmocka_unit_test(test_rss1),
		cmocka_unit_test(test_atom),
		cmocka_unit_test(test_content_markup),
		cmocka_unit_test(test_malformed),
		cmocka_unit_test(test_entities),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
