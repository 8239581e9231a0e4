/* SPDX-License-Identifier: MIT */
/* test_fold.c - folding the same article across dumps: the method on
 * small cases, and pair precision and recall on dumps generated from the
 * project's own stories (data/sample.txt and tests/data/fold_stories.txt),
 * where 30% of each later dump's stories are copies of earlier ones:
 * identical, a paragraph added, removed or reworded, the lede rewritten,
 * or the furniture changed.  FOLD_WRITE_DIR=DIR writes the dumps of the
 * first trial there, for measuring with tnews itself. */
#include <config.h>

#include "changes.h"
#include "fold.h"
#include "testutil.h"
#include "xmalloc.h"

/* Fold the stories of a text parsed with explicit segmentation. */
static void fold_text(struct storylist *sl, struct fold *f, const char *text)
{
	memset(sl, 0, sizeof *sl);
	test_parse(sl, text, strlen(text), SEG_EXPLICIT);
	fold_stories(f, sl);
}

/* The four stories of test_versions folded: story 0, its copy 2 that
 * differs in furniture only and 3 with a paragraph added are one
 * article; story 1 another. */
static void versions_fold(struct storylist *sl, struct fold *f)
{
	const char *p1 = "The harbour at Carrick Point will close for a fortnight next month while engineers repair the sea wall damaged in the winter storms, the port authority said.\n";
	const char *p2 = "Fishing boats will be moved to the marina at Saltmarsh Bay, where the authority has hired extra moorings for the duration of the work.\n";
	const char *p3 = "Local traders said they had been told about the closure only on Friday and asked for help with lost takings during the busy season.\n";
	const char *other = "A choir from Upper Brackley has won the national amateur choir of the year award at a ceremony in Northbridge, beating forty other groups from across the country.\nThe judges praised the choir's performance of a folk song arranged by its conductor, a retired music teacher who founded it in 2009.\n";
	char text[4096];

	snprintf(text, sizeof text, "%s%s%s\f%s\f%sImage: The sea wall at Carrick Point. Pic: PA\n%s%s\f%s%s%s%s",
		 p1, p2, p3, other, p1, p2, p3, p1, p2, p3,
		 "The repairs are expected to cost about two million pounds, to be shared with the county council.\n");
	fold_text(sl, f, text);
}

/* Identical copies, copies differing in furniture only, and copies with
 * a paragraph added fold; the versions count in list order and know
 * their previous version and whether they changed. */
static void test_versions(void **state)
{
	struct storylist sl;
	struct fold f;

	(void)state;
	versions_fold(&sl, &f);
	assert_int_equal(sl.n, 4);
	assert_int_equal(f.ngroups, 2);
	assert_int_equal(f.group[0], 1);
	assert_int_equal(f.group[1], 2);
	assert_int_equal(f.group[2], 1);
	assert_int_equal(f.group[3], 1);
	assert_int_equal(f.version[0], 1);
	assert_int_equal(f.version[2], 2);
	assert_int_equal(f.version[3], 3);
	assert_int_equal(f.prev[3], 2);
	assert_int_equal(f.prev[0], UINT32_MAX);
	assert_false(fold_changed(&f, 2));	/* only furniture differs */
	assert_true(fold_changed(&f, 3));	/* a paragraph added */
	assert_false(fold_changed(&f, 0));
	assert_true(fold_is_latest(&f, 3));
	assert_false(fold_is_latest(&f, 0));
	assert_true(fold_is_latest(&f, 1));
	assert_int_equal(f.gsize[0], 3);
	/* read states: the furniture-only copy shares its text's mark; the
	 * changed version is updated; reading the newest covers the older */
	unsigned char own[4] = { 1, 0, 1, 0 }, out[4];

	fold_read_states(&f, own, out);
	assert_int_equal(out[0], FOLD_READ);
	assert_int_equal(out[1], FOLD_UNREAD);
	assert_int_equal(out[2], FOLD_READ);
	assert_int_equal(out[3], FOLD_UPDATED);
	memcpy(own, (unsigned char[4]){ 0, 1, 0, 1 }, 4);
	fold_read_states(&f, own, own);
	assert_memory_equal(own, ((unsigned char[4]){ FOLD_READ, FOLD_READ, FOLD_READ, FOLD_READ }), 4);
	memset(own, 0, 4);
	fold_read_states(&f, own, out);
	assert_memory_equal(out, ((unsigned char[4]){ 0, 0, 0, 0 }), 4);
	fold_free(&f);
	storylist_free(&sl);
}

