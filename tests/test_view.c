/* SPDX-License-Identifier: MIT */
/* test_view.c - the view model without a terminal: rows that know their
 * bytes, byte position <-> row, and highlights by row range */
#include <config.h>

#include "search.h"
#include "testutil.h"
#include "view.h"
#include "wrap.h"

/* A dump of one story whose second line is a paragraph of n pieces
 * "mNNN needle filler text, " (so match k follows "m<k-1>"). */
static char *needles(size_t n, size_t *len)
{
	struct sbuf b = { 0 };

	sbuf_adds(&b, "A lede sentence that makes the title of the story.\n\n");
	for (size_t i = 0; i < n; i++)
		sbuf_printf(&b, "m%03zu needle filler text, ", i);
	sbuf_adds(&b, "end.\n");
	*len = b.n;
	return b.p;
}

/* The story line holding the paragraph with the needles. */
static size_t needle_line(const struct story *s)
{
	for (size_t i = 0; i < s->count; i++) {
		struct bstr t = line_text(s->doc, &story_lines(s)[i]);

		if (t.n > 1000)
			return i;
	}
	fail_msg("no long paragraph");
	return 0;
}

/* The byte offset of the k-th (1-based) "needle" in t. */
static size_t nth(struct bstr t, size_t k)
{
	const char *p = t.s, *e = t.s + t.n;

	for (;;) {
		p = memmem(p, (size_t)(e - p), "needle", 6);
		assert_non_null(p);
		if (--k == 0)
			return (size_t)(p - t.s);
		p++;
	}
}

/* Assert that match k of the paragraph is highlighted on its row. */
static void assert_lit(struct view *v, const struct story *s, struct search *se,
		       size_t line, size_t k)
{
	struct bstr t = line_text(s->doc, &story_lines(s)[line]);
	size_t off = nth(t, k), r = view_row_of(v, line, off), n, cap = 0, lit = 0;
	struct view_span *sp = NULL;
	struct sbuf text = { 0 };

	n = view_hits(v, s, 0, se, r, r + 1, &sp, &cap);
	view_row_text(v, s, r, &text);
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(sp[i].row, r);
		assert_true(sp[i].to <= text.n);
		assert_memory_equal(text.p + sp[i].from, "needle", 6);
		lit += sp[i].start == off;
	}
	assert_int_equal(lit, 1);
	free(sp);
	sbuf_free(&text);
}

/* A match broken over two rows (a word wider than the pane) is lit on
 * each row asked for, and only on the rows asked for: the reader asks for
 * the rows it shows, and a span below them would be drawn off the pane. */
static void test_straddle(void **state)
{
	static const char text[] = "A lede sentence that makes the title of the story.\n\n"
				   "Haystack needle haystack.\n";
	struct storylist sl = { 0 };
	size_t n, cap = 0, line, r;
	struct view v;
	struct view_span *sp = NULL;
	struct search *se;
	struct bstr t;

	(void)state;
	test_parse(&sl, text, sizeof text - 1, SEG_EXPLICIT);
	assert_int_equal(sl.n, 1);
	se = search_new(&sl);
	assert_int_equal(search_set_query(se, "needle", 6), 1);
	view_init(&v);
	view_layout(&v, &sl.stories[0], 0, 4, 0, 1);	/* "need" "le" */
	for (line = 0; line < sl.stories[0].count; line++) {
		t = line_text(sl.stories[0].doc, &story_lines(&sl.stories[0])[line]);
		if (t.n && memmem(t.s, t.n, "needle", 6))
			break;
	}
	assert_true(line < sl.stories[0].count);
	t = line_text(sl.stories[0].doc, &story_lines(&sl.stories[0])[line]);
	r = view_row_of(&v, line, (size_t)((const char *)memmem(t.s, t.n, "needle", 6) - t.s));
	for (size_t k = 0; k < 2; k++, r++) {
		n = view_hits(&v, &sl.stories[0], 0, se, r, r + 1, &sp, &cap);
		assert_int_equal(n, 1);
		assert_int_equal(sp[0].row, r);
	}
	n = view_hits(&v, &sl.stories[0], 0, se, r - 2, r, &sp, &cap);
	assert_int_equal(n, 2);			/* both rows together */
	free(sp);
	view_free(&v);
	search_free(se);
	storylist_free(&sl);
}

/* The 300th and 400th matches of one paragraph are highlighted, and every
 * one of its 400 is, when all its rows are asked for. */
