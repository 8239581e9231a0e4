/* SPDX-License-Identifier: MIT */
/* seg_model.c - story starts from the text itself: each paragraph's
 * content words and cues, a smoothed word-frequency model of each story
 * (Utiyama and Isahara 2001) and the dynamic programming that finds the
 * best segmentation of a window, with the learned cue weights and
 * parameters (segfeat.h). */
#include <config.h>

#include <math.h>
#include <pthread.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#endif

#include "abbrev.h"
#include "linefeat.h"
#include "seg_int.h"
#include "segfeat.h"
#include "segment.h"
#include "xmalloc.h"

/* ---- Story boundaries from the text itself ----
 *
 * The units are the paragraph lines; stripped lines stay with the story
 * before them.  Each unit's content words (lower-cased, stop words
 * dropped, crude suffix stripping) are counted.  A story is scored by how
 * well one smoothed word-frequency model explains its words (the
 * Dirichlet-multinomial likelihood, after Utiyama and Isahara 2001), plus
 * a cue score at its first unit (lede wording, a new name, a connective or
 * pronoun opener...) less the cost of a start, which grows with the mean
 * story length the document itself shows (re-estimated over a few rounds,
 * so wire copy and features both come out right).  Dynamic programming
 * finds the best segmentation; stories are bounded in units
 * and words so the cost is linear in the input. */

#define SEG_RECENT 15		/* units that count as recent */
#define SEG_AHEAD 4		/* a new name must recur within this many units */
#define SEG_MAX_UNITS 400	/* longest story considered, in units */
#define SEG_MAX_TOKENS 2000	/* and in content words */
#define SEG_PASSES 4		/* at most, rounds of re-estimating story length */
#define SEG_WORDMAX 48		/* longer words are cut to this many bytes */
#define SEG_NEVER ((size_t)-1)
#define SEG_VBLOCK 2500		/* words per block when measuring vocabulary */

/* Token flags. */
enum {
	TF_CAP = 1,		/* written with a capital */
	TF_TITLED = 2,		/* right after Mr, Ms, Dr... */
	TF_NEW = 4,		/* not in the recent units */
	TF_ACRONYM = 8,		/* all capitals, like US or NATO */
	TF_FULL = 16,		/* right after another capitalised name: First Last */
};

/* Unit features. */
enum {
	UF_LEDE = 1 << 0,	/* lede wording in the first sentence */
	UF_NAME = 1 << 1,	/* a new name that recurs soon */
	UF_CONN = 1 << 2,	/* opens with a connective */
	UF_PRON = 1 << 3,	/* opens with a pronoun */
	UF_QUOTE = 1 << 4,	/* opens with a quotation mark */
	UF_TITLED = 1 << 5,	/* Mr/Ms Surname with Surname recent */
	UF_AFTER_HEAD = 1 << 6,	/* right after a crosshead */
	UF_AFTER_STRIP = 1 << 7,	/* right after other stripped lines */
	UF_BEFORE_HEAD = 1 << 8,	/* right before a crosshead */
	UF_REINTRO = 1 << 9,	/* a recent person named again in full */
	UF_INTRO = 1 << 10,	/* a new person named in full, soon Mr Surname */
	UF_SAID = 1 << 11,	/* "said" or "says" among the first 12 words */
	UF_COMPANY = 1 << 12,	/* a company (Corp, Inc, Ltd...) in the first sentence */
	UF_THE_LOWER = 1 << 13,	/* opens "The" and a common noun: "The company said" */
	UF_THE_CAP = 1 << 14,	/* opens "The" and a name: "The Bank of England" */
	UF_SUBJ = 1 << 15,	/* its first word is a name, as content token u->tok */
	UF_FIGURE = 1 << 16,	/* a figure in the first sentence */
	UF_PRON_SAID = 1 << 17,	/* "it said", "he added" in the first sentence */
	UF_ALSO = 1 << 18,	/* "also" among the first words */
	UF_ACRO_DEF = 1 << 19,	/* an acronym spelt out: "... Organisation (ICO)" */
	UF_QUOTE_IN = 1 << 20,	/* a quotation mark in the first sentence */
	UF_SAID_NEW = 1 << 21,	/* "said" early after a name new to the context */
	UF_ATTR = 1 << 22,	/* the first sentence ends "..., the Board said." */
	UF_ATTR_NEW = 1 << 23,	/* and names someone new to the context */
};

static const char *const segfeat_names[SF_NAMED] = {
#define SEGFEAT_NAME(name) #name,
	SEGFEAT_LIST(SEGFEAT_NAME)
#undef SEGFEAT_NAME
};

static const char *const segparam_names[SP_COUNT] = {
#define SEGPARAM_NAME(name) #name,
	SEGPARAM_LIST(SEGPARAM_NAME)
#undef SEGPARAM_NAME
};

/* Names of the hashed opening cues, made once. */
static char open_names[SEG_OPEN1 + SEG_OPEN2][12];

const char *segfeat_name(unsigned f)
{
	if (f < SF_NAMED)
		return segfeat_names[f];
	if (f >= SF_COUNT)
		return NULL;
	char *s = open_names[f - SF_NAMED];

	if (!s[0])
		snprintf(s, sizeof open_names[0], f < SF_OPEN2 ? "o1_%u" : "o2_%u",
			 f < SF_OPEN2 ? f - SF_OPEN1 : f - SF_OPEN2);
	return s;
}

const char *segparam_name(unsigned p)
{
	return p < SP_COUNT ? segparam_names[p] : NULL;
}

/* The built-in cue weights (log-odds-like) and parameters, used when the
 * model file has none. */
void segmodel_defaults(struct segmodel *m)
{
	memset(m, 0, sizeof *m);
	m->w[SF_lede] = 1.65f;
	m->w[SF_name] = 1.5f;
	m->w[SF_noname] = -0.9f;
	m->w[SF_one] = 3.3f;
	m->w[SF_multi] = -2.4f;
	m->w[SF_conn] = -2.5f;
	m->w[SF_pron] = -2.0f;
	m->w[SF_quote] = -2.0f;
	m->w[SF_titled] = -1.5f;
	m->w[SF_ahead] = -4.0f;
	m->w[SF_astrip] = -2.0f;
	m->w[SF_bhead] = -2.5f;
	m->w[SF_reintro] = 4.5f;
	m->w[SF_intro] = 2.5f;
	m->w[SF_novel] = 1.3f;
	m->w[SF_cross] = -1.6f;
	m->p[SP_alpha] = 0.13f;		/* Dirichlet smoothing per word */
	m->p[SP_beta] = 0.7f;		/* scale of the word likelihood */
	m->p[SP_kappa] = 25;		/* cost of a start at the assumed story length */
	m->p[SP_gamma] = 0.55f;		/* its growth with the story length (power) */
	m->p[SP_len0] = 200;		/* story length assumed at first, content words */
	m->p[SP_n0] = 2.2f;		/* weight of that assumption, in stories */
	m->p[SP_cut] = -4.5f;		/* units whose cues score below this never start */
	m->p[SP_cue] = 3.2f;		/* scale of all cues */
	m->p[SP_linktok] = 80;		/* names this many content words apart are chained */
	m->p[SP_linkmax] = 4;		/* most name chains a start is blamed for */
	m->p[SP_est] = 0;		/* weight of the cues' count of stories over the found one */
	m->p[SP_prior] = 0.1f;		/* rate of starts per unit the cues were learned at */
	m->p[SP_shift] = 0;		/* weight of the move to the dump's own rate */
	m->p[SP_mix] = 0;		/* weight of the mixture's rate over the posteriors' */
}

/* The segmenter's effective weights for document d. */
static void seg_weights_of(const struct doc *d, struct segmodel *w)
{
	const struct segmodel *m = d->seg;

	segmodel_defaults(w);
	if (m && m->has_weights)
		memcpy(w->w, m->w, sizeof w->w);
	if (m && m->has_params)
		memcpy(w->p, m->p, sizeof w->p);
}

/* One paragraph line as the segmenter sees it. */
struct unit {
	size_t line;		/* index into doc->lines */
	size_t tok;		/* its first content word in the token arrays */
	uint32_t ntok;		/* content words */
	uint32_t words;		/* all words */
	uint32_t nsent;		/* sentences */
	uint32_t feat;		/* UF_* */
	double novel;		/* share of content words not in recent units */
	float back, fwd;	/* share of its content words in the SEG_NEAR units before, after */
	uint32_t ntok1;		/* content words of its first sentence */
	uint32_t newcaps;	/* names among them not in the SEG_NEAR units before */
	uint32_t cross;		/* name chains that a start here would cut */
	float olap;		/* share of the next units' words in the previous ones */
	uint16_t open1, open2;	/* 1 + hashed opening word and pair, 0 if none */
	uint8_t subj;		/* content words before an early "said" */
	uint8_t attr0, attr1;	/* the content words [attr0, attr1) of UF_ATTR's attribution */
	double cue;		/* cue score for starting a story here */
};

/* One vocabulary entry. */
struct vent {
	uint32_t off, hash;	/* key in vocab.keys, its hash */
	uint8_t len;		/* key length */
	uint8_t stop;		/* a stop word */
	uint8_t lower;		/* seen written without a capital */
	uint8_t titled;		/* seen right after Mr, Ms...: a surname */
};

/* Words of a document, each with a dense id. */
struct vocab {
	char *keys;
	size_t klen, kcap;
	struct vent *ent;
	size_t n, cap;
	uint32_t *tab;		/* open addressing, UINT32_MAX = empty */
	size_t tabsz;		/* a power of two */
};

/* What reading a window learned of one word as written (lower-cased):
 * the word lists it is on and its vocabulary ids. */
struct memo_ent {
	uint32_t off, hash;	/* key in memo.keys, its hash */
	uint8_t len;
	uint16_t lists;		/* WL_* */
	uint32_t stem, raw;	/* ids of the word stemmed and as it is,
				 * UINT32_MAX until asked for */
};

/* The words met so far, as written. */
struct memo {
	char *keys;
	size_t klen, kcap;
	struct memo_ent *ent;
	size_t n, cap;
	uint32_t *tab;		/* open addressing, UINT32_MAX = empty */
	size_t tabsz;		/* a power of two */
};

/* Everything the segmenter builds for one document. */
struct segdata {
	struct vocab v;
	struct memo memo;
	struct unit *u;
	size_t m, ucap;
	uint32_t *tid;		/* content word ids, unit after unit */
	uint8_t *tfl;		/* their TF_* flags */
	size_t nt, tcap, tfcap;
	int blanks;		/* blank lines before two units or more: not one stray */
	uint32_t nstop;		/* ids below this are the stop words' (read_lines) */
};

/* FNV-1a hash of n bytes. */
static uint32_t seg_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Double an open-addressing table of ids (4096 slots at first,
 * UINT32_MAX empty) and put back the n entries of ents, each size bytes
 * with its 32-bit hash at offset at: the vocabulary's and the memo's. */
static void table_grow(uint32_t **tab, size_t *tabsz, const void *ents, size_t n,
		       size_t size, size_t at)
{
	size_t sz = *tabsz ? *tabsz * 2 : 4096;
	uint32_t *t = xmalloc(sz * sizeof *t);

	free(*tab);
	memset(t, 0xff, sz * sizeof *t);
	for (size_t id = 0; id < n; id++) {
		uint32_t hash;

		memcpy(&hash, (const char *)ents + id * size + at, sizeof hash);
		size_t h = hash & (sz - 1);

		while (t[h] != UINT32_MAX)
			h = (h + 1) & (sz - 1);
		t[h] = (uint32_t)id;
	}
	*tab = t;
	*tabsz = sz;
}

