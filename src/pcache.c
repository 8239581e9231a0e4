/* SPDX-License-Identifier: MIT */
/* pcache.c - the parse of a dump kept under $XDG_CACHE_HOME/tnews.
 *
 * One file per dump, named by a digest of the dump's real path,
 * PATH-DIGEST.parse, in the machine's byte order (a cache, not a
 * document: another machine's is foreign and ignored):
 *
 *	magic "tnewsPC\n", u32 format, u32 parser version
 *	u64 program digest, u64 rules digest, u32 mode, u32 zero
 *	u64 text length, u64 text digest, u64 lines, u64 stories,
 *	u64 reasons, u64 string bytes, u64 gaps, u32 physical lines,
 *	u32 last line's number, u32 blank lines after it, u32 zero
 *	per line:   its record (struct line: offset, length, kind, flags,
 *	            blanks, score)
 *	every DOC_LINENO_STEP-th line's number (u32), then the gaps (struct
 *	            line_gap), as doc_lineno keeps them
 *	per story:  u64 first, u64 count, u64 words, f64 score,
 *	            u32 reason (index, or all ones for none), u32 title length,
 *	            u64 key[2] (its state key, state_key_bits)
 *	per reason: u32 length
 *	strings:    the reasons, then the titles, back to back
 *	u64 digest of everything before it
 *
 * Every field is checked before use; a file that fails any check is
 * ignored (and replaced after the parse).  Writes go to a temporary file
 * renamed over the old one. */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "digest.h"
#include "fdio.h"
#include "input.h"
#include "pcache.h"
#include "state_int.h"
#include "sbuf.h"
#include "xmalloc.h"

#define MAGIC "tnewsPC\n"
#define FORMAT 3
#define NO_WHY UINT32_MAX

/* The header of a cache file. */
struct head {
	char magic[8];
	uint32_t format, parser;
	uint64_t program, rules;
	uint32_t mode, zero;
	uint64_t textlen, text, nlines, nstories, nwhy, nstr;
	uint64_t ngaps;
	uint32_t nphys, last_lineno, tail_blanks, zero2;
};

/* Where the parts of a cache file's body are (in one buffer, or its
 * lines and line numbers already in a document's arrays). */
struct body {
	const struct line *lines;
	const uint32_t *linenos;
	const struct line_gap *gaps;
	const char *recs;	/* the stories, then the reasons' lengths, then the strings */
};

/* One story in the file. */
struct rec {
	uint64_t first, count, words;
	double score;
	uint32_t why, titlelen;
	uint64_t key[2];
};

/* The state keys of the stories of a document loaded from the cache,
 * by first line, so that they need not be computed again. */
struct keyed {
	const struct doc *d;
	const char *text;		/* d's, to see d is still the same */
	size_t len, n;
	uint64_t digest;		/* of d's text, when d has one (has_digest) */
	size_t hint;			/* the story found last */
	/* first line and line count (32 bits: a document has fewer lines
	 * than the 4 GB its text may have, checked by lines_ok) */
	uint32_t *first, *count;
	uint64_t (*key)[2];
	uint64_t *check;		/* first lines' digests, when d has none */
};

/* How the cache is used in this run. */
static struct {
	int enabled;
	enum seg_mode mode;
	uint64_t rules, program;
	char *dir;
	char **why;		/* reasons read from files, kept for good */
	size_t nwhy, whycap;
	struct keyed *keyed;	/* documents loaded from the cache */
	size_t nkeyed, keyedcap;
	/* the stories of the cache file whose lines pcache_lines gave a
	 * document, checked, for pcache_load */
	struct {
		const struct doc *d;
		const char *text;
		struct head h;
		char *recs;
	} pend;
} cfg;

/* Eight bytes at p as a number. */
static uint64_t rd64(const unsigned char *p)
{
	uint64_t v;

	memcpy(&v, p, 8);
	return v;
}

uint64_t pcache_digest(const void *data, size_t n, uint64_t seed)
{
	return digest_bytes(data, n, seed);
}

/* The whole of a regular file, malloc'd (NULL if it cannot be read or
 * is larger than max). */
