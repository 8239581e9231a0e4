/* SPDX-License-Identifier: MIT */
/* rules.c - the furniture rules that classify lines.
 *
 * A rules file has one rule a line: KIND TEST ["ARG"...] [OPTION...].
 * KIND is paragraph, heading, image, credit or chrome; TEST is exact,
 * prefix, contains (all ARGs present), shape (# digit, ? any character,
 * * any run) or short (a line without final punctuation).  OPTIONs:
 * max-words=N, embed-name (a short line just before is the embed's name),
 * next=KIND (the short line just after is of KIND).  The first matching
 * rule wins; unmatched lines are paragraphs. */
#include <config.h>

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "linemodel.h"
#include "phrases.h"
#include "readfile.h"
#include "rules.h"
#include "segfeat.h"
#include "xmalloc.h"

/* A rules file larger than this is refused unread. */
#define RULES_MAX_SIZE ((size_t)4 << 20)
#define FOUND_SMALL 8		/* words of a found-phrase set kept on the stack */

enum test { T_EXACT, T_PREFIX, T_CONTAINS, T_SHAPE, T_SHORT };

struct rule {
	enum line_kind kind;
	enum test test;
	char **args;
	size_t *lens;		/* their lengths */
	size_t *ids;		/* for contains, their ids in rules.phrases */
	size_t nargs;
	uint64_t first[4];	/* lower-case first bytes of prefix and exact strings */
	unsigned max_words;	/* 0: no limit */
	int embed_name;
	int next_kind;		/* -1: none */
	char *origin;		/* "FILE:LINE" where it was written */
};

struct rules {
	struct rule *v;
	size_t n, cap;
	unsigned wcap;		/* words worth counting in a line, at most 64 */
	struct phrases *phrases;	/* the contains strings of all rules, or
					 * NULL to search them one by one */
	/* the first 64 rules that may match a line by its first byte (bit
	 * i: rule i), cand[256] for an empty line */
	uint64_t cand[257];
	struct linemodel *model;	/* decides lines no rule matches, or NULL */
};

/* Upper limit of words for the context rules' short neighbours. */
#define EMBED_NAME_WORDS 3
#define NEXT_TITLE_WORDS 16

struct rules *rules_new(void)
{
	return xcalloc(1, sizeof(struct rules));
}

size_t rules_count(const struct rules *r)
{
	return r->n;
}

/* ASCII lower case of one byte. */
static int lc(int c)
{
	return c >= 'A' && c <= 'Z' ? c + 32 : c;
}

/* Case-insensitive (ASCII) comparison of n bytes. */
static int ieq(const char *a, const char *b, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (lc((unsigned char)a[i]) != lc((unsigned char)b[i]))
			return 0;
	return 1;
}

/* Case-insensitive search of needle (m bytes) in hay. */
static int icontains(struct bstr hay, const char *needle, size_t m)
{
	int first = lc((unsigned char)needle[0]);

	if (m == 0)
		return 1;
	for (size_t i = 0; i + m <= hay.n; i++)
		if (lc((unsigned char)hay.s[i]) == first && ieq(hay.s + i, needle, m))
			return 1;
	return 0;
}

/* A line being classified, with the contains strings it has found in
 * one pass when a contains rule first asks. */
struct subject {
	struct bstr t;
	unsigned words;		/* capped word count */
	int scanned;		/* whether found is filled */
	uint64_t *found;	/* the set of rules.phrases in the line */
};

/* Whether the subject contains argument i of rule ru (a contains rule). */
static int subject_contains(const struct rules *r, const struct rule *ru, size_t i,
			    struct subject *sj)
{
	size_t id = ru->ids[i];

	if (!r->phrases)
		return icontains(sj->t, ru->args[i], ru->lens[i]);
	if (!sj->scanned) {
		phrases_scan(r->phrases, sj->t.s, sj->t.n, sj->found);
		sj->scanned = 1;
	}
	return sj->found[id >> 6] >> (id & 63) & 1;
}

