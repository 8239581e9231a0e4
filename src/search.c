/* SPDX-License-Identifier: MIT */
/* search.c - finding text the way people mean it, across all stories */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <uninorm.h>
#include <unistr.h>

#include "search.h"
#include "bsearch.h"
#include "xmalloc.h"

#define CACHE_SIZE 4096		/* folded forms of non-ASCII characters */
#define FOLD_MAX 18		/* bytes of one character's folded form */
#define POS_CAP (1u << 24)	/* match positions kept for narrowing */

/* A remembered folding of one code point. */
struct fold_entry {
	uint32_t uc;		/* 0: empty slot */
	uint8_t len;
	char bytes[FOLD_MAX];
};

/* Memo of foldings, one table with case folding and one without. */
struct fold_cache {
	struct fold_entry t[2][CACHE_SIZE];
};

/* Keys order matches: a match's key is (its character's first byte in
 * the text of all documents, each followed by one byte) * KEY_SUB + its
 * place in that character's fold (an ellipsis folds to three dots). */
#define KEY_SUB 32
#define KEY_END ((size_t)-1)
/* Bytes of a line folded at once: a longer line is folded in blocks,
 * each searched with the end of the one before. */
#define BLOCK 4096
/* Lines no longer than this are folded from their start to find the
 * matches in a range of them. */
#define SHORT_LINE ((size_t)1 << 16)

/* The index keeps no folded copy of the text: a line is folded when it
 * is searched, into scratch space (ASCII lines, most of a dump, are only
 * lower-cased); what is kept is a byte per line saying whether it is
 * such a plain line. */
struct search {
	const struct storylist *sl;
	struct fold_cache *cache;
	size_t build_doc, build_line;	/* next line to look at */
	int built;			/* every line is looked at */
	uint8_t *plain;			/* per global line: ASCII, folded to its length */
	size_t nlines;
	size_t *doc_base;		/* global index of each doc's first line, +1 */
	size_t *doc_src;		/* each doc's first byte in the key space, +1 */
	size_t *story_base;		/* global index of each story's first line */
	size_t nstories;
	size_t lend;			/* lines [0, lend) are in stories, searched */
	int stripped;
	/* the query, folded with and without case */
	char *q, *qx;
	size_t nq, nqx;
	int csens;
	/* counting */
	size_t scan_line, last_story;
	/* the article of each story (search_set_groups), and per article the
	 * count it was last counted in */
	uint32_t *group, *gstamp, gen;
	size_t ngroup;
	struct search_count cnt;
	size_t *pos;			/* keys of the matches counted, in order */
	size_t npos, pos_cap;
	int pos_all;			/* pos holds every match counted */
	/* the previous complete query's matches, for narrowing */
	size_t *ppos;
	size_t nppos, ppos_at;
	int narrowing;
	/* scratch: a line's fold, and per folded byte its character's first
	 * byte in the line and its place in that character's fold */
	char *fb;
	uint32_t *fc;
	uint8_t *fs;
	size_t fcap;
	char *xb;			/* a line's fold with its case */
	size_t xcap;
	size_t (*rng)[2];		/* per folded byte: its range in xb */
	size_t rcap;
};

/* Plain form of a typographic character, or NULL if it has none. */
static const char *typographic(ucs4_t uc)
{
	switch (uc) {
	case 0x2018: case 0x2019: case 0x201A: case 0x201B: case 0x2032:
	case 0x02BC: case 0x00B4: case 0x0060:
		return "'";
	case 0x201C: case 0x201D: case 0x201E: case 0x201F: case 0x2033:
	case 0x00AB: case 0x00BB:
		return "\"";
	case 0x2010: case 0x2011: case 0x2012: case 0x2013: case 0x2014:
	case 0x2015: case 0x2212: case 0xFE58: case 0xFE63: case 0xFF0D:
		return "-";
	case 0x2026:
		return "...";
	case 0x00A0: case 0x2000: case 0x2001: case 0x2002: case 0x2003:
	case 0x2004: case 0x2005: case 0x2006: case 0x2007: case 0x2008:
	case 0x2009: case 0x200A: case 0x202F: case 0x205F: case 0x3000:
		return " ";
	case 0x00AD: case 0x200B: case 0x200C: case 0x200D: case 0x2060:
	case 0xFEFF:
		return "";
	}
	return NULL;
}

/* Compute the folded form of a non-ASCII character into e. */
static void fold_compute(ucs4_t uc, int fold_case, struct fold_entry *e)
{
	uint32_t nbuf[32], cbuf[32], *d, *c;
	size_t nd = 32, nc = 32, k = 0;
	const char *t = typographic(uc);

	e->uc = uc;
	if (t) {
		e->len = (uint8_t)strlen(t);
		memcpy(e->bytes, t, e->len);
		return;
	}
	d = u32_normalize(UNINORM_NFKD, &uc, 1, nbuf, &nd);
	if (!d) {
		d = nbuf;
		nbuf[0] = uc;
		nd = 1;
	}
	c = d;
	nc = nd;
	if (fold_case) {
		uint32_t *r = u32_casefold(d, nd, NULL, NULL, cbuf, &nc);

		if (r)
			c = r;
		else
			nc = nd;
	}
	for (size_t i = 0; i < nc; i++) {
		uint8_t u8[6];
		const char *tt;
		int m;

		if (uc_is_general_category(c[i], UC_CATEGORY_Mn))
			continue;
		if ((tt = typographic(c[i]))) {
			size_t tl = strlen(tt);

			if (k + tl > FOLD_MAX)
				break;
			memcpy(e->bytes + k, tt, tl);
			k += tl;
			continue;
		}
		m = u8_uctomb(u8, c[i], 6);
		if (m <= 0 || k + (size_t)m > FOLD_MAX)
			break;
		memcpy(e->bytes + k, u8, (size_t)m);
		k += (size_t)m;
	}
	e->len = (uint8_t)k;
	if (d != nbuf)
		free(d);
	if (c != cbuf && c != d && c != nbuf)
		free(c);
}