static char *slurp(const char *path, size_t max, size_t *np)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat sb;
	char *buf = NULL;
	size_t n = 0;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &sb) < 0 || !S_ISREG(sb.st_mode) || (uint64_t)sb.st_size > max)
		goto out;
	buf = xmalloc((size_t)sb.st_size + 1);
	xmalloc_advise_huge(buf, (size_t)sb.st_size + 1);
	while (n < (size_t)sb.st_size) {
		ssize_t k = read(fd, buf + n, (size_t)sb.st_size - n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k <= 0)
			break;
		n += (size_t)k;
	}
	if (n != (size_t)sb.st_size) {
		free(buf);
		buf = NULL;
	}
out:
	close(fd);
	*np = n;
	return buf;
}

void pcache_add_rules(const char *path)
{
	size_t n;
	char *b = slurp(path, (size_t)64 << 20, &n);

	cfg.rules = pcache_digest(path, strlen(path), cfg.rules + 1);
	if (b)
		cfg.rules = pcache_digest(b, n, cfg.rules);
	else
		cfg.rules = digest_mix(cfg.rules ^ 0xdeadULL);
	free(b);
}

/* The default cache directory, malloc'd, or NULL. */
static char *default_dir(void)
{
	const char *x = getenv("XDG_CACHE_HOME"), *home = getenv("HOME");
	struct sbuf b = { 0 };

	if (x && *x == '/')
		sbuf_printf(&b, "%s/tnews", x);
	else if (home && *home == '/')
		sbuf_printf(&b, "%s/.cache/tnews", home);
	return b.p;
}

void pcache_setup(int enabled, enum seg_mode mode, const char *dir)
{
	input_set_known(enabled ? pcache_lines : NULL);
	size_t n = 0;
	/* the program's digest only matters to a cache that is used */
	char *exe = enabled ? slurp("/proc/self/exe", (size_t)256 << 20, &n) : NULL;

	cfg.enabled = enabled;
	cfg.mode = mode;
	free(cfg.dir);
	cfg.dir = dir ? xstrdup(dir) : default_dir();
	cfg.program = exe ? pcache_digest(exe, n, PCACHE_PARSER_VERSION) : 0;
	free(exe);
}

/* The cache file of d, malloc'd; NULL if d has none (not a regular
 * file of text, or no cache directory). */
