/* SPDX-License-Identifier: MIT */
/* ui.c - the interactive reader: terminal setup and teardown, signals,
 * the layout of the panes, and the key loop */
#include <config.h>

#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "fdio.h"
#include "hyperlink.h"
#include "output.h"
#include "ui.h"
#include "ui_panes.h"
#include "ui_text.h"
#include "xmalloc.h"

/* Last: term.h defines macros like "lines" that clash with the model. */
#include <term.h>

/* How long a key read waits before the loop looks at signals, in ms. */
#define POLL_MS 400
/* Escape delay unless the user set ESCDELAY, in ms. */
#define ESC_MS 25
/* The default cap of the text width. */
#define DEFAULT_WIDTH 72

/* The terminating signal that arrived, or 0. */
static volatile sig_atomic_t got_signal;
/* A suspend (SIGTSTP) was asked for. */
static volatile sig_atomic_t got_tstp;

/* The signals we catch, in the order of app.old_sig. */
static const int caught[4] = { SIGINT, SIGTERM, SIGHUP, SIGTSTP };

/* Note a terminating signal for the loop. */
static void on_signal(int sig)
{
	got_signal = sig;
}

int ui_ending(void)
{
	return got_signal;
}

/* Once tnews has decided to end: hold off every signal that would end
 * or stop it, so that the final save is finished and the terminal put
 * back whatever else arrives (a hang-up is often followed by a second
 * SIGHUP from the kernel a few ms later).  They stay blocked: the
 * process is about to exit, and a pending one then dies with it. */
static void block_ending(void)
{
	static const int ending[] = { SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP,
				      SIGTTIN, SIGTTOU, SIGPIPE };
	sigset_t set;

	sigemptyset(&set);
	for (size_t i = 0; i < sizeof ending / sizeof ending[0]; i++)
		sigaddset(&set, ending[i]);
	sigprocmask(SIG_BLOCK, &set, NULL);
}

/* Note a suspend for the loop. */
static void on_tstp(int sig)
{
	(void)sig;
	got_tstp = 1;
}

/* Catch INT, TERM, HUP and TSTP (before newterm, so curses keeps out). */
static void install_signals(struct app *a)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sigemptyset(&sa.sa_mask);
	for (int i = 0; i < 4; i++) {
		sigaction(caught[i], NULL, &a->old_sig[i]);
		if (a->old_sig[i].sa_handler == SIG_IGN)
			continue;	/* e.g. nohup: stay ignored */
		sa.sa_handler = caught[i] == SIGTSTP ? on_tstp : on_signal;
		sigaction(caught[i], &sa, NULL);
	}
}

/* Put the signal dispositions back as they were. */
static void restore_signals(struct app *a)
{
	for (int i = 0; i < 4; i++)
		sigaction(caught[i], &a->old_sig[i], NULL);
}

/* Restore the terminal before dying (xmalloc's cleanup). */
static void die_cleanup(void)
{
	if (!isendwin()) {
		/* the scroll region the reading pane may hold (ui_scroll.c) */
		(void)write_all(STDOUT_FILENO, "\x1b[r", 3);
		endwin();
	}
}

long ui_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

attr_t ui_dim_attr(void)
{
	return (termattrs() & A_DIM) ? A_DIM : A_UNDERLINE;
}

void ui_message(struct app *a, const char *msg)
{
	snprintf(a->msg, sizeof a->msg, "%s", msg);
	/* the core's messages ("no next story ...") start lower-case for
	 * "tnews: ..." on stderr; on the status line, a sentence */
	if (a->msg[0] >= 'a' && a->msg[0] <= 'z')
		a->msg[0] = (char)(a->msg[0] - 'a' + 'A');
}

int ui_select(struct app *a, size_t i)
{
	a->sel = i;
	if (a->focus == FOCUS_READER)
		ustate_opened(a, i);
	reader_relayout(a);
	list_follow(a);
	return H_HANDLED | H_ALL;
}

