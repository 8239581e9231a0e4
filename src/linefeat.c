/* SPDX-License-Identifier: MIT */
/* linefeat.c - the features of a line that the furniture model weighs.
 *
 * Shapes any outlet shares: length, final punctuation, capitalisation,
 * credit and agency words, dates, e-mail and links, the share of function
 * words, repetition inside the dump, and the neighbours' length and
 * punctuation.  Words are looked up in one small lexicon, each word
 * carrying the groups it belongs to. */
#include <config.h>

#include <limits.h>
#include <stdint.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linefeat.h"
#include "linemodel.h"
#include "sbuf.h"
#include "xmalloc.h"

/* Lexicon groups. */
enum {
	L_AGENCY = 1 << 0, L_PHOTO = 1 << 1, L_VIDEO = 1 << 2, L_SHARE = 1 << 3,
	L_SUBSCRIBE = 1 << 4, L_NAV = 1 << 5, L_DATE = 1 << 6, L_BYLINE = 1 << 7,
	L_COPYRIGHT = 1 << 8, L_COOKIE = 1 << 9, L_SAID = 1 << 10, L_MONTH = 1 << 11,
	L_STOP = 1 << 12, L_SHOP = 1 << 13, L_BIO = 1 << 14, L_TRAILER = 1 << 16,
	L_PLACE = 1 << 17,	/* where in a picture: "left", "pictured" */
	L_CAPSONLY = 1 << 15,	/* counts only when written with a capital */
};

/* One lexicon word (lower case) and its groups; sorted by word. */
struct lexword {
	const char *w;
	unsigned groups;
};

static const struct lexword lexicon[] = {
#include "linefeat_lex.inc"
};

#define NLEX (sizeof lexicon / sizeof lexicon[0])
#define LONG_LINE 15	/* words of a line that is surely text */
#define RUN_WORDS 20	/* words of a bare title, at most */
#define RUN_FAR 3	/* lines each way a run of them is looked for */

static const char *const feat_names[LF1_PLAIN] = {
#define LINEFEAT_NAME(name) #name,
	LINEFEAT_LIST(LINEFEAT_NAME)
#undef LINEFEAT_NAME
};

/* The names of stage two's features. */
static const char *const kind_short[LK_NKINDS] = {
	"paragraph", "heading", "image", "credit", "chrome"
};

/* Names of the values crossed. */
static const char *const wb_names[LINEFEAT_WB] = {
	"w1", "w2", "w3", "w4_5", "w6_8", "w9_12", "w13_20", "w21_35", "w36"
};
static const char *const end_names[LINEFEAT_END] = {
	"period", "excl_q", "colon", "quote", "paren", "other", "alnum"
};
static const char *const tc_names[LINEFEAT_TC] = {
	"tc_none", "tc_some", "tc_most", "tc_all", "tc_caps"
};

/* The names of the crossed features, made once. */
static char cross_names[LF1_COUNT - LF1_PLAIN][32];

const char *linefeat_name(unsigned f)
{
	static char names[3 * LK_NKINDS][24];

	if (f < LF1_PLAIN)
		return feat_names[f];
	if (f < LF1_COUNT) {
		char *s = cross_names[f - LF1_PLAIN];

		if (!s[0]) {
			unsigned x;

			if (f < LF1_X_WT)
				x = f - LF1_X_WE, snprintf(s, 32, "x_%s_%s", wb_names[x / LINEFEAT_END],
							  end_names[x % LINEFEAT_END]);
			else if (f < LF1_X_TE)
				x = f - LF1_X_WT, snprintf(s, 32, "x_%s_%s", wb_names[x / LINEFEAT_TC],
							  tc_names[x % LINEFEAT_TC]);
			else
				x = f - LF1_X_TE, snprintf(s, 32, "x_%s_%s", tc_names[x / LINEFEAT_END],
							  end_names[x % LINEFEAT_END]);
		}
		return s;
	}
	if ((f >= LF2_PREV && f < LF2_PREV + 2 * LK_NKINDS) || (f >= LF2_SELF && f < LF_TOTAL)) {
		unsigned k = f >= LF2_SELF ? 2 * LK_NKINDS + f - LF2_SELF : f - LF2_PREV;
		char *s = names[k];

		if (!s[0])	/* fixed strings, so a race writes the same bytes */
			strcpy(s, k < LK_NKINDS ? "prev_p_" : k < 2 * LK_NKINDS ? "next_p_" : "self_logp_"),
			strcat(s, kind_short[k % LK_NKINDS]);
		return s;
	}
	switch (f) {
	case LF2_PREV2: return "prev2_p_paragraph";
	case LF2_NEXT2: return "next2_p_paragraph";
	case LF2_RUN: return "run_furniture";
	case LF2_WIN: return "window_p_paragraph";
	}
	return NULL;
}


/* A function worth inlining into its loops where the compiler would not. */
#if defined(__GNUC__)
#define INLINE inline __attribute__((always_inline))
#else
#define INLINE inline
#endif

#define LEX_SLOTS 1024	/* the lexicon's hash table, a power of two */
#define LEX_LONGEST 16	/* letters of the longest lexicon word, at most */

/* A word of at most LEX_LONGEST lower-case letters as a key: its letters
 * little-endian in lo (the first eight) and hi (the next), zeros after
 * its end, and its length. */
struct lexkey {
	uint64_t lo, hi;
	size_t n;
};

/* One slot of the lexicon's hash table: a word's key and 1 + its index
 * in the lexicon (0: empty). */
struct lexslot {
	uint64_t lo, hi;
	uint16_t idx;
	uint16_t len;
};

static struct lexslot lex_table[LEX_SLOTS];
static size_t lex_trailer_least = SIZE_MAX;	/* the fewest letters of a trailer word */
static uint32_t lex_trailer_first;	/* the letters trailer words start with, bit c - 'a' */
static pthread_once_t lex_once = PTHREAD_ONCE_INIT;

/* Each byte as norm_hash takes it: letters lower case, digits and bytes
 * of other scripts as they are, 0 for the rest (skipped). */
static uint8_t norm_byte[256];

/* Classes of bytes in a word. */
enum { BC_OTHER, BC_LOWER, BC_UPPER, BC_HIGH, BC_JOIN };

/* The class of each byte: ASCII letter, byte of another script,
 * apostrophe or hyphen, or other. */
static uint8_t byte_class[256];

/* The key of a lower-case word of n bytes (n <= LEX_LONGEST). */
static struct lexkey lex_key(const char *w, size_t n)
{
	struct lexkey k = { 0, 0, n };

	for (size_t i = 0; i < n && i < 8; i++)
		k.lo |= (uint64_t)(unsigned char)w[i] << (8 * i);
	for (size_t i = 8; i < n && i < 16; i++)
		k.hi |= (uint64_t)(unsigned char)w[i] << (8 * (i - 8));
	return k;
}

/* The slot a key's search starts at. */
static inline uint32_t lex_slot(const struct lexkey *k)
{
	uint64_t h = (k->lo ^ (k->hi * 0x9E3779B97F4A7C15ULL) ^ k->n) * 0xC2B2AE3D27D4EB4FULL;

	return (uint32_t)(h >> 54) & (LEX_SLOTS - 1);
}