/* Double the vocabulary's hash table and re-insert every id. */
static void vocab_rehash(struct vocab *v)
{
	table_grow(&v->tab, &v->tabsz, v->ent, v->n, sizeof *v->ent, offsetof(struct vent, hash));
}

/* Whether n bytes at a and b are the same (short words: no call). */
static inline int same_bytes(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (a[i] != b[i])
			return 0;
	return 1;
}

/* The id of word s (n <= 255 bytes), added if new. */
static uint32_t vocab_id(struct vocab *v, const char *s, size_t n)
{
	uint32_t hash = seg_hash(s, n);
	size_t h;

	if ((v->n + 1) * 2 > v->tabsz)
		vocab_rehash(v);
	h = hash & (v->tabsz - 1);
	while (v->tab[h] != UINT32_MAX) {
		const struct vent *e = &v->ent[v->tab[h]];

		if (e->hash == hash && e->len == n && same_bytes(v->keys + e->off, s, n))
			return v->tab[h];
		h = (h + 1) & (v->tabsz - 1);
	}
	v->keys = xgrow(v->keys, &v->kcap, v->klen + n, 1);
	memcpy(v->keys + v->klen, s, n);
	v->ent = xgrow(v->ent, &v->cap, v->n + 1, sizeof *v->ent);
	v->ent[v->n] = (struct vent){ (uint32_t)v->klen, hash, (uint8_t)n, 0, 0, 0 };
	v->klen += n;
	v->tab[h] = (uint32_t)v->n;
	return (uint32_t)v->n++;
}

/* Free a vocabulary. */
static void vocab_free(struct vocab *v)
{
	free(v->keys);
	free(v->ent);
	free(v->tab);
}

/* The word lists read_unit asks about, one bit each (WL_*). */
static const char *const *const memo_lists[] = {
	seg_companies, seg_stop_words_open, seg_pronouns, seg_connectives,
	seg_attributing, seg_subject_pronouns, seg_titles, seg_participles,
	seg_to_words, seg_days, seg_reporting,
};
enum {
	WL_COMPANIES = 1 << 0, WL_STOP_OPEN = 1 << 1, WL_PRONOUNS = 1 << 2,
	WL_CONNECTIVES = 1 << 3, WL_ATTRIBUTING = 1 << 4, WL_SUBJ_PRON = 1 << 5,
	WL_TITLES = 1 << 6, WL_PARTICIPLES = 1 << 7, WL_TO_WORDS = 1 << 8,
	WL_DAYS = 1 << 9, WL_REPORTING = 1 << 10,
};

/* Double the memo's hash table and re-insert every entry. */
static void memo_rehash(struct memo *mo)
{
	table_grow(&mo->tab, &mo->tabsz, mo->ent, mo->n, sizeof *mo->ent,
		   offsetof(struct memo_ent, hash));
}

/* The mask of the first r (1 to 8) bytes of a 64-bit word as memory
 * holds them. */
static inline uint64_t first_bytes(size_t r)
{
	const uint16_t one = 1;
	uint64_t m = r >= 8 ? UINT64_MAX : ((uint64_t)1 << (8 * r)) - 1;

	return *(const unsigned char *)&one ? m : r >= 8 ? m : ~(UINT64_MAX >> (8 * r));
}

/* Whether n bytes at a and b are the same, 8 at a time: both may be
 * read up to 7 bytes past n. */
static inline int same_key(const char *a, const char *b, size_t n)
{
	uint64_t x, y;
	size_t i = 0;

	for (; i + 8 <= n; i += 8) {
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return 0;
	}
	if (i == n)
		return 1;
	memcpy(&x, a + i, 8);
	memcpy(&y, b + i, 8);
	return ((x ^ y) & first_bytes(n - i)) == 0;
}

/* The memo entry of word w (n < 256 bytes, hash its seg_hash; 8 bytes
 * readable past n), made with its word lists if new. */
static struct memo_ent *memo_get(struct memo *mo, const char *w, size_t n, uint32_t hash)
{
	size_t h;

	if ((mo->n + 1) * 2 > mo->tabsz)
		memo_rehash(mo);
	h = hash & (mo->tabsz - 1);
	while (mo->tab[h] != UINT32_MAX) {
		struct memo_ent *e = &mo->ent[mo->tab[h]];

		if (e->hash == hash && e->len == n && same_key(mo->keys + e->off, w, n))
			return e;
		h = (h + 1) & (mo->tabsz - 1);
	}
	uint16_t lists = 0;

	for (size_t l = 0; l < sizeof memo_lists / sizeof memo_lists[0]; l++)
		if (seg_in_list(memo_lists[l], w, n))
			lists |= (uint16_t)(1u << l);
	mo->keys = xgrow(mo->keys, &mo->kcap, mo->klen + n + 8, 1);	/* same_key reads on */
	memcpy(mo->keys + mo->klen, w, n);
	memset(mo->keys + mo->klen + n, 0, 8);
	mo->ent = xgrow(mo->ent, &mo->cap, mo->n + 1, sizeof *mo->ent);
	mo->ent[mo->n] = (struct memo_ent){ (uint32_t)mo->klen, hash, (uint8_t)n, lists,
					    UINT32_MAX, UINT32_MAX };
	mo->klen += n;
	mo->tab[h] = (uint32_t)mo->n;
	return &mo->ent[mo->n++];
}

/* Free a memo. */
static void memo_free(struct memo *mo)
{
	free(mo->keys);
	free(mo->ent);
	free(mo->tab);
}

/* The vocabulary id of the word of memo entry e, stemmed unless raw (an
 * acronym), added to v when first asked for, as reading it would. */
static uint32_t memo_id(struct vocab *v, const struct memo *mo, struct memo_ent *e, int raw)
{
	uint32_t *id = raw ? &e->raw : &e->stem;

	if (*id == UINT32_MAX) {
		char key[SEG_WORDMAX];
		size_t kn = e->len;

		memcpy(key, mo->keys + e->off, kn);
		if (!raw)
			kn = seg_stem(key, kn);
		*id = vocab_id(v, key, kn);
	}
	return *id;
}

/* Each ASCII letter and digit as the word reader takes it: the low byte
 * the byte lower-cased, plus 0x100 for a digit and 0x10000 for a
 * lower-case letter; 0 for every other byte (those of other scripts go
 * the general way). */
static const uint32_t ascii_word_tab[256] = {
	['0'] = '0' | 0x100, ['1'] = '1' | 0x100, ['2'] = '2' | 0x100,
	['3'] = '3' | 0x100, ['4'] = '4' | 0x100, ['5'] = '5' | 0x100,
	['6'] = '6' | 0x100, ['7'] = '7' | 0x100, ['8'] = '8' | 0x100,
	['9'] = '9' | 0x100, ['A'] = 'a', ['B'] = 'b', ['C'] = 'c', ['D'] = 'd',
	['E'] = 'e', ['F'] = 'f', ['G'] = 'g', ['H'] = 'h', ['I'] = 'i', ['J'] = 'j',
	['K'] = 'k', ['L'] = 'l', ['M'] = 'm', ['N'] = 'n', ['O'] = 'o', ['P'] = 'p',
	['Q'] = 'q', ['R'] = 'r', ['S'] = 's', ['T'] = 't', ['U'] = 'u', ['V'] = 'v',
	['W'] = 'w', ['X'] = 'x', ['Y'] = 'y', ['Z'] = 'z', ['a'] = 'a' | 0x10000,
	['b'] = 'b' | 0x10000, ['c'] = 'c' | 0x10000, ['d'] = 'd' | 0x10000,
	['e'] = 'e' | 0x10000, ['f'] = 'f' | 0x10000, ['g'] = 'g' | 0x10000,
	['h'] = 'h' | 0x10000, ['i'] = 'i' | 0x10000, ['j'] = 'j' | 0x10000,
	['k'] = 'k' | 0x10000, ['l'] = 'l' | 0x10000, ['m'] = 'm' | 0x10000,
	['n'] = 'n' | 0x10000, ['o'] = 'o' | 0x10000, ['p'] = 'p' | 0x10000,
	['q'] = 'q' | 0x10000, ['r'] = 'r' | 0x10000, ['s'] = 's' | 0x10000,
	['t'] = 't' | 0x10000, ['u'] = 'u' | 0x10000, ['v'] = 'v' | 0x10000,
	['w'] = 'w' | 0x10000, ['x'] = 'x' | 0x10000, ['y'] = 'y' | 0x10000,
	['z'] = 'z' | 0x10000,
};

/* The start of a word at p[*i] (of n bytes) while it is letters and
 * digits of ASCII and shorter than SEG_WORDMAX: each byte lower-cased
 * into w and hashed into *hash as read_unit does byte by byte; adds its
 * letters to *letters and clears *all_caps at a lower-case one.  Moves
 * *i past them and returns how many; read_unit goes on from there. */
static inline size_t read_ascii(const unsigned char *p, size_t n, size_t *i, char *w,
				uint32_t *hash, size_t *letters, size_t *all_caps)
{
	size_t at = *i, lim = n - at > SEG_WORDMAX ? at + SEG_WORDMAX : n, wn = 0;
	uint32_t kinds = 0;	/* digits in the low byte, lower-case letters above */
	uint32_t h = *hash;

	for (; at < lim; at++) {
		uint32_t v = ascii_word_tab[p[at]];

		if (!v)
			break;
		w[wn++] = (char)v;
		h = (h ^ (v & 0xff)) * 16777619u;
		kinds += v >> 8;
	}
	*i = at;
	*hash = h;
	*letters += wn - (kinds & 0xff);	/* at most SEG_WORDMAX digits */
	if (kinds >> 8)
		*all_caps = 0;
	return wn;
}

/* The rest of a word whose first wn bytes read_ascii (or nothing) read
 * into w from p (n bytes), from p[*i] on, byte by byte: the word goes
 * on over letters and digits and the characters of other scripts (but
 * their separators), its first SEG_WORDMAX bytes lower-cased into w and
 * hashed into *hash, its letters counted in *letters; *all_caps is
 * cleared at a lower-case letter or another script's.  Returns the
 * bytes in w. */
static size_t read_rest(const unsigned char *p, size_t n, size_t *at, char *w, size_t wn,
			uint32_t *hash, size_t *letters, size_t *all_caps)
{
	size_t i = *at;

	while (i < n) {
		unsigned c = p[i];

		if (c < 0x80) {
			if (!seg_ascii_word[c])
				break;
			i++;
			if (wn >= SEG_WORDMAX)
				continue;
			if (c >= 'A' && c <= 'Z') {
				c += 'a' - 'A';
				++*letters;
			} else if (c >= 'a') {
				*all_caps = 0;
				++*letters;
			}
			w[wn++] = (char)c;
			*hash = (*hash ^ c) * 16777619u;
			continue;
		}
		if (seg_sep_len(p + i, n - i))
			break;
		for (size_t e = i + seg_char_len(p + i, n - i); i < e; i++)
			if (wn < SEG_WORDMAX) {
				*all_caps = 0;
				++*letters;
				w[wn++] = (char)p[i];
				*hash = (*hash ^ p[i]) * 16777619u;
			}
	}
	*at = i;
	return wn;
}

