/* SPDX-License-Identifier: MIT */
/* ui_export.c - handing a story to the outside world: its clean text
 * piped to a shell command (the terminal handed over and back, as mutt
 * does), or saved to a file (asking before overwriting one) */
#include <config.h>

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "output.h"
#include "hyperlink.h"
#include "ui_panes.h"
#include "xmalloc.h"

/* The clean text of story i as --dump prints one story, unwrapped: the
 * title, a blank line, the paragraphs separated by blank lines. */
static void story_text(const struct app *a, size_t i, struct sbuf *b)
{
	const struct story *s = &a->sl->stories[i];
	const struct line *l = story_lines(s);

	int nl = story_has_headline(s);	/* a title from the lede would repeat it */

	if (nl) {
		sbuf_adds(b, s->title ? s->title : "");
		sbuf_adds(b, "\n");
	}
	for (size_t k = 0; k < s->count; k++) {
		struct bstr t = line_text(s->doc, &l[k]);

		if (l[k].kind != LK_PARAGRAPH)
			continue;
		if (nl)
			sbuf_adds(b, "\n");
		nl = 1;
		sbuf_add(b, t.s, t.n);
		sbuf_adds(b, "\n");
	}
}

/* Say "what: NAME: reason" (NAME made safe) on the status line. */
static void say(struct app *a, const char *what, const char *name, const char *reason)
{
	struct sbuf n = { 0 };

	output_safe_name(&n, name);
	snprintf(a->msg, sizeof a->msg, "%s%s%s%s%s", what, *what ? " " : "",
		 n.p ? n.p : "", *reason ? ": " : "", reason);
	sbuf_free(&n);
}

/* Write all of b to the command's pipe fd; 0, or -1 with errno (also
 * when tnews is ending: a command that does not read must not hold it
 * up, so unlike write_all an EINTR then stops). */
static int feed_text(int fd, const struct sbuf *b)
{
	size_t done = 0;

	while (done < b->n) {
		ssize_t w = write(fd, b->p + done, b->n - done);

		if (w < 0 && errno == EINTR && !ui_ending())
			continue;
		if (w <= 0)
			return -1;
		done += (size_t)w;
	}
	return 0;
}

/* Set the disposition of sig, keeping the old one in old (if not NULL). */
static void set_sig(int sig, void (*handler)(int), struct sigaction *old)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = handler;
	sigemptyset(&sa.sa_mask);
	sigaction(sig, &sa, old);
}

/* Make process group pgrp the terminal's foreground group (SIGTTOU
 * ignored: we may be in the background when taking it back). */
static void give_terminal(int tty, pid_t pgrp)
{
	struct sigaction old;

	set_sig(SIGTTOU, SIG_IGN, &old);
	tcsetpgrp(tty, pgrp);
	sigaction(SIGTTOU, &old, NULL);
}

/* In the child: default signals, a process group of its own with the
 * terminal (own_group), text's pipe on standard input, then sh -c cmd. */
static _Noreturn void exec_child(const char *cmd, int fds[2], int tty, int own_group)
{
	const int dfl[] = { SIGINT, SIGQUIT, SIGTERM, SIGHUP, SIGTSTP, SIGPIPE,
			    SIGTTIN, SIGTTOU };
	sigset_t none;

	if (own_group) {
		setpgid(0, 0);
		give_terminal(tty, getpid());
	}
	for (size_t i = 0; i < sizeof dfl / sizeof dfl[0]; i++)
		signal(dfl[i], SIG_DFL);
	sigemptyset(&none);
	sigprocmask(SIG_SETMASK, &none, NULL);
	close(fds[1]);
	if (fds[0] != STDIN_FILENO) {
		dup2(fds[0], STDIN_FILENO);
		close(fds[0]);
	}
	execl("/bin/sh", "sh", "-c", cmd, (char *)NULL);
	_exit(127);
}

/* tnews is ending while the command runs: end its process group (or it
 * alone) with the same signal, then for good after half a second. */
static void end_child(pid_t pid, int own_group, int *status)
{
	pid_t target = own_group ? -pid : pid;

	kill(target, ui_ending());
	kill(target, SIGCONT);
	for (int i = 0; i < 50; i++) {
		struct timespec ts = { 0, 10 * 1000000L };

		if (waitpid(pid, status, WNOHANG) == pid)
			return;
		nanosleep(&ts, NULL);
	}
	kill(target, SIGKILL);
	while (waitpid(pid, status, 0) < 0 && errno == EINTR)
		;
}

