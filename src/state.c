/* SPDX-License-Identifier: MIT */
/* state.c - what tnews remembers between runs.
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
 * Every save writes a temporary file in the same directory, fsyncs it,
 * renames it over the state file and fsyncs the directory, all under an
 * flock(2) of state.lock; any failure leaves the old file as it was.
 * Temporary files (state.XXXXXX) a killed save left are removed by the
 * next tnews that takes the lock.
 */
#include <config.h>

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <time.h>
#include <unicase.h>
#include <unictype.h>
#include <unistd.h>
#include <unistr.h>

#include "fdio.h"
#include "output.h"
#include "sbuf.h"
#include "state.h"
#include "xmalloc.h"

#define STATE_VERSION 1
#define MAX_LINE 16384			/* longest line of a valid file */
#define MAX_FILE (64L << 20)		/* largest file read */
#define TOMBSTONE_AGE (90LL * 24 * 3600 * 1000000)	/* us */
#define LOCK_WAIT_MS 3000

/* One read mark (or explicit unread) in the open-addressed table. */
struct mark {
	uint64_t k[2];
	int64_t stamp;
	uint8_t read;
	uint8_t used;
};

/* Where the reading pane was in one dump. */
struct pos {
	char *dump;
	uint64_t story[2];
	uint32_t line;
	int64_t stamp;
};

/* One split or join of a dump. */
struct corr {
	char *dump;
	uint64_t digest;
	uint32_t lineno;
	uint8_t join;
	int64_t stamp;
};

/* Everything a state file holds. */
struct contents {
	struct mark *marks;		/* hash table, cap a power of two */
	size_t nmarks, markcap, nread;
	struct pos *pos;
	size_t npos, poscap;
	struct corr *corr;
	size_t ncorr, corrcap;
	struct sbuf unknown;		/* unknown records, verbatim */
	int64_t maxstamp;
};

struct state {
	char *path;			/* NULL: in memory only */
	int flags;
	char *why_readonly;		/* set: saving is refused with this */
	int dirty;
	int64_t clock;
	struct contents c;
};

/* How reading a file went. */
enum read_result { RD_OK, RD_MISSING, RD_DAMAGED, RD_FOREIGN, RD_NEWER, RD_ERROR };

/* Put a formatted message in msg, if there is room for one. */
static void setmsg(char *msg, size_t msglen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void setmsg(char *msg, size_t msglen, const char *fmt, ...)
{
	va_list ap;

	if (!msg || !msglen)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, msglen, fmt, ap);
	va_end(ap);
}

/* A path made safe to show, malloc'd. */
static char *shown(const char *path)
{
	struct sbuf b = { 0 };

	output_safe_name(&b, path ? path : "(none)");
	return b.p ? b.p : xstrdup("");
}

/* Put "PATH: what: reason" in msg. */
static void pathmsg(char *msg, size_t msglen, const char *path, const char *what,
		    int err)
{
	char *p = shown(path);

	setmsg(msg, msglen, "%s: %s%s%s", p, what ? what : "", what ? ": " : "",
	       strerror(err));
	free(p);
}

/* ---- digests ---- */

/* Two 64-bit FNV-style hashes fed with the same normalised bytes. */
struct hasher {
	uint64_t h1, h2;
	int space;			/* a word break is pending */
	int any;			/* something was hashed */
};

/* Start hashing. */
static void hash_init(struct hasher *h)
{
	h->h1 = 0xcbf29ce484222325ULL;	/* FNV-1a 64 offset basis */
	h->h2 = 0x6c62272e07bb0142ULL;	/* FNV-1a 128's low half */
	h->space = h->any = 0;
}

/* Hash one byte. */
static void hash_byte(struct hasher *h, unsigned char c)
{
	h->h1 = (h->h1 ^ c) * 0x100000001b3ULL;
	h->h2 = (h->h2 ^ c) * 0x9e3779b97f4a7c15ULL;
	h->h2 ^= h->h2 >> 29;
}

/* Hash text normalised: letters and digits lower-cased, every other run
 * of characters one space, none at either end. */
static void hash_text(struct hasher *h, const char *s, size_t n)
{
	const uint8_t *p = (const uint8_t *)s, *e = p + n;

	while (p < e) {
		ucs4_t uc;
		int k = u8_mbtouc(&uc, p, (size_t)(e - p));
		uint8_t buf[6];

		if (k < 1)
			k = 1;
		p += k;
		if (!uc_is_alnum(uc)) {
			h->space = 1;
			continue;
		}
		if (h->space && h->any)
			hash_byte(h, ' ');
		h->space = 0;
		h->any = 1;
		int m = u8_uctomb(buf, uc_tolower(uc), (int)sizeof buf);

		for (int i = 0; i < m; i++)
			hash_byte(h, buf[i]);
	}
}

/* A final mix of a 64-bit value (splitmix64's). */
static uint64_t mix64(uint64_t x)
{
	x ^= x >> 30;
	x *= 0xbf58476d1ce4e5b9ULL;
	x ^= x >> 27;
	x *= 0x94d049bb133111ebULL;
	x ^= x >> 31;
	return x;
}

