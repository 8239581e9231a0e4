/* SPDX-License-Identifier: MIT */
/* ui_follow.c - following the open dumps as they change: a cheap stat of
 * each file between keys; a dump appended to has only the new text read
 * and parsed, with its last story (which the new text may continue):
 * the stories before stay as they were; a dump that shrank or was
 * replaced (or a page or feed that changed) is read and parsed again
 * and its stories put in place of the old ones; either way the story
 * shown and the place in it are kept, and the marks (they are keyed by
 * text); F goes to the newest story and keeps going there */
#include <config.h>

#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#ifdef HAVE_SYS_INOTIFY_H
#include <sys/inotify.h>
#endif

#include "input.h"
#include "markup.h"
#include "parse.h"
#include "ui.h"
#include "ui_panes.h"
#include "xmalloc.h"

/* Look at the files at most this often (ms). */
#define CHECK_MS 300

/* Whether two looks at a file saw the same. */
static int same_look(const struct follow_file *x, const struct follow_file *y)
{
	return x->ok == y->ok && x->size == y->size && x->mtime_ns == y->mtime_ns &&
	       x->ino == y->ino && x->dev == y->dev;
}

/* Read n bytes at off of the file name into buf; the bytes read, or -1. */
static ssize_t read_at(const char *name, long long off, void *buf, size_t n)
{
	int fd = open(name, O_RDONLY | O_CLOEXEC | O_NOCTTY);
	size_t got = 0;

	if (fd < 0)
		return -1;
	while (got < n) {
		ssize_t r = pread(fd, (char *)buf + got, n - got, (off_t)(off + (long long)got));

		if (r <= 0)
			break;
		got += (size_t)r;
	}
	close(fd);
	return (ssize_t)got;
}

/* Keep the last bytes of the file that document d holds in f. */
static void keep_tail(const struct doc *d, struct follow_file *f)
{
	size_t n = d->raw_len < FOLLOW_TAIL ? d->raw_len : FOLLOW_TAIL;
	ssize_t r = read_at(d->name, (long long)(d->raw_len - n), f->tail, n);

	f->ntail = r == (ssize_t)n ? n : 0;
}

/* What a file looked like, to see that it changed. */
static void look(const char *name, struct follow_file *f)
{
	struct stat sb;

	memset(f, 0, sizeof *f);
	if (stat(name, &sb) < 0 || !S_ISREG(sb.st_mode))
		return;
	f->ok = 1;
	f->size = (long long)sb.st_size;
	f->ino = (unsigned long long)sb.st_ino;
	f->dev = (unsigned long long)sb.st_dev;
	f->mtime_ns = (long long)sb.st_mtim.tv_sec * 1000000000LL + sb.st_mtim.tv_nsec;
}

#ifdef HAVE_SYS_INOTIFY_H
/* What a file's watch reports: written, its attributes (a truncation),
 * moved or deleted (replaced). */
#define WATCH_FILE (IN_MODIFY | IN_ATTRIB | IN_CLOSE_WRITE | IN_MOVE_SELF | IN_DELETE_SELF)
/* What its directory's watch reports: a file put in (by a rename). */
#define WATCH_DIR (IN_CREATE | IN_MOVED_TO)

/* Watch file name and its directory, if inotify is on. */
static void watch(struct follow *fw, const char *name)
{
	char dir[4096];
	const char *slash = strrchr(name, '/');

	if (fw->ino_fd < 0)
		return;
	inotify_add_watch(fw->ino_fd, name, WATCH_FILE);
	if (!slash)
		snprintf(dir, sizeof dir, ".");
	else
		snprintf(dir, sizeof dir, "%.*s", slash == name ? 1 : (int)(slash - name), name);
	inotify_add_watch(fw->ino_fd, dir, WATCH_DIR);
}

/* Start inotify, unless TNEWS_FOLLOW=poll asks for the poll. */
static void watch_start(struct follow *fw)
{
	const char *how = getenv("TNEWS_FOLLOW");

	fw->ino_fd = how && !strcmp(how, "poll") ? -1 : inotify_init1(IN_NONBLOCK | IN_CLOEXEC);
}

/* Read what inotify says; 1 if anything came. */
static int watch_drain(struct follow *fw)
{
	char buf[4096] __attribute__((aligned(__alignof__(struct inotify_event))));
	int any = 0;

	while (read(fw->ino_fd, buf, sizeof buf) > 0)
		any = 1;
	return any;
}
#else
static void watch(struct follow *fw, const char *name) { (void)fw; (void)name; }
static void watch_start(struct follow *fw) { fw->ino_fd = -1; }
static int watch_drain(struct follow *fw) { (void)fw; return 0; }
#endif