/* The folded form of a non-ASCII character, from the memo. */
static const struct fold_entry *fold_lookup(struct fold_cache *fc, ucs4_t uc, int fold_case)
{
	struct fold_entry *e = &fc->t[fold_case][(uc * 2654435761u) % CACHE_SIZE];

	if (e->uc != uc)
		fold_compute(uc, fold_case, e);
	return e;
}

/* Fold text[o, o + n) of a line into out (room for n * FOLD_MAX bytes);
 * *space says whether the last byte written was a space, and is
 * updated.  With cs and sub, also record per folded byte the first byte
 * (in the line) of the character it came from and its place in that
 * character's fold. */
static size_t fold_map(struct fold_cache *fc, const char *line, size_t o, size_t n,
		       int fold_case, char *out, uint32_t *cs, uint8_t *sub, int *space)
{
	const uint8_t *p = (const uint8_t *)line + o, *e = p + n;
	size_t k = 0;

	while (p < e) {
		uint32_t at = (uint32_t)(p - (const uint8_t *)line);

		if (*p < 0x80) {
			char c = (char)*p++;

			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				if (*space)
					continue;
				c = ' ';
				*space = 1;
			} else {
				if (fold_case && c >= 'A' && c <= 'Z')
					c = (char)(c + 32);
				*space = 0;
			}
			if (cs) {
				cs[k] = at;
				sub[k] = 0;
			}
			out[k++] = c;
			continue;
		}
		ucs4_t uc;
		int m = u8_mbtouc(&uc, p, (size_t)(e - p));
		const struct fold_entry *f = fold_lookup(fc, uc, fold_case);

		p += m;
		if (f->len == 1 && f->bytes[0] == ' ') {
			if (*space)
				continue;
			*space = 1;
		} else if (f->len == 0) {
			continue;
		} else {
			*space = 0;
		}
		for (uint8_t i = 0; i < f->len; i++) {
			if (cs) {
				cs[k] = at;
				sub[k] = i;
			}
			out[k++] = f->bytes[i];
		}
	}
	return k;
}

/* Fold text into out (which has room for n * FOLD_MAX bytes); *space says
 * whether the last byte written was a space, and is updated. */
static size_t fold_into(struct fold_cache *fc, const char *text, size_t n,
			int fold_case, char *out, int *space)
{
	return fold_map(fc, text, 0, n, fold_case, out, NULL, NULL, space);
}

char *search_fold(const char *text, size_t n, int fold_case, size_t *outn)
{
	struct fold_cache *fc = xcalloc(1, sizeof *fc);
	char *out = xmalloc(n * FOLD_MAX + 1);
	int space = 0;

	*outn = fold_into(fc, text, n, fold_case, out, &space);
	out[*outn] = '\0';
	free(fc);
	return out;
}

/* The document holding global line g. */
static size_t doc_of(const struct search *s, size_t g)
{
	return bs_floor(s->doc_base, s->sl->ndocs, g);
}

/* The line record of global line g, its document, and where its text
 * starts in the key space. */
static const struct line *gline(const struct search *s, size_t g, const struct doc **dp,
				size_t *src)
{
	size_t d = doc_of(s, g);
	const struct line *l = &s->sl->docs[d]->lines[g - s->doc_base[d]];

	*dp = s->sl->docs[d];
	if (src)
		*src = s->doc_src[d] + l->off;
	return l;
}

/* The length of global line g. */
static size_t line_len(const struct search *s, size_t g)
{
	const struct doc *d;

	return gline(s, g, &d, NULL)->len;
}

/* The global line holding key (or the last line before it). */
static size_t line_of_key(const struct search *s, size_t key)
{
	size_t src = key / KEY_SUB, d = bs_floor(s->doc_src, s->sl->ndocs, src);
	const struct doc *doc = s->sl->docs[d];
	size_t o = src - s->doc_src[d], lo = 0, hi = doc->nlines;

	while (lo < hi) {	/* the first line starting after o */
		size_t mid = lo + (hi - lo) / 2;

		if (doc->lines[mid].off <= o)
			lo = mid + 1;
		else
			hi = mid;
	}
	return s->doc_base[d] + (lo ? lo - 1 : 0);
}

/* The story holding global line g. */
static size_t story_at(const struct search *s, size_t g)
{
	return bs_floor(s->story_base, s->nstories, g);
}

/* Whether global line g is searched: reading text, or any line when
 * stripped lines are searched too. */
static int visible(const struct search *s, size_t g)
{
	const struct doc *d;

	return s->stripped || gline(s, g, &d, NULL)->kind == LK_PARAGRAPH;
}

/* Start counting the current query from the beginning. */
static void count_reset(struct search *s);

void search_restory(struct search *s)
{
	const struct storylist *sl = s->sl;
	size_t d = 0, lend = 0;

	free(s->story_base);
	s->nstories = sl->n;
	s->story_base = xcalloc(sl->n + 1, sizeof *s->story_base);
	for (size_t i = 0; i < sl->n; i++) {
		while (d < sl->ndocs && sl->docs[d] != sl->stories[i].doc)
			d++;
		if (d == sl->ndocs)	/* stories out of document order */
			d = 0;
		while (d < sl->ndocs && sl->docs[d] != sl->stories[i].doc)
			d++;
		s->story_base[i] = s->doc_base[d] + sl->stories[i].first;
		if (s->story_base[i] + sl->stories[i].count > lend)
			lend = s->story_base[i] + sl->stories[i].count;
	}
	/* only lines in stories are searched: while a reader is still
	 * parsing, the stories cover a prefix of the lines */
	if (lend > s->nlines)
		lend = s->nlines;
	if (lend == s->lend)
		return;
	s->lend = lend;
	if (s->narrowing || s->scan_line > lend) {
		s->narrowing = 0;
		count_reset(s);
	} else {
		s->cnt.complete = 0;	/* count on into the new lines */
	}
}

