/* SPDX-License-Identifier: MIT */
/* state_format.c - the state file's text and the tables it is read into.
 *
 * THE STATE FILE
 *
 * $XDG_STATE_HOME/tnews/state (by default ~/.local/state/tnews/state) is
 * a text file of lines, each ending in a newline:
 *
 *	tnews-state 1
 *	# comments and empty lines are ignored (and not kept)
 *	pos STAMP DUMP STORY LINE
 *	split STAMP DUMP DIGEST LINENO
 *	join STAMP DUMP DIGEST LINENO
 *	read STAMP STORY
 *	unread STAMP STORY
 *
 * The first line names the format and its version.  Fields are separated
 * by one space.  STAMP is when the record was made, in microseconds since
 * 1970 (a logical clock: never lower than any stamp already in the file).
 * STORY is a story key: 32 lowercase hex digits, a digest of the story's
 * paragraphs (of all its lines if it has none) with letters and digits
 * lower-cased and every other run of characters, line breaks included,
 * made one space (FNV-1a 64, then a second 64-bit FNV-style hash with
 * other constants), so a story has the same key in every dump and
 * wherever it is in the dump.  DUMP is the absolute path of a dump
 * file with bytes up to the space, '%' and DEL written as %XX.  DIGEST
 * is 16 lowercase hex digits, the FNV-1a 64 of one line normalised the
 * same way, and LINENO that line's physical line number (1-based) when
 * the record was made: the record applies to the line of the dump with
 * that digest nearest to LINENO, and to nothing if no line has it.
 *
 *	pos	the reading pane of DUMP showed story STORY from its LINE-th
 *		line (0-based, counting every line of the story)
 *	split	that line starts a new story
 *	join	that line does not start a new story (the story before it
 *		and the one it started are one)
 *	read	story STORY has been read
 *	unread	story STORY was marked unread by the user
 *
 * There is at most one pos per DUMP, one split or join per DUMP and
 * DIGEST, one read or unread per STORY; when two tnews instances save,
 * each merges the file as it is into what it has, and for each of these
 * the record with the later STAMP wins.  unread records older than 90
 * days are dropped.  Records of an unknown type (a word of a-z, 0-9, -
 * and _ first) are kept as they are; a line of a known type that is
 * malformed, any other line, a line longer than 16384 bytes, a NUL byte
 * or a last line without its newline makes the file damaged: it is
 * renamed to state.bad-YYYYMMDDTHHMMSS and its good records are used.
 * A file without the first line is renamed the same way; one of a newer
 * version is left alone and nothing is saved.
 *
 * THE JOURNAL
 *
 * A save appends the records changed since the last save to
 * state.journal beside the state file: the same format (its own first
 * line, then records), so a save costs the size of the change.  Reading
 * the state reads the file, then the journal, in one streaming pass
 * each; the later STAMP of each record wins as above, so their order
 * does not matter.  A last line of the journal without its newline is
 * the end of an append a kill cut short: it is ignored, and cut off by
 * the next append.  A damaged journal is set aside like the file.
 *
 * When the journal grows past a quarter of the state file (at least
 * 256 KB), when a file was set aside, and when tnews exits cleanly, the
 * save folds instead: it writes the whole state (file and journal merged)
 * to a temporary file in the same directory, fsyncs it, renames it over
 * the state file, fsyncs the directory and removes the journal.  Appends
 * and folds happen under an flock(2) of state.lock; any failure leaves
 * the old files as they were (a failed append is cut off again).  A kill
 * between the rename and the removal leaves a journal whose records the
 * file holds already, which is harmless.  Temporary files (state.XXXXXX)
 * a killed save left are removed by the next tnews that takes the lock.
 */
#include <config.h>

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "state_int.h"
#include "xmalloc.h"

#define MAX_LINE 16384			/* longest line of a valid file */

/* ---- the contents ---- */

/* The hash of a mark's key: its slot in the table is the hash's top bits,
 * so marks in the order of their hash (the file's) fill it in order. */
static uint64_t mark_hash(const uint64_t k[2])
{
	return k[0] ^ state_mix64(k[1]);
}

/* The slot of key k in the mark table: its own, or the empty one where
 * it would go. */
