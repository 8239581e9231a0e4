/* SPDX-License-Identifier: MIT */
/* fuzz_wrap.c - libFuzzer: wrapping any text at any width keeps every
 * non-space byte, in order, within the width. */
#include <config.h>

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "input.h"
#include "wrap.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct wrapper w = { 0 };
	char err[256];
	struct doc *d;
	int width;

	if (size < 1)
		return 0;
	width = 1 + data[0] % 120;
	d = input_from_bytes("fuzz", (const char *)data + 1, size - 1, err, sizeof err);
	if (!d)
		return 0;
	for (size_t i = 0; i < d->nlines; i++) {
		struct bstr t = line_text(d, &d->lines[i]);
		size_t n = wrap_text(&w, t.s, t.n, width), prev = 0, kept = 0, spaces = 0;

		for (size_t r = 0; r < n; r++) {
			const struct wrap_row *row = &w.rows[r];

			if (row->off < prev || row->off + row->len > t.n)
				abort();
			if (row->cols > width && wrap_width(t.s + row->off, row->len) > width &&
			    row->len > 4 + 3 * 64)	/* only one character (and marks) may overflow */
				abort();
			kept += row->len;
			prev = row->off + row->len;
		}
		for (size_t k = 0; k < t.n; k++)
			spaces += t.s[k] == ' ';
		if (kept + spaces < t.n)
			abort();
	}
	wrapper_free(&w);
	doc_free(d);
	return 0;
}