struct search *search_begin(const struct storylist *sl)
{
	struct search *s = xcalloc(1, sizeof *s);
	size_t total = 0, src = 0;

	s->sl = sl;
	s->cache = xcalloc(1, sizeof *s->cache);
	s->doc_base = xcalloc(sl->ndocs + 1, sizeof *s->doc_base);
	s->doc_src = xcalloc(sl->ndocs + 1, sizeof *s->doc_src);
	for (size_t d = 0; d < sl->ndocs; d++) {
		s->doc_base[d] = total;
		s->doc_src[d] = src;
		total += sl->docs[d]->nlines;
		src += sl->docs[d]->len + 1;
	}
	s->doc_base[sl->ndocs] = total;
	s->doc_src[sl->ndocs] = src;
	s->nlines = total;
	s->plain = xcalloc(total + 1, 1);
	return s;
}

/* Per byte of w, 0x80 where it is ASCII white space (space, tab, CR,
 * LF), else 0. */
static uint64_t space_bytes(uint64_t w)
{
	const uint64_t ones = 0x0101010101010101ull, low = 0x7f7f7f7f7f7f7f7full;
	static const unsigned char ws[] = { ' ', '\t', '\n', '\r' };
	uint64_t m = 0;

	for (int k = 0; k < 4; k++) {
		uint64_t y = w ^ (ones * ws[k]);

		m |= ~(((y & low) + low) | y) & ~low;	/* exactly the zero bytes */
	}
	return m;
}

/* Whether a line folds to its own bytes lower-cased (white space made
 * spaces): ASCII, not starting with white space, and without two white
 * space characters in a row (a run folds to one space).  Eight bytes at
 * a time where the machine is little-endian. */
static int is_plain(struct bstr t)
{
	const unsigned char *p = (const unsigned char *)t.s;
	uint64_t any = 0, run = 0, carry = 0x80;	/* as if after a space */
	size_t i = 0;

#if defined __BYTE_ORDER__ && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
	for (; i + 8 <= t.n; i += 8) {
		uint64_t w, sp;

		memcpy(&w, p + i, 8);
		sp = space_bytes(w);
		any |= w;
		run |= sp & ((sp << 8) | carry);	/* after a space: the byte before's */
		carry = sp >> 56;
	}
#endif
	for (int prev = carry != 0; i < t.n; i++) {
		int w = p[i] == ' ' || p[i] == '\t' || p[i] == '\n' || p[i] == '\r';

		run |= (uint64_t)(w && prev);
		prev = w;
		any |= p[i];
	}
	return !(any & 0x8080808080808080ull) && !run;
}

int search_build_step(struct search *s, size_t budget)
{
	const struct storylist *sl = s->sl;
	size_t done = 0;

	while (!s->built && done < budget) {
		if (s->build_doc >= sl->ndocs) {
			search_restory(s);
			s->built = 1;
			break;
		}
		const struct doc *doc = sl->docs[s->build_doc];

		if (s->build_line >= doc->nlines) {
			s->build_doc++;
			s->build_line = 0;
			continue;
		}
		struct bstr t = line_text(doc, &doc->lines[s->build_line]);

		s->plain[s->doc_base[s->build_doc] + s->build_line] = (uint8_t)is_plain(t);
		s->build_line++;
		done += t.n + 1;
	}
	return s->built;
}

int search_built(const struct search *s)
{
	return s->built;
}

struct search *search_new(const struct storylist *sl)
{
	struct search *s = search_begin(sl);

	while (!search_build_step(s, SIZE_MAX))
		;
	return s;
}

void search_free(struct search *s)
{
	if (!s)
		return;
	free(s->cache);
	free(s->plain);
	free(s->doc_base);
	free(s->doc_src);
	free(s->story_base);
	free(s->q);
	free(s->qx);
	free(s->pos);
	free(s->ppos);
	free(s->group);
	free(s->gstamp);
	free(s->fb);
	free(s->fc);
	free(s->fs);
	free(s->xb);
	free(s->rng);
	free(s);
}

/* Start counting the current query from the beginning. */
static void count_reset(struct search *s)
{
	s->scan_line = 0;
	s->last_story = (size_t)-1;
	if (++s->gen == 0) {	/* a new count: no article counted yet */
		if (s->gstamp)
			memset(s->gstamp, 0, (s->ngroup + 1) * sizeof *s->gstamp);
		s->gen = 1;
	}
	memset(&s->cnt, 0, sizeof s->cnt);
	s->npos = 0;
	s->pos_all = 1;
	s->ppos_at = 0;
}

void search_set_stripped(struct search *s, int include)
{
	if (s->stripped == !!include)
		return;
	s->stripped = !!include;
	s->narrowing = 0;
	count_reset(s);
}

int search_case_sensitive(const struct search *s)
{
	return s->csens;
}

/* Whether UTF-8 text has an upper-case letter. */
static int has_upper(const char *q, size_t n)
{
	const uint8_t *p = (const uint8_t *)q, *e = p + n;

	while (p < e) {
		ucs4_t uc;

		p += u8_mbtouc(&uc, p, (size_t)(e - p));
		if (uc_is_upper(uc))
			return 1;
	}
	return 0;
}

