/* SPDX-License-Identifier: MIT */
/* test_pcache.c - the parse cache: what it gives back is the parse, and
 * anything but its own file for the same text, rules and mode is
 * ignored. */
#include <config.h>

#include <ftw.h>
#include <sys/stat.h>
#include <unistd.h>

#include "pcache.h"
#include "state.h"
#include "testutil.h"

/* The cache directory and a dump file of the current test. */
static char dir[4096], cachedir[4200], dump[4200];

/* Remove one file or directory of a tree. */
static int rm_one(const char *p, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb; (void)flag; (void)ftw;
	return remove(p);
}

static int copy_sample(void);

/* Make a temporary directory with the sample dump in it. */
static int setup(void **state)
{
	const char *t = getenv("TMPDIR");

	(void)state;
	snprintf(dir, sizeof dir, "%s/tnews-pcache-XXXXXX", t && *t ? t : "/tmp");
	if (!mkdtemp(dir))
		return -1;
	snprintf(cachedir, sizeof cachedir, "%s/cache/tnews", dir);
	snprintf(dump, sizeof dump, "%s/dump.txt", dir);
	return copy_sample();
}

/* Copy the sample dump to the dump file; 0 or -1. */
static int copy_sample(void)
{
	const char *data = getenv("TNEWS_DATADIR");
	char src[4200];
	size_t n;

	if (!data)
		return -1;
	snprintf(src, sizeof src, "%s/sample.txt", data);
	FILE *in = fopen(src, "rb"), *out = fopen(dump, "wb");
	char buf[65536];

	if (!in || !out)
		return -1;
	while ((n = fread(buf, 1, sizeof buf, in)) > 0)
		fwrite(buf, 1, n, out);
	fclose(in);
	return fclose(out);
}

/* Remove the directory. */
static int teardown(void **state)
{
	(void)state;
	nftw(dir, rm_one, 16, FTW_DEPTH | FTW_PHYS);
	return 0;
}

/* Parse the dump (through the cache when it has it); 1 if from it. */
static int load(struct storylist *sl, enum seg_mode mode)
{
	char err[256];
	struct doc *d = input_read(dump, err, sizeof err);

	assert_non_null(d);
	pcache_setup(1, mode, cachedir);
	if (pcache_load(sl, d))
		return 1;
	struct rules *r = test_rules();

	parse_doc(sl, d, r, mode);
	rules_free(r);
	pcache_save(sl, d);
	return 0;
}

/* The path of the one cache file, in a static buffer. */
static const char *cache_file(void)
{
	static char path[4400];
	char cmd[4400];
	FILE *p;

	snprintf(cmd, sizeof cmd, "ls %s/*.parse", cachedir);
	p = popen(cmd, "r");
	assert_non_null(p);
	assert_non_null(fgets(path, sizeof path, p));
	pclose(p);
	path[strcspn(path, "\n")] = '\0';
	return path;
}

/* What a cache gives back is what the parse gave: kinds, stories,
 * titles, words, reasons. */
