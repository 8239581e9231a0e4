/* SPDX-License-Identifier: MIT */
/* test_hyperlink.c - URLs found in text, the OSC 8 sequences made of
 * them (nothing from the URL can end or start a sequence), and which
 * terminals are known to show links */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "hyperlink.h"

/* The URLs of s, one a line, into out. */
static void urls(const char *s, char *out, size_t n)
{
	size_t b, e, i = 0, len = strlen(s), o = 0;

	out[0] = '\0';
	while (hl_url_next(s, len, i, &b, &e)) {
		o += (size_t)snprintf(out + o, n - o, "%.*s\n", (int)(e - b), s + b);
		assert_true(e > i);
		i = e;
	}
}

/* http and https URLs, up to a space, <, > or ", without the trailing
 * punctuation of the sentence; a scheme alone, ftp and "xhttp" with no
 * scheme are not links. */
static void test_url_next(void **state)
{
	char out[512];

	(void)state;
	urls("See https://example.org/a?b=c&d=e, or (http://x.example/y).", out, sizeof out);
	assert_string_equal(out, "https://example.org/a?b=c&d=e\nhttp://x.example/y\n");
	urls("<https://a.example/p>\"http://b.example/q\"", out, sizeof out);
	assert_string_equal(out, "https://a.example/p\nhttp://b.example/q\n");
	urls("https:// and http:// alone; ftp://c.example/ no", out, sizeof out);
	assert_string_equal(out, "");
	urls("end https://d.example/x.html!?", out, sizeof out);
	assert_string_equal(out, "https://d.example/x.html\n");
	urls("tab\thttps://e.example/1\tthen", out, sizeof out);
	assert_string_equal(out, "https://e.example/1\n");
	urls("https://f.example", out, sizeof out);	/* at the very end */
	assert_string_equal(out, "https://f.example\n");
}

/* Every byte outside printable ASCII is percent-encoded, and % unless it
 * escapes already: no ESC, BEL, C1 or space can reach the terminal; the
 * sequence is ESC ] 8 ; id=... ; URL ESC \. */
static void test_open_hostile(void **state)
{
	static const char url[] = "https://evil.example/\x1b]2;x\x07\xc2\x9c \x7f%zz%2Fok\xe2\x90\x9b";
	struct sbuf out = { 0 };

	(void)state;
	assert_int_equal(hl_open(&out, url, sizeof url - 1, 42), 0);
	assert_string_equal(out.p, "\x1b]8;id=tnews42;https://evil.example/%1B]2;x%07%C2%9C%20%7F"
			    "%25zz%2Fok%E2%90%9B\x1b\\");
	for (size_t i = 2; i + 2 < out.n; i++)	/* only the sequence's own ESCs */
		assert_true((unsigned char)out.p[i] >= 0x20 && (unsigned char)out.p[i] < 0x7f);
	sbuf_reset(&out);
	hl_close(&out);
	assert_string_equal(out.p, "\x1b]8;;\x1b\\");
	sbuf_free(&out);
}

/* An empty URL or one longer than HL_MAX_URL is left as text. */
static void test_open_limits(void **state)
{
	struct sbuf out = { 0 };
	char *big = malloc(HL_MAX_URL + 2);

	(void)state;
	assert_non_null(big);
	memset(big, 'a', HL_MAX_URL + 1);
	assert_int_equal(hl_open(&out, big, 0, 1), -1);
	assert_int_equal(hl_open(&out, big, HL_MAX_URL + 1, 1), -1);
	assert_int_equal(out.n, 0);
	assert_int_equal(hl_open(&out, big, HL_MAX_URL, 1), 0);
	assert_true(out.n > HL_MAX_URL);
	free(big);
	sbuf_free(&out);
}

/* A fake environment: "NAME=value" pairs. */
static const char *const *fake_env;

/* getenv over fake_env. */
static const char *fake_get(const char *name)
{
	size_t n = strlen(name);

	for (const char *const *e = fake_env; e && *e; e++)
		if (!strncmp(*e, name, n) && (*e)[n] == '=')
			return *e + n + 1;
	return NULL;
}

/* Whether a terminal with environment env is known to show links. */
static int known(const char *const *env)
{
	fake_env = env;
	return hl_terminal_known(fake_get);
}

/* Terminals that show links, by TERM, TERM_PROGRAM or their own
 * variables; plain xterm, old VTE and any multiplexer do not. */
static void test_known(void **state)
{
	(void)state;
	assert_true(known((const char *const[]){ "TERM=xterm-kitty", NULL }));
	assert_true(known((const char *const[]){ "TERM=foot-extra", NULL }));
	assert_true(known((const char *const[]){ "TERM=xterm-256color", "TERM_PROGRAM=WezTerm", NULL }));
	assert_true(known((const char *const[]){ "TERM=xterm-256color", "VTE_VERSION=6003", NULL }));
	assert_false(known((const char *const[]){ "TERM=xterm-256color", "VTE_VERSION=4205", NULL }));
	assert_true(known((const char *const[]){ "TERM=xterm-256color", "KONSOLE_VERSION=230402", NULL }));
	assert_true(known((const char *const[]){ "TERM=xterm-256color", "WT_SESSION=abc", NULL }));
	assert_false(known((const char *const[]){ "TERM=xterm-256color", NULL }));
	assert_false(known((const char *const[]){ "TERM=xterm-256color", "WT_SESSION=", NULL }));
	assert_false(known((const char *const[]){ NULL }));
	assert_false(known((const char *const[]){ "TERM=xterm-kitty", "TMUX=/tmp/t,1,0", NULL }));
	assert_false(known((const char *const[]){ "TERM=screen-256color", "VTE_VERSION=7000", NULL }));
	assert_false(known((const char *const[]){ "TERM=tmux-256color", "KITTY_WINDOW_ID=1", NULL }));
	assert_false(known((const char *const[]){ "TERM=xterm-kitty", "STY=1.pts", NULL }));
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_url_next),
		cmocka_unit_test(test_open_hostile),
		cmocka_unit_test(test_open_limits),
		cmocka_unit_test(test_known),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
