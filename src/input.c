/* SPDX-License-Identifier: MIT */
/* input.c - reading files and making them safe: valid UTF-8, no control
 * bytes, one entry per non-blank physical line. */
#include <config.h>

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdint.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#ifdef __SSE2__
#include <emmintrin.h>
#endif

#include "digest.h"
#include "input.h"
#include "markdown.h"
#include "markup.h"
#include "readfile.h"
#include "reflow.h"
#include "sbuf.h"
#include "xmalloc.h"

#define SAMPLE_BYTES 65536

/* Length of the valid UTF-8 sequence at p (1-4), or -k where k >= 1 is
 * the length of its maximal invalid subpart, each to become one U+FFFD. */
static int utf8_seq(const unsigned char *p, size_t n)
{
	unsigned c = p[0];
	unsigned lo = 0x80, hi = 0xBF;
	int need, i;

	if (c < 0x80)
		return 1;
	if (c < 0xC2 || c > 0xF4)
		return -1;
	if (c < 0xE0)
		need = 1;
	else if (c < 0xF0) {
		need = 2;
		if (c == 0xE0)
			lo = 0xA0;
		else if (c == 0xED)
			hi = 0x9F;
	} else {
		need = 3;
		if (c == 0xF0)
			lo = 0x90;
		else if (c == 0xF4)
			hi = 0x8F;
	}
	for (i = 1; i <= need; i++) {
		if ((size_t)i >= n || p[i] < lo || p[i] > hi)
			return -i;
		lo = 0x80;
		hi = 0xBF;
	}
	return need + 1;
}

/* Whether the first bytes look like a binary file; sets a reason. */
static int looks_binary(const unsigned char *p, size_t n, char *err, size_t errlen)
{
	static const struct { const char *magic; size_t len; const char *what; } magics[] = {
		{ "\x7f" "ELF", 4, "an executable" },
		{ "PK\x03\x04", 4, "a zip archive" },
		{ "%PDF-", 5, "a PDF document" },
		{ "\x89PNG", 4, "a PNG image" },
		{ "GIF8", 4, "a GIF image" },
		{ "\xff\xd8\xff", 3, "a JPEG image" },
		{ "\x1f\x8b", 2, "gzip-compressed" },
		{ "BZh", 3, "bzip2-compressed" },
		{ "\xfd" "7zXZ", 5, "xz-compressed" },
		{ "\x28\xb5\x2f\xfd", 4, "zstd-compressed" },
	};
	size_t i, bad = 0, m = n < SAMPLE_BYTES ? n : SAMPLE_BYTES;

	if (n >= 2 && ((p[0] == 0xFF && p[1] == 0xFE) || (p[0] == 0xFE && p[1] == 0xFF))) {
		snprintf(err, errlen, "UTF-16 text is not supported (convert it with iconv -f UTF-16 -t UTF-8)");
		return 1;
	}
	for (i = 0; i < sizeof magics / sizeof magics[0]; i++)
		if (n >= magics[i].len && !memcmp(p, magics[i].magic, magics[i].len)) {
			snprintf(err, errlen, "binary file (%s), not a text dump", magics[i].what);
			return 1;
		}
	for (i = 0; i < m;) {
		int k = utf8_seq(p + i, m - i);

		if (k < 0) {
			if (i - k >= m)	/* may be cut by the sample's end */
				break;
			bad += (size_t)-k;
			i += (size_t)-k;
			continue;
		}
		if (k == 1 && (p[i] < 0x20 || p[i] == 0x7f) && p[i] != '\n' &&
		    p[i] != '\r' && p[i] != '\t' && p[i] != '\f')
			bad++;
		i += (size_t)k;
	}
	if (m >= 32 && bad * 10 > m * 3) {
		snprintf(err, errlen, "binary file (%zu%% of its first bytes are not text)",
			 bad * 100 / m);
		return 1;
	}
	return 0;
}

/* Eight bytes with each newline made a printable byte ('*'), so that
 * a test for control bytes passes over line ends. */
