/* SPDX-License-Identifier: MIT */
/* test_listrows.c - the list's rows without a terminal: a heading over
 * each file's stories when several files are open, found by story */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "listrows.h"
#include "xmalloc.h"

/* A storylist of ndocs files with per[k] stories each (no text). */
static void make(struct storylist *sl, struct doc *docs, size_t ndocs, const size_t *per)
{
	memset(sl, 0, sizeof *sl);
	sl->docs = xcalloc(ndocs, sizeof *sl->docs);
	sl->ndocs = ndocs;
	for (size_t k = 0; k < ndocs; k++) {
		sl->docs[k] = &docs[k];
		for (size_t i = 0; i < per[k]; i++) {
			sl->stories = xrealloc(sl->stories, (sl->n + 1) * sizeof *sl->stories);
			memset(&sl->stories[sl->n], 0, sizeof *sl->stories);
			sl->stories[sl->n++].doc = &docs[k];
		}
	}
}

/* Three files of 2, 3 and 1 stories, all shown: a heading over each. */
static void test_headings(void **state)
{
	struct doc docs[3] = { 0 };
	const size_t per[3] = { 2, 3, 1 }, vis[6] = { 0, 1, 2, 3, 4, 5 };
	struct storylist sl;
	struct lrows r = { 0 };
	/* expected: H0 s0 s1 H1 s2 s3 s4 H2 s5 */
	const int head[9] = { 1, 0, 0, 1, 0, 0, 0, 1, 0 };
	const size_t story[9] = { 0, 0, 1, 2, 2, 3, 4, 5, 5 }, doc[9] = { 0, 0, 0, 1, 1, 1, 1, 2, 2 };

	(void)state;
	make(&sl, docs, 3, per);
	lrows_build(&r, &sl, vis, 6);
	assert_int_equal(r.n, 9);
	assert_true(r.headings);
	for (size_t i = 0; i < 9; i++) {
		assert_int_equal(r.row[i].head, head[i]);
		assert_int_equal(r.row[i].story, story[i]);
		assert_int_equal(r.row[i].doc, doc[i]);
	}
	/* a story's row is never its heading */
	assert_int_equal(lrows_find(&r, 0), 1);
	assert_int_equal(lrows_find(&r, 1), 2);
	assert_int_equal(lrows_find(&r, 2), 4);
	assert_int_equal(lrows_find(&r, 4), 6);
	assert_int_equal(lrows_find(&r, 5), 8);
	assert_int_equal(lrows_find(&r, 6), 9);
	/* the first story of a file keeps its heading in view */
	assert_int_equal(lrows_top_of(&r, 4), 3);
	assert_int_equal(lrows_top_of(&r, 5), 5);
	assert_int_equal(lrows_top_of(&r, 1), 0);
	assert_int_equal(lrows_top_of(&r, 0), 0);
	lrows_free(&r);
	free(sl.stories);
	free(sl.docs);
}

/* A filter that hides a file's stories hides its heading; the heading
 * of a file stands over its first shown story. */
static void test_filtered(void **state)
{
	struct doc docs[3] = { 0 };
	const size_t per[3] = { 2, 3, 1 }, vis[3] = { 1, 3, 4 };
	struct storylist sl;
	struct lrows r = { 0 };

	(void)state;
	make(&sl, docs, 3, per);
	lrows_build(&r, &sl, vis, 3);
	assert_int_equal(r.n, 5);	/* H0 s1 H1 s3 s4 */
	assert_true(r.row[0].head && r.row[0].story == 1 && r.row[0].doc == 0);
	assert_true(r.row[2].head && r.row[2].story == 3 && r.row[2].doc == 1);
	assert_int_equal(lrows_find(&r, 2), 2);	/* not shown: the next row */
	assert_int_equal(lrows_find(&r, 3), 3);
	lrows_free(&r);
	free(sl.stories);
	free(sl.docs);
}