static void test_round_trip(void **state)
{
	struct storylist a = { 0 }, b = { 0 };

	(void)state;
	assert_int_equal(load(&a, SEG_AUTO), 0);
	assert_int_equal(load(&b, SEG_AUTO), 1);
	assert_true(a.n > 3);
	assert_int_equal(a.n, b.n);
	assert_int_equal(a.docs[0]->nlines, b.docs[0]->nlines);
	for (size_t i = 0; i < a.docs[0]->nlines; i++) {
		assert_int_equal(a.docs[0]->lines[i].kind, b.docs[0]->lines[i].kind);
		assert_int_equal(a.docs[0]->lines[i].flags, b.docs[0]->lines[i].flags);
	}
	for (size_t i = 0; i < a.n; i++) {
		assert_true(b.stories[i].doc == b.docs[0]);
		assert_int_equal(a.stories[i].first, b.stories[i].first);
		assert_int_equal(a.stories[i].count, b.stories[i].count);
		assert_int_equal(a.stories[i].words, b.stories[i].words);
		assert_string_equal(a.stories[i].title, b.stories[i].title);
		/* the state key kept with the parse is the one computed */
		char ka[STATE_KEY_SIZE], kb[STATE_KEY_SIZE];
		uint64_t k[2];

		state_story_key(&a.stories[i], ka);
		state_story_key(&b.stories[i], kb);
		assert_string_equal(ka, kb);
		assert_int_equal(pcache_story_key(&b.stories[i], k), 1);
		assert_int_equal(pcache_story_key(&a.stories[i], k), 0);
		assert_true(a.stories[i].score == b.stories[i].score);
		if (a.stories[i].why)
			assert_string_equal(a.stories[i].why, b.stories[i].why);
		else
			assert_null(b.stories[i].why);
	}
	/* read again, the dump has its lines, kinds and all, from the cache
	 * before pcache_load (no split, no check of each byte) */
	{
		char err[256];
		struct doc *d = input_read(dump, err, sizeof err);
		size_t kinds = 0;

		assert_non_null(d);
		assert_int_equal(d->has_digest, 1);
		assert_int_equal(d->nlines, a.docs[0]->nlines);
		assert_int_equal(d->nphys, a.docs[0]->nphys);
		for (size_t i = 0; i < d->nlines; i++) {
			assert_int_equal(d->lines[i].off, a.docs[0]->lines[i].off);
			assert_int_equal(d->lines[i].kind, a.docs[0]->lines[i].kind);
			assert_int_equal(doc_lineno(d, i), doc_lineno(a.docs[0], i));
			kinds += d->lines[i].kind != LK_PARAGRAPH;
		}
		assert_true(kinds > 0);
		struct storylist c = { 0 };

		assert_int_equal(pcache_load(&c, d), 1);
		assert_int_equal(c.n, a.n);
		storylist_free(&c);
	}
	/* a dump changed but not in size: its lines split anew, not kept */
	{
		char err[256];
		FILE *f = fopen(dump, "r+b");
		int ch;

		assert_non_null(f);
		fseek(f, 10, SEEK_SET);
		ch = getc(f);
		fseek(f, 10, SEEK_SET);
		putc(ch == 'x' ? 'y' : 'x', f);
		fclose(f);
		struct doc *d = input_read(dump, err, sizeof err);

		assert_non_null(d);
		for (size_t i = 0; i < d->nlines; i++)
			assert_int_equal(d->lines[i].kind, LK_PARAGRAPH);
		struct storylist c = { 0 };

		assert_int_equal(pcache_load(&c, d), 0);
		doc_free(d);
		assert_int_equal(copy_sample(), 0);
	}
	/* a key kept is given only for the text it was kept for */
	assert_int_equal(b.docs[0]->has_digest, 1);
	b.docs[0]->digest ^= 1;
	assert_int_equal(pcache_story_key(&b.stories[1], (uint64_t[2]){ 0 }), 0);
	b.docs[0]->digest ^= 1;
	assert_int_equal(pcache_story_key(&b.stories[1], (uint64_t[2]){ 0 }), 1);
	storylist_free(&a);
	storylist_free(&b);
	/* another mode is another parse */
	assert_int_equal(load(&a, SEG_EXPLICIT), 0);
	storylist_free(&a);
}

/* Keys forgotten (a reader that has taken them all) are no longer
 * given, but computed: the same keys, from the text. */
static void test_forget_keys(void **state)
{
	struct storylist a = { 0 }, b = { 0 };
	char kept[STATE_KEY_SIZE], made[STATE_KEY_SIZE];
	uint64_t k[2];

	(void)state;
	assert_int_equal(load(&a, SEG_AUTO), 0);
	assert_int_equal(load(&b, SEG_AUTO), 1);
	assert_true(b.n > 3);
	assert_int_equal(pcache_story_key(&b.stories[b.n - 1], k), 1);
	state_story_key(&b.stories[b.n - 1], kept);
	pcache_forget_keys();
	for (size_t i = 0; i < b.n; i++)
		assert_int_equal(pcache_story_key(&b.stories[i], k), 0);
	state_story_key(&b.stories[b.n - 1], made);
	assert_string_equal(kept, made);
	pcache_forget_keys();	/* twice is fine */
	storylist_free(&a);
	storylist_free(&b);
	/* a parse loaded afterwards has its keys kept again */
	assert_int_equal(load(&b, SEG_AUTO), 1);
	assert_int_equal(pcache_story_key(&b.stories[0], k), 1);
	storylist_free(&b);
}

/* A cache file with any byte changed, cut short or of a changed dump is
 * ignored (and never crashes). */
