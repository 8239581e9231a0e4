/* SPDX-License-Identifier: MIT */
/* test_html.c - web pages as input: recognition by the first bytes, the
 * article, its headline, what the markup strips, and hostile pages. */
#include <config.h>

#include "testutil.h"

#include <unistr.h>

#include "markup.h"

/* Read a page of tests/data into sl as tnews does. */
static void read_page(struct storylist *sl, const char *name)
{
	const char *dir = getenv("TESTDATA");
	char path[4096], err[256];
	struct rules *r = test_rules();
	struct doc *d;

	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	d = input_read(path, err, sizeof err);
	if (!d)
		fail_msg("%s: %s", path, err);
	assert_int_not_equal(d->src, SRC_TEXT);
	markup_stories(sl, d, r);
	rules_free(r);
}

/* Read bytes as tnews does; NULL with err set if refused. */
static struct doc *read_bytes(struct storylist *sl, const char *p, size_t n,
			      char *err, size_t errlen)
{
	struct doc *d = input_from_bytes("test", p, n, err, errlen);

	if (d && d->src != SRC_TEXT)
		markup_stories(sl, d, NULL);
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

/* The first stripped line of kind k whose text contains needle, or NULL. */
static const struct line *stripped(const struct story *s, enum line_kind k, const char *needle)
{
	for (size_t i = 0; i < s->count; i++) {
		const struct line *l = &story_lines(s)[i];

		if (l->kind == k && strstr(line_text(s->doc, l).s, needle))
			return l;
	}
	return NULL;
}

static void test_sniff(void **state)
{
	static const struct { const char *text; enum src_kind kind; } cases[] = {
		{ "<!DOCTYPE html><html><body>x</body></html>", SRC_HTML },
		{ "\xEF\xBB\xBF  <!doctype HTML>\n<p>x", SRC_HTML },
		{ "<!-- saved from url=(0040)https://example.com/ -->\n<html>", SRC_HTML },
		{ "<html lang=en>", SRC_HTML },
		{ "<HEAD><TITLE>x</TITLE>", SRC_HTML },
		{ "<?xml version=\"1.0\"?>\n<!DOCTYPE html PUBLIC \"x\" \"y\">\n<html xmlns=\"z\">", SRC_HTML },
		{ "<?xml version=\"1.0\"?><rss version=\"2.0\"><channel>", SRC_FEED },
		{ "<rss version=\"0.91\">", SRC_FEED },
		{ "<?xml version=\"1.0\"?>\n<rdf:RDF xmlns:rdf=\"x\">", SRC_FEED },
		{ "<?xml version='1.0'?><!-- c --><feed xmlns=\"http://www.w3.org/2005/Atom\">", SRC_FEED },
		{ "The harbour wall will be rebuilt.\n", SRC_TEXT },
		{ "<b>bold</b> words in a text dump\n", SRC_TEXT },
		{ "< html", SRC_TEXT },
		{ "<?xml version=\"1.0\"?><note>x</note>", SRC_TEXT },
		{ "", SRC_TEXT },
		{ "<!--", SRC_TEXT },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (markup_sniff(cases[i].text, strlen(cases[i].text)) != cases[i].kind)
			fail_msg("case %zu: %s", i, cases[i].text);
}

/* The article of a page: its paragraphs only, the headline as title. */
static void test_article(void **state)
{
	struct storylist sl = { 0 };
	const struct story *s;
	char *p;

	(void)state;
	read_page(&sl, "page_article.html");
	assert_int_equal(sl.n, 1);
	s = &sl.stories[0];
	assert_string_equal(s->title, "Harbour wall to be rebuilt after storm");
	p = paragraphs(s);
	assert_string_equal(p,
		"The harbour wall at Porthmellin will be rebuilt over the winter, the county council has said, after January's storm tore two gaps in it and flooded the fish market.\n"
		"Engineers say the new wall, of granite facing over a concrete core, will stand a metre higher than the old one, which was built in 1887 and repaired, badly, in the 1950s.\n"
		"Fishermen, who have had to land their catch at Newlyn since the storm, welcomed the decision. \"We have waited long enough,\" said one, who has worked out of the harbour for forty years.\n"
		"The work, costing \xC2\xA3" "4.2m, is due to start in October and to finish by the spring, in time for the summer season, when the harbour is busiest with visitors and pleasure boats.\n"
		"The council said it would also look at raising the sea wall along the promenade, where waves overtopped the railings during the storm and damaged three shops and a caf\xC3\xA9.\n");
	free(p);
	/* what the markup says is furniture is kept, stripped, in place */
	assert_non_null(stripped(s, LK_IMAGE, "The wall was breached in two places."));
	assert_non_null(stripped(s, LK_HEADING, "Fishermen relieved"));
	/* a paragraph that is mostly a link */
	assert_non_null(stripped(s, LK_CHROME, "Read more: Storm closes the coast road"));
	assert_non_null(stripped(s, LK_CREDIT, "By Ann Example"));
	assert_non_null(stripped(s, LK_CHROME, "Share on Facebook"));
	assert_non_null(stripped(s, LK_CHROME, "Related stories Storm closes coast road"));
	/* nothing of the page around the article, nor the headline */
	for (size_t i = 0; i < s->count; i++) {
		struct bstr t = line_text(s->doc, &story_lines(s)[i]);

		assert_null(strstr(t.s, "tracking"));
		assert_null(strstr(t.s, "cookies"));
		assert_null(strstr(t.s, "First!"));
		assert_null(strstr(t.s, "All rights reserved"));
		assert_null(strstr(t.s, "Weather"));
		assert_false(t.n == strlen(s->title) && !memcmp(t.s, s->title, t.n));
	}
	assert_int_equal(s->doc->src, SRC_HTML);
	/* the page's own link and date */
	assert_non_null(story_source(s));
	assert_string_equal(story_source(s)->url, "https://gazette.example/news/harbour-wall-rebuilt");
	assert_string_equal(story_source(s)->date, "2026-11-30T08:00:00Z");
	assert_int_equal(s->words, 156);
	storylist_free(&sl);
}

/* A page of several stories (a live page): one story each, titled with
 * its heading; the article page beside it stays one. */
static void test_live_page(void **state)
{
	static const char *const titles[] = {
		"Coast road closed", "Ferry sailings cancelled", "Power cuts in three villages"
	};
	struct storylist sl = { 0 };

	(void)state;
	read_page(&sl, "page_live.html");
	assert_int_equal(sl.n, 3);
	for (size_t i = 0; i < 3; i++) {
		const struct story *s = &sl.stories[i];
		char *p = paragraphs(s);

		assert_string_equal(s->title, titles[i]);
		assert_null(strstr(p, titles[i]));	/* the heading is the title only */
		assert_null(strstr(p, "Storm: live updates"));
		assert_int_equal(bstr_words((struct bstr){ p, strlen(p) }, 1000) > 30, 1);
		assert_null(story_source(s)->url);	/* the page names none */
		free(p);
	}
	storylist_free(&sl);
}

/* XHTML, and a page in ISO-8859-1 that says so. */
static void test_xhtml_latin1(void **state)
{
	struct storylist sl = { 0 };
	char *p;

	(void)state;
	read_page(&sl, "page_xhtml.xhtml");
	assert_int_equal(sl.n, 1);
	assert_string_equal(sl.stories[0].title, "Ferry timetable changes");
	p = paragraphs(&sl.stories[0]);
	assert_non_null(strstr(p, "The winter ferry timetable starts on Monday"));
	assert_non_null(strstr(p, "may ask for a refund, it said.\n"));
	free(p);
	storylist_free(&sl);

	read_page(&sl, "page_latin1.html");
	assert_int_equal(sl.n, 1);
	assert_string_equal(sl.stories[0].title, "Caf\xC3\xA9 opens");
	p = paragraphs(&sl.stories[0]);
	assert_non_null(strstr(p, "serving cr\xC3\xAApes and coffee"));
	assert_non_null(strstr(p, "Ren\xC3\xA9" "e Martin"));
	free(p);
	storylist_free(&sl);
}

/* Control bytes and bad UTF-8 in a page come out as clean text. */
static void test_dirty_bytes(void **state)
{
	static const char page[] =
		"<html><body><p>A bell\x07 rang, an escape \x1b[31m came, and a bad byte \xff"
		" was read in the middle of a long enough paragraph to be the article.</p>"
		"<p>&#7;&#x1b;Entities for control characters &amp; others &#x263A; too.</p></body></html>";
	struct storylist sl = { 0 };
	char err[256];

	(void)state;
	assert_non_null(read_bytes(&sl, page, sizeof page - 1, err, sizeof err));
	assert_int_equal(sl.n, 1);
	char *p = paragraphs(&sl.stories[0]);

	for (const unsigned char *q = (const unsigned char *)p; *q; q++)
		assert_true(*q >= 0x20 || *q == '\n');
	assert_non_null(strstr(p, "A bell rang, an escape [31m came"));
	/* not UTF-8 and no charset said: Latin-1, as browsers read it */
	assert_non_null(strstr(p, "a bad byte \xC3\xBF was read"));
	assert_non_null(strstr(p, "& others \xE2\x98\xBA too."));
	free(p);
	storylist_free(&sl);

	/* said to be UTF-8 and not: still clean text */
	static const char liar[] = "<html><head><meta charset=utf-8></head><body><p>Caf\xe9 "
		"\xff\xfe\x80 and more words after the bytes that are not UTF-8 at all.</p></body></html>";

	assert_non_null(read_bytes(&sl, liar, sizeof liar - 1, err, sizeof err));
	assert_int_equal(sl.n, 1);
	p = paragraphs(&sl.stories[0]);
	assert_non_null(strstr(p, "and more words after the bytes"));
	assert_true(u8_check((const uint8_t *)p, strlen(p)) == NULL);
	free(p);
	storylist_free(&sl);
}

/* A page nested a million deep is read without recursion; a page of too
 * many tags is refused with a reason before it is parsed. */
static void test_hostile(void **state)
{
	struct storylist sl = { 0 };
	struct sbuf b = { 0 };
	char err[256];
	struct doc *d;

	(void)state;
	sbuf_adds(&b, "<html><body>");
	for (int i = 0; i < 150000; i++)
		sbuf_adds(&b, "<div>");
	sbuf_adds(&b, "Deep inside the page, a sentence that is the only text, with commas, at the bottom.");
	d = read_bytes(&sl, b.p, b.n, err, sizeof err);
	assert_non_null(d);
	storylist_free(&sl);

	sbuf_reset(&b);
	sbuf_adds(&b, "<!DOCTYPE html><html><body>");
	for (int i = 0; i < MARKUP_MAX_TAGS; i++)
		sbuf_adds(&b, "<b>");
	d = read_bytes(&sl, b.p, b.n, err, sizeof err);
	assert_null(d);
	assert_non_null(strstr(err, "web page with more than"));
	sbuf_free(&b);
	storylist_free(&sl);
}

/* Whether any line of story s contains needle. */
static int has_text(const struct story *s, const char *needle)
{
	for (size_t i = 0; i < s->count; i++) {
		struct bstr t = line_text(s->doc, &story_lines(s)[i]);

		if (memmem(t.s, t.n, needle, strlen(needle)))
			return 1;
	}
	return 0;
}

/* The article's siblings join it as Readability has them: a box scoring
 * at least a fifth of the article (and 10) does, one scoring less does
 * not; a paragraph does when it has over 80 characters and under a
 * quarter of them in links, or up to 80, no link and a full stop. */
static void test_siblings(void **state)
{
	static const char body[] =
		"Porthmellin's harbour gates, built in 1887, were torn off in January and the fish market "
		"flooded twice in a week. The council has now agreed after a long argument about the cost "
		"to replace them with steel gates, hung on new granite piers at a cost of about two "
		"million pounds over two years of work on the quay and the walls around it.";
	static const char *const in[] = {
		"The work was done over the winter by a firm from Falmouth, which also built the breakwater in the next bay along the coast.",
		"The harbour master said the new gates would open on Monday morning at high tide.",
		"Later, as the tide turned, the boats came in, one by one, to the new quay",
	};
	static const char *const out[] = {
		"The gates will close at dusk every day in winter and at ten each night in summer",
		"Times of the gates are on the council website",
		"Photos from the opening are",
		"A list of every boat registered in the harbour",
		"Listen to the morning bulletin on our app",
	};
	struct storylist sl = { 0 };
	struct sbuf b = { 0 };
	char err[256];
	struct doc *d;

	(void)state;
	sbuf_adds(&b, "<html><head><title>Harbour gates</title></head><body><div>\n<div>");
	for (int i = 0; i < 5; i++)
		sbuf_printf(&b, "<p>%s</p>\n", body);
	sbuf_adds(&b, "</div>\n");
	/* over 80 characters, no links */
	sbuf_printf(&b, "<p>%s</p>\n", in[0]);
	/* 80 characters, no links, a full stop; the same without */
	sbuf_printf(&b, "<p>%s</p>\n<p>%s</p>\n", in[1], out[0]);
	/* 100 characters, 25 of them in a link (a space opening a text
	 * counts in the one before it, if any) */
	sbuf_adds(&b, "<p>Times of the gates are on the council website, <a href=\"/g\">on the harbour "
		  "gates page</a>, or on the quay noticeboard</p>\n");
	/* a short sentence with a link */
	sbuf_adds(&b, "<p>Photos from the opening are <a href=\"/p\">here</a>.</p>\n");
	/* a long paragraph that is mostly a link */
	sbuf_adds(&b, "<p><a href=\"/b\">A list of every boat registered in the harbour, with its owner "
		  "and its home port</a> is kept.</p>\n");
	/* boxes of one paragraph: 5 + 1 + 4 commas is 10, a fifth of the
	 * article's 5 + 5 * 7 is 8, so 10 is the bar; 5 + 1 is under it */
	sbuf_printf(&b, "<div><p>%s</p></div>\n", in[2]);
	sbuf_printf(&b, "<div><p>%s</p></div>\n", out[4]);
	sbuf_adds(&b, "</div></body></html>\n");
	d = read_bytes(&sl, b.p, b.n, err, sizeof err);
	assert_non_null(d);
	assert_int_equal(sl.n, 1);
	assert_true(has_text(&sl.stories[0], "granite piers"));
	for (size_t i = 0; i < sizeof in / sizeof *in; i++)
		if (!has_text(&sl.stories[0], in[i]))
			fail_msg("left out: %s", in[i]);
	for (size_t i = 0; i < sizeof out / sizeof *out; i++)
		if (has_text(&sl.stories[0], out[i]))
			fail_msg("taken in: %s", out[i]);
	storylist_free(&sl);
	sbuf_free(&b);
}

/* An empty page, and one with only chrome, give no reading text and no
 * crash; markup that is only a fragment still reads. */
static void test_empty(void **state)
{
	static const char *const pages[] = {
		"<html></html>", "<!DOCTYPE html>", "<html><body><nav>Home</nav></body></html>",
		"<html><body><script>x()</script></body>", "<html><p>Only one short line.",
	};
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof pages / sizeof pages[0]; i++) {
		struct storylist sl = { 0 };
		struct doc *d = read_bytes(&sl, pages[i], strlen(pages[i]), err, sizeof err);

		assert_non_null(d);
		for (size_t k = 0; k < sl.n; k++)
			assert_true(sl.stories[k].count > 0);
		if (i == 4) {
			assert_int_equal(sl.n, 1);
			assert_int_equal(sl.stories[0].words, 4);
		}
		storylist_free(&sl);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_sniff),
		cmocka_unit_test(test_article),
		cmocka_unit_test(test_live_page),
		cmocka_unit_test(test_xhtml_latin1),
		cmocka_unit_test(test_dirty_bytes),
		cmocka_unit_test(test_hostile),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_siblings),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