/* One file: no headings. */
static void test_one_file(void **state)
{
	struct doc docs[1] = { 0 };
	const size_t per[1] = { 3 }, vis[3] = { 0, 1, 2 };
	struct storylist sl;
	struct lrows r = { 0 };

	(void)state;
	make(&sl, docs, 1, per);
	lrows_build(&r, &sl, vis, 3);
	assert_int_equal(r.n, 3);
	assert_false(r.headings);
	for (size_t i = 0; i < 3; i++)
		assert_false(r.row[i].head);
	assert_int_equal(lrows_find(&r, 2), 2);
	lrows_free(&r);
	free(sl.stories);
	free(sl.docs);
}

/* Unread and total of a file's stories, whatever the filter. */
static void test_count(void **state)
{
	struct doc docs[3] = { 0 };
	const size_t per[3] = { 2, 3, 1 };
	const unsigned char read[6] = { 1, 1, 0, 1, 2, 0 };
	struct storylist sl;
	size_t unread, total;
	char buf[32];

	(void)state;
	make(&sl, docs, 3, per);
	lrows_count(&sl, read, 0, &unread, &total);
	assert_int_equal(unread, 0);
	assert_int_equal(total, 2);
	lrows_count(&sl, read, 3, &unread, &total);	/* updated counts as unread */
	assert_int_equal(unread, 2);
	assert_int_equal(total, 3);
	lrows_count(&sl, read, 5, &unread, &total);
	assert_int_equal(unread, 1);
	assert_int_equal(total, 1);
	/* folded: story 1 is an older version of 3's article, story 4 of 5's:
	 * the first file counts its one row, the second its two */
	uint32_t group[6] = { 1, 2, 3, 2, 4, 4 }, latest[4] = { 0, 3, 2, 5 };
	struct fold f = { .n = 6, .group = group, .glatest = latest, .ngroups = 4 };

	lrows_count_latest(&sl, read, &f, 0, &unread, &total);
	assert_int_equal(unread, 0);
	assert_int_equal(total, 1);
	lrows_count_latest(&sl, read, &f, 4, &unread, &total);
	assert_int_equal(unread, 1);	/* 2 and 3 are rows, 3 read; 4 folded */
	assert_int_equal(total, 2);
	lrows_count_latest(&sl, read, &f, 5, &unread, &total);
	assert_int_equal(unread, 1);
	assert_int_equal(total, 1);
	f.n = 0;			/* nothing folded yet: every story */
	lrows_count_latest(&sl, read, &f, 3, &unread, &total);
	assert_int_equal(unread, 2);
	assert_int_equal(total, 3);
	lrows_count_text(2, 3, buf, sizeof buf);
	assert_string_equal(buf, "2/3");
	free(sl.stories);
	free(sl.docs);
}

/* A list's stories are its first n: the room a growing array keeps past
 * them (sl->cap, filled with whatever it held) is no story of the last
 * file's, neither in its count nor its unread. */
static void test_count_room(void **state)
{
	struct doc docs[2] = { 0 };
	const unsigned char read[5] = { 1, 0, 1, 0, 0 };
	struct story room[5] = { 0 };
	struct storylist sl = { 0 };
	size_t unread, total;

	(void)state;
	/* file 0: story 0; file 1: stories 1 and 2; room for two more */
	for (size_t i = 0; i < 5; i++)
		room[i].doc = &docs[i == 0 ? 0 : 1];
	sl.stories = room;
	sl.n = 3;
	sl.cap = 5;
	lrows_count(&sl, read, 2, &unread, &total);
	assert_int_equal(total, 2);
	assert_int_equal(unread, 1);
	lrows_count(&sl, read, 1, &unread, &total);
	assert_int_equal(total, 2);
	lrows_count(&sl, read, 0, &unread, &total);
	assert_int_equal(total, 1);
	assert_int_equal(unread, 0);
	lrows_count(&sl, read, 3, &unread, &total);	/* past the end: none */
	assert_int_equal(total, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_headings),
		cmocka_unit_test(test_filtered),
		cmocka_unit_test(test_one_file),
		cmocka_unit_test(test_count),
		cmocka_unit_test(test_count_room),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