static uint64_t newlines_printable(uint64_t w)
{
	const uint64_t low = 0x7f7f7f7f7f7f7f7full;
	uint64_t y = w ^ 0x0a0a0a0a0a0a0a0aull;
	uint64_t nl = ~(((y & low) + low) | y) & ~low;	/* 0x80 where a newline is */

	return w | (nl >> 2);
}

/* Bytes of the Unicode space at p (n bytes on) read as an ASCII space:
 * no-break (U+00A0), en quad to hair (U+2000-U+200A), narrow no-break
 * (U+202F), medium mathematical (U+205F), ideographic (U+3000); else 0. */
static size_t uspace(const unsigned char *p, size_t n)
{
	if (n >= 2 && p[0] == 0xC2 && p[1] == 0xA0)
		return 2;
	if (n < 3)
		return 0;
	if (p[0] == 0xE2 && p[1] == 0x80 && (p[2] <= 0x8A || p[2] == 0xAF))
		return 3;
	if ((p[0] == 0xE2 && p[1] == 0x81 && p[2] == 0x9F) ||
	    (p[0] == 0xE3 && p[1] == 0x80 && p[2] == 0x80))
		return 3;
	return 0;
}

/* Where the run of printable ASCII and newlines from i ends, read in
 * blocks (sixteen bytes with SSE2, eight without); it may stop before
 * the run's end, never after it. */
static size_t plain_run(const unsigned char *p, size_t i, size_t n)
{
#ifdef __SSE2__
	const __m128i space = _mm_set1_epi8(0x20), del = _mm_set1_epi8(0x7f);
	const __m128i nl = _mm_set1_epi8('\n');

	while (i + 16 <= n) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(p + i));
		/* signed: bytes < 0x20 and bytes >= 0x80 are both below 0x20 */
		__m128i bad = _mm_or_si128(_mm_cmplt_epi8(v, space), _mm_cmpeq_epi8(v, del));

		bad = _mm_andnot_si128(_mm_cmpeq_epi8(v, nl), bad);
		if (_mm_movemask_epi8(bad))
			break;
		i += 16;
	}
#endif
	while (i + 8 <= n) {
		uint64_t w;

		memcpy(&w, p + i, 8);
		w = newlines_printable(w);
		/* any byte >= 0x7f, or < 0x20 */
		if ((w & 0x8080808080808080ull) ||
		    ((w + 0x0101010101010101ull) & 0x8080808080808080ull) ||
		    ((w - 0x2020202020202020ull) & ~w & 0x8080808080808080ull))
			break;
		i += 8;
	}
	return i;
}

/* Whether bytes need rewriting, a leading BOM aside: bad UTF-8,
 * control bytes, CR. */
static int dirty(const unsigned char *p, size_t n)
{
	size_t i;

	for (i = 0; i < n;) {
		if (p[i] < 0x80) {
			if ((p[i] < 0x20 && p[i] != '\n') || p[i] == 0x7f)
				return 1;
			i = plain_run(p, i + 1, n);
			continue;
		}
		int k = utf8_seq(p + i, n - i);

		if (k < 0 || (p[i] == 0xC2 && p[i + 1] < 0xA0))	/* C1 control */
			return 1;
		i += (size_t)k;
	}
	return 0;
}

/* The first byte of t from i on (before e) that may begin a Unicode
 * space (0xC2, 0xE2 or 0xE3), or e; sixteen bytes at a time with SSE2. */