static char *file_of(const struct doc *d)
{
	struct sbuf b = { 0 };
	struct stat sb;
	char *real;
	const char *base;

	if (!cfg.enabled || !cfg.dir || !d->name || !strcmp(d->name, "-") ||
	    d->src != SRC_TEXT || d->nitems || stat(d->name, &sb) < 0 ||
	    !S_ISREG(sb.st_mode) || !(real = realpath(d->name, NULL)))
		return NULL;
	base = strrchr(real, '/');
	base = base ? base + 1 : real;
	sbuf_printf(&b, "%s/", cfg.dir);
	for (const char *p = base; *p && p - base < 40; p++)	/* readable, safe */
		sbuf_addc(&b, (*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') ||
			  (*p >= '0' && *p <= '9') || *p == '.' || *p == '-' ? *p : '_');
	sbuf_printf(&b, "-%016llx.parse",
		    (unsigned long long)pcache_digest(real, strlen(real), 0));
	free(real);
	return b.p;
}

/* The header d's cache file must have up to the text's digest. */
static void make_key(struct head *h, const struct doc *d)
{
	memset(h, 0, sizeof *h);
	memcpy(h->magic, MAGIC, 8);
	h->format = FORMAT;
	h->parser = PCACHE_PARSER_VERSION;
	h->program = cfg.program;
	h->rules = cfg.rules;
	h->mode = (uint32_t)cfg.mode;
	h->textlen = d->len;
}

/* The header d's cache file must have. */
static void make_head(struct head *h, const struct doc *d)
{
	make_key(h, d);
	/* taken as the text was read, when it was read as it is */
	h->text = d->has_digest ? d->digest : pcache_digest(d->text, d->len, 0);
	h->nlines = d->nlines;
	h->ngaps = d->ngaps;
	h->nphys = d->nphys;
	h->last_lineno = d->last_lineno;
	h->tail_blanks = d->tail_blanks;
}

/* The line numbers kept for n lines (doc_set_lineno). */
static size_t linenos_of(uint64_t n)
{
	return (size_t)((n + DOC_LINENO_STEP - 1) / DOC_LINENO_STEP);
}

/* The bytes of a body's lines, line numbers and gaps. */
static uint64_t lines_bytes(const struct head *h)
{
	return h->nlines * sizeof(struct line) + linenos_of(h->nlines) * 4 +
		h->ngaps * sizeof(struct line_gap);
}

/* The bytes of a body's stories, reasons and strings. */
static uint64_t recs_bytes(const struct head *h)
{
	return h->nstories * sizeof(struct rec) + h->nwhy * 4 + h->nstr;
}

/* A reason read from a file, as a string that lives as long as tnews. */
static const char *intern(const char *s, size_t n)
{
	for (size_t i = 0; i < cfg.nwhy; i++)
		if (strlen(cfg.why[i]) == n && !memcmp(cfg.why[i], s, n))
			return cfg.why[i];
	cfg.why = xgrow(cfg.why, &cfg.whycap, cfg.nwhy + 1, sizeof *cfg.why);
	cfg.why[cfg.nwhy] = xmemdup(s, n);
	return cfg.why[cfg.nwhy++];
}

/* Whether the counts of h are sane for a file of n bytes; its size must
 * be what they make. */
static int sizes_ok(const struct head *h, uint64_t n)
{
	if (h->nlines > n || h->nstories > h->nlines + 1 || h->nwhy > 1000 || h->nstr > n ||
	    h->ngaps > h->nlines || h->tail_blanks > 255 || h->textlen > UINT32_MAX)
		return 0;
	return sizeof *h + lines_bytes(h) + recs_bytes(h) + 8 == n;
}

/* Whether a body's lines check out against h: each within the text,
 * after the one before, of a known kind, flags and (clean) no form
 * feed; the gaps' lines in order, none past the last. */
static int lines_ok(const struct head *h, const struct body *b, int clean)
{
	uint64_t next = 0;
	unsigned bad = clean ? LF_FORMFEED : 0;

	for (uint64_t i = 0; i < h->nlines; i++) {
		const struct line *l = &b->lines[i];

		if (l->off < next || l->len == 0 || l->len > h->textlen - l->off ||
		    l->kind >= LK_NKINDS || (l->flags & bad))
			return 0;
		next = (uint64_t)l->off + l->len;
	}
	for (uint64_t i = 0; i < h->ngaps; i++)
		if (b->gaps[i].line >= h->nlines || b->gaps[i].line % DOC_LINENO_STEP == 0 ||
		    (i && b->gaps[i].line <= b->gaps[i - 1].line))
			return 0;
	return 1;
}

/* Whether a body's stories check out against h: in order within the
 * lines, reasons and strings adding up. */
static int stories_ok(const struct head *h, const char *r)
{
	size_t strbytes = 0;
	uint64_t next = 0;

	for (uint64_t i = 0; i < h->nwhy; i++) {
		uint32_t len;

		memcpy(&len, r + h->nstories * sizeof(struct rec) + 4 * i, 4);
		strbytes += len;
	}
	for (uint64_t i = 0; i < h->nstories; i++) {
		struct rec s;

		memcpy(&s, r + i * sizeof s, sizeof s);
		if (s.first < next || s.first >= h->nlines || s.count == 0 ||
		    s.count > h->nlines - s.first ||
		    (s.why != NO_WHY && s.why >= h->nwhy) || s.titlelen > h->nstr)
			return 0;
		next = s.first + s.count;
		strbytes += s.titlelen;
	}
	return strbytes == h->nstr;
}

/* The parts of a whole file's body in buf. */
static struct body body_in(const struct head *h, const char *buf)
{
	struct body b;
	const char *p = buf + sizeof *h;

	b.lines = (const struct line *)(const void *)p;
	p += h->nlines * sizeof(struct line);
	b.linenos = (const uint32_t *)(const void *)p;
	p += linenos_of(h->nlines) * 4;
	b.gaps = (const struct line_gap *)(const void *)p;
	b.recs = p + h->ngaps * sizeof(struct line_gap);
	return b;
}

/* A digest of line i of d, to check a kept key is for the same story. */
static uint64_t first_line_digest(const struct doc *d, size_t i)
{
	struct bstr t = line_text(d, &d->lines[i]);

	return pcache_digest(t.s, t.n, doc_lineno(d, i));
}

/* The index of the first of kd's stories whose first line is at or
 * after first (kd->n if none); the one after the last found is tried
 * first, as stories are asked for in order. */
static size_t find_first(struct keyed *kd, uint64_t first)
{
	size_t lo = 0, hi = kd->n, h = kd->hint + 1;

	if (h < kd->n && kd->first[h] == first)
		return h;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (kd->first[mid] < first)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* Whether the document kd was loaded for is still d with the same
 * text: the same text digest, or (without one) the same first line of
 * story i. */
static int same_text(const struct keyed *kd, const struct doc *d, size_t i)
{
	if (kd->d != d || kd->text != d->text || kd->len != d->len)
		return 0;
	if (!kd->check)
		return d->has_digest && d->digest == kd->digest;
	return kd->first[i] < d->nlines && kd->check[i] == first_line_digest(d, kd->first[i]);
}

int pcache_story_key(const struct story *s, uint64_t k[2])
{
	for (size_t j = 0; j < cfg.nkeyed; j++) {
		struct keyed *kd = &cfg.keyed[j];
		size_t i;

		if (kd->d != s->doc)
			continue;
		i = find_first(kd, s->first);
		if (i < kd->n && kd->first[i] == s->first && kd->count[i] == s->count &&
		    same_text(kd, s->doc, i)) {
			kd->hint = i;
			k[0] = kd->key[i][0];
			k[1] = kd->key[i][1];
			return 1;
		}
	}
	return 0;
}

void pcache_forget_keys(void)
{
	for (size_t j = 0; j < cfg.nkeyed; j++) {
		free(cfg.keyed[j].first);
		free(cfg.keyed[j].count);
		free(cfg.keyed[j].key);
		free(cfg.keyed[j].check);
	}
	cfg.nkeyed = 0;
}

/* Apply a checked file's stories (at r) to sl and d, whose lines have
 * their kinds. */
static void apply(struct storylist *sl, struct doc *d, const struct head *h, const char *r)
{
	const char *lens = r + h->nstories * sizeof(struct rec);
	const char *str = lens + h->nwhy * 4, **why = NULL;

	if (h->nwhy)
		why = xmalloc(h->nwhy * sizeof *why);
	for (uint64_t i = 0; i < h->nwhy; i++) {
		uint32_t len;

		memcpy(&len, lens + 4 * i, 4);
		why[i] = intern(str, len);
		str += len;
	}
	storylist_add_doc(sl, d);
	cfg.keyed = xgrow(cfg.keyed, &cfg.keyedcap, cfg.nkeyed + 1, sizeof *cfg.keyed);
	struct keyed *kd = &cfg.keyed[cfg.nkeyed++];

	kd->d = d;
	kd->text = d->text;
	kd->len = d->len;
	kd->n = h->nstories;
	kd->first = xmalloc((h->nstories + 1) * sizeof *kd->first);
	kd->count = xmalloc((h->nstories + 1) * sizeof *kd->count);
	/* a text read clean has its digest; any other, its first lines' */
	kd->digest = d->has_digest ? d->digest : 0;
	kd->hint = SIZE_MAX - 1;
	kd->check = d->has_digest ? NULL : xmalloc((h->nstories + 1) * sizeof *kd->check);
	kd->key = xmalloc((h->nstories + 1) * sizeof *kd->key);
	for (uint64_t i = 0; i < h->nstories; i++) {
		struct rec s;
		struct story *st = storylist_add(sl);

		memcpy(&s, r + i * sizeof s, sizeof s);
		kd->first[i] = (uint32_t)s.first;
		kd->count[i] = (uint32_t)s.count;
		kd->key[i][0] = s.key[0];
		kd->key[i][1] = s.key[1];
		if (kd->check)
			kd->check[i] = first_line_digest(d, (size_t)s.first);
		st->doc = d;
		st->first = (size_t)s.first;
		st->count = (size_t)s.count;
		st->words = (size_t)s.words;
		st->score = s.score;
		st->why = s.why == NO_WHY ? NULL : why[s.why];
		st->title = xmemdup(str, s.titlelen);
		str += s.titlelen;
	}
	free(why);
}

/* Whether the lines of a checked body b are those of d (as split from
 * its text), the kinds aside. */
static int same_lines(const struct head *h, const struct body *b, const struct doc *d)
{
	if (memcmp(b->linenos, d->linenos, linenos_of(h->nlines) * 4) ||
	    (h->ngaps && memcmp(b->gaps, d->gaps, h->ngaps * sizeof *b->gaps)))
		return 0;
	for (size_t i = 0; i < d->nlines; i++)
		if (b->lines[i].off != d->lines[i].off || b->lines[i].len != d->lines[i].len ||
		    b->lines[i].blanks != d->lines[i].blanks ||
		    (b->lines[i].flags & LF_FORMFEED) != (d->lines[i].flags & LF_FORMFEED))
			return 0;
	return 1;
}

/* Read n bytes at offset at of fd into p, and take them into g; 0 or -1. */
static int read_part(int fd, void *p, size_t n, uint64_t at, struct digest *g)
{
	for (size_t k = 0; k < n;) {
		ssize_t r = pread(fd, (char *)p + k, n - k, (off_t)(at + k));

		if (r < 0 && errno == EINTR)
			continue;
		if (r <= 0)
			return -1;
		k += (size_t)r;
	}
	digest_add(g, p, n);
	return 0;
}

/* Drop the file kept for pcache_load. */
static void drop_pend(void)
{
	free(cfg.pend.recs);
	cfg.pend.recs = NULL;
	cfg.pend.d = NULL;
	cfg.pend.text = NULL;
}

/* The header of d's cache file (open on *fdp, its size *np) if it may be
 * of d's text as read (but its digest): 1, else 0 with nothing open. */
static int open_head(const struct doc *d, struct head *h, int *fdp, uint64_t *np)
{
	char *path = file_of(d);
	struct head want;
	struct stat sb;
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK) : -1;

	free(path);
	if (fd < 0)
		return 0;
	make_key(&want, d);
	if (fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode) &&
	    pread(fd, h, sizeof *h, 0) == (ssize_t)sizeof *h && sizes_ok(h, (uint64_t)sb.st_size) &&
	    !memcmp(h, &want, offsetof(struct head, text)) && h->zero2 == 0) {
		*fdp = fd;
		*np = (uint64_t)sb.st_size;
		return 1;
	}
	close(fd);
	return 0;
}