/* Say that TERM cannot run the reader. */
static void bad_term(const char *why)
{
	struct sbuf b = { 0 };
	const char *t = getenv("TERM");

	output_safe_name(&b, t ? t : "");
	fprintf(stderr, "tnews: %s '%s'; try tnews --dump\n", why, b.p ? b.p : "");
	sbuf_free(&b);
}

/* Whether a terminal type (NULL: $TERM) has a description with cursor
 * addressing. */
static int term_works(const char *type)
{
	int err = 0;
	const char *cup;

	if (setupterm(type, STDOUT_FILENO, &err) != OK)
		return 0;
	cup = tigetstr("cup");
	del_curterm(cur_term);
	return cup && cup != (char *)-1;
}

/* The terminal type to start curses with: NULL for $TERM when it works,
 * else the first of a few common types that does, with a warning for the
 * status line in warn (as less runs on); *ok is 0 and the reason said
 * when none does. */
static const char *term_choose(char *warn, size_t n, int *ok)
{
	static const char *const fallback[] = { "xterm-256color", "xterm", "vt100" };
	const char *t = getenv("TERM");
	struct sbuf b = { 0 };

	*ok = 1;
	if (!t || !*t) {
		fputs("tnews: TERM is not set; try tnews --dump\n", stderr);
		*ok = 0;
		return NULL;
	}
	if (term_works(NULL))
		return NULL;
	for (size_t i = 0; i < sizeof fallback / sizeof *fallback; i++)
		if (term_works(fallback[i])) {
			output_safe_name(&b, t);
			snprintf(warn, n, "Terminal type '%.40s' not usable here; drawing as %s",
				 b.p ? b.p : "", fallback[i]);
			sbuf_free(&b);
			return fallback[i];
		}
	bad_term("unknown terminal type");
	*ok = 0;
	return NULL;
}

/* Put a warning on the status line, after any message already there. */
static void add_warning(struct app *a, const char *warn)
{
	char old[sizeof a->msg];

	if (!*warn)
		return;
	snprintf(old, sizeof old, "%s", a->msg);
	if (*old)
		snprintf(a->msg, sizeof a->msg, "%.80s; %.70s", warn, old);
	else
		snprintf(a->msg, sizeof a->msg, "%s", warn);
}

/* The curses attributes of a configured colour's attribute bits. */
static attr_t config_attrs(unsigned bits)
{
	attr_t at = A_NORMAL;

	if (bits & CONFIG_ATTR_BOLD)
		at |= A_BOLD;
	if (bits & CONFIG_ATTR_DIM)
		at |= ui_dim_attr();
	if (bits & CONFIG_ATTR_UNDERLINE)
		at |= A_UNDERLINE;
	if (bits & CONFIG_ATTR_REVERSE)
		at |= A_REVERSE;
	return at;
}

/* A configured colour number the terminal has, else its default. */
static short term_color(int c)
{
	return c >= 0 && c < COLORS ? (short)c : -1;
}

/* The colours and attributes of every screen element from the
 * configuration, on the default background; attributes only with
 * NO_COLOR, "mono" or a monochrome terminal. */
static void setup_colors(struct app *a)
{
	const char *nc = getenv("NO_COLOR");

	a->color = 0;
	for (int e = 0; e < CONFIG_EL_COUNT; e++) {
		a->el_attr[e] = config_attrs(a->cfg->colors[e].attrs);
		a->el_pair[e] = 0;
	}
	if ((nc && *nc) || a->cfg->mono || !has_colors() || start_color() != OK ||
	    use_default_colors() != OK)
		return;
	for (int e = 0; e < CONFIG_EL_COUNT; e++) {
		const struct config_color *c = &a->cfg->colors[e];

		if (c->fg < 0 && c->bg < 0)
			continue;
		if (init_pair((short)(e + 1), term_color(c->fg), term_color(c->bg)) == OK)
			a->el_pair[e] = (short)(e + 1);
	}
	a->color = 1;
}

/* Free the pane windows. */
static void free_windows(struct app *a)
{
	WINDOW **w[] = { &a->list, &a->reader, &a->status, &a->sep, &a->help };

	for (size_t i = 0; i < sizeof w / sizeof w[0]; i++) {
		if (*w[i])
			delwin(*w[i]);
		*w[i] = NULL;
	}
}

