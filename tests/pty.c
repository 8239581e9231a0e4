/* SPDX-License-Identifier: MIT */
/* pty.c - end-to-end test harness: a program in a pseudo-terminal, its
 * output fed to libvterm, the screen read back as UTF-8 */
#include <config.h>

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <time.h>
#include <unistd.h>

#include "pty.h"

extern char **environ;

long pty_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Whether an environment entry is one the harness controls. */
static int controlled(const char *e)
{
	static const char *const names[] = {
		"TERM=", "LANG=", "LC_", "LINES=", "COLUMNS=", "NO_COLOR=",
		"ESCDELAY=", "TMUX", "LANGUAGE=",
	};

	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
		if (!strncmp(e, names[i], strlen(names[i])))
			return 1;
	return 0;
}

/* Whether entry e names a variable that one of env sets. */
static int overridden(const char *e, const char *const env[])
{
	size_t len = strcspn(e, "=");

	for (size_t i = 0; env && env[i]; i++)
		if (!strncmp(e, env[i], len) && env[i][len] == '=')
			return 1;
	return 0;
}

/* The child's environment: the inherited one without what the harness
 * controls or env sets, then env. */
static char **make_env(const char *const env[])
{
	size_t n = 0, k = 0, extra = 0;
	char **out;

	while (environ[n])
		n++;
	while (env && env[extra])
		extra++;
	out = calloc(n + extra + 2, sizeof *out);
	for (size_t i = 0; i < n; i++)
		if (!controlled(environ[i]) && !overridden(environ[i], env))
			out[k++] = environ[i];
	for (size_t i = 0; i < extra; i++)
		out[k++] = (char *)env[i];
	out[k++] = (char *)"TERM=xterm-256color";	/* unless env set one */
	return out;
}

/* A tiny job-control shell around the program (runs in the child). */
static _Noreturn void mini_shell(const char *const argv[], char **envp)
{
	pid_t g;
	int st;

	signal(SIGTTOU, SIG_IGN);
	signal(SIGTTIN, SIG_IGN);
	signal(SIGTSTP, SIG_IGN);
	g = fork();
	if (g == 0) {
		setpgid(0, 0);
		tcsetpgrp(STDIN_FILENO, getpid());
		signal(SIGTTOU, SIG_DFL);
		signal(SIGTTIN, SIG_DFL);
		signal(SIGTSTP, SIG_DFL);
		execve(argv[0], (char *const *)argv, envp);
		_exit(127);
	}
	setpgid(g, g);
	tcsetpgrp(STDIN_FILENO, g);
	for (;;) {
		char c;

		if (waitpid(g, &st, WUNTRACED) < 0)
			_exit(126);
		if (!WIFSTOPPED(st))
			_exit(WIFEXITED(st) ? WEXITSTATUS(st) : 128 + WTERMSIG(st));
		tcsetpgrp(STDIN_FILENO, getpgrp());
		(void)!write(STDOUT_FILENO, "\r\n[tnews stopped]\r\n", 19);
		if (read(STDIN_FILENO, &c, 1) <= 0)
			_exit(125);
		tcsetpgrp(STDIN_FILENO, g);
		kill(-g, SIGCONT);
	}
}

/* vterm wants to send bytes: keys we generate, or answers to queries. */
static void on_output(const char *s, size_t len, void *user)
{
	struct pty *p = user;

	if (p->sending) {
		if (p->fd >= 0)
			(void)!write(p->fd, s, len);
		return;
	}
	if (p->nreply + len + 1 > p->reply_cap) {
		p->reply_cap = (p->nreply + len + 1) * 2;
		p->reply = realloc(p->reply, p->reply_cap);
	}
	memcpy(p->reply + p->nreply, s, len);
	p->nreply += len;
	p->reply[p->nreply] = '\0';
}

/* Terminal properties the program sets. */
static int on_prop(VTermProp prop, VTermValue *val, void *user)
{
	struct pty *p = user;

	switch (prop) {
	case VTERM_PROP_TITLE:
	case VTERM_PROP_ICONNAME: p->titles++; break;
	case VTERM_PROP_ALTSCREEN: p->altscreen = val->boolean; break;
	case VTERM_PROP_MOUSE: p->mouse |= val->number != 0; break;
	case VTERM_PROP_REVERSE: p->reverse |= val->boolean; break;
	default: break;
	}
	return 1;
}