int pcache_lines(struct doc *d)
{
	struct head h;
	struct digest g;
	struct line *lines = NULL;
	uint32_t *linenos = NULL;
	struct line_gap *gaps = NULL;
	char *recs = NULL;
	uint64_t n, sum;
	int fd, ok = 0;

	drop_pend();
	d->has_digest = 0;
	/* the size, the program, rules and mode first: a dump read anew
	 * is not digested for a file that cannot be its */
	if (d->nlines || !open_head(d, &h, &fd, &n) || pcache_digest(d->text, d->len, 0) != h.text)
		return 0;
	size_t nl = (size_t)h.nlines, nn = linenos_of(h.nlines), ng = (size_t)h.ngaps;
	size_t nr = (size_t)recs_bytes(&h);

	lines = xmalloc(nl * sizeof *lines);
	xmalloc_advise_huge(lines, nl * sizeof *lines);
	linenos = xmalloc(nn * sizeof *linenos);
	gaps = xmalloc(ng * sizeof *gaps);
	recs = xmalloc(nr);
	digest_begin(&g, (size_t)n - 8, 7);
	digest_add(&g, &h, sizeof h);
	if (read_part(fd, lines, nl * sizeof *lines, sizeof h, &g) == 0 &&
	    read_part(fd, linenos, nn * 4, sizeof h + nl * sizeof *lines, &g) == 0 &&
	    read_part(fd, gaps, ng * sizeof *gaps, sizeof h + nl * sizeof *lines + nn * 4, &g) == 0 &&
	    read_part(fd, recs, nr, n - 8 - nr, &g) == 0 &&
	    pread(fd, &sum, 8, (off_t)(n - 8)) == 8 && sum == digest_end(&g)) {
		struct body b = { lines, linenos, gaps, recs };

		ok = (nl == 0 || lines_ok(&h, &b, 1)) && stories_ok(&h, recs);
	}
	close(fd);
	if (!ok) {
		free(lines);
		free(linenos);
		free(gaps);
		free(recs);
		return 0;
	}
	d->lines = lines;
	d->nlines = nl;
	d->linenos = linenos;
	d->linenos_cap = nn;
	d->gaps = gaps;
	d->ngaps = d->gaps_cap = ng;
	d->nphys = h.nphys;
	d->last_lineno = h.last_lineno;
	d->tail_blanks = (uint8_t)h.tail_blanks;
	d->tail_ff = 0;
	d->digest = h.text;
	d->has_digest = 1;
	cfg.pend.d = d;
	cfg.pend.text = d->text;
	cfg.pend.h = h;
	cfg.pend.recs = recs;
	return 1;
}