static struct mark *mark_slot(const struct contents *c, const uint64_t k[2])
{
	size_t mask = c->markcap - 1;
	size_t i = (size_t)(mark_hash(k) >> (64 - __builtin_ctzll(c->markcap)));

	while (c->marks[i].used && (c->marks[i].k[0] != k[0] || c->marks[i].k[1] != k[1]))
		i = (i + 1) & mask;
	return &c->marks[i];
}

/* The mark of key k, or NULL. */
struct mark *contents_mark_find(const struct contents *c, const uint64_t k[2])
{
	struct mark *m;

	if (!c->markcap)
		return NULL;
	m = mark_slot(c, k);
	return m->used ? m : NULL;
}

/* Make room in the mark table for at least marks marks without growing
 * it again. */
void contents_reserve(struct contents *c, size_t marks)
{
	struct mark *old = c->marks;
	size_t oldcap = c->markcap, cap = oldcap ? oldcap : 64;

	while (marks * 4 > cap * 3)
		cap *= 2;
	if (cap == oldcap)
		return;
	c->markcap = cap;
	c->marks = xcalloc(cap, sizeof *c->marks);
	for (size_t i = 0; i < oldcap; i++)
		if (old[i].used)
			*mark_slot(c, old[i].k) = old[i];
	free(old);
}

/* Set the mark of key k if it has none or stamp is later (on equal
 * stamps a read wins); returns 1 if it changed. */
int contents_mark_put(struct contents *c, const uint64_t k[2], int read, int64_t stamp)
{
	struct mark *m;

	if ((c->nmarks + 1) * 4 > c->markcap * 3)
		contents_reserve(c, c->nmarks + 1 > c->markcap ? c->nmarks + 1 : c->markcap);
	m = mark_slot(c, k);
	if (m->used && (stamp < m->stamp || (stamp == m->stamp && (m->read || !read))))
		return 0;
	if (!m->used) {
		c->nmarks++;
		m->used = 1;
		m->k[0] = k[0];
		m->k[1] = k[1];
	} else if (m->read) {
		c->nread--;
	}
	int changed = !m->used || m->read != (read != 0) || m->stamp != stamp;

	m->read = read != 0;
	m->stamp = stamp;
	c->nread += m->read;
	if (stamp > c->maxstamp)
		c->maxstamp = stamp;
	return changed;
}

/* The position record of a dump, or NULL. */
struct pos *contents_pos_find(const struct contents *c, const char *dump)
{
	for (size_t i = 0; i < c->npos; i++)
		if (!strcmp(c->pos[i].dump, dump))
			return &c->pos[i];
	return NULL;
}

/* Set the position of a dump if it has none or stamp is later; the
 * record if it changed, else NULL. */
struct pos *contents_pos_put(struct contents *c, const char *dump,
			     const uint64_t story[2], uint32_t line, int64_t stamp)
{
	struct pos *p = contents_pos_find(c, dump);

	if (p && stamp <= p->stamp)
		return NULL;
	if (!p) {
		c->pos = xgrow(c->pos, &c->poscap, c->npos + 1, sizeof *c->pos);
		p = &c->pos[c->npos++];
		p->dump = xstrdup(dump);
		p->pending = 0;
	}
	p->story[0] = story[0];
	p->story[1] = story[1];
	p->line = line;
	p->stamp = stamp;
	if (stamp > c->maxstamp)
		c->maxstamp = stamp;
	return p;
}

/* The correction of a dump at a line digest, or NULL. */
static struct corr *corr_find(const struct contents *c, const char *dump,
			      uint64_t digest)
{
	for (size_t i = 0; i < c->ncorr; i++)
		if (c->corr[i].digest == digest && !strcmp(c->corr[i].dump, dump))
			return &c->corr[i];
	return NULL;
}

/* Set a correction if there is none at its line or stamp is later; the
 * record if it changed, else NULL. */