void follow_start(struct app *a, const struct loader *ld)
{
	struct follow *fw = &a->follow;

	fw->rules = ld ? ld->rules : NULL;	/* none: nothing is followed */
	fw->seg = ld ? ld->seg : SEG_AUTO;
	fw->n = a->sl->ndocs;
	fw->files = xcalloc(fw->n ? fw->n : 1, sizeof *fw->files);
	watch_start(fw);
	for (size_t i = 0; i < fw->n; i++) {
		const struct doc *d = a->sl->docs[i];

		if (strcmp(d->name, "-")) {	/* dumps, pages and feeds alike */
			look(d->name, &fw->files[i]);
			keep_tail(d, &fw->files[i]);
			if (fw->files[i].ok && fw->rules)
				watch(fw, d->name);
		}
	}
	fw->next = ui_now_ms() + CHECK_MS;
}

/* The place shown, to be kept over a reload. */
struct place {
	const struct doc *doc;	/* the shown story's document */
	int reloaded;		/* it is the one read again, document k */
	size_t k;
	size_t first, count;	/* the shown story's lines in its document */
	size_t line, top;	/* line of the story at the top, the top row */
};

/* Read document k again; 1 if its stories changed, with *added the
 * stories more than before (0 if fewer). */
static int reload(struct app *a, size_t k, size_t *added)
{
	struct storylist tmp = { 0 };
	char err[256];
	struct doc *d = input_read(a->sl->docs[k]->name, err, sizeof err);
	size_t b, e;

	*added = 0;
	if (!d)
		return 0;			/* gone or unreadable: keep what we have */
	if (!a->follow.rules) {
		doc_free(d);
		return 0;
	}
	if (d->src != SRC_TEXT)		/* a page or feed: its items */
		markup_stories(&tmp, d, a->follow.rules);
	else
		parse_doc(&tmp, d, a->follow.rules, a->follow.seg);
	storylist_doc_range(a->sl, a->sl->docs[k], &b, &e);
	*added = tmp.n > e - b ? tmp.n - (e - b) : 0;
	storylist_put_doc(a->sl, k, &tmp);
	return 1;
}

/* Whether document d (as old saw its file) was only appended to, as
 * now saw it: the same file, longer, its old end unchanged. */
static int appended(const struct doc *d, const struct follow_file *old,
		    const struct follow_file *now)
{
	unsigned char buf[FOLLOW_TAIL];

	if (d->src != SRC_TEXT || !d->raw_eol || old->ino != now->ino ||
	    old->dev != now->dev || now->size <= (long long)d->raw_len ||
	    old->ntail != (d->raw_len < FOLLOW_TAIL ? d->raw_len : FOLLOW_TAIL))
		return 0;
	return read_at(d->name, (long long)(d->raw_len - old->ntail), buf, old->ntail) ==
	       (ssize_t)old->ntail && !memcmp(buf, old->tail, old->ntail);
}

/* Document k grew to size bytes: read and parse what was appended (whole
 * lines; a line still being written waits); 1 if its stories changed,
 * with *added the stories more than before and *from the first story
 * replaced (SIZE_MAX if stories of other files come after them); -1 if
 * it must be read again whole. */
static int append(struct app *a, size_t k, long long size, size_t *added, size_t *from)
{
	struct doc *d = a->sl->docs[k];
	size_t n = (size_t)(size - (long long)d->raw_len), first, lines, ns, before = a->sl->n;
	char *buf = xmalloc(n + 1);
	ssize_t r = read_at(d->name, (long long)d->raw_len, buf, n);

	*added = 0;
	while (r > 0 && buf[r - 1] != '\n')	/* whole lines only */
		r--;
	if (r <= 0 || !a->follow.rules) {
		free(buf);
		return r < 0 ? -1 : 0;
	}
	if (input_append(d, buf, (size_t)r) < 0) {
		free(buf);
		return -1;
	}
	free(buf);
	ns = parse_append(a->sl, d, a->follow.rules, a->follow.seg, &first, &lines);
	if (ns == 0)
		return -1;
	a->follow.parsed_lines += lines;
	*added = a->sl->n > before ? a->sl->n - before : 0;
	*from = a->sl->stories[a->sl->n - 1].doc == d ? first : SIZE_MAX;
	return 1;
}

/* Remember the place shown. */
static void keep_place(struct app *a, struct place *p)
{
	const struct story *s = &a->sl->stories[a->sel];
	size_t off;

	p->doc = s->doc;
	p->first = s->first;
	p->count = s->count;
	reader_where(a, &p->line, &off);
	p->top = a->top;
}

/* Go back to the place, in the stories as they are now. */
static void restore_place(struct app *a, const struct place *p)
{
	const struct doc *d = p->reloaded ? a->sl->docs[p->k] : p->doc;
	const struct story *s;

	a->sel = storylist_holding(a->sl, d, p->first + p->line);
	find_follow(a);
	s = &a->sl->stories[a->sel];
	reader_top_at(a, p->first + p->line > s->first ? p->first + p->line - s->first : 0);
	if (s->first == p->first && s->count == p->count)
		a->top = p->top;		/* the same story: the same rows */
	list_follow(a);
}

/* F and following: the newest story, at its top. */
static void go_newest(struct app *a)
{
	if (!a->nvis)
		return;
	a->sel = a->vis[a->nvis - 1];
	reader_top_at(a, 0);
	list_follow(a);
}

/* Of the last added stories of document k (the ones a growing dump
 * gained), how many are new versions of an article seen before. */
