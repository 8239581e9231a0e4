/* SPDX-License-Identifier: MIT */
/* story.h - the story model: documents, their lines and the stories in them.
 * Knows nothing of curses.  The sanitised text of each document is kept
 * once; lines and stories refer into it by offset. */
#ifndef TNEWS_STORY_H
#define TNEWS_STORY_H

#include <stdatomic.h>
#include <stddef.h>
#include <stdint.h>

#include "sbuf.h"

struct rules;
struct segmodel;

/* What a non-blank line is. */
enum line_kind {
	LK_PARAGRAPH,	/* reading text */
	LK_HEADING,	/* crosshead, video or related-link title */
	LK_IMAGE,	/* image caption, with any credit on the line */
	LK_CREDIT,	/* photo or video credit */
	LK_CHROME,	/* page furniture */
	LK_NKINDS
};

/* Flags of a line. */
enum {
	LF_FORMFEED = 1,	/* a form feed came before this line */
	LF_RULE = 2,		/* a furniture rule decided its kind */
};

/* The most text a document holds: lines refer into it by 32-bit offset. */
#define DOC_TEXT_MAX ((size_t)UINT32_MAX)

/* One non-blank physical line of a document, in 12 bytes (a dump of
 * 100 MB has over a million).  Its physical line number is not kept
 * here but follows from the blank lines before it (doc_lineno). */
struct line {
	uint32_t off;		/* offset of the trimmed text in doc->text */
	uint32_t len;		/* its length in bytes */
	unsigned kind : 3;	/* enum line_kind */
	unsigned flags : 2;	/* LF_* */
	unsigned blanks : 8;	/* blank lines just before it, at most 255 */
	/* with LF_RULE: 1 + index of the rule that decided it (0 past
	 * 65534); else the model's probability of its kind, x255 */
	unsigned score : 16;
};

/* Lines apart of the physical line numbers a document keeps (doc_lineno
 * adds up the blank lines of fewer than this many lines). */
#define DOC_LINENO_STEP 32

/* A line whose blanks do not give the blank lines before it (255 or
 * more of them): its index and their count. */
struct line_gap {
	uint32_t line, gap;
};

/* Where a document's text came from. */
enum src_kind {
	SRC_TEXT,	/* a plain-text dump */
	SRC_HTML,	/* a web page, its article extracted */
	SRC_FEED,	/* an RSS or Atom feed, one story per item */
	SRC_MARKDOWN,	/* Markdown, a story under each top heading */
	SRC_NKINDS
};

/* A story that the markup delimits (a feed's item, an article of a page):
 * it starts at line `first` of the document, with what the markup says. */
struct doc_item {
	size_t first;		/* index into doc->lines */
	char *title;		/* headline from the markup, or NULL; owned */
	char *url;		/* link, or NULL; owned */
	char *date;		/* date as the markup gives it, or NULL; owned */
};

/* One input file, sanitised to valid UTF-8 without control bytes. */
struct doc {
	char *name;		/* the name as given on the command line */
	char *text;		/* sanitised text, NUL-terminated (but a
				 * provisional document's, which runs on
				 * into the whole text it shares) */
	size_t len;
	size_t *text_refs;	/* documents holding text when it is shared,
				 * else NULL; the last one frees it */
	struct line *lines;	/* non-blank lines, in order */
	size_t nlines;
	uint32_t nphys;		/* physical lines in the file */
	/* The physical line numbers (doc_set_lineno, doc_lineno): that of
	 * every DOC_LINENO_STEP-th line, the lines whose blanks do not tell
	 * how many blank lines come before them (by index), the number of
	 * the last line. */
	uint32_t *linenos;
	size_t linenos_cap;
	struct line_gap *gaps;
	size_t ngaps, gaps_cap;
	uint32_t last_lineno;
	char **rule_names;	/* "FILE:LINE" of each rule that classified it
				 * (line_rule() - 1 indexes it), owned */
	size_t nrule_names;
	struct segmodel *seg;	/* the learned segmenter weights it is
				 * split by (a copy, owned), or NULL */
	uint8_t src;		/* enum src_kind */
	/* For text: what follows its last line, for text appended later
	 * (input_append): the blank lines (at most 255), whether a form
	 * feed came; the file's bytes the text holds; whether they end a
	 * line (a newline last, or none at all). */
	uint8_t tail_blanks, tail_ff, raw_eol;
	/* For text: the width its paragraphs are hard-wrapped at (0: not
	 * wrapped), in bytes if wrap_bytes, else in characters; its lines
	 * are the paragraphs joined again (reflow.h). */
	uint16_t wrap;
	uint8_t wrap_bytes;
	uint8_t wrap_parted;	/* blank lines part its paragraphs */
	/* Blank lines that part every two lines of it, nearly (1 for a
	 * double-spaced text, else 0): no more a sign of anything than
	 * none is in a text without (reflow_spacing). */
	uint8_t blank_base;
	size_t raw_len;
	/* For text read clean (no byte rewritten): the digest of its text
	 * (digest_bytes, seed 0), taken as it was split into lines, if
	 * has_digest; whatever changes the text clears has_digest. */
	uint8_t has_digest;
	uint64_t digest;
	/* For pages and feeds: the stories the markup gives, by first line
	 * (ascending, the first at line 0); none for text. */
	struct doc_item *items;
	size_t nitems;
	/* Set while its parse is no longer wanted (the reader quit while a
	 * second thread parsed it): the classifier stops early, its
	 * results undefined.  NULL: never. */
	const atomic_int *stop;
};

