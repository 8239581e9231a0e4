/* SPDX-License-Identifier: MIT */
/* pty.h - end-to-end test harness: run a program in a pseudo-terminal and
 * read its screen back through a real terminal emulator (libvterm) */
#ifndef TNEWS_TEST_PTY_H
#define TNEWS_TEST_PTY_H

#include <stddef.h>
#include <sys/types.h>
#include <vterm.h>

/* A program running in a pseudo-terminal, and the emulated screen. */
struct pty {
	int fd;			/* the master side, -1 once hung up */
	pid_t pid;		/* the child (program, or mini shell with jobctl) */
	VTerm *vt;
	VTermScreen *vs;
	int rows, cols;
	size_t nbytes;		/* bytes the program has written so far */
	char *reply;		/* what the terminal would have answered */
	size_t nreply, reply_cap;
	int sending;		/* keys are being generated: output goes to fd */
	int titles;		/* times the title or icon name was set */
	int oscs, dcss;		/* OSC and DCS strings that reached the terminal */
	char osc[8192];		/* the OSC strings, each ended by a newline
				 * (those that fit) */
	size_t nosc;
	int altscreen;		/* the alternate screen is on */
	int cursor_visible;	/* by the last DECTCEM the program sent */
	char tail[16];		/* the last bytes seen, for sequences cut in two */
	int region;		/* a scroll region of fewer rows than the screen
				 * is set (by the last CSI Pt;Pb r) */
	int mouse;		/* mouse reporting was ever turned on */
	int reverse;		/* reverse screen mode was ever turned on */
	int eof;		/* the master read EOF/EIO */
	int exited, status;	/* waitpid status once exited */
};

/* Start argv (argv[0] a path) at rows x cols with TERM=xterm-256color,
 * the environment cleaned of TERM, LANG, LC_*, LINES, COLUMNS, NO_COLOR
 * and ESCDELAY, then env (NULL-terminated "NAME=value", may be NULL)
 * added.  With jobctl, run it under a tiny job-control shell that, when
 * the program stops, writes "[tnews stopped]" and continues it after
 * reading one byte.  Returns 0, or -1. */
int pty_start(struct pty *p, int rows, int cols, const char *const argv[],
	      const char *const env[], int jobctl);
/* Feed the program's output to the emulator for up to ms milliseconds
 * (returns early on EOF).  Returns the bytes read. */
size_t pty_pump(struct pty *p, int ms);
/* Pump until no output came for quiet_ms (at most max_ms in all). */
void pty_settle(struct pty *p, int quiet_ms, int max_ms);
/* Pump until the screen shows text; 1 if it did within ms. */
int pty_wait_text(struct pty *p, const char *text, int ms);
/* Pump until the screen no longer shows text; 1 if so within ms. */
int pty_wait_gone(struct pty *p, const char *text, int ms);
/* Row r of the screen as UTF-8 without trailing spaces, in a static
 * buffer overwritten by the next call. */
const char *pty_row(struct pty *p, int r);
/* The whole screen as UTF-8 rows joined by newlines (malloc'd). */
char *pty_screen(struct pty *p);
/* The whole screen as pty_screen gives it, every cell with its
 * attributes and colours (written where they change, as
 * "<b0 u0 i0 k0 r1 s0 d/d>"): two screens that look the same give the
 * same string (malloc'd). */
char *pty_screen_attrs(struct pty *p);
/* Send bytes as typed. */
void pty_send(struct pty *p, const char *s);
/* Send a special key as the terminal would encode it now. */
void pty_key(struct pty *p, VTermKey key);
/* Resize the terminal (the program gets SIGWINCH). */
void pty_resize(struct pty *p, int rows, int cols);
/* Close the master side: the terminal goes away. */
void pty_hangup(struct pty *p);
/* Wait up to ms for the child to exit, pumping output; 1 if it did. */
int pty_wait_exit(struct pty *p, int ms);
/* Milliseconds on a monotonic clock. */
long pty_now_ms(void);
/* Kill the child if still running and free everything. */
void pty_free(struct pty *p);

#endif
