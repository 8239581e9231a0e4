/* SPDX-License-Identifier: MIT */
/* e2e.h - assertions shared by the end-to-end tests: the pty harness
 * (pty.h) under cmocka.  Include after <cmocka.h>. */
#ifndef TNEWS_TEST_E2E_H
#define TNEWS_TEST_E2E_H

#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>

#include "pty.h"

/* Fail with what, showing the whole screen. */
static inline void e2e_fail_screen(struct pty *p, const char *what)
{
	static char shown[65536];
	char *s = pty_screen(p);

	snprintf(shown, sizeof shown, "%s", s);
	free(s);
	fail_msg("%s (status line: %s):\n%s", what, pty_row(p, p->rows - 1), shown);
}

/* Fail unless the screen shows text within ms milliseconds. */
static inline void e2e_expect(struct pty *p, const char *text, int ms)
{
	char what[512];

	if (pty_wait_text(p, text, ms))
		return;
	snprintf(what, sizeof what, "screen does not show \"%s\"", text);
	e2e_fail_screen(p, what);
}

/* Quit with q: exit status 0 and the terminal restored (main screen,
 * cursor shown, no scroll region left set). */
static inline void e2e_quit(struct pty *p, int ms)
{
	pty_send(p, "q");
	assert_true(pty_wait_exit(p, ms));
	assert_true(WIFEXITED(p->status));
	assert_int_equal(WEXITSTATUS(p->status), 0);
	assert_int_equal(p->altscreen, 0);
	assert_int_equal(p->cursor_visible, 1);
	assert_int_equal(p->region, 0);
}

/* Type s one key at a time, letting the screen follow each. */
static inline void e2e_type(struct pty *p, const char *s)
{
	for (; *s; s++) {
		char k[2] = { *s, '\0' };

		pty_send(p, k);
		pty_settle(p, 30, 2000);
	}
}

/* Open a prompt with key, wait for it to show prompt, type text and
 * press Enter. */
static inline void e2e_answer(struct pty *p, const char *key, const char *prompt,
			      const char *text, int ms)
{
	pty_send(p, key);
	e2e_expect(p, prompt, ms);
	e2e_type(p, text);
	pty_send(p, "\r");
}

/* Quit with q as e2e_quit does, then free the pty. */
static inline void e2e_quit_free(struct pty *p, int ms)
{
	e2e_quit(p, ms);
	pty_free(p);
}

/* env (NULL-terminated, at most 14 entries) plus TNEWS_CONFIG naming
 * tests/data/mouse-off.conf: for tests that check that nothing turns
 * mouse reporting on (the reader does, unless "mouse no").  Static. */
static inline const char *const *e2e_no_mouse(const char *const env[])
{
	static char conf[4200];
	static const char *out[16];
	const char *dir = getenv("TESTDATA");
	size_t n = 0;

	snprintf(conf, sizeof conf, "TNEWS_CONFIG=%s/mouse-off.conf", dir ? dir : ".");
	while (env && env[n] && n < 14) {
		out[n] = env[n];
		n++;
	}
	out[n++] = conf;
	out[n] = NULL;
	return out;
}

/* " i/N " as the status line shows the story number. */
static inline const char *e2e_story_of(int i, int n)
{
	static char buf[32];

	snprintf(buf, sizeof buf, " %d/%d ", i, n);
	return buf;
}

/* The directories of one test, and its environment for pty_start. */
struct dirs {
	char state[64], config[64];
	char env_state[4200], env_config[4200];
	const char *env[5];
};

/* Make fresh state and config directories and the environment naming them. */
static inline void dirs_make(struct dirs *d)
{
	snprintf(d->state, sizeof d->state, "/tmp/tnews-st-XXXXXX");
	snprintf(d->config, sizeof d->config, "/tmp/tnews-cf-XXXXXX");
	assert_non_null(mkdtemp(d->state));
	assert_non_null(mkdtemp(d->config));
	snprintf(d->env_state, sizeof d->env_state, "XDG_STATE_HOME=%s", d->state);
	snprintf(d->env_config, sizeof d->env_config, "XDG_CONFIG_HOME=%s", d->config);
	d->env[0] = "LC_ALL=C.UTF-8";
	d->env[1] = d->env_state;
	d->env[2] = d->env_config;
	d->env[3] = "TNEWS_CONFIG=";
	d->env[4] = NULL;
}

/* Remove the directories of a test. */
static inline void dirs_free(struct dirs *d)
{
	char cmd[1024];

	snprintf(cmd, sizeof cmd, "chmod -R u+rwx %s %s 2>/dev/null; rm -rf %s %s",
		 d->state, d->config, d->state, d->config);
	if (system(cmd) != 0)
		print_message("cannot remove %s %s\n", d->state, d->config);
}


#endif