/* Marking one story read or unread: it and its identical copy take the
 * mark, the other versions keep theirs, and the states of its versions
 * come out as fold_read_states gives them for the whole list (the
 * other article's left as they were), from every start and mark. */
static void test_read_group(void **state)
{
	struct storylist sl;
	struct fold f;
	unsigned char own[4], out[4];

	(void)state;
	versions_fold(&sl, &f);
	assert_int_equal(sl.n, 4);
	for (unsigned start = 0; start < 16; start++)
		for (size_t i = 0; i < 4; i++)
			for (unsigned char mark = 0; mark <= 1; mark++) {
				unsigned char want_own[4], want[4];

				for (size_t k = 0; k < 4; k++)
					own[k] = want_own[k] = (start >> k) & 1;
				fold_read_states(&f, own, out);
				want_own[i] = mark;
				if (i == 0 || i == 2)	/* identical copies */
					want_own[2 - i] = mark;
				fold_read_states(&f, want_own, want);
				fold_read_group(&f, own, out, i, mark);
				assert_memory_equal(own, want_own, 4);
				assert_memory_equal(out, want, 4);
			}
	/* story 3 read: 0 and 2 read too (a later version is); 1 not */
	memset(own, 0, 4);
	memset(out, 0, 4);
	fold_read_group(&f, own, out, 3, FOLD_READ);
	assert_memory_equal(own, ((unsigned char[4]){ 0, 0, 0, 1 }), 4);
	assert_memory_equal(out, ((unsigned char[4]){ FOLD_READ, 0, FOLD_READ, FOLD_READ }), 4);
	/* story 0 read: 2 with it, 3 updated since */
	memset(own, 0, 4);
	fold_read_group(&f, own, out, 0, FOLD_READ);
	assert_memory_equal(own, ((unsigned char[4]){ 1, 0, 1, 0 }), 4);
	assert_memory_equal(out, ((unsigned char[4]){ FOLD_READ, 0, FOLD_READ, FOLD_UPDATED }), 4);
	fold_free(&f);
	storylist_free(&sl);
}

/* The list's rows: one per article, its newest version, at that
 * version's place; with a filter, the articles with a kept version;
 * stories past the folded ones one each.  Stepping through versions,
 * and the version to show changes against. */
static void test_rows(void **state)
{
	struct storylist sl;
	struct fold f;
	const char *p1 = "The harbour at Carrick Point will close for a fortnight next month while engineers repair the sea wall damaged in the winter storms, the port authority said.\n";
	const char *p2 = "Fishing boats will be moved to the marina at Saltmarsh Bay, where the authority has hired extra moorings for the duration of the work.\n";
	const char *other = "A choir from Upper Brackley has won the national amateur choir of the year award at a ceremony in Northbridge, beating forty other groups from across the country.\nThe judges praised the choir's performance of a folk song arranged by its conductor, a retired music teacher who founded it in 2009.\n";
	char text[4096];
	size_t out[8];
	unsigned char keep[5] = { 1, 0, 0, 0, 0 }, own[4] = { 0 };

	(void)state;
	/* article A in stories 0, 2, 3; B in 1 */
	snprintf(text, sizeof text, "%s%s\f%s\f%s%s\f%s%sMore repairs follow next year.\n",
		 p1, p2, other, p1, p2, p1, p2);
	fold_text(&sl, &f, text);
	assert_int_equal(sl.n, 4);
	assert_int_equal(fold_rows(&f, sl.n, NULL, out), 2);
	assert_int_equal(out[0], 1);
	assert_int_equal(out[1], 3);
	assert_int_equal(fold_row_story(&f, 0), 3);
	assert_int_equal(fold_row_story(&f, 2), 3);
	assert_int_equal(fold_row_story(&f, 1), 1);
	assert_int_equal(fold_row_story(&f, 7), 7);	/* not folded */
	/* the filter kept only the oldest version: the article's row stays */
	assert_int_equal(fold_rows(&f, sl.n, keep, out), 1);
	assert_int_equal(out[0], 3);
	memcpy(keep, (unsigned char[4]){ 0, 1, 0, 0 }, 4);
	assert_int_equal(fold_rows(&f, sl.n, keep, out), 1);
	assert_int_equal(out[0], 1);
	/* a story appended after folding has its own row */
	keep[4] = 1;
	assert_int_equal(fold_rows(&f, 5, NULL, out), 3);
	assert_int_equal(out[2], 4);
	assert_int_equal(fold_rows(&f, 5, keep, out), 2);
	assert_int_equal(out[1], 4);
	/* versions */
	assert_int_equal(fold_step(&f, 0, 1), 2);
	assert_int_equal(fold_step(&f, 2, 1), 3);
	assert_int_equal(fold_step(&f, 3, 1), SIZE_MAX);
	assert_int_equal(fold_step(&f, 3, -1), 2);
	assert_int_equal(fold_step(&f, 0, -1), SIZE_MAX);
	assert_int_equal(fold_step(&f, 1, 1), SIZE_MAX);
	assert_int_equal(fold_step(&f, 9, 1), SIZE_MAX);
	/* the version read before: the newest earlier one */
	assert_int_equal(fold_read_version(&f, own, 3), SIZE_MAX);
	own[0] = FOLD_READ;
	assert_int_equal(fold_read_version(&f, own, 3), 0);
	own[2] = FOLD_READ;
	assert_int_equal(fold_read_version(&f, own, 3), 2);
	assert_int_equal(fold_read_version(&f, own, 0), SIZE_MAX);
	assert_int_equal(fold_read_version(&f, own, 1), SIZE_MAX);
	assert_int_equal(fold_read_version(&f, NULL, 3), SIZE_MAX);
	fold_free(&f);
	storylist_free(&sl);
}