/* A new window, or NULL for an empty area. */
static WINDOW *make_win(int h, int w, int y, int x)
{
	WINDOW *win;

	if (h <= 0 || w <= 0)
		return NULL;
	win = newwin(h, w, y, x);
	if (win)
		leaveok(win, TRUE);
	return win;
}

/* Place the list and the reader stacked: list of a few rows above. */
static void place_stacked(struct app *a, int avail)
{
	int list_h = avail / 4, sep = avail >= 10;

	if (avail < 3) {
		if (a->focus == FOCUS_LIST)
			a->list = make_win(avail, a->cols, 0, 0);
		else
			a->reader = make_win(avail, a->cols, 0, 0);
		return;
	}
	if (list_h > 8)
		list_h = 8;
	if (list_h < 1)
		list_h = 1;
	if ((size_t)list_h > a->sl->n && a->sl->n > 0)
		list_h = (int)a->sl->n;
	a->list = make_win(list_h, a->cols, 0, 0);
	a->sep = sep ? make_win(1, a->cols, list_h, 0) : NULL;
	a->reader = make_win(avail - list_h - sep, a->cols, list_h + sep, 0);
}

/* Place the list and the reader side by side: the list gets two fifths
 * (up to 60 columns), or all that the reading pane's capped text and its
 * margins do not need if that is more. */
static void place_side(struct app *a, int avail)
{
	int list_w = a->cols * 2 / 5;
	int cap = a->opt->width > 0 ? a->opt->width : DEFAULT_WIDTH;

	if (list_w > 60)
		list_w = 60;
	if (list_w < a->cols - 1 - (cap + 2))
		list_w = a->cols - 1 - (cap + 2);
	if (list_w < 24)
		list_w = 24;
	a->list = make_win(avail, list_w, 0, 0);
	a->sep = make_win(avail, 1, 0, list_w);
	a->reader = make_win(avail, a->cols - list_w - 1, 0, list_w + 1);
}

/* The text width and margin for the reading pane. */
static void text_geometry(struct app *a)
{
	int pane = a->reader ? getmaxx(a->reader) : a->cols;
	int cap = a->opt->width > 0 ? a->opt->width : DEFAULT_WIDTH;

	a->margin = pane >= cap + 2 ? 1 : 0;
	a->text_width = pane - a->margin < cap ? pane - a->margin : cap;
	if (a->text_width < 1)
		a->text_width = 1;
}

/* Whether the panes go side by side: by the configured layout, and
 * when automatic, on a wide enough screen. */
static int side_by_side(const struct app *a, int avail)
{
	switch (a->cfg->layout) {
	case CONFIG_LAYOUT_STACKED: return 0;
	case CONFIG_LAYOUT_SIDE: return a->cols >= 50 && avail >= 3;
	default: return a->cols >= 110 && avail >= 3;
	}
}

/* Make the windows for the current screen size and mode. */
static void place_windows(struct app *a)
{
	int avail;

	free_windows(a);
	a->rows = LINES;
	a->cols = COLS;
	avail = a->rows - (a->rows >= 2);
	a->status = a->rows >= 2 ? make_win(1, a->cols, a->rows - 1, 0) : NULL;
	if (ui_mode(a) == IN_HELP) {
		a->help = make_win(avail, a->cols, 0, 0);
	} else if (a->zoom) {
		a->layout = LAYOUT_ZOOM;
		a->reader = make_win(avail, a->cols, 0, 0);
	} else if (side_by_side(a, avail)) {
		a->layout = LAYOUT_SIDE;
		place_side(a, avail);
	} else {
		a->layout = LAYOUT_STACKED;
		place_stacked(a, avail);
	}
	if (a->reader)
		idlok(a->reader, TRUE);
	text_geometry(a);
	reader_relayout(a);
	if (a->resume_line) {
		reader_top_at(a, a->resume_line - 1);
		a->resume_line = 0;
	}
	list_follow(a);
}