/* The key of a story as two 64-bit halves. */
static void story_key_bits(const struct story *s, uint64_t k[2])
{
	const struct line *l = story_lines(s);
	struct hasher h;
	size_t paras = story_paragraphs(s);

	hash_init(&h);
	for (size_t i = 0; i < s->count; i++) {
		if (paras && l[i].kind != LK_PARAGRAPH)
			continue;
		struct bstr t = line_text(s->doc, &l[i]);

		h.space = 1;
		hash_text(&h, t.s, t.n);
	}
	k[0] = h.h1;
	k[1] = mix64(h.h2);
}

/* The digest of one line of a document. */
static uint64_t line_digest(const struct doc *d, size_t i)
{
	struct hasher h;
	struct bstr t = line_text(d, &d->lines[i]);

	hash_init(&h);
	hash_text(&h, t.s, t.n);
	return h.h1;
}

/* Write k as 32 hex digits. */
static void key_hex(const uint64_t k[2], char out[STATE_KEY_SIZE])
{
	snprintf(out, STATE_KEY_SIZE, "%016llx%016llx", (unsigned long long)k[0],
		 (unsigned long long)k[1]);
}

/* Value of a lowercase hex digit, -1 if it is not one. */
static int hexval(int c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* Parse exactly n lowercase hex digits (n <= 16) into *v; 0 or -1. */
static int parse_hex(const char *s, size_t len, size_t n, uint64_t *v)
{
	uint64_t x = 0;

	if (len != n)
		return -1;
	for (size_t i = 0; i < n; i++) {
		int d = hexval((unsigned char)s[i]);

		if (d < 0)
			return -1;
		x = x << 4 | (uint64_t)d;
	}
	*v = x;
	return 0;
}

/* Parse a 32-digit key into two halves; 0 or -1. */
static int parse_key(const char *s, size_t len, uint64_t k[2])
{
	if (len != 32)
		return -1;
	return parse_hex(s, 16, 16, &k[0]) < 0 || parse_hex(s + 16, 16, 16, &k[1]) < 0
		? -1 : 0;
}

void state_story_key(const struct story *s, char out[STATE_KEY_SIZE])
{
	uint64_t k[2];

	story_key_bits(s, k);
	key_hex(k, out);
}

struct state_key *state_keys(const struct storylist *sl)
{
	struct state_key *keys;

	if (!sl->n)
		return NULL;
	keys = xcalloc(sl->n, sizeof *keys);
	for (size_t i = 0; i < sl->n; i++)
		state_story_key(&sl->stories[i], keys[i].hex);
	return keys;
}

/* ---- the contents ---- */

/* The slot of key k in the mark table: its own, or the empty one where
 * it would go. */
static struct mark *mark_slot(const struct contents *c, const uint64_t k[2])
{
	size_t mask = c->markcap - 1, i = (size_t)(k[0] ^ mix64(k[1])) & mask;

	while (c->marks[i].used && (c->marks[i].k[0] != k[0] || c->marks[i].k[1] != k[1]))
		i = (i + 1) & mask;
	return &c->marks[i];
}

/* The mark of key k, or NULL. */
static struct mark *mark_find(const struct contents *c, const uint64_t k[2])
{
	struct mark *m;

	if (!c->markcap)
		return NULL;
	m = mark_slot(c, k);
	return m->used ? m : NULL;
}

/* Set the mark of key k if it has none or stamp is later (on equal
 * stamps a read wins); returns 1 if it changed. */
static int mark_put(struct contents *c, const uint64_t k[2], int read, int64_t stamp)
{
	struct mark *m;

	if ((c->nmarks + 1) * 4 > c->markcap * 3) {
		struct mark *old = c->marks;
		size_t oldcap = c->markcap;

		c->markcap = oldcap ? oldcap * 2 : 64;
		c->marks = xcalloc(c->markcap, sizeof *c->marks);
		for (size_t i = 0; i < oldcap; i++)
			if (old[i].used)
				*mark_slot(c, old[i].k) = old[i];
		free(old);
	}
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
static struct pos *pos_find(const struct contents *c, const char *dump)
{
	for (size_t i = 0; i < c->npos; i++)
		if (!strcmp(c->pos[i].dump, dump))
			return &c->pos[i];
	return NULL;
}

/* Set the position of a dump if it has none or stamp is later. */
static void pos_put(struct contents *c, const char *dump, const uint64_t story[2],
		    uint32_t line, int64_t stamp)
{
	struct pos *p = pos_find(c, dump);

	if (p && stamp <= p->stamp)
		return;
	if (!p) {
		c->pos = xgrow(c->pos, &c->poscap, c->npos + 1, sizeof *c->pos);
		p = &c->pos[c->npos++];
		p->dump = xstrdup(dump);
	}
	p->story[0] = story[0];
	p->story[1] = story[1];
	p->line = line;
	p->stamp = stamp;
	if (stamp > c->maxstamp)
		c->maxstamp = stamp;
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

/* Set a correction if there is none at its line or stamp is later. */
static void corr_put(struct contents *c, const char *dump, uint64_t digest,
		     uint32_t lineno, int join, int64_t stamp)
{
	struct corr *k = corr_find(c, dump, digest);

	if (k && stamp <= k->stamp)
		return;
	if (!k) {
		c->corr = xgrow(c->corr, &c->corrcap, c->ncorr + 1, sizeof *c->corr);
		k = &c->corr[c->ncorr++];
		k->dump = xstrdup(dump);
		k->digest = digest;
	}
	k->lineno = lineno;
	k->join = join != 0;
	k->stamp = stamp;
	if (stamp > c->maxstamp)
		c->maxstamp = stamp;
}

/* Free the contents. */
static void contents_free(struct contents *c)
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
 * correction wins; src's unknown records replace dst's. */
static void contents_merge(struct contents *dst, const struct contents *src)
{
	for (size_t i = 0; i < src->markcap; i++)
		if (src->marks[i].used)
			mark_put(dst, src->marks[i].k, src->marks[i].read, src->marks[i].stamp);
	for (size_t i = 0; i < src->npos; i++)
		pos_put(dst, src->pos[i].dump, src->pos[i].story, src->pos[i].line,
			src->pos[i].stamp);
	for (size_t i = 0; i < src->ncorr; i++)
		corr_put(dst, src->corr[i].dump, src->corr[i].digest, src->corr[i].lineno,
			 src->corr[i].join, src->corr[i].stamp);
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
			h1 = hexval(s[i + 1] | 0x20);
			h2 = hexval(s[i + 2] | 0x20);
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
		    parse_key(f[2].s, f[2].n, k) < 0)
			return -1;
		mark_put(c, k, is_word(f[0], "read"), (int64_t)stamp);
		return 0;
	}
	if (is_word(f[0], "pos")) {
		if (nf != 5 || parse_num(f[1].s, f[1].n, 19, INT64_MAX, &stamp) < 0 ||
		    parse_key(f[3].s, f[3].n, k) < 0 ||
		    parse_num(f[4].s, f[4].n, 10, UINT32_MAX, &v) < 0 ||
		    !(dump = unescape_dump(f[2].s, f[2].n)))
			return -1;
		pos_put(c, dump, k, (uint32_t)v, (int64_t)stamp);
		free(dump);
		return 0;
	}
	if (is_word(f[0], "split") || is_word(f[0], "join")) {
		if (nf != 5 || parse_num(f[1].s, f[1].n, 19, INT64_MAX, &stamp) < 0 ||
		    parse_hex(f[3].s, f[3].n, 16, &w) < 0 ||
		    parse_num(f[4].s, f[4].n, 10, UINT32_MAX, &v) < 0 ||
		    !(dump = unescape_dump(f[2].s, f[2].n)))
			return -1;
		corr_put(c, dump, w, (uint32_t)v, is_word(f[0], "join"), (int64_t)stamp);
		free(dump);
		return 0;
	}
	if (!is_record(s, n))
		return -1;
	sbuf_add(&c->unknown, s, n);
	sbuf_addc(&c->unknown, '\n');
	return 0;
}

/* Parse the text of a state file into c.  RD_OK, RD_DAMAGED (the good
 * records are in c), RD_FOREIGN or RD_NEWER (c is empty); a reason for
 * the last three in why. */
static enum read_result parse_text(struct contents *c, const char *buf, size_t n,
				   char *why, size_t whylen)
{
	const char *p = buf, *e = buf + n, *nl;
	const char magic[] = "tnews-state ";
	size_t bad = 0, lineno = 1, firstbad = 0;
	uint64_t version;

	if (n == 0)
		return RD_OK;
	nl = memchr(p, '\n', (size_t)(e - p));
	if (!nl || (size_t)(nl - p) < sizeof magic - 1 ||
	    memcmp(p, magic, sizeof magic - 1) ||
	    parse_num(p + sizeof magic - 1, (size_t)(nl - p) - (sizeof magic - 1), 9,
		      999999999, &version) < 0 || version == 0) {
		setmsg(why, whylen, "not a tnews state file");
		return RD_FOREIGN;
	}
	if (version > STATE_VERSION) {
		setmsg(why, whylen, "written by a newer tnews (format %llu)",
		       (unsigned long long)version);
		return RD_NEWER;
	}
	for (p = nl + 1; p < e; p = nl + 1) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(e - p));
		if (!nl) {
			bad++;
			firstbad = firstbad ? firstbad : lineno;
			break;	/* cut short: its last record may be wrong */
		}
		size_t len = (size_t)(nl - p);

		if (len == 0 || *p == '#')
			continue;
		if (len > MAX_LINE || memchr(p, '\0', len) || parse_record(c, p, len) < 0) {
			bad++;
			firstbad = firstbad ? firstbad : lineno;
		}
	}
	if (bad) {
		setmsg(why, whylen, "damaged (%zu bad line%s, the first line %zu)", bad,
		       bad == 1 ? "" : "s", firstbad);
		return RD_DAMAGED;
	}
	return RD_OK;
}