struct corr *contents_corr_put(struct contents *c, const char *dump, uint64_t digest,
			       uint32_t lineno, int join, int64_t stamp)
{
	struct corr *k = corr_find(c, dump, digest);

	if (k && stamp <= k->stamp)
		return NULL;
	if (!k) {
		c->corr = xgrow(c->corr, &c->corrcap, c->ncorr + 1, sizeof *c->corr);
		k = &c->corr[c->ncorr++];
		k->dump = xstrdup(dump);
		k->digest = digest;
		k->pending = 0;
	}
	k->lineno = lineno;
	k->join = join != 0;
	k->stamp = stamp;
	if (stamp > c->maxstamp)
		c->maxstamp = stamp;
	return k;
}

/* Free the contents. */
void contents_free(struct contents *c)
{
	for (size_t i = 0; i < c->npos; i++)
		free(c->pos[i].dump);
	for (size_t i = 0; i < c->ncorr; i++)
		free(c->corr[i].dump);
	free(c->marks);
	free(c->pos);
	free(c->corr);
	sbuf_free(&c->unknown);
	memset(c, 0, sizeof *c);
}

/* Merge src into dst: the later record of each mark, position and
 * correction wins; src's unknown records replace dst's if src is a
 * whole file (replace), else are added to them. */
void contents_merge(struct contents *dst, const struct contents *src, int replace)
{
	for (size_t i = 0; i < src->markcap; i++)
		if (src->marks[i].used)
			contents_mark_put(dst, src->marks[i].k, src->marks[i].read, src->marks[i].stamp);
	for (size_t i = 0; i < src->npos; i++)
		contents_pos_put(dst, src->pos[i].dump, src->pos[i].story, src->pos[i].line,
			src->pos[i].stamp);
	for (size_t i = 0; i < src->ncorr; i++)
		contents_corr_put(dst, src->corr[i].dump, src->corr[i].digest, src->corr[i].lineno,
			 src->corr[i].join, src->corr[i].stamp);
	if (replace)
		sbuf_reset(&dst->unknown);
	if (src->unknown.n)
		sbuf_add(&dst->unknown, src->unknown.p, src->unknown.n);
	if (src->maxstamp > dst->maxstamp)
		dst->maxstamp = src->maxstamp;
}

/* ---- parsing ---- */

/* Append a dump path with bytes up to the space, '%' and DEL escaped. */
static void escape_dump(struct sbuf *b, const char *s)
{
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p <= ' ' || *p == '%' || *p == 0x7f)
			sbuf_printf(b, "%%%02X", *p);
		else
			sbuf_addc(b, (char)*p);
	}
}

/* Undo escape_dump on s[0..n): a malloc'd absolute path, or NULL if it
 * is not a valid one. */
static char *unescape_dump(const char *s, size_t n)
{
	char *out, *o;

	if (!n || s[0] != '/')
		return NULL;
	out = o = xmalloc(n + 1);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '%') {
			int h1, h2;

			if (i + 2 >= n) {
				free(out);
				return NULL;
			}
			h1 = state_hexval(s[i + 1] | 0x20);
			h2 = state_hexval(s[i + 2] | 0x20);
			if (h1 < 0 || h2 < 0 || (h1 == 0 && h2 == 0)) {
				free(out);
				return NULL;
			}
			*o++ = (char)(h1 << 4 | h2);
			i += 2;
		} else if (c <= ' ' || c == 0x7f) {
			free(out);
			return NULL;
		} else {
			*o++ = (char)c;
		}
	}
	*o = '\0';
	return out;
}

/* Parse a decimal number of at most maxdigits digits, at most max. */
static int parse_num(const char *s, size_t n, size_t maxdigits, uint64_t max,
		     uint64_t *v)
{
	uint64_t x = 0;

	if (!n || n > maxdigits)
		return -1;
	for (size_t i = 0; i < n; i++) {
		if (s[i] < '0' || s[i] > '9')
			return -1;
		x = x * 10 + (uint64_t)(s[i] - '0');
	}
	if (x > max)
		return -1;
	*v = x;
	return 0;
}

/* Split a line into at most max space-separated fields; their number,
 * or -1 if there are more or an empty one. */
static int split_fields(const char *s, size_t n, struct bstr *f, int max)
{
	int k = 0;
	size_t start = 0;

	for (size_t i = 0; i <= n; i++) {
		if (i < n && s[i] != ' ')
			continue;
		if (i == start || k == max)
			return -1;
		f[k].s = s + start;
		f[k].n = i - start;
		k++;
		start = i + 1;
	}
	return k;
}