/* An OSC string vterm did not handle itself (e.g. OSC 52). */
static int on_osc(const char *cmd, size_t len, void *user)
{
	struct pty *p = user;

	p->oscs++;
	if (p->nosc + len + 2 <= sizeof p->osc) {
		memcpy(p->osc + p->nosc, cmd, len);
		p->nosc += len;
		p->osc[p->nosc++] = '\n';
		p->osc[p->nosc] = '\0';
	}
	return 1;
}

/* A DCS string. */
static int on_dcs(const char *cmd, size_t len, void *user)
{
	(void)cmd;
	(void)len;
	((struct pty *)user)->dcss++;
	return 1;
}

static const VTermScreenCallbacks screen_cbs = { .settermprop = on_prop };
static const VTermParserCallbacks fallback_cbs = { .osc = on_osc, .dcs = on_dcs };

/* Make the emulator. */
static void make_vterm(struct pty *p)
{
	p->vt = vterm_new(p->rows, p->cols);
	vterm_set_utf8(p->vt, 1);
	vterm_output_set_callback(p->vt, on_output, p);
	p->vs = vterm_obtain_screen(p->vt);
	vterm_screen_enable_altscreen(p->vs, 1);
	vterm_screen_set_callbacks(p->vs, &screen_cbs, p);
	vterm_screen_set_unrecognised_fallbacks(p->vs, &fallback_cbs, p);
	vterm_screen_reset(p->vs, 1);
	p->cursor_visible = 1;
}

int pty_start(struct pty *p, int rows, int cols, const char *const argv[],
	      const char *const env[], int jobctl)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };
	char **envp = make_env(env);

	memset(p, 0, sizeof *p);
	p->rows = rows;
	p->cols = cols;
	make_vterm(p);
	p->pid = forkpty(&p->fd, NULL, NULL, &ws);
	if (p->pid < 0) {
		free(envp);
		return -1;
	}
	if (p->pid == 0) {
		/* as a terminal would start it: a make check run in the
		 * background (by a script, or mutants.py) has SIGINT and
		 * SIGQUIT ignored, and one run under nohup SIGHUP; Ctrl-C or
		 * a hang-up would then do nothing */
		signal(SIGINT, SIG_DFL);
		signal(SIGQUIT, SIG_DFL);
		signal(SIGHUP, SIG_DFL);
		if (jobctl)
			mini_shell(argv, envp);
		execve(argv[0], (char *const *)argv, envp);
		_exit(127);
	}
	free(envp);
	fcntl(p->fd, F_SETFL, fcntl(p->fd, F_GETFL) | O_NONBLOCK);
	return 0;
}

/* Read what is there now; returns bytes read, marks eof. */
/* Whether the CSI sequence at s (n bytes) sets the scroll region, and
 * then in *part whether to less than the whole screen of rows. */
static int region_seq(const struct pty *p, const char *s, size_t n, int *part)
{
	int v[2] = { 0, 0 }, k = 0;
	size_t i = 2;

	if (n < 3 || s[0] != '\x1b' || s[1] != '[')
		return 0;
	for (; i < n && ((s[i] >= '0' && s[i] <= '9') || s[i] == ';'); i++)
		if (s[i] == ';')
			k++;
		else if (k < 2)
			v[k] = v[k] * 10 + (s[i] - '0');
	if (i >= n || s[i] != 'r' || k > 1)
		return 0;
	*part = !((v[0] <= 1) && (v[1] == 0 || v[1] >= p->rows));
	return 1;
}

/* Follow the cursor's visibility in the program's output: the last
 * CSI ?25h or ?25l wins.  (libvterm also restores visibility with a saved
 * cursor, which xterm's DECRC and ?1049l do not, so its property would
 * report what no real terminal shows.)  And the scroll region: the last
 * CSI Pt;Pb r wins. */
