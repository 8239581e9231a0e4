/* SPDX-License-Identifier: MIT */
/* segment.c - finding where stories start in a document.
 *
 * Explicit structure first: a form feed always starts a story; when
 * single blank lines separate paragraphs, a run of two or more separates
 * stories; when paragraphs follow each other without blank lines, a blank
 * line separates stories.  Where a document has no such structure, the
 * text decides (see segment_text). */
#include <config.h>

#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "segment.h"
#include "xmalloc.h"

static const char *const mode_names[SEG_NMODES] = { "auto", "explicit", "none" };

const char *segment_mode_name(enum seg_mode m)
{
	return (unsigned)m < SEG_NMODES ? mode_names[m] : "?";
}

int segment_mode_parse(const char *s)
{
	for (int m = 0; m < SEG_NMODES; m++)
		if (!strcmp(s, mode_names[m]))
			return m;
	return -1;
}

/* Append a start. */
static void push(struct seg_start **v, size_t *n, size_t *cap, size_t line,
		 double score, const char *why)
{
	*v = xgrow(*v, cap, *n + 1, sizeof **v);
	(*v)[*n].line = line;
	(*v)[*n].score = score;
	(*v)[*n].why = why;
	(*n)++;
}

/* The blank-line count that separates stories in d, or 0 if blank lines
 * carry no story structure. */
static unsigned blank_separator(const struct doc *d)
{
	size_t gaps = 0, blank1 = 0, blank2 = 0;

	for (size_t i = 1; i < d->nlines; i++) {
		if (d->lines[i].kind != LK_PARAGRAPH)
			continue;
		gaps++;
		if (d->lines[i].blanks == 1)
			blank1++;
		else if (d->lines[i].blanks >= 2)
			blank2++;
	}
	if (gaps == 0 || blank1 + blank2 == 0)
		return 0;
	if (blank1 * 2 >= gaps)		/* blank lines between paragraphs */
		return blank2 ? 2 : 0;
	return 1;			/* blank lines only between stories */
}

/* Whether line i may start a story: only paragraphs may, and a blank-line
 * separator or form feed before a stripped line passes to the next
 * paragraph. */
static size_t next_paragraph(const struct doc *d, size_t i)
{
	while (i < d->nlines && d->lines[i].kind != LK_PARAGRAPH)
		i++;
	return i;
}

/* Starts given by explicit structure; returns how many, first at 0. */
static size_t explicit_starts(const struct doc *d, struct seg_start **out, size_t *cap)
{
	unsigned sep = blank_separator(d);
	size_t n = 0;

	push(out, &n, cap, 0, 0, "file");
	for (size_t i = 1; i < d->nlines; i++) {
		const struct line *l = &d->lines[i];
		const char *why = NULL;

		if (l->flags & LF_FORMFEED)
			why = "form feed";
		else if (sep && l->blanks >= sep)
			why = "blank lines";
		if (!why)
			continue;
		size_t p = next_paragraph(d, i);

		if (p >= d->nlines)
			break;
		if (p > (*out)[n - 1].line)
			push(out, &n, cap, p, 0, why);
		i = p;
	}
	return n;
}

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
#define SEG_LOGTAB 4096		/* cached log(count + alpha) */
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
};

/* The weights of the method; log-odds-like for the cues. */
struct seg_weights {
	double alpha;		/* Dirichlet smoothing per word */
	double beta;		/* scale of the word likelihood */
	double kappa;		/* cost of a story start at the assumed story length */
	double gamma;		/* its growth with the story length (power) */
	double len0;		/* mean story length assumed at first, content words */
	double n0;		/* weight of that assumption, in stories */
	double cut;		/* units whose cues score below this never start */
	double cue;		/* scale of all cues */
	double lede, name, noname, one, multi;
	double conn, pron, quote, titled, ahead, astrip, nov, bhead, reintro;
	double intro;
	double link, linkmax;	/* cost of each name chain a start would cut, and its cap */
	double linktok;		/* names this many content words apart are chained */
};

static const struct seg_weights seg_defaults = {
	.alpha = 0.13, .beta = 0.7, .kappa = 25, .gamma = 0.55, .len0 = 200, .n0 = 2.2,
	.cut = -4.5, .cue = 3.2,
	.lede = 1.65, .name = 1.5, .noname = 0.9, .one = 3.3, .multi = 2.4,
	.conn = 2.5, .pron = 2.0, .quote = 2.0, .titled = 1.5, .ahead = 4.0,
	.astrip = 2.0, .nov = 1.3, .bhead = 2.5, .reintro = 4.5,
	.intro = 2.5, .link = 1.6, .linkmax = 4, .linktok = 80,
};

