/* SPDX-License-Identifier: MIT */
/* test_keys.c - the man page cannot drift from the key table: every
 * action's entry in man/tnews.1 names its config name, each of its
 * default keys (as the help screen names them) and its help text */
#include <config.h>

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "config_file.h"
#include "keys.h"

/* The reader's key table (keys.c). */
#define table keys_table

/* The man page's lines, with roff's \- \e and \(dq made plain. */
static char **lines;
static size_t nlines;

/* Read and unescape the man page. */
static int setup(void **state)
{
	const char *top = getenv("TOP_SRCDIR");
	char path[4096], buf[4096];
	size_t cap = 0;
	FILE *f;

	(void)state;
	snprintf(path, sizeof path, "%s/man/tnews.1", top ? top : ".");
	f = fopen(path, "r");
	if (!f)
		return -1;
	while (fgets(buf, sizeof buf, f)) {
		char *out = malloc(strlen(buf) + 1), *o = out;

		for (const char *p = buf; *p && *p != '\n'; p++) {
			if (p[0] == '\\' && p[1] == '-') {
				*o++ = '-';
				p++;
			} else if (p[0] == '\\' && p[1] == 'e') {
				*o++ = '\\';
				p++;
			} else if (!strncmp(p, "\\(dq", 4)) {
				*o++ = '"';
				p += 3;
			} else {
				*o++ = *p;
			}
		}
		*o = '\0';
		if (nlines == cap) {
			cap = cap ? cap * 2 : 256;
			lines = realloc(lines, cap * sizeof *lines);
		}
		lines[nlines++] = out;
	}
	fclose(f);
	return 0;
}

/* Free the lines. */
static int teardown(void **state)
{
	(void)state;
	for (size_t i = 0; i < nlines; i++)
		free(lines[i]);
	free(lines);
	return 0;
}

/* The line of an action's entry: .BR "KEYS" " (NAME)", or -1. */
static long entry_line(const char *name)
{
	char tail[128];

	snprintf(tail, sizeof tail, "\" \" (%s)\"", name);
	for (size_t i = 0; i < nlines; i++) {
		size_t n = strlen(lines[i]), t = strlen(tail);

		if (!strncmp(lines[i], ".BR \"", 5) && n > t && !strcmp(lines[i] + n - t, tail))
			return (long)i;
	}
	return -1;
}

/* Whether the entry line lists key name as one of its keys. */
static int lists_key(const char *line, const char *name)
{
	const char *p = line + 5;
	size_t n = strlen(name);

	while (*p && *p != '"') {
		size_t len = strcspn(p, " \"");

		if (len == n && !strncmp(p, name, n))
			return 1;
		p += len;
		if (*p == ' ')
			p++;
	}
	return 0;
}

/* Every action of the table has its entry, keys and help text. */
static void test_man_keys(void **state)
{
	int bad = 0;

	(void)state;
	assert_int_equal(sizeof table / sizeof table[0], ACT_COUNT);
	for (size_t a = 0; a < sizeof table / sizeof table[0]; a++) {
		const struct key_binding *e = &table[a];
		long l = entry_line(e->name);

		if (l < 0) {
			print_error("man/tnews.1 has no KEYS entry for \"%s\"\n", e->name);
			bad++;
			continue;
		}
		for (int k = 0; k < 8 && e->keys[k]; k++) {
			char name[32];

			config_key_name(e->keys[k], name, sizeof name);
			if (!lists_key(lines[l], name)) {
				print_error("man/tnews.1: %s lacks the key %s\n", e->name, name);
				bad++;
			}
		}
		if ((size_t)l + 1 >= nlines || strcmp(lines[l + 1], e->help)) {
			print_error("man/tnews.1: %s's text is not \"%s\"\n", e->name, e->help);
			bad++;
		}
	}
	assert_int_equal(bad, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_man_keys),
	};

	return cmocka_run_group_tests(tests, setup, teardown);
}