/* Fold a query with the search's memo (malloc'd). */
static char *fold_query(struct search *s, const char *q, size_t n, int fold_case, size_t *outn)
{
	char *out = xmalloc(n * FOLD_MAX + 1);
	int space = 0;

	*outn = fold_into(s->cache, q, n, fold_case, out, &space);
	out[*outn] = '\0';
	return out;
}

int search_set_query(struct search *s, const char *q, size_t n)
{
	char *nq;
	size_t nn;

	nq = fold_query(s, q, n, 1, &nn);
	/* narrow when the new query extends a fully counted, fully kept one */
	s->narrowing = 0;
	if (s->q && s->cnt.complete && s->pos_all && nn >= s->nq && s->nq > 0 &&
	    !memcmp(nq, s->q, s->nq) && (!s->csens || has_upper(q, n))) {
		free(s->ppos);
		s->ppos = s->pos;
		s->nppos = s->npos;
		s->pos = NULL;
		s->pos_cap = 0;
		s->narrowing = 1;
	}
	free(s->q);
	free(s->qx);
	s->q = nq;
	s->nq = nn;
	s->csens = has_upper(q, n);
	s->qx = fold_query(s, q, n, 0, &s->nqx);
	count_reset(s);
	return nn > 0;
}

/* Room for n folded bytes (and their map) in the scratch space. */
static void reserve(struct search *s, size_t n)
{
	if (n <= s->fcap)
		return;
	s->fcap = n + n / 2;
	s->fb = xrealloc(s->fb, s->fcap);
	s->fc = xrealloc(s->fc, s->fcap * sizeof *s->fc);
	s->fs = xrealloc(s->fs, s->fcap);
}

/* The end of the character starting at byte c of t. */
static size_t char_end(struct bstr t, size_t c)
{
	int m = c < t.n ? u8_mblen((const uint8_t *)t.s + c, t.n - c) : 0;

	return c + (m > 0 ? (size_t)m : 1);
}

/* The fold's space state just before byte o of a line: whether the last
 * character before it that folds to anything folds to a space (at the
 * line's start: yes). */
static int space_before(struct search *s, struct bstr t, size_t o)
{
	while (o > 0) {
		size_t b = o - 1, k;
		char tmp[FOLD_MAX];
		int sp = 0;

		while (b > 0 && ((unsigned char)t.s[b] & 0xC0) == 0x80)
			b--;
		k = fold_into(s->cache, t.s + b, o - b, 1, tmp, &sp);
		if (k > 0)
			return sp;
		o = b;
	}
	return 1;
}

/* A line being searched: its text, where it starts in the key space,
 * and what to do with each match (fn returns 1 to stop). */
struct scan {
	size_t g;
	struct bstr t;
	size_t src;
	int (*fn)(struct search *s, const struct scan *sc, size_t key, size_t start,
		  size_t end, void *ctx);
	void *ctx;
};

/* Hand a match at byte c (c's fold's byte sub) to the scan's fn. */
static int report(struct search *s, const struct scan *sc, size_t c, size_t sub, size_t end)
{
	return sc->fn(s, sc, (sc->src + c) * KEY_SUB + sub, c, end, sc->ctx);
}

/* Lower-case ASCII text into out, white space made spaces (the fold of
 * a plain line). */
static void lower_into(const char *text, size_t n, char *out)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)text[i];

		c = (unsigned char)((unsigned)c - 'A' < 26u ? c + 32 : c);
		out[i] = c == '\t' || c == '\r' || c == '\n' ? ' ' : (char)c;
	}
}

/* Whether the bytes at t of a plain line are the query with its case
 * (white space matching a space). */
static int plain_match(const struct search *s, const char *t)
{
	if (s->nqx != s->nq)
		return 0;
	for (size_t i = 0; i < s->nqx; i++)
		if (t[i] != s->qx[i] && !(s->qx[i] == ' ' && (t[i] == '\t' || t[i] == '\r' ||
							    t[i] == '\n')))
			return 0;
	return 1;
}

/* Find the query in the line's fold, block by block from byte from
 * (each block searched with the end of the one before), reporting the
 * matches that start before byte to; on a plain line with case, those
 * with the query's case.  1 if stopped. */
static int scan_fold(struct search *s, const struct scan *sc, size_t from, size_t to)
{
	struct bstr t = sc->t;
	int plain = s->plain[sc->g], space = plain ? 0 : space_before(s, t, from);
	size_t o = from, keep = 0, b0 = from;	/* b0: the byte of fb[0] (plain) */

	while (o < t.n) {
		size_t m = t.n - o < BLOCK ? t.n - o : BLOCK, nb;

		while (o + m < t.n && ((unsigned char)t.s[o + m] & 0xC0) == 0x80)
			m++;
		reserve(s, keep + m * FOLD_MAX + 1);
		if (plain) {
			lower_into(t.s + o, m, s->fb + keep);
			nb = keep + m;
		} else {
			nb = keep + fold_map(s->cache, t.s, o, m, 1, s->fb + keep, s->fc + keep,
					     s->fs + keep, &space);
		}
		for (size_t p = 0; p + s->nq <= nb; p++) {
			const char *h = memmem(s->fb + p, nb - p, s->q, s->nq);

			if (!h)
				break;
			p = (size_t)(h - s->fb);
			size_t c = plain ? b0 + p : s->fc[p];

			if (c >= to)
				return 0;
			if (plain && s->csens && !plain_match(s, t.s + c))
				continue;
			if (report(s, sc, c, plain ? 0 : s->fs[p],
				   plain ? c + s->nq : char_end(t, s->fc[p + s->nq - 1])))
				return 1;
		}
		o += m;
		keep = nb < s->nq - 1 ? nb : s->nq - 1;
		b0 = o - keep;
		if (o >= to && (keep == 0 || (plain ? b0 : s->fc[nb - keep]) >= to))
			return 0;
		memmove(s->fb, s->fb + nb - keep, keep);
		if (!plain) {
			memmove(s->fc, s->fc + nb - keep, keep * sizeof *s->fc);
			memmove(s->fs, s->fs + nb - keep, keep);
		}
	}
	return 0;
}