static size_t space_lead(const unsigned char *t, size_t i, size_t e)
{
#if defined(__SSE2__) && defined(__GNUC__)
	const __m128i c2 = _mm_set1_epi8((char)0xC2), e2 = _mm_set1_epi8((char)0xE2);
	const __m128i e3 = _mm_set1_epi8((char)0xE3);

	for (; i + 16 <= e; i += 16) {
		__m128i v = _mm_loadu_si128((const __m128i *)(const void *)(t + i));
		__m128i hit = _mm_or_si128(_mm_cmpeq_epi8(v, c2),
					   _mm_or_si128(_mm_cmpeq_epi8(v, e2), _mm_cmpeq_epi8(v, e3)));
		unsigned m = (unsigned)_mm_movemask_epi8(hit);

		if (m)
			return i + (size_t)__builtin_ctz(m);
	}
#endif
	for (; i < e; i++)
		if (t[i] == 0xC2 || t[i] == 0xE2 || t[i] == 0xE3)
			return i;
	return e;
}

/* Make every Unicode space in the whole lines [s, e) of text an ASCII
 * space, in place: the rest of its line moves up, and the bytes freed
 * before the line's end become spaces (which trimming drops), so that
 * no byte outside a line is left over and offsets of other lines hold.
 * A no-break space in a scraped page parts words as a space does. */
static void unbreak_spaces(char *text, size_t s, size_t e)
{
	unsigned char *t = (unsigned char *)text;
	size_t r = s, w = s;

	while (r < e) {
		if (w == r) {	/* nothing to move up: on to the next that may be a space */
			r = w = space_lead(t, r, e);
			if (r >= e)
				break;
		}
		size_t k = uspace(t + r, e - r);

		if (k) {
			t[w++] = ' ';
			r += k;
		} else {
			if (t[r] == '\n') {	/* the line's end: spaces for the bytes freed */
				if (t[w - 1] == '\r')	/* before a CRLF's CR */
					t[--w] = ' ', t[r - 1] = '\r';
				memset(t + w, ' ', r - w - (t[r - 1] == '\r'));
				w = r;
			}
			t[w++] = t[r++];
		}
	}
	memset(t + w, ' ', e - w);
}

/* Whether the bytes starting a file begin with a UTF-8 BOM. */
static int has_bom(const unsigned char *p, size_t n)
{
	return n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF;
}

/* Whether a buffer needs rewriting: bad UTF-8, control bytes, CR, BOM. */
static int needs_cleaning(const unsigned char *p, size_t n)
{
	return has_bom(p, n) || dirty(p, n);
}