/* Fill the lexicon's hash table, norm_byte and byte_class (once). */
static void lex_build(void)
{
	for (unsigned c = 0; c < 256; c++) {
		norm_byte[c] = (uint8_t)(c >= 'A' && c <= 'Z' ? c + 32 :
					 (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
					 c >= 0x80 ? c : 0);
		byte_class[c] = (uint8_t)(c >= 'a' && c <= 'z' ? BC_LOWER : c >= 'A' && c <= 'Z' ?
					  BC_UPPER : c >= 0x80 ? BC_HIGH :
					  c == '\'' || c == '-' ? BC_JOIN : BC_OTHER);
	}
	for (size_t i = 0; i < NLEX; i++) {
		size_t n = strlen(lexicon[i].w);

		if (n > LEX_LONGEST)	/* could never be found (the tests say so) */
			continue;
		struct lexkey k = lex_key(lexicon[i].w, n);
		uint32_t at = lex_slot(&k);

		while (lex_table[at].idx)
			at = (at + 1) & (LEX_SLOTS - 1);
		lex_table[at] = (struct lexslot){ k.lo, k.hi, (uint16_t)(i + 1), (uint16_t)n };
		if ((lexicon[i].groups & L_TRAILER) && n < lex_trailer_least)
			lex_trailer_least = n;
		if ((lexicon[i].groups & L_TRAILER) && lexicon[i].w[0] >= 'a' && lexicon[i].w[0] <= 'z')
			lex_trailer_first |= 1u << (lexicon[i].w[0] - 'a');
		else if (lexicon[i].groups & L_TRAILER)
			lex_trailer_first = UINT32_MAX;	/* not a letter: no word ruled out */
	}
}

/* The groups of the word of key k, 0 if none (the table must be built). */
static inline unsigned lex_lookup(const struct lexkey *k)
{
	if (k->n == 0 || k->n > LEX_LONGEST)
		return 0;
	for (uint32_t at = lex_slot(k); lex_table[at].idx; at = (at + 1) & (LEX_SLOTS - 1)) {
		const struct lexslot *e = &lex_table[at];

		if (e->lo == k->lo && e->hi == k->hi && e->len == k->n)
			return lexicon[e->idx - 1].groups;
	}
	return 0;
}

/* The groups of a lower-case word of n bytes by a binary search of the
 * lexicon: the definition lex_lookup must agree with (for the tests). */
static unsigned lex_search(const char *w, size_t n)
{
	size_t lo = 0, hi = NLEX;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2, m = strlen(lexicon[mid].w);
		int c = memcmp(lexicon[mid].w, w, m < n ? m : n);

		if (c == 0)
			c = m < n ? -1 : m > n;
		if (c == 0)
			return lexicon[mid].groups;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return 0;
}

int linefeat_lexicon_ok(void)
{
	pthread_once(&lex_once, lex_build);
	for (size_t i = 0; i < NLEX; i++) {
		const char *w = lexicon[i].w;
		size_t n = strlen(w);
		char alt[32];

		if (i > 0 && strcmp(lexicon[i - 1].w, w) >= 0)
			return 0;
		/* every word fits a key and is found by it, and not by a
		 * shorter or a changed one */
		if (n > LEX_LONGEST || n == 0)
			return 0;
		struct lexkey k = lex_key(w, n), shorter = lex_key(w, n - 1);

		if (lex_lookup(&k) != lexicon[i].groups || lex_search(w, n) != lexicon[i].groups ||
		    lex_lookup(&shorter) != lex_search(w, n - 1))
			return 0;
		memcpy(alt, w, n);
		alt[n - 1] ^= 1;
		k = lex_key(alt, n);
		if (lex_lookup(&k) != lex_search(alt, n))
			return 0;
	}
	return 1;
}

/* Whether t ends like a sentence: . ! ? : ; , or … before closing quotes
 * or brackets. */
static int ends_sentence(const unsigned char *s, size_t n)
{
	while (n > 0) {
		unsigned char c = s[n - 1];

		if (c == '"' || c == '\'' || c == ')' || c == ']' || c == ' ') {
			n--;
			continue;
		}
		if (n >= 3 && s[n - 3] == 0xE2 && s[n - 2] == 0x80 &&
		    (c == 0x99 || c == 0x9D)) {
			n -= 3;
			continue;
		}
		break;
	}
	if (n == 0)
		return 0;
	unsigned char c = s[n - 1];

	if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',')
		return 1;
	return n >= 3 && c == 0xA6 && s[n - 2] == 0x80 && s[n - 3] == 0xE2;
}

/* Number of words of a line, at most cap. */
static unsigned count_words(const unsigned char *s, size_t n, unsigned cap)
{
	size_t w = bstr_words_sep((struct bstr){ (const char *)s, n }, 1, cap);

	return w < cap ? (unsigned)w : cap;
}

/* FNV-1a of a line's letters and digits, lower case, at most 256 bytes
 * (norm_byte must be filled). */
static uint64_t norm_hash(const unsigned char *s, size_t n)
{
	uint64_t h = 1469598103934665603ULL ^ n;

	if (n > 160) {	/* a long line: its start and its end tell it */
		h = norm_hash(s + n - 32, 32);
		n = 128;
	}
	for (size_t i = 0; i < n; i++) {
		unsigned c = norm_byte[s[i]];

		if (c)
			h = (h ^ c) * 1099511628211ULL;
	}
	return h | 1;
}

/* The tables one block of repeats is counted in, sz slots each (a power
 * of two, at least twice the block's lines): a slot holds 1 + the index
 * of a line, whose hash (in lh) or pair hash tells it, so that a slot
 * takes four bytes, not the eight of a hash; the counts saturate at 255,
 * all that a line's repeats are kept to. */
struct reptab {
	uint64_t *lh;		/* each line's norm_hash */
	uint32_t *key;		/* the lines' texts */
	uint32_t *pair;		/* the lines' texts with a neighbour */
	uint8_t *before, *after;	/* distinct neighbours of each text */
	size_t sz, block;
};

/* Find the text of line i of a block in t->key, adding it; returns its
 * slot. */
static size_t slot_of(const struct reptab *t, size_t i)
{
	uint64_t h = t->lh[i];
	size_t at = h & (t->sz - 1);

	while (t->key[at] && t->lh[t->key[at] - 1] != h)
		at = (at + 1) & (t->sz - 1);
	if (!t->key[at])
		t->key[at] = (uint32_t)i + 1;
	return at;
}

/* The hash of line i of n with its neighbour (before when side < 0, else
 * after). */
static uint64_t pair_hash(const uint64_t *lh, size_t n, int side, size_t i)
{
	uint64_t o = side < 0 ? (i ? lh[i - 1] : 7) : (i + 1 < n ? lh[i + 1] : 11);

	return ((lh[i] * 0x9E3779B97F4A7C15ULL) ^ o) | 1;
}

/* Count the distinct neighbours (before when side < 0, else after) each
 * of the n lines' text has in the block into cnt (by the text's slot in
 * t->key). */
static void count_contexts(const struct reptab *t, size_t n, int side, uint8_t *cnt)
{
	size_t mask = t->sz - 1;

	memset(t->pair, 0, t->sz * sizeof *t->pair);
	for (size_t i = 0; i < n; i++) {
		uint64_t ph = pair_hash(t->lh, n, side, i);
		size_t at = ph & mask;

		while (t->pair[at] && pair_hash(t->lh, n, side, t->pair[at] - 1) != ph)
			at = (at + 1) & mask;
		if (!t->pair[at]) {
			uint8_t *k = &cnt[slot_of(t, i)];

			*k += *k < 255;
			t->pair[at] = (uint32_t)i + 1;
		}
	}
}

/* Count, for each line, in how many different contexts its text recurs
 * in the document: page furniture recurs between different lines, while
 * a story that is in the dump twice keeps its own lines around each of
 * its lines (its first line has new text before it but its own after it),
 * so it does not count. */
#define REP_BLOCK 65536	/* lines whose repeats are counted together */

/* Count the repeats of lines [from, to) of the document among themselves
 * in the tables t. */
static void count_block(struct linectx *c, size_t from, size_t to, const struct reptab *t)
{
	const struct doc *d = c->d;
	size_t n = to - from;

	memset(t->key, 0, t->sz * sizeof *t->key);
	memset(t->before, 0, t->sz);
	memset(t->after, 0, t->sz);
	for (size_t i = 0; i < n; i++) {
		const struct line *l = &d->lines[from + i];

		t->lh[i] = norm_hash((const unsigned char *)d->text + l->off, l->len);
	}
	count_contexts(t, n, -1, t->before);
	count_contexts(t, n, 1, t->after);
	for (size_t i = 0; i < n; i++) {
		size_t at = slot_of(t, i);

		c->rep[from + i] = t->before[at] < t->after[at] ? t->before[at] : t->after[at];
	}
}

/* The end of the block of repeats that starts at line from of n: a block
 * is REP_BLOCK lines, a short last block goes with the one before it;
 * 0 if from starts no block (its lines went to the one before). */
static size_t block_end(size_t from, size_t n)
{
	size_t to = from + REP_BLOCK < n ? from + REP_BLOCK : n;

	if (from > 0 && to - from < REP_BLOCK / 2)
		return 0;
	if (to < n && n - to < REP_BLOCK / 2)
		to = n;
	return to;
}

/* Make the tables t room for a block of lines (kept if they have it). */
static void reptab_fit(struct reptab *t, size_t block)
{
	size_t sz = t->sz ? t->sz : 16;

	if (t->sz && block <= t->block)
		return;
	while (sz < block * 2)
		sz *= 2;
	t->block = block;
	t->sz = sz;
	t->lh = xrealloc(t->lh, (block + 1) * sizeof *t->lh);
	t->key = xrealloc(t->key, sz * sizeof *t->key);
	t->pair = xrealloc(t->pair, sz * sizeof *t->pair);
	t->before = xrealloc(t->before, sz);
	t->after = xrealloc(t->after, sz);
}