size_t seg_read_word(const unsigned char *p, size_t n, size_t *i, char *w, uint32_t *hash,
		     size_t *letters, size_t *all_caps, int plain)
{
	size_t wn = 0;

	if (!plain) {	/* as read_unit does */
		wn = read_ascii(p, n, i, w, hash, letters, all_caps);
		if (*i >= n || (p[*i] < 0x80 && wn < SEG_WORDMAX))
			return wn;
	}
	return read_rest(p, n, i, w, wn, hash, letters, all_caps);
}

/* Mark unit u's first sentence, which has just ended (its last word's
 * lists last, the word before's before), as attributed at its end to
 * someone named after its last comma: "..., the Grain Board said.", not
 * "..., he said."; the content words of the attribution are kept. */
static void first_attribution(const struct segdata *sd, struct unit *u, unsigned last,
			      unsigned before, size_t comma_tok, size_t comma_words)
{
	size_t words = u->words - comma_words;

	if (!comma_words || !(last & (WL_ATTRIBUTING | WL_REPORTING)) || (before & WL_SUBJ_PRON) ||
	    words < 3 || words > 9 || sd->nt - u->tok > 255)
		return;
	u->feat |= UF_ATTR;
	u->attr0 = (uint8_t)comma_tok;
	u->attr1 = (uint8_t)(sd->nt - u->tok);
}

/* Read one paragraph line into a unit: its content words, sentences and
 * opening and lede features. */
static void read_unit(struct segdata *sd, struct unit *u, const unsigned char *p,
		      size_t n)
{
	/* the word and the two before it, in buffers that take turns (with
	 * room for memo_get's 8-byte reads) */
	union { uint64_t align; char b[SEG_WORDMAX + 8]; } buf[3];
	char *w = buf[0].b, *prev = buf[1].b, *prev2 = buf[2].b;

	memset(buf, 0, sizeof buf);
	size_t wn = 0, prevn = 0, prev2n = 0, i = 0;
	int ended = 0, spaced = 0, sent = 0, first = 1, plain = 0, prevname = 0;
	int first_the = 0;
	unsigned lists = 0, prevlists = 0, prev2lists = 0;	/* WL_* of each */
	size_t comma_tok = 0, comma_words = 0;	/* at the first sentence's last comma */

	u->tok = sd->nt;
	u->nsent = 0;
	if (seg_opens_quote(p, n))
		u->feat |= UF_QUOTE;
	while (i < n) {
		if (p[i] == ' ') {	/* the usual separator, in short */
			spaced |= ended;
			i++;
			continue;
		}
		size_t k = p[i] < 0x80 ? !seg_ascii_word[p[i]] : seg_sep_len(p + i, n - i);

		if (k) {
			if (p[i] != ' ')
				plain = 0;
			if (sent == 0 && !ended && (p[i] == '"' || (k == 3 && p[i + 1] == 0x80 &&
								     (p[i + 2] == 0x9C || p[i + 2] == 0x9D))))
				u->feat |= UF_QUOTE_IN;
			if (p[i] == ',' && sent == 0 && !ended)
				comma_tok = sd->nt - u->tok, comma_words = u->words;
			if (p[i] == '.' || p[i] == '!' || p[i] == '?' ||
			    (k == 3 && p[i + 1] == 0x80 && p[i + 2] == 0xA6))
				ended = 1, spaced = 0;
			else if (ended && (p[i] == ' ' || k == 2))
				spaced = 1;
			i += k;
			continue;
		}
		/* a word: [s, i), its first SEG_WORDMAX bytes lower-cased
		 * into w as they are read */
		size_t s = i, all_caps = 1, letters = 0;
		uint32_t hash = 2166136261u;	/* seg_hash of w */

		wn = read_ascii(p, n, &i, w, &hash, &letters, &all_caps);
		/* it stops at the end, an ASCII separator (the word's end),
		 * the byte of another script or the SEG_WORDMAX'th byte */
		if (i < n && (p[i] >= 0x80 || wn >= SEG_WORDMAX))
			wn = read_rest(p, n, &i, w, wn, &hash, &letters, &all_caps);
		struct memo_ent *me = memo_get(&sd->memo, w, wn, hash);

		lists = me->lists;
		int cap = p[s] >= 'A' && p[s] <= 'Z';

		if (u->nsent == 0)
			u->nsent = 1;
		else if (ended && spaced && (cap || (p[s] >= '0' && p[s] <= '9')) &&
			 prevn > 1 && !abbrev_is(prev, prevn)) {
			if (sent == 0)
				first_attribution(sd, u, prevlists, prev2lists, comma_tok, comma_words);
			u->nsent++;
			sent++;
		}
		ended = spaced = 0;
		u->words++;
		/* the opening cues: only the first sentence or words have them */
		if (sent == 0 || u->words <= 12) {
			if (u->words <= 12 && !(u->feat & UF_SAID) &&
			    ((wn == 4 && (!memcmp(w, "said", 4) || !memcmp(w, "says", 4))))) {
				u->feat |= UF_SAID;
				u->subj = (uint8_t)(sd->nt - u->tok < 255 ? sd->nt - u->tok : 255);
			}
			if (sent == 0 && cap && (lists & WL_COMPANIES))
				u->feat |= UF_COMPANY;
			if (u->words == 1 && (lists & (WL_STOP_OPEN | WL_PRONOUNS | WL_CONNECTIVES)))
				u->open1 = (uint16_t)(1 + hash % SEG_OPEN1);
			if (u->words == 2 && u->open1 && !cap)
				u->open2 = (uint16_t)(1 + (seg_hash(prev, prevn) * 31 + hash) % SEG_OPEN2);
			if (sent == 0 && p[s] >= '0' && p[s] <= '9')
				u->feat |= UF_FIGURE;
			if (sent == 0 && (lists & WL_ATTRIBUTING) &&
			    (prevlists & WL_SUBJ_PRON))
				u->feat |= UF_PRON_SAID;
			if (u->words <= 6 && wn == 4 && !memcmp(w, "also", 4))
				u->feat |= UF_ALSO;
			if (sent == 0 && all_caps && letters >= 2 && letters <= 6 && s > 0 && p[s - 1] == '(' &&
			    i < n && p[i] == ')')
				u->feat |= UF_ACRO_DEF;
			if (u->words == 2 && prevn == 3 && !memcmp(prev, "the", 3) && first_the)
				u->feat |= cap ? UF_THE_CAP : UF_THE_LOWER;
			if (first) {
				first_the = wn == 3 && !memcmp(w, "the", 3);
				if (cap && wn >= 2 && !(lists & WL_STOP_OPEN))
					u->feat |= UF_SUBJ;
				if (lists & WL_CONNECTIVES)
					u->feat |= UF_CONN;
				else if (lists & WL_PRONOUNS)
					u->feat |= UF_PRON;
				first = 0;
			}
			if (sent == 0) {	/* lede wording */
				if (((prevn == 3 && !memcmp(prev, "has", 3)) ||
				     (prevn == 4 && !memcmp(prev, "have", 4))) &&
				    (seg_ends_with(w, wn, "ed") || seg_ends_with(w, wn, "en") ||
				     (lists & WL_PARTICIPLES)))
					u->feat |= UF_LEDE;
				if (wn == 2 && !memcmp(w, "to", 2) &&
				    ((prevn == 2 && !memcmp(prev, "is", 2)) ||
				     (prevn == 3 && !memcmp(prev, "are", 3)) ||
				     ((prevlists & WL_TO_WORDS) &&
				      ((prev2n == 2 && !memcmp(prev2, "is", 2)) ||
				       (prev2n == 3 && !memcmp(prev2, "are", 3))))))
					u->feat |= UF_LEDE;
				if (prevn == 2 && !memcmp(prev, "on", 2) && (lists & WL_DAYS) &&
				    (prev2lists & WL_REPORTING))
					u->feat |= UF_LEDE;
			}
		}
		/* a content word? */
		if (wn >= 2 && letters) {
			int acronym = all_caps && letters == wn;
			uint32_t id = memo_id(&sd->v, &sd->memo, me, acronym);

			if (id >= sd->nstop || acronym) {	/* not a stop word */
				uint8_t fl = cap ? TF_CAP : 0;

				if (acronym)
					fl |= TF_ACRONYM;

				if (cap && (prevlists & WL_TITLES)) {
					fl |= TF_TITLED;
					sd->v.ent[id].titled = 1;
				}
				if (cap && !acronym && plain && prevname)
					fl |= TF_FULL;
				if (!cap)
					sd->v.ent[id].lower = 1;
				if (sd->nt + 1 > sd->tcap || sd->nt + 1 > sd->tfcap) {
					sd->tid = xgrow(sd->tid, &sd->tcap, sd->nt + 1, sizeof *sd->tid);
					sd->tfl = xgrow(sd->tfl, &sd->tfcap, sd->nt + 1, sizeof *sd->tfl);
				}
				sd->tid[sd->nt] = id;
				sd->tfl[sd->nt++] = fl;
				u->ntok1 += sent == 0;
			}
		}
		prevname = cap && !all_caps && wn >= 2 && !(lists & (WL_TITLES | WL_STOP_OPEN));
		plain = 1;
		char *old = prev2;

		prev2 = prev;
		prev2n = prevn;
		prev2lists = prevlists;
		prevlists = lists;
		prev = w;
		prevn = wn;
		w = old;
	}
	if (sent == 0 && ended)
		first_attribution(sd, u, prevlists, prev2lists, comma_tok, comma_words);
	u->ntok = (uint32_t)(sd->nt - u->tok);
}

/* Count, for each unit, the chains of a name that a start there would
 * cut: the same capitalised name in an earlier unit at most linktok
 * content words before it and in this unit or a later one. */
static void name_chains(struct segdata *sd, const struct segmodel *w)
{
	size_t *seen = xmalloc(sd->v.n * sizeof *seen);
	int32_t *diff = xmalloc((sd->m + 1) * sizeof *diff);
	int32_t run = 0;

	for (size_t id = 0; id < sd->v.n; id++)
		seen[id] = SEG_NEVER;
	memset(diff, 0, (sd->m + 1) * sizeof *diff);
	for (size_t i = 0; i < sd->m; i++) {
		const struct unit *u = &sd->u[i];

		for (size_t k = u->tok; k < u->tok + u->ntok; k++) {
			uint32_t id = sd->tid[k];
			size_t j = seen[id];

			if ((sd->tfl[k] & (TF_CAP | TF_ACRONYM)) != TF_CAP || sd->v.ent[id].lower)
				continue;
			if (j != SEG_NEVER && j < i &&
			    u->tok - (sd->u[j].tok + sd->u[j].ntok) <= (size_t)w->p[SP_linktok]) {
				diff[j + 1]++;
				diff[i + 1]--;
			}
			seen[id] = i;
		}
	}
	for (size_t i = 0; i < sd->m; i++) {
		run += diff[i];
		sd->u[i].cross = run > 0 ? (uint32_t)run : 0;
	}
	free(diff);
	free(seen);
}

#define SEG_NEAR 3	/* units before and after that count as near */

/* Whether the n content words from token k name someone new to the
 * context: a capitalised one is new (TF_NEW), none is recent. */