/* One paragraph line as the segmenter sees it. */
struct unit {
	size_t line;		/* index into doc->lines */
	size_t tok;		/* its first content word in the token arrays */
	uint32_t ntok;		/* content words */
	uint32_t words;		/* all words */
	uint32_t nsent;		/* sentences */
	uint32_t feat;		/* UF_* */
	double novel;		/* share of content words not in recent units */
	uint32_t cross;		/* name chains that a start here would cut */
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

/* Everything the segmenter builds for one document. */
struct segdata {
	struct vocab v;
	struct unit *u;
	size_t m, ucap;
	uint32_t *tid;		/* content word ids, unit after unit */
	uint8_t *tfl;		/* their TF_* flags */
	size_t nt, tcap, tfcap;
};

/* Natural logarithm of a positive normal x, without libm. */
static double seg_ln(double x)
{
	uint64_t u;
	double m, s, s2, t, r = 0;
	int e;

	memcpy(&u, &x, sizeof u);
	e = (int)((u >> 52) & 0x7ff) - 1023;
	u = (u & 0x000fffffffffffffULL) | 0x3ff0000000000000ULL;
	memcpy(&m, &u, sizeof m);
	if (m > 1.4142135623730951) {
		m /= 2;
		e++;
	}
	s = (m - 1) / (m + 1);
	s2 = s * s;
	t = s;
	for (int k = 1; k <= 17; k += 2) {
		r += t / k;
		t *= s2;
	}
	return 2 * r + e * 0.6931471805599453;
}

/* x > 0 to the power y, without libm. */
static double seg_pow(double x, double y)
{
	double t = y * seg_ln(x), r = 1, term = 1;

	/* exp(t) for the small |t| met here, by its series */
	for (int k = 1; k < 40; k++) {
		term *= t / k;
		r += term;
	}
	return r;
}

/* FNV-1a hash of n bytes. */
static uint32_t seg_hash(const char *s, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)s[i]) * 16777619u;
	return h;
}