/* Count the repeats of the lines of the blocks that start in [from, to)
 * (multiples of REP_BLOCK), a block at a time (a long dump's furniture
 * recurs within any stretch of it), so the tables stay the same size
 * however long the dump. */
static void count_repeats(struct linectx *c, size_t from, size_t to)
{
	const struct doc *d = c->d;
	struct reptab t = { 0 };

	reptab_fit(&t, d->nlines < REP_BLOCK ? d->nlines : REP_BLOCK);
	for (; from < to; from += REP_BLOCK) {
		size_t end = block_end(from, d->nlines);

		if (!end)
			break;
		reptab_fit(&t, end - from);
		if (doc_stopped(d)) {	/* no longer wanted: no repeats */
			memset(c->rep + from, 0, (to < d->nlines ? to : d->nlines) - from);
			break;
		}
		count_block(c, from, end, &t);
	}
	free(t.lh);
	free(t.key);
	free(t.pair);
	free(t.before);
	free(t.after);
}

/* The first line of the second half of a document's blocks of repeats,
 * or 0 if it has one block. */
static size_t repeats_split(size_t n)
{
	size_t blocks = 0;

	for (size_t from = 0; from < n && block_end(from, n); from += REP_BLOCK)
		blocks++;
	return blocks >= 2 ? blocks / 2 * REP_BLOCK : 0;
}

/* The repeats of the blocks starting in [from, to) of a context. */
struct repeats {
	struct linectx *c;
	size_t from, to;
};

/* Count the repeats of some blocks (a thread's work). */
static void *repeats_part(void *arg)
{
	struct repeats *rp = arg;

	count_repeats(rp->c, rp->from, rp->to);
	return NULL;
}

size_t linefeat_words(const char *s, size_t n)
{
	return count_words((const unsigned char *)s, n, 65535);
}

void linectx_init(struct linectx *c, const struct doc *d)
{
	linectx_init_words(c, d, NULL);
}

/* Mark the long lines of c in c->longs (its words counted). */
static void mark_longs(struct linectx *c)
{
	size_t n = c->d->nlines;

	c->longs = xcalloc(n / 64 + 1, sizeof *c->longs);
	for (size_t i = 0; i < n; i++)
		c->longs[i / 64] |= (uint64_t)(c->words[i] >= LONG_LINE) << (i % 64);
}

void linectx_init_words(struct linectx *c, const struct doc *d, uint16_t *words)
{
	pthread_t th;
	int threaded, stop = 0;
	size_t split = repeats_split(d->nlines);
	struct repeats second = { c, split, d->nlines };

	pthread_once(&lex_once, lex_build);
	c->d = d;
	c->words = words ? words : xmalloc((d->nlines + 1) * sizeof *c->words);
	c->ends = xmalloc(d->nlines + 1);
	c->rep = xmalloc(d->nlines + 1);
	/* a long document's repeats are counted meanwhile on a second
	 * thread: the second half of its blocks, or all of one block */
	threaded = linemodel_two_threads(NULL, d->nlines) &&
		   pthread_create(&th, NULL, repeats_part, &second) == 0;
	for (size_t i = 0; i < d->nlines; i++) {
		const struct line *l = &d->lines[i];
		const unsigned char *s = (const unsigned char *)d->text + l->off;

		/* no longer wanted: the rest as lines without words */
		stop = stop || ((i & 4095) == 0 && doc_stopped(d));
		if (!words)
			c->words[i] = stop ? 0 : (uint16_t)count_words(s, l->len, 65535);
		c->ends[i] = stop ? 0 : (uint8_t)ends_sentence(s, l->len);
	}
	mark_longs(c);
	if (threaded) {
		if (split)
			count_repeats(c, 0, split);
		pthread_join(th, NULL);
	} else {
		count_repeats(c, 0, d->nlines);
	}
}

void linectx_free(struct linectx *c)
{
	free(c->words);
	free(c->ends);
	free(c->rep);
	free(c->longs);
	memset(c, 0, sizeof *c);
}

/* Append feature f with value v. */
static void put(struct fval *out, size_t *n, unsigned f, float v)
{
	if (*n < LINEFEAT_MAX) {
		out[*n].f = (uint16_t)f;
		out[*n].v = v;
		(*n)++;
	}
}

/* The bucket feature of a word count. */
static unsigned words_bucket(unsigned w)
{
	if (w <= 1) return LF1_w1;
	if (w == 2) return LF1_w2;
	if (w == 3) return LF1_w3;
	if (w <= 5) return LF1_w4_5;
	if (w <= 8) return LF1_w6_8;
	if (w <= 12) return LF1_w9_12;
	if (w <= 20) return LF1_w13_20;
	if (w <= 35) return LF1_w21_35;
	return LF1_w36;
}

/* The feature of how a line ends. */
static unsigned end_feature(const unsigned char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	if (n == 0)
		return LF1_end_other;
	unsigned char c = s[n - 1];

	if (c == '.')
		return LF1_end_period;
	if (c == '!' || c == '?')
		return LF1_end_excl_q;
	if (c == ':')
		return LF1_end_colon;
	if (c == '"' || c == '\'' || (n >= 3 && s[n - 3] == 0xE2 && s[n - 2] == 0x80 &&
				      (c == 0x99 || c == 0x9D)))
		return LF1_end_quote;
	if (c == ')' || c == ']')
		return LF1_end_paren;
	if ((c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') ||
	    c >= 0x80)
		return LF1_end_alnum;
	return LF1_end_other;
}

/* The feature of how a line starts. */
static unsigned start_feature(const unsigned char *s, size_t n)
{
	if (n == 0)
		return LF1_start_other;
	if (s[0] >= '0' && s[0] <= '9')
		return LF1_start_digit;
	if (s[0] == '"' || s[0] == '\'' ||
	    (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x98 || s[2] == 0x9C)))
		return LF1_start_quote;
	if (s[0] >= 'a' && s[0] <= 'z')
		return LF1_start_lower;
	if ((s[0] >= 'A' && s[0] <= 'Z') || s[0] >= 0xC3)
		return LF1_start_upper;
	return LF1_start_other;
}

/* Word-level facts of a line, gathered in one pass. */
struct wordscan {
	unsigned words, caps, allcaps_words, letters_words, stops, looked;
	unsigned groups, first_groups;
	int first_allcaps, first_by, time, year, digits, slash_names, url, at;
	int pipe, dash_sep, dots;
	int month_day;		/* a month followed by a day's number */
	int place;		/* "(left)", ", right,": where in a picture */
	int tail_agency;	/* an agency or picture word in the last three words */
};

/* The bytes the byte-at-a-time scan_marks_ref looks at. */
static const uint8_t marks[256] = {
	['|'] = 1, ['@'] = 1, [':'] = 1, ['/'] = 1, [' '] = 1, ['.'] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1,
};

/* Whether byte c is an ASCII letter. */
static int is_alpha(unsigned c)
{
	return (c | 32) >= 'a' && (c | 32) <= 'z';
}

#define LEX_FIRST 24	/* words looked up at the start of a line */
#define LEX_LAST 12	/* and at its end */

/* Whether a line has a link in it, given whether it has a dot or a colon. */
static int has_url(const unsigned char *s, size_t n, int dots)
{
	return n >= 4 && dots && (memmem(s, n, "http", 4) || memmem(s, n, "www.", 4) ||
				  memmem(s, n, ".com", 4));
}

/* The marks of a line (pipes, @, times, slash names, dash separators,
 * digits, links) into ws, a byte at a time: the definition scan_marks
 * must agree with (for the tests). */
static void scan_marks_ref(const unsigned char *s, size_t n, struct wordscan *ws)
{
	for (size_t j = 0; j + 1 < n; j++) {
		if (!marks[s[j]])	/* a letter, most bytes are */
			continue;
		if (s[j] == '|')
			ws->pipe = 1;
		else if (s[j] == '@' && j > 0 && s[j - 1] != ' ' && s[j + 1] != ' ')
			ws->at = 1;
		else if (s[j] == ':' && j > 0 && s[j - 1] >= '0' && s[j - 1] <= '9' &&
			 s[j + 1] >= '0' && s[j + 1] <= '9')
			ws->time = 1;
		else if (s[j] == '/' && j > 0 && is_alpha(s[j - 1]) && s[j + 1] >= 'A' &&
			 s[j + 1] <= 'Z')
			ws->slash_names = 1;
		else if (s[j] == ' ' && j + 2 < n && (s[j + 1] == '-' || s[j + 1] == '|') &&
			 s[j + 2] == ' ')
			ws->dash_sep = 1;
		else if (s[j] == ' ' && j + 4 < n && s[j + 1] == 0xE2 && s[j + 2] == 0x80 &&
			 (s[j + 3] == 0x93 || s[j + 3] == 0x94) && s[j + 4] == ' ')
			ws->dash_sep = 1;
		if (s[j] >= '0' && s[j] <= '9')
			ws->digits++;
		else if (s[j] == '.' || s[j] == ':')
			ws->dots = 1;	/* links have one or the other */
	}
	ws->url = has_url(s, n, ws->dots);
}