/* Draw the separator between the panes: box-drawing characters as text
 * in a UTF-8 locale, else plain - and | (the alternate character set is
 * often mangled over SSH, by multiplexers and by some emulators).  The
 * row of - stops one column short of the edge: outside UTF-8, curses
 * sends a run as one - and a repeat (REP), and libvterm (Neovim's
 * :terminal, the tests' emulator) wraps early after a REP that ends one
 * column short of the margin, so the last - landed at the start of the
 * reading pane's first row. */
void ui_draw_sep(struct app *a)
{
	int across = a->sep && getmaxy(a->sep) == 1;
	cchar_t line;
	wchar_t wc[2] = { across ? 0x2500 : 0x2502, 0 };

	if (!a->sep)
		return;
	werase(a->sep);
	if (a->utf8 && setcchar(&line, wc, A_NORMAL, 0, NULL) == OK) {
		if (across)
			mvwhline_set(a->sep, 0, 0, &line, getmaxx(a->sep));
		else
			mvwvline_set(a->sep, 0, 0, &line, getmaxy(a->sep));
	} else if (across) {
		mvwhline(a->sep, 0, 0, '-', getmaxx(a->sep) - (getmaxx(a->sep) > 1));
	} else {
		mvwvline(a->sep, 0, 0, '|', getmaxy(a->sep));
	}
	wnoutrefresh(a->sep);
}

/* Redraw what the flags say changed, then update the terminal once. */
static void draw(struct app *a, int flags)
{
	if (flags & H_LAYOUT) {
		place_windows(a);
		werase(stdscr);
		wnoutrefresh(stdscr);
		flags |= H_ALL;
	}
	if (flags & H_CLEAR)
		clearok(curscr, TRUE);
	if (flags & (H_LAYOUT | H_CLEAR))
		sbuf_reset(&a->hl_sent);	/* curses repaints every cell */
	ui_mode_draw(a, flags);
	if (!fscroll_draw(a, flags)) {
		fscroll_release(a);
		doupdate();
	} else if (a->hyperlinks) {
		fscroll_release(a);	/* the links keep curses' cursor with DECSC too */
	}
	if (flags & H_READER)
		reader_hyperlinks(a);
}

/* Stop as the shell asked (Ctrl-Z), with the terminal restored; on the
 * way back, take up the size the terminal has now. */
static void suspend(struct app *a)
{
	struct winsize ws;
	sigset_t set;
	struct sigaction sa;

	got_tstp = 0;
	fscroll_release(a);
	endwin();
	fflush(stdout);
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = SIG_DFL;
	sigaction(SIGTSTP, &sa, NULL);
	sigemptyset(&set);
	sigaddset(&set, SIGTSTP);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGTSTP);
	sa.sa_handler = on_tstp;
	sigaction(SIGTSTP, &sa, NULL);
	if (ioctl(STDOUT_FILENO, TIOCGWINSZ, &ws) == 0 && ws.ws_row > 0 &&
	    ws.ws_col > 0 && (ws.ws_row != LINES || ws.ws_col != COLS))
		resizeterm(ws.ws_row, ws.ws_col);
}

/* After a read that got nothing: whether the terminal has gone away
 * (hung up, EOF or an error), so we leave instead of spinning. */
static int input_gone(struct app *a)
{
	struct pollfd p = { .fd = fileno(a->in), .events = POLLIN };
	unsigned char c;
	ssize_t r;

	if (poll(&p, 1, 0) <= 0)
		return 0;
	if (p.revents & (POLLERR | POLLNVAL | POLLHUP))
		return 1;
	r = read(p.fd, &c, 1);
	if (r == 0)
		return 1;
	if (r < 0)
		return errno != EINTR && errno != EAGAIN;
	ungetch(c);
	return 0;
}

/* The stream to read keys from: standard input, or the terminal when
 * the stories came through standard input. */
static FILE *open_input(void)
{
	if (isatty(STDIN_FILENO))
		return stdin;
	return fopen("/dev/tty", "r");
}

/* getenv, as hl_terminal_known takes it. */
static const char *getenv_const(const char *name)
{
	return getenv(name);
}