/* Whether f is the word w. */
static int is_word(struct bstr f, const char *w)
{
	return f.n == strlen(w) && !memcmp(f.s, w, f.n);
}

/* Whether a line starts with a record type: [a-z][a-z0-9_-]* then a
 * space or the end. */
static int is_record(const char *s, size_t n)
{
	size_t i = 0;

	if (!n || s[0] < 'a' || s[0] > 'z')
		return 0;
	while (i < n && s[i] != ' ') {
		char c = s[i];

		if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-'))
			return 0;
		i++;
	}
	return 1;
}

/* Parse one record line into c; 0, or -1 if it is malformed. */
static int parse_record(struct contents *c, const char *s, size_t n)
{
	struct bstr f[6];
	int nf = split_fields(s, n, f, 6);
	uint64_t stamp, k[2], v, w;
	char *dump;

	if (nf < 1)
		return -1;
	if (is_word(f[0], "read") || is_word(f[0], "unread")) {
		if (nf != 3 || parse_num(f[1].s, f[1].n, 19, INT64_MAX, &stamp) < 0 ||
		    state_parse_key(f[2].s, f[2].n, k) < 0)
			return -1;
		contents_mark_put(c, k, is_word(f[0], "read"), (int64_t)stamp);
		return 0;
	}
	if (is_word(f[0], "pos")) {
		if (nf != 5 || parse_num(f[1].s, f[1].n, 19, INT64_MAX, &stamp) < 0 ||
		    state_parse_key(f[3].s, f[3].n, k) < 0 ||
		    parse_num(f[4].s, f[4].n, 10, UINT32_MAX, &v) < 0 ||
		    !(dump = unescape_dump(f[2].s, f[2].n)))
			return -1;
		contents_pos_put(c, dump, k, (uint32_t)v, (int64_t)stamp);
		free(dump);
		return 0;
	}
	if (is_word(f[0], "split") || is_word(f[0], "join")) {
		if (nf != 5 || parse_num(f[1].s, f[1].n, 19, INT64_MAX, &stamp) < 0 ||
		    state_parse_hex(f[3].s, f[3].n, 16, &w) < 0 ||
		    parse_num(f[4].s, f[4].n, 10, UINT32_MAX, &v) < 0 ||
		    !(dump = unescape_dump(f[2].s, f[2].n)))
			return -1;
		contents_corr_put(c, dump, w, (uint32_t)v, is_word(f[0], "join"), (int64_t)stamp);
		free(dump);
		return 0;
	}
	if (!is_record(s, n))
		return -1;
	sbuf_add(&c->unknown, s, n);
	sbuf_addc(&c->unknown, '\n');
	return 0;
}

/* Parse a read or unread record fast: "read STAMP KEY" with a 32-digit
 * key; 0, or -1 if it is malformed.  c NULL: only check it. */
static int parse_mark(struct contents *c, const char *s, size_t n, int read)
{
	size_t i = read ? 5 : 7, start = i;
	uint64_t stamp, k[2];

	while (i < n && s[i] != ' ')
		i++;
	if (i + 33 != n || parse_num(s + start, i - start, 19, INT64_MAX, &stamp) < 0 ||
	    state_parse_key(s + i + 1, 32, k) < 0)
		return -1;
	if (c)
		contents_mark_put(c, k, read, (int64_t)stamp);
	return 0;
}

/* Check the first line of a file: the format and its version. */
static void reader_header(struct state_reader *r, const char *s, size_t n)
{
	const char magic[] = "tnews-state ";
	uint64_t version;

	if (n < sizeof magic - 1 || memcmp(s, magic, sizeof magic - 1) ||
	    parse_num(s + sizeof magic - 1, n - (sizeof magic - 1), 9, 999999999,
		      &version) < 0 || version == 0) {
		state_msg(r->why, sizeof r->why, "not a tnews state file");
		r->r = RD_FOREIGN;
	} else if (version > STATE_VERSION) {
		state_msg(r->why, sizeof r->why, "written by a newer tnews (format %llu)",
			  (unsigned long long)version);
		r->r = RD_NEWER;
	} else {
		r->header = 1;
	}
}