/* A story's changes against an older version: a paragraph kept word for
 * word is the same (case and punctuation aside), one sharing half its
 * words with a gone one is edited, one sharing less is added, and the old
 * paragraphs neither kept nor edited are removed, in order. */
static void test_changes(void **state)
{
	struct storylist sl;
	struct changes c;
	const char *old =
		"The harbour at Carrick Point will close for a fortnight next month while engineers repair the sea wall.\n"
		"Fishing boats will be moved to the marina at Saltmarsh Bay for the duration of the work.\n"
		"Local traders said they had been told about the closure only on Friday.\n"
		"The council declined to comment.\n";
	const char *now =
		"The harbour at Carrick Point will close for three weeks next month while engineers repair the sea wall.\n"
		"Image: The sea wall. Pic: PA\n"
		"Fishing boats will be moved to the marina at Saltmarsh Bay for the duration of the work!\n"
		"A spokesman for the lifeboat station said its crew would stay on call throughout.\n"
		"Local traders said they had been told about the closure only on Friday.\n";
	char text[4096];

	(void)state;
	memset(&sl, 0, sizeof sl);
	snprintf(text, sizeof text, "%s\f%s", old, now);
	test_parse(&sl, text, strlen(text), SEG_EXPLICIT);
	assert_int_equal(sl.n, 2);
	changes_compute(&c, &sl.stories[1], &sl.stories[0]);
	assert_int_equal(c.nlines, sl.stories[1].count);
	assert_int_equal(c.nlines, 5);
	assert_int_equal(c.mark[0], CHANGE_EDITED);
	assert_int_equal(c.mark[1], CHANGE_SAME);	/* a caption: not a paragraph */
	assert_int_equal(c.mark[2], CHANGE_SAME);	/* punctuation aside */
	assert_int_equal(c.mark[3], CHANGE_ADDED);
	assert_int_equal(c.mark[4], CHANGE_SAME);
	assert_int_equal(c.edited, 1);
	assert_int_equal(c.added, 1);
	assert_int_equal(c.nremoved, 1);
	assert_int_equal(c.removed[0], 3);
	changes_free(&c);
	/* against itself: nothing changed */
	changes_compute(&c, &sl.stories[0], &sl.stories[0]);
	assert_int_equal(c.edited + c.added + c.nremoved, 0);
	for (size_t i = 0; i < c.nlines; i++)
		assert_int_equal(c.mark[i], CHANGE_SAME);
	changes_free(&c);
	/* the other way round: the added paragraph is removed */
	changes_compute(&c, &sl.stories[0], &sl.stories[1]);
	assert_int_equal(c.edited, 1);
	assert_int_equal(c.added, 1);
	assert_int_equal(c.nremoved, 1);
	assert_int_equal(c.removed[0], 3);
	changes_free(&c);
	storylist_free(&sl);
}

