/* SPDX-License-Identifier: MIT */
/* testutil.h - shared helpers of the cmocka unit tests */
#ifndef TNEWS_TESTUTIL_H
#define TNEWS_TESTUTIL_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "input.h"
#include "parse.h"
#include "linemodel.h"
#include "rules.h"
#include "sbuf.h"
#include "story.h"

/* The installed-style rules from $TNEWS_DATADIR. */
static inline struct rules *test_rules(void)
{
	const char *dir = getenv("TNEWS_DATADIR");
	char path[4096], err[256];
	struct rules *r = rules_new();

	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/furniture.rules", dir);
	assert_int_equal(rules_add_file(r, path, NULL, NULL, err, sizeof err), 0);
	snprintf(path, sizeof path, "%s/lines.model", dir);
	struct linemodel *m = linemodel_load(path, err, sizeof err);

	assert_non_null(m);
	rules_set_model(r, m);
	return r;
}

/* A document made from a string of n bytes. */
static inline struct doc *test_doc(const char *bytes, size_t n)
{
	char err[256];
	struct doc *d = input_from_bytes("test", bytes, n, err, sizeof err);

	assert_non_null(d);
	return d;
}

/* Parse a string (n bytes) with the installed rules into sl. */
static inline void test_parse(struct storylist *sl, const char *bytes, size_t n,
			      enum seg_mode mode)
{
	struct rules *r = test_rules();

	parse_doc(sl, test_doc(bytes, n), r, mode);
	rules_free(r);
}

/* Parse a file of tests/data into sl. */
static inline void test_parse_file(struct storylist *sl, const char *name,
				   enum seg_mode mode)
{
	const char *dir = getenv("TESTDATA");
	char path[4096], err[256];
	struct rules *r = test_rules();
	struct doc *d;

	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	d = input_read(path, err, sizeof err);
	if (!d)
		fail_msg("%s: %s", path, err);
	parse_doc(sl, d, r, mode);
	rules_free(r);
}

/* The text of a document's i-th non-blank line as a NUL-terminated copy
 * in a static buffer. */
static inline const char *test_line(const struct doc *d, size_t i)
{
	static char buf[8192];
	struct bstr t = line_text(d, &d->lines[i]);
	size_t n = t.n < sizeof buf - 1 ? t.n : sizeof buf - 1;

	memcpy(buf, t.s, n);
	buf[n] = '\0';
	return buf;
}

#endif