/* Note a bad line. */
static void reader_bad(struct state_reader *r)
{
	r->bad++;
	r->firstbad = r->firstbad ? r->firstbad : r->lineno;
}

/* Parse one whole line (without its newline); overlong: it was longer
 * than a valid line can be. */
static void reader_line(struct state_reader *r, const char *s, size_t n, int overlong)
{
	r->lineno++;
	if (r->r == RD_FOREIGN || r->r == RD_NEWER)
		return;
	if (!r->header) {
		reader_header(r, s, overlong ? 0 : n);
		return;
	}
	if (n == 0 || *s == '#')
		return;
	if (overlong || n > MAX_LINE || memchr(s, '\0', n)) {
		reader_bad(r);
		return;
	}
	if (n > 5 && !memcmp(s, "read ", 5)) {
		if (parse_mark(r->skip_marks ? NULL : r->c, s, n, 1) < 0)
			reader_bad(r);
	} else if (n > 7 && !memcmp(s, "unread ", 7)) {
		if (parse_mark(r->skip_marks ? NULL : r->c, s, n, 0) < 0)
			reader_bad(r);
	} else if (parse_record(r->c, s, n) < 0) {
		reader_bad(r);
	}
}

/* Start reading a file into c (a journal: its torn last line is none of
 * the file's damage). */
void reader_init(struct state_reader *r, struct contents *c, int journal)
{
	memset(r, 0, sizeof *r);
	r->c = c;
	r->journal = journal;
	r->r = RD_OK;
}

/* Hold the start of a line cut by the end of a piece. */
static void reader_carry(struct state_reader *r, const char *s, size_t n)
{
	r->partial += n;
	if (r->overlong)
		return;
	if (r->carry.n + n > MAX_LINE + 1) {
		r->overlong = 1;
		sbuf_reset(&r->carry);
		return;
	}
	sbuf_add(&r->carry, s, n);
}

/* Parse the next piece of the file, buf[0..n). */
void reader_feed(struct state_reader *r, const char *buf, size_t n)
{
	const char *p = buf, *e = buf + n, *nl;

	r->any |= n > 0;
	if (r->partial) {
		nl = memchr(p, '\n', n);
		if (!nl) {
			reader_carry(r, p, n);
			return;
		}
		reader_carry(r, p, (size_t)(nl - p));
		reader_line(r, r->carry.p ? r->carry.p : "", r->carry.n, r->overlong);
		sbuf_reset(&r->carry);
		r->overlong = 0;
		r->partial = 0;
		p = nl + 1;
	}
	while (p < e && (nl = memchr(p, '\n', (size_t)(e - p)))) {
		reader_line(r, p, (size_t)(nl - p), 0);
		p = nl + 1;
	}
	if (p < e)
		reader_carry(r, p, (size_t)(e - p));
}

/* The end of the file: RD_OK, RD_DAMAGED (the good records are in c),
 * RD_FOREIGN or RD_NEWER (c holds nothing of it); the reason for the
 * last three in r->why. */
enum read_result reader_finish(struct state_reader *r)
{
	if (r->partial && !(r->journal && r->header)) {
		r->lineno++;
		if (!r->header && r->r == RD_OK && !r->journal) {
			state_msg(r->why, sizeof r->why, "not a tnews state file");
			r->r = RD_FOREIGN;
		} else if (r->header) {
			reader_bad(r);	/* cut short: its last record may be wrong */
		}
	}
	sbuf_free(&r->carry);
	if (r->r != RD_OK)
		return r->r;
	if (r->bad) {
		state_msg(r->why, sizeof r->why, "damaged (%zu bad line%s, the first line %zu)",
			  r->bad, r->bad == 1 ? "" : "s", r->firstbad);
		return RD_DAMAGED;
	}
	return RD_OK;
}

/* ---- formatting ---- */

/* Order of marks: by their hash (so reading fills the table in order),
 * then key. */