/* The command stopped (Ctrl-Z went to its group): take the terminal
 * back and stop our group with it (as Ctrl-Z would have stopped it), so
 * that the shell sees the job stopped; once continued, hand the terminal
 * back and continue the command. */
static void stop_with_child(pid_t pid, int tty)
{
	give_terminal(tty, getpgrp());
	kill(-getpgrp(), SIGSTOP);
	give_terminal(tty, pid);
	kill(-pid, SIGCONT);
}

/* Wait for the command to end; its wait status.  A hang-up or TERM
 * meanwhile ends it (and its process group) at once. */
static int wait_child(pid_t pid, int tty, int own_group)
{
	int status = -1;

	for (;;) {
		pid_t r = waitpid(pid, &status, own_group ? WUNTRACED : 0);

		if (r == pid && own_group && WIFSTOPPED(status)) {
			stop_with_child(pid, tty);
			continue;
		}
		if (r == pid)
			return status;
		if (r < 0 && errno != EINTR)
			return -1;
		if (ui_ending()) {
			end_child(pid, own_group, &status);
			return status;
		}
	}
}

/* Run sh -c cmd with text on its standard input; its wait status, or
 * -1 with errno if it could not be started.  When tnews has the
 * terminal tty, the command runs in a process group of its own that
 * has the terminal meanwhile, so that a hang-up or TERM can end all
 * of it (a pipeline, or what it started in the background). */
static int run_piped(const char *cmd, const struct sbuf *text, int tty)
{
	int fds[2], status, own_group = tcgetpgrp(tty) == getpgrp();
	pid_t pid;
	struct sigaction old_int, old_quit, old_pipe;

	if (pipe(fds) < 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0)
		exec_child(cmd, fds, tty, own_group);
	if (own_group) {
		setpgid(pid, pid);
		give_terminal(tty, pid);
	}
	/* Ctrl-C is the command's, and a command that stops reading early
	 * must not kill us */
	set_sig(SIGINT, SIG_IGN, &old_int);
	set_sig(SIGQUIT, SIG_IGN, &old_quit);
	set_sig(SIGPIPE, SIG_IGN, &old_pipe);
	close(fds[0]);
	feed_text(fds[1], text);
	close(fds[1]);
	status = wait_child(pid, tty, own_group);
	if (own_group)
		give_terminal(tty, getpgrp());
	sigaction(SIGINT, &old_int, NULL);
	sigaction(SIGQUIT, &old_quit, NULL);
	sigaction(SIGPIPE, &old_pipe, NULL);
	return status;
}

/* "Press Enter to return", then wait for a line on the terminal (or
 * for tnews to be told to end). */
static void wait_enter(struct app *a)
{
	int fd = fileno(a->in);
	char c;
	ssize_t r;

	fputs("\nPress Enter to return to tnews", stdout);
	fflush(stdout);
	do
		r = read(fd, &c, 1);
	while (!ui_ending() &&
	       ((r > 0 && c != '\n' && c != '\r') || (r < 0 && errno == EINTR)));
}

/* Clear the screen the command will write on, so that one command's
 * output and "Press Enter" do not pile up under the last one's. */
static void clear_shell_screen(void)
{
	char *cl = tigetstr("clear");

	if (cl && cl != (char *)-1)
		putp(cl);
}

/* Pipe the shown story to cmd with the terminal handed over. */
static int pipe_to(struct app *a, const char *cmd)
{
	struct sbuf text = { 0 };
	int st;
	char buf[64];

	if (!*cmd) {
		ui_message(a, "No command: nothing piped");
		return H_HANDLED | H_STATUS;
	}
	story_text(a, a->sel, &text);
	def_prog_mode();
	fscroll_release(a);
	endwin();
	clear_shell_screen();
	fflush(stdout);
	st = run_piped(cmd, &text, fileno(a->in));
	sbuf_free(&text);
	if (ui_ending())
		return H_HANDLED | H_QUIT;	/* save and leave at once */
	if (st < 0)
		printf("tnews: cannot run the command: %s\n", strerror(errno));
	wait_enter(a);
	reset_prog_mode();
	if (st < 0)
		snprintf(buf, sizeof buf, "%s", "Cannot run the command");
	else if (WIFEXITED(st) && WEXITSTATUS(st) == 0)
		snprintf(buf, sizeof buf, "%s", "Piped to");
	else if (WIFEXITED(st))
		snprintf(buf, sizeof buf, "Exit status %d from", WEXITSTATUS(st));
	else
		snprintf(buf, sizeof buf, "Signal %d ended", WIFSIGNALED(st) ? WTERMSIG(st) : 0);
	say(a, buf, cmd, "");
	return H_HANDLED | H_LAYOUT | H_CLEAR;
}