/* The bytes that may make a mark where they stand: the dash separators
 * are told by their dash or bar, not by the space before it. */
static const uint8_t mark_at[256] = {
	['|'] = 1, ['@'] = 1, [':'] = 1, ['/'] = 1, ['.'] = 1, ['-'] = 1, [0xE2] = 1,
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1,
};

/* The mark byte j of s makes (j + 1 < n), into ws, as scan_marks_ref
 * finds it at j or, for a dash separator, at the space before j. */
static void mark_byte(const unsigned char *s, size_t n, size_t j, struct wordscan *ws)
{
	unsigned c = s[j];

	if (c >= '0' && c <= '9') {
		ws->digits++;
	} else if (c == '.') {
		ws->dots = 1;
	} else if (c == ':') {
		ws->dots = 1;
		if (j > 0 && s[j - 1] >= '0' && s[j - 1] <= '9' && s[j + 1] >= '0' && s[j + 1] <= '9')
			ws->time = 1;
	} else if (c == '|' || c == '-') {
		ws->pipe |= c == '|';
		if (j > 0 && s[j - 1] == ' ' && s[j + 1] == ' ')
			ws->dash_sep = 1;
	} else if (c == '@') {
		if (j > 0 && s[j - 1] != ' ' && s[j + 1] != ' ')
			ws->at = 1;
	} else if (c == '/') {
		if (j > 0 && is_alpha(s[j - 1]) && s[j + 1] >= 'A' && s[j + 1] <= 'Z')
			ws->slash_names = 1;
	} else if (c == 0xE2) {
		if (j > 0 && s[j - 1] == ' ' && j + 3 < n && s[j + 1] == 0x80 &&
		    (s[j + 2] == 0x93 || s[j + 2] == 0x94) && s[j + 3] == ' ')
			ws->dash_sep = 1;
	}
}

#define ONES8 0x0101010101010101ULL	/* a one in each byte */
#define HIGH8 0x8080808080808080ULL	/* the top bit of each byte */

/* The top bit of each byte of x that equals c set (and only those). */
static uint64_t eq8(uint64_t x, unsigned c)
{
	uint64_t t = x ^ (ONES8 * c);

	return ~(((t & ~HIGH8) + ~HIGH8) | t) & HIGH8;
}

/* The top bit set in each byte of x that may be a mark (mark_at): from
 * '-' to ':' (dashes, dots, slashes, digits), '@', '|' or 0xE2. */
static uint64_t mark_bytes(uint64_t x)
{
	uint64_t y = x & ~HIGH8;
	uint64_t range = (y + ONES8 * (0x80 - '-')) & ~(y + ONES8 * (0x80 - ':' - 1)) & ~x;

	return (range & HIGH8) | eq8(x, '@') | eq8(x, '|') | eq8(x, 0xE2);
}

/* The marks of a line into ws, as scan_marks_ref finds them: eight bytes
 * at a time, most of which hold no mark, the others a byte at a time. */
static void scan_marks(const unsigned char *s, size_t n, struct wordscan *ws)
{
	size_t j = 0, m = n ? n - 1 : 0;	/* bytes [0, m) can make a mark */

	for (; j + 8 <= m; j += 8) {
		uint64_t x;

		memcpy(&x, s + j, 8);
		if (!mark_bytes(x))
			continue;
		for (size_t q = j; q < j + 8; q++)
			if (mark_at[s[q]])
				mark_byte(s, n, q, ws);
	}
	for (; j < m; j++)
		if (mark_at[s[j]])
			mark_byte(s, n, j, ws);
	ws->url = has_url(s, n, ws->dots);
}

/* One word of a line: its letters, lower case (the first 24), their
 * key, and its shape. */
struct word {
	char w[24];
	size_t wn, upper, lower;
	struct lexkey key;	/* of the first LEX_LONGEST letters */
	int cap;
};

/* The capital of a word starting at s[j] (of n bytes) as read_word tells
 * it, and where its letters start, in *at: the first ASCII letter or byte
 * of another script before a space; n or a space if none. */
static int word_cap(const unsigned char *s, size_t j, size_t n, size_t *at)
{
	int cap = 0;

	for (; j < n && s[j] != ' '; j++) {	/* to its start, which tells its capital */
		unsigned k = byte_class[s[j]];

		if (k == BC_LOWER || k == BC_UPPER) {
			cap = k == BC_UPPER;
			break;
		}
		if (k == BC_HIGH) {
			cap = s[j] == 0xC3 && j + 1 < n && s[j + 1] != ' ' && s[j + 1] < 0x9F;
			break;
		}
	}
	*at = j;
	return cap;
}

/* Read the word that begins at s[b] (of the n bytes at s) into wd: it
 * starts at its first letter or byte of another script, and stops at a
 * byte that is none of those and no apostrophe or hyphen.  Returns the
 * end of its run of bytes other than spaces. */
static size_t read_word(const unsigned char *s, size_t b, size_t n, struct word *wd)
{
	size_t j, wn = 0, upper = 0, lower = 0;
	int cap = word_cap(s, b, n, &j);

	for (; j < n; j++) {	/* a space is BC_OTHER: it stops the word */
		unsigned c = s[j], k = byte_class[c];

		if (k == BC_LOWER) {
			lower++;
		} else if (k == BC_UPPER) {
			upper++;
		} else if (k == BC_HIGH) {
			lower++;
			continue;
		} else if (k == BC_JOIN) {
			continue;
		} else {
			break;
		}
		if (wn < sizeof wd->w)
			wd->w[wn++] = (char)(c | 32);
	}
	while (j < n && s[j] != ' ')
		j++;
	wd->wn = wn;
	wd->upper = upper;
	wd->lower = lower;
	wd->key = lex_key(wd->w, wn < LEX_LONGEST ? wn : LEX_LONGEST);
	wd->key.n = wn;
	wd->cap = cap;
	return j;
}

/* The groups of a word read as the lexicon has them (0 past 23 letters,
 * as a word that long is taken for a run of letters, not a word). */
static unsigned word_groups(const struct word *wd)
{
	return wd->wn < sizeof wd->w ? lex_lookup(&wd->key) : 0;
}

/* The same by a search of the lexicon (for the tests). */
static unsigned word_groups_ref(const struct word *wd)
{
	return wd->wn && wd->wn < sizeof wd->w ? lex_search(wd->w, wd->wn) : 0;
}

/* Whether this machine stores the low byte of a word first. */
static int little_endian(void)
{
	const uint16_t one = 1;
	unsigned char b;

	memcpy(&b, &one, 1);
	return b == 1;
}

/* The bytes of x below its lowest top bit set (x a set of top bits, not 0). */
static size_t bytes_below(uint64_t x)
{
#if defined(__GNUC__)
	return (size_t)__builtin_ctzll(x) / 8;
#else
	size_t k = 0;

	while (!(x >> (8 * k + 7) & 1))
		k++;
	return k;
#endif
}

/* The eight bytes of s from j (of n), zeros past n. */
static uint64_t load8(const unsigned char *s, size_t j, size_t n)
{
	uint64_t x = 0;

	if (j + 8 <= n)
		memcpy(&x, s + j, 8);
	else if (j < n)
		memcpy(&x, s + j, n - j);
	return x;
}

/* The top bit set in each byte of x that is an ASCII letter. */
static uint64_t letters8(uint64_t x)
{
	uint64_t y = (x | ONES8 * 0x20) & ~HIGH8;

	return (y + ONES8 * (0x80 - 'a')) & ~(y + ONES8 * (0x80 - 'z' - 1)) & ~x & HIGH8;
}

/* The number of ASCII capitals among the bytes of x whose top bit is in
 * m (letters). */
static size_t capitals_in(uint64_t x, uint64_t m)
{
	uint64_t caps = m & ~((x & ONES8 * 0x20) << 2);

	return (size_t)(((caps >> 7) * ONES8) >> 56);	/* the sum of the bytes */
}

/* Read the word at s[b] (of n bytes) into wd as read_word does, eight
 * bytes at a time, if it is a run of 1 to LEX_LONGEST ASCII letters
 * followed by no apostrophe, hyphen or byte of another script (most
 * words are): returns its end as read_word does, or 0 if it is not
 * such a word (wd then undefined).  The letters are not copied to wd->w:
 * the key holds them (wd->w[0] and [1] excepted). */