/* The query with its case on a plain line: straight in its text when it
 * has no white space to map, else in its fold.  1 if stopped. */
static int scan_plain_case(struct search *s, const struct scan *sc, size_t from, size_t to)
{
	struct bstr t = sc->t;

	if (s->nqx != s->nq)
		return 0;
	if (memchr(s->qx, ' ', s->nqx))
		return scan_fold(s, sc, from, to);
	for (size_t p = from; p < to && p + s->nqx <= t.n; p++) {
		const char *h = s->nqx == 1 ? memchr(t.s + p, s->qx[0], t.n - p) :
			memmem(t.s + p, t.n - p, s->qx, s->nqx);

		if (!h || (size_t)(h - t.s) >= to)
			break;
		p = (size_t)(h - t.s);
		if (report(s, sc, p, 0, p + s->nqx))
			return 1;
	}
	return 0;
}

/* Report the match at folded o of a line folded into fb (fn bytes), if
 * its character is in [from, to); 1 if stopped (or past to). */
static int report_folded(struct search *s, const struct scan *sc, size_t o, size_t fn,
			 size_t from, size_t to)
{
	size_t c = s->fc[o];

	if (c < from)
		return 0;
	if (c >= to)
		return 1;
	return report(s, sc, c, s->fs[o],
		      o + s->nq <= fn ? char_end(sc->t, s->fc[o + s->nq - 1]) : sc->t.n);
}

/* The case-kept fold of a line into xb, character by character, with
 * the range of xb each case-folded byte's character gave; its length. */
static size_t fold_ranges(struct search *s, struct bstr t, size_t fn)
{
	const uint8_t *p = (const uint8_t *)t.s, *e = p + t.n;
	size_t f = 0, xn = 0;
	int sp1 = 1, sp0 = 1;

	if (fn + 1 > s->rcap) {
		s->rcap = fn + 1;
		s->rng = xrealloc(s->rng, s->rcap * sizeof *s->rng);
	}
	while (p < e) {
		char tf[FOLD_MAX], tx[FOLD_MAX];
		int m = u8_mblen(p, (size_t)(e - p));

		if (m <= 0)
			m = 1;
		size_t kf = fold_into(s->cache, (const char *)p, (size_t)m, 1, tf, &sp1);
		size_t kx = fold_into(s->cache, (const char *)p, (size_t)m, 0, tx, &sp0);

		for (size_t j = 0; j < kf && f + j < fn; j++) {
			s->rng[f + j][0] = xn;
			s->rng[f + j][1] = xn + kx;
		}
		f += kf;
		memcpy(s->xb + xn, tx, kx);
		xn += kx;
		p += (size_t)m;
	}
	return f == fn ? xn : (size_t)-1;
}

/* The length of a line's fold (with case folded or not), folded a
 * block at a time: room for the fold of a long line, not the most it
 * could take (FOLD_MAX bytes a byte). */
static size_t fold_length(struct search *s, struct bstr t, int fold_case)
{
	char tmp[256 * FOLD_MAX];
	size_t n = 0;
	int space = 1;

	for (size_t o = 0, m; o < t.n; o += m) {
		m = t.n - o < 256 ? t.n - o : 256;
		while (m > 1 && o + m < t.n && ((unsigned char)t.s[o + m] & 0xC0) == 0x80)
			m--;	/* whole characters (a block may end before the last) */
		n += fold_into(s->cache, t.s + o, m, fold_case, tmp, &space);
	}
	return n;
}

/* The query with its case on a line that is not plain: fold it once
 * with and once without case; where the two folds line up (quotes,
 * dashes, most accents) find the query with its case in the case-kept
 * one, else a case-folded match is one if the query with its case is
 * within the case-kept fold of its characters.  1 if stopped. */
static int scan_case(struct search *s, const struct scan *sc, size_t from, size_t to)
{
	struct bstr t = sc->t;
	size_t fn, xn, need = t.n > SHORT_LINE ? fold_length(s, t, 0) + 1 : t.n * FOLD_MAX + 1;
	int sp1 = 1, sp0 = 1;

	if (need > s->xcap) {
		s->xcap = need;
		s->xb = xrealloc(s->xb, s->xcap);
	}
	/* every match has the query with its case in the case-kept fold */
	xn = fold_into(s->cache, t.s, t.n, 0, s->xb, &sp0);
	if (!memmem(s->xb, xn, s->qx, s->nqx))
		return 0;
	reserve(s, t.n > SHORT_LINE ? fold_length(s, t, 1) + 1 : t.n * FOLD_MAX + 1);
	fn = fold_map(s->cache, t.s, 0, t.n, 1, s->fb, s->fc, s->fs, &sp1);
	if (xn == fn) {
		for (size_t o = 0; o + s->nqx <= xn; o++) {
			const char *h = memmem(s->xb + o, xn - o, s->qx, s->nqx);

			if (!h)
				break;
			o = (size_t)(h - s->xb);
			if (report_folded(s, sc, o, fn, from, to))
				return s->fc[o] < to;
		}
		return 0;
	}
	if ((xn = fold_ranges(s, t, fn)) == (size_t)-1)
		return 0;
	for (size_t o = 0; o + s->nq <= fn; o++) {
		const char *h = memmem(s->fb + o, fn - o, s->q, s->nq);

		if (!h)
			break;
		o = (size_t)(h - s->fb);
		size_t a = s->rng[o][0], b = s->rng[o + s->nq - 1][1];

		if (b - a >= s->nqx && memmem(s->xb + a, b - a, s->qx, s->nqx) &&
		    report_folded(s, sc, o, fn, from, to))
			return s->fc[o] < to;
	}
	return 0;
}

