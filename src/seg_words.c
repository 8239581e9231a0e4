/* SPDX-License-Identifier: MIT */
/* seg_words.c - the English word lists and word shapes the segmenter
 * reads news with: function words, connectives, pronouns, titles,
 * participles of ledes, reporting verbs, company endings, days; suffix
 * stripping and where words and sentences end. */
#include <config.h>

#include <pthread.h>
#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include "seg_int.h"

/* Generic English function words, never content. */
const char *const seg_stop_words[] = {
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
const char *const seg_stop_words_open[] = {
	"the", "a", "an", "in", "on", "at", "of", "for", "by", "from", "to", "and",
	"but", "as", "with", "after", "this", "that", "his", "her", "its", "their",
	"our", "when", "while", "if", "it", "he", "she", "they", "we", "i", "new",
	"north", "south", "east", "west", "former", "prime", "president",
	"general", "secretary", "minister", "chief", "judge", "detective",
	"inspector", "sergeant", "constable", "captain", "st", "saint", "ex",
	NULL
};

/* Openers that continue a story. */
const char *const seg_connectives[] = {
	"but", "however", "and", "meanwhile", "earlier", "later", "also",
	"yet", "still", "so", "instead", "nevertheless", "moreover",
	"furthermore", "additionally", "separately", "then", "now", "nonetheless",
	"indeed", "besides", "otherwise", "thus", "therefore", "similarly",
	"likewise", "or", "nor", "because", "since", NULL
};

/* Pronouns and determiners that refer back. */
const char *const seg_pronouns[] = {
	"he", "she", "they", "it", "this", "that", "these", "those", "his",
	"her", "their", "its", "we", "i", "our", "you", "him", "them", "such",
	NULL
};

/* Titles before a surname. */
const char *const seg_titles[] = {
	"mr", "mrs", "ms", "miss", "dr", "prof", "sir", "lord", "lady", NULL
};

/* Abbreviations whose full stop does not end a sentence. */

/* Past participles without -ed or -en that follow "has" in ledes. */
const char *const seg_participles[] = {
	"said", "made", "won", "told", "paid", "found", "lost", "left", "held",
	"sold", "set", "cut", "hit", "put", "become", "come", "run", "spent",
	"struck", "brought", "bought", "thought", "caught", "led", "met",
	"built", "sent", "won", "quit", "shut", "begun", "hurt", "bid", "let",
	"read", "kept", "felt", "dealt", NULL
};

/* Verbs and adjectives in "is set to", "are due to"... */
const char *const seg_to_words[] = {
	"set", "due", "expected", "likely", "poised", "planning", "about",
	"going", "unlikely", "preparing", "hoping", "bracing", NULL
};

/* Verbs that report, as in "said on Monday". */
const char *const seg_reporting[] = {
	"said", "announced", "confirmed", "revealed", "warned", "told", "claimed",
	"admitted", "insisted", "denied", "reported", "stated", "declared", NULL
};

/* Words that end a company's name. */
const char *const seg_companies[] = {
	"corp", "inc", "co", "ltd", "plc", "group", "company", "corporation",
	"holdings", "bank", "ag", "sa", "nv", NULL
};

/* Verbs that attribute a statement, as in "it said", "he added". */
const char *const seg_attributing[] = {
	"said", "says", "added", "adds", "told", "noted", "estimated", "explained",
	"stated", NULL
};

/* Subject pronouns, which attribute to someone already named: "it said". */
const char *const seg_subject_pronouns[] = {
	"it", "he", "she", "they", "we", NULL
};

/* Days of the week. */
const char *const seg_days[] = {
	"monday", "tuesday", "wednesday", "thursday", "friday", "saturday",
	"sunday", NULL
};

int seg_in_list_linear(const char *const *list, const char *w, size_t n)
{
	if (n == 0)
		return 0;
	for (; *list; list++)
		if ((*list)[0] == w[0] && !strncmp(*list, w, n) && (*list)[n] == '\0')
			return 1;
	return 0;
}

#define WSET_SLOTS 256	/* a word list's hash set, a power of two */

/* The hash set of a word list: each slot 1 + the index of a word, 0 if
 * empty, and that word's length. */
struct wordset {
	const char *const *list;
	int ok;		/* built (the list fits) */
	uint64_t lens;	/* bit n set when a word has n bytes (under 64) */
	uint64_t first[4];	/* bit c set when a word starts with byte c */
	uint8_t slot[WSET_SLOTS], len[WSET_SLOTS];
};

/* The lists the segmenter asks about word by word. */
static struct wordset wordsets[] = {
	{ .list = seg_stop_words_open }, { .list = seg_connectives },
	{ .list = seg_pronouns }, { .list = seg_titles },
	{ .list = seg_participles }, { .list = seg_to_words },
	{ .list = seg_reporting }, { .list = seg_companies },
	{ .list = seg_attributing }, { .list = seg_subject_pronouns },
	{ .list = seg_days },
};
#define NWORDSETS (sizeof wordsets / sizeof wordsets[0])
#define WSET_BY_LIST 64	/* the sets by their list's address, a power of two */
static struct wordset *wordset_of[WSET_BY_LIST];
static pthread_once_t wordsets_once = PTHREAD_ONCE_INIT;
static atomic_int wordsets_built;	/* set once the sets are, read first */

/* Where a list's set is kept in wordset_of. */
static size_t list_slot(const char *const *list)
{
	return ((uintptr_t)list / sizeof *list) & (WSET_BY_LIST - 1);
}

/* The slot where the n bytes at w are first looked for. */
static unsigned wordset_hash(const char *w, size_t n)
{
	uint32_t h = 2166136261u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ (unsigned char)w[i]) * 16777619u;
	return h & (WSET_SLOTS - 1);
}