/* Whether one shape character matches one byte: # digit, ? any. */
static int shape_char(char pat, char c)
{
	if (pat == '#')
		return c >= '0' && c <= '9';
	return pat == '?' || lc((unsigned char)pat) == lc((unsigned char)c);
}

/* Whether text matches a shape: # digit, ? any byte, * any run.  Greedy
 * with one backtrack point, so at most O(pattern x text) steps. */
static int shape_match(const char *pat, const char *s, const char *e)
{
	const char *star = NULL, *mark = NULL;

	while (s < e) {
		if (*pat == '*') {
			star = ++pat;
			mark = s;
		} else if (*pat && shape_char(*pat, *s)) {
			pat++;
			s++;
		} else if (star) {
			pat = star;
			s = ++mark;
		} else {
			return 0;
		}
	}
	while (*pat == '*')
		pat++;
	return *pat == '\0';
}

/* Number of space-separated words, counting no further than limit+1. */
static unsigned count_words(struct bstr t, unsigned limit)
{
	return (unsigned)bstr_words(t, limit);
}

/* Whether a line ends like a sentence (., !, ?, :, ;, … before any
 * closing quotes or brackets). */
static int ends_sentence(struct bstr t)
{
	size_t i = t.n;

	while (i > 0) {
		unsigned char c = (unsigned char)t.s[i - 1];

		if (c == '"' || c == '\'' || c == ')' || c == ']') {
			i--;
			continue;
		}
		/* ’ ” are E2 80 99 / E2 80 9D */
		if (i >= 3 && (unsigned char)t.s[i - 3] == 0xE2 &&
		    (unsigned char)t.s[i - 2] == 0x80 &&
		    (c == 0x99 || c == 0x9D)) {
			i -= 3;
			continue;
		}
		break;
	}
	if (i == 0)
		return 0;
	unsigned char c = (unsigned char)t.s[i - 1];

	if (c == '.' || c == '!' || c == '?' || c == ':' || c == ';' || c == ',')
		return 1;
	/* … is E2 80 A6 */
	return i >= 3 && c == 0xA6 && (unsigned char)t.s[i - 2] == 0x80 &&
	       (unsigned char)t.s[i - 3] == 0xE2;
}

/* Whether rule r of rules matches a line. */
static int rule_match(const struct rules *rules, const struct rule *r, struct subject *sj)
{
	struct bstr t = sj->t;
	size_t m;

	if (r->max_words && sj->words > r->max_words)
		return 0;
	if (r->test == T_EXACT || r->test == T_PREFIX) {
		unsigned c = (unsigned)lc((unsigned char)(t.n ? t.s[0] : 0));

		if (!t.n || !(r->first[c >> 6] >> (c & 63) & 1))
			return 0;
	}
	switch (r->test) {
	case T_EXACT:
		m = r->lens[0];
		return t.n == m && ieq(t.s, r->args[0], m);
	case T_PREFIX:
		for (size_t i = 0; i < r->nargs; i++) {
			m = r->lens[i];
			if (t.n >= m && ieq(t.s, r->args[i], m))
				return 1;
		}
		return 0;
	case T_CONTAINS:
		for (size_t i = 0; i < r->nargs; i++)
			if (!subject_contains(rules, r, i, sj))
				return 0;
		return 1;
	case T_SHAPE:
		return t.n <= 256 && shape_match(r->args[0], t.s, t.s + t.n);
	case T_SHORT:
		return !ends_sentence(t);
	}
	return 0;
}

/* The index of the lowest bit set in x (not 0). */
static size_t lowest_bit(uint64_t x)
{
#if defined(__GNUC__)
	return (size_t)__builtin_ctzll(x);
#else
	size_t i = 0;

	while (!(x >> i & 1))
		i++;
	return i;
#endif
}

/* The first rule matching a line of words counted up to r->wcap (see
 * count_words), or NULL; found has room for a set of r->phrases. */