/* Hand each match of the query in global line g that starts at a
 * character in bytes [from, to) of its text to fn, in order; 1 if fn
 * stopped it. */
static int scan_line(struct search *s, size_t g, size_t from, size_t to,
		     int (*fn)(struct search *, const struct scan *, size_t, size_t, size_t,
			       void *), void *ctx)
{
	const struct doc *d;
	struct scan sc = { .g = g, .fn = fn, .ctx = ctx };
	const struct line *l = gline(s, g, &d, &sc.src);

	sc.t = line_text(d, l);
	if (to > sc.t.n)
		to = sc.t.n;
	if (from >= to || s->nq == 0)
		return 0;
	if (!s->csens)
		return scan_fold(s, &sc, from, to);
	if (s->plain[g])
		return scan_plain_case(s, &sc, from, to);
	return scan_case(s, &sc, from, to);
}

/* Text of a run of lines searched at once. */
#define RUN_CHUNK ((size_t)1 << 16)

/* Search bytes [ra, rb) of document d's text, which hold its lines
 * from i (global g0) on, all plain: the query (with its case, where
 * it matches case) in their text, or lower-cased; a match counts within
 * one line.  1 if fn stopped. */
static int scan_region(struct search *s, size_t d, size_t g0, size_t i, size_t ra,
		       size_t rb, int (*fn)(struct search *, const struct scan *, size_t,
					    size_t, size_t, void *), void *ctx)
{
	const struct doc *doc = s->sl->docs[d];
	const char *hay = doc->text + ra, *need = s->q;
	size_t n = s->nq, k = i;
	int check = 0;

	if (s->csens && s->nqx != s->nq)
		return 0;	/* the query with its case folds otherwise: not ASCII */
	if (s->csens && !memchr(s->qx, ' ', s->nqx)) {
		need = s->qx;	/* straight in the text */
	} else {
		reserve(s, rb - ra + 1);
		lower_into(hay, rb - ra, s->fb);
		hay = s->fb;
		check = s->csens;
	}
	for (size_t p = 0; p + n <= rb - ra; p++) {
		const char *h = n == 1 ? memchr(hay + p, need[0], rb - ra - p) :
			memmem(hay + p, rb - ra - p, need, n);

		if (!h)
			break;
		p = (size_t)(h - hay);
		size_t at = ra + p;

		while (doc->lines[k].off + doc->lines[k].len <= at)
			k++;
		const struct line *l = &doc->lines[k];

		if (at < l->off || at + n > l->off + l->len)
			continue;	/* between lines, or across an end */
		if (check && !plain_match(s, doc->text + at))
			continue;
		struct scan sc = { .g = g0 + (k - i), .t = line_text(doc, l),
				   .src = s->doc_src[d] + l->off, .fn = fn, .ctx = ctx };

		if (report(s, &sc, at - l->off, 0, at - l->off + n))
			return 1;
	}
	return 0;
}

/* Hand each match in the searched lines [g0, g1) to fn, in order; runs
 * of plain lines of a document are searched together.  1 if fn stopped
 * it. */
static int scan_lines(struct search *s, size_t g0, size_t g1,
		      int (*fn)(struct search *, const struct scan *, size_t, size_t, size_t,
				void *), void *ctx)
{
	size_t d = g0 < s->nlines ? doc_of(s, g0) : 0;

	if (g1 > s->nlines)
		g1 = s->nlines;
	for (size_t g = g0; g < g1;) {
		while (g >= s->doc_base[d + 1])
			d++;
		const struct doc *doc = s->sl->docs[d];
		size_t base = s->doc_base[d], i = g - base, j = i;
		size_t end = (s->doc_base[d + 1] < g1 ? s->doc_base[d + 1] : g1) - base;
		size_t ra = doc->lines[i].off, rb = ra;

		/* the run of plain, searched lines from g, up to RUN_CHUNK */
		while (j < end && s->plain[base + j] &&
		       (s->stripped || doc->lines[j].kind == LK_PARAGRAPH) &&
		       (j == i || doc->lines[j].off + doc->lines[j].len - ra <= RUN_CHUNK)) {
			rb = doc->lines[j].off + doc->lines[j].len;
			j++;
		}
		if (j > i && rb - ra <= RUN_CHUNK) {
			if (scan_region(s, d, g, i, ra, rb, fn, ctx))
				return 1;
			g = base + j;
			continue;
		}
		if ((s->stripped || doc->lines[i].kind == LK_PARAGRAPH) &&
		    scan_line(s, g, 0, SIZE_MAX, fn, ctx))
			return 1;
		g++;
	}
	return 0;
}

void search_set_groups(struct search *s, const uint32_t *group, size_t n)
{
	free(s->group);
	free(s->gstamp);
	s->group = s->gstamp = NULL;
	s->ngroup = group ? n : 0;
	if (group) {
		s->group = xmalloc((n ? n : 1) * sizeof *s->group);
		memcpy(s->group, group, n * sizeof *group);
		s->gstamp = xcalloc(n + 1, sizeof *s->gstamp);	/* groups <= stories */
	}
	count_reset(s);
}

/* Whether story st is the first of its article with a match in this
 * count (always, for a story without an article). */