/* The estimates count the agreeing values exactly, whatever the values
 * (zero, all ones, differing in one bit or in the top bit only). */
static void test_estimates(void **state)
{
	static const uint16_t odd[] = { 0, 0xffff, 0x8000, 0x7fff, 1, 0x0100 };
	struct fold_sig a, b;
	uint64_t x = 12345;

	(void)state;
	for (int trial = 0; trial < 200; trial++) {
		unsigned quick = 0, same = 0;

		memset(&a, 0, sizeof a);
		memset(&b, 0, sizeof b);
		a.shingles = b.shingles = 100;
		a.digest = 1;
		b.digest = 2;
		for (unsigned i = 0; i < FOLD_K; i++) {
			x = x * 6364136223846793005ULL + 1442695040888963407ULL;
			a.min[i] = trial % 2 ? odd[(x >> 33) % 6] : (uint16_t)(x >> 40);
			switch ((x >> 20) % 4) {
			case 0: b.min[i] = a.min[i]; break;
			case 1: b.min[i] = a.min[i] ^ (uint16_t)(1u << ((x >> 8) % 16)); break;
			case 2: b.min[i] = a.min[i] ^ 0x8000; break;
			default: b.min[i] = trial % 2 ? odd[(x >> 50) % 6] : (uint16_t)(x >> 24); break;
			}
			if (i < FOLD_BAND_VALUES)
				quick += a.min[i] == b.min[i];
			else
				same += a.min[i] == b.min[i];
		}
		assert_true(fold_resemblance(&a, &b) == (double)same / (FOLD_K - FOLD_BAND_VALUES));
		assert_true(fold_resemblance(&a, &a) == 1.0);
		(void)quick;
	}
}

/* Stories without reading text never fold; an empty list is fine. */
static void test_empty(void **state)
{
	struct storylist sl = { 0 };
	struct fold f;
	struct story *s;

	(void)state;
	fold_stories(&f, &sl);
	assert_int_equal(f.ngroups, 0);
	fold_free(&f);
	test_parse(&sl, "Short one.\n\fShort one.\n\fRelated Topics:\nNext.\n", 46, SEG_EXPLICIT);
	assert_int_equal(sl.n, 3);
	sl.docs[0]->lines[sl.stories[2].first].kind = LK_CHROME;
	for (int k = 0; k < 2; k++) {	/* two stories of the chrome line alone */
		s = storylist_add(&sl);
		*s = sl.stories[2];
		s->count = 1;
		s->title = xstrdup("Related Topics:");
	}
	assert_int_equal(story_paragraphs(&sl.stories[3]), 0);
	fold_stories(&f, &sl);
	assert_int_equal(f.group[0], f.group[1]);	/* identical short text */
	assert_true(f.group[3] != f.group[4]);
	assert_true(f.group[2] != f.group[3]);
	fold_free(&f);
	storylist_free(&sl);
}

/* The estimates: identical signatures agree everywhere; words are
 * compared without case and punctuation. */
static void test_signature(void **state)
{
	struct storylist sl;
	struct fold f;
	struct fold_sig a, b;
	double r, c;

	(void)state;
	fold_text(&sl, &f, "He said: “It’s the BEST day, ever, and the whole TOWN came out to see it.”\n"
		  "\fhe said it's the best day ever and the whole town came out to see it\n");
	fold_signature(&sl.stories[0], &a);
	fold_signature(&sl.stories[1], &b);
	assert_true(a.digest == b.digest);
	assert_true(fold_resemblance(&a, &b) == 1.0);
	fold_exact(&sl.stories[0], &sl.stories[1], &r, &c);
	assert_true(r == 1.0 && c == 1.0);
	assert_int_equal(f.group[0], f.group[1]);
	fold_free(&f);
	storylist_free(&sl);
	/* Words across the tokenizer's 64-byte blocks, non-ASCII letters
	 * lower-cased, and words longer than it hashes whole. */
	fold_text(&sl, &f, "The CAFÉ at Ashcombe served tea to sixty-two volunteers, who cleared extraordinarily muddy ground.\n"
		  "\f  the café at ashcombe -- served tea to SIXTY two volunteers who  cleared extraordinarily (muddy) ground\n"
		  "\fThe cafe at Ashcombe served tea to sixty-two volunteers, who cleared extraordinarily muddy ground.\n");
	fold_signature(&sl.stories[0], &a);
	fold_signature(&sl.stories[1], &b);
	assert_true(a.digest == b.digest);
	fold_signature(&sl.stories[2], &b);
	assert_true(a.digest != b.digest);	/* é is not e */
	fold_free(&f);
	storylist_free(&sl);
}

