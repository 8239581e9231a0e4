/* SPDX-License-Identifier: MIT */
/* fuzz_rules.c - libFuzzer: any rules file parses or is reported, and the
 * rules it gives classify lines without harm. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>

#include "input.h"
#include "rules.h"

/* Swallow reports. */
static void quiet(const char *msg, void *arg)
{
	(void)msg;
	(void)arg;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static const char sample[] =
		"Image: a caption. Pic: Agency\nMore on Things\n2:50\nA title\n"
		"A plain paragraph of reading text, with a full stop.\nSpreaker\n"
		"This content is provided by Spreaker, which may be using cookies.\n";
	struct rules *r = rules_new();
	char err[256];
	struct doc *d;

	rules_add_text(r, "fuzz", (const char *)data, size, quiet, NULL);
	d = input_from_bytes("s", sample, sizeof sample - 1, err, sizeof err);
	if (d) {
		rules_classify_doc(r, d);
		doc_free(d);
	}
	d = input_from_bytes("s", (const char *)data, size, err, sizeof err);
	if (d) {
		rules_classify_doc(r, d);
		doc_free(d);
	}
	rules_free(r);
	return 0;
}