static int first_of_article(struct search *s, size_t st)
{
	uint32_t g;

	if (!s->group || st >= s->ngroup)
		return 1;
	g = s->group[st] <= s->ngroup ? s->group[st] : 0;
	if (s->gstamp[g] == s->gen)
		return 0;
	s->gstamp[g] = s->gen;
	return 1;
}

/* Record a counted match with key on global line g. */
static void count_hit(struct search *s, size_t key, size_t g)
{
	size_t st = s->last_story;

	if (st >= s->nstories || g < s->story_base[st] ||
	    (st + 1 < s->nstories && g >= s->story_base[st + 1]))
		st = story_at(s, g);

	s->cnt.matches++;
	if (st != s->last_story) {
		s->cnt.stories += (size_t)first_of_article(s, st);
		s->last_story = st;
	}
	if (!s->pos_all)
		return;
	if (s->npos >= POS_CAP) {
		s->pos_all = 0;
		return;
	}
	s->pos = xgrow(s->pos, &s->pos_cap, s->npos + 1, sizeof *s->pos);
	s->pos[s->npos++] = key;
}

/* A match found while counting: count it. */
static int count_fn(struct search *s, const struct scan *sc, size_t key, size_t start,
		    size_t end, void *ctx)
{
	(void)start;
	(void)end;
	(void)ctx;
	count_hit(s, key, sc->g);
	return 0;
}

/* Count the matches in global line g if it is searched; its length. */
static size_t count_line(struct search *s, size_t g)
{
	const struct doc *d;
	const struct line *l = gline(s, g, &d, NULL);

	if (l->kind == LK_PARAGRAPH || s->stripped)
		scan_line(s, g, 0, l->len, count_fn, NULL);
	return l->len;
}

/* Narrow: count the new query in the lines that held the previous
 * one's matches (it can match nowhere else), about budget / 16 of
 * those matches at a time. */
static void count_narrowing(struct search *s, size_t budget)
{
	size_t stop = s->ppos_at + budget / 16 + 1;

	while (s->ppos_at < s->nppos && s->ppos_at < stop) {
		size_t g = line_of_key(s, s->ppos[s->ppos_at]), src;
		const struct doc *d;
		const struct line *l = gline(s, g, &d, &src);

		count_line(s, g);
		while (s->ppos_at < s->nppos && s->ppos[s->ppos_at] / KEY_SUB < src + l->len)
			s->ppos_at++;
	}
	if (s->ppos_at >= s->nppos)
		s->cnt.complete = 1;
}

struct search_count search_count_step(struct search *s, size_t budget)
{
	if (s->cnt.complete)
		return s->cnt;
	if (s->nq == 0) {
		s->cnt.complete = 1;
		return s->cnt;
	}
	if (s->narrowing) {
		count_narrowing(s, budget);
		return s->cnt;
	}
	size_t g = s->scan_line;

	for (size_t done = 0; done < budget && g < s->lend; g++)
		done += line_len(s, g) + 1;
	scan_lines(s, s->scan_line, g, count_fn, NULL);
	s->scan_line = g;
	if (s->scan_line >= s->lend)
		s->cnt.complete = 1;
	return s->cnt;
}

/* A match being looked for: keys in [a, b); the first (or the last) one
 * found, with its line and bytes. */
struct want {
	size_t a, b;
	int last;
	int found;
	struct search_hit hit;
	size_t g;
};

/* Take a match if its key is wanted; stop at the first (or past b). */
static int want_fn(struct search *s, const struct scan *sc, size_t key, size_t start,
		   size_t end, void *ctx)
{
	struct want *w = ctx;

	(void)s;
	if (key < w->a)
		return 0;
	if (key >= w->b)
		return 1;
	w->found = 1;
	w->g = sc->g;
	w->hit.key = key;
	w->hit.start = start;
	w->hit.end = end;
	return !w->last;
}

/* The byte of key in its line g (the line's length at most). */
static size_t key_byte(const struct search *s, size_t g, size_t key)
{
	const struct doc *d;
	size_t src;
	const struct line *l = gline(s, g, &d, &src);

	if (key / KEY_SUB < src)
		return 0;
	return key / KEY_SUB - src < l->len ? key / KEY_SUB - src : l->len;
}

/* The first match with its key in [a, b), into w; 1 if found. */
static int first_in(struct search *s, size_t a, size_t b, struct want *w)
{
	size_t g = a ? line_of_key(s, a) : 0, g1 = b == KEY_END ? s->lend : line_of_key(s, b - 1) + 1;

	*w = (struct want){ .a = a, .b = b };
	if (g >= s->lend)
		return 0;
	if (visible(s, g) && scan_line(s, g, key_byte(s, g, a), SIZE_MAX, want_fn, w))
		return w->found;
	scan_lines(s, g + 1, g1 < s->lend ? g1 : s->lend, want_fn, w);
	return w->found;
}

/* The last match with its key in [a, b), into w, line by line
 * backwards; 1 if found. */
static int last_in(struct search *s, size_t a, size_t b, struct want *w)
{
	*w = (struct want){ .a = a, .b = b, .last = 1 };
	if (b <= a || s->lend == 0)
		return 0;
	size_t g = b == KEY_END ? s->lend - 1 : line_of_key(s, b - 1);

	if (g >= s->lend)
		g = s->lend - 1;
	for (;; g--) {
		const struct doc *d;
		size_t src;
		const struct line *l = gline(s, g, &d, &src);

		if (visible(s, g))
			scan_line(s, g, 0, l->len, want_fn, w);
		if (w->found)
			return 1;
		if (g == 0 || src * KEY_SUB <= a)
			return 0;
	}
}

