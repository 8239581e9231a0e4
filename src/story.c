/* SPDX-License-Identifier: MIT */
/* story.c - the story model */
#include <config.h>

#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unistr.h>
#include <uniwidth.h>

#include "abbrev.h"
#include "linefeat.h"
#include "story.h"
#include "xmalloc.h"

static const char *const kind_names[LK_NKINDS] = {
	"paragraph", "heading", "image", "credit", "chrome"
};

const char *line_kind_name(enum line_kind k)
{
	return (unsigned)k < LK_NKINDS ? kind_names[k] : "?";
}

int line_kind_parse(const char *s, size_t n)
{
	for (int k = 0; k < LK_NKINDS; k++)
		if (strlen(kind_names[k]) == n && !memcmp(kind_names[k], s, n))
			return k;
	return -1;
}

static const char *const src_names[SRC_NKINDS] = { "text", "html", "feed", "markdown" };

const char *src_kind_name(enum src_kind k)
{
	return (unsigned)k < SRC_NKINDS ? src_names[k] : "?";
}

const struct doc_item *story_source(const struct story *s)
{
	const struct doc *d = s->doc;
	size_t lo = 0, hi = d->nitems;

	/* the last item whose first line is at or before the story's */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->items[mid].first <= s->first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo ? &d->items[lo - 1] : NULL;
}

const struct doc_item *story_item(const struct story *s)
{
	const struct doc_item *it = story_source(s);

	return it && it->first == s->first ? it : NULL;
}

uint32_t story_first_line(const struct story *s)
{
	return s->count ? doc_lineno(s->doc, s->first) : 0;
}

uint32_t story_last_line(const struct story *s)
{
	if (!s->count)
		return 0;
	const struct doc *d = s->doc;
	size_t last = s->first + s->count - 1;

	if (!d->wrap)		/* a line is one physical line */
		return doc_lineno(d, last);
	/* a joined line runs on to the blank lines before the next, or the end */
	if (last + 1 < d->nlines)
		return doc_lineno(d, last + 1) - 1 - d->lines[last + 1].blanks;
	return d->nphys > d->tail_blanks ? d->nphys - d->tail_blanks : doc_lineno(d, last);
}