static INLINE size_t read_plain_word(const unsigned char *s, size_t b, size_t n, struct word *wd)
{
	uint64_t x = load8(s, b, n), m = letters8(x), y = 0, my = 0;
	size_t len, upper;

	if (!little_endian() || !(m & 0x80))
		return 0;	/* no letter first */
	if (~m & HIGH8) {
		len = bytes_below(~m & HIGH8);
	} else {
		y = load8(s, b + 8, n);
		my = letters8(y);
		if (!(~my & HIGH8))
			return 0;	/* longer than any lexicon word */
		len = 8 + bytes_below(~my & HIGH8);
	}
	size_t e = b + len;

	if (e < n && (s[e] >= 0x80 || s[e] == '\'' || s[e] == '-'))
		return 0;	/* the word goes on, or has letters of another script */
	if (len < 8) {
		uint64_t keep = ((uint64_t)1 << (8 * len)) - 1;

		m &= keep;
		x &= keep;
	} else {
		uint64_t keep = len == 8 ? 0 : ((uint64_t)1 << (8 * (len - 8))) - 1;

		my &= keep;
		y &= keep;
	}
	upper = capitals_in(x, m) + capitals_in(y, my);
	wd->key.lo = x | (m >> 2);	/* 0x20 into each letter: lower case */
	wd->key.hi = y | (my >> 2);
	wd->key.n = len;
	wd->wn = len;
	wd->upper = upper;
	wd->lower = len - upper;
	wd->cap = !(s[b] & 0x20);
	wd->w[0] = (char)(wd->key.lo & 0xFF);
	wd->w[1] = (char)(wd->key.lo >> 8 & 0xFF);
	while (e < n && s[e] != ' ')
		e++;
	return e;
}

/* Scan the words of a line into ws, at most maxw of them (the first
 * LEX_FIRST and the last LEX_LAST of nwords are looked up); if ref,
 * the byte-at-a-time way (read_word and a search of the lexicon), for
 * the tests. */
static inline void scan_wordlist_by(const unsigned char *s, size_t n, unsigned nwords,
				    unsigned maxw, struct wordscan *ws, int ref)
{
	size_t i = 0;
	unsigned k = 0, agency_at = 0;	/* 1 + the last agency word's index */
	int after_month = 0;
	struct word wd;

	pthread_once(&lex_once, lex_build);
	while (i < n && k < maxw) {
		while (i < n && s[i] == ' ')
			i++;
		if (i >= n)
			break;
		size_t b = i;

		if (ref || !(i = read_plain_word(s, b, n, &wd)))
			i = read_word(s, b, n, &wd);
		if (i - b == 4 && !memcmp(s + b, "19", 2) && s[b + 2] >= '0' && s[b + 2] <= '9')
			ws->year = 1;
		if (i - b >= 4 && !memcmp(s + b, "20", 2) && s[b + 2] >= '0' && s[b + 2] <= '3' &&
		    s[b + 3] >= '0' && s[b + 3] <= '9')
			ws->year = 1;
		if (after_month && s[b] >= '0' && s[b] <= '9' &&	/* a day: one or two digits */
		    (i - b == 1 || s[b + 1] < '0' || s[b + 1] > '9' ||
		     i - b == 2 || s[b + 2] < '0' || s[b + 2] > '9'))
			ws->month_day = 1;
		after_month = 0;
		if (wd.upper + wd.lower)
			ws->letters_words++;
		if (wd.cap)
			ws->caps++;
		if (wd.upper >= 2 && wd.lower == 0)
			ws->allcaps_words++;
		if (k < LEX_FIRST || k + LEX_LAST >= nwords) {
			ws->looked++;
			unsigned g = ref ? word_groups_ref(&wd) : word_groups(&wd);

			if ((g & L_CAPSONLY) && !wd.cap)
				g = 0;
			if (g & L_STOP)
				ws->stops++;
			if (g & (L_AGENCY | L_PHOTO))
				agency_at = k + 1;
			after_month = (g & L_MONTH) && wd.cap;
			if ((g & L_PLACE) && (s[b] == '(' || s[i - 1] == ',' || s[i - 1] == ')'))
				ws->place = 1;
			ws->groups |= g;
			if (k == 0)
				ws->first_groups = g;
		}
		if (k == 0) {
			ws->first_allcaps = wd.upper >= 2 && wd.lower == 0;
			ws->first_by = wd.wn == 2 && wd.w[0] == 'b' && wd.w[1] == 'y';
		}
		k++;
	}
	ws->words = k;
	ws->tail_agency = agency_at && k >= 2 && agency_at + 3 > k;
}

/* Scan the words of a line into ws (see scan_wordlist_by). */
static void scan_wordlist(const unsigned char *s, size_t n, unsigned nwords, unsigned maxw,
			  struct wordscan *ws)
{
	scan_wordlist_by(s, n, nwords, maxw, ws, 0);
}

/* Scan the words and marks of a line, the byte-at-a-time way if ref. */
static void scan_words(const unsigned char *s, size_t n, unsigned nwords,
		       struct wordscan *ws, int ref)
{
	memset(ws, 0, sizeof *ws);
	if (ref) {
		scan_marks_ref(s, n, ws);
		scan_wordlist_by(s, n, nwords, UINT_MAX, ws, 1);
	} else {
		scan_marks(s, n, ws);
		scan_wordlist(s, n, nwords, UINT_MAX, ws);
	}
}

#define SCAN_LONG 240	/* a line longer than this is scanned in two pieces: */
#define SCAN_HEAD 120	/* its first bytes */
#define SCAN_TAIL 100	/* and its last */

/* Scan a line's words into ws, a long line only at its start and its
 * end (where a caption's credit or a trailer is); returns the bytes
 * scanned. */
static size_t scan_line(const unsigned char *s, size_t n, unsigned nwords, struct wordscan *ws,
			int ref)
{
	struct wordscan t;

	if (n <= SCAN_LONG) {
		scan_words(s, n, nwords, ws, ref);
		return n;
	}
	scan_words(s, SCAN_HEAD, nwords, ws, ref);
	scan_words(s + n - SCAN_TAIL, SCAN_TAIL, 0, &t, ref);
	ws->words += t.words, ws->caps += t.caps, ws->allcaps_words += t.allcaps_words;
	ws->letters_words += t.letters_words, ws->stops += t.stops, ws->groups |= t.groups;
	ws->looked += t.looked;
	ws->time |= t.time, ws->year |= t.year, ws->digits += t.digits;
	ws->slash_names |= t.slash_names, ws->url |= t.url, ws->at |= t.at;
	ws->pipe |= t.pipe, ws->dash_sep |= t.dash_sep;
	ws->month_day |= t.month_day, ws->place |= t.place;
	ws->tail_agency = t.tail_agency;
	return SCAN_HEAD + SCAN_TAIL;
}

static int credit_tail(const unsigned char *s, size_t n);
static int credit_tail_ref(const unsigned char *s, size_t n);

/* Whether two scans found the same. */
static int same_scan(const struct wordscan *a, const struct wordscan *b)
{
	return a->words == b->words && a->caps == b->caps && a->allcaps_words == b->allcaps_words &&
	       a->letters_words == b->letters_words && a->stops == b->stops &&
	       a->looked == b->looked && a->groups == b->groups &&
	       a->first_groups == b->first_groups && a->first_allcaps == b->first_allcaps &&
	       a->first_by == b->first_by && a->time == b->time && a->year == b->year &&
	       a->digits == b->digits && a->slash_names == b->slash_names && a->url == b->url &&
	       a->at == b->at && a->pipe == b->pipe && a->dash_sep == b->dash_sep &&
	       a->dots == b->dots && a->month_day == b->month_day && a->place == b->place &&
	       a->tail_agency == b->tail_agency;
}

int linefeat_scan_agrees(const char *s, size_t n, unsigned nwords)
{
	struct wordscan fast, ref;

	pthread_once(&lex_once, lex_build);
	if (credit_tail((const unsigned char *)s, n) != credit_tail_ref((const unsigned char *)s, n))
		return 0;
	return scan_line((const unsigned char *)s, n, nwords, &fast, 0) ==
	       scan_line((const unsigned char *)s, n, nwords, &ref, 1) && same_scan(&fast, &ref);
}

/* Whether a line opens with a dateline: a place in capitals, then a dash
 * or an agency in brackets within the first 80 bytes. */
static int has_dateline(const unsigned char *s, size_t n, const struct wordscan *ws)
{
	size_t lim = n < 80 ? n : 80;

	if (!ws->first_allcaps)
		return 0;
	for (size_t j = 0; j + 2 < lim; j++) {
		if (s[j] == ' ' && (s[j + 1] == '-' || s[j + 1] == 0xE2) && j > 0)
			return 1;
		if (s[j] == '(' && s[j + 1] >= 'A' && s[j + 1] <= 'Z')
			return 1;
	}
	return 0;
}