static void test_damage(void **state)
{
	struct storylist sl = { 0 };
	char *good;
	size_t n;
	FILE *f;

	(void)state;
	assert_int_equal(load(&sl, SEG_AUTO), 0);
	storylist_free(&sl);
	f = fopen(cache_file(), "rb");
	assert_non_null(f);
	fseek(f, 0, SEEK_END);
	n = (size_t)ftell(f);
	rewind(f);
	good = malloc(n);
	assert_int_equal(fread(good, 1, n, f), n);
	fclose(f);
	for (size_t at = 0; at < n; at += n / 97 + 1) {
		char *bad = malloc(n);

		memcpy(bad, good, n);
		bad[at] ^= 0x20;
		f = fopen(cache_file(), "wb");
		fwrite(bad, 1, at % 3 ? n : at, f);	/* flipped, or cut at it */
		fclose(f);
		free(bad);
		assert_int_equal(load(&sl, SEG_AUTO), 0);	/* and rewritten */
		storylist_free(&sl);
		assert_int_equal(load(&sl, SEG_AUTO), 1);
		storylist_free(&sl);
	}
	/* the dump changed: parsed again */
	f = fopen(dump, "ab");
	fputs("\fA new last story about the harbour wall, added today.\n", f);
	fclose(f);
	assert_int_equal(load(&sl, SEG_AUTO), 0);
	struct storylist fresh = { 0 };
	char err[256];
	struct rules *r = test_rules();

	parse_doc(&fresh, input_read(dump, err, sizeof err), r, SEG_AUTO);
	rules_free(r);
	assert_int_equal(sl.n, fresh.n);
	assert_int_equal(sl.docs[0]->nlines, fresh.docs[0]->nlines);
	assert_string_equal(sl.stories[sl.n - 1].title, fresh.stories[fresh.n - 1].title);
	storylist_free(&fresh);
	storylist_free(&sl);
	free(good);
}

/* Rewrite the dump with CRLF line ends (a text that is cleaned as it
 * is read, so has no digest of its own). */
static void dump_crlf(void)
{
	FILE *in = fopen(dump, "rb"), *out;
	struct sbuf b = { 0 };
	int c;

	assert_non_null(in);
	while ((c = getc(in)) != EOF) {
		if (c == '\n')
			sbuf_addc(&b, '\r');
		sbuf_addc(&b, (char)c);
	}
	fclose(in);
	out = fopen(dump, "wb");
	assert_non_null(out);
	fwrite(b.p, 1, b.n, out);
	fclose(out);
	sbuf_free(&b);
}

/* A dump cleaned as it is read (CRLF) comes back from the cache with
 * its keys, checked by its stories' first lines; a clean dump that grew
 * (input_append: its digest taken again) is found in the cache made of
 * it once read from the file grown the same. */
static void test_cleaned_and_grown(void **state)
{
	struct storylist a = { 0 }, b = { 0 };
	uint64_t k[2];
	char ka[STATE_KEY_SIZE], kb[STATE_KEY_SIZE], err[256];
	static const char more[] = "A new last story about the harbour wall, added today.\n";

	(void)state;
	dump_crlf();
	assert_int_equal(load(&a, SEG_AUTO), 0);
	assert_int_equal(load(&b, SEG_AUTO), 1);
	assert_int_equal(b.docs[0]->has_digest, 0);
	assert_int_equal(a.n, b.n);
	for (size_t i = 0; i < b.n; i++) {
		assert_int_equal(pcache_story_key(&b.stories[i], k), 1);
		state_story_key(&a.stories[i], ka);
		state_story_key(&b.stories[i], kb);
		assert_string_equal(ka, kb);
	}
	storylist_free(&a);
	storylist_free(&b);
	assert_int_equal(copy_sample(), 0);	/* the dump as it was, LF */
	FILE *f = fopen(dump, "ab");

	fputs("\n", f);	/* a line's end last: it can grow */
	fclose(f);
	struct doc *d = input_read(dump, err, sizeof err);
	struct rules *r = test_rules();

	assert_non_null(d);
	assert_int_equal(d->has_digest, 1);
	assert_int_equal(input_append(d, more, sizeof more - 1), 0);
	assert_int_equal(d->has_digest, 0);
	pcache_setup(1, SEG_AUTO, cachedir);
	parse_doc(&a, d, r, SEG_AUTO);
	rules_free(r);
	pcache_save(&a, d);
	f = fopen(dump, "ab");
	fputs(more, f);
	fclose(f);
	assert_int_equal(load(&b, SEG_AUTO), 1);
	assert_int_equal(b.docs[0]->has_digest, 1);
	assert_int_equal(a.n, b.n);
	storylist_free(&a);
	storylist_free(&b);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup_teardown(test_round_trip, setup, teardown),
		cmocka_unit_test_setup_teardown(test_forget_keys, setup, teardown),
		cmocka_unit_test_setup_teardown(test_damage, setup, teardown),
		cmocka_unit_test_setup_teardown(test_cleaned_and_grown, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