static const struct rule *find_rule(const struct rules *r, struct bstr t, unsigned words,
				    uint64_t *found)
{
	struct subject sj;

	uint64_t cand = r->cand[t.n ? (unsigned char)t.s[0] : 256];

	sj.t = t;
	sj.words = words;
	sj.scanned = 0;
	sj.found = found;
	for (; cand; cand &= cand - 1) {
		size_t i = lowest_bit(cand);

		if (rule_match(r, &r->v[i], &sj))
			return &r->v[i];
	}
	for (size_t i = 64; i < r->n; i++)
		if (rule_match(r, &r->v[i], &sj))
			return &r->v[i];
	return NULL;
}

/* Room for a set of r's phrases: small if it is enough, else malloc'd. */
static uint64_t *found_room(const struct rules *r, uint64_t small[FOUND_SMALL])
{
	size_t n = r->phrases ? phrases_words(r->phrases) : 0;

	return n <= FOUND_SMALL ? small : xmalloc(n * sizeof *small);
}

enum line_kind rules_classify_line(const struct rules *r, struct bstr text)
{
	uint64_t small[FOUND_SMALL], *found = found_room(r, small);
	const struct rule *m = find_rule(r, text, count_words(text, r->wcap), found);

	if (found != small)
		free(found);
	return m ? m->kind : LK_PARAGRAPH;
}

/* Whether a line is short and unpunctuated, like a name or a title. */
static int is_short_title(struct bstr t, unsigned max_words)
{
	return count_words(t, max_words) <= max_words && !ends_sentence(t);
}

/* Whether a line could be a video's title: short, not ending with '.'. */
static int is_video_title(struct bstr t)
{
	return count_words(t, NEXT_TITLE_WORDS) <= NEXT_TITLE_WORDS &&
	       t.n > 0 && t.s[t.n - 1] != '.';
}

/* Mark line l as decided by rule m of r. */
static void decided(const struct rules *r, struct line *l, const struct rule *m,
		    enum line_kind kind)
{
	l->kind = (uint8_t)kind;
	l->flags |= LF_RULE;
	l->score = (size_t)(m - r->v) + 1 < UINT16_MAX ? (unsigned)(m - r->v) + 1 : 0;
}

/* Lines [from, to) of a document to match against the rules: match[i]
 * gets the index + 1 of the first rule matching line i, 0 for none, and
 * words[i] (unless NULL) the line's linefeat_words, for the line model. */
struct matching {
	const struct rules *r;
	const struct doc *d;
	uint32_t *match;
	uint16_t *words;
	int tabs;		/* whether the text has tabs (words not the rules' count) */
	size_t from, to;
};

/* The words of line i as the rules count them, the line model's count
 * into mt->words[i] on the way: with no tab in the text the two counts
 * differ only in their caps. */
static unsigned line_words(const struct matching *mt, size_t i, struct bstr t)
{
	unsigned cap = mt->r->wcap;

	if (!mt->words)
		return count_words(t, cap);
	mt->words[i] = (uint16_t)linefeat_words(t.s, t.n);
	if (mt->tabs)
		return count_words(t, cap);
	return mt->words[i] > cap ? cap + 1 : mt->words[i];
}

/* Match one part of a document (a thread's work). */
static void *match_part(void *arg)
{
	const struct matching *mt = arg;
	uint64_t small[FOUND_SMALL], *found = found_room(mt->r, small);
	int stop = 0;

	for (size_t i = mt->from; i < mt->to; i++) {
		struct bstr t = line_text(mt->d, &mt->d->lines[i]);
		const struct rule *m = NULL;

		if (stop && mt->words)	/* as linectx_init has them then */
			mt->words[i] = 0;
		else if (!stop)
			m = find_rule(mt->r, t, line_words(mt, i, t), found);
		mt->match[i] = m ? (uint32_t)(m - mt->r->v) + 1 : 0;
		if ((i & 1023) == 0)	/* no longer wanted: no rule matches */
			stop = doc_stopped(mt->d);
	}
	if (found != small)
		free(found);
	return NULL;
}

/* The first rule matching each line of d (see struct matching;
 * malloc'd), and the lines' words into words unless NULL, a long
 * document's halves on two threads where the machine has two cores and
 * the model allows it. */