/* Whether a line starts like "3/18" or "3 of 18" (a slideshow's count). */
static int slide_count(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && s[i] >= '0' && s[i] <= '9')
		i++;
	if (i == 0 || i > 3 || i >= n)
		return 0;
	if (s[i] == '/' && i + 1 < n && s[i + 1] >= '0' && s[i + 1] <= '9')
		return 1;
	return n > i + 4 && !memcmp(s + i, " of ", 4) && s[i + 4] >= '0' && s[i + 4] <= '9';
}

/* Whether byte j of s (of n) starts a credit: a slash name ("/AP") or
 * "(Photo", "(Image", "(Credit". */
static int credit_at(const unsigned char *s, size_t n, size_t j)
{
	if (s[j] == '/' && j + 1 < n && s[j + 1] >= 'A' && s[j + 1] <= 'Z' &&
	    j > 0 && is_alpha(s[j - 1]))
		return 1;
	return s[j] == '(' && j + 6 < n && (!memcmp(s + j + 1, "Photo", 5) ||
					   !memcmp(s + j + 1, "Image", 5) ||
					   !memcmp(s + j + 1, "Credit", 6));
}

/* Whether a line ends with a credit: "(Photo: ...)", "... /AP", "...
 * Credit: ...", a slash name or an agency in its last words (the blocks
 * of eight bytes with no slash or bracket skipped). */
static int credit_tail(const unsigned char *s, size_t n)
{
	size_t j = n > 60 ? n - 60 : 0;

	for (; j + 8 <= n; j += 8) {
		uint64_t x;

		memcpy(&x, s + j, 8);
		if (!(eq8(x, '/') | eq8(x, '(')))
			continue;
		for (size_t q = j; q < j + 8; q++)
			if (credit_at(s, n, q))
				return 1;
	}
	for (; j < n; j++)
		if (credit_at(s, n, j))
			return 1;
	return 0;
}

/* The same a byte at a time: the definition credit_tail must agree
 * with (for the tests). */
static int credit_tail_ref(const unsigned char *s, size_t n)
{
	for (size_t j = n > 60 ? n - 60 : 0; j < n; j++)
		if (credit_at(s, n, j))
			return 1;
	return 0;
}


/* Whether a line is wholly in brackets: "(Artist: ...)", "[Related: ...]". */
static int bracketed(const unsigned char *s, size_t n)
{
	while (n > 0 && s[n - 1] == ' ')
		n--;
	return n >= 3 && (s[0] == '(' || s[0] == '[') && (s[n - 1] == ')' || s[n - 1] == ']');
}

/* Whether a line starts like a numbered point: "3. Get enough sleep". */
static int numbered(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n && i < 3 && s[i] >= '0' && s[i] <= '9')
		i++;
	return i >= 1 && i <= 2 && i + 2 < n && (s[i] == '.' || s[i] == ')') && s[i + 1] == ' ' &&
	       s[i + 2] >= 'A' && s[i + 2] <= 'Z';
}

/* Whether a colon and a space come among the first 80 bytes, after the
 * second and at least 12 bytes before the end ("Live: Ministers meet"). */
static int colon_mid(const unsigned char *s, size_t n)
{
	size_t lim = n > 81 ? 80 : n > 0 ? n - 1 : 0;	/* j + 1 < n and j < 80 */
	const unsigned char *p = s;

	while ((p = memchr(p, ':', lim - (size_t)(p - s))) != NULL) {
		size_t j = (size_t)(p++ - s);

		if (s[j + 1] == ' ' && j > 1 && j + 12 < n)
			return 1;
	}
	return 0;
}

/* The top bit of each byte of x set where that byte is an ASCII capital. */
static uint64_t capitals(uint64_t x)
{
	const uint64_t ones = 0x0101010101010101ULL, low7 = 0x7F7F7F7F7F7F7F7FULL;
	uint64_t y = x & low7;

	/* 'A' - 1 < byte < 'Z' + 1 without carries between bytes, top bit clear */
	return (ones * (127 + 'Z' + 1) - y) & ~x & (y + ones * (127 - ('A' - 1))) & ~low7;
}

/* Whether a capital is glued to the word before it ("endNext", "it.The"),
 * capitals looked for eight bytes at a time. */
static int glued(const unsigned char *s, size_t n)
{
	for (size_t j = 2; j + 1 < n; j++) {
		uint64_t x;

		if (j + 9 <= n) {	/* bytes j to j + 7 all have a byte after them */
			memcpy(&x, s + j, 8);
			if (!capitals(x)) {
				j += 7;
				continue;
			}
		}
		if (s[j] >= 'A' && s[j] <= 'Z' &&
		    ((s[j - 1] >= 'a' && s[j - 1] <= 'z') || s[j - 1] == '.') &&
		    s[j + 1] >= 'a' && s[j + 1] <= 'z' && s[j - 2] != ' ' && s[j - 2] != '.')
			return 1;
	}
	return 0;
}

/* The number of bits set in x. */
static unsigned bits_in(uint64_t x)
{
	x = x - ((x >> 1) & 0x5555555555555555ULL);
	x = (x & 0x3333333333333333ULL) + ((x >> 2) & 0x3333333333333333ULL);
	x = (x + (x >> 4)) & 0x0F0F0F0F0F0F0F0FULL;
	return (unsigned)((x * ONES8) >> 56);
}

/* Long lines among the r lines on each side of line i (not itself),
 * counted in the bitmap of long lines: r is at most 12, and an array of
 * running counts would cost 4 bytes a line while the document is
 * classified (the bitmap costs a bit). */
static size_t longs_around(const struct linectx *c, size_t i, size_t r)
{
	size_t lo = i >= r ? i - r : 0, hi = i + r + 1 < c->d->nlines ? i + r + 1 : c->d->nlines;
	size_t n = 0;

	while (lo < hi) {	/* a word of the bitmap at a time */
		size_t w = lo / 64, end = (w + 1) * 64 < hi ? (w + 1) * 64 : hi;
		uint64_t bits = c->longs[w] >> (lo % 64);

		if (end - lo < 64)
			bits &= ((uint64_t)1 << (end - lo)) - 1;
		n += bits_in(bits);
		lo = end;
	}
	return n - (c->words[i] >= LONG_LINE);
}

/* Whether line i is a bare title: a few words, not ended like a sentence
 * (a promo, a crosshead, a menu entry). */
static int bare_title(const struct linectx *c, size_t i)
{
	return c->words[i] >= 1 && c->words[i] <= RUN_WORDS && !c->ends[i];
}

/* The run of bare titles line i is in, itself counted (0 if it is not
 * one), looking RUN_FAR lines each way at most. */
static size_t title_run(const struct linectx *c, size_t i)
{
	size_t r = 1;

	if (!bare_title(c, i))
		return 0;
	for (size_t b = 1; b <= RUN_FAR && b <= i && bare_title(c, i - b); b++)
		r++;
	for (size_t f = 1; f <= RUN_FAR && i + f < c->d->nlines && bare_title(c, i + f); f++)
		r++;
	return r;
}

