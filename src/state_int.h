/* SPDX-License-Identifier: MIT */
/* state_int.h - what the parts of the state share (not for the rest of
 * tnews): the tables of a state file's contents, the record format, the
 * story keys and the file store.  state.h is the interface. */
#ifndef TNEWS_STATE_INT_H
#define TNEWS_STATE_INT_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "sbuf.h"
#include "state.h"

#define STATE_VERSION 1
#define TOMBSTONE_AGE (90LL * 24 * 3600 * 1000000)	/* us */

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
	uint8_t pending;		/* changed since the last save */
	int64_t stamp;
};

/* One split or join of a dump. */
struct corr {
	char *dump;
	uint64_t digest;
	uint32_t lineno;
	uint8_t join;
	uint8_t pending;		/* changed since the last save */
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

/* Which file a state file's bytes last came from (to see a change). */
struct file_id {
	dev_t dev;
	ino_t ino;
	off_t size;
	int64_t mtime_ns;
	int known;			/* 0: not read (or missing) */
};

struct state {
	char *path;			/* NULL: in memory only */
	int flags;
	char *why_readonly;		/* set: saving is refused with this */
	int dirty;
	int fold;			/* the next save rewrites the file */
	int64_t clock;
	struct contents c;
	uint64_t (*pending)[2];		/* keys of marks changed since the save */
	size_t npending, pendingcap;
	struct file_id main_id;		/* the state file as last read */
	struct file_id journal_id;	/* the journal as last read */
	off_t journal_read;		/* bytes of it merged in */
};

/* How reading a file went. */
enum read_result { RD_OK, RD_MISSING, RD_DAMAGED, RD_FOREIGN, RD_NEWER, RD_ERROR };

/* A state file being parsed a piece at a time (state_format.c). */
struct state_reader {
	struct contents *c;
	int skip_marks;			/* corrections only: marks checked, not kept */
	int header;			/* the first line was good */
	int journal;			/* a journal: a torn last line is no damage */
	enum read_result r;
	size_t lineno, bad, firstbad;
	int any;			/* any bytes came */
	size_t partial;			/* bytes of a line cut by the end of a piece */
	struct sbuf carry;		/* those bytes (unless overlong) */
	int overlong;			/* the carried line is too long already */
	char why[256];
};

/* state.c: messages. */
void state_msg(char *msg, size_t msglen, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
char *state_shown(const char *path);
void state_pathmsg(char *msg, size_t msglen, const char *path, const char *what,
		   int err);
int64_t state_now_us(void);
int64_t state_next_stamp(struct state *st);
char *state_dump_key(const struct doc *d);

/* state_key.c: digests. */
void state_key_bits(const struct story *s, uint64_t k[2]);
uint64_t state_line_digest(const struct doc *d, size_t i);
void state_key_hex(const uint64_t k[2], char out[STATE_KEY_SIZE]);
int state_hexval(int c);
int state_parse_hex(const char *s, size_t len, size_t n, uint64_t *v);
int state_parse_key(const char *s, size_t len, uint64_t k[2]);
uint64_t state_mix64(uint64_t x);

/* state_format.c: the tables and the text. */
struct mark *contents_mark_find(const struct contents *c, const uint64_t k[2]);
int contents_mark_put(struct contents *c, const uint64_t k[2], int read, int64_t stamp);
void contents_reserve(struct contents *c, size_t marks);
struct pos *contents_pos_find(const struct contents *c, const char *dump);
struct pos *contents_pos_put(struct contents *c, const char *dump,
			     const uint64_t story[2], uint32_t line, int64_t stamp);
struct corr *contents_corr_put(struct contents *c, const char *dump, uint64_t digest,
			       uint32_t lineno, int join, int64_t stamp);
void contents_free(struct contents *c);
void contents_merge(struct contents *dst, const struct contents *src, int replace);
void reader_init(struct state_reader *r, struct contents *c, int journal);
void reader_feed(struct state_reader *r, const char *buf, size_t n);
enum read_result reader_finish(struct state_reader *r);
void format_contents(struct contents *c, struct sbuf *b, int64_t now);
void format_mark(struct sbuf *b, const struct mark *m);
void format_pos(struct sbuf *b, const struct pos *p);
void format_corr(struct sbuf *b, const struct corr *k);

/* state_store.c: files. */
struct state *store_open(const char *path, int flags, int skip_marks, char *msg,
			 size_t msglen);
int store_save(struct state *st, int fold, char *msg, size_t msglen);

#endif