/* ---- the generated test set ---- */

/* One story as lines, with which are reading text. */
struct tstory {
	char **line;
	uint8_t *para;
	size_t n;
	int origin;		/* the pool story it is a version of */
};

/* A deterministic generator (splitmix64). */
static uint64_t rng_state;

/* The next pseudo-random number below n. */
static size_t rnd(size_t n)
{
	uint64_t x = (rng_state += 0x9e3779b97f4a7c15ULL);

	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9ULL;
	x = (x ^ (x >> 27)) * 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return (size_t)(x % n);
}

/* Append a line to a story. */
static void ts_add(struct tstory *t, const char *s, size_t len, int para)
{
	t->line = xrealloc(t->line, (t->n + 1) * sizeof *t->line);
	t->para = xrealloc(t->para, t->n + 1);
	t->line[t->n] = xmemdup(s, len);
	t->para[t->n++] = (uint8_t)para;
}

/* Insert a line at position at. */
static void ts_insert(struct tstory *t, size_t at, const char *s, int para)
{
	ts_add(t, s, strlen(s), para);
	for (size_t k = t->n - 1; k > at; k--) {
		char *l = t->line[k];
		uint8_t p = t->para[k];

		t->line[k] = t->line[k - 1];
		t->para[k] = t->para[k - 1];
		t->line[k - 1] = l;
		t->para[k - 1] = p;
	}
}

/* Remove line at. */
static void ts_remove(struct tstory *t, size_t at)
{
	free(t->line[at]);
	memmove(t->line + at, t->line + at + 1, (t->n - at - 1) * sizeof *t->line);
	memmove(t->para + at, t->para + at + 1, t->n - at - 1);
	t->n--;
}

/* A copy of a story. */
static struct tstory ts_copy(const struct tstory *s)
{
	struct tstory t = { .origin = s->origin };

	for (size_t k = 0; k < s->n; k++)
		ts_add(&t, s->line[k], strlen(s->line[k]), s->para[k]);
	return t;
}

/* Free a story's lines. */
static void ts_free(struct tstory *t)
{
	for (size_t k = 0; k < t->n; k++)
		free(t->line[k]);
	free(t->line);
	free(t->para);
}

/* The index of the k-th paragraph line (k from 0), or t->n. */
static size_t nth_para(const struct tstory *t, size_t k)
{
	for (size_t i = 0; i < t->n; i++)
		if (t->para[i] && k-- == 0)
			return i;
	return t->n;
}

/* Number of paragraph lines. */
static size_t paras(const struct tstory *t)
{
	size_t n = 0;

	for (size_t i = 0; i < t->n; i++)
		n += t->para[i];
	return n;
}

/* Paragraphs an update adds (written for this test). */
static const char *const updates[] = {
	"Update: a spokesperson confirmed the details on Wednesday afternoon and said a further statement would follow in the coming days.",
	"This article was amended on Thursday to correct the spelling of a name and to add comments from the people involved.",
	"In a statement issued late on Tuesday, the organisation said it was reviewing what had happened and would publish its findings in the new year.",
	"Additional reporting came from our regional correspondents, who spoke to people in the area on Monday morning and heard similar accounts.",
	"Figures released overnight suggest the number of people affected could be higher than first thought, although officials cautioned against speculation.",
	"Earlier this week the same group had written to local newspapers setting out its concerns, but it said it had received no reply.",
};

/* Words a rewording swaps. */
static const char *const synonyms[][2] = {
	{ "said", "stated" }, { "about", "around" }, { "more", "over" },
	{ "after", "following" }, { "will", "is set to" }, { "has", "had" },
	{ "would", "could" }, { "told", "informed" }, { "last", "previous" },
	{ "expected", "likely" }, { "people", "residents" }, { "a", "one" },
	{ "but", "though" }, { "and", "as well as" }, { "than", "compared with" },
};

/* Reword text: swap words for synonyms, change figures, and with heavy,
 * drop every third word and put the second half first. */