/* Features of where line i sits among long lines and lists. */
static void context_features(const struct linectx *c, size_t i, struct fval *out, size_t *k)
{
	const struct doc *d = c->d;
	size_t b = 1, f = 1, near = 0;

	while (b <= 3 && b <= i && c->words[i - b] < LONG_LINE)
		b++;
	put(out, k, b > i ? LF1_back_long_far : b == 1 ? LF1_back_long1 : b == 2 ? LF1_back_long2 :
		    b == 3 ? LF1_back_long3 : LF1_back_long_far, 1);
	while (f <= 3 && i + f < d->nlines && c->words[i + f] < LONG_LINE)
		f++;
	put(out, k, i + f >= d->nlines ? LF1_fwd_long_far : f == 1 ? LF1_fwd_long1 :
		    f == 2 ? LF1_fwd_long2 : f == 3 ? LF1_fwd_long3 : LF1_fwd_long_far, 1);
	near = longs_around(c, i, 3);
	put(out, k, near == 0 ? LF1_near_long0 : near <= 2 ? LF1_near_long1_2 : LF1_near_long3, 1);
	static const unsigned dens[2][4] = {
		{ LF1_d5_0, LF1_d5_lo, LF1_d5_mid, LF1_d5_hi },
		{ LF1_d12_0, LF1_d12_lo, LF1_d12_mid, LF1_d12_hi },
	};
	for (int sc = 0; sc < 2; sc++) {
		size_t r = sc ? 12 : 5, lo = i >= r ? i - r : 0;
		size_t hi = i + r + 1 < d->nlines ? i + r + 1 : d->nlines;
		size_t tot = hi - lo - 1, lng = longs_around(c, i, r);
		double fr = tot ? (double)lng / tot : 0;

		put(out, k, dens[sc][lng == 0 ? 0 : fr < 0.3 ? 1 : fr < 0.6 ? 2 : 3], 1);
	}
	if (b <= 4 && f <= 4 && b <= i && i + f < d->nlines)
		put(out, k, LF1_enclosed, 1);
	size_t run = title_run(c, i);

	if (run)
		put(out, k, run == 1 ? LF1_run_1 : run <= 3 ? LF1_run_2_3 : LF1_run_4, 1);
	if (i > 0 && i + 1 < d->nlines && c->words[i - 1] <= 12 && c->words[i + 1] <= 12 &&
	    !c->ends[i - 1] && !c->ends[i + 1])
		put(out, k, LF1_in_list, 1);
	const unsigned char *s = (const unsigned char *)d->text + d->lines[i].off;
	size_t n = d->lines[i].len;

	for (int side = -1; side <= 1; side += 2) {
		if ((side < 0 && i == 0) || (side > 0 && i + 1 >= d->nlines))
			continue;
		const struct line *o = &d->lines[side < 0 ? i - 1 : i + 1];
		const unsigned char *t = (const unsigned char *)d->text + o->off;
		size_t m = 0;

		while (m < n && m < o->len && s[m] == t[m] && s[m] != ' ')
			m++;
		if (m >= 2 && m < n && m < o->len && (s[m] == ' ' || t[m] == ' ' || m >= 4))
			put(out, k, side < 0 ? LF1_same_start_prev : LF1_same_start_next, 1);
	}
}

size_t linefeat_line(const struct linectx *c, size_t i, struct fval *out)
{
	const struct doc *d = c->d;
	const struct line *l = &d->lines[i];
	const unsigned char *s = (const unsigned char *)d->text + l->off;
	size_t n = l->len, k = 0;
	unsigned w = c->words[i];
	struct wordscan ws;

	size_t scanned = scan_line(s, n, w, &ws, 0);
	unsigned wb = words_bucket(w), ef = end_feature(s, n), tc = 0;

	put(out, &k, LF1_bias, 1);
	put(out, &k, wb, 1);
	put(out, &k, ef, 1);
	put(out, &k, start_feature(s, n), 1);
	if (ws.letters_words >= 2) {
		if (ws.caps == ws.letters_words)
			put(out, &k, LF1_title_all, 1), tc = 3;
		else if (ws.caps * 3 >= ws.letters_words * 2)
			put(out, &k, LF1_title_most, 1), tc = 2;
		else if (ws.caps * 3 >= ws.letters_words)
			put(out, &k, LF1_title_some, 1), tc = 1;
		if (ws.allcaps_words * 4 >= ws.letters_words * 3)
			put(out, &k, LF1_allcaps, 1), tc = 4;
	}
	wb -= LF1_w1;
	ef -= LF1_end_period;
	put(out, &k, LF1_X_WE + wb * LINEFEAT_END + ef, 1);
	put(out, &k, LF1_X_WT + wb * LINEFEAT_TC + tc, 1);
	put(out, &k, LF1_X_TE + tc * LINEFEAT_END + ef, 1);
	context_features(c, i, out, &k);
	if (colon_mid(s, n))
		put(out, &k, LF1_colon_mid, 1);
	if (n >= 2 && s[0] == 'Q' && (s[1] == ':' || s[1] == '.'))
		put(out, &k, LF1_starts_q, 1);
	if (ws.pipe) put(out, &k, LF1_has_pipe, 1);
	if (ws.dash_sep) put(out, &k, LF1_has_dash_sep, 1);
	if (ws.at) put(out, &k, LF1_has_at, 1);
	if (ws.url) put(out, &k, LF1_has_url, 1);
	if (ws.slash_names) put(out, &k, LF1_slash_names, 1);
	if (ws.time) put(out, &k, LF1_has_time, 1);
	if (ws.year) put(out, &k, LF1_has_year, 1);
	if (slide_count(s, n)) put(out, &k, LF1_slide_shape, 1);
	if (scanned && (size_t)ws.digits * 5 >= scanned) put(out, &k, LF1_digits_many, 1);
	{
		unsigned looked = ws.looked;
		double f = looked ? (double)ws.stops / looked : 0;

		put(out, &k, ws.stops == 0 ? LF1_stop_none : f < 0.2 ? LF1_stop_low :
			     f < 0.35 ? LF1_stop_mid : LF1_stop_high, 1);
	}
	static const struct { unsigned bit, feat, first; } groups[] = {
		{ L_AGENCY, LF1_lex_agency, 0 },
		{ L_PHOTO, LF1_lex_photo, LF1_first_photo },
		{ L_VIDEO, LF1_lex_video, LF1_first_video },
		{ L_SHARE, LF1_lex_share, LF1_first_share },
		{ L_SUBSCRIBE, LF1_lex_subscribe, LF1_first_subscribe },
		{ L_NAV, LF1_lex_nav, LF1_first_nav },
		{ L_DATE, LF1_lex_date, LF1_first_date },
		{ L_BYLINE, LF1_lex_byline, LF1_first_byline },
		{ L_COPYRIGHT, LF1_lex_copyright, 0 },
		{ L_COOKIE, LF1_lex_cookie, 0 },
		{ L_SAID, LF1_lex_said, 0 },
		{ L_MONTH, LF1_lex_month, 0 },
		{ L_SHOP, LF1_lex_shop, 0 },
		{ L_BIO, LF1_lex_bio, 0 },
	};
	for (size_t g = 0; g < sizeof groups / sizeof groups[0]; g++) {
		if (ws.groups & groups[g].bit)
			put(out, &k, groups[g].feat, 1);
		if (groups[g].first && (ws.first_groups & groups[g].bit))
			put(out, &k, groups[g].first, 1);
	}
	if (ws.first_by)
		put(out, &k, LF1_first_by, 1);
	if (ws.first_by && w <= 8 && ws.caps >= 2)
		put(out, &k, LF1_by_name, 1);
	if (has_dateline(s, n, &ws))
		put(out, &k, LF1_dateline, 1);
	if (n >= 6 && !memcmp(s, "FILE", 4) && (s[4] == ' ' || s[4] == '-'))
		put(out, &k, LF1_file_dash, 1);
	if (credit_tail(s, n))
		put(out, &k, LF1_credit_tail, 1);
	if (bracketed(s, n))
		put(out, &k, LF1_bracketed, 1);
	if (w <= 15 && numbered(s, n))
		put(out, &k, LF1_numbered, 1);
	if (ws.month_day && ws.year)
		put(out, &k, LF1_month_day_year, 1);
	if (ws.place)
		put(out, &k, LF1_place_word, 1);
	if (ws.tail_agency)
		put(out, &k, LF1_tail_agency, 1);
	if (c->rep[i] >= 2 && w > 20)
		put(out, &k, LF1_rep_long, 1);
	else if (c->rep[i] >= 2)
		put(out, &k, c->rep[i] >= 5 ? LF1_rep5 : c->rep[i] >= 3 ? LF1_rep3 : LF1_rep2, 1);
	if (glued(s, n))
		put(out, &k, LF1_glued, 1);
	if (i == 0)
		put(out, &k, LF1_doc_first, 1);
	if (i + 1 == d->nlines)
		put(out, &k, LF1_doc_last, 1);
	if (l->blanks > d->blank_base)
		put(out, &k, LF1_blank_before, 1);
	if (l->flags & LF_FORMFEED)
		put(out, &k, LF1_formfeed, 1);
	if (i > 0) {
		unsigned pw = c->words[i - 1];

		put(out, &k, pw <= 4 ? LF1_prev_short : pw >= LONG_LINE ? LF1_prev_long : LF1_prev_none, 1);
		if (c->ends[i - 1])
			put(out, &k, LF1_prev_ends, 1);
		if ((d->lines[i - 1].flags & LF_RULE) && d->lines[i - 1].kind != LK_PARAGRAPH)
			put(out, &k, LF1_prev_rule, 1);
	}
	if (i + 1 < d->nlines) {
		unsigned nw = c->words[i + 1];

		put(out, &k, nw <= 4 ? LF1_next_short : nw >= LONG_LINE ? LF1_next_long : LF1_next_none, 1);
		if (c->ends[i + 1])
			put(out, &k, LF1_next_ends, 1);
		if ((d->lines[i + 1].flags & LF_RULE) && d->lines[i + 1].kind != LK_PARAGRAPH)
			put(out, &k, LF1_next_rule, 1);
		if (i > 0 && c->words[i - 1] >= LONG_LINE && nw >= LONG_LINE) {
			put(out, &k, LF1_between_long, 1);
			/* a short bare line between two paragraphs: a crosshead */
			if (w <= 12 && !c->ends[i])
				put(out, &k, LF1_between_bare, 1);
		}
		/* a short line before a long bare one: a credit above its caption */
		if (w <= 6 && nw >= 10 && !c->ends[i + 1])
			put(out, &k, LF1_before_bare_long, 1);
	}
	return k;
}