/* Read the file at path into c.  RD_MISSING if there is none; RD_ERROR
 * with a reason if it cannot be read; else as parse_text. */
static enum read_result read_file(struct contents *c, const char *path, char *why,
				  size_t whylen)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK);
	struct stat sb;
	char *buf;
	size_t n = 0;
	enum read_result r;

	if (fd < 0) {
		if (errno == ENOENT)
			return RD_MISSING;
		setmsg(why, whylen, "cannot read it: %s", strerror(errno));
		return RD_ERROR;
	}
	if (fstat(fd, &sb) < 0) {
		setmsg(why, whylen, "cannot read it: %s", strerror(errno));
		close(fd);
		return RD_ERROR;
	}
	if (!S_ISREG(sb.st_mode)) {
		setmsg(why, whylen, "cannot read it: not a regular file");
		close(fd);
		return RD_ERROR;
	}
	if (sb.st_size > MAX_FILE) {
		close(fd);
		setmsg(why, whylen, "not a tnews state file (too large)");
		return RD_FOREIGN;
	}
	buf = xmalloc((size_t)sb.st_size + 1);
	for (;;) {
		ssize_t k = read(fd, buf + n, (size_t)sb.st_size + 1 - n);

		if (k < 0 && errno == EINTR)
			continue;
		if (k < 0) {
			setmsg(why, whylen, "cannot read it: %s", strerror(errno));
			free(buf);
			close(fd);
			return RD_ERROR;
		}
		if (k == 0)
			break;
		n += (size_t)k;
		if (n > (size_t)sb.st_size) {
			/* it grew: someone writes it in place; not ours */
			free(buf);
			close(fd);
			setmsg(why, whylen, "not a tnews state file (changing)");
			return RD_FOREIGN;
		}
	}
	close(fd);
	r = parse_text(c, buf, n, why, whylen);
	free(buf);
	return r;
}