static char *reword(const char *text, int heavy)
{
	struct sbuf b = { 0 }, out = { 0 };
	size_t nw = 0, start = 0, len = strlen(text);
	char **w = NULL;

	for (size_t i = 0; i <= len; i++) {
		if (i < len && text[i] != ' ')
			continue;
		if (i > start) {
			w = xrealloc(w, (nw + 1) * sizeof *w);
			w[nw++] = xmemdup(text + start, i - start);
		}
		start = i + 1;
	}
	for (size_t k = 0; k < nw; k++) {
		size_t i = heavy ? (k + nw / 2) % nw : k;
		const char *s = w[i];

		if (heavy && k % 3 == 2)
			continue;
		for (size_t y = 0; y < sizeof synonyms / sizeof *synonyms; y++)
			if (!strcmp(s, synonyms[y][0]))
				s = synonyms[y][1];
		if (b.n)
			sbuf_addc(&b, ' ');
		if (*s >= '1' && *s <= '8') {
			sbuf_addc(&b, (char)(*s + 1));
			sbuf_adds(&b, s + 1);
		} else {
			sbuf_adds(&b, s);
		}
	}
	sbuf_adds(&out, heavy ? "Latest: " : "");
	sbuf_add(&out, b.p ? b.p : "", b.n);
	sbuf_free(&b);
	for (size_t k = 0; k < nw; k++)
		free(w[k]);
	free(w);
	return out.p;
}

/* Replace line at by a rewording of it. */
static void reword_line(struct tstory *t, size_t at, int heavy)
{
	char *r = reword(t->line[at], heavy);

	free(t->line[at]);
	t->line[at] = r;
}

/* The kinds of copy. */
enum { M_SAME, M_ADD, M_REMOVE, M_REWORD, M_LEDE, M_FURNITURE, M_KINDS };

/* Apply one kind of edit to a copy. */
static void mutate(struct tstory *t, int kind)
{
	size_t np = paras(t);

	switch (kind) {
	case M_ADD:
		ts_insert(t, rnd(2) ? 0 : nth_para(t, 1 + rnd(np)),
			  updates[rnd(sizeof updates / sizeof *updates)], 1);
		break;
	case M_REMOVE:
		if (np >= 3)
			ts_remove(t, nth_para(t, 1 + rnd(np - 1)));
		break;
	case M_REWORD:
		reword_line(t, nth_para(t, 1 + rnd(np - 1)), 0);
		break;
	case M_LEDE:
		reword_line(t, nth_para(t, 0), 1);
		break;
	case M_FURNITURE:
		for (size_t i = t->n; i-- > 0;)
			if (!t->para[i])
				ts_remove(t, i);
		ts_insert(t, nth_para(t, 1), "Image: A file picture used to illustrate this story. Pic: Getty Images", 0);
		ts_insert(t, t->n - 1, "More on this story", 0);
		ts_insert(t, t->n - 1, "Related Topics:", 0);
		break;
	}
}

/* The pool: every story of the sample and of fold_stories.txt, with
 * topic[] numbering same-topic clusters (0: a topic of its own). */
struct pool {
	struct tstory *s;
	int *topic;
	size_t n;
};

/* Read the pool's stories out of a parsed list. */
static void pool_take(struct pool *p, const struct storylist *sl, const int *topics)
{
	for (size_t i = 0; i < sl->n; i++) {
		const struct story *st = &sl->stories[i];
		struct tstory t = { .origin = (int)p->n };

		for (size_t k = 0; k < st->count; k++) {
			struct bstr b = line_text(st->doc, &story_lines(st)[k]);

			ts_add(&t, b.s, b.n, story_lines(st)[k].kind == LK_PARAGRAPH);
		}
		p->s = xrealloc(p->s, (p->n + 1) * sizeof *p->s);
		p->topic = xrealloc(p->topic, (p->n + 1) * sizeof *p->topic);
		p->s[p->n] = t;
		p->topic[p->n++] = topics[i];
	}
}

