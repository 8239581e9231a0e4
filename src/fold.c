/* SPDX-License-Identifier: MIT */
/* fold.c - group the stories that are the same article (see fold.h).
 *
 * Thresholds, measured on exact shingle sets (tests/test_fold.c's
 * generated dumps; bench/foldeval.py on the dev corpora):
 * - distinct stories on one topic reach a resemblance of 0.307 and a
 *   containment of 0.476 at most in the test set (templated grain-tender
 *   reports), and 0.24 and 0.643 in the dev corpora (two EC sugar
 *   tenders of Reuters wire copy);
 * - in the test set every threshold of resemblance from 0.35 to 0.45
 *   keeps pair recall at 1.0 (0.50: 0.982, 0.60: 0.884); 0.30 folds 65
 *   distinct same-topic pairs.
 * So: resemblance 0.40, or containment 0.75 of the smaller story. */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unicase.h>
#include <unistr.h>

#include "fold.h"
#include "xmalloc.h"

/* Words per shingle. */
#define SHINGLE 4
/* Fold when the resemblance of the shingle sets reaches this... */
#define MIN_RES 0.40
/* ...or the smaller story's containment in the larger reaches
 * this, and the smaller has at least MIN_CONT_SIZE shingles. */
#define MIN_CONT 0.75
#define MIN_CONT_SIZE 20
/* A candidate is verified on the text when its estimates reach these
 * (they err by about 0.1 at 32 values). */
#define LOOSE_RES 0.22
#define LOOSE_CONT 0.50
/* Most earlier stories of one band bucket compared with a new one. */
#define MAX_CHAIN 64
/* The empty bucket of a signature. */
#define EMPTY UINT32_MAX

/* A final mix of a 64-bit value (splitmix64's). */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* Called with each shingle's hash. */
typedef void (*shingle_fn)(uint64_t h, void *arg);

/* Cuts words into shingles and digests the word sequence. */
struct shingler {
	uint64_t ring[SHINGLE];	/* the last words' hashes */
	size_t words;
	uint64_t digest;
	shingle_fn fn;
	void *arg;
};

/* The hash of the shingle of the last n words (n <= SHINGLE). */
static uint64_t shingle_hash(const struct shingler *sh, size_t n)
{
	uint64_t h = 0x51ed270b27e1a3c9ULL;

	for (size_t k = sh->words - n; k < sh->words; k++)
		h = mix64(h ^ sh->ring[k % SHINGLE]);
	return h;
}

/* Take one word's hash. */
static void shingler_word(struct shingler *sh, uint64_t w)
{
	sh->ring[sh->words % SHINGLE] = w;
	sh->words++;
	sh->digest = (sh->digest ^ w) * 0x100000001b3ULL + 0x9e3779b97f4a7c15ULL;
	if (sh->words >= SHINGLE)
		sh->fn(shingle_hash(sh, SHINGLE), sh->arg);
}

/* A story shorter than a shingle is one shingle of all its words. */
static void shingler_end(struct shingler *sh)
{
	if (sh->words > 0 && sh->words < SHINGLE)
		sh->fn(shingle_hash(sh, sh->words), sh->arg);
}

/* FNV-1a step over one byte. */
static inline uint64_t fnv(uint64_t h, uint8_t c)
{
	return (h ^ c) * 0x100000001b3ULL;
}

/* Feed the words of one line (letters and digits, lower-cased; anything
 * else separates words) to sh. */
static void line_words(struct shingler *sh, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *e = p + n;
	uint64_t h = 0xcbf29ce484222325ULL;
	int in = 0;

	while (p < e) {
		uint8_t c = *p;
		int alnum;

		if (c < 0x80) {
			alnum = (c >= '0' && c <= '9') || ((c | 0x20) >= 'a' && (c | 0x20) <= 'z');
			if (alnum)
				h = fnv(h, (c >= 'A' && c <= 'Z') ? (uint8_t)(c | 0x20) : c);
			p++;
		} else {
			ucs4_t uc;
			int k = u8_mbtouc(&uc, p, (size_t)(e - p));

			p += k < 1 ? 1 : k;
			alnum = uc_is_alnum(uc);
			if (alnum) {
				uc = uc_tolower(uc);
				for (int b = 0; b < 4; b++)
					h = fnv(h, (uint8_t)(uc >> (8 * b)));
			}
		}
		if (alnum) {
			in = 1;
		} else if (in) {
			shingler_word(sh, h);
			h = 0xcbf29ce484222325ULL;
			in = 0;
		}
	}
	if (in)
		shingler_word(sh, h);
}