static int names_new(const struct segdata *sd, size_t k, size_t n)
{
	int fresh = 0;

	for (size_t j = k; j < k + n; j++) {
		if (!(sd->tfl[j] & TF_CAP))
			continue;
		if (!(sd->tfl[j] & TF_NEW))
			return 0;
		fresh = 1;
	}
	return fresh;
}

/* Mark each unit's recent-name, new-name and novelty features, and how
 * its words are shared with the units near it. */
static void unit_features(struct segdata *sd)
{
	size_t *seen = xmalloc(sd->v.n * sizeof *seen);

	for (size_t id = 0; id < sd->v.n; id++)
		seen[id] = SEG_NEVER;
	for (size_t i = 0; i < sd->m; i++) {	/* looking back */
		struct unit *u = &sd->u[i];
		size_t fresh = 0, near = 0;
		/* the unit's fields in locals: the flags' byte stores below
		 * could otherwise be to them */
		size_t tok = u->tok, end = tok + u->ntok, end1 = tok + u->ntok1;
		uint32_t newcaps = u->newcaps, feat = u->feat;

		for (size_t k = tok; k < end; k++) {
			size_t last = seen[sd->tid[k]];
			int close = last != SEG_NEVER && i - last <= SEG_NEAR;

			near += close;
			newcaps += !close && k < end1 && (sd->tfl[k] & TF_CAP);
			if (last == SEG_NEVER || i - last > SEG_RECENT) {
				sd->tfl[k] |= TF_NEW;
				fresh++;
			} else if (sd->tfl[k] & TF_TITLED)
				feat |= UF_TITLED;
			else if ((sd->tfl[k] & TF_FULL) && sd->v.ent[sd->tid[k]].titled &&
				 !sd->v.ent[sd->tid[k]].lower)
				feat |= UF_REINTRO;
		}
		u->newcaps = newcaps;
		feat |= names_new(sd, tok, (feat & UF_SAID) ? u->subj : 0) ? UF_SAID_NEW : 0;
		if ((feat & UF_ATTR) && names_new(sd, tok + u->attr0, (size_t)u->attr1 - u->attr0))
			feat |= UF_ATTR_NEW;
		u->feat = feat;
		u->novel = u->ntok ? (double)fresh / u->ntok : 0.5;
		u->back = u->ntok ? (float)near / (float)u->ntok : 0.5f;
		for (size_t k = u->tok; k < u->tok + u->ntok; k++)
			seen[sd->tid[k]] = i;
	}
	for (size_t id = 0; id < sd->v.n; id++)
		seen[id] = SEG_NEVER;
	for (size_t i = sd->m; i-- > 0;) {	/* looking ahead */
		struct unit *u = &sd->u[i];
		size_t near = 0;

		for (size_t k = u->tok; k < u->tok + u->ntok; k++) {
			uint32_t id = sd->tid[k];
			size_t next = seen[id];

			near += next != SEG_NEVER && next - i <= SEG_NEAR;
			if ((sd->tfl[k] & (TF_CAP | TF_NEW | TF_ACRONYM)) == (TF_CAP | TF_NEW) &&
			    !sd->v.ent[id].lower && next != SEG_NEVER &&
			    next - i <= SEG_AHEAD) {
				u->feat |= UF_NAME;
				if ((sd->tfl[k] & TF_FULL) && sd->v.ent[id].titled)
					u->feat |= UF_INTRO;
			}
		}
		u->fwd = u->ntok ? (float)near / (float)u->ntok : 0.5f;
		for (size_t k = u->tok; k < u->tok + u->ntok; k++)
			seen[sd->tid[k]] = i;
	}
	free(seen);
}

#define SEG_OLAP 3	/* units on each side for the overlap cue */

/* For each unit, the share of the content words of it and the next
 * SEG_OLAP - 1 units that occur in the SEG_OLAP units before it. */
static void unit_overlap(struct segdata *sd)
{
	size_t *last = xmalloc((sd->v.n + 1) * sizeof *last);

	for (size_t id = 0; id < sd->v.n; id++)
		last[id] = SEG_NEVER;
	for (size_t i = 0; i < sd->m; i++) {
		size_t hit = 0, all = 0;

		for (size_t j = i; j < i + SEG_OLAP && j < sd->m; j++)
			for (size_t k = sd->u[j].tok; k < sd->u[j].tok + sd->u[j].ntok; k++) {
				size_t l = last[sd->tid[k]];

				all++;
				hit += l != SEG_NEVER && l < i && l + SEG_OLAP >= i;
			}
		sd->u[i].olap = i == 0 || all == 0 ? 0.5f : (float)hit / (float)all;
		for (size_t k = sd->u[i].tok; k < sd->u[i].tok + sd->u[i].ntok; k++)
			last[sd->tid[k]] = i;
	}
	free(last);
}

/* Append cue f with value v. */
static size_t put_cue(struct fval *fv, size_t n, unsigned f, float v)
{
	if (v != 0 && n < SF_COUNT) {
		fv[n].f = (uint16_t)f;
		fv[n].v = v;
		n++;
	}
	return n;
}

/* The cues of unit i for starting a story; returns how many. */
static size_t unit_feats(const struct doc *d, const struct segdata *sd, size_t i,
			 int paragraphs, const struct segmodel *w, struct fval *fv)
{
	const struct unit *u = &sd->u[i];
	const struct line *l = &d->lines[u->line];
	size_t n = 0, nstrip = 0;
	unsigned kinds = 0;
	int byline = 0, trailer = 0, ruled = 0;

	n = put_cue(fv, n, SF_bias, 1);
	n = put_cue(fv, n, SF_lede, !!(u->feat & UF_LEDE));
	n = put_cue(fv, n, u->feat & UF_NAME ? SF_name : SF_noname, 1);
	if (paragraphs)
		n = put_cue(fv, n, u->nsent <= 1 ? SF_one : SF_multi, 1);
	n = put_cue(fv, n, SF_conn, !!(u->feat & UF_CONN));
	n = put_cue(fv, n, SF_pron, !!(u->feat & UF_PRON));
	n = put_cue(fv, n, SF_quote, !!(u->feat & UF_QUOTE));
	n = put_cue(fv, n, SF_titled, !!(u->feat & UF_TITLED));
	n = put_cue(fv, n, SF_ahead, !!(u->feat & UF_AFTER_HEAD));
	n = put_cue(fv, n, SF_astrip, !!(u->feat & UF_AFTER_STRIP));
	n = put_cue(fv, n, SF_bhead, !!(u->feat & UF_BEFORE_HEAD));
	n = put_cue(fv, n, SF_reintro, !!(u->feat & UF_REINTRO));
	n = put_cue(fv, n, SF_intro, !!(u->feat & UF_INTRO));
	n = put_cue(fv, n, SF_said_early, !!(u->feat & UF_SAID));
	n = put_cue(fv, n, SF_company, !!(u->feat & UF_COMPANY));
	n = put_cue(fv, n, SF_the_lower, !!(u->feat & UF_THE_LOWER));
	n = put_cue(fv, n, SF_the_cap, !!(u->feat & UF_THE_CAP));
	n = put_cue(fv, n, SF_figure, !!(u->feat & UF_FIGURE));
	n = put_cue(fv, n, SF_pron_said, !!(u->feat & UF_PRON_SAID));
	n = put_cue(fv, n, SF_also, !!(u->feat & UF_ALSO));
	n = put_cue(fv, n, SF_acro_def, !!(u->feat & UF_ACRO_DEF));
	n = put_cue(fv, n, SF_quote_in, !!(u->feat & UF_QUOTE_IN));
	n = put_cue(fv, n, SF_said_new, !!(u->feat & UF_SAID_NEW));
	if (u->feat & UF_ATTR)
		n = put_cue(fv, n, u->feat & UF_ATTR_NEW ? SF_attr_new : SF_attr_old, 1);
	n = put_cue(fv, n, SF_caps_new2, u->newcaps >= 2);
	n = put_cue(fv, n, SF_caps_new4, u->newcaps >= 4);
	n = put_cue(fv, n, SF_back, u->back - 0.5f);
	n = put_cue(fv, n, SF_fwd, u->fwd - 0.5f);
	if (u->open1)
		n = put_cue(fv, n, SF_OPEN1 + u->open1 - 1u, 1);
	if (u->open2)
		n = put_cue(fv, n, SF_OPEN2 + u->open2 - 1u, 1);
	if ((u->feat & UF_SUBJ) && u->ntok)
		n = put_cue(fv, n, sd->tfl[u->tok] & TF_NEW ? SF_subj_new : SF_subj_old, 1);
	n = put_cue(fv, n, SF_novel, (float)(u->novel - 0.5));
	n = put_cue(fv, n, SF_cross, (float)(u->cross < w->p[SP_linkmax] ? u->cross : w->p[SP_linkmax]));
	/* the furniture just before it */
	for (size_t j = u->line; j > 0 && d->lines[j - 1].kind != LK_PARAGRAPH; j--) {
		const struct line *p = &d->lines[j - 1];
		struct bstr t = line_text(d, p);

		nstrip++;
		kinds |= 1u << p->kind;
		ruled |= !!(p->flags & LF_RULE);
		byline |= linefeat_byline(t.s, t.n);
		trailer |= linefeat_trailer(t.s, t.n);
		if (nstrip >= 16)
			break;
	}
	if (nstrip)
		n = put_cue(fv, n, nstrip == 1 ? SF_strip1 : nstrip <= 3 ? SF_strip2_3 : SF_strip4, 1);
	n = put_cue(fv, n, SF_after_credit, !!(kinds & (1u << LK_CREDIT)));
	n = put_cue(fv, n, SF_after_image, !!(kinds & (1u << LK_IMAGE)));
	n = put_cue(fv, n, SF_after_chrome, !!(kinds & (1u << LK_CHROME)));
	n = put_cue(fv, n, SF_byline_before, byline);
	n = put_cue(fv, n, SF_after_rule, ruled);
	if (i > 0) {
		const struct unit *pu = &sd->u[i - 1];
		struct bstr t = line_text(d, &d->lines[pu->line]);

		trailer |= linefeat_trailer(t.s, t.n);
		n = put_cue(fv, n, SF_prev_short, pu->words <= 12);
	}
	n = put_cue(fv, n, SF_trailer_before, trailer);
	{
		struct bstr t = line_text(d, l);

		n = put_cue(fv, n, SF_dateline, linefeat_dateline(t.s, t.n));
	}
	if (i > 0)
		n = put_cue(fv, n, u->olap < 0.1f ? SF_olap_lo : u->olap < 0.25f ? SF_olap_mid :
						  SF_olap_hi, 1);
	n = put_cue(fv, n, SF_short_unit, u->words <= 12);
	n = put_cue(fv, n, SF_long_unit, u->words >= 40);
	n = put_cue(fv, n, SF_blank_before,
		    (sd->blanks && l->blanks > d->blank_base) || (l->flags & LF_FORMFEED));
	return n;
}

/* Mark the neighbour features of each unit, whether the window uses
 * blank lines (a stray one is not evidence) and whether it reads as
 * paragraphs (not one sentence a line). */