/* The index of the first of d's gaps at line i or after it. */
static size_t first_gap(const struct doc *d, size_t i)
{
	size_t lo = 0, hi = d->ngaps;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (d->gaps[mid].line < i)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

uint32_t doc_lineno(const struct doc *d, size_t i)
{
	size_t from = i - i % DOC_LINENO_STEP;
	size_t g = d->ngaps ? first_gap(d, from + 1) : 0;
	uint64_t n = d->linenos[i / DOC_LINENO_STEP];

	/* each line after the one kept: one more, and the blank lines before it */
	for (size_t j = from + 1; j <= i; j++)
		if (g < d->ngaps && d->gaps[g].line == j)
			n += 1 + (uint64_t)d->gaps[g++].gap;
		else
			n += 1 + d->lines[j].blanks;
	return n > UINT32_MAX ? UINT32_MAX : (uint32_t)n;
}

void doc_set_lineno(struct doc *d, size_t i, uint32_t lineno)
{
	if (i % DOC_LINENO_STEP == 0) {
		d->linenos = xgrow(d->linenos, &d->linenos_cap, i / DOC_LINENO_STEP + 1,
				   sizeof *d->linenos);
		d->linenos[i / DOC_LINENO_STEP] = lineno;
	} else {
		uint32_t gap = lineno > d->last_lineno ? lineno - d->last_lineno - 1 : 0;

		if (gap != d->lines[i].blanks) {
			d->gaps = xgrow(d->gaps, &d->gaps_cap, d->ngaps + 1, sizeof *d->gaps);
			d->gaps[d->ngaps].line = (uint32_t)i;
			d->gaps[d->ngaps++].gap = gap;
		}
	}
	d->last_lineno = lineno;
}

void doc_cut_lines(struct doc *d, size_t n)
{
	if (n >= d->nlines)
		return;
	d->last_lineno = n ? doc_lineno(d, n - 1) : 0;
	d->ngaps = first_gap(d, n);
	d->nlines = n;
}

size_t story_paragraphs(const struct story *s)
{
	size_t n = 0;

	for (size_t i = 0; i < s->count; i++)
		n += story_lines(s)[i].kind == LK_PARAGRAPH;
	return n;
}

/* Whether the word ending just before a period at p is an abbreviation. */
static int abbrev_before(const char *start, const char *p)
{
	const char *w = p;

	while (w > start && w[-1] != ' ' && w[-1] != '(' && w[-1] != '"')
		w--;
	if (p - w == 1 && *w >= 'A' && *w <= 'Z')
		return 1;	/* an initial: "J. Smith", "U.S." */
	for (const char *q = w; q < p; q++)
		if (*q == '.')
			return 1;	/* "U.S." */
	return abbrev_is(w, (size_t)(p - w));
}

/* Length of the first sentence of t. */
static size_t first_sentence(struct bstr t)
{
	for (size_t i = 0; i + 1 < t.n; i++) {
		char c = t.s[i];

		if (c != '.' && c != '!' && c != '?')
			continue;
		size_t j = i + 1;

		/* closing quotes: " ’ ” */
		while (j < t.n && (t.s[j] == '"' || t.s[j] == '\'' || t.s[j] == ')'))
			j++;
		while (j + 2 < t.n && (unsigned char)t.s[j] == 0xE2 &&
		       (unsigned char)t.s[j + 1] == 0x80 &&
		       ((unsigned char)t.s[j + 2] == 0x99 || (unsigned char)t.s[j + 2] == 0x9D))
			j += 3;
		if (j >= t.n || t.s[j] != ' ')
			continue;
		if (c == '.' && abbrev_before(t.s, t.s + i))
			continue;
		size_t k = j;

		while (k < t.n && t.s[k] == ' ')
			k++;
		if (k < t.n && t.s[k] >= 'a' && t.s[k] <= 'z')
			continue;	/* "e.g. this" */
		return j;
	}
	return t.n;
}

/* The character at p (before e): its code into *uc, its bytes into *k,
 * and its columns returned (one for a control character or a byte that
 * is no character); printable ASCII without asking libunistring. */
static int char_cols(const uint8_t *p, const uint8_t *e, ucs4_t *uc, int *k)
{
	if (*p >= 0x20 && *p < 0x7f) {
		*uc = *p;
		*k = 1;
		return 1;
	}
	*k = u8_mbtouc(uc, p, (size_t)(e - p));
	int w = uc_width(*uc, "UTF-8");

	return w < 0 ? 1 : w;
}

/* Copy text into a title of at most max_cols columns, cut at a word
 * boundary with "…" when it is longer. */
static char *cut_title(struct bstr t, int max_cols)
{
	const uint8_t *s = (const uint8_t *)t.s, *e = s + t.n, *p = s;
	const uint8_t *last_space = NULL, *cut = NULL;
	int cols = 0;

	while (p < e) {
		ucs4_t uc;
		int k, w = char_cols(p, e, &uc, &k);

		if (cols + w > max_cols - 1 && !cut)
			cut = p;
		if (cols + w > max_cols)
			break;
		if (uc == ' ')
			last_space = p;
		cols += w;
		p += k;
	}
	if (p >= e)
		return xmemdup(t.s, t.n);
	if (last_space && last_space - s > (cut - s) / 2)
		cut = last_space;
	while (cut > s && cut[-1] == ' ')
		cut--;
	while (cut > s && (cut[-1] == ',' || cut[-1] == ';' || cut[-1] == ':' ||
			   cut[-1] == '-'))
		cut--;
	size_t n = (size_t)(cut - s);
	char *out = xmalloc(n + 4);

	memcpy(out, s, n);
	memcpy(out + n, "\xE2\x80\xA6", 4);
	return out;
}

/* Whether a phrase starts at byte i of t (after a space): a word that
 * opens a clause or phrase ("after", "which", ...) or a dash. */
static int phrase_starts(struct bstr t, size_t i)
{
	static const char *const words[] = {
		"after", "as", "when", "while", "because", "but", "who", "which",
		"where", "despite", "amid", "following", "before", "since", "and",
		"with", "saying", "until", "unless", "although", "though", "for",
		"\xE2\x80\x94", "\xE2\x80\x93", "-",
	};

	if (i >= t.n)
		return 0;
	for (size_t k = 0; k < sizeof words / sizeof *words; k++) {
		if (t.s[i] != words[k][0])	/* most words are ruled out here */
			continue;
		size_t n = strlen(words[k]);

		if (i + n < t.n && !memcmp(t.s + i, words[k], n) && t.s[i + n] == ' ')
			return 1;
	}
	return 0;
}

/* The end of t[0..n) without the small words a headline does not end on
 * ("a", "the", "of"...), keeping at least the first two words. */
static size_t drop_small_words(struct bstr t, size_t n)
{
	static const char *const small[] = {
		"a", "an", "the", "of", "in", "on", "at", "to", "for", "by", "from",
		"with", "and", "or", "its", "their", "his", "her", "into", "over",
	};

	for (;;) {
		size_t b = n, words = 0;
		int is_small = 0;

		while (b > 0 && t.s[b - 1] != ' ')
			b--;
		for (size_t i = 0; i < b; i++)
			words += t.s[i] == ' ' && i > 0 && t.s[i - 1] != ' ';
		for (size_t k = 0; k < sizeof small / sizeof *small; k++)
			is_small |= strlen(small[k]) == n - b && !memcmp(t.s + b, small[k], n - b);
		if (!is_small || b == 0 || words < 2)
			return n;
		n = b;
		while (n > 0 && t.s[n - 1] == ' ')
			n--;
	}
}

/* A headline of at most max_cols columns from text: all of it if it fits,
 * else cut with "…" at the last phrase boundary (after a comma, semicolon
 * or colon, or before a clause's first word) past half the room, else at
 * the last word boundary; never inside a word unless the first word alone
 * is too long. */
static char *cut_headline(struct bstr t, int max_cols)
{
	const uint8_t *s = (const uint8_t *)t.s, *e = s + t.n, *p = s;
	size_t phrase = 0, space = 0, n;
	int cols = 0;
	char *out;

	while (p < e) {
		ucs4_t uc;
		int k, w = char_cols(p, e, &uc, &k);
		size_t i = (size_t)(p - s);

		if (cols + w > max_cols - 1)
			break;
		if (uc == ' ' && i > 0) {
			space = i;
			if (cols >= max_cols / 2 &&
			    (strchr(",;:", t.s[i - 1]) || phrase_starts(t, i + 1)))
				phrase = i;
		}
		cols += w;
		p += k;
	}
	if (p >= e)
		return xmemdup(t.s, t.n);
	n = phrase ? phrase : space ? space : (size_t)(p - s);
	n = drop_small_words(t, n);
	while (n > 0 && strchr(" ,;:-", t.s[n - 1]))
		n--;
	out = xmalloc(n + 4);
	memcpy(out, s, n);
	memcpy(out + n, "\xE2\x80\xA6", 4);
	return out;
}

/* Words of t (at most 3 counted) that have a letter, of any script:
 * "-1.41%" and "from $610.00" have fewer than a headline needs. */
static int lettered_words(struct bstr t)
{
	const uint8_t *p = (const uint8_t *)t.s, *e = p + t.n;
	int words = 0, letter = 0;

	while (p < e && words < 3) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, (size_t)(e - p));

		if (uc == ' ' || uc == '\t') {
			words += letter;
			letter = 0;
		} else if (uc_is_alpha(uc)) {
			letter = 1;
		}
		p += k > 0 ? k : 1;
	}
	return words + (words < 3 && letter);
}