/* ---- files ---- */

/* Rename a bad state file to PATH.bad-TIMESTAMP; 0, or -1 with errno. */
static int set_aside(const char *path, char *newname, size_t len)
{
	time_t now = time(NULL);
	struct tm tm;
	char ts[32];

	localtime_r(&now, &tm);
	strftime(ts, sizeof ts, "%Y%m%dT%H%M%S", &tm);
	for (int i = 0; i < 100; i++) {
		struct stat sb;

		if (i)
			snprintf(newname, len, "%s.bad-%s-%d", path, ts, i);
		else
			snprintf(newname, len, "%s.bad-%s", path, ts);
		if (lstat(newname, &sb) < 0 && errno == ENOENT)
			return rename(path, newname);
	}
	errno = EEXIST;
	return -1;
}

/* The directory part of path, malloc'd ("." if none). */
static char *dir_of(const char *path)
{
	const char *slash = strrchr(path, '/');

	if (!slash)
		return xstrdup(".");
	if (slash == path)
		return xstrdup("/");
	return xmemdup(path, (size_t)(slash - path));
}

/* Make directory dir and its parents (mode 0700); 0 or -1 with errno. */
static int mkdirs(const char *dir)
{
	char *p = xstrdup(dir);
	int r = 0;

	for (char *s = p + 1; ; s++) {
		if (*s != '/' && *s != '\0')
			continue;
		char c = *s;

		*s = '\0';
		if (mkdir(p, 0700) < 0 && errno != EEXIST) {
			r = -1;
			break;
		}
		*s = c;
		if (!c)
			break;
	}
	if (r == 0) {
		struct stat sb;

		if (stat(dir, &sb) < 0)
			r = -1;
		else if (!S_ISDIR(sb.st_mode)) {
			errno = ENOTDIR;
			r = -1;
		}
	}
	free(p);
	return r;
}

/* Take the lock of path: the fd of PATH.lock, or -1 with errno. */
static int take_lock(const char *path, int create)
{
	struct sbuf b = { 0 };
	int fd;

	sbuf_printf(&b, "%s.lock", path);
	fd = open(b.p, O_RDWR | O_CLOEXEC | O_NOCTTY | (create ? O_CREAT : 0), 0600);
	sbuf_free(&b);
	if (fd < 0)
		return -1;
	for (int waited = 0; ; waited += 10) {
		if (flock(fd, LOCK_EX | LOCK_NB) == 0)
			return fd;
		if (errno != EWOULDBLOCK && errno != EINTR)
			break;
		if (waited >= LOCK_WAIT_MS) {
			errno = EWOULDBLOCK;
			break;
		}
		struct timespec ts = { 0, 10 * 1000000L };

		nanosleep(&ts, NULL);
	}
	int e = errno;

	close(fd);
	errno = e;
	return -1;
}

/* Remove the temporary files a killed save left beside path (PATH.XXXXXX;
 * only ever made under the lock, so any seen under it are stale). */