/* Load the pool. */
static void pool_load(struct pool *p)
{
	/* sample.txt: two rail strikes, then eight topics of their own. */
	static const int sample_topics[10] = { 1, 1 };
	/* fold_stories.txt: trial, match, floods, council budget, grain
	 * tenders (templated wire copy), then five of their own. */
	static const int own_topics[20] = { 2, 2, 2, 3, 3, 3, 4, 4, 4, 5, 5, 5, 6, 6, 6 };
	struct storylist sl = { 0 };
	char path[4096], err[256];
	struct rules *r = test_rules();
	struct doc *d;

	snprintf(path, sizeof path, "%s/sample.txt", getenv("TNEWS_DATADIR"));
	d = input_read(path, err, sizeof err);
	assert_non_null(d);
	parse_doc(&sl, d, r, SEG_AUTO);
	assert_int_equal(sl.n, 10);
	pool_take(p, &sl, sample_topics);
	storylist_free(&sl);
	memset(&sl, 0, sizeof sl);
	test_parse_file(&sl, "fold_stories.txt", SEG_EXPLICIT);
	assert_int_equal(sl.n, 20);
	pool_take(p, &sl, own_topics);
	storylist_free(&sl);
	rules_free(r);
}

/* Append a dump of stories (form feeds between them) to sl, and write
 * it to $FOLD_WRITE_DIR/dump-N.txt when asked. */
static void add_dump(struct storylist *sl, const struct rules *r, struct tstory *s,
		     size_t n, int number)
{
	struct sbuf b = { 0 };
	char err[256], name[32];
	const char *dir = getenv("FOLD_WRITE_DIR");
	struct doc *d;

	for (size_t i = 0; i < n; i++)
		for (size_t k = 0; k < s[i].n; k++) {
			if (k == 0 && i > 0)
				sbuf_addc(&b, '\f');
			sbuf_adds(&b, s[i].line[k]);
			sbuf_addc(&b, '\n');
		}
	snprintf(name, sizeof name, "dump-%d.txt", number);
	if (dir && number > 0) {
		char path[4096];
		FILE *f;

		snprintf(path, sizeof path, "%s/%s", dir, name);
		f = fopen(path, "w");
		assert_non_null(f);
		fwrite(b.p, 1, b.n, f);
		fclose(f);
	}
	d = input_from_bytes(name, b.p, b.n, err, sizeof err);
	assert_non_null(d);
	parse_doc(sl, d, r, SEG_EXPLICIT);
	sbuf_free(&b);
}

/* Pair counts over the trials. */
struct tally {
	size_t tp, fp, fn, topic_fp, copies;
	double min_res, min_cont;	/* lowest of true pairs */
	double max_res, max_cont;	/* highest of distinct same-topic pairs */
};

/* Count the pairs of one trial: truth is the origin of each story. */
static void score(struct tally *t, const struct storylist *sl, const struct fold *f,
		  const int *origin, const struct pool *p)
{
	for (size_t i = 0; i < sl->n; i++)
		for (size_t j = i + 1; j < sl->n; j++) {
			int truth = origin[i] == origin[j];
			int same_topic = !truth && p->topic[origin[i]] &&
					 p->topic[origin[i]] == p->topic[origin[j]];
			int folded = f->group[i] == f->group[j];
			double r, c;

			t->tp += truth && folded;
			t->fn += truth && !folded;
			t->fp += !truth && folded;
			t->topic_fp += same_topic && folded;
			if (!truth && !same_topic)
				continue;
			fold_exact(&sl->stories[i], &sl->stories[j], &r, &c);
			if (truth) {
				t->min_res = r < t->min_res ? r : t->min_res;
				t->min_cont = c < t->min_cont ? c : t->min_cont;
			} else {
				t->max_res = r > t->max_res ? r : t->max_res;
				t->max_cont = c > t->max_cont ? c : t->max_cont;
			}
		}
}

/* Stories per dump, and how many of a later dump are copies (30%). */
#define PER_DUMP 10
#define COPIES 3
#define DUMPS 3
#define TRIALS 60

/* A pair tracer that keeps nothing. */
static void ignore_pair(size_t i, size_t j, double res, double cont, int same, void *arg)
{
	(void)i; (void)j; (void)res; (void)cont; (void)same; (void)arg;
}

/* The grouping f of sl is the one a traced fold makes, which judges
 * every candidate pair on whole signatures (the untraced fold puts
 * pairs apart on the low bits of theirs, and skips pairs already
 * joined). */