/* The first sentence of line l's text, without the dateline it opens
 * with ("LONDON (Reuters) - " goes: a headline names no place). */
static struct bstr lede_sentence(const struct story *s, const struct line *l)
{
	struct bstr t = line_text(s->doc, l);
	size_t dl = linefeat_dateline_len(t.s, t.n);

	t.s += dl;
	t.n -= dl;
	t.n = first_sentence(t);
	return t;
}

#define TITLE_LOOK 4	/* paragraphs looked at for a title with words */

char *story_make_title(const struct story *s, int max_cols)
{
	const struct line *l = story_lines(s);
	struct bstr first = { NULL, 0 };
	size_t seen = 0;

	if (s->count == 0)
		return xstrdup("(empty)");
	/* the first paragraph whose first sentence has three words, among
	 * the first few: a price or a figure left from the page is no title */
	for (size_t i = 0; i < s->count && seen < TITLE_LOOK; i++) {
		if (l[i].kind != LK_PARAGRAPH)
			continue;
		struct bstr t = lede_sentence(s, &l[i]);

		if (seen++ == 0)
			first = t;
		if (lettered_words(t) >= 3)
			return cut_headline(t, max_cols);
	}
	return cut_headline(seen ? first : lede_sentence(s, &l[0]), max_cols);
}


int story_has_headline(const struct story *s)
{
	const struct doc_item *it = story_item(s);

	return it && it->title && *it->title;
}