static size_t new_versions(const struct app *a, size_t k, size_t added)
{
	const struct doc *d = a->sl->docs[k];
	size_t n = 0;

	for (size_t i = a->sl->n; i-- > 0 && added > 0;) {
		if (a->sl->stories[i].doc != d)
			continue;
		added--;
		n += i < a->fold.n && a->fold.version[i] > 1;
	}
	return n;
}

/* Document k changed on disk (its file was seen as old, is now as now):
 * read what was appended, or read it again whole; keep the place. */
static int changed(struct app *a, size_t k, const struct follow_file *old,
		   struct follow_file *now)
{
	struct place p = { 0 };
	size_t added, vers, from = SIZE_MAX;
	char buf[96];
	int r = -1;

	if (a->sl->n)
		keep_place(a, &p);
	p.k = k;
	p.reloaded = p.doc == a->sl->docs[k];
	if (appended(a->sl->docs[k], old, now))
		r = append(a, k, now->size, &added, &from);
	if (r < 0) {
		r = reload(a, k, &added);
		a->follow.reloads++;
	}
	keep_tail(a->sl->docs[k], now);
	if (!r)
		return 0;
	find_reindex(a);
	state_apply(a->st, a->sl);
	/* appended to the last file: only the stories from its last on are
	 * new to the other modules */
	ui_stories_changed(a, from != SIZE_MAX ? STORIES_TAIL : STORIES_REPLACED,
			   from != SIZE_MAX ? from : 0);
	if (a->sel >= a->sl->n)
		a->sel = a->sl->n ? a->sl->n - 1 : 0;
	if (a->follow.on) {
		go_newest(a);
		if (a->focus == FOCUS_READER)
			ustate_opened(a, a->sel);
	}
	else if (a->sl->n)
		restore_place(a, &p);
	if (added) {
		vers = new_versions(a, k, added);
		if (vers)
			snprintf(buf, sizeof buf, "+%zu new (%zu of them %s of stories listed)",
				 added, vers, vers == 1 ? "a new version" : "new versions");
		else
			snprintf(buf, sizeof buf, "+%zu new", added);
		ui_message(a, buf);
	}
	return H_LAYOUT;
}

int follow_put(struct app *a, size_t k, struct storylist *tmp)
{
	struct place p = { 0 };
	const struct doc *d;

	if (a->sl->n)
		keep_place(a, &p);
	p.k = k;
	p.reloaded = p.doc == a->sl->docs[k];
	storylist_put_doc(a->sl, k, tmp);
	find_reindex(a);
	ui_stories_changed(a, STORIES_REPLACED, 0);
	if (a->sl->n)
		restore_place(a, &p);	/* it puts the selection */
	else
		a->sel = 0;
	/* the file as the document now has it: a change since is seen */
	d = a->sl->docs[k];
	if (k < a->follow.n && a->follow.files[k].ok) {
		look(d->name, &a->follow.files[k]);
		a->follow.files[k].size = (long long)d->raw_len;
		keep_tail(d, &a->follow.files[k]);
	}
	return H_LAYOUT;
}

int follow_idle(struct app *a)
{
	struct follow *fw = &a->follow;
	int flags = 0;
	long now = ui_now_ms();

	if (fw->ino_fd >= 0) {		/* look when inotify says so */
		fw->pending |= watch_drain(fw);
		if (!fw->pending)
			return 0;
	} else if (now < fw->next) {	/* else every CHECK_MS */
		return 0;
	}
	if (load_busy(a) || prompt_kind(a) != PROMPT_NONE)
		return 0;
	fw->pending = 0;
	fw->next = now + CHECK_MS;
	for (size_t i = 0; i < fw->n && i < a->sl->ndocs; i++) {
		struct follow_file f, old = fw->files[i];

		if (!old.ok)
			continue;
		look(a->sl->docs[i]->name, &f);
		if (!f.ok || same_look(&f, &old))
			continue;
		flags |= changed(a, i, &old, &f);
		fw->files[i] = f;
		if (f.ino != old.ino || f.dev != old.dev)
			watch(fw, a->sl->docs[i]->name);	/* replaced: the new file */
		/* a long dump takes a while to parse: look again only after
		 * four times that, so that reading is not held up by it */
		if (ui_now_ms() - now > CHECK_MS / 4)
			fw->next = ui_now_ms() + 4 * (ui_now_ms() - now);
	}
	return flags;
}

int follow_key(struct app *a)
{
	a->follow.on = 1;
	go_newest(a);
	a->focus = FOCUS_READER;
	ustate_opened(a, a->sel);
	ui_message(a, "Following: new stories are shown as they come (any key stops)");
	return H_HANDLED | H_ALL;
}

int follow_fd(const struct app *a)
{
	return a->follow.files ? a->follow.ino_fd : -1;
}

void follow_free(struct app *a)
{
	if (a->follow.files && a->follow.ino_fd >= 0)
		close(a->follow.ino_fd);
	free(a->follow.files);
	memset(&a->follow, 0, sizeof a->follow);
}