static void remove_stale(const char *path)
{
	char *dir = dir_of(path);
	const char *slash = strrchr(path, '/'), *base = slash ? slash + 1 : path;
	size_t blen = strlen(base);
	DIR *d = opendir(dir);
	struct dirent *e;

	while (d && (e = readdir(d))) {
		const char *n = e->d_name;

		if (strlen(n) != blen + 7 || strncmp(n, base, blen) || n[blen] != '.')
			continue;
		size_t i;

		for (i = blen + 1; n[i]; i++)
			if (!((n[i] >= 'a' && n[i] <= 'z') || (n[i] >= 'A' && n[i] <= 'Z') ||
			      (n[i] >= '0' && n[i] <= '9')))
				break;
		if (n[i])
			continue;
		struct sbuf b = { 0 };

		sbuf_printf(&b, "%s/%s", dir, n);
		unlink(b.p);
		sbuf_free(&b);
	}
	if (d)
		closedir(d);
	free(dir);
}

/* Release a lock taken by take_lock. */
static void drop_lock(int fd)
{
	if (fd >= 0)
		close(fd);	/* closing releases the flock */
}

/* Order of marks: by key. */
static int cmp_mark(const void *a, const void *b)
{
	const struct mark *x = a, *y = b;

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

/* The text of the state file for c, into b. */
static void format_contents(struct contents *c, struct sbuf *b, int64_t now)
{
	char hex[STATE_KEY_SIZE];
	struct mark *m;
	size_t k = 0;

	sbuf_printf(b, "tnews-state %d\n", STATE_VERSION);
	sbuf_adds(b, "# tnews: read marks, positions and corrections; see tnews(1)\n");
	if (c->npos)
		qsort(c->pos, c->npos, sizeof *c->pos, cmp_pos);
	for (size_t i = 0; i < c->npos; i++) {
		if (!dump_persists(c->pos[i].dump))
			continue;
		key_hex(c->pos[i].story, hex);
		sbuf_printf(b, "pos %lld ", (long long)c->pos[i].stamp);
		escape_dump(b, c->pos[i].dump);
		sbuf_printf(b, " %s %lu\n", hex, (unsigned long)c->pos[i].line);
	}
	if (c->ncorr)
		qsort(c->corr, c->ncorr, sizeof *c->corr, cmp_corr);
	for (size_t i = 0; i < c->ncorr; i++) {
		if (!dump_persists(c->corr[i].dump))
			continue;
		sbuf_printf(b, "%s %lld ", c->corr[i].join ? "join" : "split",
			    (long long)c->corr[i].stamp);
		escape_dump(b, c->corr[i].dump);
		sbuf_printf(b, " %016llx %lu\n", (unsigned long long)c->corr[i].digest,
			    (unsigned long)c->corr[i].lineno);
	}
	m = c->nmarks ? xmalloc(c->nmarks * sizeof *m) : NULL;
	for (size_t i = 0; i < c->markcap; i++)
		if (c->marks[i].used)
			m[k++] = c->marks[i];
	if (k)
		qsort(m, k, sizeof *m, cmp_mark);
	for (size_t i = 0; i < k; i++) {
		if (!m[i].read && m[i].stamp < now - TOMBSTONE_AGE)
			continue;
		key_hex(m[i].k, hex);
		sbuf_printf(b, "%s %lld %s\n", m[i].read ? "read" : "unread",
			    (long long)m[i].stamp, hex);
	}
	free(m);
	if (c->unknown.n)
		sbuf_add(b, c->unknown.p, c->unknown.n);
}

/* Write text to path atomically: a temporary file in its directory,
 * fsync, rename, fsync of the directory.  0, or -1 with msg. */
static int write_atomic(const char *path, const char *text, size_t n, char *msg,
			size_t msglen)
{
	struct sbuf tmp = { 0 };
	char *dir = dir_of(path);
	int fd, r = -1;

	sbuf_printf(&tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp.p);
	if (fd < 0) {
		pathmsg(msg, msglen, path, "cannot save", errno);
		goto out;
	}
	fcntl(fd, F_SETFD, FD_CLOEXEC);
	if (write_all(fd, text, n) < 0 || fsync(fd) < 0) {
		pathmsg(msg, msglen, path, "cannot save", errno);
		close(fd);
		unlink(tmp.p);
		goto out;
	}
	if (close(fd) < 0) {
		pathmsg(msg, msglen, path, "cannot save", errno);
		unlink(tmp.p);
		goto out;
	}
	if (rename(tmp.p, path) < 0) {
		pathmsg(msg, msglen, path, "cannot save", errno);
		unlink(tmp.p);
		goto out;
	}
	fd = open(dir, O_RDONLY | O_CLOEXEC | O_DIRECTORY);
	if (fd >= 0) {
		if (fsync(fd) < 0 && errno != EINVAL && errno != EROFS && errno != EBADF) {
			pathmsg(msg, msglen, dir, "cannot sync the directory", errno);
			close(fd);
			goto out;
		}
		close(fd);
	}
	r = 0;
out:
	sbuf_free(&tmp);
	free(dir);
	return r;
}

/* Microseconds since 1970. */
static int64_t now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* A stamp for a new record: now, but later than any known. */
static int64_t next_stamp(struct state *st)
{
	int64_t t = now_us();

	if (st->c.maxstamp > st->clock)
		st->clock = st->c.maxstamp;
	if (t <= st->clock)
		t = st->clock + 1;
	st->clock = t;
	return t;
}

/* ---- the interface ---- */

char *state_default_path(void)
{
	const char *x = getenv("XDG_STATE_HOME"), *home = getenv("HOME");
	struct sbuf b = { 0 };

	if (x && *x == '/')
		sbuf_printf(&b, "%s/tnews/state", x);
	else if (home && *home == '/')
		sbuf_printf(&b, "%s/.local/state/tnews/state", home);
	return b.p;
}

/* Deal with a bad file found at path while reading it (under the lock
 * unless read-only): set it aside, and say so in msg. */
static void handle_bad(struct state *st, enum read_result r, const char *why,
		       char *msg, size_t msglen)
{
	char *p = shown(st->path);
	char newname[PATH_MAX + 64];

	if (r == RD_NEWER) {
		char text[512];

		snprintf(text, sizeof text, "%s: %s; not saving read marks", p, why);
		setmsg(msg, msglen, "%s", text);
		free(st->why_readonly);
		st->why_readonly = xstrdup(text);
	} else if (r == RD_ERROR) {
		setmsg(msg, msglen, "%s: %s", p, why);
	} else if (st->flags & STATE_READONLY) {
		setmsg(msg, msglen, "%s: %s; %s", p, why,
		       r == RD_DAMAGED ? "using its good lines" : "ignored");
	} else if (set_aside(st->path, newname, sizeof newname) < 0) {
		setmsg(msg, msglen, "%s: %s; cannot set it aside: %s", p, why, strerror(errno));
	} else {
		char *q = shown(newname);

		setmsg(msg, msglen, "%s: %s; moved to %s", p, why, q);
		free(q);
		st->dirty = 1;	/* write the good records back */
	}
	free(p);
}

struct state *state_open(const char *path, int flags, char *msg, size_t msglen)
{
	struct state *st = xcalloc(1, sizeof *st);
	char why[256] = "";
	enum read_result r;
	int lock = -1;

	setmsg(msg, msglen, "%s", "");
	st->flags = flags;
	if (flags & STATE_NONE)
		return st;
	st->path = path ? xstrdup(path) : state_default_path();
	if (!st->path) {
		setmsg(msg, msglen, "no state directory (set HOME or XDG_STATE_HOME); "
		       "read marks will not be saved");
		return st;
	}
	if (!(flags & STATE_READONLY))
		lock = take_lock(st->path, 1);	/* fails harmlessly without a directory */
	if (lock >= 0)
		remove_stale(st->path);
	r = read_file(&st->c, st->path, why, sizeof why);
	if (r == RD_FOREIGN || r == RD_NEWER)
		contents_free(&st->c);
	if (r == RD_DAMAGED || r == RD_FOREIGN) {
		if (lock < 0 && !(flags & STATE_READONLY)) {
			/* no lock (a read-only directory?): leave the file be */
			char *p = shown(st->path);

			setmsg(msg, msglen, "%s: %s; left as it is", p, why);
			free(p);
		} else {
			handle_bad(st, r, why, msg, msglen);
		}
	} else if (r == RD_NEWER || r == RD_ERROR) {
		handle_bad(st, r, why, msg, msglen);
	}
	drop_lock(lock);
	st->clock = st->c.maxstamp;
	return st;
}

void state_close(struct state *st)
{
	if (!st)
		return;
	contents_free(&st->c);
	free(st->path);
	free(st->why_readonly);
	free(st);
}

const char *state_path(const struct state *st)
{
	return st->path;
}

int state_dirty(const struct state *st)
{
	return st->dirty;
}

int state_save(struct state *st, char *msg, size_t msglen)
{
	struct contents disk = { 0 };
	struct sbuf text = { 0 };
	char why[256] = "", *dir;
	enum read_result r;
	int lock, ret = 0;

	setmsg(msg, msglen, "%s", "");
	if (!st->dirty || !st->path || (st->flags & STATE_NONE))
		return 0;
	if (st->flags & STATE_READONLY) {
		char *p = shown(st->path);

		setmsg(msg, msglen, "%s: opened read-only; not saving", p);
		free(p);
		return -1;
	}
	if (st->why_readonly) {
		setmsg(msg, msglen, "%s", st->why_readonly);
		return -1;
	}
	dir = dir_of(st->path);
	if (mkdirs(dir) < 0) {
		int e = errno;
		char *p = shown(st->path), *d = shown(dir);

		setmsg(msg, msglen, "%s: cannot save: cannot make %s: %s", p, d,
		       strerror(e));
		free(p);
		free(d);
		free(dir);
		return -1;
	}
	free(dir);
	lock = take_lock(st->path, 1);
	if (lock < 0) {
		pathmsg(msg, msglen, st->path, "cannot save", errno);
		return -1;
	}
	remove_stale(st->path);
	r = read_file(&disk, st->path, why, sizeof why);
	if (r == RD_ERROR) {
		char *p = shown(st->path);

		setmsg(msg, msglen, "%s: %s; not saving over it", p, why);
		free(p);
		ret = -1;
		goto out;
	}
	if (r == RD_NEWER) {
		handle_bad(st, r, why, msg, msglen);
		ret = -1;
		goto out;
	}
	if (r == RD_DAMAGED || r == RD_FOREIGN) {
		handle_bad(st, r, why, msg, msglen);
		ret = 1;
		if (r == RD_FOREIGN)
			contents_free(&disk);
	}
	if (r != RD_MISSING)
		contents_merge(&st->c, &disk);
	format_contents(&st->c, &text, now_us());
	if (write_atomic(st->path, text.p, text.n, msg, msglen) < 0) {
		ret = -1;
		goto out;
	}
	st->dirty = 0;
out:
	drop_lock(lock);
	contents_free(&disk);
	sbuf_free(&text);
	return ret;
}

int state_is_read(const struct state *st, const char *key)
{
	uint64_t k[2];
	struct mark *m;

	if (!key || parse_key(key, strlen(key), k) < 0)
		return 0;
	m = mark_find(&st->c, k);
	return m && m->read;
}

int state_mark(struct state *st, const char *key, int read)
{
	uint64_t k[2];
	struct mark *m;

	if (!key || parse_key(key, strlen(key), k) < 0)
		return 0;
	m = mark_find(&st->c, k);
	if (read ? (m && m->read) : (!m || !m->read))
		return 0;
	mark_put(&st->c, k, read, next_stamp(st));
	st->dirty = 1;
	return 1;
}

size_t state_read_count(const struct state *st)
{
	return st->c.nread;
}

/* The key of a dump: its absolute path ("-" for standard input, which
 * is never saved); malloc'd. */
static char *dump_key(const struct doc *d)
{
	char *real;
	struct sbuf b = { 0 };
	char cwd[PATH_MAX];

	if (!d->name || !strcmp(d->name, "-") || !*d->name)
		return xstrdup("-");
	real = realpath(d->name, NULL);
	if (real) {
		char *r = xstrdup(real);

		free(real);
		return r;
	}
	if (d->name[0] == '/')
		return xstrdup(d->name);
	if (!getcwd(cwd, sizeof cwd))
		return xstrdup("-");
	sbuf_printf(&b, "%s/%s", cwd, d->name);
	return b.p;
}

void state_set_pos(struct state *st, const struct story *s, size_t line)
{
	char *dump = dump_key(s->doc);
	struct pos *p = pos_find(&st->c, dump);
	uint64_t k[2];

	story_key_bits(s, k);
	if (line > UINT32_MAX)
		line = UINT32_MAX;
	if (!p || p->story[0] != k[0] || p->story[1] != k[1] || p->line != line) {
		pos_put(&st->c, dump, k, (uint32_t)line, next_stamp(st));
		st->dirty = 1;
	}
	free(dump);
}

int state_resume(const struct state *st, const struct storylist *sl,
		 const struct state_key *keys, size_t *story, size_t *line)
{
	int64_t best = -1;
	const struct doc *last = NULL;
	const struct pos *p = NULL;
	char hex[STATE_KEY_SIZE];

	for (size_t i = 0; i < sl->n; i++) {
		const struct story *s = &sl->stories[i];

		if (s->doc != last) {
			char *dump = dump_key(s->doc);

			p = pos_find(&st->c, dump);
			free(dump);
			last = s->doc;
			if (p)
				key_hex(p->story, hex);
		}
		if (!p || p->stamp <= best)
			continue;
		char mine[STATE_KEY_SIZE];

		if (keys)
			memcpy(mine, keys[i].hex, STATE_KEY_SIZE);
		else
			state_story_key(s, mine);
		if (strcmp(mine, hex))
			continue;
		best = p->stamp;
		*story = i;
		*line = s->count && p->line >= s->count ? s->count - 1 : p->line;
	}
	return best >= 0;
}

/* Record a correction at line i of document d. */
static void add_corr(struct state *st, const struct doc *d, size_t i, int join)
{
	char *dump = dump_key(d);

	corr_put(&st->c, dump, line_digest(d, i), d->lines[i].lineno, join,
		 next_stamp(st));
	st->dirty = 1;
	free(dump);
}

int state_split(struct state *st, const struct story *s, size_t line,
		char *msg, size_t msglen)
{
	const struct line *l = story_lines(s);

	while (line < s->count && l[line].kind != LK_PARAGRAPH)
		line++;
	if (line == 0 || line >= s->count) {
		setmsg(msg, msglen, "no paragraph to split the story at");
		return -1;
	}
	add_corr(st, s->doc, s->first + line, 0);
	return 0;
}

int state_join(struct state *st, const struct story *s, const struct story *next,
	       char *msg, size_t msglen)
{
	if (!next || s->doc != next->doc || s->first + s->count != next->first ||
	    next->first >= s->doc->nlines) {
		setmsg(msg, msglen, "no next story in the same file to join with");
		return -1;
	}
	add_corr(st, s->doc, next->first, 1);
	return 0;
}

/* For document d with corrections, the override of each line: +1 a
 * story starts there, -1 none does, 0 as parsed; malloc'd, or NULL if
 * the dump has no corrections. */
static signed char *overrides(const struct state *st, const struct doc *d)
{
	char *dump = dump_key(d);
	signed char *ov = NULL;
	int64_t *when = NULL;
	uint64_t *dig = NULL;

	for (size_t c = 0; c < st->c.ncorr; c++) {
		const struct corr *k = &st->c.corr[c];
		size_t best = SIZE_MAX;
		uint32_t bestdist = UINT32_MAX;

		if (strcmp(k->dump, dump))
			continue;
		if (!dig) {
			dig = xmalloc((d->nlines ? d->nlines : 1) * sizeof *dig);
			for (size_t i = 0; i < d->nlines; i++)
				dig[i] = line_digest(d, i);
			ov = xcalloc(d->nlines ? d->nlines : 1, 1);
			when = xcalloc(d->nlines ? d->nlines : 1, sizeof *when);
		}
		for (size_t i = 0; i < d->nlines; i++) {
			if (dig[i] != k->digest)
				continue;
			uint32_t ln = d->lines[i].lineno;
			uint32_t dist = ln > k->lineno ? ln - k->lineno : k->lineno - ln;

			if (best == SIZE_MAX || dist < bestdist) {
				best = i;
				bestdist = dist;
			}
		}
		if (best == SIZE_MAX || (ov[best] && when[best] > k->stamp))
			continue;
		ov[best] = k->join ? -1 : 1;
		when[best] = k->stamp;
	}
	free(dig);
	free(when);
	free(dump);
	return ov;
}

/* Rebuild the stories [a, b) of one document by ov into out; returns the
 * number of stories that changed. */
static size_t rebuild_doc(struct storylist *sl, size_t a, size_t b,
			  const signed char *ov, struct story **out, size_t *n,
			  size_t *cap)
{
	size_t changed = 0, start = *n;

	for (size_t k = a; k < b; k++) {
		struct story *s = &sl->stories[k];

		for (size_t i = s->first; i < s->first + s->count; i++) {
			struct story *cur = *n > start ? &(*out)[*n - 1] : NULL;
			int boundary;

			if (i == s->first)
				boundary = !(ov[i] < 0 && cur && cur->first + cur->count == i);
			else
				boundary = ov[i] > 0;
			if (boundary) {
				*out = xgrow(*out, cap, *n + 1, sizeof **out);
				cur = &(*out)[(*n)++];
				memset(cur, 0, sizeof *cur);
				cur->doc = s->doc;
				cur->first = i;
				cur->score = i == s->first ? s->score : 0;
				cur->why = i == s->first ? s->why : "split by you";
			}
			cur->count++;
		}
	}
	/* keep the titles of stories that did not change */
	for (size_t j = start, k = a; j < *n; j++) {
		struct story *t = &(*out)[j];

		while (k < b && sl->stories[k].first < t->first)
			k++;
		if (k < b && sl->stories[k].first == t->first &&
		    sl->stories[k].count == t->count) {
			t->title = sl->stories[k].title;
			t->words = sl->stories[k].words;
			sl->stories[k].title = NULL;
			continue;
		}
		if (k < b && sl->stories[k].first == t->first &&
		    t->count > sl->stories[k].count)
			t->why = "joined by you";
		story_finish(t);
		changed++;
	}
	for (size_t k = a; k < b; k++) {
		free(sl->stories[k].title);
		sl->stories[k].title = NULL;
	}
	return changed;
}

size_t state_apply(const struct state *st, struct storylist *sl)
{
	struct story *out = NULL;
	size_t n = 0, cap = 0, changed = 0;

	if (!st->c.ncorr || !sl->n)
		return 0;
	for (size_t a = 0, b; a < sl->n; a = b) {
		signed char *ov;

		for (b = a + 1; b < sl->n && sl->stories[b].doc == sl->stories[a].doc; b++)
			;
		ov = overrides(st, sl->stories[a].doc);
		if (ov) {
			changed += rebuild_doc(sl, a, b, ov, &out, &n, &cap);
			free(ov);
			continue;
		}
		out = xgrow(out, &cap, n + (b - a), sizeof *out);
		memcpy(out + n, sl->stories + a, (b - a) * sizeof *out);
		n += b - a;
	}
	free(sl->stories);
	sl->stories = out;
	sl->n = n;
	sl->cap = cap;
	return changed;
}

void state_apply_saved(struct storylist *sl, int no_state, char *msg, size_t msglen)
{
	struct state *st;

	setmsg(msg, msglen, "%s", "");
	if (no_state)
		return;
	st = state_open(NULL, STATE_READONLY, msg, msglen);
	state_apply(st, sl);
	state_close(st);
}