/* Append code point c as UTF-8. */
static void put_uc(struct sbuf *b, unsigned c)
{
	char t[4];

	if (c < 0x800) {
		t[0] = (char)(0xC0 | (c >> 6));
		t[1] = (char)(0x80 | (c & 0x3F));
		sbuf_add(b, t, 2);
	} else {
		t[0] = (char)(0xE0 | (c >> 12));
		t[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		t[2] = (char)(0x80 | (c & 0x3F));
		sbuf_add(b, t, 3);
	}
}

/* Rewrite bytes as clean text: one U+FFFD per invalid sequence, CRLF and
 * (in files without LF) CR as LF, tabs as spaces, form feeds kept as the
 * only control byte (a story separator), other controls as their visible
 * Control Pictures, C1 controls as U+FFFD, a leading BOM dropped. */
static void clean(const unsigned char *p, size_t n, struct sbuf *out)
{
	int cr_is_eol = memchr(p, '\n', n) == NULL;
	size_t i = 0, run;

	if (n >= 3 && p[0] == 0xEF && p[1] == 0xBB && p[2] == 0xBF)
		i = 3;
	while (i < n) {
		for (run = i; run < n && p[run] >= 0x20 && p[run] < 0x7f; run++)
			;
		if (run > i) {
			sbuf_add(out, (const char *)p + i, run - i);
			i = run;
			continue;
		}
		unsigned c = p[i];

		if (c == '\n' || c == '\f') {
			sbuf_addc(out, (char)c);
			i++;
		} else if (c == '\r') {
			if (i + 1 < n && p[i + 1] == '\n')
				i++;
			else if (i + 1 == n)	/* a last line's CRLF without its LF */
				i++;
			else if (cr_is_eol) {
				sbuf_addc(out, '\n');
				i++;
			} else {
				put_uc(out, 0x240D);
				i++;
			}
		} else if (c == '\t') {
			sbuf_addc(out, ' ');
			i++;
		} else if (c < 0x20) {
			put_uc(out, 0x2400 + c);
			i++;
		} else if (c == 0x7f) {
			put_uc(out, 0x2421);
			i++;
		} else {
			int k = utf8_seq(p + i, n - i);

			if (k < 0) {
				put_uc(out, 0xFFFD);
				i += (size_t)-k;
			} else if (c == 0xC2 && p[i + 1] < 0xA0) {
				put_uc(out, 0xFFFD);
				i += 2;
			} else {
				sbuf_add(out, (const char *)p + i, (size_t)k);
				i += (size_t)k;
			}
		}
	}
	if (!out->p)
		sbuf_add(out, "", 0);
}

/* Record the line [s, e) of the text less its edge spaces, as physical
 * line lineno after *blanks blank lines, with flags; a blank one only
 * counts in *blanks.  Whether a line was recorded. */
static int put_line(struct doc *d, size_t *cap, size_t s, size_t e,
		    uint32_t lineno, unsigned *blanks, unsigned flags)
{
	const char *t = d->text;

	while (s < e && t[s] == ' ')
		s++;
	while (e > s && t[e - 1] == ' ')
		e--;
	if (s == e) {
		if (*blanks < 255)
			(*blanks)++;
		return 0;
	}
	if (d->nlines == *cap)
		d->lines = xgrow(d->lines, cap, d->nlines + 1, sizeof *d->lines);
	struct line *l = &d->lines[d->nlines++];

	l->off = (uint32_t)s;
	l->len = (uint32_t)(e - s);
	l->kind = LK_PARAGRAPH;
	l->flags = flags;
	l->blanks = (uint8_t)*blanks;
	l->score = 255;
	doc_set_lineno(d, d->nlines - 1, lineno);
	*blanks = 0;
	return 1;
}

/* Record one physical line [s, e) of the text; blank lines count only.
 * Its form feeds become spaces and mark it (or the next line that is
 * not blank). */
static void add_line(struct doc *d, size_t *cap, size_t s, size_t e,
		     uint32_t lineno, unsigned *blanks, int *ff)
{
	char *f, *at = d->text + s, *end = d->text + e;

	while (at < end && (f = memchr(at, '\f', (size_t)(end - at)))) {
		*ff = 1;
		*f = ' ';
		at = f + 1;
	}
	if (put_line(d, cap, s, e, lineno, blanks, *ff ? LF_FORMFEED : 0))
		*ff = 0;
}

/* Split the document's text from byte s on into its lines, the first
 * of them physical line lineno, after blanks blank lines (and a form
 * feed if ff); what follows the last line is kept for input_append. */
static void index_from(struct doc *d, size_t s, uint32_t lineno, unsigned blanks, int ff)
{
	size_t cap = d->nlines, i;

	while (s < d->len) {
		const char *nl = memchr(d->text + s, '\n', d->len - s);

		i = nl ? (size_t)(nl - d->text) : d->len;
		add_line(d, &cap, s, i, lineno, &blanks, &ff);
		if (lineno < UINT32_MAX)
			lineno++;
		s = i + 1;
	}
	d->nphys = lineno - 1;
	d->tail_blanks = (uint8_t)blanks;
	d->tail_ff = (uint8_t)ff;
}

/* Split the document's text into its lines. */
static void index_lines(struct doc *d)
{
	index_from(d, 0, 1, 0, 0);
}

/* Bytes of a text taken at a time (on to the end of a line) by
 * split_clean: each block is checked, split and digested while it is
 * in the processor's cache, so that a long file is read from memory
 * once, not three times. */
#define SCAN_BLOCK 65536

/* Split the lines of [s, e) of a clean text, the first physical line
 * *lineno after *blanks blank lines; both updated. */
static void split_block(struct doc *d, size_t *cap, size_t s, size_t e, uint32_t *lineno,
			unsigned *blanks)
{
	while (s < e) {
		const char *nl = memchr(d->text + s, '\n', e - s);
		size_t i = nl ? (size_t)(nl - d->text) : e;

		put_line(d, cap, s, i, *lineno, blanks, 0);
		if (*lineno < UINT32_MAX)
			(*lineno)++;
		s = i + 1;
	}
}

/* The end of the block of text t (n bytes) that begins at at: past the
 * end of the line SCAN_BLOCK bytes on, so that no UTF-8 sequence is
 * cut, or n. */
static size_t block_end(const char *t, size_t at, size_t n)
{
	const char *nl = n - at > SCAN_BLOCK ? memchr(t + at + SCAN_BLOCK, '\n', n - at - SCAN_BLOCK)
					     : NULL;

	return nl ? (size_t)(nl - t) + 1 : n;
}

/* Texts this long are checked and digested on a second thread while the
 * first splits them: by default (0) SPLIT_BYTES where the machine has two
 * processors. */
#define SPLIT_BYTES ((size_t)1 << 20)
static size_t split_bytes;

void input_set_split(size_t bytes)
{
	split_bytes = bytes;
}

/* Whether a text of n bytes is worth a second thread. */
static int split_worth(size_t n)
{
	if (split_bytes)
		return n >= split_bytes;
	return n >= SPLIT_BYTES && sysconf(_SC_NPROCESSORS_ONLN) >= 2;
}

/* A stretch of a text whose spaces a thread makes plain. */
struct unbreak_part {
	char *t;
	size_t s, e;
};

/* Make one stretch's spaces plain (a thread's work). */
static void *unbreak_part(void *arg)
{
	struct unbreak_part *u = arg;

	unbreak_spaces(u->t, u->s, u->e);
	return NULL;
}

/* Make the n bytes of t's spaces plain, a long text's second half (from
 * a line's start: unbreak_spaces works line by line, so the halves come
 * out as the whole would) on a thread of its own. */
static void unbreak_text(char *t, size_t n)
{
	const char *nl = split_worth(n) ? memchr(t + n / 2, '\n', n - n / 2) : NULL;
	struct unbreak_part b = { t, nl ? (size_t)(nl - t) + 1 : n, n };
	pthread_t th;

	if (b.s >= n || pthread_create(&th, NULL, unbreak_part, &b) != 0) {
		unbreak_spaces(t, 0, n);
		return;
	}
	unbreak_spaces(t, 0, b.s);
	pthread_join(th, NULL);
}

/* A text checked for bytes to rewrite and digested, a block at a time,
 * on a thread of its own while another splits it: dirty is set as soon
 * as such a byte is found (the splitter then stops), else digest is the
 * whole text's. */
struct textcheck {
	const char *t;
	size_t n;
	atomic_int dirty;
	uint64_t digest;
};

/* Check and digest a text (a thread's work). */
static void *check_part(void *arg)
{
	struct textcheck *c = arg;
	const unsigned char *p = (const unsigned char *)c->t;
	struct digest g;

	digest_begin(&g, c->n, 0);
	for (size_t at = 0, end; at < c->n; at = end) {
		end = block_end(c->t, at, c->n);
		if (dirty(p + at, end - at)) {
			atomic_store_explicit(&c->dirty, 1, memory_order_relaxed);
			return NULL;
		}
		digest_add(&g, p + at, end - at);
	}
	c->digest = digest_end(&g);
	return NULL;
}

/* Split a clean text into its lines (its first physical line *lineno,
 * after *blanks blank lines, both updated) a block at a time, while
 * another thread checks and digests it (c), stopping when it finds a
 * byte to rewrite; whether it found none. */
static int split_checked(struct doc *d, size_t *cap, uint32_t *lineno, unsigned *blanks,
			 struct textcheck *c, pthread_t th)
{
	for (size_t at = 0, end; at < d->len; at = end) {
		if (atomic_load_explicit(&c->dirty, memory_order_relaxed))
			break;
		end = block_end(d->text, at, d->len);
		split_block(d, cap, at, end, lineno, blanks);
	}
	pthread_join(th, NULL);
	return !atomic_load_explicit(&c->dirty, memory_order_relaxed);
}

/* Split a text that needs no rewriting into its lines and take its
 * digest, in one pass of blocks (a long text's checking and digest on a
 * second thread, in a pass of their own); 0, or -1 with no line kept if
 * a byte needs rewriting after all (the text is cleaned and split
 * again). */
static int split_clean(struct doc *d)
{
	const unsigned char *p = (const unsigned char *)d->text;
	size_t n = d->len, at = 0, cap = d->nlines;
	uint32_t lineno = 1;
	unsigned blanks = 0;
	struct digest g;
	struct textcheck c = { .t = d->text, .n = n };
	pthread_t th;

	if (has_bom(p, n))
		return -1;
	if (split_worth(n) && pthread_create(&th, NULL, check_part, &c) == 0) {
		if (!split_checked(d, &cap, &lineno, &blanks, &c, th)) {
			doc_cut_lines(d, 0);
			return -1;
		}
		d->digest = c.digest;
	} else {
		digest_begin(&g, n, 0);
		for (size_t end; at < n; at = end) {
			end = block_end(d->text, at, n);
			if (dirty(p + at, end - at)) {
				doc_cut_lines(d, 0);
				return -1;
			}
			digest_add(&g, p + at, end - at);
			split_block(d, &cap, at, end, &lineno, &blanks);
		}
		d->digest = digest_end(&g);
	}
	d->nphys = lineno - 1;
	d->tail_blanks = (uint8_t)blanks;
	d->tail_ff = 0;
	d->has_digest = 1;
	return 0;
}

/* Where a text's lines may be had without splitting it (input_set_known). */
static int (*known_lines)(struct doc *d);

void input_set_known(int (*known)(struct doc *d))
{
	known_lines = known;
}

/* Take ownership of raw bytes (malloc'd, n+1 allocated) and make a doc. */
static struct doc *doc_from_raw(const char *name, char *raw, size_t n,
				char *err, size_t errlen)
{
	struct doc *d;
	enum src_kind kind = markup_sniff(raw, n);

	if (kind != SRC_TEXT) {	/* a web page or a feed */
		d = markup_read(name, kind, raw, n, err, errlen);
		free(raw);
		return d;
	}
	if (looks_binary((unsigned char *)raw, n, err, errlen)) {
		free(raw);
		return NULL;
	}
	if (markdown_sniff(raw, n)) {	/* headings over its stories */
		d = markup_read(name, SRC_MARKDOWN, raw, n, err, errlen);
		free(raw);
		return d;
	}
	d = xcalloc(1, sizeof *d);
	d->name = xstrdup(name);
	d->raw_len = n;
	d->raw_eol = n == 0 || raw[n - 1] == '\n';
	raw[n] = '\0';
	unbreak_text(raw, n);	/* before all else: the digest is of the words' text */
	d->text = raw;
	d->len = n;
	if (d->len <= DOC_TEXT_MAX && known_lines && !has_bom((unsigned char *)raw, n) &&
	    known_lines(d)) {
		reflow_detect(d);	/* parsed before: its lines kept, joined */
		reflow_spaces(d);
		reflow_spacing(d);
		return d;
	}
	if (d->len <= DOC_TEXT_MAX && split_clean(d) == 0) {
		reflow_detect(d);
		reflow_join(d, 0);
		reflow_spacing(d);
		return d;
	}
	/* bytes to rewrite: the clean text, then its lines */
	struct sbuf out = { 0 };

	clean((unsigned char *)raw, n, &out);
	free(raw);
	d->text = out.p;
	d->len = out.n;
	if (d->len > DOC_TEXT_MAX) {
		snprintf(err, errlen, "too large (more than 4 GB of text)");
		doc_free(d);
		return NULL;
	}
	index_lines(d);
	reflow_detect(d);
	reflow_join(d, 0);
	reflow_spacing(d);
	return d;
}

/* The most read from a pipe, FIFO or device (0: the default). */
static size_t max_input;

void input_set_max(size_t bytes)
{
	max_input = bytes;
}

size_t input_max(void)
{
	return max_input ? max_input : INPUT_MAX_DEFAULT;
}

/* Read from fd into *p (*cap allocated, grown as needed but never past
 * want + 1) until *n is want or the end; sets *eof at the end.  0, or
 * an errno value. */
static int read_upto(int fd, char **p, size_t *cap, size_t *n, size_t want, int *eof)
{
	while (*n < want) {
		if (*n + 1 >= *cap) {
			*cap = *cap > want / 2 ? want + 1 : *cap * 2;
			*p = xrealloc(*p, *cap);
		}
		size_t room = *cap - *n - 1;
		ssize_t r = read(fd, *p + *n, room < want - *n ? room : want - *n);

		if (r < 0 && errno == EINTR)
			continue;
		if (r < 0)
			return errno;
		if (r == 0) {
			*eof = 1;
			return 0;
		}
		*n += (size_t)r;
	}
	return 0;
}

/* A part of a regular file read on a thread of its own: want bytes from
 * offset off into p, got of them (fewer at the file's end), err an errno
 * value. */
struct readpart {
	int fd;
	char *p;
	off_t off;
	size_t want, got;
	int err;
};

/* Fault in a part's block in one call and read the part into it (a
 * thread's work). */
static void *read_part(void *arg)
{
	struct readpart *r = arg;

	xmalloc_populate(r->p, r->want);
	while (r->got < r->want) {
		ssize_t k = pread(r->fd, r->p + r->got, r->want - r->got, r->off + (off_t)r->got);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0) {
			r->err = k < 0 ? errno : 0;
			break;
		}
		r->got += (size_t)k;
	}
	return NULL;
}