/* Write the shown story to path; the outcome on the status line. */
static int write_story(struct app *a, const char *path)
{
	struct sbuf text = { 0 };
	FILE *f = fopen(path, "w");
	int ok;

	if (!f) {
		say(a, "", path, "");
		snprintf(a->msg + strlen(a->msg), sizeof a->msg - strlen(a->msg),
			 ": cannot save: %s", strerror(errno));
		return H_HANDLED | H_STATUS;
	}
	story_text(a, a->sel, &text);
	ok = fwrite(text.p, 1, text.n, f) == text.n;
	ok &= fclose(f) == 0;
	sbuf_free(&text);
	if (!ok) {
		say(a, "", path, "");
		snprintf(a->msg + strlen(a->msg), sizeof a->msg - strlen(a->msg),
			 ": cannot save: %s", strerror(errno));
	} else {
		say(a, "Saved to", path, "");
	}
	return H_HANDLED | H_STATUS;
}

/* The file name typed, with a leading ~/ made $HOME/; malloc'd. */
static char *expand(const char *name)
{
	const char *home = getenv("HOME");
	struct sbuf b = { 0 };

	if (name[0] == '~' && name[1] == '/' && home && *home) {
		sbuf_printf(&b, "%s%s", home, name + 1);
		return b.p;
	}
	return xstrdup(name);
}

/* Save the shown story to the file named, asking first if it exists. */
static int save_to(struct app *a, const char *name)
{
	struct stat sb;
	char *path;
	int r;

	if (!*name) {
		ui_message(a, "No file name: nothing saved");
		return H_HANDLED | H_STATUS;
	}
	path = expand(name);
	if (stat(path, &sb) == 0) {
		free(a->overwrite);
		a->overwrite = path;
		say(a, "", path, "exists; overwrite? (y/n)");
		return H_HANDLED | H_STATUS;
	}
	r = write_story(a, path);
	free(path);
	return r;
}

/* Enter on the pipe prompt. */
static int pipe_accept(struct app *a, const char *line)
{
	return pipe_to(a, line);
}

/* Enter on the save prompt. */
static int save_accept(struct app *a, const char *line)
{
	return save_to(a, line);
}

static const struct prompt_ops pipe_ops = { NULL, pipe_accept, NULL, NULL };
static const struct prompt_ops save_ops = { NULL, save_accept, NULL, NULL };

/* A file name for story i from the first words of its title: ASCII
 * letters and digits lower-cased, anything else one '-', at most about
 * 40 characters cut between words, then ".txt" ("story-N.txt" if the
 * title gives nothing). */
static void default_name(const struct app *a, size_t i, char *buf, size_t n)
{
	const char *t = a->sl->stories[i].title ? a->sl->stories[i].title : "";
	size_t k = 0, cut = 0;

	for (; *t && k < 40 && k + 5 < n; t++) {
		unsigned char c = (unsigned char)*t;

		if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'))
			buf[k++] = (char)c;
		else if (c >= 'A' && c <= 'Z')
			buf[k++] = (char)(c - 'A' + 'a');
		else if (k && buf[k - 1] != '-') {
			cut = k;
			buf[k++] = '-';
		}
	}
	if (*t && cut)
		k = cut;			/* cut between words */
	while (k && buf[k - 1] == '-')
		k--;
	if (k == 0)
		snprintf(buf, n, "story-%zu.txt", i + 1);
	else
		snprintf(buf + k, n - k, ".txt");
}