/* Set up curses on the terminal; 0 on success. */
static int start_screen(struct app *a)
{
	char warn[128] = "";
	int ok;
	const char *type = term_choose(warn, sizeof warn, &ok);

	if (!ok)
		return -1;
	a->in = open_input();
	if (!a->in) {
		fputs("tnews: no terminal to read keys from; try tnews --dump\n", stderr);
		return -1;
	}
	install_signals(a);
	a->scr = newterm(type, stdout, a->in);
	if (!a->scr) {
		restore_signals(a);
		bad_term("cannot start the screen on terminal type");
		return -1;
	}
	xmalloc_set_cleanup(die_cleanup);
	cbreak();
	noecho();
	nonl();
	intrflush(stdscr, FALSE);
	keypad(stdscr, TRUE);
	leaveok(stdscr, TRUE);
	curs_set(0);
	if (a->cfg->mouse) {
		mousemask(BUTTON1_PRESSED | BUTTON4_PRESSED | BUTTON5_PRESSED, NULL);
		mouseinterval(0);	/* a press is a click at once */
	}
	if (!getenv("ESCDELAY"))
		set_escdelay(ESC_MS);
	wtimeout(stdscr, POLL_MS);
	setup_colors(a);
	fscroll_init(a);
	/* OSC 8 links: as configured, by default where the terminal is known
	 * to show them; only in UTF-8, where the text is written as it is */
	a->hyperlinks = a->utf8 && isatty(STDOUT_FILENO) &&
			(a->cfg->hyperlinks == CONFIG_HL_YES ||
			 (a->cfg->hyperlinks == CONFIG_HL_AUTO && hl_terminal_known(getenv_const)));
	add_warning(a, warn);
	return 0;
}

/* Restore the terminal and free the screen. */
static void stop_screen(struct app *a)
{
	free_windows(a);
	fscroll_release(a);
	endwin();
	delscreen(a->scr);
	a->scr = NULL;
	xmalloc_set_cleanup(NULL);
	restore_signals(a);
	if (a->in && a->in != stdin)
		fclose(a->in);
}

/* Rows the wheel scrolls by. */
#define WHEEL_ROWS 3

/* A mouse event: a click on a list row opens that story, a click in the
 * reading pane gives it the keys, the wheel scrolls the pane under the
 * pointer.  Ignored while the prompt or the help is up. */
static int mouse_event(struct app *a)
{
	MEVENT ev;
	int in_list, dir;

	if (getmouse(&ev) != OK || (ui_mode(a) != IN_LIST && ui_mode(a) != IN_READER))
		return H_HANDLED;
	in_list = a->list && wenclose(a->list, ev.y, ev.x);
	if (!in_list && !(a->reader && wenclose(a->reader, ev.y, ev.x)))
		return H_HANDLED;
	if (ev.bstate & (BUTTON4_PRESSED | BUTTON5_PRESSED)) {
		dir = ev.bstate & BUTTON4_PRESSED ? -1 : 1;
		return in_list ? list_move(a, dir * WHEEL_ROWS) | H_HANDLED :
		       reader_scroll(a, dir * WHEEL_ROWS) | H_HANDLED;
	}
	if (!(ev.bstate & BUTTON1_PRESSED))
		return H_HANDLED;
	a->follow.on = 0;	/* a click, like a key, stops following */
	a->focus = FOCUS_READER;
	if (in_list) {
		long at = list_story_at(a, ev.y);

		if (at >= 0)
			return ui_select(a, (size_t)at) | H_HANDLED | H_ALL;
	}
	ustate_opened(a, a->sel);
	return H_HANDLED | H_ALL;
}

/* How often the status line says how far a parse on the second thread
 * has got, in ms. */
#define PROGRESS_MS 200

/* The next key, or ERR after waiting up to POLL_MS (less when versions
 * put off at open fall due to be folded; none while work is pending;
 * PROGRESS_MS while a dump is parsed on the second thread); the wait
 * ends as soon as a followed file changes (inotify) or that parse is
 * done, and a key typed meanwhile is read at once. */