#define HUGE_PAGE ((uintptr_t)2 << 20)

/* Read the rest bytes of a regular file after its offset at into p from
 * *n on (room for them), a long rest in two halves on two threads (each
 * faulting in its own half of the block, parted at a huge page); *n
 * grows by the bytes read in one run from at, and the file's offset is
 * set after them, for read_upto to go on to the end.  0, or an errno
 * value. */
static int read_halves(int fd, char *p, size_t *n, off_t at, size_t rest)
{
	uintptr_t from = (uintptr_t)(p + *n), mid = (from + rest / 2) & ~(HUGE_PAGE - 1);
	struct readpart a = { fd, p + *n, at, mid > from ? mid - from : rest / 2, 0, 0 };
	struct readpart b = { fd, a.p + a.want, at + (off_t)a.want, rest - a.want, 0, 0 };
	pthread_t th;

	if (!split_worth(rest) || pthread_create(&th, NULL, read_part, &b) != 0) {
		xmalloc_populate(p + *n, rest);	/* what read fills: in one call */
		return 0;
	}
	read_part(&a);
	pthread_join(th, NULL);
	if (a.got == a.want)	/* b's bytes follow on */
		a.got += b.got, a.err = b.err;
	*n += a.got;
	if (!a.err && lseek(fd, at + (off_t)a.got, SEEK_SET) < 0)
		return errno;
	return a.err;
}

