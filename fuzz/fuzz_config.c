/* SPDX-License-Identifier: MIT */
/* fuzz_config.c - libFuzzer: any configuration file loads (its mistakes
 * reported, never a crash), prints, and what it prints loads again to the
 * same printout. */
#include <config.h>

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "config_file.h"

static const char *const actions[] = { "down", "up", "quit", "help", "search-forward" };

/* The configuration printed as text (malloc'd). */
static char *printed(const struct config *c, size_t *n)
{
	static const struct config_bind defaults[] = { { 'j', 0 }, { 'k', 1 }, { 'q', 2 } };
	char *buf = NULL;
	FILE *f = open_memstream(&buf, n);

	if (!f)
		abort();
	config_print(f, c, actions, 5, defaults, 3);
	fclose(f);
	return buf;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct config a, b;
	size_t n1, n2;
	char *p1, *p2, name[32];
	int codes[3];

	config_init(&a);
	config_load_mem(&a, "fuzz", (const char *)data, size, actions, 5);
	p1 = printed(&a, &n1);
	config_init(&b);
	if (config_load_mem(&b, "printed", p1, n1, actions, 5) != 0)
		abort();	/* what tnews prints must load cleanly */
	p2 = printed(&b, &n2);
	if (n1 != n2 || memcmp(p1, p2, n1))
		abort();
	for (int k = 0; k < 600; k += 37)
		config_key_action(&a, k, -1);
	if (size < 64) {
		char key[64];

		memcpy(key, data, size);
		key[size] = '\0';
		config_key_parse(key, codes);
		config_key_name(size ? data[0] : 0, name, sizeof name);
	}
	free(p1);
	free(p2);
	config_free(&a);
	config_free(&b);
	return 0;
}