int pcache_load(struct storylist *sl, struct doc *d)
{
	char *path, *buf;
	struct head h, want;
	struct body b;
	size_t n;
	int ok;

	if (cfg.pend.d == d && cfg.pend.text == d->text && cfg.pend.recs) {
		make_key(&want, d);
		if (!memcmp(&cfg.pend.h, &want, offsetof(struct head, text))) {
			apply(sl, d, &cfg.pend.h, cfg.pend.recs);	/* its lines came from the file */
			drop_pend();
			return 1;
		}
		for (size_t i = 0; i < d->nlines; i++) {	/* another parse: as split */
			d->lines[i].kind = LK_PARAGRAPH;
			d->lines[i].flags = 0;
			d->lines[i].score = 255;
		}
		drop_pend();
	}
	if (!(path = file_of(d)))
		return 0;
	buf = slurp(path, (size_t)1 << 40, &n);
	free(path);
	if (!buf || n < sizeof h + 8) {
		free(buf);
		return 0;
	}
	memcpy(&h, buf, sizeof h);
	make_head(&want, d);
	want.nstories = h.nstories;
	want.nwhy = h.nwhy;
	want.nstr = h.nstr;
	ok = !memcmp(&h, &want, sizeof h) && sizes_ok(&h, n) &&
		pcache_digest(buf, n - 8, 7) == rd64((const unsigned char *)buf + n - 8);
	if (ok) {	/* the counts are checked: the parts lie within buf */
		b = body_in(&h, buf);
		ok = lines_ok(&h, &b, 0) && stories_ok(&h, b.recs) && same_lines(&h, &b, d);
	}
	if (ok) {
		for (size_t i = 0; i < d->nlines; i++) {	/* the kinds */
			d->lines[i].kind = b.lines[i].kind;
			d->lines[i].flags = b.lines[i].flags;
			d->lines[i].score = b.lines[i].score;
		}
		apply(sl, d, &h, b.recs);
	}
	free(buf);
	return ok;
}