/* Double the vocabulary's hash table and re-insert every id. */
static void vocab_rehash(struct vocab *v)
{
	size_t sz = v->tabsz ? v->tabsz * 2 : 4096;

	free(v->tab);
	v->tab = xmalloc(sz * sizeof *v->tab);
	memset(v->tab, 0xff, sz * sizeof *v->tab);
	v->tabsz = sz;
	for (size_t id = 0; id < v->n; id++) {
		size_t h = v->ent[id].hash & (sz - 1);

		while (v->tab[h] != UINT32_MAX)
			h = (h + 1) & (sz - 1);
		v->tab[h] = (uint32_t)id;
	}
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

/* Generic English function words, never content. */
static const char *const stop_words[] = {
	"a", "about", "above", "after", "again", "against", "all", "almost",
	"along", "already", "also", "although", "always", "am", "among", "an",
	"and", "another", "any", "are", "aren", "around", "as", "at", "be",
	"because", "been", "before", "being", "below", "between", "both", "but",
	"by", "can", "cannot", "could", "couldn", "did", "didn", "do", "does",
	"doesn", "doing", "don", "down", "during", "each", "either", "else",
	"ever", "every", "few", "for", "from", "further", "had", "hadn", "has",
	"hasn", "have", "haven", "having", "he", "her", "here", "hers",
	"herself", "him", "himself", "his", "how", "however", "i", "if", "in",
	"into", "is", "isn", "it", "its", "itself", "just", "least", "less",
	"ll", "many", "may", "me", "might", "more", "most", "much", "must", "my",
	"myself", "neither", "never", "no", "nor", "not", "now", "of", "off",
	"often", "on", "once", "one", "only", "or", "other", "others", "our",
	"ours", "ourselves", "out", "over", "own", "per", "quite", "rather",
	"re", "really", "said", "same", "say", "saying", "says", "shall", "she",
	"should", "shouldn", "since", "so", "some", "still", "such", "than",
	"that", "the", "their", "theirs", "them", "themselves", "then", "there",
	"these", "they", "this", "those", "though", "through", "thus", "to",
	"too", "under", "until", "up", "upon", "us", "ve", "very", "was",
	"wasn", "we", "were", "weren", "what", "when", "where", "whether",
	"which", "while", "who", "whom", "whose", "why", "will", "with",
	"within", "without", "won", "would", "wouldn", "yet", "you", "your",
	"yours", "yourself", "mr", "mrs", "ms", "dr", "prof", "told", "according",
	"just", "like", "even", "well", "get", "got", "went", "go", "going",
	"made", "make", "new", "two", "three", "year", "years", "last", "first",
	"next", "week", "time", "way",
};

/* Capitalised words that are not the first name of a person. */
static const char *const stop_words_open[] = {
	"the", "a", "an", "in", "on", "at", "of", "for", "by", "from", "to", "and",
	"but", "as", "with", "after", "this", "that", "his", "her", "its", "their",
	"our", "when", "while", "if", "it", "he", "she", "they", "we", "i", "new",
	"north", "south", "east", "west", "former", "prime", "president",
	"general", "secretary", "minister", "chief", "judge", "detective",
	"inspector", "sergeant", "constable", "captain", "st", "saint", "ex",
	NULL
};

/* Openers that continue a story. */
static const char *const connectives[] = {
	"but", "however", "and", "meanwhile", "earlier", "later", "also",
	"yet", "still", "so", "instead", "nevertheless", "moreover",
	"furthermore", "additionally", "separately", "then", "now", "nonetheless",
	"indeed", "besides", "otherwise", "thus", "therefore", "similarly",
	"likewise", "or", "nor", "because", "since", NULL
};

/* Pronouns and determiners that refer back. */
static const char *const pronouns[] = {
	"he", "she", "they", "it", "this", "that", "these", "those", "his",
	"her", "their", "its", "we", "i", "our", "you", "him", "them", "such",
	NULL
};

/* Titles before a surname. */
static const char *const titles[] = {
	"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "lord", "lady", NULL
};

/* Abbreviations whose full stop does not end a sentence. */
static const char *const abbrevs[] = {
	"mr", "mrs", "ms", "dr", "st", "prof", "gen", "gov", "sen", "rep", "jr",
	"sr", "no", "vs", "co", "mt", "lt", "col", "capt", "sgt", "rev", "inc",
	"ltd", "corp", "u", NULL
};

/* Past participles without -ed or -en that follow "has" in ledes. */
static const char *const participles[] = {
	"said", "made", "won", "told", "paid", "found", "lost", "left", "held",
	"sold", "set", "cut", "hit", "put", "become", "come", "run", "spent",
	"struck", "brought", "bought", "thought", "caught", "led", "met",
	"built", "sent", "won", "quit", "shut", "begun", "hurt", "bid", "let",
	"read", "kept", "felt", "dealt", NULL
};

/* Verbs and adjectives in "is set to", "are due to"... */
static const char *const to_words[] = {
	"set", "due", "expected", "likely", "poised", "planning", "about",
	"going", "unlikely", "preparing", "hoping", "bracing", NULL
};

/* Verbs that report, as in "said on Monday". */
static const char *const reporting[] = {
	"said", "announced", "confirmed", "revealed", "warned", "told", "claimed",
	"admitted", "insisted", "denied", "reported", "stated", "declared", NULL
};

/* Days of the week. */
static const char *const days[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", NULL
};

/* Whether the n bytes at w are one of the words of a NULL-ended list. */
static int in_list(const char *const *list, const char *w, size_t n)
{
	if (n == 0)
		return 0;
	for (; *list; list++)
		if ((*list)[0] == w[0] && !strncmp(*list, w, n) && (*list)[n] == '\0')
			return 1;
	return 0;
}

/* Whether the n bytes at w end with suffix sfx. */
static int ends_with(const char *w, size_t n, const char *sfx)
{
	size_t k = strlen(sfx);

	return n >= k && !memcmp(w + n - k, sfx, k);
}

/* ASCII letters and digits. */
static const uint8_t ascii_word[128] = {
	['0'] = 1, ['1'] = 1, ['2'] = 1, ['3'] = 1, ['4'] = 1, ['5'] = 1, ['6'] = 1,
	['7'] = 1, ['8'] = 1, ['9'] = 1,
	['a'] = 1, ['b'] = 1, ['c'] = 1, ['d'] = 1, ['e'] = 1, ['f'] = 1, ['g'] = 1,
	['h'] = 1, ['i'] = 1, ['j'] = 1, ['k'] = 1, ['l'] = 1, ['m'] = 1, ['n'] = 1,
	['o'] = 1, ['p'] = 1, ['q'] = 1, ['r'] = 1, ['s'] = 1, ['t'] = 1, ['u'] = 1,
	['v'] = 1, ['w'] = 1, ['x'] = 1, ['y'] = 1, ['z'] = 1,
	['A'] = 1, ['B'] = 1, ['C'] = 1, ['D'] = 1, ['E'] = 1, ['F'] = 1, ['G'] = 1,
	['H'] = 1, ['I'] = 1, ['J'] = 1, ['K'] = 1, ['L'] = 1, ['M'] = 1, ['N'] = 1,
	['O'] = 1, ['P'] = 1, ['Q'] = 1, ['R'] = 1, ['S'] = 1, ['T'] = 1, ['U'] = 1,
	['V'] = 1, ['W'] = 1, ['X'] = 1, ['Y'] = 1, ['Z'] = 1,
};

/* Length of the separator (space, punctuation, symbol) at p, or 0 if a
 * word character starts there. */
static size_t sep_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0];

	if (c < 0x80)
		return !ascii_word[c];
	if (c == 0xC2 && n > 1 && p[1] >= 0x80)
		return 2;	/* Latin-1 spaces, punctuation and symbols */
	if (c == 0xE2 && n > 2 && p[1] >= 0x80 && p[1] <= 0x82)
		return 3;	/* general punctuation, currency signs */
	return 0;
}

/* Length of the UTF-8 character at p, at most n. */
static size_t char_len(const unsigned char *p, size_t n)
{
	size_t k = p[0] < 0x80 ? 1 : p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;

	return k < n ? k : n;
}