int export_open(struct app *a, enum prompt_kind kind)
{
	char name[64];
	int r;

	if (a->sl->n == 0) {
		ui_message(a, "No stories");
		return H_HANDLED | H_STATUS;
	}
	if (kind == PROMPT_PIPE)
		return prompt_open(a, PROMPT_PIPE, "pipe to: ", &pipe_ops);
	r = prompt_open(a, PROMPT_SAVE, "save to: ", &save_ops);
	default_name(a, a->sel, name, sizeof name);
	prompt_fill(a, name);
	return r;
}

/* Links found in a story at most. */
#define MAX_LINKS 32

/* The links in a story: its page's or feed's link, then each http(s) URL
 * in its paragraphs (trailing punctuation left out), no repeats; into
 * out (malloc'd strings), returns how many. */
static size_t find_links(const struct story *s, char **out, size_t max)
{
	const struct doc_item *src = story_source(s);
	size_t n = 0;

	if (src && src->url && *src->url)
		out[n++] = xstrdup(src->url);
	for (size_t k = 0; k < s->count && n < max; k++) {
		struct bstr t = line_text(s->doc, &story_lines(s)[k]);
		size_t i = 0, b, e;

		if (story_lines(s)[k].kind != LK_PARAGRAPH)
			continue;
		while (n < max && hl_url_next(t.s, t.n, i, &b, &e)) {
			int dup = 0;

			i = e;
			for (size_t j = 0; j < n; j++)
				dup |= strlen(out[j]) == e - b && !memcmp(out[j], t.s + b, e - b);
			if (!dup)
				out[n++] = xmemdup(t.s + b, e - b);
		}
	}
	return n;
}

/* "link i of N" beside the prompt. */
static void links_info(struct app *a, char *buf, size_t n)
{
	size_t total = a->prompt.hist[PROMPT_LINK].n, at = prompt_history_at(a);

	if (at < total)
		snprintf(buf, n, "link %zu of %zu (Up, Down)", total - at, total);
	else
		snprintf(buf, n, "%s", "");
}

/* Enter on the link prompt: open it with $BROWSER, or say it to copy. */
static int links_accept(struct app *a, const char *url)
{
	const char *browser = a->cfg->browser ? a->cfg->browser : getenv("BROWSER");
	struct sbuf cmd = { 0 };
	int r;

	if (!*url) {
		ui_message(a, "No link: nothing opened");
		return H_HANDLED | H_STATUS;
	}
	if (!browser || !*browser) {
		say(a, "No browser ($BROWSER or browser) to open", url, "copy it from here");
		return H_HANDLED | H_STATUS;
	}
	sbuf_printf(&cmd, "%s '", browser);	/* the URL quoted for sh */
	for (const char *p = url; *p; p++)
		if (*p == '\'')
			sbuf_adds(&cmd, "'\\''");
		else
			sbuf_addc(&cmd, *p);
	sbuf_adds(&cmd, "'");
	r = pipe_to(a, cmd.p);
	sbuf_free(&cmd);
	return r;
}

static const struct prompt_ops link_ops = { NULL, links_accept, NULL, links_info };

int export_links(struct app *a)
{
	char *links[MAX_LINKS], *order[MAX_LINKS];
	size_t n;
	int r;

	if (a->sl->n == 0) {
		ui_message(a, "No stories");
		return H_HANDLED | H_STATUS;
	}
	n = find_links(&a->sl->stories[a->sel], links, MAX_LINKS);
	if (n == 0) {
		ui_message(a, "No links in this story");
		return H_HANDLED | H_STATUS;
	}
	for (size_t i = 0; i < n; i++)
		order[i] = links[n - 1 - i];	/* the first link last: shown first */
	r = prompt_open(a, PROMPT_LINK, "open: ", &link_ops);
	prompt_set_history(a, PROMPT_LINK, order, n);
	for (size_t i = 0; i < n; i++)
		free(links[i]);
	return r;
}

int export_confirm(struct app *a, int key)
{
	char *path = a->overwrite;
	int r;

	a->overwrite = NULL;
	if (key != 'y' && key != 'Y') {
		ui_message(a, "Not saved");
		free(path);
		return H_HANDLED | H_STATUS;
	}
	r = write_story(a, path);
	free(path);
	return r;
}

void export_free(struct app *a)
{
	free(a->overwrite);
	a->overwrite = NULL;
}