static void track_cursor(struct pty *p, const char *buf, size_t n)
{
	char scan[16 + 8192];
	size_t k = strlen(p->tail), from = k;
	int part;

	memcpy(scan, p->tail, k);
	memcpy(scan + k, buf, n);
	k += n;
	for (size_t i = 0; i + 6 <= k; i++)
		if (!memcmp(scan + i, "\x1b[?25", 5) &&
		    (scan[i + 5] == 'h' || scan[i + 5] == 'l'))
			p->cursor_visible = scan[i + 5] == 'h';
	/* a region sequence is at most 12 bytes; those wholly in the tail
	 * were seen last time */
	for (size_t i = 0; i < k; i++)
		if (i + 12 > from && region_seq(p, scan + i, k - i, &part))
			p->region = part;
	size_t keep = k < 12 ? k : 12;

	memcpy(p->tail, scan + k - keep, keep);
	p->tail[keep] = '\0';
}

static size_t drain(struct pty *p)
{
	char buf[8192];
	size_t total = 0;

	for (;;) {
		ssize_t r = p->fd >= 0 ? read(p->fd, buf, sizeof buf) : -1;

		if (r > 0) {
			track_cursor(p, buf, (size_t)r);
			vterm_input_write(p->vt, buf, (size_t)r);
			p->nbytes += (size_t)r;
			total += (size_t)r;
			continue;
		}
		if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR))
			p->eof = 1;
		return total;
	}
}

size_t pty_pump(struct pty *p, int ms)
{
	long end = pty_now_ms() + ms;
	size_t total = 0;

	while (!p->eof && p->fd >= 0) {
		struct pollfd pf = { .fd = p->fd, .events = POLLIN };
		long left = end - pty_now_ms();

		if (left < 0)
			left = 0;
		if (poll(&pf, 1, (int)left) > 0)
			total += drain(p);
		if (pty_now_ms() >= end)
			break;
	}
	return total;
}

void pty_settle(struct pty *p, int quiet_ms, int max_ms)
{
	long end = pty_now_ms() + max_ms;

	while (pty_now_ms() < end && !p->eof)
		if (pty_pump(p, quiet_ms) == 0)
			break;
}

/* Append a code point as UTF-8. */
static size_t put_utf8(char *o, uint32_t c)
{
	if (c < 0x80) {
		o[0] = (char)c;
		return 1;
	}
	if (c < 0x800) {
		o[0] = (char)(0xC0 | (c >> 6));
		o[1] = (char)(0x80 | (c & 0x3F));
		return 2;
	}
	if (c < 0x10000) {
		o[0] = (char)(0xE0 | (c >> 12));
		o[1] = (char)(0x80 | ((c >> 6) & 0x3F));
		o[2] = (char)(0x80 | (c & 0x3F));
		return 3;
	}
	o[0] = (char)(0xF0 | (c >> 18));
	o[1] = (char)(0x80 | ((c >> 12) & 0x3F));
	o[2] = (char)(0x80 | ((c >> 6) & 0x3F));
	o[3] = (char)(0x80 | (c & 0x3F));
	return 4;
}

const char *pty_row(struct pty *p, int r)
{
	static char buf[16384];
	size_t n = 0, keep = 0;

	for (int c = 0; c < p->cols && n + 32 < sizeof buf; c++) {
		VTermScreenCell cell;
		VTermPos pos = { r, c };

		vterm_screen_get_cell(p->vs, pos, &cell);
		if (cell.chars[0] == (uint32_t)-1)
			continue;	/* the right half of a wide character */
		if (cell.chars[0] == 0) {
			buf[n++] = ' ';
			continue;
		}
		for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
			n += put_utf8(buf + n, cell.chars[i]);
		keep = n;
		if (cell.width == 2)
			c++;
	}
	buf[keep] = '\0';
	return buf;
}

char *pty_screen(struct pty *p)
{
	size_t cap = 1, n = 0;
	char *s = malloc(1);

	for (int r = 0; r < p->rows; r++) {
		const char *row = pty_row(p, r);
		size_t len = strlen(row);

		cap += len + 1;
		s = realloc(s, cap);
		memcpy(s + n, row, len);
		n += len;
		s[n++] = '\n';
	}
	s[n] = '\0';
	return s;
}

/* A colour as text: "d" the default, "iN" palette entry N, else #rrggbb. */
static void color_text(char *buf, size_t n, const VTermColor *c, int bg)
{
	if (bg ? VTERM_COLOR_IS_DEFAULT_BG(c) : VTERM_COLOR_IS_DEFAULT_FG(c))
		snprintf(buf, n, "d");
	else if (VTERM_COLOR_IS_INDEXED(c))
		snprintf(buf, n, "i%d", c->indexed.idx);
	else
		snprintf(buf, n, "#%02x%02x%02x", c->rgb.red, c->rgb.green, c->rgb.blue);
}