/* Strip common English suffixes from a lower-case word in place. */
static size_t stem(char *w, size_t n)
{
	if (n > 4 && ends_with(w, n, "ies")) {
		w[n - 3] = 'y';
		n -= 2;
	} else if (n > 5 && ends_with(w, n, "ing"))
		n -= 3;
	else if (n > 4 && ends_with(w, n, "ed"))
		n -= 2;
	else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
		 w[n - 2] != 'i')
		n--;
	if (n > 5 && ends_with(w, n, "ly"))
		n -= 2;
	else if (n > 4 && w[n - 1] == 'e')
		n--;
	return n;
}

/* Whether a line opens with a quotation mark. */
static int opens_quote(const unsigned char *p, size_t n)
{
	if (n && (p[0] == '"' || p[0] == '\''))
		return 1;
	return n >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	       (p[2] == 0x98 || p[2] == 0x9C);
}

/* Read one paragraph line into a unit: its content words, sentences and
 * opening and lede features. */
static void read_unit(struct segdata *sd, struct unit *u, const unsigned char *p,
		      size_t n)
{
	char w[SEG_WORDMAX], prev[SEG_WORDMAX], prev2[SEG_WORDMAX];
	size_t wn = 0, prevn = 0, prev2n = 0, i = 0;
	int ended = 0, spaced = 0, sent = 0, first = 1, plain = 0, prevname = 0;

	u->tok = sd->nt;
	u->nsent = 0;
	if (opens_quote(p, n))
		u->feat |= UF_QUOTE;
	while (i < n) {
		size_t k = sep_len(p + i, n - i);

		if (k) {
			if (p[i] != ' ')
				plain = 0;
			if (p[i] == '.' || p[i] == '!' || p[i] == '?' ||
			    (k == 3 && p[i + 1] == 0x80 && p[i + 2] == 0xA6))
				ended = 1, spaced = 0;
			else if (ended && (p[i] == ' ' || k == 2))
				spaced = 1;
			i += k;
			continue;
		}
		/* a word: [s, i) */
		size_t s = i, all_caps = 1, letters = 0;

		while (i < n) {
			if (p[i] < 0x80) {
				if (!ascii_word[p[i]])
					break;
				i++;
			} else if (!sep_len(p + i, n - i))
				i += char_len(p + i, n - i);
			else
				break;
		}
		wn = 0;
		for (size_t j = s; j < i && wn < SEG_WORDMAX; j++) {
			unsigned c = p[j];

			if (c >= 'A' && c <= 'Z') {
				c += 'a' - 'A';
				letters++;
			} else if (c >= 'a' && c <= 'z') {
				all_caps = 0;
				letters++;
			} else if (c >= 0x80) {
				all_caps = 0;
				letters++;
			}
			w[wn++] = (char)c;
		}
		int cap = p[s] >= 'A' && p[s] <= 'Z';

		if (u->nsent == 0)
			u->nsent = 1;
		else if (ended && spaced && (cap || (p[s] >= '0' && p[s] <= '9')) &&
			 prevn > 1 && !in_list(abbrevs, prev, prevn)) {
			u->nsent++;
			sent++;
		}
		ended = spaced = 0;
		u->words++;
		if (first) {
			if (in_list(connectives, w, wn))
				u->feat |= UF_CONN;
			else if (in_list(pronouns, w, wn))
				u->feat |= UF_PRON;
			first = 0;
		}
		if (sent == 0) {	/* lede wording */
			if (((prevn == 3 && !memcmp(prev, "has", 3)) ||
			     (prevn == 4 && !memcmp(prev, "have", 4))) &&
			    (ends_with(w, wn, "ed") || ends_with(w, wn, "en") ||
			     in_list(participles, w, wn)))
				u->feat |= UF_LEDE;
			if (wn == 2 && !memcmp(w, "to", 2) &&
			    ((prevn == 2 && !memcmp(prev, "is", 2)) ||
			     (prevn == 3 && !memcmp(prev, "are", 3)) ||
			     (in_list(to_words, prev, prevn) &&
			      ((prev2n == 2 && !memcmp(prev2, "is", 2)) ||
			       (prev2n == 3 && !memcmp(prev2, "are", 3))))))
				u->feat |= UF_LEDE;
			if (prevn == 2 && !memcmp(prev, "on", 2) && in_list(days, w, wn) &&
			    in_list(reporting, prev2, prev2n))
				u->feat |= UF_LEDE;
		}
		/* a content word? */
		if (wn >= 2 && letters) {
			size_t kn = wn;
			char key[SEG_WORDMAX];
			uint32_t id;

			int acronym = all_caps && letters == wn;

			memcpy(key, w, wn);
			if (!acronym)
				kn = stem(key, kn);
			id = vocab_id(&sd->v, key, kn);
			if (!sd->v.ent[id].stop || acronym) {
				uint8_t fl = cap ? TF_CAP : 0;

				if (acronym)
					fl |= TF_ACRONYM;

				if (cap && in_list(titles, prev, prevn)) {
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
			}
		}
		prevname = cap && !all_caps && wn >= 2 && !in_list(titles, w, wn) &&
			   !in_list(stop_words_open, w, wn);
		plain = 1;
		memcpy(prev2, prev, prevn);
		prev2n = prevn;
		memcpy(prev, w, wn);
		prevn = wn;
	}
	u->ntok = (uint32_t)(sd->nt - u->tok);
}

/* Count, for each unit, the chains of a name that a start there would
 * cut: the same capitalised name in an earlier unit at most linktok
 * content words before it and in this unit or a later one. */
static void name_chains(struct segdata *sd, const struct seg_weights *w)
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
			    u->tok - (sd->u[j].tok + sd->u[j].ntok) <= (size_t)w->linktok) {
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

/* Mark each unit's recent-name, new-name and novelty features. */
static void unit_features(struct segdata *sd)
{
	size_t *seen = xmalloc(sd->v.n * sizeof *seen);

	for (size_t id = 0; id < sd->v.n; id++)
		seen[id] = SEG_NEVER;
	for (size_t i = 0; i < sd->m; i++) {	/* looking back */
		struct unit *u = &sd->u[i];
		size_t fresh = 0;

		for (size_t k = u->tok; k < u->tok + u->ntok; k++) {
			size_t last = seen[sd->tid[k]];

			if (last == SEG_NEVER || i - last > SEG_RECENT) {
				sd->tfl[k] |= TF_NEW;
				fresh++;
			} else if (sd->tfl[k] & TF_TITLED)
				u->feat |= UF_TITLED;
			else if ((sd->tfl[k] & TF_FULL) && sd->v.ent[sd->tid[k]].titled &&
				 !sd->v.ent[sd->tid[k]].lower)
				u->feat |= UF_REINTRO;
		}
		u->novel = u->ntok ? (double)fresh / u->ntok : 0.5;
		for (size_t k = u->tok; k < u->tok + u->ntok; k++)
			seen[sd->tid[k]] = i;
	}
	for (size_t id = 0; id < sd->v.n; id++)
		seen[id] = SEG_NEVER;
	for (size_t i = sd->m; i-- > 0;) {	/* looking ahead */
		struct unit *u = &sd->u[i];

		for (size_t k = u->tok; k < u->tok + u->ntok; k++) {
			uint32_t id = sd->tid[k];
			size_t next = seen[id];

			if ((sd->tfl[k] & (TF_CAP | TF_NEW | TF_ACRONYM)) == (TF_CAP | TF_NEW) &&
			    !sd->v.ent[id].lower && next != SEG_NEVER &&
			    next - i <= SEG_AHEAD) {
				u->feat |= UF_NAME;
				if ((sd->tfl[k] & TF_FULL) && sd->v.ent[id].titled)
					u->feat |= UF_INTRO;
			}
		}
		for (size_t k = u->tok; k < u->tok + u->ntok; k++)
			seen[sd->tid[k]] = i;
	}
	free(seen);
}

/* Score each unit's cues for starting a story. */
static void unit_cues(const struct doc *d, struct segdata *sd, const struct seg_weights *w)
{
	size_t multi = 0;
	int paragraphs;

	for (size_t i = 0; i < sd->m; i++)
		multi += sd->u[i].nsent > 1;
	paragraphs = multi * 4 >= sd->m;	/* paragraphs, not sentences */
	for (size_t i = 0; i < sd->m; i++) {
		struct unit *u = &sd->u[i];
		double c = 0;

		if (u->line > 0) {
			uint8_t k = d->lines[u->line - 1].kind;

			if (k == LK_HEADING)
				u->feat |= UF_AFTER_HEAD;
			else if (k != LK_PARAGRAPH)
				u->feat |= UF_AFTER_STRIP;
		}
		if (u->line + 1 < d->nlines && d->lines[u->line + 1].kind == LK_HEADING)
			u->feat |= UF_BEFORE_HEAD;
		if (u->feat & UF_LEDE)
			c += w->lede;
		c += u->feat & UF_NAME ? w->name : -w->noname;
		if (paragraphs)
			c += u->nsent <= 1 ? w->one : -w->multi;
		if (u->feat & UF_CONN)
			c -= w->conn;
		if (u->feat & UF_PRON)
			c -= w->pron;
		if (u->feat & UF_QUOTE)
			c -= w->quote;
		if (u->feat & UF_TITLED)
			c -= w->titled;
		if (u->feat & UF_AFTER_HEAD)
			c -= w->ahead;
		if (u->feat & UF_AFTER_STRIP)
			c -= w->astrip;
		if (u->feat & UF_BEFORE_HEAD)
			c -= w->bhead;
		if (u->feat & UF_REINTRO)
			c += w->reintro;
		if (u->feat & UF_INTRO)
			c += w->intro;
		c += w->nov * (u->novel - 0.5);
		c -= w->link * (u->cross < w->linkmax ? u->cross : w->linkmax);
		u->cue = w->cue * c;
	}
}

/* Count cell of one word id, valid when stamp is the current end. */
struct seg_cell {
	uint32_t stamp;
	uint32_t c;
};

/* The scores of every story the first round considered, kept so that the
 * later rounds, which change only the cost of a start, need not count
 * words again: for end j, pairs pstart[j] to pstart[j + 1] - 1 give each
 * candidate first unit and beta times its likelihood, nearest first. */
struct seg_pairs {
	uint32_t *from;		/* first unit of the candidate story */
	double *bll;		/* beta times its log-likelihood */
	size_t n, cap, fcap;
	size_t *pstart;		/* m + 2 entries */
};

/* Free the kept scores. */
static void pairs_free(struct seg_pairs *p)
{
	free(p->from);
	free(p->bll);
	free(p->pstart);
}

/* Keep one candidate's score. */
static void pairs_push(struct seg_pairs *p, size_t i, double bll)
{
	if (p->n + 1 > p->cap || p->n + 1 > p->fcap) {
		p->from = xgrow(p->from, &p->fcap, p->n + 1, sizeof *p->from);
		p->bll = xgrow(p->bll, &p->cap, p->n + 1, sizeof *p->bll);
	}
	p->from[p->n] = (uint32_t)i;
	p->bll[p->n++] = bll;
}

/* The best segmentation when each story start costs pen: fills back[j]
 * with the first unit of the story that ends before unit j, and keeps
 * every candidate's score in kept. */
static void seg_dp(const struct segdata *sd, const struct seg_weights *w, double pen,
		   const double *logc, const double *den, size_t nden,
		   struct seg_cell *cell, double *best, size_t *back,
		   struct seg_pairs *kept)
{
	const struct unit *u = sd->u;
	const uint32_t *tid = sd->tid;
	size_t m = sd->m;

	for (size_t id = 0; id < sd->v.n; id++)
		cell[id].stamp = 0;
	kept->n = 0;
	kept->pstart = xmalloc((m + 2) * sizeof *kept->pstart);
	kept->pstart[0] = kept->pstart[1] = 0;
	best[0] = 0;
	for (size_t j = 1; j <= m; j++) {
		double num = 0;
		size_t ntok = 0;
		uint32_t stamp = (uint32_t)j;

		kept->pstart[j] = kept->n;
		best[j] = -1e300;
		back[j] = 0;
		if (j < m && u[j].cue < w->cut)
			continue;	/* no story can start at unit j */
		if (stamp == 0) {	/* wrapped: forget every count */
			for (size_t id = 0; id < sd->v.n; id++)
				cell[id].stamp = UINT32_MAX;
		}
		for (size_t i = j; i-- > 0;) {
			for (size_t k = u[i].tok, e = k + u[i].ntok; k < e; k++) {
				struct seg_cell *c = &cell[tid[k]];

				if (c->stamp != stamp) {
					c->stamp = stamp;
					c->c = 0;
				}
				num += c->c < SEG_LOGTAB ? logc[c->c] : seg_ln(c->c + w->alpha);
				c->c++;
			}
			ntok += u[i].ntok;
			if (i == 0 || u[i].cue >= w->cut) {
				double ll = num - (ntok < nden ? den[ntok] : den[nden - 1]);
				double bll = w->beta * ll;
				double sc = best[i] + bll;

				pairs_push(kept, i, bll);
				if (i > 0)
					sc += u[i].cue - pen;
				if (sc > best[j]) {
					best[j] = sc;
					back[j] = i;
				}
			}
			if (j - i >= SEG_MAX_UNITS || ntok >= SEG_MAX_TOKENS)
				break;
		}
	}
	kept->pstart[m + 1] = kept->n;
}

/* The same as seg_dp with another cost of a start, from the kept scores. */
static void seg_redo(const struct segdata *sd, double pen, const struct seg_pairs *kept,
		     double *best, size_t *back)
{
	const struct unit *u = sd->u;
	size_t m = sd->m;

	best[0] = 0;
	for (size_t j = 1; j <= m; j++) {
		double bj = -1e300;
		size_t bi = 0;

		for (size_t p = kept->pstart[j], e = kept->pstart[j + 1]; p < e; p++) {
			size_t i = kept->from[p];
			double sc = best[i] + kept->bll[p];

			if (i > 0)
				sc += u[i].cue - pen;
			if (sc > bj) {
				bj = sc;
				bi = i;
			}
		}
		best[j] = bj;
		back[j] = bi;
	}
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


/* Decide starts from the text alone in lines [from, to) of d: the first
 * lead paragraph units there are context only, the next one starts a
 * story.  Appends the later starts to out, with the index of each among
 * the decided units (the first being 0) in *unit when unit is not NULL
 * (grown like out, unitcap its capacity). */
static void segment_text(const struct doc *d, size_t from, size_t lead, size_t to,
			 struct seg_start **out, size_t *n, size_t *cap,
			 size_t **unit, size_t *unitcap)
{
	const struct seg_weights w = seg_defaults;
	struct segdata sd = { 0 };
	size_t maxtok = 0, nden, m;

	for (size_t i = 0; i < sizeof stop_words / sizeof stop_words[0]; i++) {
		char key[SEG_WORDMAX];
		size_t kn = strlen(stop_words[i]);

		memcpy(key, stop_words[i], kn);
		uint32_t id = vocab_id(&sd.v, key, stem(key, kn));

		sd.v.ent[id].stop = 1;
	}
	for (size_t i = from; i < to; i++) {
		const struct line *l = &d->lines[i];

		if (l->kind != LK_PARAGRAPH)
			continue;
		sd.u = xgrow(sd.u, &sd.ucap, sd.m + 1, sizeof *sd.u);
		memset(&sd.u[sd.m], 0, sizeof sd.u[sd.m]);
		sd.u[sd.m].line = i;
		read_unit(&sd, &sd.u[sd.m], (const unsigned char *)d->text + l->off, l->len);
		if (sd.u[sd.m].ntok > maxtok)
			maxtok = sd.u[sd.m].ntok;
		sd.m++;
	}
	if (lead > sd.m)
		lead = sd.m;
	m = sd.m - lead;
	if (m > 1) {
		size_t vsize = local_vocab(&sd);
		double logc[SEG_LOGTAB], *den, *best;
		size_t *back = xmalloc((m + 1) * sizeof *back);
		struct seg_cell *cell = xmalloc(sd.v.n * sizeof *cell);
		struct segdata view;

		unit_features(&sd);
		name_chains(&sd, &w);
		unit_cues(d, &sd, &w);
		view = sd;	/* the decided units, after the context */
		view.u = sd.u + lead;
		view.m = m;
		for (size_t c = 0; c < SEG_LOGTAB; c++)
			logc[c] = seg_ln(c + w.alpha);
		nden = SEG_MAX_TOKENS + maxtok + 1;
		den = xmalloc(nden * sizeof *den);
		den[0] = 0;
		for (size_t k = 1; k < nden; k++)
			den[k] = den[k - 1] + seg_ln(k - 1 + w.alpha * vsize);
		best = xmalloc((m + 1) * sizeof *best);
		/* the cost of a start follows the mean story length found,
		 * shrunk towards an assumed one, until the count settles */
		double pen = w.kappa, ntok = (double)(sd.nt - view.u[0].tok);
		size_t stories = 0;
		struct seg_pairs kept = { 0 };

		for (int pass = 0; pass < SEG_PASSES; pass++) {
			size_t k = 0;

			if (pass == 0)
				seg_dp(&view, &w, pen, logc, den, nden, cell, best, back, &kept);
			else
				seg_redo(&view, pen, &kept, best, back);
			for (size_t j = m; j > 0; j = back[j])
				k++;
			if (k == stories)
				break;
			stories = k;
			pen = w.kappa * seg_pow((ntok + w.n0 * w.len0) /
						((double)stories + w.n0) / w.len0, w.gamma);
		}
		/* the starts, found backwards, are pushed in order */
		size_t k = 0, first = *n;

		for (size_t j = m; j > 0; j = back[j])
			if (back[j] > 0)
				k++;
		for (size_t i = 0; i < k; i++)
			push(out, n, cap, 0, 0, "text");
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
		pairs_free(&kept);
		free(back);
		free(cell);
		free(den);
		free(best);
	}
	vocab_free(&sd.v);
	free(sd.u);
	free(sd.tid);
	free(sd.tfl);
}

/* ---- Stepwise segmentation ----
 *
 * Long documents are decided a window of paragraph units at a time, so
 * that the first stories can be shown at once and the cost of each step
 * is bounded.  A window holds at most SEG_WIN_UNITS units and about
 * SEG_WIN_BYTES of text; when less than half a window would be left
 * after it, it takes the rest.  Its starts are final up to the last one
 * that has at least SEG_TAIL units after it in the window; the next
 * window begins at that start, so the story there, and any after it, are
 * decided again with the text that follows.  The SEG_LEAD units before a
 * window are read as context (recent names and words), never decided.
 * Windows depend only on the text, so every way of stepping gives the
 * same stories, and a document of one window is decided as a whole. */

#define SEG_WIN_UNITS 20000	/* paragraph units in a window, at most */
#define SEG_WIN_BYTES (4u << 20)	/* and bytes of their text, about */
#define SEG_WIN_MIN 2000	/* units in a window, at least, unless the last */
#define SEG_TAIL 400		/* units after a window's last final start */
#define SEG_LEAD 32		/* units of context before a window */

/* The state of a stepwise segmentation. */
struct segmenter {
	const struct doc *d;
	int text;		/* deciding from the text, window by window */
	int done;
	struct seg_start *pending;	/* starts known but not yet handed out */
	size_t npending, pcap;
	size_t line;		/* text: first line of the next window */
	struct seg_start *tmp;	/* text: one window's starts */
	size_t *unit;		/* and their unit indices */
	size_t tcap, ucap;
};

/* Start segmenting d: explicit structure is found at once. */
struct segmenter *segment_begin(const struct doc *d, enum seg_mode mode)
{
	struct segmenter *sg = xcalloc(1, sizeof *sg);

	sg->d = d;
	if (d->nlines == 0) {
		sg->done = 1;
		return sg;
	}
	if (mode == SEG_NONE) {
		push(&sg->pending, &sg->npending, &sg->pcap, 0, 0, "file");
		return sg;
	}
	sg->npending = explicit_starts(d, &sg->pending, &sg->pcap);
	if (mode != SEG_EXPLICIT && sg->npending == 1) {
		sg->text = 1;
		sg->line = next_paragraph(d, 0);
	}
	return sg;
}

/* The end of the window that begins at line from: the line after it. */
static size_t window_end(const struct doc *d, size_t from)
{
	size_t units = 0, bytes = 0, i = from;

	for (; i < d->nlines; i++) {
		const struct line *l = &d->lines[i];

		if (l->kind != LK_PARAGRAPH)
			continue;
		if (units >= SEG_WIN_UNITS ||
		    (units >= SEG_WIN_MIN && bytes + l->len > SEG_WIN_BYTES))
			break;
		units++;
		bytes += l->len;
	}
	if (i >= d->nlines)
		return d->nlines;
	/* take a short rest along */
	size_t end = i, ru = 0, rb = 0;

	for (; i < d->nlines; i++) {
		const struct line *l = &d->lines[i];

		if (l->kind != LK_PARAGRAPH)
			continue;
		ru++;
		rb += l->len;
		if (ru * 2 >= SEG_WIN_UNITS || rb * 2 >= SEG_WIN_BYTES)
			return end;
	}
	return d->nlines;
}

/* The first line of the lead units before line at. */
static size_t lead_start(const struct doc *d, size_t at, size_t *lead)
{
	size_t i = at;

	*lead = 0;
	while (i > 0 && *lead < SEG_LEAD) {
		i--;
		if (d->lines[i].kind == LK_PARAGRAPH)
			++*lead;
	}
	return i;
}

/* Hand out the known starts and decide the next window. */
int segment_step(struct segmenter *sg, struct seg_start **starts, size_t *n, size_t *cap)
{
	const struct doc *d = sg->d;

	if (sg->done)
		return 1;
	for (size_t i = 0; i < sg->npending; i++)
		push(starts, n, cap, sg->pending[i].line, sg->pending[i].score,
		     sg->pending[i].why);
	sg->npending = 0;
	if (!sg->text || sg->line >= d->nlines) {
		sg->done = 1;
		return 1;
	}
	size_t from = sg->line, end = window_end(d, from), lead, nt = 0;
	size_t lfrom = lead_start(d, from, &lead);

	segment_text(d, lfrom, lead, end, &sg->tmp, &nt, &sg->tcap, &sg->unit, &sg->ucap);
	if (end >= d->nlines) {
		for (size_t i = 0; i < nt; i++)
			push(starts, n, cap, sg->tmp[i].line, sg->tmp[i].score, sg->tmp[i].why);
		sg->done = 1;
		return 1;
	}
	/* the window's units: its starts count from 0 at line from */
	size_t units = 0, keep = 0;

	for (size_t i = from; i < end; i++)
		units += d->lines[i].kind == LK_PARAGRAPH;
	while (keep < nt && sg->unit[keep] + SEG_TAIL <= units)
		keep++;
	if (keep == 0 && nt > 0)
		keep = nt;	/* all late: the last is the best there is */
	for (size_t i = 0; i < keep; i++)
		push(starts, n, cap, sg->tmp[i].line, sg->tmp[i].score, sg->tmp[i].why);
	/* the last kept start opens the next window; with none, one story
	 * fills the window and goes on into the next (whose first unit is
	 * never handed out as a start) */
	sg->line = keep > 0 ? sg->tmp[keep - 1].line : next_paragraph(d, end);
	return 0;
}

/* Free a segmenter. */
void segment_end(struct segmenter *sg)
{
	if (!sg)
		return;
	free(sg->pending);
	free(sg->tmp);
	free(sg->unit);
	free(sg);
}

/* All the starts at once, by stepping to the end. */
size_t segment_doc(const struct doc *d, enum seg_mode mode, struct seg_start **out)
{
	struct segmenter *sg = segment_begin(d, mode);
	size_t n = 0, cap = 0;

	*out = NULL;
	while (!segment_step(sg, out, &n, &cap))
		;
	segment_end(sg);
	return n;
}