static void same_as_traced(const struct storylist *sl, const struct fold *f)
{
	struct fold g;

	fold_stories_traced(&g, sl, ignore_pair, NULL);
	assert_int_equal(g.ngroups, f->ngroups);
	assert_memory_equal(g.group, f->group, f->n * sizeof *f->group);
	assert_memory_equal(g.version, f->version, f->n * sizeof *f->version);
	fold_free(&g);
}

/* One trial: three dumps from a shuffled pool, the later two with
 * COPIES edited copies of stories of the dumps before them. */
static void trial(struct tally *t, const struct pool *p, const struct rules *r, int number)
{
	size_t order[64], next = 0, made = 0;
	struct tstory all[DUMPS * PER_DUMP];
	int origin[DUMPS * PER_DUMP];
	struct storylist sl = { 0 };
	struct fold f;

	for (size_t i = 0; i < p->n; i++)
		order[i] = i;
	for (size_t i = p->n; i-- > 1;) {
		size_t j = rnd(i + 1), x = order[i];

		order[i] = order[j];
		order[j] = x;
	}
	for (int d = 0; d < DUMPS; d++) {
		size_t first = made;

		for (size_t k = 0; k < PER_DUMP; k++) {
			if (d > 0 && k < COPIES) {
				all[made] = ts_copy(&all[rnd(first)]);
				mutate(&all[made], (int)rnd(M_KINDS));
				t->copies++;
			} else {
				all[made] = ts_copy(&p->s[order[next++]]);
			}
			origin[made] = all[made].origin;
			made++;
		}
		for (size_t k = PER_DUMP; k-- > 1;) {	/* copies anywhere in the dump */
			size_t j = rnd(k + 1);
			struct tstory x = all[first + k];

			all[first + k] = all[first + j];
			all[first + j] = x;
			origin[first + k] = all[first + k].origin;
			origin[first + j] = all[first + j].origin;
		}
		add_dump(&sl, r, all + first, PER_DUMP, number == 0 ? d + 1 : 0);
	}
	assert_int_equal(sl.n, made);
	fold_stories(&f, &sl);
	score(t, &sl, &f, origin, p);
	same_as_traced(&sl, &f);
	fold_free(&f);
	storylist_free(&sl);
	for (size_t i = 0; i < made; i++)
		ts_free(&all[i]);
}

/* The measured set: pair precision >= 0.98, recall >= 0.95, and no two
 * distinct stories of one topic folded. */
static void test_generated(void **state)
{
	struct pool p = { 0 };
	struct tally t = { .min_res = 1, .min_cont = 1 };
	struct rules *r = test_rules();
	struct storylist sl = { 0 };
	double prec, rec;

	(void)state;
	pool_load(&p);
	rng_state = 15;
	for (int k = 0; k < TRIALS; k++)
		trial(&t, &p, r, k);
	prec = t.tp + t.fp ? (double)t.tp / (double)(t.tp + t.fp) : 1;
	rec = t.tp + t.fn ? (double)t.tp / (double)(t.tp + t.fn) : 1;
	printf("# %d trials, %zu edited copies: %zu true pairs, %zu folded, %zu wrongly;"
	       " precision %.4f, recall %.4f; same-topic folds %zu\n"
	       "# true pairs' lowest resemblance %.3f, containment %.3f;"
	       " distinct same-topic highest %.3f, %.3f\n",
	       TRIALS, t.copies, t.tp + t.fn, t.tp + t.fp, t.fp, prec, rec,
	       t.topic_fp, t.min_res, t.min_cont, t.max_res, t.max_cont);
	assert_true(t.tp + t.fn >= 300);
	assert_true(prec >= 0.98);
	assert_true(rec >= 0.95);
	assert_int_equal(t.topic_fp, 0);
	/* The whole pool, every story once: nothing folds. */
	for (size_t i = 0; i < p.n; i++)
		add_dump(&sl, r, &p.s[i], 1, 0);
	struct fold f;

	fold_stories(&f, &sl);
	assert_int_equal(f.ngroups, p.n);
	fold_free(&f);
	storylist_free(&sl);
	for (size_t i = 0; i < p.n; i++)
		ts_free(&p.s[i]);
	free(p.s);
	free(p.topic);
	rules_free(r);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_versions),
		cmocka_unit_test(test_read_group),
		cmocka_unit_test(test_rows),
		cmocka_unit_test(test_estimates),
		cmocka_unit_test(test_changes),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_signature),
		cmocka_unit_test(test_generated),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