/* Read all of fd into a malloc'd buffer with one spare byte, or NULL
 * with the reason in err: the first SAMPLE_BYTES are judged before
 * reading on (a binary file, not a page, is refused there, whatever
 * its size), and
 * no more than input_max() bytes are taken from anything but a regular
 * file (endless devices and pipes). */
static char *slurp(int fd, size_t *np, char *err, size_t errlen)
{
	struct stat st;
	size_t cap = SAMPLE_BYTES + 1, n = 0, limit = input_max();
	int eof = 0, e, regular = 0;
	char *p;

	if (fstat(fd, &st) == 0) {
		if (S_ISDIR(st.st_mode)) {
			snprintf(err, errlen, "%s", strerror(EISDIR));
			return NULL;
		}
		regular = S_ISREG(st.st_mode);
		if (regular && (uintmax_t)st.st_size > DOC_TEXT_MAX) {
			snprintf(err, errlen, "too large (more than 4 GB)");
			return NULL;
		}
	}
	p = xmalloc(cap);
	e = read_upto(fd, &p, &cap, &n, SAMPLE_BYTES, &eof);
	if (!e && !eof && markup_sniff(p, n) == SRC_TEXT &&
	    looks_binary((unsigned char *)p, n, err, errlen)) {
		free(p);
		return NULL;
	}
	if (!e && !eof && regular && (uintmax_t)st.st_size >= n && st.st_size < SSIZE_MAX) {
		cap = (size_t)st.st_size + 4096;
		p = xrealloc(p, cap);
		xmalloc_advise_huge(p, cap);	/* faulted in 2 MB, not 4 KB, at a time */
		off_t at = lseek(fd, 0, SEEK_CUR);	/* after the sample, whatever came before */

		if (at >= 0 && st.st_size > at)
			e = read_halves(fd, p, &n, at, (size_t)(st.st_size - at));
	}
	if (!e && !eof)
		e = read_upto(fd, &p, &cap, &n, regular ? SIZE_MAX - 1 : limit + 1, &eof);
	if (e) {
		snprintf(err, errlen, "%s", strerror(e));
		free(p);
		return NULL;
	}
	if (n > limit && !regular) {
		char sz[32];

		size_format(limit, sz, sizeof sz);
		snprintf(err, errlen, "more than %s from a pipe or device, not read "
			 "(--max-input raises the limit)", sz);
		free(p);
		return NULL;
	}
	*np = n;
	return p;
}

