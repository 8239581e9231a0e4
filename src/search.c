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

struct search {
	const struct storylist *sl;
	struct fold_cache *cache;
	char *fold;			/* folded lines, each ended by '\n' */
	size_t nfold, fold_cap;
	size_t build_doc, build_line;	/* next line to fold */
	int built;			/* every line is folded */
	size_t *line_off;		/* folded start of each global line, +1 */
	uint8_t *plain;			/* per global line: ASCII, folded to its length */
	size_t nlines;
	size_t *doc_base;		/* global index of each doc's first line, +1 */
	size_t *story_base;		/* global index of each story's first line */
	size_t nstories;
	size_t fend;			/* folded end of the lines in stories */
	/* checkpoints inside long lines, every FOLD_BLOCK bytes: folded
	 * offset (ascending), byte offset in its line, the fold's space
	 * state there; so a place deep in a long line folds from nearby */
	size_t *ck_fold, *ck_src;
	unsigned char *ck_space;
	size_t nck, ck_cap;
	int stripped;
	/* the query, folded with and without case */
	char *q, *qx;
	size_t nq, nqx;
	int csens;
	/* counting */
	size_t scan_at, scan_line, last_story;
	/* the article of each story (search_set_groups), and per article the
	 * count it was last counted in */
	uint32_t *group, *gstamp, gen;
	size_t ngroup;
	struct search_count cnt;
	size_t *pos;			/* verified match positions, in order */
	size_t npos, pos_cap;
	int pos_all;			/* pos holds every match counted */
	/* the previous complete query, for narrowing */
	char *pq;
	size_t npq;
	size_t *ppos;
	size_t nppos, ppos_at;
	int narrowing;
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

/* Fold text into out (which has room for n * FOLD_MAX bytes); *space says
 * whether the last byte written was a space, and is updated. */
static size_t fold_into(struct fold_cache *fc, const char *text, size_t n,
			int fold_case, char *out, int *space)
{
	const uint8_t *p = (const uint8_t *)text, *e = p + n;
	size_t k = 0;

	while (p < e) {
		if (*p < 0x80) {
			char c = (char)*p++;

			if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
				if (!*space)
					out[k++] = ' ';
				*space = 1;
				continue;
			}
			if (fold_case && c >= 'A' && c <= 'Z')
				c = (char)(c + 32);
			out[k++] = c;
			*space = 0;
			continue;
		}
		ucs4_t uc;
		int m = u8_mbtouc(&uc, p, (size_t)(e - p));
		const struct fold_entry *f = fold_lookup(fc, uc, fold_case);

		p += m;
		if (f->len == 1 && f->bytes[0] == ' ') {
			if (!*space)
				out[k++] = ' ';
			*space = 1;
			continue;
		}
		if (f->len == 0)
			continue;
		memcpy(out + k, f->bytes, f->len);
		k += f->len;
		*space = 0;
	}
	return k;
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

/* The line record of global line g. */
static const struct line *gline(const struct search *s, size_t g, const struct doc **dp)
{
	size_t d = doc_of(s, g);

	*dp = s->sl->docs[d];
	return &s->sl->docs[d]->lines[g - s->doc_base[d]];
}

/* The global line holding folded offset p. */
static size_t line_at(const struct search *s, size_t p)
{
	return bs_floor(s->line_off, s->nlines, p);
}

/* The story holding global line g. */
static size_t story_at(const struct search *s, size_t g)
{
	return bs_floor(s->story_base, s->nstories, g);
}

/* Start counting the current query from the beginning. */
static void count_reset(struct search *s);

void search_restory(struct search *s)
{
	const struct storylist *sl = s->sl;
	size_t d = 0, lend = 0, old = s->fend;

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
	s->fend = s->line_off[lend < s->nlines ? lend : s->nlines];
	if (s->fend == old)
		return;
	if (s->narrowing || s->scan_at > s->fend) {
		s->narrowing = 0;
		count_reset(s);
	} else {
		s->cnt.complete = 0;	/* count on into the new lines */
	}
}

struct search *search_begin(const struct storylist *sl)
{
	struct search *s = xcalloc(1, sizeof *s);
	size_t total = 0;