static uint32_t *match_lines(const struct rules *r, const struct doc *d, uint16_t *words)
{
	uint32_t *match = xmalloc((d->nlines + 1) * sizeof *match);
	int tabs = words && d->len && memchr(d->text, '\t', d->len) != NULL;
	struct matching whole = { r, d, match, words, tabs, 0, d->nlines };
	struct matching b = { r, d, match, words, tabs, d->nlines / 2, d->nlines };
	pthread_t th;

	if (linemodel_two_threads(r->model, d->nlines) &&
	    pthread_create(&th, NULL, match_part, &b) == 0) {
		whole.to = b.from;
		match_part(&whole);
		pthread_join(th, NULL);
	} else {
		match_part(&whole);
	}
	return match;
}

void rules_classify_doc(const struct rules *r, struct doc *d)
{
	const struct rule *next_rule = NULL;
	uint16_t *words = r->model ? xmalloc((d->nlines + 1) * sizeof *words) : NULL;
	uint32_t *match = match_lines(r, d, words);

	rules_name_doc(r, d);
	free(d->seg);
	d->seg = NULL;
	if (r->model) {
		d->seg = xmalloc(sizeof *d->seg);
		*d->seg = r->model->seg;
	}
	for (size_t i = 0; i < d->nlines; i++) {
		struct line *l = &d->lines[i];
		struct bstr t = line_text(d, l);
		const struct rule *m;

		line_unrule(l);
		l->kind = LK_PARAGRAPH;
		m = match[i] ? &r->v[match[i] - 1] : NULL;
		if (next_rule && !(l->flags & LF_FORMFEED) && is_video_title(t) && !m) {
			decided(r, l, next_rule, (enum line_kind)next_rule->next_kind);
			next_rule = NULL;
			continue;
		}
		if (m)
			decided(r, l, m, m->kind);
		next_rule = m && m->next_kind >= 0 ? m : NULL;
		if (m && m->embed_name && i > 0 && !(l->flags & LF_FORMFEED)) {
			struct line *p = &d->lines[i - 1];

			if (p->kind != LK_CHROME &&
			    is_short_title(line_text(d, p), EMBED_NAME_WORDS))
				decided(r, p, m, LK_CHROME);
		}
	}
	free(match);
	if (r->model)
		linemodel_classify_words(r->model, d, words);
}

void rules_rename(struct rules *r, size_t from, const char *name)
{
	for (size_t i = from; i < r->n; i++) {
		const char *colon = r->v[i].origin ? strrchr(r->v[i].origin, ':') : NULL;
		struct sbuf o = { 0 };

		if (!colon)
			continue;
		sbuf_printf(&o, "%s%s", name, colon);
		free(r->v[i].origin);
		r->v[i].origin = o.p;
	}
}

void rules_name_doc(const struct rules *r, struct doc *d)
{
	for (size_t i = 0; i < d->nrule_names; i++)
		free(d->rule_names[i]);
	free(d->rule_names);
	d->rule_names = xcalloc(r->n + 1, sizeof *d->rule_names);
	d->nrule_names = r->n;
	for (size_t i = 0; i < r->n; i++)
		d->rule_names[i] = r->v[i].origin ? xstrdup(r->v[i].origin) : NULL;
}

struct linemodel *rules_take_model(struct rules *r)
{
	struct linemodel *m = r->model;

	r->model = NULL;
	return m;
}

const struct segmodel *rules_segmodel(const struct rules *r)
{
	return r && r->model ? &r->model->seg : NULL;
}

void rules_set_model(struct rules *r, struct linemodel *m)
{
	linemodel_free(r->model);
	r->model = m;
}

/* Report a problem at name:line:col. */
static void bad(void (*report)(const char *, void *), void *arg,
		const char *name, size_t line, size_t col, const char *msg)
{
	char buf[512];

	snprintf(buf, sizeof buf, "%s:%zu:%zu: %s", name, line, col, msg);
	if (report)
		report(buf, arg);
}

/* Free one rule's strings. */
static void rule_clear(struct rule *r)
{
	for (size_t i = 0; i < r->nargs; i++)
		free(r->args[i]);
	free(r->args);
	free(r->ids);
	free(r->lens);
	free(r->origin);
}