void story_finish(struct story *s)
{
	const struct doc_item *it = story_item(s);

	free(s->title);
	if (story_has_headline(s))
		s->title = cut_title((struct bstr){ it->title, strlen(it->title) }, 100);
	else
		s->title = story_make_title(s, STORY_TITLE_COLS);
	s->words = 0;
	for (size_t i = 0; i < s->count; i++)
		if (story_lines(s)[i].kind == LK_PARAGRAPH)
			s->words += bstr_words(line_text(s->doc, &story_lines(s)[i]), SIZE_MAX);
}

struct story *storylist_add(struct storylist *sl)
{
	sl->stories = xgrow(sl->stories, &sl->cap, sl->n + 1, sizeof *sl->stories);
	memset(&sl->stories[sl->n], 0, sizeof sl->stories[0]);
	return &sl->stories[sl->n++];
}

void storylist_add_doc(struct storylist *sl, struct doc *d)
{
	sl->docs = xgrow(sl->docs, &sl->docs_cap, sl->ndocs + 1, sizeof *sl->docs);
	sl->docs[sl->ndocs++] = d;
}

size_t storylist_holding(const struct storylist *sl, const struct doc *d, size_t li)
{
	size_t best = 0;

	for (size_t i = 0; i < sl->n; i++) {
		const struct story *s = &sl->stories[i];

		if (s->doc != d)
			continue;
		best = i;
		if (s->first + s->count > li)
			break;
	}
	return best;
}

void doc_free(struct doc *d)
{
	if (!d)
		return;
	free(d->name);
	if (!d->text_refs || --*d->text_refs == 0) {
		free(d->text);
		free(d->text_refs);
	}
	free(d->lines);
	free(d->linenos);
	free(d->gaps);
	free(d->seg);
	for (size_t i = 0; i < d->nrule_names; i++)
		free(d->rule_names[i]);
	free(d->rule_names);
	for (size_t i = 0; i < d->nitems; i++) {
		free(d->items[i].title);
		free(d->items[i].url);
		free(d->items[i].date);
	}
	free(d->items);
	free(d);
}

const char *doc_rule_name(const struct doc *d, const struct line *l)
{
	unsigned rule = line_rule(l);

	return rule && rule <= d->nrule_names ? d->rule_names[rule - 1] : NULL;
}

void storylist_free(struct storylist *sl)
{
	for (size_t i = 0; i < sl->n; i++)
		free(sl->stories[i].title);
	for (size_t i = 0; i < sl->ndocs; i++)
		doc_free(sl->docs[i]);
	free(sl->stories);
	free(sl->docs);
	memset(sl, 0, sizeof *sl);
}

/* The index of document d in sl (sl->ndocs if not there). */
static size_t doc_index(const struct storylist *sl, const struct doc *d)
{
	size_t k = 0;

	while (k < sl->ndocs && sl->docs[k] != d)
		k++;
	return k;
}

void storylist_doc_range(const struct storylist *sl, const struct doc *d, size_t *b, size_t *e)
{
	*b = 0;
	while (*b < sl->n && sl->stories[*b].doc != d)
		(*b)++;
	*e = *b;
	while (*e < sl->n && sl->stories[*e].doc == d)
		(*e)++;
}

void storylist_put_doc(struct storylist *sl, size_t k, struct storylist *tmp)
{
	struct doc *old = sl->docs[k];
	size_t b, e, n;
	struct story *s;

	storylist_doc_range(sl, old, &b, &e);
	if (b == sl->n) {	/* none: after the stories of the documents before */
		while (b > 0 && doc_index(sl, sl->stories[b - 1].doc) > k)
			b--;
		e = b;
	}
	n = sl->n - (e - b) + tmp->n;
	s = xmalloc((n ? n : 1) * sizeof *s);
	memcpy(s, sl->stories, b * sizeof *s);
	memcpy(s + b, tmp->stories, tmp->n * sizeof *s);
	memcpy(s + b + tmp->n, sl->stories + e, (sl->n - e) * sizeof *s);
	for (size_t i = b; i < e; i++)
		free(sl->stories[i].title);
	free(sl->stories);
	sl->stories = s;
	sl->n = sl->cap = n;
	sl->docs[k] = tmp->docs[0];
	doc_free(old);
	free(tmp->stories);
	free(tmp->docs);
	memset(tmp, 0, sizeof *tmp);
}
