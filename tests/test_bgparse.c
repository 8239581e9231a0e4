/* SPDX-License-Identifier: MIT */
/* test_bgparse.c - the provisional document of a long dump's first lines,
 * the whole dump parsed on a second thread (the same stories as a parse
 * here), and the whole parse put in place of the provisional one with
 * the place shown kept (the same line, in the story holding it) */
#include <config.h>

#include <poll.h>

#include "testutil.h"
#include "bgparse.h"

/* Copies of the sample in the test dump. */
#define COPIES 12

/* The sample COPIES times over, as a document named name. */
static struct doc *sample_doc(const char *name)
{
	const char *dir = getenv("TNEWS_DATADIR");
	char path[4096], err[256];
	struct sbuf b = { 0 };
	struct doc *one, *d;

	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/sample.txt", dir);
	one = input_read(path, err, sizeof err);
	assert_non_null(one);
	for (int i = 0; i < COPIES; i++) {
		sbuf_add(&b, one->text, one->len);
		sbuf_add(&b, "\n\n", 2);
	}
	d = input_from_bytes(name, b.p, b.n, err, sizeof err);
	assert_non_null(d);
	doc_free(one);
	sbuf_free(&b);
	return d;
}

/* The provisional document has d's lines that end within max bytes, as
 * d has them (offsets, lengths, physical line numbers), and their text
 * (d's own, shared); the next line of d ends past max. */
static void test_prefix_lines(void **state)
{
	struct doc *d = sample_doc("dump"), *p;
	size_t max = d->len / 3;
	(void)state;

	p = bgparse_prefix(d, max);
	assert_non_null(p);
	assert_true(p->nlines > 0 && p->nlines < d->nlines);
	for (size_t i = 0; i < p->nlines; i++) {
		assert_int_equal(p->lines[i].off, d->lines[i].off);
		assert_int_equal(p->lines[i].len, d->lines[i].len);
		assert_int_equal(doc_lineno(p, i), doc_lineno(d, i));
		assert_true(p->lines[i].off + p->lines[i].len <= max);
	}
	assert_true(d->lines[p->nlines].off + d->lines[p->nlines].len > max);
	assert_ptr_equal(p->text, d->text);
	assert_int_equal(p->len, p->lines[p->nlines - 1].off + p->lines[p->nlines - 1].len);
	assert_string_equal(p->name, "dump");
	assert_int_equal(p->raw_len, d->raw_len);
	assert_int_equal(p->src, SRC_TEXT);
	doc_free(p);
	doc_free(d);
}

/* None when every line is within max; one line when the first is longer;
 * none for a page. */
static void test_prefix_edges(void **state)
{
	static const char page[] = "<!DOCTYPE html><html><body><article><p>One short "
				   "paragraph of the article.</p></article></body></html>";
	static const char text[] = "A first line of forty bytes or so, long.\nSecond.\nThird.\n";
	struct doc *d = sample_doc("dump"), *p, *t;
	(void)state;

	assert_null(bgparse_prefix(d, d->len));
	t = test_doc(text, sizeof text - 1);
	p = bgparse_prefix(t, 5);
	assert_non_null(p);
	assert_int_equal(p->nlines, 1);
	assert_int_equal(p->len, 40);
	assert_memory_equal(p->text, "A first line of forty bytes or so, long.", 40);
	doc_free(p);
	doc_free(t);
	t = test_doc(page, sizeof page - 1);
	assert_int_not_equal(t->src, SRC_TEXT);
	assert_null(bgparse_prefix(t, 1));
	doc_free(t);
	doc_free(d);
}

/* The text a provisional document shares with the whole one stays for
 * whichever is freed last (the reader may let go of either first), and
 * lines appended to the provisional one go to a copy of its own, the
 * whole one's text as it was (run under valgrind or the sanitizers, a
 * text freed early or written through is an error). */
static void test_prefix_shared(void **state)
{
	static const char text[] = "First line.\nSecond line.\nThird line, the last.\n";
	char err[256];
	(void)state;

	for (int whole_first = 0; whole_first < 2; whole_first++) {
		struct doc *d = input_from_bytes("t", text, sizeof text - 1, err, sizeof err);
		struct doc *p = bgparse_prefix(d, 12), *keep;

		assert_non_null(p);
		assert_ptr_equal(p->text, d->text);
		doc_free(whole_first ? d : p);
		keep = whole_first ? p : d;
		assert_memory_equal(keep->text, "First line.", 11);
		doc_free(keep);
	}
	struct doc *d = input_from_bytes("t", text, sizeof text - 1, err, sizeof err);
	struct doc *p = bgparse_prefix(d, 12);

	assert_non_null(p);
	p->raw_eol = 1;
	assert_int_equal(input_append(p, "More.\n", 6), 0);
	assert_ptr_not_equal(p->text, d->text);
	assert_int_equal(p->nlines, 2);
	assert_memory_equal(p->text + p->lines[1].off, "More.", 5);
	assert_string_equal(d->text, text);
	doc_free(d);
	doc_free(p);
}