/* Whether d's parse is no longer wanted (see doc.stop). */
static inline int doc_stopped(const struct doc *d)
{
	return d->stop && atomic_load_explicit(d->stop, memory_order_relaxed);
}

/* One story: a run of lines of one document. */
struct story {
	struct doc *doc;
	size_t first;		/* index of its first line in doc->lines */
	size_t count;		/* number of lines (paragraphs and stripped) */
	char *title;		/* derived from the lede, owned */
	size_t words;		/* words in its paragraphs */
	double score;		/* boundary score that opened it (debugging) */
	const char *why;	/* short reason it starts here (static string) */
};

/* All stories of all documents. */
struct storylist {
	struct doc **docs;
	size_t ndocs, docs_cap;
	struct story *stories;
	size_t n, cap;
};

/* The name of a line kind, as used in JSON and the rules file. */
const char *line_kind_name(enum line_kind k);
/* Parse a kind name; -1 if unknown. */
int line_kind_parse(const char *s, size_t n);

/* "FILE:LINE" of the rule that decided line l, or NULL. */
const char *doc_rule_name(const struct doc *d, const struct line *l);
/* The name of a source kind: "text", "html", "feed". */
const char *src_kind_name(enum src_kind k);

_Static_assert(sizeof(struct line) == 12, "a line record is 12 bytes");

/* The 1-based physical line number of line i of d. */
uint32_t doc_lineno(const struct doc *d, size_t i);
/* Give line i of d, the last recorded (its blanks set), the physical
 * line number lineno (at least the last line's + 1 + its blanks, but
 * for a saturated UINT32_MAX). */
void doc_set_lineno(struct doc *d, size_t i, uint32_t lineno);
/* Keep only the first n lines of d. */
void doc_cut_lines(struct doc *d, size_t n);

/* The model's probability of a line's kind, x255 (255 for a line a rule
 * decided). */
static inline unsigned line_prob(const struct line *l)
{
	return l->flags & LF_RULE ? 255 : l->score;
}

/* 1 + index of the rule that decided a line, or 0. */
static inline unsigned line_rule(const struct line *l)
{
	return l->flags & LF_RULE ? l->score : 0;
}

/* Mark a line decided by no rule (its probability 255 if one had). */
static inline void line_unrule(struct line *l)
{
	if (l->flags & LF_RULE)
		l->score = 255;
	l->flags &= ~LF_RULE & 3u;
}

/* The text of a line. */
static inline struct bstr line_text(const struct doc *d, const struct line *l)
{
	struct bstr b = { d->text + l->off, l->len };
	return b;
}

/* The lines of a story. */
static inline const struct line *story_lines(const struct story *s)
{
	return s->doc->lines + s->first;
}

/* First and last physical line numbers of a story. */
uint32_t story_first_line(const struct story *s);
uint32_t story_last_line(const struct story *s);
/* Number of paragraphs in a story. */
size_t story_paragraphs(const struct story *s);
/* Columns of a title made from a lede: a headline's length. */
#define STORY_TITLE_COLS 70
/* Make the title of a story from its lede, at most max_cols columns: the
 * first sentence, cut at a phrase or word boundary when longer. */
char *story_make_title(const struct story *s, int max_cols);
/* The markup's item a story starts (at its first line), or NULL. */
const struct doc_item *story_item(const struct story *s);
/* Whether the story's title is a headline its markup gives (a page's or
 * feed's), not one made from its lede. */
int story_has_headline(const struct story *s);
/* The markup's item a story lies in (its link and date), or NULL. */
const struct doc_item *story_source(const struct story *s);
/* Fill in title and word count of a story: the markup's headline when
 * the story starts an item that has one, else from its lede. */
void story_finish(struct story *s);

/* Append a story to a list. */
struct story *storylist_add(struct storylist *sl);
/* Take ownership of a document. */
void storylist_add_doc(struct storylist *sl, struct doc *d);
/* The story of d holding its line li, else the last of d's before it (0 if none). */
size_t storylist_holding(const struct storylist *sl, const struct doc *d, size_t li);
/* Free everything. */
void storylist_free(struct storylist *sl);
void doc_free(struct doc *d);

/* The range [*b, *e) of the stories of document d (both sl->n if none). */
void storylist_doc_range(const struct storylist *sl, const struct doc *d, size_t *b, size_t *e);
/* Put the stories of tmp, whose only document is document k of sl parsed
 * again (or parsed whole), in place of document k's stories, and that
 * document in place of k (the old one is freed); tmp is left empty.
 * The stories of the other documents keep their order. */
void storylist_put_doc(struct storylist *sl, size_t k, struct storylist *tmp);

#endif