char *pty_screen_attrs(struct pty *p)
{
	size_t cap = 256, n = 0;
	char *s = malloc(cap);

	for (int r = 0; r < p->rows; r++) {
		char last[96] = "";

		for (int c = 0; c < p->cols; c++) {
			VTermScreenCell cell;
			VTermPos pos = { r, c };
			char fg[16], bg[16], at[96];

			vterm_screen_get_cell(p->vs, pos, &cell);
			if (cell.chars[0] == (uint32_t)-1)
				continue;	/* the right half of a wide character */
			color_text(fg, sizeof fg, &cell.fg, 0);
			color_text(bg, sizeof bg, &cell.bg, 1);
			snprintf(at, sizeof at, "<b%d u%d i%d k%d r%d s%d %s/%s>", cell.attrs.bold,
				 cell.attrs.underline, cell.attrs.italic, cell.attrs.blink,
				 cell.attrs.reverse, cell.attrs.strike, fg, bg);
			if (n + 256 > cap)
				s = realloc(s, cap *= 2);
			if (strcmp(at, last) != 0) {
				n += (size_t)sprintf(s + n, "%s", at);
				snprintf(last, sizeof last, "%s", at);
			}
			if (cell.chars[0] == 0)
				s[n++] = ' ';
			for (int i = 0; i < VTERM_MAX_CHARS_PER_CELL && cell.chars[i]; i++)
				n += put_utf8(s + n, cell.chars[i]);
		}
		s[n++] = '\n';
	}
	s[n] = '\0';
	return s;
}

/* Whether the screen shows text now. */
static int shows(struct pty *p, const char *text)
{
	char *s = pty_screen(p);
	int yes = strstr(s, text) != NULL;

	free(s);
	return yes;
}

int pty_wait_text(struct pty *p, const char *text, int ms)
{
	long end = pty_now_ms() + ms;

	for (;;) {
		if (shows(p, text))
			return 1;
		if (pty_now_ms() >= end || p->eof)
			return shows(p, text);
		pty_pump(p, 20);
	}
}

int pty_wait_gone(struct pty *p, const char *text, int ms)
{
	long end = pty_now_ms() + ms;

	for (;;) {
		if (!shows(p, text))
			return 1;
		if (pty_now_ms() >= end || p->eof)
			return !shows(p, text);
		pty_pump(p, 20);
	}
}

void pty_send(struct pty *p, const char *s)
{
	if (p->fd >= 0)
		(void)!write(p->fd, s, strlen(s));
}

void pty_key(struct pty *p, VTermKey key)
{
	p->sending = 1;
	vterm_keyboard_key(p->vt, key, VTERM_MOD_NONE);
	p->sending = 0;
}

void pty_resize(struct pty *p, int rows, int cols)
{
	struct winsize ws = { .ws_row = (unsigned short)rows, .ws_col = (unsigned short)cols };

	pty_pump(p, 0);
	p->rows = rows;
	p->cols = cols;
	vterm_set_size(p->vt, rows, cols);
	if (p->fd >= 0)
		ioctl(p->fd, TIOCSWINSZ, &ws);
}

void pty_hangup(struct pty *p)
{
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
	p->eof = 1;
}

int pty_wait_exit(struct pty *p, int ms)
{
	long end = pty_now_ms() + ms;

	while (!p->exited) {
		pid_t r = waitpid(p->pid, &p->status, WNOHANG);

		if (r == p->pid) {
			p->exited = 1;
			break;
		}
		if (pty_now_ms() >= end)
			return 0;
		if (p->fd >= 0 && !p->eof)
			pty_pump(p, 10);
		else
			usleep(5000);
	}
	if (p->fd >= 0)
		pty_pump(p, 0);
	return 1;
}

void pty_free(struct pty *p)
{
	if (!p->exited && p->pid > 0) {
		kill(p->pid, SIGKILL);
		waitpid(p->pid, &p->status, 0);
		p->exited = 1;
	}
	if (p->fd >= 0)
		close(p->fd);
	p->fd = -1;
	if (p->vt)
		vterm_free(p->vt);
	p->vt = NULL;
	free(p->reply);
	p->reply = NULL;
}