/* Feed a story's reading text (its paragraphs) to sh. */
static void story_words(struct shingler *sh, const struct story *s)
{
	const struct line *l = story_lines(s);

	for (size_t j = 0; j < s->count; j++)
		if (l[j].kind == LK_PARAGRAPH)
			line_words(sh, s->doc->text + l[j].off, l[j].len);
	shingler_end(sh);
}

/* Add one shingle to a signature. */
static void sig_add(uint64_t h, void *arg)
{
	struct fold_sig *sig = arg;
	uint64_t x = mix64(h);
	unsigned b = (unsigned)(x >> 59);	/* 32 buckets */
	uint32_t v = (uint32_t)x;

	if (v == EMPTY)
		v--;
	if (v < sig->min[b])
		sig->min[b] = v;
	sig->shingles++;
}

/* Fill each empty bucket from the next full one, rotated by the
 * distance, so that two similar sets agree on it as often as on a full
 * one (densified one-permutation hashing). */
static void sig_densify(struct fold_sig *sig)
{
	uint32_t orig[FOLD_K];

	if (!sig->shingles)
		return;
	memcpy(orig, sig->min, sizeof orig);
	for (unsigned i = 0; i < FOLD_K; i++) {
		unsigned d = 1;

		if (orig[i] != EMPTY)
			continue;
		while (orig[(i + d) % FOLD_K] == EMPTY)
			d++;
		sig->min[i] = (uint32_t)mix64(orig[(i + d) % FOLD_K] + (uint64_t)d * 0x9e3779b9u);
		if (sig->min[i] == EMPTY)
			sig->min[i]--;
	}
}

void fold_signature(const struct story *s, struct fold_sig *sig)
{
	struct shingler sh = { .digest = 0x84222325cbf29ce4ULL, .fn = sig_add, .arg = sig };

	for (unsigned i = 0; i < FOLD_K; i++)
		sig->min[i] = EMPTY;
	sig->shingles = 0;
	story_words(&sh, s);
	sig->digest = sh.words ? mix64(sh.digest) : 0;
	sig_densify(sig);
}

double fold_resemblance(const struct fold_sig *a, const struct fold_sig *b)
{
	unsigned same = 0;

	if (!a->shingles || !b->shingles)
		return 0;
	for (unsigned i = 0; i < FOLD_K; i++)
		same += a->min[i] == b->min[i];
	return (double)same / FOLD_K;
}

/* Containment of the smaller set in the larger from resemblance r and
 * the sizes: |A∩B| = r (|A| + |B|) / (1 + r). */
static double containment(double r, uint32_t na, uint32_t nb)
{
	double small = na < nb ? na : nb, c;

	if (small <= 0)
		return 0;
	c = r * ((double)na + nb) / ((1 + r) * small);
	return c > 1 ? 1 : c;
}

double fold_containment(const struct fold_sig *a, const struct fold_sig *b)
{
	return containment(fold_resemblance(a, b), a->shingles, b->shingles);
}

/* A growable array of shingle hashes. */
struct hashes {
	uint64_t *h;
	size_t n, cap;
};

/* Append one shingle hash. */
static void hashes_add(uint64_t h, void *arg)
{
	struct hashes *a = arg;

	a->h = xgrow(a->h, &a->cap, a->n + 1, sizeof *a->h);
	a->h[a->n++] = h;
}

/* Order of two hashes, for qsort. */
static int cmp_u64(const void *x, const void *y)
{
	uint64_t a = *(const uint64_t *)x, b = *(const uint64_t *)y;

	return (a > b) - (a < b);
}

