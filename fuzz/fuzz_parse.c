/* SPDX-License-Identifier: MIT */
/* fuzz_parse.c - libFuzzer: any bytes through reading, classifying,
 * segmenting, titling and every output mode. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

#include "fuzzutil.h"
#include "fold.h"
#include "output.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct storylist sl = { 0 };
	char err[256];
	struct doc *d = input_from_bytes("fuzz", (const char *)data, size, err, sizeof err);
	FILE *f;

	if (!d)
		return 0;
	parse_doc(&sl, d, fuzz_rules(), size & 1 ? SEG_AUTO : SEG_EXPLICIT);
	f = fopen("/dev/null", "w");
	if (f) {
		struct fold fold;

		fold_stories(&fold, &sl);
		output_json(f, &sl, NULL, (int)(size & 4));
		output_list(f, &sl, &fold, (int)(size & 8));
		output_dump(f, &sl, 1 + (int)(size % 97), (int)(size & 2), &fold, (int)(size & 4));
		fold_free(&fold);
		fclose(f);
	}
	fuzz_check_storylist(&sl);
	storylist_free(&sl);
	return 0;
}