static int unit_context(const struct doc *d, struct segdata *sd)
{
	size_t multi = 0, blank = 0;

	for (size_t i = 0; i < sd->m; i++) {
		struct unit *u = &sd->u[i];

		multi += u->nsent > 1;
		blank += d->lines[u->line].blanks > d->blank_base;
		if (u->line > 0) {
			uint8_t k = d->lines[u->line - 1].kind;

			if (k == LK_HEADING)
				u->feat |= UF_AFTER_HEAD;
			else if (k != LK_PARAGRAPH)
				u->feat |= UF_AFTER_STRIP;
		}
		if (u->line + 1 < d->nlines && d->lines[u->line + 1].kind == LK_HEADING)
			u->feat |= UF_BEFORE_HEAD;
	}
	sd->blanks = blank >= 2;
	return multi * 4 >= sd->m;	/* paragraphs, not sentences */
}

#define SEG_SPLIT_UNITS 4000	/* windows this long are worked on in two threads */

/* Whether a window of units paragraph units of d is worth two threads. */
static int seg_two_threads(const struct doc *d, size_t units)
{
	return !(d->seg && d->seg->one_thread) && units >= SEG_SPLIT_UNITS &&
	       sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

/* Units [from, to) of a window whose cues one thread scores. */
struct cuepart {
	const struct doc *d;
	struct segdata *sd;
	const struct segmodel *w;
	int paragraphs;
	size_t from, to;
};

/* Score the cues of one part's units for starting a story (a thread's
 * work). */
static void *cue_part(void *arg)
{
	const struct cuepart *cp = arg;
	struct fval fv[SF_COUNT];

	for (size_t i = cp->from; i < cp->to; i++) {
		size_t n = unit_feats(cp->d, cp->sd, i, cp->paragraphs, cp->w, fv);
		double c = 0;

		for (size_t k = 0; k < n; k++)
			c += cp->w->w[fv[k].f] * fv[k].v;
		cp->sd->u[i].cue = cp->w->p[SP_cue] * c;
	}
	return NULL;
}

/* Score each unit's cues for starting a story, a long window's second
 * half on a thread of its own. */
static void unit_cues(const struct doc *d, struct segdata *sd, const struct segmodel *w)
{
	struct cuepart a = { d, sd, w, unit_context(d, sd), 0, sd->m };
	struct cuepart b = a;
	pthread_t th;

	b.from = a.to = sd->m / 2;
	if (!seg_two_threads(d, sd->m) || pthread_create(&th, NULL, cue_part, &b) != 0) {
		a.to = sd->m;
		cue_part(&a);
		return;
	}
	cue_part(&a);
	pthread_join(th, NULL);
}

/* The scores of every story the first round considered, kept so that the
 * later rounds, which change only the cost of a start, need not count
 * words again: for end j, pairs pstart[j] to pstart[j + 1] - 1 give beta
 * times the likelihood of each candidate story, nearest first.  Their
 * first units are not kept (4 bytes a pair, half the scores' memory):
 * they are the units a story may start at below j, in order down from
 * j - 1 (seg_scores' cand). */
struct seg_pairs {
	float *bll;		/* beta times its log-likelihood (a float: 4 bytes a pair) */
	size_t n, cap;
	uint32_t *pstart;	/* m + 2 entries (32 bits: 4 bytes an end) */
};

/* Free the kept scores. */
static void pairs_free(struct seg_pairs *p)
{
	free(p->bll);
	free(p->pstart);
}

/* Keep one candidate's score. */
static void pairs_push(struct seg_pairs *p, double bll)
{
	if (p->n + 1 > p->cap) {
		if (p->n >= UINT32_MAX)	/* pstart's reach */
			die("out of memory (%zu candidate stories)", p->n);
		p->bll = xgrow(p->bll, &p->cap, p->n + 1, sizeof *p->bll);
	}
	p->bll[p->n++] = (float)bll;
}

/* The kept scores of a window: the ends before split are part[0]'s,
 * the rest part[1]'s (each thread's, kept where it made them rather
 * than copied together, which held both at once); cand: the units a
 * story may start at, in order (ncand of them), whose scores the pairs
 * are. */
struct seg_scores {
	struct seg_pairs part[2];
	size_t split;
	uint32_t *cand;
	size_t ncand;
	double *gain;		/* seg_redo's, one a candidate (m + 1 room): for every round */
	size_t gcap;		/* gain's room */
};

/* What a window leaves to the next (see seg_int.h). */
struct seg_keep {
	struct segdata sd;	/* the first reader's units and words, empty */
	struct seg_pairs pairs;	/* the second scorer's kept scores, empty */
	double *best;
	size_t *back;
	size_t bcap;
	/* a block the second reader's units and the first scorer's scores
	 * take in turn (never needed at once: the reader's are given back
	 * before the scoring), so that neither is faulted in afresh each
	 * window, nor held idle while the other peaks */
	void *spare;
	size_t spare_bytes;
	/* seg_redo's gains, lent to the second reader for its words' flags
	 * meanwhile (words_take) */
	double *gain;
	size_t gcap;
	void (*idle)(void *);	/* to call where the second processor idles */
	void *idle_arg;
};

/* Take the spare block of k (NULL if none, or no k), its size in *bytes. */
static void *spare_take(struct seg_keep *k, size_t *bytes)
{
	void *p = k ? k->spare : NULL;

	*bytes = p ? k->spare_bytes : 0;
	if (k) {
		k->spare = NULL;
		k->spare_bytes = 0;
	}
	return p;
}

/* Give block p of bytes bytes to k as its spare block (freed without k). */
static void spare_give(struct seg_keep *k, void *p, size_t bytes)
{
	if (!k) {
		free(p);
		return;
	}
	free(k->spare);
	k->spare = p;
	k->spare_bytes = p ? bytes : 0;
}

void seg_keep_on_idle(struct seg_keep *k, void (*fn)(void *), void *arg)
{
	if (k) {
		k->idle = fn;
		k->idle_arg = arg;
	}
}

/* Call k's idle work, if any, once. */
static void keep_idle(struct seg_keep *k)
{
	if (k && k->idle) {
		void (*fn)(void *) = k->idle;

		k->idle = NULL;
		fn(k->idle_arg);
	}
}

/* Free the kept scores of a window, the second part's arrays going back
 * to k (if k) for the next. */
static void scores_free(struct seg_scores *sc, struct seg_keep *k)
{
	free(sc->cand);
	sc->cand = NULL;
	if (k && sc->gain) {	/* the gains' block for the next window */
		free(k->gain);
		k->gain = sc->gain;
		k->gcap = sc->gcap;
	} else {
		free(sc->gain);
	}
	sc->gain = NULL;
	free(sc->part[0].pstart);
	spare_give(k, sc->part[0].bll, sc->part[0].cap * sizeof *sc->part[0].bll);
	sc->part[0].bll = NULL;
	sc->part[0].pstart = NULL;
	free(sc->part[1].pstart);
	sc->part[1].pstart = NULL;
	sc->part[1].n = 0;
	if (k) {
		pairs_free(&k->pairs);
		k->pairs = sc->part[1];
	} else {
		pairs_free(&sc->part[1]);
	}
}

/* Of lanes' bests m[l] (at index ix[l], -1 where a lane found none
 * above *top), the highest, the earliest of equal ones: *top raised to
 * it, its index in *at. */
static void lanes_best(const double *m, const double *ix, int lanes, double *top, size_t *at)
{
	double best = *top, bix = -1;

	for (int l = 0; l < lanes; l++)
		if (ix[l] >= 0 && (bix < 0 || m[l] > best || (m[l] == best && ix[l] < bix))) {
			best = m[l];
			bix = ix[l];
		}
	if (bix >= 0) {
		*top = best;
		*at = (size_t)bix;
	}
}

#if defined(__x86_64__) && defined(__GNUC__)
#define SEG_AVX2 1
/* first_best's pairs four at a time, with AVX2 (where the processor has
 * it): from t on, *t moved past them. */
__attribute__((target("avx2"))) static void best_avx2(const double *b, const float *s,
						       const double *g, size_t n, size_t *t,
						       double *top, size_t *at)
{
	size_t k = *t;
	__m256d vmax = _mm256_set1_pd(*top), vat = _mm256_set1_pd(-1.0);
	__m256d vt = _mm256_set_pd(k + 3.0, k + 2.0, k + 1.0, (double)k);
	__m256d four = _mm256_set1_pd(4.0);
	double m[4], ix[4];

	for (; k + 4 <= n; k += 4) {
		__m256d f = _mm256_cvtps_pd(_mm_loadu_ps(s + k));
		__m256d sc = _mm256_add_pd(_mm256_add_pd(_mm256_loadu_pd(b + k), f),
					   _mm256_loadu_pd(g + k));
		__m256d up = _mm256_cmp_pd(sc, vmax, _CMP_GT_OQ);

		vmax = _mm256_blendv_pd(vmax, sc, up);
		vat = _mm256_blendv_pd(vat, vt, up);
		vt = _mm256_add_pd(vt, four);
	}
	_mm256_storeu_pd(m, vmax);
	_mm256_storeu_pd(ix, vat);
	lanes_best(m, ix, 4, top, at);
	*t = k;
}
#endif

/* The first of the n scores (b[t] + s[t]) + g[t] above *top and not
 * below any other, *top raised to it; returns its index t, or n if none
 * is above *top.  The sums are those of the one-at-a-time loop at the
 * end, four at a time with AVX2 if wide and the processor has it, else
 * two with SSE2: each lane keeps its first best, and of equal bests the
 * earliest is taken. */
static inline size_t first_best(const double *b, const float *s, const double *g, size_t n,
				double *top, int wide)
{
	size_t t = 0, at = n;
	double bj = *top;

#ifdef SEG_AVX2
	if (wide && n >= 8 && __builtin_cpu_supports("avx2"))
		best_avx2(b, s, g, n, &t, &bj, &at);
#else
	(void)wide;
#endif
#ifdef __SSE2__
	if (n - t >= 4) {
		__m128d vmax = _mm_set1_pd(bj), vat = _mm_set1_pd(-1.0);
		__m128d vt = _mm_set_pd(t + 1.0, (double)t), two = _mm_set1_pd(2.0);
		double m[2], ix[2];

		for (; t + 2 <= n; t += 2) {
			__m128d f = _mm_cvtps_pd(_mm_castsi128_ps(
				_mm_loadl_epi64((const __m128i *)(const void *)(s + t))));
			__m128d sc = _mm_add_pd(_mm_add_pd(_mm_loadu_pd(b + t), f),
						_mm_loadu_pd(g + t));
			__m128d up = _mm_cmpgt_pd(sc, vmax);

			vmax = _mm_or_pd(_mm_and_pd(up, sc), _mm_andnot_pd(up, vmax));
			vat = _mm_or_pd(_mm_and_pd(up, vt), _mm_andnot_pd(up, vat));
			vt = _mm_add_pd(vt, two);
		}
		_mm_storeu_pd(m, vmax);
		_mm_storeu_pd(ix, vat);
		lanes_best(m, ix, 2, &bj, &at);
	}
#endif
	for (; t < n; t++) {
		double sc = b[t] + s[t] + g[t];

		if (sc > bj) {
			bj = sc;
			at = t;
		}
	}
	*top = bj;
	return at;
}

size_t seg_first_best(const double *b, const float *s, const double *g, size_t n, double *top,
		      int wide)
{
	return first_best(b, s, g, n, top, wide);
}

/* The best segmentation when each story start costs pen, from the kept
 * scores of every candidate story (see seg_dp): back[j] gets the first
 * unit of the story that ends before unit j.  best is room for the best
 * score up to each candidate, and sc->gain for each candidate's cue less
 * the cost, both in the order of the pairs: the last candidate first, so
 * that an end's pairs, nearest first, read them in order. */
static void seg_redo(const struct segdata *sd, double pen, const struct seg_scores *sc,
		     double *best, size_t *back)
{
	size_t nc = sc->ncand;
	/* the array is the window's, not each round's (160 KB a window of
	 * 20,000 units: mapped, faulted in and unmapped afresh every round) */
	double *gain = sc->gain;

	/* each candidate's cue less the cost (adding 0 for the first unit,
	 * which pays none, changes no sum's value) */
	for (size_t k = 1; k < nc; k++)
		gain[nc - 1 - k] = sd->u[sc->cand[k]].cue - pen;
	gain[nc - 1] = 0;
	best[nc - 1] = 0;	/* the first candidate is unit 0 */
	for (size_t j = 1, below = 1; j <= sd->m; j++) {
		const struct seg_pairs *kept = &sc->part[j >= sc->split];
		size_t p = kept->pstart[j], np = kept->pstart[j + 1] - p, r = nc - below;
		double bj = -1e300;
		size_t t = first_best(best + r, kept->bll + p, gain + r, np, &bj, 1);

		/* the pair's first unit: the candidates before j, nearest first */
		back[j] = t < np ? sc->cand[below - 1 - t] : 0;
		if (below < nc && sc->cand[below] == j)
			best[nc - 1 - below++] = bj;	/* the next candidate's */
	}
}

/* What scoring the candidate stories of a window needs: the units, the
 * cached logs, and the ends [j0, j1) of the stories one thread scores. */
struct scorepart {
	const struct segdata *sd;
	const struct segmodel *w;
	const double *logc, *den;
	size_t nden, j0, j1;
	const uint32_t *ut;	/* each unit's first word in sd->tid, and the end */
	const uint8_t *may;	/* whether a story may start at each unit */
	struct seg_pairs kept;	/* pstart[j] for j in [j0, j1], from 0 */
};

/* Add to num, in order, the log of each of the n words at t's count so
 * far plus alpha (logc[count]), counting them in cell (the candidate
 * scan's inner loop, two words a turn). */
static inline double count_logs(const uint32_t *t, size_t n, uint32_t *cell,
				const double *logc, double num)
{
	size_t k = 0;

	for (; k + 2 <= n; k += 2) {
		uint32_t c = cell[t[k]]++;

		num += logc[c];
		c = cell[t[k + 1]]++;
		num += logc[c];
	}
	if (k < n)
		num += logc[cell[t[k]]++];
	return num;
}

double seg_count_logs(const uint32_t *t, size_t n, uint32_t *cell, const double *logc,
		      double num)
{
	return count_logs(t, n, cell, logc, num);
}

/* Set the counts of the n words at t back to 0. */
static inline void count_clear(const uint32_t *t, size_t n, uint32_t *cell)
{
	size_t k = 0;

	for (; k + 4 <= n; k += 4) {
		cell[t[k]] = 0;
		cell[t[k + 1]] = 0;
		cell[t[k + 2]] = 0;
		cell[t[k + 3]] = 0;
	}
	for (; k < n; k++)
		cell[t[k]] = 0;
}

/* Score every candidate story that ends before unit j, for j in
 * [j0, j1): kept gets each one's first unit and beta times its
 * likelihood, nearest first (a thread's work).  The story grows back
 * from unit j - 1 to unit lo, the first at which it reaches
 * SEG_MAX_UNITS units or SEG_MAX_TOKENS content words, or to unit 0. */
static void *score_part(void *arg)
{
	struct scorepart *sp = arg;
	const struct segdata *sd = sp->sd;
	static const uint32_t no_words[1];	/* for a window without a content word */
	const uint32_t *tid = sd->tid ? sd->tid : no_words;
	const double *logc = sp->logc, *den = sp->den;
	const uint32_t *ut = sp->ut;
	const uint8_t *may = sp->may;
	size_t m = sd->m, nden = sp->nden, far = 0;
	struct seg_pairs *kept = &sp->kept;
	/* each word's count in the story read so far, all 0 between ends */
	uint32_t *cell = xcalloc(sd->v.n + 1, sizeof *cell);
	double beta = sp->w->p[SP_beta];

	kept->n = 0;
	kept->pstart = xmalloc((m + 2) * sizeof *kept->pstart);
	for (size_t j = sp->j0; j < sp->j1; j++) {
		double num = 0;

		kept->pstart[j] = (uint32_t)kept->n;
		if (j < m && !may[j])
			continue;	/* no story can start at unit j */
		/* far: units [0, far) are SEG_MAX_TOKENS words or more
		 * before unit j (ends only grow, so far does) */
		while (far < j && ut[j] - ut[far] >= SEG_MAX_TOKENS)
			far++;
		size_t lo = j >= SEG_MAX_UNITS ? j - SEG_MAX_UNITS : 0;

		lo = far > lo + 1 ? far - 1 : lo;
		for (size_t i = j; i-- > lo;) {
			/* each word adds the log of its count so far plus
			 * alpha (logc has every count a story can reach) */
			num = count_logs(tid + ut[i], ut[i + 1] - ut[i], cell, logc, num);
			if (may[i]) {
				size_t ntok = ut[j] - ut[i];
				double ll = num - (ntok < nden ? den[ntok] : den[nden - 1]);

				pairs_push(kept, beta * ll);
			}
		}
		count_clear(tid + ut[lo], ut[j] - ut[lo], cell);	/* contiguous */
	}
	kept->pstart[sp->j1] = (uint32_t)kept->n;
	free(cell);
	return NULL;
}

/* The end that splits the scoring of the candidate stories of sd in two
 * halves of about the same work (the same count of content words). */
static size_t half_unit(const struct segdata *sd)
{
	size_t j = 1;

	while (j < sd->m && (sd->u[j].tok - sd->u[0].tok) * 2 < sd->nt - sd->u[0].tok)
		j++;
	return j;
}

/* Whether a story from unit i to unit j (its end, excluded) is one that
 * score_part considers. */
static int reachable(const uint32_t *ut, size_t i, size_t j)
{
	return j - i <= SEG_MAX_UNITS && ut[j] - ut[i + 1] < SEG_MAX_TOKENS;
}

/* Let each end j of m have a candidate start within a story's reach: where
 * the nearest candidate before j is out of it (a story longer than
 * SEG_MAX_TOKENS with no unit above the cut), the unit within reach whose
 * cue is best becomes one.  Without it, no split of the units before j
 * scores at all, and the whole window falls back to one story. */
static void keep_reachable(const struct segdata *sd, const uint32_t *ut, uint8_t *may, size_t m)
{
	size_t last = 0;	/* the latest candidate before j */

	for (size_t j = 1; j <= m; j++) {
		if (!reachable(ut, last, j)) {
			size_t pick = j - 1;

			for (size_t i = j - 1; i > last && reachable(ut, i, j); i--)
				if (sd->u[i].cue > sd->u[pick].cue)
					pick = i;
			may[pick] = 1;
			last = pick;
		}
		if (j < m && may[j])
			last = j;
	}
}

/* The best segmentation when each story start costs pen: fills back[j]
 * with the first unit of the story that ends before unit j, and keeps
 * every candidate's score in kept; a long window's later ends are scored
 * on a thread of their own. */
static void seg_dp(const struct doc *d, const struct segdata *sd, const struct segmodel *w,
		   double pen, const double *logc, const double *den, size_t nden,
		   double *best, size_t *back, struct seg_scores *kept, struct seg_keep *keep)
{
	size_t m = sd->m, mid = half_unit(sd);
	/* 32 bits: a window's words are fewer than its text's bytes */
	uint32_t *ut = xmalloc((m + 1) * sizeof *ut);
	uint8_t *may = xmalloc(m + 1);
	double cut = w->p[SP_cut];	/* compared with double cues */

	for (size_t i = 0; i < m; i++) {
		ut[i] = (uint32_t)sd->u[i].tok;
		may[i] = i == 0 || sd->u[i].cue >= cut;
	}
	ut[m] = m ? (uint32_t)(sd->u[m - 1].tok + sd->u[m - 1].ntok) : 0;
	may[m] = 1;
	keep_reachable(sd, ut, may, m);
	/* the units a story may start at, whose scores the pairs are */
	kept->cand = xmalloc((m ? m : 1) * sizeof *kept->cand);
	kept->ncand = 0;
	for (size_t i = 0; i < m; i++)
		if (may[i])
			kept->cand[kept->ncand++] = (uint32_t)i;

	struct scorepart a = { sd, w, logc, den, nden, 1, m + 1, ut, may, { 0 } };
	struct scorepart b = a;
	pthread_t th;

	if (keep) {		/* the arrays of the window before */
		size_t bytes;

		b.kept = keep->pairs;
		memset(&keep->pairs, 0, sizeof keep->pairs);
		a.kept.bll = spare_take(keep, &bytes);
		a.kept.cap = bytes / sizeof *a.kept.bll;
	}

	if (seg_two_threads(d, m) && mid > 1 && mid <= m) {
		a.j1 = b.j0 = mid;
		if (pthread_create(&th, NULL, score_part, &b) != 0)
			a.j1 = m + 1;
	}
	score_part(&a);
	kept->part[0] = a.kept;
	kept->part[0].pstart[0] = 0;
	kept->split = a.j1;
	if (a.j1 <= m) {
		pthread_join(th, NULL);
		kept->part[1] = b.kept;
	} else {
		pairs_free(&b.kept);
	}
	free(ut);
	free(may);
	/* for every round: the window before's block, grown if need be */
	if (keep) {
		kept->gain = keep->gain;
		kept->gcap = keep->gcap;
		keep->gain = NULL;
		keep->gcap = 0;
	}
	kept->gain = xgrow(kept->gain, &kept->gcap, m + 1, sizeof *kept->gain);
	keep_idle(keep);	/* the rounds from here on are one thread's */
	seg_redo(sd, pen, kept, best, back);
}

/* The typical vocabulary of a stretch of the document: distinct content
 * words per block of SEG_VBLOCK words, so that long dumps are judged like
 * short ones. */
static size_t local_vocab(const struct segdata *sd)
{
	size_t *mark = xmalloc(sd->v.n * sizeof *mark);
	size_t types = 0, blocks = 0, total = 0;

	for (size_t id = 0; id < sd->v.n; id++)
		mark[id] = SEG_NEVER;
	for (size_t k = 0; k < sd->nt; k++) {
		size_t b = k / SEG_VBLOCK;

		if (mark[sd->tid[k]] != b) {
			mark[sd->tid[k]] = b;
			types++;
		}
		if ((k + 1) % SEG_VBLOCK == 0 || k + 1 == sd->nt) {
			/* a short last block counts in proportion */
			if (k + 1 == sd->nt && blocks > 0 && (k + 1) % SEG_VBLOCK) {
				break;
			}
			total += types;
			types = 0;
			blocks++;
		}
	}
	free(mark);
	return blocks ? total / blocks + 1 : 1;
}


#define SEG_EM_ROUNDS 40	/* rounds of re-estimating the dump's rate of starts */
#define SEG_RATE_MIN 0.002	/* the rate of starts per unit, at least */
#define SEG_RATE_MAX 0.9	/* and at most */
#define SEG_BINS 512		/* bins of the cues' log-odds, SEG_BIN wide */
#define SEG_BIN 0.0625
#define SEG_BIN_LO (-24.0)	/* the first bin's low end */

/* The log-odds of p. */
static double logit(double p)
{
	return log(p / (1 - p));
}

#define SEG_VAR_MIN 0.25	/* the mixture's variance, at least */

/* Two normal components of equal variance fitted to a dump's cue
 * log-odds: the lower (mean mu0) of units inside stories, the upper (mu1,
 * a share pi of the units) of starts; ok == 0 if none was fitted. */
struct seg_mix {
	int ok;
	double mu0, mu1, var, pi;
};

/* The share of the units in the upper of two normal components of equal
 * variance fitted to the cues' binned log-odds (n units; EM from the
 * top share p0): where the cues rank starts well but their level is off
 * for this kind of dump, the starts still form the upper mode. */
static double mixture_rate(const double *bin, size_t n, double p0, struct seg_mix *mx)
{
	double pi = p0, mu0 = 0, mu1 = 0, var = 0, seen = 0, c0 = 0, c1 = 0;

	mx->ok = 0;
	for (size_t b = SEG_BINS; b-- > 0;) {	/* the top share starts */
		double x = SEG_BIN_LO + (b + 0.5) * SEG_BIN;

		if (seen < p0 * (double)n)
			mu1 += bin[b] * x, c1 += bin[b];
		else
			mu0 += bin[b] * x, c0 += bin[b];
		seen += bin[b];
	}
	if (c0 <= 0 || c1 <= 0)
		return p0;
	mu0 /= c0, mu1 /= c1;
	for (size_t b = 0; b < SEG_BINS; b++) {
		double x = SEG_BIN_LO + (b + 0.5) * SEG_BIN;

		var += bin[b] * (x < (mu0 + mu1) / 2 ? (x - mu0) * (x - mu0) : (x - mu1) * (x - mu1));
	}
	var = var / (double)n < SEG_VAR_MIN ? SEG_VAR_MIN : var / (double)n;
	for (int round = 0; round < SEG_EM_ROUNDS; round++) {
		double s1 = 0, sx1 = 0, sx0 = 0, sv = 0;
		/* the same logs for every bin: taken once (a call the
		 * compiler may not hoist, as log may set errno) */
		double lpi = log(pi), lpi0 = log(1 - pi);

		for (size_t b = 0; b < SEG_BINS; b++) {
			if (bin[b] <= 0)
				continue;
			double x = SEG_BIN_LO + (b + 0.5) * SEG_BIN;
			double l1 = lpi - (x - mu1) * (x - mu1) / (2 * var);
			double l0 = lpi0 - (x - mu0) * (x - mu0) / (2 * var);
			double r = 1 / (1 + exp(l0 - l1));

			s1 += bin[b] * r;
			sx1 += bin[b] * r * x;
			sx0 += bin[b] * (1 - r) * x;
		}
		if (s1 <= 0 || s1 >= (double)n)
			break;
		mu1 = sx1 / s1, mu0 = sx0 / ((double)n - s1);
		for (size_t b = 0; b < SEG_BINS; b++) {
			if (bin[b] <= 0)
				continue;
			double x = SEG_BIN_LO + (b + 0.5) * SEG_BIN;
			double l1 = lpi - (x - mu1) * (x - mu1) / (2 * var);
			double l0 = lpi0 - (x - mu0) * (x - mu0) / (2 * var);
			double r = 1 / (1 + exp(l0 - l1));

			sv += bin[b] * (r * (x - mu1) * (x - mu1) + (1 - r) * (x - mu0) * (x - mu0));
		}
		var = sv / (double)n < SEG_VAR_MIN ? SEG_VAR_MIN : sv / (double)n;
		pi = s1 / (double)n;
		pi = pi < SEG_RATE_MIN ? SEG_RATE_MIN : pi > SEG_RATE_MAX ? SEG_RATE_MAX : pi;
	}
	if (mu1 > mu0) {
		mx->ok = 1;
		mx->mu0 = mu0, mx->mu1 = mu1, mx->var = var, mx->pi = pi;
	}
	return pi;
}

/* The number of stories the cues expect in this dump: one, plus each
 * later unit's probability of starting one, the cues' log-odds shifted
 * from the rate of starts they were learned at (SP_prior) to this dump's
 * own, re-estimated until it settles (Saerens et al. 2002): wire copy,
 * whose ledes come every few paragraphs, gets a higher rate than long
 * features, before any boundary is decided.  *shift is the move of the
 * log-odds.  The log-odds are binned, so a round costs SEG_BINS, not a
 * pass over the units. */
static double expected_stories(const struct segdata *sd, const struct segmodel *w,
				double *shift, struct seg_mix *mx)
{
	double p0 = w->p[SP_prior], rate, bin[SEG_BINS] = { 0 };

	*shift = 0;
	mx->ok = 0;
	if ((w->p[SP_est] <= 0 && w->p[SP_shift] <= 0 && w->p[SP_recal] <= 0) || w->p[SP_cue] <= 0 ||
	    sd->m < 2)
		return 1;
	if (p0 < SEG_RATE_MIN || p0 > SEG_RATE_MAX)
		p0 = 0.1;
	rate = p0;
	for (size_t i = 1; i < sd->m; i++) {
		double b = (sd->u[i].cue / w->p[SP_cue] - SEG_BIN_LO) / SEG_BIN;

		bin[b < 0 ? 0 : b >= SEG_BINS - 1 ? SEG_BINS - 1 : (size_t)b]++;
	}
	for (int round = 0; round < SEG_EM_ROUNDS; round++) {
		double d = logit(rate) - logit(p0), sum = 0;

		for (size_t b = 0; b < SEG_BINS; b++)
			if (bin[b] > 0)
				sum += bin[b] / (1 + exp(-(SEG_BIN_LO + (b + 0.5) * SEG_BIN + d)));
		double next = sum / (double)(sd->m - 1);

		next = next < SEG_RATE_MIN ? SEG_RATE_MIN : next > SEG_RATE_MAX ? SEG_RATE_MAX : next;
		if (fabs(next - rate) < 1e-4 * rate) {
			rate = next;
			break;
		}
		rate = next;
	}
	if (w->p[SP_recal] > 0 && w->p[SP_mix] <= 0)
		mixture_rate(bin, sd->m - 1, p0, mx);
	if (w->p[SP_mix] > 0) {
		double mix = w->p[SP_mix] > 1 ? 1 : w->p[SP_mix];
		double mr = mixture_rate(bin, sd->m - 1, p0, mx);
		double l = (1 - mix) * logit(rate) + mix * logit(mr);

		rate = 1 / (1 + exp(-l));
	}
	*shift = logit(rate) - logit(p0);
	return 1 + rate * (double)(sd->m - 1);
}

/* Move each unit's cue (after the first) part of the way (param recal)
 * from its log-odds shifted by s to the odds of the upper of the dump's
 * two components mx over the lower, if they are two modes: where a kind of dump's starts stand
 * apart from its other units but below the level the cues learned, the
 * dump's own spread says how far apart. */
static void recalibrate(struct segdata *sd, const struct segmodel *w, const struct seg_mix *mx,
			double s)
{
	double r = w->p[SP_recal] > 1 ? 1 : w->p[SP_recal], c = w->p[SP_cue];

	/* the upper component the fewer units, as starts are */
	if (r <= 0 || !mx->ok || c <= 0 || mx->pi > 0.5)
		return;
	double slope = (mx->mu1 - mx->mu0) / mx->var, mid = (mx->mu0 + mx->mu1) / 2;
	double lpi = logit(mx->pi);

	for (size_t i = 1; i < sd->m; i++) {
		double x = sd->u[i].cue / c;
		double xm = lpi + slope * (x - mid);

		sd->u[i].cue += r * c * (xm - x - s);
	}
}

/* The cost of a story start when stories are about ntok / stories
 * content words long, shrunk towards the assumed length. */
static double story_cost(const struct segmodel *w, double ntok, double stories)
{
	return w->p[SP_kappa] * pow((ntok + w->p[SP_n0] * w->p[SP_len0]) /
					(stories + w->p[SP_n0]) / w->p[SP_len0], w->p[SP_gamma]);
}

/* Free what read_units built. */
static void segdata_free(struct segdata *sd)
{
	vocab_free(&sd->v);
	memo_free(&sd->memo);
	free(sd->u);
	free(sd->tid);
	free(sd->tfl);
}

struct seg_keep *seg_keep_new(void)
{
	return xcalloc(1, sizeof(struct seg_keep));
}

void seg_keep_free(struct seg_keep *k)
{
	if (!k)
		return;
	segdata_free(&k->sd);
	pairs_free(&k->pairs);
	free(k->best);
	free(k->back);
	free(k->spare);
	free(k->gain);
	free(k);
}

/* A new segdata into sd, with the arrays k kept (if k). */
static void segdata_take(struct segdata *sd, struct seg_keep *k)
{
	memset(sd, 0, sizeof *sd);
	if (!k)
		return;
	sd->u = k->sd.u;
	sd->ucap = k->sd.ucap;
	sd->tid = k->sd.tid;
	sd->tcap = k->sd.tcap;
	sd->tfl = k->sd.tfl;
	sd->tfcap = k->sd.tfcap;
	memset(&k->sd, 0, sizeof k->sd);
}

/* Free sd, its arrays going back to k (if k). */
static void segdata_give(struct segdata *sd, struct seg_keep *k)
{
	if (k) {
		segdata_free(&k->sd);
		k->sd.u = sd->u;
		k->sd.ucap = sd->ucap;
		k->sd.tid = sd->tid;
		k->sd.tcap = sd->tcap;
		k->sd.tfl = sd->tfl;
		k->sd.tfcap = sd->tfcap;
		sd->u = NULL;
		sd->tid = NULL;
		sd->tfl = NULL;
	}
	segdata_free(sd);
}

/* Read the paragraph units of lines [from, to) of d into sd, which is
 * new (its first ids are the stop words'); returns the most content
 * words of one unit. */
static size_t read_lines(const struct doc *d, size_t from, size_t to, struct segdata *sd)
{
	size_t maxtok = 0;

	for (size_t i = 0; i < seg_nstop_words; i++) {
		char key[SEG_WORDMAX];
		size_t kn = strlen(seg_stop_words[i]);

		memcpy(key, seg_stop_words[i], kn);
		uint32_t id = vocab_id(&sd->v, key, seg_stem(key, kn));

		sd->v.ent[id].stop = 1;
	}
	sd->nstop = (uint32_t)sd->v.n;
	for (size_t i = from; i < to; i++) {
		const struct line *l = &d->lines[i];

		if (l->kind != LK_PARAGRAPH)
			continue;
		sd->u = xgrow(sd->u, &sd->ucap, sd->m + 1, sizeof *sd->u);
		memset(&sd->u[sd->m], 0, sizeof sd->u[sd->m]);
		sd->u[sd->m].line = i;
		read_unit(sd, &sd->u[sd->m], (const unsigned char *)d->text + l->off, l->len);
		if (sd->u[sd->m].ntok > maxtok)
			maxtok = sd->u[sd->m].ntok;
		sd->m++;
	}
	return maxtok;
}

/* Lines [from, to) of a document read into sd on a thread of their own. */
struct readpart {
	const struct doc *d;
	size_t from, to, maxtok;
	struct segdata sd;
};

/* Read one part (a thread's work). */
static void *read_part(void *arg)
{
	struct readpart *rp = arg;

	rp->maxtok = read_lines(rp->d, rp->from, rp->to, &rp->sd);
	return NULL;
}

/* Append the units and words b read to a, as if a had gone on to read
 * them: b's words take a's ids, new ones in the order b met them, which
 * is the order a would have given them. */
static void segdata_append(struct segdata *a, const struct segdata *b)
{
	uint32_t *map = xmalloc((b->v.n + 1) * sizeof *map);

	for (size_t id = 0; id < b->v.n; id++) {
		const struct vent *e = &b->v.ent[id];
		uint32_t to = vocab_id(&a->v, b->v.keys + e->off, e->len);

		a->v.ent[to].lower |= e->lower;
		a->v.ent[to].titled |= e->titled;
		map[id] = to;
	}
	a->u = xgrow(a->u, &a->ucap, a->m + b->m + 1, sizeof *a->u);
	for (size_t i = 0; i < b->m; i++) {
		a->u[a->m + i] = b->u[i];
		a->u[a->m + i].tok += a->nt;
	}
	a->m += b->m;
	a->tid = xgrow(a->tid, &a->tcap, a->nt + b->nt + 1, sizeof *a->tid);
	a->tfl = xgrow(a->tfl, &a->tfcap, a->nt + b->nt + 1, sizeof *a->tfl);
	for (size_t k = 0; k < b->nt; k++)
		a->tid[a->nt + k] = map[b->tid[k]];
	if (b->nt)
		memcpy(a->tfl + a->nt, b->tfl, b->nt);
	a->nt += b->nt;
	free(map);
}

/* The line that splits the paragraph text of lines [from, to) of d in
 * two halves, and the count of its paragraph units in *units. */
static size_t half_line(const struct doc *d, size_t from, size_t to, size_t *units)
{
	size_t bytes = 0, half = 0;

	*units = 0;
	for (size_t i = from; i < to; i++)
		if (d->lines[i].kind == LK_PARAGRAPH) {
			bytes += d->lines[i].len;
			++*units;
		}
	for (size_t i = from; i < to; i++) {
		if (d->lines[i].kind != LK_PARAGRAPH)
			continue;
		half += d->lines[i].len;
		if (half * 2 >= bytes)
			return i + 1;
	}
	return to;
}

_Static_assert(sizeof(float) == sizeof(uint32_t), "a kept score and a word id share a block");

/* Lend the second scorer's kept-scores block of k (idle until the
 * scoring) to the second reader sd for its word ids, which are given
 * back (words_give) before the scoring: they are then neither faulted
 * in afresh each window nor added to the reading's peak. */
static void words_take(struct seg_keep *k, struct segdata *sd)
{
	if (!k || !k->pairs.bll)
		return;
	sd->tid = (uint32_t *)(void *)k->pairs.bll;
	sd->tcap = k->pairs.cap;
	k->pairs.bll = NULL;
	k->pairs.cap = 0;
	if (k->gain) {		/* and the gains' block for their flags */
		sd->tfl = (uint8_t *)(void *)k->gain;
		sd->tfcap = k->gcap * sizeof *k->gain;
		k->gain = NULL;
		k->gcap = 0;
	}
}

/* Give the block of sd's word ids back to k as its kept-scores block
 * (whatever it holds is written before it is read). */
static void words_give(struct seg_keep *k, struct segdata *sd)
{
	if (!k)
		return;
	if (sd->tid) {
		free(k->pairs.bll);
		k->pairs.bll = (float *)(void *)sd->tid;
		k->pairs.cap = sd->tcap;
		sd->tid = NULL;
		sd->tcap = 0;
	}
	if (sd->tfl) {
		free(k->gain);
		k->gain = (double *)(void *)sd->tfl;
		k->gcap = sd->tfcap / sizeof *k->gain;
		sd->tfl = NULL;
		sd->tfcap = 0;
	}
}

/* Read the paragraph units of lines [from, to) of d into sd, a long
 * window's second half on a thread of its own; returns the most content
 * words of one unit. */
static size_t read_units(const struct doc *d, size_t from, size_t to, struct segdata *sd,
			 struct seg_keep *keep)
{
	size_t units, mid = half_line(d, from, to, &units), bytes = 0;
	struct readpart b = { .d = d, .from = mid, .to = to };
	pthread_t th;

	if (seg_two_threads(d, units)) {	/* the second reader's units in keep's spare block */
		b.sd.u = spare_take(keep, &bytes);
		b.sd.ucap = bytes / sizeof *b.sd.u;
		words_take(keep, &b.sd);
	}
	if (!seg_two_threads(d, units) || pthread_create(&th, NULL, read_part, &b) != 0) {
		spare_give(keep, b.sd.u, bytes);
		b.sd.u = NULL;
		words_give(keep, &b.sd);
		segdata_free(&b.sd);
		return read_lines(d, from, to, sd);
	}
	size_t maxtok = read_lines(d, from, mid, sd);

	pthread_join(th, NULL);
	segdata_append(sd, &b.sd);
	spare_give(keep, b.sd.u, b.sd.ucap * sizeof *b.sd.u);
	b.sd.u = NULL;
	words_give(keep, &b.sd);
	segdata_free(&b.sd);
	return maxtok > b.maxtok ? maxtok : b.maxtok;
}

/* What a window's second thread works out while the first marks the
 * units' features: each unit's overlap with its neighbours and the
 * typical vocabulary (neither reads nor writes what the first does). */
struct sidework {
	struct segdata *sd;
	size_t vsize;
};

/* The side work (a thread's work). */
static void *side_part(void *arg)
{
	struct sidework *sw = arg;

	sw->vsize = local_vocab(sw->sd);
	unit_overlap(sw->sd);
	return NULL;
}

size_t segment_unit_cues(const struct doc *d, struct seg_cues **out)
{
	struct segdata sd = { 0 };
	struct segmodel w;

	seg_weights_of(d, &w);
	read_units(d, 0, d->nlines, &sd, NULL);
	*out = xcalloc(sd.m + 1, sizeof **out);
	if (sd.m > 0) {
		unit_features(&sd);
		name_chains(&sd, &w);
		unit_overlap(&sd);
		int paragraphs = unit_context(d, &sd);

		for (size_t i = 0; i < sd.m; i++) {
			(*out)[i].line = sd.u[i].line;
			(*out)[i].n = unit_feats(d, &sd, i, paragraphs, &w, (*out)[i].f);
		}
	}
	size_t m = sd.m;

	segdata_free(&sd);
	return m;
}

/* Decide starts from the text alone in lines [from, to) of d: the first
 * lead paragraph units there are context only, the next one starts a
 * story.  Appends the later starts to out, with the index of each among
 * the decided units (the first being 0) in *unit when unit is not NULL
 * (grown like out, unitcap its capacity). */
void segment_text(const struct doc *d, size_t from, size_t lead, size_t to,
			 struct seg_start **out, size_t *n, size_t *cap,
			 size_t **unit, size_t *unitcap, struct seg_keep *keep)
{
	struct segmodel w;
	struct segdata sd;
	size_t maxtok = 0, nden, m;

	seg_weights_of(d, &w);
	segdata_take(&sd, keep);
	maxtok = read_units(d, from, to, &sd, keep);
	if (lead > sd.m)
		lead = sd.m;
	m = sd.m - lead;
	if (m > 1) {
		double *logc, *den, *best;
		size_t *back;
		struct segdata view;
		struct sidework sw = { &sd, 0 };
		pthread_t th;
		int side = seg_two_threads(d, sd.m) && pthread_create(&th, NULL, side_part, &sw) == 0;

		if (!side)
			side_part(&sw);
		unit_features(&sd);
		name_chains(&sd, &w);
		if (side)
			pthread_join(th, NULL);
		size_t vsize = sw.vsize;

		unit_cues(d, &sd, &w);
		view = sd;	/* the decided units, after the context */
		view.u = sd.u + lead;
		view.m = m;
		/* a story has fewer than nden words, so no count reaches it */
		nden = SEG_MAX_TOKENS + maxtok + 1;
		logc = xmalloc(nden * sizeof *logc);
		for (size_t c = 0; c < nden; c++)
			logc[c] = log(c + w.p[SP_alpha]);
		den = xmalloc(nden * sizeof *den);
		den[0] = 0;
		for (size_t k = 1; k < nden; k++)
			den[k] = den[k - 1] + log(k - 1 + w.p[SP_alpha] * vsize);
		if (keep && keep->bcap >= m + 1) {	/* the window before's */
			best = keep->best;
			back = keep->back;
			keep->best = NULL;
			keep->back = NULL;
		} else {
			if (keep) {	/* too short: grown */
				free(keep->best);
				free(keep->back);
				keep->best = NULL;
				keep->back = NULL;
				keep->bcap = 0;
			}
			best = xmalloc((m + 1) * sizeof *best);
			back = xmalloc((m + 1) * sizeof *back);
		}
		/* the cost of a start follows the mean story length found,
		 * shrunk towards an assumed one, until the count settles */
		double ntok = (double)(sd.nt - view.u[0].tok);
		struct seg_mix mx;
		double shift, expect = expected_stories(&view, &w, &shift, &mx);
		/* at first, stories of the assumed length (or as many as the
		 * cues expect) */
		double pen = story_cost(&w, ntok, w.p[SP_est] > 0 ? expect : ntok / w.p[SP_len0]);

		/* the cues' log-odds moved to this dump's rate of starts */
		recalibrate(&view, &w, &mx, shift * w.p[SP_shift]);
		shift *= w.p[SP_shift] * w.p[SP_cue];
		pen -= shift;
		size_t stories = 0;
		struct seg_scores kept = { 0 };

		for (int pass = 0; pass < SEG_PASSES; pass++) {
			size_t k = 0;

			if (pass == 0)
				seg_dp(d, &view, &w, pen, logc, den, nden, best, back, &kept, keep);
			else
				seg_redo(&view, pen, &kept, best, back);
			for (size_t j = m; j > 0; j = back[j])
				k++;
			if (k == stories)
				break;
			stories = k;
			pen = story_cost(&w, ntok, w.p[SP_est] * expect +
						   (1 - w.p[SP_est]) * (double)stories) - shift;
		}
		/* the starts, found backwards, are pushed in order */
		size_t k = 0, first = *n;

		for (size_t j = m; j > 0; j = back[j])
			if (back[j] > 0)
				k++;
		for (size_t i = 0; i < k; i++)
			seg_push(out, n, cap, 0, 0, "text");
		if (unit)
			*unit = xgrow(*unit, unitcap, first + k, sizeof **unit);
		for (size_t j = m, at = first + k; j > 0; j = back[j]) {
			if (back[j] == 0)
				continue;
			at--;
			(*out)[at].line = view.u[back[j]].line;
			(*out)[at].score = view.u[back[j]].cue;
			if (unit)
				(*unit)[at] = back[j];
		}
		scores_free(&kept, keep);
		if (keep && !keep->best) {
			keep->bcap = keep->bcap > m + 1 ? keep->bcap : m + 1;
			keep->best = best;
			keep->back = back;
		} else {
			free(back);
			free(best);
		}
		free(den);
		free(logc);
	}
	segdata_give(&sd, keep);
}