/* The sorted distinct shingles of a story. */
static void story_shingles(const struct story *s, struct hashes *a)
{
	struct shingler sh = { .fn = hashes_add, .arg = a };
	size_t k = 0;

	story_words(&sh, s);
	if (a->n)
		qsort(a->h, a->n, sizeof *a->h, cmp_u64);
	for (size_t i = 0; i < a->n; i++)
		if (k == 0 || a->h[i] != a->h[k - 1])
			a->h[k++] = a->h[i];
	a->n = k;
}

void fold_exact(const struct story *a, const struct story *b, double *res,
		double *cont)
{
	struct hashes x = { 0 }, y = { 0 };
	size_t i = 0, j = 0, both = 0, small;

	story_shingles(a, &x);
	story_shingles(b, &y);
	while (i < x.n && j < y.n) {
		if (x.h[i] == y.h[j]) {
			both++;
			i++;
			j++;
		} else if (x.h[i] < y.h[j]) {
			i++;
		} else {
			j++;
		}
	}
	small = x.n < y.n ? x.n : y.n;
	*res = x.n + y.n ? (double)both / (double)(x.n + y.n - both) : 0;
	*cont = small ? (double)both / (double)small : 0;
	free(x.h);
	free(y.h);
}

int fold_same(const struct story *a, const struct fold_sig *sa,
	      const struct story *b, const struct fold_sig *sb)
{
	uint32_t small = sa->shingles < sb->shingles ? sa->shingles : sb->shingles;
	double r, c;

	if (!sa->shingles || !sb->shingles)
		return 0;
	if (sa->digest == sb->digest)
		return 1;
	r = fold_resemblance(sa, sb);
	if (r < LOOSE_RES && containment(r, sa->shingles, sb->shingles) < LOOSE_CONT)
		return 0;
	fold_exact(a, b, &r, &c);
	return r >= MIN_RES || (small >= MIN_CONT_SIZE && c >= MIN_CONT);
}

/* Union-find root of i, halving the path on the way. */
static uint32_t uf_find(uint32_t *parent, uint32_t i)
{
	while (parent[i] != i) {
		parent[i] = parent[parent[i]];
		i = parent[i];
	}
	return i;
}

/* Join the sets of i and j (the earlier story becomes the root). */
static void uf_union(uint32_t *parent, uint32_t i, uint32_t j)
{
	uint32_t a = uf_find(parent, i), b = uf_find(parent, j);

	if (a < b)
		parent[b] = a;
	else if (b < a)
		parent[a] = b;
}

/* The key of band b of a signature. */
static uint64_t band_key(const struct fold_sig *s, unsigned b)
{
	uint64_t k = (uint64_t)b * 0x9e3779b97f4a7c15ULL;

	for (unsigned r = 0; r < FOLD_ROWS; r++)
		k = mix64(k ^ s->min[b * FOLD_ROWS + r]);
	return k;
}

/* What one banding pass needs. */
struct banding {
	const struct storylist *sl;
	const struct fold_sig *sigs;
	size_t n;
	uint32_t *parent;
	uint64_t *keys;		/* each story's key in this band */
	uint32_t *head;		/* hash table of chains, UINT32_MAX empty */
	uint32_t *next;
	size_t mask;
	fold_pair_fn fn;
	void *arg;
};

/* Compare story j with the earlier stories of its bucket, fold it with
 * those judged the same, then add it to the bucket. */
static void band_story(struct banding *bd, uint32_t j)
{
	size_t slot = (size_t)bd->keys[j] & bd->mask;
	unsigned walked = 0;

	for (uint32_t i = bd->head[slot]; i != UINT32_MAX && walked < MAX_CHAIN;
	     i = bd->next[i]) {
		int same;

		if (bd->keys[i] != bd->keys[j])
			continue;
		walked++;
		if (!bd->fn && uf_find(bd->parent, i) == uf_find(bd->parent, j))
			continue;
		same = fold_same(&bd->sl->stories[i], &bd->sigs[i],
				 &bd->sl->stories[j], &bd->sigs[j]);
		if (bd->fn)
			bd->fn(i, j, fold_resemblance(&bd->sigs[i], &bd->sigs[j]),
			       fold_containment(&bd->sigs[i], &bd->sigs[j]), same, bd->arg);
		if (same)
			uf_union(bd->parent, i, j);
	}
	bd->next[j] = bd->head[slot];
	bd->head[slot] = j;
}