static void test_many_matches(void **state)
{
	struct storylist sl = { 0 };
	size_t len, n, cap = 0, line;
	char *text = needles(400, &len);
	struct view v;
	struct view_span *sp = NULL;
	struct search *se;

	(void)state;
	test_parse(&sl, text, len, SEG_EXPLICIT);
	assert_int_equal(sl.n, 1);
	se = search_new(&sl);
	assert_int_equal(search_set_query(se, "needle", 6), 1);
	view_init(&v);
	view_layout(&v, &sl.stories[0], 0, 60, 0, 1);
	line = needle_line(&sl.stories[0]);
	assert_lit(&v, &sl.stories[0], se, line, 300);
	assert_lit(&v, &sl.stories[0], se, line, 400);
	assert_lit(&v, &sl.stories[0], se, line, 1);
	n = view_hits(&v, &sl.stories[0], 0, se, 0, v.nrows, &sp, &cap);
	assert_int_equal(n, 400);
	/* a match in the story's first line is lit too (not in the title
	 * above it) */
	assert_int_equal(search_set_query(se, "lede", 4), 1);
	n = view_hits(&v, &sl.stories[0], 0, se, 0, v.nrows, &sp, &cap);
	assert_int_equal(n, 1);
	assert_int_equal(v.rows[sp[0].row].line, 0);
	free(sp);
	view_free(&v);
	search_free(se);
	storylist_free(&sl);
	free(text);
}

/* A long paragraph (words, then CJK with no space, several pieces long):
 * rows cover its bytes in order (only spaces between), each row's text
 * is as wide as the row says and fits, and row <-> byte position agree. */
static void test_rows_and_positions(void **state)
{
	struct storylist sl = { 0 };
	struct sbuf b = { 0 }, text = { 0 };
	struct view v;
	size_t line, prev_end = 0, prev_line = (size_t)-1;

	(void)state;
	sbuf_adds(&b, "A lede sentence that makes the title of the story.\n\n");
	for (int i = 0; i < 6000; i++)
		sbuf_printf(&b, "word%d ", i);
	for (int i = 0; i < 30000; i++)
		sbuf_adds(&b, i % 7 ? "\xE6\x98\x9F" : "\xE6\x9D\x91");	/* 星 村 */
	sbuf_adds(&b, "\n");
	test_parse(&sl, b.p, b.n, SEG_EXPLICIT);
	assert_int_equal(sl.n, 1);
	view_init(&v);
	view_layout(&v, &sl.stories[0], 0, 40, 0, 1);
	line = needle_line(&sl.stories[0]);
	struct bstr t = line_text(sl.stories[0].doc, &story_lines(&sl.stories[0])[line]);

	assert_true(t.n > 2 * VIEW_PIECE);
	for (size_t r = 0; r < v.nrows; r++) {
		size_t l, off;

		if (v.rows[r].kind != VIEW_TEXT)
			continue;
		view_pos(&v, r, &l, &off);
		if (l != line) {
			assert_true(l < line);
			continue;
		}
		assert_int_equal(view_row_of(&v, l, off), r);
		assert_int_equal(view_row_of(&v, l, off + v.rows[r].len - 1), r);
		view_row_text(&v, &sl.stories[0], r, &text);
		assert_int_equal(wrap_width(text.p, text.n), v.rows[r].cols);
		assert_true(v.rows[r].cols <= 40);
		if (l == prev_line)
			for (size_t k = prev_end; k < off; k++)
				assert_int_equal(t.s[k], ' ');
		else if (prev_line == line)
			fail_msg("rows of the long line after rows of another");
		else
			assert_int_equal(off, 0);
		prev_line = l;
		prev_end = off + v.rows[r].len;
	}
	assert_int_equal(prev_end, t.n);
	view_free(&v);
	sbuf_free(&text);
	sbuf_free(&b);
	storylist_free(&sl);
}

/* Every paragraph of a story is laid out, the first too, in order: each
 * has rows of its own, the first starting at its first byte, a blank
 * row before it, and the rows' text joined is the paragraph's. */
static void test_every_line(void **state)
{
	static const char dump[] =
		"Ferry services to the northern isles were cancelled on Friday as gales reached the coast.\n\n"
		"The operator said sailings would resume once the wind had dropped below forty knots.\n\n"
		"Passengers were offered refunds or places on the first crossing of the weekend.\n";
	struct storylist sl = { 0 };
	struct sbuf text = { 0 }, joined = { 0 };
	struct view v;
	const struct story *st;
	size_t paras = 0;

	(void)state;
	test_parse(&sl, dump, strlen(dump), SEG_EXPLICIT);
	assert_int_equal(sl.n, 1);
	st = &sl.stories[0];
	view_init(&v);
	view_layout(&v, st, 0, 30, 0, 1);
	for (size_t i = 0; i < st->count; i++) {
		struct bstr t = line_text(st->doc, &story_lines(st)[i]);
		size_t r = view_row_of(&v, i, 0);

		if (story_lines(st)[i].kind != LK_PARAGRAPH)
			continue;
		paras++;
		assert_true(r > 0 && r < v.nrows);
		assert_int_equal(v.rows[r].line, (int)i);
		assert_int_equal(v.rows[r].kind, VIEW_TEXT);
		assert_int_equal(v.rows[r - 1].kind, VIEW_BLANK);
		sbuf_reset(&joined);
		for (; r < v.nrows && v.rows[r].line == (int)i; r++) {
			view_row_text(&v, st, r, &text);
			if (joined.n)
				sbuf_adds(&joined, " ");
			sbuf_add(&joined, text.p, text.n);
		}
		assert_int_equal(joined.n, t.n);
		assert_memory_equal(joined.p, t.s, t.n);
	}
	assert_true(paras >= 2);
	view_free(&v);
	sbuf_free(&text);
	sbuf_free(&joined);
	storylist_free(&sl);
}

