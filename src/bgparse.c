/* SPDX-License-Identifier: MIT */
/* bgparse.c - a provisional document of a long dump's first lines, and
 * the whole dump parsed on a second thread meanwhile */
#include <config.h>

#include <fcntl.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "bgparse.h"
#include "parse.h"
#include "xmalloc.h"

struct doc *bgparse_prefix(struct doc *d, size_t max)
{
	size_t m = 0, len;
	struct doc *p;

	if (d->src != SRC_TEXT)
		return NULL;
	while (m < d->nlines && d->lines[m].off + d->lines[m].len <= max)
		m++;
	if (m == 0)
		m = 1;			/* one line longer than max */
	if (m >= d->nlines)
		return NULL;
	len = d->lines[m - 1].off + d->lines[m - 1].len;
	p = xcalloc(1, sizeof *p);
	p->name = xstrdup(d->name);
	if (!d->text_refs) {
		d->text_refs = xmalloc(sizeof *d->text_refs);
		*d->text_refs = 1;
	}
	++*d->text_refs;
	p->text = d->text;
	p->text_refs = d->text_refs;
	p->len = len;
	p->lines = xmalloc(m * sizeof *p->lines);
	memcpy(p->lines, d->lines, m * sizeof *p->lines);
	for (size_t i = 0; i < m; i++) {
		p->nlines = i + 1;
		doc_set_lineno(p, i, doc_lineno(d, i));
	}
	p->nphys = p->last_lineno;
	p->src = SRC_TEXT;
	p->raw_len = d->raw_len;
	p->raw_eol = d->raw_eol;
	p->wrap = d->wrap;	/* laid out as the whole */
	p->wrap_bytes = d->wrap_bytes;
	p->wrap_parted = d->wrap_parted;
	p->blank_base = d->blank_base;
	return p;
}

/* A parse on its thread; the thread alone touches sl and d until done. */
struct bgparse {
	pthread_t th;
	struct storylist sl;	/* the stories made */
	struct doc *d;
	const struct rules *r;
	enum seg_mode mode;
	int wake[2];		/* a byte is written to wake[1] when done */
	atomic_uint progress;	/* per mille */
	atomic_int done, cancel;
};

/* Per mille done after classifying and segmenting up to line at. */
static unsigned per_mille(const struct doc *d, size_t at)
{
	size_t n = d->nlines ? d->nlines : 1;

	return BGPARSE_CLASSIFY + (unsigned)((1000 - BGPARSE_CLASSIFY) * (at > n ? n : at) / n);
}

/* The thread: classify, then segment window by window, saying how far
 * it got; when cancelled, the classifier stops early (d->stop) and no
 * more windows are segmented. */
static void *run(void *arg)
{
	struct bgparse *b = arg;
	struct parser *p = parse_begin(&b->sl, b->d, b->r, b->mode);
	char one = 1;

	atomic_store(&b->progress, BGPARSE_CLASSIFY);
	while (!atomic_load(&b->cancel) && !parse_step(p)) {
		const struct story *last = b->sl.n ? &b->sl.stories[b->sl.n - 1] : NULL;

		if (last)
			atomic_store(&b->progress, per_mille(b->d, last->first + last->count));
	}
	parse_end(p);
	atomic_store(&b->progress, 1000);
	atomic_store(&b->done, 1);
	while (write(b->wake[1], &one, 1) < 0 && !atomic_load(&b->cancel))
		;			/* EINTR; the pipe cannot be full */
	return NULL;
}

struct bgparse *bgparse_start(struct doc *d, const struct rules *r, enum seg_mode mode)
{
	struct bgparse *b = xcalloc(1, sizeof *b);
	sigset_t all, old;
	int err;

	b->d = d;
	d->stop = &b->cancel;
	b->r = r;
	b->mode = mode;
	if (pipe(b->wake) < 0) {
		d->stop = NULL;
		free(b);
		return NULL;
	}
	fcntl(b->wake[0], F_SETFD, FD_CLOEXEC);
	fcntl(b->wake[1], F_SETFD, FD_CLOEXEC);
	/* signals are the reader's: the thread starts with them blocked */
	sigfillset(&all);
	pthread_sigmask(SIG_SETMASK, &all, &old);
	err = pthread_create(&b->th, NULL, run, b);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (err) {
		d->stop = NULL;
		close(b->wake[0]);
		close(b->wake[1]);
		free(b);
		return NULL;
	}
	return b;
}

int bgparse_fd(const struct bgparse *b)
{
	return b->wake[0];
}

int bgparse_done(const struct bgparse *b)
{
	return atomic_load(&((struct bgparse *)b)->done);
}

unsigned bgparse_progress(const struct bgparse *b)
{
	return atomic_load(&((struct bgparse *)b)->progress);
}

/* Wait for the thread; free b, but for its stories, which go to out. */
static void join(struct bgparse *b, struct storylist *out)
{
	pthread_join(b->th, NULL);
	b->d->stop = NULL;
	*out = b->sl;
	close(b->wake[0]);
	close(b->wake[1]);
	free(b);
}

void bgparse_finish(struct bgparse *b, struct storylist *out)
{
	join(b, out);
}

void bgparse_cancel(struct bgparse *b)
{
	struct storylist sl;

	if (!b)
		return;
	atomic_store(&b->cancel, 1);
	join(b, &sl);
	/* the document is the caller's: free the stories alone */
	for (size_t i = 0; i < sl.n; i++)
		free(sl.stories[i].title);
	free(sl.stories);
	free(sl.docs);
}