/* The index of reason w in the table (added if new). */
static uint32_t why_index(const char ***t, size_t *n, size_t *cap, const char *w)
{
	if (!w)
		return NO_WHY;
	for (size_t i = 0; i < *n; i++)
		if (!strcmp((*t)[i], w))
			return (uint32_t)i;
	*t = xgrow(*t, cap, *n + 1, sizeof **t);
	(*t)[*n] = w;
	return (uint32_t)(*n)++;
}

/* Write n bytes to fd and take them into g; 0 or -1. */
static int put(int fd, const void *p, size_t n, struct digest *g)
{
	if (!n)
		return 0;
	digest_add(g, p, n);
	return write_all(fd, p, n);
}

/* Write d's lines (their spare bits zero: the same lines, the same
 * bytes), line numbers and gaps to fd, a block at a time (not a copy of
 * them all: the save comes at the peak of a parse); 0 or -1. */
static int put_lines(int fd, const struct doc *d, struct digest *g)
{
	struct line c[1024];
	size_t k = 0;

	for (size_t i = 0; i < d->nlines; i++) {
		memset(&c[k], 0, sizeof c[k]);
		c[k].off = d->lines[i].off;
		c[k].len = d->lines[i].len;
		c[k].kind = d->lines[i].kind;
		c[k].flags = d->lines[i].flags;
		c[k].blanks = d->lines[i].blanks;
		c[k].score = d->lines[i].score;
		if (++k == sizeof c / sizeof c[0] || i + 1 == d->nlines) {
			if (put(fd, c, k * sizeof c[0], g) < 0)
				return -1;
			k = 0;
		}
	}
	if (d->nlines && put(fd, d->linenos, linenos_of(d->nlines) * 4, g) < 0)
		return -1;
	return put(fd, d->gaps, d->ngaps * sizeof *d->gaps, g);
}