struct doc *input_read(const char *name, char *err, size_t errlen)
{
	int fd = strcmp(name, "-") ? open(name, O_RDONLY | O_CLOEXEC | O_NOCTTY) : 0;
	size_t n = 0;
	char *raw;

	if (fd < 0) {
		snprintf(err, errlen, "%s", strerror(errno));
		return NULL;
	}
	raw = slurp(fd, &n, err, errlen);
	if (fd != 0)
		close(fd);
	if (!raw)
		return NULL;
	return doc_from_raw(name, raw, n, err, errlen);
}

struct doc *input_from_bytes(const char *name, const char *bytes, size_t n,
			     char *err, size_t errlen)
{
	char *raw = xmalloc(n + 1);

	memcpy(raw, bytes, n);
	return doc_from_raw(name, raw, n, err, errlen);
}

int input_append(struct doc *d, const char *bytes, size_t n)
{
	struct sbuf out = { 0 };
	const char *p = bytes;
	size_t m = n, old = d->len;

	if (d->src != SRC_TEXT || !d->raw_eol || (n && bytes[n - 1] != '\n'))
		return -1;
	if (needs_cleaning((const unsigned char *)bytes, n)) {
		clean((const unsigned char *)bytes, n, &out);
		p = out.p;
		m = out.n;
	}
	if (m > DOC_TEXT_MAX - old) {
		sbuf_free(&out);
		return -1;
	}
	if (d->text_refs) {	/* shared: a copy of its own to grow */
		if (*d->text_refs > 1) {
			char *t = xmalloc(old + m + 1);

			memcpy(t, d->text, old);
			--*d->text_refs;
			d->text = t;
		} else {
			free(d->text_refs);
		}
		d->text_refs = NULL;
	}
	d->text = xrealloc(d->text, old + m + 1);
	memcpy(d->text + old, p, m);
	d->len = old + m;
	d->text[d->len] = '\0';
	unbreak_spaces(d->text, old, d->len);
	sbuf_free(&out);
	d->raw_len += n;
	d->has_digest = 0;	/* of the text before */
	size_t had = d->nlines;

	index_from(d, old, d->nphys + 1, d->tail_blanks, d->tail_ff);
	reflow_join(d, had);	/* wrapped as the text before was */
	return 0;
}