/* Fill in the lengths and first bytes of a parsed rule's strings. */
static void rule_prepare(struct rule *r)
{
	r->lens = xmalloc((r->nargs + 1) * sizeof *r->lens);
	r->ids = xcalloc(r->nargs + 1, sizeof *r->ids);
	for (size_t i = 0; i < r->nargs; i++) {
		unsigned c = (unsigned)lc((unsigned char)r->args[i][0]);

		r->lens[i] = strlen(r->args[i]);
		r->first[c >> 6] |= (uint64_t)1 << (c & 63);
	}
}

/* The automaton of every contains string of r, each string's id kept
 * in its rule (made again when rules are added). */
static void build_phrases(struct rules *r)
{
	size_t n = 0, cap = 0;
	const char **s = NULL;
	size_t *lens = NULL, lcap = 0;

	for (size_t i = 0; i < r->n; i++)
		for (size_t k = 0; r->v[i].test == T_CONTAINS && k < r->v[i].nargs; k++) {
			s = xgrow(s, &cap, n + 1, sizeof *s);
			lens = xgrow(lens, &lcap, n + 1, sizeof *lens);
			s[n] = r->v[i].args[k];
			lens[n] = r->v[i].lens[k];
			r->v[i].ids[k] = n++;
		}
	phrases_free(r->phrases);
	r->phrases = phrases_build(s, lens, n);
	free(s);
	free(lens);
}

/* Which of the first 64 rules may match a line by its first byte: an
 * exact or prefix rule if one of its strings starts with that byte (ASCII
 * case aside) and never an empty line, the others always. */
static void build_cand(struct rules *r)
{
	memset(r->cand, 0, sizeof r->cand);
	for (size_t i = 0; i < r->n && i < 64; i++) {
		const struct rule *ru = &r->v[i];
		int first_only = ru->test == T_EXACT || ru->test == T_PREFIX;

		for (unsigned b = 0; b <= 256; b++) {
			unsigned c = b < 256 ? (unsigned)lc((int)b) : 0;

			if (!first_only || (b < 256 && (ru->first[c >> 6] >> (c & 63) & 1)))
				r->cand[b] |= (uint64_t)1 << i;
		}
	}
}