static int cmp_mark(const void *a, const void *b)
{
	const struct mark *x = a, *y = b;
	uint64_t hx = mark_hash(x->k), hy = mark_hash(y->k);

	if (hx != hy)
		return hx < hy ? -1 : 1;

	if (x->k[0] != y->k[0])
		return x->k[0] < y->k[0] ? -1 : 1;
	if (x->k[1] != y->k[1])
		return x->k[1] < y->k[1] ? -1 : 1;
	return 0;
}

/* Order of positions: by dump. */
static int cmp_pos(const void *a, const void *b)
{
	return strcmp(((const struct pos *)a)->dump, ((const struct pos *)b)->dump);
}

/* Order of corrections: by dump, then line number, then digest. */
static int cmp_corr(const void *a, const void *b)
{
	const struct corr *x = a, *y = b;
	int r = strcmp(x->dump, y->dump);

	if (r)
		return r;
	if (x->lineno != y->lineno)
		return x->lineno < y->lineno ? -1 : 1;
	return x->digest < y->digest ? -1 : x->digest > y->digest;
}

/* Whether a dump can be written to the file (standard input cannot). */
static int dump_persists(const char *dump)
{
	return dump[0] == '/';
}

/* Append a number in decimal. */
static void add_num(struct sbuf *b, uint64_t v)
{
	char d[24];
	int i = (int)sizeof d;

	do {
		d[--i] = (char)('0' + v % 10);
		v /= 10;
	} while (v);
	sbuf_add(b, d + i, sizeof d - (size_t)i);
}

/* Append the record of a mark (its line, with the newline). */
void format_mark(struct sbuf *b, const struct mark *m)
{
	char hex[STATE_KEY_SIZE];

	sbuf_adds(b, m->read ? "read " : "unread ");
	add_num(b, (uint64_t)m->stamp);
	sbuf_addc(b, ' ');
	state_key_hex(m->k, hex);
	sbuf_add(b, hex, 32);
	sbuf_addc(b, '\n');
}

/* Append the record of a position, if its dump can be saved. */
void format_pos(struct sbuf *b, const struct pos *p)
{
	char hex[STATE_KEY_SIZE];

	if (!dump_persists(p->dump))
		return;
	state_key_hex(p->story, hex);
	sbuf_printf(b, "pos %lld ", (long long)p->stamp);
	escape_dump(b, p->dump);
	sbuf_printf(b, " %s %lu\n", hex, (unsigned long)p->line);
}

/* Append the record of a correction, if its dump can be saved. */
void format_corr(struct sbuf *b, const struct corr *k)
{
	if (!dump_persists(k->dump))
		return;
	sbuf_printf(b, "%s %lld ", k->join ? "join" : "split", (long long)k->stamp);
	escape_dump(b, k->dump);
	sbuf_printf(b, " %016llx %lu\n", (unsigned long long)k->digest,
		    (unsigned long)k->lineno);
}

/* The text of the state file for c, into b. */
void format_contents(struct contents *c, struct sbuf *b, int64_t now)
{
	struct mark *m;
	size_t k = 0;

	sbuf_printf(b, "tnews-state %d\n", STATE_VERSION);
	sbuf_adds(b, "# tnews: read marks, positions and corrections; see tnews(1)\n");
	if (c->npos)
		qsort(c->pos, c->npos, sizeof *c->pos, cmp_pos);
	for (size_t i = 0; i < c->npos; i++)
		format_pos(b, &c->pos[i]);
	if (c->ncorr)
		qsort(c->corr, c->ncorr, sizeof *c->corr, cmp_corr);
	for (size_t i = 0; i < c->ncorr; i++)
		format_corr(b, &c->corr[i]);
	m = c->nmarks ? xmalloc(c->nmarks * sizeof *m) : NULL;
	for (size_t i = 0; i < c->markcap; i++)
		if (c->marks[i].used)
			m[k++] = c->marks[i];
	if (k)
		qsort(m, k, sizeof *m, cmp_mark);
	for (size_t i = 0; i < k; i++)
		if (m[i].read || m[i].stamp >= now - TOMBSTONE_AGE)
			format_mark(b, &m[i]);
	free(m);
	if (c->unknown.n)
		sbuf_add(b, c->unknown.p, c->unknown.n);
}
