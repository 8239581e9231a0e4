/* SPDX-License-Identifier: MIT */
/* state.c - what tnews remembers between runs: the interface (read
 * marks, positions, opening and saving).  The file format and journal
 * are described in state_format.c; the files are handled by
 * state_store.c, story keys by state_key.c, splits and joins by
 * state_corr.c. */
#include <config.h>

#include <limits.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "state_int.h"
#include "xmalloc.h"

/* Put a formatted message in msg, if there is room for one. */
void state_msg(char *msg, size_t msglen, const char *fmt, ...)
{
	va_list ap;

	if (!msg || !msglen)
		return;
	va_start(ap, fmt);
	vsnprintf(msg, msglen, fmt, ap);
	va_end(ap);
}

/* A path made safe to show, malloc'd. */
char *state_shown(const char *path)
{
	struct sbuf b = { 0 };

	output_safe_name(&b, path ? path : "(none)");
	return b.p ? b.p : xstrdup("");
}

/* Put "PATH: what: reason" in msg. */
void state_pathmsg(char *msg, size_t msglen, const char *path, const char *what,
		    int err)
{
	char *p = state_shown(path);

	state_msg(msg, msglen, "%s: %s%s%s", p, what ? what : "", what ? ": " : "",
	       strerror(err));
	free(p);
}


/* Microseconds since 1970. */
int64_t state_now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_REALTIME, &ts);
	return (int64_t)ts.tv_sec * 1000000 + ts.tv_nsec / 1000;
}

/* A stamp for a new record: now, but later than any known. */
int64_t state_next_stamp(struct state *st)
{
	int64_t t = state_now_us();

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


struct state *state_open(const char *path, int flags, char *msg, size_t msglen)
{
	return store_open(path, flags, 0, msg, msglen);
}

int state_save(struct state *st, char *msg, size_t msglen)
{
	return store_save(st, 0, msg, msglen);
}

int state_fold(struct state *st, char *msg, size_t msglen)
{
	return store_save(st, 1, msg, msglen);
}

void state_close(struct state *st)
{
	if (!st)
		return;
	contents_free(&st->c);
	free(st->pending);
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

int state_is_read(const struct state *st, const char *key)
{
	uint64_t k[2];
	struct mark *m;

	if (!key || state_parse_key(key, strlen(key), k) < 0)
		return 0;
	m = contents_mark_find(&st->c, k);
	return m && m->read;
}

int state_mark(struct state *st, const char *key, int read)
{
	uint64_t k[2];
	struct mark *m;

	if (!key || state_parse_key(key, strlen(key), k) < 0)
		return 0;
	m = contents_mark_find(&st->c, k);
	if (read ? (m && m->read) : (!m || !m->read))
		return 0;
	contents_mark_put(&st->c, k, read, state_next_stamp(st));
	st->pending = xgrow(st->pending, &st->pendingcap, st->npending + 1,
			    sizeof *st->pending);
	st->pending[st->npending][0] = k[0];
	st->pending[st->npending][1] = k[1];
	st->npending++;
	st->dirty = 1;
	return 1;
}

size_t state_read_count(const struct state *st)
{
	return st->c.nread;
}

/* The key of a dump: its absolute path ("-" for standard input, which
 * is never saved); malloc'd. */
char *state_dump_key(const struct doc *d)
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
	char *dump = state_dump_key(s->doc);
	struct pos *p = contents_pos_find(&st->c, dump);
	uint64_t k[2];

	state_key_bits(s, k);
	if (line > UINT32_MAX)
		line = UINT32_MAX;
	if (!p || p->story[0] != k[0] || p->story[1] != k[1] || p->line != line) {
		p = contents_pos_put(&st->c, dump, k, (uint32_t)line, state_next_stamp(st));
		if (p)
			p->pending = 1;
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
			char *dump = state_dump_key(s->doc);

			p = contents_pos_find(&st->c, dump);
			free(dump);
			last = s->doc;
			if (p)
				state_key_hex(p->story, hex);
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