/* Wait (without a timeout of our own) for the parse to say it is done. */
static void wait_done(struct bgparse *b)
{
	struct pollfd p = { .fd = bgparse_fd(b), .events = POLLIN };

	while (!bgparse_done(b))
		poll(&p, 1, 1000);
	assert_int_equal(bgparse_progress(b), 1000);
}

/* Whether two story lists have the same stories: lines, titles, words. */
static void assert_same_stories(const struct storylist *x, const struct storylist *y)
{
	assert_int_equal(x->n, y->n);
	for (size_t i = 0; i < x->n; i++) {
		assert_int_equal(x->stories[i].first, y->stories[i].first);
		assert_int_equal(x->stories[i].count, y->stories[i].count);
		assert_int_equal(x->stories[i].words, y->stories[i].words);
		assert_string_equal(x->stories[i].title, y->stories[i].title);
	}
}

/* The parse on the thread finds what a parse here finds, and says that
 * it is done through its descriptor. */
static void test_thread_same(void **state)
{
	struct rules *r = test_rules();
	struct storylist here = { 0 }, there = { 0 };
	struct doc *d = sample_doc("dump");
	struct bgparse *b;
	(void)state;

	parse_doc(&here, sample_doc("dump"), r, SEG_AUTO);
	b = bgparse_start(d, r, SEG_AUTO);
	assert_non_null(b);
	wait_done(b);
	bgparse_finish(b, &there);
	assert_int_equal(there.ndocs, 1);
	assert_ptr_equal(there.docs[0], d);
	assert_true(here.n > COPIES);
	assert_same_stories(&here, &there);
	for (size_t i = 0; i < d->nlines; i++)
		assert_int_equal(d->lines[i].kind, here.docs[0]->lines[i].kind);
	storylist_free(&here);
	storylist_free(&there);
	rules_free(r);
}

/* Cancelled at once: the thread stops and frees what it made; the
 * document stays the caller's. */
static void test_cancel(void **state)
{
	struct rules *r = test_rules();
	struct doc *d = sample_doc("dump");
	struct bgparse *b = bgparse_start(d, r, SEG_AUTO);
	(void)state;

	assert_non_null(b);
	bgparse_cancel(b);
	bgparse_cancel(NULL);
	assert_true(d->nlines > 0);
	doc_free(d);
	rules_free(r);
}

/* A document whose parse is no longer wanted (doc.stop set) is left
 * as the rules decided it: the line model decides none of its lines,
 * where it decides some of the same document's otherwise. */
static void test_stop_classify(void **state)
{
	struct rules *r = test_rules();
	struct doc *d = sample_doc("dump");
	atomic_int stop = 1;
	size_t model = 0, other = 0;
	(void)state;

	rules_classify_doc(r, d);
	for (size_t i = 0; i < d->nlines; i++)
		model += !(d->lines[i].flags & LF_RULE) && d->lines[i].kind != LK_PARAGRAPH;
	assert_true(model > 0);
	d->stop = &stop;
	rules_classify_doc(r, d);
	for (size_t i = 0; i < d->nlines; i++)
		other += !(d->lines[i].flags & LF_RULE) && d->lines[i].kind != LK_PARAGRAPH;
	assert_int_equal(other, 0);
	d->stop = NULL;
	doc_free(d);
	rules_free(r);
}

/* A list of three documents, the middle one provisional (the first
 * lines of whole): small, prefix, small. */
static void three_docs(struct storylist *sl, const struct rules *r, struct doc *whole)
{
	static const char a[] = "The council voted on Tuesday to close the old library "
				"after a review found the building unsafe, officials said.\n";
	static const char c[] = "Rain is expected across the north on Friday, with "
				"winds strong enough to close the bridges, forecasters said.\n";

	parse_doc(sl, test_doc(a, sizeof a - 1), r, SEG_AUTO);
	parse_doc(sl, bgparse_prefix(whole, whole->len / 3), r, SEG_AUTO);
	parse_doc(sl, test_doc(c, sizeof c - 1), r, SEG_AUTO);
}