	s->sl = sl;
	s->cache = xcalloc(1, sizeof *s->cache);
	s->doc_base = xcalloc(sl->ndocs + 1, sizeof *s->doc_base);
	for (size_t d = 0; d < sl->ndocs; d++) {
		s->doc_base[d] = total;
		total += sl->docs[d]->nlines;
	}
	s->doc_base[sl->ndocs] = total;
	s->nlines = total;
	s->line_off = xcalloc(total + 1, sizeof *s->line_off);
	s->plain = xcalloc(total + 1, 1);
	s->fold_cap = 1;
	for (size_t d = 0; d < sl->ndocs; d++)
		s->fold_cap += sl->docs[d]->len + sl->docs[d]->nlines;
	s->fold = xmalloc(s->fold_cap);
	return s;
}

/* Bytes of a line folded at once; a longer line gets a checkpoint at
 * each block's start. */
#define FOLD_BLOCK 4096

/* Remember that byte src of the line being folded starts at folded
 * offset fold, with the fold's space state. */
static void add_checkpoint(struct search *s, size_t fold, size_t src, int space)
{
	if (s->nck == s->ck_cap) {
		s->ck_fold = xgrow(s->ck_fold, &s->ck_cap, s->nck + 1, sizeof *s->ck_fold);
		s->ck_src = xrealloc(s->ck_src, s->ck_cap * sizeof *s->ck_src);
		s->ck_space = xrealloc(s->ck_space, s->ck_cap);
	}
	s->ck_fold[s->nck] = fold;
	s->ck_src[s->nck] = src;
	s->ck_space[s->nck++] = (unsigned char)space;
}

/* Whether text is all ASCII. */
static int is_ascii(const char *text, size_t n)
{
	const unsigned char *p = (const unsigned char *)text;
	unsigned char any = 0;

	for (size_t i = 0; i < n; i++)
		any |= p[i];
	return any < 0x80;
}

/* Fold one line of text onto the end of the folded buffer; whether it is
 * plain: ASCII and folded to as many bytes, so that its folded bytes are
 * its own bytes, lower-cased (white space made spaces). */
static int fold_line(struct search *s, struct bstr t)
{
	size_t start = s->nfold;
	int space = 1;

	for (size_t o = 0; o < t.n;) {
		size_t m = t.n - o < FOLD_BLOCK ? t.n - o : FOLD_BLOCK;

		if (o > 0)
			add_checkpoint(s, s->nfold, o, space);
		while (o + m < t.n && ((unsigned char)t.s[o + m] & 0xC0) == 0x80)
			m++;
		if (s->nfold + m * FOLD_MAX + 2 > s->fold_cap) {
			s->fold_cap = s->fold_cap * 2 + m * FOLD_MAX + 2;
			s->fold = xrealloc(s->fold, s->fold_cap);
		}
		s->nfold += fold_into(s->cache, t.s + o, m, 1, s->fold + s->nfold, &space);
		o += m;
	}
	s->fold[s->nfold++] = '\n';
	return s->nfold - start - 1 == t.n && is_ascii(t.s, t.n);
}

int search_build_step(struct search *s, size_t budget)
{
	const struct storylist *sl = s->sl;
	size_t done = 0;

	while (!s->built && done < budget) {
		if (s->build_doc >= sl->ndocs) {
			s->line_off[s->nlines] = s->nfold;
			s->fold = xrealloc(s->fold, s->nfold + 1);
			s->fold[s->nfold] = '\0';
			s->fold_cap = s->nfold + 1;
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

		size_t g = s->doc_base[s->build_doc] + s->build_line;

		s->line_off[g] = s->nfold;
		s->plain[g] = (uint8_t)fold_line(s, t);
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
	free(s->fold);
	free(s->line_off);
	free(s->plain);
	free(s->ck_fold);
	free(s->ck_src);
	free(s->ck_space);
	free(s->doc_base);
	free(s->story_base);
	free(s->q);
	free(s->qx);
	free(s->pos);
	free(s->pq);
	free(s->ppos);
	free(s->group);
	free(s->gstamp);
	free(s);
}

/* Start counting the current query from the beginning. */
static void count_reset(struct search *s)
{
	s->scan_at = 0;
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
	free(s->pq);
	s->pq = NULL;
	s->npq = 0;
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
	free(s->pq);
	s->pq = NULL;
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

/* The last checkpoint of global line g at or before folded offset fold,
 * or (size_t)-1. */
static size_t checkpoint_before(const struct search *s, size_t g, size_t fold)
{
	size_t c = bs_upper(s->ck_fold, s->nck, fold);

	if (c == 0 || s->ck_fold[c - 1] <= s->line_off[g])
		return (size_t)-1;
	return c - 1;
}

/* Map a folded range of global line g to a byte range of its text. */
static void unfold_range(struct search *s, size_t g, size_t fa, size_t fb,
			 size_t *start, size_t *end)
{
	const struct doc *d;
	const struct line *l = gline(s, g, &d);
	struct bstr t = line_text(d, l);
	const uint8_t *p = (const uint8_t *)t.s, *e = p + t.n;
	size_t f = 0;
	int space = 1;
	char tmp[FOLD_MAX * 2];
	size_t c = checkpoint_before(s, g, s->line_off[g] + fa);

	*start = t.n;
	*end = t.n;
	if (c != (size_t)-1) {
		p += s->ck_src[c];
		f = s->ck_fold[c] - s->line_off[g];
		space = s->ck_space[c];
	}
	while (p < e) {
		int m = u8_mblen(p, (size_t)(e - p));

		if (m <= 0)
			m = 1;
		size_t k = fold_into(s->cache, (const char *)p, (size_t)m, 1, tmp, &space);

		if (k > 0 && f + k > fa && *start == t.n)
			*start = (size_t)(p - (const uint8_t *)t.s);
		f += k;
		p += m;
		if (f >= fb && *start != t.n) {
			*end = (size_t)(p - (const uint8_t *)t.s);
			return;
		}
	}
}

/* Fold the byte prefix [0, off) of global line g; its folded length. */
static size_t fold_prefix(struct search *s, size_t g, size_t off)
{
	const struct doc *d;
	const struct line *l = gline(s, g, &d);
	struct bstr t = line_text(d, l);
	size_t f = 0, o = 0, lo, hi, c;
	int space = 1;
	char tmp[FOLD_MAX * 68];

	if (off > t.n)
		off = t.n;
	/* the line's checkpoints, then the last at or before off */
	lo = bs_lower(s->ck_fold, s->nck, s->line_off[g]);
	hi = g + 1 < s->nlines && s->line_off[g + 1] >= s->line_off[g] ?
	     bs_lower(s->ck_fold, s->nck, s->line_off[g + 1]) : s->nck;
	c = hi > lo ? lo + bs_floor(s->ck_src + lo, hi - lo, off) : hi;
	if (c < hi && s->ck_src[c] <= off) {
		o = s->ck_src[c];
		f = s->ck_fold[c] - s->line_off[g];
		space = s->ck_space[c];
	}
	while (o < off) {
		size_t m = off - o < 64 ? off - o : 64;

		while (o + m < off && ((unsigned char)t.s[o + m] & 0xC0) == 0x80)
			m++;	/* whole characters only */

		f += fold_into(s->cache, t.s + o, m, 1, tmp, &space);
		o += m;
	}
	return f;
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

/* Whether a candidate at folded p (on global line g) is a real match:
 * on a visible line, and with the same case when the query wants it. */
static int verify(struct search *s, size_t p, size_t g)
{
	const struct doc *d;
	const struct line *l = gline(s, g, &d);

	if (l->kind != LK_PARAGRAPH && !s->stripped)
		return 0;
	if (!s->csens)
		return 1;
	if (s->plain[g])
		return plain_match(s, d->text + l->off + (p - s->line_off[g]));
	size_t a, b, k, need;
	char stack[2048], *x;
	int ok, space = 0;

	unfold_range(s, g, p - s->line_off[g], p - s->line_off[g] + s->nq, &a, &b);
	need = (b - a) * FOLD_MAX + 1;
	x = need <= sizeof stack ? stack : xmalloc(need);
	k = fold_into(s->cache, d->text + l->off + a, b - a, 0, x, &space);
	x[k] = '\0';
	ok = k >= s->nqx && strstr(x, s->qx) != NULL;
	if (x != stack)
		free(x);
	return ok;
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

/* Record a counted match at p on global line g. */
static void count_hit(struct search *s, size_t p, size_t g)
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
	s->pos[s->npos++] = p;
}

/* Count the query's matches with its case on plain line g, straight in
 * its text t (the folded offsets are the text's). */
static void count_plain(struct search *s, size_t g, struct bstr t)
{
	const char *p = t.s, *e = t.s + t.n, *h;
	int direct = !memchr(s->qx, ' ', s->nqx);	/* no white space to map */

	if (s->nqx != s->nq)
		return;
	while ((size_t)(e - p) >= s->nqx) {
		if (direct && s->nqx == 1)
			h = memchr(p, s->qx[0], (size_t)(e - p));
		else if (direct)
			h = memmem(p, (size_t)(e - p), s->qx, s->nqx);
		else
			h = memmem(s->fold + s->line_off[g] + (p - t.s), (size_t)(e - p),
				   s->q, s->nq), h = h ? t.s + (h - s->fold - s->line_off[g]) : NULL;
		if (!h)
			break;
		if (direct || plain_match(s, h))
			count_hit(s, s->line_off[g] + (size_t)(h - t.s), g);
		p = h + 1;
	}
}

/* Count the query's matches with its case on line g, which is not plain:
 * fold it once with and once without case, knowing for each folded byte
 * the range of the case-kept fold its character gave; a candidate is a
 * match if the query with its case is within its characters' range. */
static void count_folded(struct search *s, size_t g, struct bstr t)
{
	const char *fl = s->fold + s->line_off[g];
	size_t fn = s->line_off[g + 1] - s->line_off[g] - 1, f = 0, xn = 0;
	const uint8_t *p = (const uint8_t *)t.s, *e = p + t.n;
	int sp1 = 1, sp0 = 1;

	if (!memmem(fl, fn, s->q, s->nq))
		return;
	char *x = xmalloc(t.n * FOLD_MAX + 1);

	/* folded to as many bytes with case as without (quotes, dashes and
	 * most accents): the folds line up, find the query in the one with
	 * case */
	xn = fold_into(s->cache, t.s, t.n, 0, x, &sp0);
	if (xn == fn) {
		for (size_t o = 0; o + s->nqx <= xn; o++) {
			const char *h = memmem(x + o, xn - o, s->qx, s->nqx);

			if (!h)
				break;
			o = (size_t)(h - x);
			count_hit(s, s->line_off[g] + o, g);
		}
		free(x);
		return;
	}
	xn = 0;
	sp0 = 1;
	size_t (*rng)[2] = xmalloc((fn + 1) * sizeof *rng);

	while (p < e) {
		char tf[FOLD_MAX], tx[FOLD_MAX];
		int m = u8_mblen(p, (size_t)(e - p));

		if (m <= 0)
			m = 1;
		size_t kf = fold_into(s->cache, (const char *)p, (size_t)m, 1, tf, &sp1);
		size_t kx = fold_into(s->cache, (const char *)p, (size_t)m, 0, tx, &sp0);

		for (size_t j = 0; j < kf && f + j < fn; j++) {
			rng[f + j][0] = xn;
			rng[f + j][1] = xn + kx;
		}
		f += kf;
		memcpy(x + xn, tx, kx);
		xn += kx;
		p += m;
	}
	for (size_t o = 0; f == fn && o + s->nq <= fn; o++) {
		const char *h = memmem(fl + o, fn - o, s->q, s->nq);

		if (!h)
			break;
		o = (size_t)(h - fl);
		size_t a = rng[o][0], b = rng[o + s->nq - 1][1];

		if (b - a >= s->nqx && memmem(x + a, b - a, s->qx, s->nqx))
			count_hit(s, s->line_off[g] + o, g);
	}
	free(x);
	free(rng);
}

/* Count matches with the query's case up to about folded offset end, a
 * line at a time, each line's text looked at once. */
static void count_case(struct search *s, size_t end)
{
	while (s->scan_at < end && s->scan_line < s->nlines) {
		size_t g = s->scan_line;
		const struct doc *d;
		const struct line *l = gline(s, g, &d);

		if (s->line_off[g] >= s->fend) {
			s->scan_at = s->fend;
			break;
		}
		if (l->kind == LK_PARAGRAPH || s->stripped) {
			if (s->plain[g])
				count_plain(s, g, line_text(d, l));
			else
				count_folded(s, g, line_text(d, l));
		}
		s->scan_line++;
		s->scan_at = s->line_off[g + 1];
	}
	if (s->scan_line >= s->nlines)
		s->scan_at = s->fend;
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
		size_t stop = s->ppos_at + budget / 16 + 1;

		for (; s->ppos_at < s->nppos && s->ppos_at < stop; s->ppos_at++) {
			size_t p = s->ppos[s->ppos_at];

			if (p + s->nq <= s->nfold && !memcmp(s->fold + p, s->q, s->nq)) {
				size_t g = line_at(s, p);

				if (verify(s, p, g))
					count_hit(s, p, g);
			}
		}
		if (s->ppos_at >= s->nppos)
			s->cnt.complete = 1;
		return s->cnt;
	}
	size_t end = s->scan_at + budget;

	if (end > s->fend || end < s->scan_at)
		end = s->fend;
	if (s->csens) {
		count_case(s, end);
		if (s->scan_at >= s->fend)
			s->cnt.complete = 1;
		return s->cnt;
	}
	while (s->scan_at < end) {
		size_t lim = end + s->nq - 1 < s->nfold ? end + s->nq - 1 : s->nfold;
		const char *h = memmem(s->fold + s->scan_at, lim - s->scan_at, s->q, s->nq);

		if (!h) {
			s->scan_at = end;
			break;
		}
		size_t p = (size_t)(h - s->fold);

		while (s->scan_line + 1 < s->nlines && s->line_off[s->scan_line + 1] <= p)
			s->scan_line++;
		if (verify(s, p, s->scan_line))
			count_hit(s, p, s->scan_line);
		s->scan_at = p + 1;
	}
	if (s->scan_at >= s->fend)
		s->cnt.complete = 1;
	return s->cnt;
}

/* Turn a verified folded position into a hit. */
static void make_hit(struct search *s, size_t p, struct search_hit *h)
{
	size_t g = line_at(s, p);

	h->story = story_at(s, g);
	h->line = g - s->story_base[h->story];
	h->key = p;
	unfold_range(s, g, p - s->line_off[g], p - s->line_off[g] + s->nq, &h->start, &h->end);
}

/* The folded offset of a position. */
static size_t pos_key(struct search *s, const struct search_pos *from)
{
	size_t g;

	if (s->nstories == 0 || s->nlines == 0)
		return 0;
	if (from->story >= s->nstories)
		return s->fend;
	g = s->story_base[from->story] + from->line;
	if (g >= s->nlines)
		return s->fend;
	return s->line_off[g] + fold_prefix(s, g, from->off);
}

/* The first verified match in folded [a, b), or (size_t)-1. */
static size_t first_in(struct search *s, size_t a, size_t b)
{
	while (a < b) {
		size_t lim = b + s->nq - 1 < s->nfold ? b + s->nq - 1 : s->nfold;
		const char *h = memmem(s->fold + a, lim > a ? lim - a : 0, s->q, s->nq);

		if (!h)
			return (size_t)-1;
		size_t p = (size_t)(h - s->fold);

		if (verify(s, p, line_at(s, p)))
			return p;
		a = p + 1;
	}
	return (size_t)-1;
}

/* The last verified match in folded [a, b), or (size_t)-1, searching
 * line by line backwards. */
static size_t last_in(struct search *s, size_t a, size_t b)
{
	if (b <= a)
		return (size_t)-1;
	size_t g = line_at(s, b - 1);

	for (;;) {
		size_t la = s->line_off[g] > a ? s->line_off[g] : a;
		size_t best = (size_t)-1, p = la;

		while ((p = first_in(s, p, b)) != (size_t)-1) {
			best = p;
			p++;
		}
		if (best != (size_t)-1)
			return best;
		if (g == 0 || s->line_off[g] <= a)
			return (size_t)-1;
		b = s->line_off[g];
		g--;
	}
}

int search_find(struct search *s, const struct search_pos *from, int dir,
		struct search_hit *hit, int *wrapped)
{
	size_t key = pos_key(s, from), p;

	*wrapped = 0;
	if (s->nq == 0 || s->fend == 0)
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
		make_hit(s, s->pos[i], hit);
		return 1;
	}
	if (dir >= 0) {
		p = first_in(s, key, s->fend);
		if (p == (size_t)-1) {
			p = first_in(s, 0, key < s->fend ? key : s->fend);
			*wrapped = 1;
		}
	} else {
		p = last_in(s, 0, key);
		if (p == (size_t)-1) {
			p = last_in(s, key, s->fend);
			*wrapped = 1;
		}
	}
	if (p == (size_t)-1) {
		*wrapped = 0;
		return 0;
	}
	make_hit(s, p, hit);
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

size_t search_range_hits(struct search *s, size_t story, size_t line, size_t from,
			 size_t to, size_t (*ranges)[2], size_t max)
{
	size_t g, a, b, n = 0, p, fa;

	if (s->nq == 0 || story >= s->nstories || from >= to)
		return 0;
	g = s->story_base[story] + line;
	if (g >= s->nlines)
		return 0;
	/* folded [a, b): matches that start before to and end after from */
	fa = fold_prefix(s, g, from);
	a = s->line_off[g] + (fa >= s->nq ? fa - s->nq + 1 : 0);
	b = s->line_off[g] + fold_prefix(s, g, to);
	while (n < max && a < b && (p = first_in(s, a, b)) != (size_t)-1) {
		unfold_range(s, g, p - s->line_off[g], p - s->line_off[g] + s->nq,
			     &ranges[n][0], &ranges[n][1]);
		a = p + 1;
		if (ranges[n][1] > from)
			n++;
	}
	return n;
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
		size_t p = 0, wl = strlen(w);

		nwords++;
		s->q = w;
		s->nq = wl;
		while ((p = first_in(s, p, s->fend)) != (size_t)-1) {
			size_t st = story_at(s, line_at(s, p));

			if (seen[st] == nwords - 1)
				seen[st] = (uint32_t)nwords;
			/* skip to the story's end */
			size_t next = st + 1 < s->nstories ? s->story_base[st + 1] : s->nlines;

			p = next < s->nlines ? s->line_off[next] : s->nfold;
		}
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
