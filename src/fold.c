/* SPDX-License-Identifier: MIT */
/* fold.c - group the stories that are the same article (see fold.h).
 *
 * Thresholds, measured on exact sets of five-word shingles
 * (tests/test_fold.c's generated dumps; bench/foldeval.py on the dev
 * corpora):
 * - distinct stories on one topic reach a resemblance of 0.242 and a
 *   containment of 0.395 at most in the test set (templated grain-tender
 *   reports), and 0.143 and 0.295 in the dev corpora (Reuters sugar
 *   tenders);
 * - in the test set every resemblance threshold from 0.30 to 0.45 keeps
 *   pair recall at 1.0 (0.50: 0.982, 0.55: 0.956), and every containment
 *   threshold from 0.60 to 0.80.
 * So: resemblance 0.35, or containment 0.75 of the smaller story.  Four-
 * word shingles separated the same sets less well (distinct same-topic
 * stories up to 0.307) and let templated text make many more candidates. */
#include <config.h>

#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistd.h>
#include <unicase.h>
#include <unistr.h>

#include "digest.h"
#include "fold.h"
#include "xmalloc.h"

/* Words per shingle. */
#define SHINGLE 5
/* Fold when the resemblance of the shingle sets reaches this... */
#define MIN_RES 0.35
/* ...or the smaller story's containment in the larger reaches
 * this, the smaller having at least MIN_CONT_SIZE shingles and a third
 * of the larger's. */
#define MIN_CONT 0.75
#define MIN_CONT_SIZE 20
/* A candidate whose band values (the first FOLD_BAND_VALUES) agree
 * fewer than QUICK_MIN times is dropped at once; one whose estimates
 * (from the other 96 values, which the banding did not select on: they
 * err by about 0.05) are more than SURE from the thresholds is decided
 * on them; the rest are verified on the text. */
#define QUICK_MIN 3
#define SURE 0.06
/* Pairs remembered as compared, so that a pair sharing several bands
 * is compared once (a power of two). */
#define PAIR_CACHE 4096
/* Most earlier stories of one band bucket compared with a new one. */
#define MAX_CHAIN 12
/* The empty bucket of a signature. */
#define EMPTY UINT32_MAX

/* The rotation of the rolling shingle hash per word. */
#define ROLL_BITS 13

/* The set of the shingles of two stories, for measuring exactly: each
 * shingle with the stories it is in (bit 1 the first, bit 2 the second). */
struct shset {
	uint64_t *key;
	uint8_t *in;
	size_t cap, n;
	uint8_t mark;		/* the bit of the story being added */
};

static void shset_add(struct shset *t, uint64_t x);

/* Cuts words into shingles and digests the word sequence. */
struct shingler {
	uint64_t ring[8];	/* the last words' hashes */
	uint64_t roll;		/* rolling hash of the last SHINGLE words */
	size_t words;
	uint64_t digest;
	uint32_t *work;		/* OPH bucket minima, or NULL */
	uint32_t shingles;
	struct shset *set;	/* with work NULL: the set to add to */
};

/* Take one shingle's hash; the digest is the sum of the mixed shingle
 * hashes (a multiset of the word runs, so order within a run counts). */
static inline void shingler_emit(struct shingler *sh, uint64_t h)
{
	uint64_t x = digest_mix(h);
	uint32_t v = (uint32_t)x;

	sh->shingles++;
	sh->digest += x;
	if (!sh->work) {
		shset_add(sh->set, x);
		return;
	}
	if (v == EMPTY)
		v--;
	if (v < sh->work[x >> 57])	/* 128 buckets */
		sh->work[x >> 57] = v;
}

/* Rotate left. */
static inline uint64_t rotl(uint64_t x, unsigned r)
{
	return r % 64 ? x << (r % 64) | x >> (64 - r % 64) : x;
}

/* Take one word's hash: roll it into the shingle hash (the last
 * SHINGLE words, each rotated by its distance from the end). */
