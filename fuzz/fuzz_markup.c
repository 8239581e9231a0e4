/* SPDX-License-Identifier: MIT */
/* fuzz_markup.c - libFuzzer: any bytes read as a web page and as a feed
 * (whatever their first bytes say), made into stories and printed in
 * every mode; every line must be clean UTF-8 without control bytes and in
 * exactly one story, every story titled. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "fuzzutil.h"
#include "fold.h"
#include "markup.h"
#include "output.h"

/* Abort unless a document's lines are clean and its stories cover them. */
static void check(const struct storylist *sl, const struct doc *d)
{
	size_t next = 0;

	for (size_t i = 0; i < d->nlines; i++) {
		struct bstr t = line_text(d, &d->lines[i]);

		if (t.n == 0 || u8_check((const uint8_t *)t.s, t.n))
			abort();
		for (size_t k = 0; k < t.n; k++)
			if ((unsigned char)t.s[k] < 0x20 || t.s[k] == 0x7f)
				abort();
	}
	for (size_t i = 0; i < sl->n; i++) {
		const struct story *s = &sl->stories[i];

		if (s->doc != d || s->first != next || s->count == 0 || !s->title ||
		    u8_check((const uint8_t *)s->title, strlen(s->title)))
			abort();
		next += s->count;
	}
	if (next != d->nlines)
		abort();
}

/* Read the bytes as kind, print and check. */
static void one(const uint8_t *data, size_t size, enum src_kind kind)
{
	struct storylist sl = { 0 };
	char err[256];
	struct doc *d = markup_read("fuzz", kind, (const char *)data, size, err, sizeof err);
	FILE *f;

	if (!d) {
		if (!*err)
			abort();
		return;
	}
	markup_stories(&sl, d, fuzz_rules());
	check(&sl, d);
	f = fopen("/dev/null", "w");
	if (f) {
		struct fold fold;

		fold_stories(&fold, &sl);
		output_json(f, &sl, &fold, (int)(size & 4));
		output_list(f, &sl, &fold, (int)(size & 8));
		output_dump(f, &sl, 1 + (int)(size % 97), (int)(size & 2), &fold, (int)(size & 4));
		fold_free(&fold);
		fclose(f);
	}
	storylist_free(&sl);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	one(data, size, SRC_HTML);
	one(data, size, SRC_FEED);
	one(data, size, SRC_MARKDOWN);
	(void)markup_sniff((const char *)data, size);
	return 0;
}