int linefeat_dateline(const char *s, size_t n)
{
	struct wordscan ws;
	size_t lim = n < 200 ? n : 200, caps = 0;

	/* most lines open with no word in capitals: no need to scan them */
	while (caps < lim && s[caps] >= 'A' && s[caps] <= 'Z')
		caps++;
	if (caps < 2 || (caps < lim && s[caps] >= 'a' && s[caps] <= 'z'))
		return 0;

	/* has_dateline needs only the first word's shape */
	memset(&ws, 0, sizeof ws);
	scan_wordlist((const unsigned char *)s, lim, 64, 1, &ws);
	return has_dateline((const unsigned char *)s, lim, &ws);
}

/* The bytes of a dash at s (of n) with the spaces after it: " — ",
 * " – ", " - " or " -- " (the space before it already read); 0 if none. */
static size_t dash_len(const unsigned char *s, size_t n)
{
	size_t i = 0;

	if (n >= 3 && s[0] == 0xE2 && s[1] == 0x80 && (s[2] == 0x94 || s[2] == 0x93))
		i = 3;
	else if (n >= 2 && s[0] == '-' && s[1] == '-')
		i = 2;
	else if (n >= 1 && s[0] == '-')
		i = 1;
	else
		return 0;
	if (i >= n || s[i] != ' ')
		return 0;
	while (i < n && s[i] == ' ')
		i++;
	return i;
}

/* The end of the capitalised words from i in s (of n): a place such as
 * "HAYWARD, Calif." or "Hong Kong" (letters, dots, commas, apostrophes
 * and hyphens; every word opening with a capital); *allcaps whether its
 * first word is in capitals, *city_state whether it is two to four words
 * with a comma after the first ("Dekalb, Ill."). */
static size_t place_end(const unsigned char *s, size_t n, size_t i, int *allcaps, int *city_state)
{
	size_t words = 0;
	int comma = 0;

	*allcaps = *city_state = 0;
	while (i < n && s[i] >= 'A' && s[i] <= 'Z') {
		size_t up = 0, low = 0;

		while (i < n && (is_alpha(s[i]) || s[i] == '.' || s[i] == '\'' || s[i] == '-')) {
			up += s[i] >= 'A' && s[i] <= 'Z';
			low += s[i] >= 'a' && s[i] <= 'z';
			i++;
		}
		if (words++ == 0)
			*allcaps = up >= 2 && low == 0;
		if (i < n && s[i] == ',') {
			comma |= words == 1;
			i++;
		}
		*city_state = comma && words >= 2 && words <= 4;
		if (i >= n || s[i] != ' ')
			return i;
		size_t sp = i;

		while (i < n && s[i] == ' ')
			i++;
		if (i >= n || !(s[i] >= 'A' && s[i] <= 'Z'))
			return sp;
	}
	return i;
}

size_t linefeat_dateline_len(const char *str, size_t n)
{
	const unsigned char *s = (const unsigned char *)str;
	size_t lim = n < 80 ? n : 80, i = 0, k, d;
	int allcaps = 0, city_state = 0, agency = 0, dash = 0;

	if (lim > 0 && s[0] != '(')
		i = place_end(s, lim, 0, &allcaps, &city_state);
	for (k = i; k < lim && s[k] == ' '; k++)
		;
	/* an agency in brackets: "(AP)", "(CNN Business)" */
	if (k + 2 < lim && s[k] == '(' && s[k + 1] >= 'A' && s[k + 1] <= 'Z' && (k == 0 || k > i)) {
		size_t j = k + 1;

		while (j < lim && s[j] != ')' && s[j] != '(' &&
		       !(s[j] >= 'a' && s[j] <= 'z' && s[j - 1] == ' '))
			j++;
		if (j < lim && s[j] == ')') {
			agency = 1;
			i = j + 1;
		}
	}
	for (k = i; k < lim && s[k] == ' '; k++)
		;
	if (k > i && (d = dash_len(s + k, lim - k)) > 0) {
		dash = 1;
		i = k + d;
	}
	/* a place in capitals or a city and state, and a dash; or an agency
	 * and a dash or the text right after its bracket ("(CNN)President") */
	if (!(dash && (allcaps || city_state || agency)) && !(agency && i < n && s[i] != ' '))
		return 0;
	if (i >= n || !((s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9') ||
			s[i] == '"' || s[i] == 0xE2))
		return 0;
	return i;
}

int linefeat_byline(const char *s, size_t n)
{
	return n > 4 && !memcmp(s, "By ", 3) && s[3] >= 'A' && s[3] <= 'Z' &&
	       count_words((const unsigned char *)s, n, 11) <= 10;
}

#define TRAILER_BYTES 300	/* a trailer is a short line: at most this long */
#define TRAILER_WORDS 25	/* and at most this many words */

/* Whether s opens with a copyright sign. */
static int opens_copyright(const char *s, size_t n)
{
	return n > 1 && (unsigned char)s[0] == 0xC2 && (unsigned char)s[1] == 0xA9;
}

int linefeat_trailer_scan(const char *s, size_t n)
{
	struct wordscan ws;

	if (n == 0 || n > TRAILER_BYTES)
		return 0;
	if (opens_copyright(s, n))
		return 1;
	if (count_words((const unsigned char *)s, n, TRAILER_WORDS + 1) > TRAILER_WORDS)
		return 0;
	/* words and groups only; past 25 words it is not a trailer */
	memset(&ws, 0, sizeof ws);
	scan_wordlist((const unsigned char *)s, n, 64, TRAILER_WORDS + 1, &ws);
	return ws.words <= TRAILER_WORDS && (ws.groups & L_TRAILER);
}

/* Whether the word s[b, e) may spell a trailer word: its first letter
 * is one a trailer word starts with (or it starts with a byte of another
 * script, which read_word skips). */
static int may_start_trailer(const unsigned char *s, size_t b, size_t e)
{
	for (size_t j = b; j < e; j++) {
		unsigned k = byte_class[s[j]];

		if (k == BC_LOWER || k == BC_UPPER)
			return lex_trailer_first >> ((s[j] | 32) - 'a') & 1;
		if (k == BC_HIGH)
			return 1;
	}
	return 0;
}

/* The first space in s[i, n), or n: eight bytes at a time. */
static size_t next_space(const unsigned char *s, size_t i, size_t n)
{
	if (little_endian())
		for (; i + 8 <= n; i += 8) {
			uint64_t x, sp;

			memcpy(&x, s + i, 8);
			if ((sp = eq8(x, ' ')) != 0)
				return i + bytes_below(sp);
		}
	while (i < n && s[i] != ' ')
		i++;
	return i;
}

int linefeat_trailer(const char *s, size_t n)
{
	const unsigned char *u = (const unsigned char *)s;
	size_t i = 0;
	unsigned k = 0;
	int found = 0;
	struct word wd;

	if (n == 0 || n > TRAILER_BYTES || memchr(s, '\t', n))
		return linefeat_trailer_scan(s, n);	/* tabs count as spaces there */
	if (opens_copyright(s, n))
		return 1;
	pthread_once(&lex_once, lex_build);
	size_t least = lex_trailer_least;

	/* the words as scan_wordlist splits them (at spaces, so without
	 * tabs as count_words does), in one pass that gives up past
	 * TRAILER_WORDS of them; a word of fewer bytes than the shortest
	 * trailer word has fewer letters, so it is not read */
	while (i < n) {
		while (i < n && u[i] == ' ')
			i++;
		if (i >= n)
			break;
		size_t b = i;

		i = next_space(u, b, n);
		if (++k > TRAILER_WORDS)
			return 0;
		if (found || k > LEX_FIRST || i - b < least || !may_start_trailer(u, b, i))
			continue;
		if (!read_plain_word(u, b, i, &wd))	/* the word ends at i */
			read_word(u, b, i, &wd);
		unsigned g = word_groups(&wd);

		found = (g & L_TRAILER) && (wd.cap || !(g & L_CAPSONLY));
	}
	return found;
}