/* Parse one rule line [s, e); 0 on success, else an error and its column. */
static int parse_rule(const char *s, const char *e, struct rule *out,
		      const char **msg, size_t *col)
{
	const char *p = s, *w;
	size_t argcap = 0;
	int kind;

	memset(out, 0, sizeof *out);
	out->next_kind = -1;
#define SKIP() while (p < e && (*p == ' ' || *p == '\t')) p++
#define WORD() do { for (w = p; p < e && *p != ' ' && *p != '\t'; p++) ; } while (0)
#define FAIL(m) do { *msg = (m); *col = (size_t)(p - s) + 1; rule_clear(out); return -1; } while (0)
	WORD();
	kind = line_kind_parse(w, (size_t)(p - w));
	if (kind < 0) {
		p = w;
		FAIL("unknown kind (paragraph, heading, image, credit or chrome)");
	}
	out->kind = (enum line_kind)kind;
	SKIP();
	WORD();
	{
		size_t n = (size_t)(p - w);
		static const char *tests[] = { "exact", "prefix", "contains", "shape", "short" };
		size_t t;

		for (t = 0; t < 5; t++)
			if (strlen(tests[t]) == n && !memcmp(w, tests[t], n))
				break;
		if (t == 5) {
			p = w;
			FAIL("unknown test (exact, prefix, contains, shape or short)");
		}
		out->test = (enum test)t;
	}
	for (;;) {
		SKIP();
		if (p == e || *p == '#')
			break;
		if (*p == '"') {
			struct sbuf a = { 0 };
			const char *quote = p;

			for (p++; p < e && *p != '"'; p++) {
				if (*p == '\\' && p + 1 < e)
					p++;
				sbuf_addc(&a, *p);
			}
			if (p == e) {
				sbuf_free(&a);
				p = quote;
				FAIL("unterminated string");
			}
			p++;
			if (a.n == 0) {
				sbuf_free(&a);
				FAIL("empty string");
			}
			out->args = xgrow(out->args, &argcap, out->nargs + 1, sizeof *out->args);
			out->args[out->nargs++] = a.p;
			continue;
		}
		WORD();
		size_t n = (size_t)(p - w);

		if (n > 10 && !memcmp(w, "max-words=", 10)) {
			char num[16];
			char *end;
			long v;

			if (n - 10 >= sizeof num) {
				p = w;
				FAIL("max-words needs a number from 1 to 1000");
			}
			memcpy(num, w + 10, n - 10);
			num[n - 10] = '\0';
			v = strtol(num, &end, 10);
			if (*end || v < 1 || v > 1000) {
				p = w;
				FAIL("max-words needs a number from 1 to 1000");
			}
			out->max_words = (unsigned)v;
		} else if (n == 10 && !memcmp(w, "embed-name", 10)) {
			out->embed_name = 1;
		} else if (n > 5 && !memcmp(w, "next=", 5)) {
			int k = line_kind_parse(w + 5, n - 5);

			if (k < 0) {
				p = w;
				FAIL("next= needs a kind");
			}
			out->next_kind = k;
		} else {
			p = w;
			FAIL("unknown option (max-words=N, embed-name or next=KIND)");
		}
	}
	if (out->test == T_SHORT ? out->nargs != 0 : out->nargs == 0)
		FAIL(out->test == T_SHORT ? "short takes no string" : "missing quoted string");
	if ((out->test == T_EXACT || out->test == T_SHAPE) && out->nargs != 1)
		FAIL("exact and shape take one string");
	if (out->test == T_SHORT && !out->max_words)
		FAIL("short needs max-words=N");
#undef SKIP
#undef WORD
#undef FAIL
	return 0;
}

int rules_add_text(struct rules *r, const char *name, const char *text, size_t n,
		   void (*report)(const char *msg, void *arg), void *arg)
{
	const char *p = text, *end = text + n;
	size_t lineno = 0;
	int nbad = 0;

	while (p < end) {
		const char *e = memchr(p, '\n', (size_t)(end - p));
		const char *s = p, *q;

		if (!e)
			e = end;
		p = e + 1;
		lineno++;
		if (e > s && e[-1] == '\r')
			e--;
		for (q = s; q < e && (*q == ' ' || *q == '\t'); q++)
			;
		if (q == e || *q == '#')
			continue;
		struct rule rule;
		const char *msg;
		size_t col;

		if (parse_rule(q, e, &rule, &msg, &col) < 0) {
			bad(report, arg, name, lineno, col + (size_t)(q - s), msg);
			nbad++;
			continue;
		}
		rule_prepare(&rule);
		{
			struct sbuf o = { 0 };

			sbuf_printf(&o, "%s:%zu", name, lineno);
			rule.origin = o.p;
		}
		/* counting words up to the largest max-words (64 at most)
		 * decides every rule as counting up to 64 does */
		if (rule.max_words > r->wcap)
			r->wcap = rule.max_words < 64 ? rule.max_words : 64;
		r->v = xgrow(r->v, &r->cap, r->n + 1, sizeof *r->v);
		r->v[r->n++] = rule;
	}
	build_phrases(r);
	build_cand(r);
	return nbad;
}

int rules_add_file(struct rules *r, const char *path,
		   void (*report)(const char *msg, void *arg), void *arg,
		   char *err, size_t errlen)
{
	struct sbuf b = { 0 };
	int nbad = -1;

	if (readfile_small(path, RULES_MAX_SIZE, &b, err, errlen) == 0)
		nbad = rules_add_text(r, path, b.p ? b.p : "", b.n, report, arg);
	sbuf_free(&b);
	return nbad;
}

void rules_free(struct rules *r)
{
	if (!r)
		return;
	for (size_t i = 0; i < r->n; i++)
		rule_clear(&r->v[i]);
	free(r->v);
	phrases_free(r->phrases);
	linemodel_free(r->model);
	free(r);
}