/* A stripped line shown starts with its label; a layout again at another
 * width finds the same byte on a row of its own. */
static void test_stripped_label(void **state)
{
	static const char dump[] =
		"The minister said the harbour would open again next week.\n"
		"Image: a crowd at the harbour gates\n"
		"More text of the story follows here, at some length.\n";
	struct storylist sl = { 0 };
	struct sbuf text = { 0 };
	struct view v;
	int seen = 0;

	(void)state;
	test_parse(&sl, dump, sizeof dump - 1, SEG_EXPLICIT);
	view_init(&v);
	view_layout(&v, &sl.stories[0], 0, 30, 1, 1);
	for (size_t r = 0; r < v.nrows; r++) {
		if (v.rows[r].kind != VIEW_STRIPPED || seen++)
			continue;
		view_row_text(&v, &sl.stories[0], r, &text);
		assert_true(text.n > 2 && text.p[0] == '[');
		assert_non_null(memchr(text.p, ']', text.n));
	}
	assert_true(seen > 0);
	view_layout(&v, &sl.stories[0], 0, 30, 0, 1);
	for (size_t r = 0; r < v.nrows; r++)
		assert_int_not_equal(v.rows[r].kind, VIEW_STRIPPED);
	view_free(&v);
	sbuf_free(&text);
	storylist_free(&sl);
}

/* The URLs shown on rows: a URL wrapped over rows is a piece a row, each
 * naming the whole URL's bytes, and the pieces' display text put
 * together reads the URL; the title and rows outside the range have
 * none. */
static void test_links(void **state)
{
	static const char dump[] =
		"The council published its report on the floods on Monday morning.\n"
		"Read https://example.org/reports/2026/floods/the-whole-report-in-full.html "
		"now, or the summary at http://b.example/s.\n";
	static const char u1[] = "https://example.org/reports/2026/floods/the-whole-report-in-full.html";
	struct storylist sl = { 0 };
	struct sbuf text = { 0 }, got[2] = { { 0 }, { 0 } };
	struct view_link *lk = NULL;
	struct view v;
	size_t n, cap = 0, pieces1 = 0;

	(void)state;
	test_parse(&sl, dump, sizeof dump - 1, SEG_EXPLICIT);
	view_init(&v);
	view_layout(&v, &sl.stories[0], 0, 24, 0, 1);
	n = view_links(&v, &sl.stories[0], 0, v.nrows, &lk, &cap);
	assert_true(n >= 3);
	for (size_t i = 0; i < n; i++) {
		const struct story *s = &sl.stories[0];
		struct bstr t = line_text(s->doc, &story_lines(s)[lk[i].line]);
		int which = lk[i].e - lk[i].b == sizeof u1 - 1 ? 0 : 1;

		assert_int_equal(v.rows[lk[i].row].kind, VIEW_TEXT);
		assert_true(i == 0 || lk[i].row > lk[i - 1].row || lk[i].from >= lk[i - 1].to);
		if (which == 0) {
			assert_memory_equal(t.s + lk[i].b, u1, sizeof u1 - 1);
			pieces1++;
		} else {
			assert_memory_equal(t.s + lk[i].b, "http://b.example/s", lk[i].e - lk[i].b);
		}
		view_row_text(&v, s, lk[i].row, &text);
		assert_true(lk[i].to <= text.n && lk[i].from < lk[i].to);
		sbuf_add(&got[which], text.p + lk[i].from, lk[i].to - lk[i].from);
	}
	assert_true(pieces1 >= 3);		/* wrapped over rows */
	assert_int_equal(got[0].n, sizeof u1 - 1);
	assert_memory_equal(got[0].p, u1, got[0].n);
	assert_int_equal(got[1].n, strlen("http://b.example/s"));
	assert_memory_equal(got[1].p, "http://b.example/s", got[1].n);
	/* a range without the URLs' rows, and the title row alone, have none */
	assert_int_equal(view_links(&v, &sl.stories[0], 0, 1, &lk, &cap), 0);
	assert_int_equal(view_links(&v, &sl.stories[0], lk[0].row, lk[0].row + 1, &lk, &cap), 1);
	free(lk);
	view_free(&v);
	sbuf_free(&text);
	sbuf_free(&got[0]);
	sbuf_free(&got[1]);
	storylist_free(&sl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_many_matches),
		cmocka_unit_test(test_straddle),
		cmocka_unit_test(test_rows_and_positions),
		cmocka_unit_test(test_every_line),
		cmocka_unit_test(test_stripped_label),
		cmocka_unit_test(test_links),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