/* Write the cache file of d (header h, the stories and reasons' lengths
 * recs, the strings strs, then the digest of it all) to path by a
 * temporary file renamed over it; 0 or -1. */
static int write_file(const char *path, const struct head *h, const struct doc *d,
		      const struct sbuf *recs, const struct sbuf *strs)
{
	struct sbuf tmp = { 0 };
	struct digest g;
	int fd, r = -1;

	sbuf_printf(&tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp.p);
	if (fd >= 0) {
		digest_begin(&g, sizeof *h + (size_t)lines_bytes(h) + recs->n + strs->n, 7);
		r = put(fd, h, sizeof *h, &g) < 0 || put_lines(fd, d, &g) < 0 ||
			put(fd, recs->p, recs->n, &g) < 0 || put(fd, strs->p, strs->n, &g) < 0 ? -1 : 0;
		uint64_t sum = digest_end(&g);

		if (r == 0)
			r = write_all(fd, &sum, 8);
		if (close(fd) < 0)
			r = -1;
		if (r == 0)
			r = rename(tmp.p, path);
		if (r < 0)
			unlink(tmp.p);
	}
	sbuf_free(&tmp);
	return r;
}

/* Make the cache directory and its parents (mode 0700); 0 or -1. */
static int make_dirs(const char *dir)
{
	char *p = xstrdup(dir);

	for (char *s = p + 1; *s; s++)
		if (*s == '/') {
			*s = '\0';
			mkdir(p, 0700);
			*s = '/';
		}
	free(p);
	return mkdir(dir, 0700) == 0 || errno == EEXIST ? 0 : -1;
}

void pcache_save(const struct storylist *sl, const struct doc *d)
{
	char *path = file_of(d);
	const char **why = NULL;
	size_t nwhy = 0, whycap = 0, a, b;
	struct sbuf out = { 0 }, strs = { 0 };
	struct head h;

	if (!path)
		return;
	for (a = 0; a < sl->n && sl->stories[a].doc != d; a++)
		;
	for (b = a; b < sl->n && sl->stories[b].doc == d; b++)
		;
	make_head(&h, d);
	h.nstories = b - a;
	for (size_t i = a; i < b; i++) {
		const struct story *s = &sl->stories[i];
		struct rec r = { s->first, s->count, s->words, s->score, 0, 0, { 0, 0 } };
		size_t tl = s->title ? strlen(s->title) : 0;

		state_key_bits(s, r.key);
		r.why = why_index(&why, &nwhy, &whycap, s->why);
		r.titlelen = (uint32_t)tl;
		sbuf_add(&out, (const char *)&r, sizeof r);
	}
	for (size_t i = 0; i < nwhy; i++) {
		uint32_t len = (uint32_t)strlen(why[i]);

		sbuf_add(&out, (const char *)&len, 4);
		sbuf_add(&strs, why[i], len);
	}
	for (size_t i = a; i < b; i++)
		if (sl->stories[i].title)
			sbuf_adds(&strs, sl->stories[i].title);
	h.nwhy = nwhy;
	h.nstr = strs.n;
	if (make_dirs(cfg.dir) == 0)
		write_file(path, &h, d, &out, &strs);
	free(why);
	free(path);
	sbuf_free(&out);
	sbuf_free(&strs);
}