/* Build the hash set of every list (once); a list of more than a
 * quarter of the slots, or of an empty word or one of 64 bytes or more,
 * stays linear. */
static void wordsets_build(void)
{
	for (size_t k = 0; k < NWORDSETS; k++) {
		struct wordset *ws = &wordsets[k];
		size_t i;

		for (i = 0; ws->list[i]; i++) {
			size_t n = strlen(ws->list[i]);
			unsigned h = wordset_hash(ws->list[i], n);

			if (i >= WSET_SLOTS / 4 || n == 0 || n >= 64)
				break;
			unsigned char c = (unsigned char)ws->list[i][0];

			ws->lens |= (uint64_t)1 << n;
			ws->first[c >> 6] |= (uint64_t)1 << (c & 63);
			while (ws->slot[h])
				h = (h + 1) & (WSET_SLOTS - 1);
			ws->slot[h] = (uint8_t)(i + 1);
			ws->len[h] = (uint8_t)n;
		}
		ws->ok = !ws->list[i];
		/* two lists at one slot: the second is found by the scan */
		if (ws->ok && !wordset_of[list_slot(ws->list)])
			wordset_of[list_slot(ws->list)] = ws;
	}
	atomic_store_explicit(&wordsets_built, 1, memory_order_release);
}

/* Whether the n bytes at w are in a built hash set. */
static int wordset_has(const struct wordset *ws, const char *w, size_t n)
{
	unsigned char c = (unsigned char)w[0];

	/* most words have a length or a first byte no word of the list has */
	if (n >= 64 || !(ws->lens >> n & 1) || !(ws->first[c >> 6] >> (c & 63) & 1))
		return 0;
	for (unsigned h = wordset_hash(w, n); ws->slot[h]; h = (h + 1) & (WSET_SLOTS - 1))
		if (ws->len[h] == n && !memcmp(ws->list[ws->slot[h] - 1], w, n))
			return 1;
	return 0;
}

/* Whether the n bytes at w are one of the words of a NULL-ended list:
 * by its hash set for the lists above, else word by word. */
int seg_in_list(const char *const *list, const char *w, size_t n)
{
	if (n == 0)
		return 0;
	if (!atomic_load_explicit(&wordsets_built, memory_order_acquire))
		pthread_once(&wordsets_once, wordsets_build);
	const struct wordset *at = wordset_of[list_slot(list)];

	if (at && at->list == list)
		return wordset_has(at, w, n);
	for (size_t k = 0; k < NWORDSETS; k++)
		if (wordsets[k].list == list && wordsets[k].ok)
			return wordset_has(&wordsets[k], w, n);
	return seg_in_list_linear(list, w, n);
}

/* Whether the n bytes at w end with suffix sfx. */
int seg_ends_with(const char *w, size_t n, const char *sfx)
{
	size_t k = strlen(sfx);

	return n >= k && !memcmp(w + n - k, sfx, k);
}

/* ASCII letters and digits. */
const uint8_t seg_ascii_word[128] = {
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
size_t seg_sep_len(const unsigned char *p, size_t n)
{
	unsigned c = p[0];

	if (c < 0x80)
		return !seg_ascii_word[c];
	if (c == 0xC2 && n > 1 && p[1] >= 0x80)
		return 2;	/* Latin-1 spaces, punctuation and symbols */
	if (c == 0xE2 && n > 2 && p[1] >= 0x80 && p[1] <= 0x82)
		return 3;	/* general punctuation, currency signs */
	return 0;
}

/* Length of the UTF-8 character at p, at most n. */
size_t seg_char_len(const unsigned char *p, size_t n)
{
	size_t k = p[0] < 0x80 ? 1 : p[0] < 0xE0 ? 2 : p[0] < 0xF0 ? 3 : 4;

	return k < n ? k : n;
}

/* Strip common English suffixes from a lower-case word in place. */
size_t seg_stem(char *w, size_t n)
{
	if (n > 4 && seg_ends_with(w, n, "ies")) {
		w[n - 3] = 'y';
		n -= 2;
	} else if (n > 5 && seg_ends_with(w, n, "ing"))
		n -= 3;
	else if (n > 4 && seg_ends_with(w, n, "ed"))
		n -= 2;
	else if (n > 3 && w[n - 1] == 's' && w[n - 2] != 's' && w[n - 2] != 'u' &&
		 w[n - 2] != 'i')
		n--;
	if (n > 5 && seg_ends_with(w, n, "ly"))
		n -= 2;
	else if (n > 4 && w[n - 1] == 'e')
		n--;
	return n;
}

/* Whether a line opens with a quotation mark. */
int seg_opens_quote(const unsigned char *p, size_t n)
{
	if (n && (p[0] == '"' || p[0] == '\''))
		return 1;
	return n >= 3 && p[0] == 0xE2 && p[1] == 0x80 &&
	       (p[2] == 0x98 || p[2] == 0x9C);
}

const size_t seg_nstop_words = sizeof seg_stop_words / sizeof seg_stop_words[0];