/* The whole parse in place of the provisional one: the other documents'
 * stories as they were, before and after it; its stories those of the
 * whole parse; and every place in a provisional story (its line) is in
 * the story that holds the same line of the whole document. */
static void test_put_doc(void **state)
{
	struct rules *r = test_rules();
	struct storylist sl = { 0 }, tmp = { 0 }, ref = { 0 };
	struct doc *whole = sample_doc("dump"), *pre;
	size_t b, e, nb, ne, before, after, *li;
	char **text;
	(void)state;

	three_docs(&sl, r, whole);
	pre = sl.docs[1];
	storylist_doc_range(&sl, pre, &b, &e);
	assert_true(b > 0 && e < sl.n && e - b > 2);
	before = b;
	after = sl.n - e;
	/* each provisional story's second line (or first): a place shown */
	li = malloc((e - b) * sizeof *li);
	text = malloc((e - b) * sizeof *text);
	for (size_t i = b; i < e; i++) {
		const struct story *s = &sl.stories[i];

		li[i - b] = s->first + (s->count > 1);
		text[i - b] = strdup(test_line(pre, li[i - b]));
	}
	parse_doc(&ref, sample_doc("dump"), r, SEG_AUTO);
	parse_doc(&tmp, whole, r, SEG_AUTO);
	storylist_put_doc(&sl, 1, &tmp);
	assert_null(tmp.stories);
	assert_int_equal(tmp.n, 0);
	assert_int_equal(sl.ndocs, 3);
	assert_ptr_equal(sl.docs[1], whole);
	storylist_doc_range(&sl, whole, &nb, &ne);
	assert_int_equal(nb, before);
	assert_int_equal(sl.n - ne, after);
	assert_ptr_equal(sl.stories[0].doc, sl.docs[0]);
	assert_ptr_equal(sl.stories[sl.n - 1].doc, sl.docs[2]);
	assert_int_equal(ne - nb, ref.n);
	for (size_t i = nb; i < ne; i++) {
		assert_int_equal(sl.stories[i].first, ref.stories[i - nb].first);
		assert_int_equal(sl.stories[i].count, ref.stories[i - nb].count);
	}
	for (size_t i = 0; i < e - b; i++) {
		size_t j = storylist_holding(&sl, whole, li[i]);
		const struct story *s = &sl.stories[j];

		assert_ptr_equal(s->doc, whole);
		assert_true(s->first <= li[i] && li[i] < s->first + s->count);
		assert_string_equal(test_line(whole, li[i]), text[i]);
		free(text[i]);
	}
	free(li);
	free(text);
	storylist_free(&ref);
	storylist_free(&sl);
	rules_free(r);
}

/* A document without stories yet (its parse not begun): the whole
 * parse's stories go after those of the documents before it. */
static void test_put_doc_empty(void **state)
{
	struct rules *r = test_rules();
	struct storylist sl = { 0 }, tmp = { 0 };
	struct doc *whole = sample_doc("dump");
	size_t b, e, first;
	(void)state;

	three_docs(&sl, r, whole);
	storylist_doc_range(&sl, sl.docs[1], &b, &e);
	/* take the middle document's stories out, as if not parsed yet */
	for (size_t i = b; i < e; i++)
		free(sl.stories[i].title);
	memmove(sl.stories + b, sl.stories + e, (sl.n - e) * sizeof *sl.stories);
	sl.n -= e - b;
	first = b;
	storylist_doc_range(&sl, sl.docs[1], &b, &e);
	assert_int_equal(b, sl.n);
	parse_doc(&tmp, whole, r, SEG_AUTO);
	storylist_put_doc(&sl, 1, &tmp);
	storylist_doc_range(&sl, whole, &b, &e);
	assert_int_equal(b, first);
	assert_ptr_equal(sl.stories[sl.n - 1].doc, sl.docs[2]);
	assert_int_equal(e, sl.n - 1);
	storylist_free(&sl);
	rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_prefix_lines),
		cmocka_unit_test(test_prefix_edges),
		cmocka_unit_test(test_prefix_shared),
		cmocka_unit_test(test_thread_same),
		cmocka_unit_test(test_cancel),
		cmocka_unit_test(test_stop_classify),
		cmocka_unit_test(test_put_doc),
		cmocka_unit_test(test_put_doc_empty),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