/* Turn a found match into a hit. */
static void make_hit(struct search *s, const struct want *w, struct search_hit *h)
{
	*h = w->hit;
	h->story = story_at(s, w->g);
	h->line = w->g - s->story_base[h->story];
}

/* The key of a position. */
static size_t pos_key(struct search *s, const struct search_pos *from)
{
	size_t g, src;
	const struct doc *d;

	if (s->nstories == 0 || s->nlines == 0)
		return 0;
	if (from->story >= s->nstories)
		return KEY_END;
	g = s->story_base[from->story] + from->line;
	if (g >= s->nlines)
		return KEY_END;
	const struct line *l = gline(s, g, &d, &src);

	return (src + (from->off < l->len ? from->off : l->len)) * KEY_SUB;
}

int search_find(struct search *s, const struct search_pos *from, int dir,
		struct search_hit *hit, int *wrapped)
{
	size_t key = pos_key(s, from);
	struct want w;
	int found;

	*wrapped = 0;
	if (s->nq == 0 || s->lend == 0)
		return 0;
	if (s->cnt.complete && s->pos_all) {
		size_t i = bs_lower(s->pos, s->npos, key);

		if (s->npos == 0)
			return 0;
		if (dir >= 0) {
			if (i == s->npos) {
				i = 0;
				*wrapped = 1;
			}
		} else if (i == 0) {
			i = s->npos - 1;
			*wrapped = 1;
		} else {
			i--;
		}
		if (!first_in(s, s->pos[i], s->pos[i] + 1, &w))
			return *wrapped = 0;
		make_hit(s, &w, hit);
		return 1;
	}
	if (dir >= 0) {
		found = first_in(s, key, KEY_END, &w) || (*wrapped = first_in(s, 0, key, &w));
	} else {
		found = last_in(s, 0, key, &w) || (*wrapped = last_in(s, key, KEY_END, &w));
	}
	if (!found) {
		*wrapped = 0;
		return 0;
	}
	make_hit(s, &w, hit);
	return 1;
}

size_t search_ordinal(struct search *s, const struct search_hit *hit)
{
	if (!s->cnt.complete || !s->pos_all)
		return 0;
	size_t i = bs_lower(s->pos, s->npos, hit->key);

	return i < s->npos && s->pos[i] == hit->key ? i + 1 : 0;
}

size_t search_line_hits(struct search *s, size_t story, size_t line,
			size_t (*ranges)[2], size_t max)
{
	return search_range_hits(s, story, line, 0, SIZE_MAX, ranges, max);
}

/* Where the matches of a line are being gathered, and which. */
struct ranges {
	size_t (*r)[2];
	size_t n, max, from;
};

/* Keep a match that ends after the range's start; stop when full. */
static int range_fn(struct search *s, const struct scan *sc, size_t key, size_t start,
		    size_t end, void *ctx)
{
	struct ranges *r = ctx;

	(void)s;
	(void)sc;
	(void)key;
	if (end > r->from) {
		r->r[r->n][0] = start;
		r->r[r->n][1] = end;
		r->n++;
	}
	return r->n >= r->max;
}

size_t search_range_hits(struct search *s, size_t story, size_t line, size_t from,
			 size_t to, size_t (*ranges)[2], size_t max)
{
	struct ranges r = { ranges, 0, max, from };
	const struct doc *d;
	size_t g, at = 0;

	if (s->nq == 0 || story >= s->nstories || from >= to || max == 0)
		return 0;
	g = s->story_base[story] + line;
	if (g >= s->nlines || !visible(s, g))
		return 0;
	const struct line *l = gline(s, g, &d, NULL);

	/* a long line: from a little before from (a match is at most a few
	 * bytes a folded byte) */
	if (l->len > SHORT_LINE && from > s->nq * 16 + 256) {
		struct bstr t = line_text(d, l);

		at = from - s->nq * 16 - 256;
		while (at > 0 && ((unsigned char)t.s[at] & 0xC0) == 0x80)
			at--;
	}
	scan_line(s, g, at, to, range_fn, &r);
	return r.n;
}

/* A match of a filter's word: the story has it. */
static int any_fn(struct search *s, const struct scan *sc, size_t key, size_t start,
		  size_t end, void *ctx)
{
	(void)s;
	(void)sc;
	(void)key;
	(void)start;
	(void)end;
	(void)ctx;
	return 1;
}

/* Whether story st has a match of the query in a searched line. */
static int story_has(struct search *s, size_t st)
{
	size_t end = st + 1 < s->nstories ? s->story_base[st + 1] : s->lend;

	return scan_lines(s, s->story_base[st], end < s->lend ? end : s->lend, any_fn, NULL);
}

size_t search_filter(struct search *s, const char *q, size_t n, unsigned char *keep)
{
	size_t nf, kept = 0, nwords = 0;
	char *f = fold_query(s, q, n, 1, &nf);
	uint32_t *seen = xcalloc(s->nstories + 1, sizeof *seen);
	char *save_q = s->q;
	size_t save_nq = s->nq;
	int save_cs = s->csens;

	s->csens = 0;
	for (char *w = strtok(f, " "); w; w = strtok(NULL, " ")) {
		nwords++;
		s->q = w;
		s->nq = strlen(w);
		for (size_t st = 0; st < s->nstories; st++)
			if (seen[st] == nwords - 1 && story_has(s, st))
				seen[st] = (uint32_t)nwords;
	}
	s->q = save_q;
	s->nq = save_nq;
	s->csens = save_cs;
	for (size_t i = 0; i < s->nstories; i++) {
		keep[i] = seen[i] == nwords;
		kept += keep[i];
	}
	free(seen);
	free(f);
	return kept;
}