static int next_key(struct app *a)
{
	int busy = find_busy(a) || load_stepping(a), ch;
	int wait = ustate_wait_ms(a, POLL_MS);
	struct pollfd p[3] = { { .fd = fileno(a->in), .events = POLLIN },
			       { .fd = follow_fd(a), .events = POLLIN },
			       { .fd = load_fd(a), .events = POLLIN } };

	if (p[2].fd >= 0 && wait > PROGRESS_MS)
		wait = PROGRESS_MS;
	if ((p[1].fd < 0 && p[2].fd < 0) || busy) {
		wtimeout(stdscr, busy ? 0 : wait);
		return wgetch(stdscr);
	}
	wtimeout(stdscr, 0);
	ch = wgetch(stdscr);		/* keys curses holds already */
	if (ch != ERR)
		return ch;
	if (poll(p, 3, wait) > 0 && (p[0].revents & POLLIN))
		return wgetch(stdscr);
	return ERR;
}

/* Read and handle keys until quit, a signal, or the terminal goes. */
static void loop(struct app *a)
{
	int flags = H_LAYOUT;

	while (!(flags & H_QUIT) && !got_signal) {
		int ch, had_msg;

		flags |= ustate_idle(a);
		if (flags & (H_ALL | H_LAYOUT)) {
			draw(a, flags);
			load_drawn(a);	/* the first screen is up */
		}
		flags = 0;
		ch = next_key(a);
		if (got_tstp) {
			suspend(a);
			flags = H_LAYOUT | H_CLEAR;
		}
		if (ch == ERR) {
			if (input_gone(a))
				break;
			flags |= find_idle(a);
			flags |= load_idle(a);
			flags |= follow_idle(a);
			continue;
		}
		if (ch == KEY_RESIZE) {
			flags |= H_LAYOUT | H_CLEAR;
			continue;
		}
		had_msg = a->msg[0] != '\0';
		a->msg[0] = '\0';
		a->load.want_end = 0;	/* until G asks again */
		flags |= ch == KEY_MOUSE ? mouse_event(a) : ui_mode_key(a, ch);
		if (flags & H_HANDLED)
			a->load.resume = 0;	/* the user has moved on */
		flags |= ustate_follow(a);
		if (!(flags & H_HANDLED))
			ui_message(a, "Unknown key; H shows the keys");
		if (had_msg || !(flags & H_HANDLED))
			flags |= H_STATUS;
	}
}

int ui_run(struct storylist *sl, const struct options *o, struct loader *ld)
{
	struct app a;
	struct config dflt;
	char msg[512];
	int sig, saved;

	memset(&a, 0, sizeof a);
	a.sl = sl;
	a.opt = o;
	if (o->config) {
		a.cfg = o->config;
	} else {
		config_init(&dflt);
		a.cfg = &dflt;
	}
	a.utf8 = text_locale_utf8();
	a.show_stripped = o->show_stripped;
	view_init(&a.view);
	load_start(&a, ld);
	follow_start(&a, ld);
	ustate_open(&a);
	if (!a.msg[0] && a.cfg->nerrors_total)
		snprintf(a.msg, sizeof a.msg, "%zu %s in the configuration; H lists %s",
			 a.cfg->nerrors_total, a.cfg->nerrors_total == 1 ? "error" : "errors",
			 a.cfg->nerrors_total == 1 ? "it" : "them");
	got_signal = got_tstp = 0;
	if (start_screen(&a) < 0) {
		load_free(&a);
		follow_free(&a);
		if (ustate_close(&a, msg, sizeof msg) < 0)
			fprintf(stderr, "tnews: %s\n", msg);
		free(a.vis);
		lrows_free(&a.lrows);
		free(a.read);
		return 2;
	}
	loop(&a);
	/* save first: putting the terminal back can block on a dead line */
	block_ending();
	saved = ustate_close(&a, msg, sizeof msg);
	stop_screen(&a);
	if (saved < 0)
		fprintf(stderr, "tnews: %s\n", msg);
	load_free(&a);
	follow_free(&a);
	reader_free(&a);
	find_free(&a);
	prompt_free(&a);
	export_free(&a);
	free(a.vis);
	lrows_free(&a.lrows);
	free(a.read);
	sig = got_signal;
	if (saved < 0)
		return 1;
	return sig ? 128 + sig : 0;
}