/* Find and fold the candidate pairs of every band. */
static void band_all(struct banding *bd)
{
	size_t cap = 16;

	while (cap < 2 * bd->n)
		cap *= 2;
	bd->mask = cap - 1;
	bd->keys = xmalloc(bd->n * sizeof *bd->keys);
	bd->head = xmalloc(cap * sizeof *bd->head);
	bd->next = xmalloc(bd->n * sizeof *bd->next);
	for (unsigned b = 0; b < FOLD_BANDS; b++) {
		memset(bd->head, 0xff, cap * sizeof *bd->head);
		for (size_t j = 0; j < bd->n; j++) {
			if (!bd->sigs[j].shingles)
				continue;
			bd->keys[j] = band_key(&bd->sigs[j], b);
			band_story(bd, (uint32_t)j);
		}
	}
	free(bd->keys);
	free(bd->head);
	free(bd->next);
}

/* Number the groups in order of their first story and the versions in
 * list order. */
static void number_groups(struct fold *f, uint32_t *parent)
{
	uint32_t *gof = xmalloc((f->n ? f->n : 1) * sizeof *gof);

	f->ngroups = 0;
	for (size_t i = 0; i < f->n; i++) {
		uint32_t r = uf_find(parent, (uint32_t)i);

		gof[i] = r == i ? ++f->ngroups : gof[r];
	}
	f->gsize = xcalloc(f->ngroups ? f->ngroups : 1, sizeof *f->gsize);
	f->glatest = xmalloc((f->ngroups ? f->ngroups : 1) * sizeof *f->glatest);
	for (size_t i = 0; i < f->n; i++) {
		uint32_t g = gof[i] - 1;

		f->group[i] = gof[i];
		f->version[i] = ++f->gsize[g];
		f->prev[i] = f->version[i] == 1 ? UINT32_MAX : f->glatest[g];
		f->glatest[g] = (uint32_t)i;
	}
	free(gof);
}

void fold_stories_traced(struct fold *f, const struct storylist *sl,
			 fold_pair_fn fn, void *arg)
{
	size_t n = sl->n;
	struct fold_sig *sigs = xmalloc((n ? n : 1) * sizeof *sigs);
	uint32_t *parent = xmalloc((n ? n : 1) * sizeof *parent);
	struct banding bd = { .sl = sl, .sigs = sigs, .n = n, .parent = parent, .fn = fn, .arg = arg };

	memset(f, 0, sizeof *f);
	f->n = n;
	f->group = xmalloc((n ? n : 1) * sizeof *f->group);
	f->version = xmalloc((n ? n : 1) * sizeof *f->version);
	f->prev = xmalloc((n ? n : 1) * sizeof *f->prev);
	f->digest = xmalloc((n ? n : 1) * sizeof *f->digest);
	for (size_t i = 0; i < n; i++) {
		fold_signature(&sl->stories[i], &sigs[i]);
		f->digest[i] = sigs[i].digest;
		parent[i] = (uint32_t)i;
	}
	band_all(&bd);
	number_groups(f, parent);
	free(parent);
	free(sigs);
}

void fold_stories(struct fold *f, const struct storylist *sl)
{
	fold_stories_traced(f, sl, NULL, NULL);
}

int fold_changed(const struct fold *f, size_t i)
{
	return f->prev[i] != UINT32_MAX && f->digest[f->prev[i]] != f->digest[i];
}

int fold_is_latest(const struct fold *f, size_t i)
{
	return f->glatest[f->group[i] - 1] == i;
}

void fold_free(struct fold *f)
{
	free(f->group);
	free(f->version);
	free(f->prev);
	free(f->digest);
	free(f->gsize);
	free(f->glatest);
	memset(f, 0, sizeof *f);
}