static inline void shingler_word(struct shingler *sh, uint64_t w)
{
	_Static_assert(SHINGLE <= 8, "the ring holds a shingle");
	sh->roll = rotl(sh->roll, ROLL_BITS) ^ w;
	if (sh->words >= SHINGLE)
		sh->roll ^= rotl(sh->ring[(sh->words - SHINGLE) & 7], ROLL_BITS * SHINGLE);
	sh->ring[sh->words & 7] = w;
	sh->words++;
	if (sh->words >= SHINGLE)
		shingler_emit(sh, sh->roll);
}

/* Start a shingler. */
static void shingler_init(struct shingler *sh)
{
	sh->digest = 0x84222325cbf29ce4ULL;
}

/* A story shorter than a shingle is one shingle of all its words. */
static void shingler_end(struct shingler *sh)
{
	if (sh->words > 0 && sh->words < SHINGLE)
		shingler_emit(sh, sh->roll + sh->words);
}

/* 1 for a byte that can be in a word: an ASCII letter or digit, or any
 * byte of a multibyte character (sorted out by token_slow). */
static uint8_t word_byte[256];

/* Fill word_byte once. */
static void word_byte_init(void)
{
	if (word_byte['a'])
		return;
	for (int c = 0; c < 256; c++)
		word_byte[c] = (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') ||
			       (c >= 'A' && c <= 'Z') || c >= 0x80;
}

/* Longest word prefix hashed (longer words hash by it and their length). */
#define WORD_MAX 128

/* The hash of a word of len bytes, each ORed with 0x20 (which lowers
 * ASCII letters and keeps digits): eight bytes at a time. */
static inline uint64_t word_hash(const uint8_t *w, size_t len)
{
	uint64_t h = 0x243f6a8885a308d3ULL ^ len;
	size_t n = len < WORD_MAX ? len : WORD_MAX;

	for (size_t k = 0; k < n; k += 8) {
		uint64_t c = 0;

		if (n - k >= 8)
			memcpy(&c, w + k, 8);
		else
			for (size_t i = 0; i < n - k; i++)
				c |= (uint64_t)w[k + i] << (8 * i);
		c |= 0x2020202020202020ULL >> (8 * (8 - (n - k < 8 ? n - k : 8)));
		h = (h ^ c) * 0x9fb21c651e98df25ULL;
		h ^= h >> 29;
	}
	return h;
}

/* A token with multibyte characters: its words are the runs of letters
 * and digits (Unicode), lower-cased. */
static void token_slow(struct shingler *sh, const uint8_t *p, const uint8_t *e)
{
	uint8_t buf[WORD_MAX + 8];
	size_t n = 0, len = 0;

	while (p <= e) {
		ucs4_t uc = 0;
		int m = 1;

		if (p < e)
			m = u8_mbtouc(&uc, p, (size_t)(e - p));
		if (p < e && uc_is_alnum(uc)) {
			uint8_t tmp[6];
			int k = u8_uctomb(tmp, uc < 0x80 ? uc | 0x20 : uc_tolower(uc), 6);

			for (int i = 0; i < k; i++, len++)
				if (n < WORD_MAX)
					buf[n++] = tmp[i];
		} else if (len) {
			shingler_word(sh, word_hash(buf, n) ^ (len > WORD_MAX ? len : 0));
			n = len = 0;
		}
		p += m < 1 ? 1 : m;
	}
}

/* Hand the words of one token (a run of word bytes ending at e, in a
 * line ending at end) to sh. */
static inline void token(struct shingler *sh, const uint8_t *p, const uint8_t *e,
			 const uint8_t *end)
{
	size_t len = (size_t)(e - p);

	if (len <= 8 && end - p >= 8) {	/* a short word: one load */
		uint64_t c, mask = len == 8 ? ~0ULL : (1ULL << (8 * len)) - 1, h;

		memcpy(&c, p, 8);
		c &= mask;
		if (!(c & 0x8080808080808080ULL)) {
			h = (0x243f6a8885a308d3ULL ^ len ^ (c | (0x2020202020202020ULL & mask))) *
			    0x9fb21c651e98df25ULL;
			shingler_word(sh, h ^ h >> 29);
			return;
		}
	}
	for (const uint8_t *q = p; q < e; q++)
		if (*q >= 0x80) {
			token_slow(sh, p, e);
			return;
		}
	shingler_word(sh, word_hash(p, len) ^ (len > WORD_MAX ? len : 0));
}

/* Bytes at or above c (below 0x80) get their top bit set in the result
 * (y's bytes below 0x80). */
static inline uint64_t bytes_ge(uint64_t y, uint64_t c)
{
	return y + 0x0101010101010101ULL * (0x80 - c);
}

/* One bit per byte of the eight little-endian bytes of x: whether it is
 * a word byte (as word_byte[] says), bit k for byte k. */
static inline unsigned word_mask8(uint64_t x)
{
	const uint64_t hi = 0x8080808080808080ULL;
	uint64_t y = x & ~hi, low = (x | 0x2020202020202020ULL) & ~hi;
	uint64_t letter = bytes_ge(low, 'a') & ~bytes_ge(low, 'z' + 1);
	uint64_t digit = bytes_ge(y, '0') & ~bytes_ge(y, '9' + 1);
	uint64_t w = (letter | digit | x) & hi;

	return (unsigned)(((w >> 7) * 0x0102040810204080ULL) >> 56);
}

/* Feed the words of one line (letters and digits, lower-cased; anything
 * else separates words) to sh: 64 bytes at a time, a mask of the word
 * bytes, then each run of them. */
static void line_words(struct shingler *sh, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *e = p + n;

	while (p < e) {
		size_t blen = (size_t)(e - p) < 64 ? (size_t)(e - p) : 64;
		uint64_t m = 0;
		const uint8_t *next = p + blen;

		size_t i = 0;

		for (; i + 8 <= blen; i += 8) {
			uint64_t x;

			memcpy(&x, p + i, 8);
			m |= (uint64_t)word_mask8(x) << i;
		}
		for (; i < blen; i++)
			m |= (uint64_t)word_byte[p[i]] << i;
		while (m) {
			unsigned a = (unsigned)__builtin_ctzll(m);
			uint64_t rest = ~(m >> a);
			unsigned len = rest ? (unsigned)__builtin_ctzll(rest) : 64 - a;
			const uint8_t *we = p + a + len;

			if (a + len >= blen) {	/* it may go on past the block */
				while (we < e && word_byte[*we])
					we++;
				token(sh, p + a, we, e);
				next = we;
				break;
			}
			token(sh, p + a, we, e);
			m &= ~0ULL << (a + len);
		}
		p = next;
	}
}

/* Feed a story's reading text (its paragraphs) to sh. */
static void story_words(struct shingler *sh, const struct story *s)
{
	const struct line *l = story_lines(s);

	word_byte_init();
	for (size_t j = 0; j < s->count; j++)
		if (l[j].kind == LK_PARAGRAPH)
			line_words(sh, s->doc->text + l[j].off, l[j].len);
	shingler_end(sh);
}

/* Fill each empty bucket from the next full one, rotated by the
 * distance, so that two similar sets agree on it as often as on a full
 * one (densified one-permutation hashing). */
static void densify(uint32_t *work, uint32_t shingles)
{
	uint32_t orig[FOLD_K];

	if (!shingles)
		return;
	memcpy(orig, work, sizeof orig);
	for (unsigned i = 0; i < FOLD_K; i++) {
		unsigned d = 1;

		if (orig[i] != EMPTY)
			continue;
		while (orig[(i + d) % FOLD_K] == EMPTY)
			d++;
		work[i] = (uint32_t)digest_mix(orig[(i + d) % FOLD_K] + (uint64_t)d * 0x9e3779b9u);
	}
}

void fold_signature(const struct story *s, struct fold_sig *sig)
{
	uint32_t work[FOLD_K];
	struct shingler sh = { .work = work };

	shingler_init(&sh);
	for (unsigned i = 0; i < FOLD_K; i++)
		work[i] = EMPTY;
	story_words(&sh, s);
	densify(work, sh.shingles);
	for (unsigned i = 0; i < FOLD_K; i++)
		sig->min[i] = (uint16_t)(work[i] ^ work[i] >> 16);
	sig->shingles = sh.shingles;
	sig->digest = sh.words ? digest_mix(sh.digest + sh.words) : 0;
}

/* What judging a pair reads of a signature: its band values (the first
 * FOLD_BAND_VALUES), the rest, its shingle count and digest. */
struct sigview {
	const uint16_t *band, *rest;
	uint32_t shingles;
	uint64_t digest;
};

/* The view of a whole signature. */
static struct sigview view_of(const struct fold_sig *s)
{
	struct sigview v = { s->min, s->min + FOLD_BAND_VALUES, s->shingles, s->digest };

	return v;
}

/* Estimated resemblance from the values the banding did not select on. */
static double resemblance(const struct sigview *a, const struct sigview *b)
{
	unsigned same = 0;

	if (!a->shingles || !b->shingles)
		return 0;
	for (unsigned i = 0; i < FOLD_K - FOLD_BAND_VALUES; i++)
		same += a->rest[i] == b->rest[i];
	return (double)same / (FOLD_K - FOLD_BAND_VALUES);
}

double fold_resemblance(const struct fold_sig *a, const struct fold_sig *b)
{
	struct sigview va = view_of(a), vb = view_of(b);

	return resemblance(&va, &vb);
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

/* Grow the set to twice its capacity. */
static void shset_grow(struct shset *t)
{
	struct shset old = *t;

	t->cap = old.cap ? old.cap * 2 : 1024;
	t->key = xmalloc(t->cap * sizeof *t->key);
	t->in = xcalloc(t->cap, 1);
	t->n = 0;
	for (size_t i = 0; i < old.cap; i++)
		if (old.in[i]) {
			size_t j = (size_t)old.key[i] & (t->cap - 1);

			while (t->in[j])
				j = (j + 1) & (t->cap - 1);
			t->key[j] = old.key[i];
			t->in[j] = old.in[i];
			t->n++;
		}
	free(old.key);
	free(old.in);
}

/* Add a shingle (already mixed) of the story being added. */
static void shset_add(struct shset *t, uint64_t x)
{
	size_t j;

	if ((t->n + 1) * 2 > t->cap)
		shset_grow(t);
	j = (size_t)x & (t->cap - 1);
	while (t->in[j] && t->key[j] != x)
		j = (j + 1) & (t->cap - 1);
	if (!t->in[j]) {
		t->key[j] = x;
		t->n++;
	}
	t->in[j] |= t->mark;
}

void fold_exact(const struct story *a, const struct story *b, double *res,
		double *cont)
{
	struct shset t = { 0 };
	struct shingler sh = { .set = &t };
	size_t na = 0, nb = 0, both = 0, small;

	shingler_init(&sh);
	t.mark = 1;
	story_words(&sh, a);
	memset(&sh, 0, sizeof sh);
	sh.set = &t;
	shingler_init(&sh);
	t.mark = 2;
	story_words(&sh, b);
	for (size_t i = 0; i < t.cap; i++) {
		na += t.in[i] & 1;
		nb += t.in[i] >> 1;
		both += t.in[i] == 3;
	}
	small = na < nb ? na : nb;
	*res = na + nb ? (double)both / (double)(na + nb - both) : 0;
	*cont = small ? (double)both / (double)small : 0;
	free(t.key);
	free(t.in);
}

/* Whether the sizes allow containment: the smaller has at least
 * MIN_CONT_SIZE shingles and a third of the larger's. */
static int cont_sizes(uint32_t na, uint32_t nb)
{
	uint32_t small = na < nb ? na : nb, large = na < nb ? nb : na;

	return small >= MIN_CONT_SIZE && (uint64_t)small * 3 >= large;
}

/* Whether a pair must be judged on the rest of their signatures: -1 if
 * not (different by their band values, or empty), 1 if not (the same
 * words), 0 if so. */
static int judged_early(const struct sigview *a, const struct sigview *b)
{
	unsigned quick = 0;

	if (!a->shingles || !b->shingles)
		return -1;
	if (a->digest == b->digest)
		return 1;
	for (unsigned i = 0; i < FOLD_BAND_VALUES; i++)
		quick += a->band[i] == b->band[i];
	return quick < QUICK_MIN ? -1 : 0;
}

/* fold_same on views of the signatures. */
static int same_views(const struct story *a, const struct sigview *sa,
		      const struct story *b, const struct sigview *sb)
{
	int sizes = cont_sizes(sa->shingles, sb->shingles), early = judged_early(sa, sb);
	double r, c;

	if (early)
		return early > 0;
	r = resemblance(sa, sb);
	c = containment(r, sa->shingles, sb->shingles);
	if (r >= MIN_RES + SURE)
		return 1;
	if (r < MIN_RES - SURE && (!sizes || c < MIN_CONT - SURE))
		return 0;
	fold_exact(a, b, &r, &c);
	return r >= MIN_RES || (sizes && c >= MIN_CONT);
}

int fold_same(const struct story *a, const struct fold_sig *sa,
	      const struct story *b, const struct fold_sig *sb)
{
	struct sigview va = view_of(sa), vb = view_of(sb);

	return same_views(a, &va, b, &vb);
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

/* What the banding keeps of every story's signature (116 bytes, where
 * the whole is 272): its band values, the low four bits of the rest
 * (two to a byte), its shingle count (its digest is the fold's, kept
 * once).  Four bits agree
 * wherever sixteen do, so the resemblance they estimate is never below
 * the exact estimate's: a pair it puts clearly apart is apart; for any
 * other the rest is made again in full (exact_rest), and every decision
 * is the one the whole signatures give. */
struct fold_head {
	uint16_t band[FOLD_BAND_VALUES];
	uint8_t low[(FOLD_K - FOLD_BAND_VALUES) / 2];
	uint32_t shingles;
};

/* Values of a signature past its band values. */
#define REST (FOLD_K - FOLD_BAND_VALUES)
/* Rests made again kept for reuse, by story (a power of two). */
#define REST_CACHE 1024

/* The key of band b of a story's band values. */
static uint64_t band_key(const struct fold_head *h, unsigned b)
{
	uint64_t k = (uint64_t)b << 32;

	for (unsigned r = 0; r < FOLD_ROWS; r++)
		k = k << 16 | h->band[b * FOLD_ROWS + r];
	return digest_mix(k);
}

/* A rest made again, and whose. */
struct rest_slot {
	uint32_t story;		/* + 1; 0: empty */
	uint16_t rest[REST];
};

/* What the banding needs. */
struct banding {
	const struct storylist *sl;
	struct fold_head *heads;
	const uint64_t *digest;		/* each story's (the fold's) */
	size_t n;
	uint32_t *parent;
	uint32_t *head;		/* hash table of chains, UINT32_MAX empty */
	uint32_t *next;
	size_t mask;
	struct rest_slot *made;	/* REST_CACHE of them */
	fold_pair_fn fn;
	void *arg;
	uint64_t checked[PAIR_CACHE];	/* pairs compared lately, i << 32 | j + 1 */
};

/* Whether the pair (i, j) was compared lately (in an earlier band);
 * if not, remember it. */
static int pair_seen(struct banding *bd, uint32_t i, uint32_t j)
{
	uint64_t key = ((uint64_t)i << 32 | j) + 1;
	uint64_t *slot = &bd->checked[digest_mix(key) & (PAIR_CACHE - 1)];

	if (*slot == key)
		return 1;
	*slot = key;
	return 0;
}

/* The whole rest of story i's signature into out (made again, or kept
 * from when it was). */
static void exact_rest(struct banding *bd, uint32_t i, uint16_t *out)
{
	struct rest_slot *c = &bd->made[i & (REST_CACHE - 1)];

	if (c->story != i + 1) {
		struct fold_sig sig;

		fold_signature(&bd->sl->stories[i], &sig);
		memcpy(c->rest, sig.min + FOLD_BAND_VALUES, sizeof c->rest);
		c->story = i + 1;
	}
	memcpy(out, c->rest, sizeof c->rest);
}

/* Whether the low bits of two rests put the pair apart for sure: even
 * the resemblance they estimate (an upper bound of the exact estimate)
 * and its containment fall short of the thresholds by SURE. */
static int apart_by_low_bits(const struct fold_head *a, const struct fold_head *b)
{
	unsigned same = 0;
	double r, c;

	for (unsigned k = 0; k < REST / 2; k++) {
		unsigned x = a->low[k] ^ b->low[k];

		same += (x & 15) == 0;
		same += (x >> 4) == 0;
	}
	r = (double)same / REST;
	c = containment(r, a->shingles, b->shingles);
	return r < MIN_RES - SURE && (!cont_sizes(a->shingles, b->shingles) || c < MIN_CONT - SURE);
}

/* Compare stories i and j, and fold them if judged the same. */
static void judge_pair(struct banding *bd, uint32_t i, uint32_t j)
{
	const struct fold_head *hi = &bd->heads[i], *hj = &bd->heads[j];
	uint16_t ri[REST], rj[REST];
	struct sigview a = { hi->band, ri, hi->shingles, bd->digest[i] };
	struct sigview b = { hj->band, rj, hj->shingles, bd->digest[j] };
	int same, early;

	if (!bd->fn && (uf_find(bd->parent, i) == uf_find(bd->parent, j) || pair_seen(bd, i, j)))
		return;
	early = judged_early(&a, &b);
	if (!bd->fn && (early || apart_by_low_bits(hi, hj))) {
		same = early > 0;
	} else {
		exact_rest(bd, i, ri);
		exact_rest(bd, j, rj);
		same = same_views(&bd->sl->stories[i], &a, &bd->sl->stories[j], &b);
	}
	if (bd->fn) {
		double r = resemblance(&a, &b);

		bd->fn(i, j, r, containment(r, a.shingles, b.shingles), same, bd->arg);
	}
	if (same)
		uf_union(bd->parent, i, j);
}

/* Whether stories i and j have the same values in band b, that is the
 * same key (band_key mixes them one-to-one). */
static int same_band(const struct banding *bd, uint32_t i, uint32_t j, unsigned b)
{
	return !memcmp(bd->heads[i].band + b * FOLD_ROWS, bd->heads[j].band + b * FOLD_ROWS,
		       FOLD_ROWS * sizeof bd->heads[i].band[0]);
}

/* Compare story j with the earlier stories of its bucket in band b,
 * fold it with those judged the same, then add it to the bucket.  The
 * keys are not kept (8 bytes a story while folding): a bucket's stories
 * of another key are told by their band values. */
static void band_story(struct banding *bd, uint32_t j, unsigned b)
{
	size_t slot = (size_t)band_key(&bd->heads[j], b) & bd->mask;
	unsigned walked = 0;

	for (uint32_t i = bd->head[slot]; i != UINT32_MAX && walked < MAX_CHAIN;
	     i = bd->next[i]) {
		if (!same_band(bd, i, j, b))
			continue;
		walked++;
		judge_pair(bd, i, j);
	}
	bd->next[j] = bd->head[slot];
	bd->head[slot] = j;
}

/* Find and fold the candidate pairs of every band.  The buckets are as
 * many as the stories (a power of two): a bucket's chain holds the
 * stories of one key in the same order whatever their number, so fewer
 * only costs a few more stories of other keys skipped. */
static void band_all(struct banding *bd)
{
	size_t cap = 16;

	while (cap < bd->n)
		cap *= 2;
	bd->mask = cap - 1;
	bd->head = xmalloc(cap * sizeof *bd->head);
	bd->next = xmalloc((bd->n ? bd->n : 1) * sizeof *bd->next);
	bd->made = xcalloc(REST_CACHE, sizeof *bd->made);
	for (unsigned b = 0; b < FOLD_BANDS; b++) {
		memset(bd->head, 0xff, cap * sizeof *bd->head);
		for (size_t j = 0; j < bd->n; j++)
			if (bd->heads[j].shingles)
				band_story(bd, (uint32_t)j, b);
	}
	free(bd->head);
	free(bd->next);
	free(bd->made);
}

/* Number the groups in order of their first story and the versions in
 * list order (parent, the sets, may be f->group: it is read first). */
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

/* Stories from which the signatures are made on two threads (where the
 * machine has two cores): each story's is its own, so the halves split
 * anywhere. */
#define SPLIT_STORIES 4096

/* Signatures of stories [from, to) of a list, kept as heads, and their
 * digests. */
struct sig_part {
	const struct storylist *sl;
	struct fold_head *heads;
	uint64_t *digest;
	size_t from, to;
};

/* Make the heads of one part (a thread's start routine). */
static void *sign_part(void *arg)
{
	struct sig_part *p = arg;
	struct fold_sig sig;

	for (size_t i = p->from; i < p->to; i++) {
		struct fold_head *h = &p->heads[i];
		const uint16_t *rest = sig.min + FOLD_BAND_VALUES;

		fold_signature(&p->sl->stories[i], &sig);
		memcpy(h->band, sig.min, sizeof h->band);
		for (unsigned k = 0; k < REST / 2; k++)
			h->low[k] = (uint8_t)((rest[2 * k] & 15) | (rest[2 * k + 1] & 15) << 4);
		h->shingles = sig.shingles;
		p->digest[i] = sig.digest;
	}
	return NULL;
}

/* Make every story's head: in two halves on two threads for a long list
 * on a machine with two cores, else on this one. */
static void sign_all(const struct storylist *sl, struct fold_head *heads, uint64_t *digest)
{
	size_t n = sl->n, mid = n / 2;
	struct sig_part whole = { sl, heads, digest, 0, n };
	struct sig_part a = { sl, heads, digest, 0, mid }, b = { sl, heads, digest, mid, n };
	pthread_t th;

	word_byte_init();	/* before any thread reads the table */
	if (n < SPLIT_STORIES || sysconf(_SC_NPROCESSORS_ONLN) < 2 ||
	    pthread_create(&th, NULL, sign_part, &b) != 0) {
		sign_part(&whole);
		return;
	}
	sign_part(&a);
	pthread_join(th, NULL);
}

void fold_stories_traced(struct fold *f, const struct storylist *sl,
			 fold_pair_fn fn, void *arg)
{
	size_t n = sl->n;
	struct fold_head *heads = xmalloc((n ? n : 1) * sizeof *heads);
	uint32_t *parent;
	struct banding bd = { .sl = sl, .heads = heads, .n = n, .fn = fn, .arg = arg };

	memset(f, 0, sizeof *f);
	f->n = n;
	f->group = xmalloc((n ? n : 1) * sizeof *f->group);
	/* the sets are kept in the groups' array until they are numbered
	 * (number_groups): not another array while folding */
	parent = bd.parent = f->group;
	f->digest = xmalloc((n ? n : 1) * sizeof *f->digest);
	sign_all(sl, heads, f->digest);
	bd.digest = f->digest;
	for (size_t i = 0; i < n; i++)
		parent[i] = (uint32_t)i;
	band_all(&bd);
	free(heads);		/* before the groups' arrays are made */
	f->version = xmalloc((n ? n : 1) * sizeof *f->version);
	f->prev = xmalloc((n ? n : 1) * sizeof *f->prev);
	number_groups(f, parent);
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

void fold_read_states(const struct fold *f, const unsigned char *own,
		      unsigned char *out)
{
	size_t ng = f->ngroups ? f->ngroups : 1;
	unsigned char *seen = xcalloc(ng, 1);
	unsigned char *mine = xmalloc(f->n ? f->n : 1);

	for (size_t i = 0; i < f->n; i++)
		mine[i] = own[i] == FOLD_READ;
	for (size_t i = f->n; i-- > 0;) {	/* read in a later version */
		out[i] = mine[i] || seen[f->group[i] - 1] ? FOLD_READ : FOLD_UNREAD;
		seen[f->group[i] - 1] |= mine[i];
	}
	memset(seen, 0, ng);
	for (size_t i = 0; i < f->n; i++) {	/* else in an earlier one */
		if (out[i] != FOLD_READ && seen[f->group[i] - 1])
			out[i] = FOLD_UPDATED;
		seen[f->group[i] - 1] |= mine[i];
	}
	free(seen);
	free(mine);
}

/* The versions of story i's group into v (room for its gsize), in list
 * order; returns how many. */
static size_t group_versions(const struct fold *f, size_t i, size_t *v)
{
	uint32_t g = f->group[i] - 1;
	size_t n = f->gsize[g], k = n;

	for (uint32_t j = f->glatest[g]; j != UINT32_MAX && k > 0; j = f->prev[j])
		v[--k] = j;
	if (k)			/* (a chain shorter than the group: never) */
		memmove(v, v + k, (n - k) * sizeof *v);
	return n - k;
}

void fold_read_group(const struct fold *f, unsigned char *own, unsigned char *out,
		     size_t i, unsigned char mark)
{
	size_t *v = xmalloc(f->gsize[f->group[i] - 1] * sizeof *v);
	size_t n = group_versions(f, i, v);
	int seen = 0;

	for (size_t m = 0; m < n; m++)	/* identical copies share the mark */
		if (v[m] == i || f->digest[v[m]] == f->digest[i])
			own[v[m]] = mark;
	for (size_t m = n; m-- > 0;) {	/* read in a later version */
		out[v[m]] = own[v[m]] == FOLD_READ || seen ? FOLD_READ : FOLD_UNREAD;
		seen |= own[v[m]] == FOLD_READ;
	}
	seen = 0;
	for (size_t m = 0; m < n; m++) {	/* else in an earlier one */
		if (out[v[m]] != FOLD_READ && seen)
			out[v[m]] = FOLD_UPDATED;
		seen |= own[v[m]] == FOLD_READ;
	}
	free(v);
}

size_t fold_row_story(const struct fold *f, size_t i)
{
	if (i >= f->n)
		return i;
	return f->glatest[f->group[i] - 1];
}

size_t fold_rows(const struct fold *f, size_t n, const unsigned char *keep,
		 size_t *out)
{
	unsigned char *kept = NULL;
	size_t k = 0;

	if (keep && f->n) {	/* a group is in when any of its versions is */
		kept = xcalloc(f->ngroups ? f->ngroups : 1, 1);
		for (size_t i = 0; i < f->n && i < n; i++)
			kept[f->group[i] - 1] |= keep[i] != 0;
	}
	for (size_t i = 0; i < n; i++) {
		if (i >= f->n) {
			if (!keep || keep[i])
				out[k++] = i;
		} else if (fold_is_latest(f, i) && (!kept || kept[f->group[i] - 1])) {
			out[k++] = i;
		}
	}
	free(kept);
	return k;
}

size_t fold_step(const struct fold *f, size_t i, int dir)
{
	if (i >= f->n)
		return SIZE_MAX;
	if (dir < 0)
		return f->prev[i] == UINT32_MAX ? SIZE_MAX : f->prev[i];
	if (fold_is_latest(f, i))
		return SIZE_MAX;
	for (size_t j = i + 1; j < f->n; j++)
		if (f->group[j] == f->group[i])
			return j;
	return SIZE_MAX;
}

size_t fold_read_version(const struct fold *f, const unsigned char *own, size_t i)
{
	size_t best = SIZE_MAX;

	if (i >= f->n || !own)
		return SIZE_MAX;
	for (size_t j = f->prev[i]; j != UINT32_MAX; j = f->prev[j])
		if (own[j] == FOLD_READ) {
			best = j;	/* the newest version read before i */
			break;
		}
	return best;
}
