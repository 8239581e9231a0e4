/* SPDX-License-Identifier: MIT */
/* keys.c - the key table expanded (the only expansion of TNEWS_KEYS's
 * entries): bindings, config names, lookups */
#include <config.h>

#include <stdio.h>

#include "keys.h"

const struct key_binding keys_table[ACT_COUNT] = {
#define TNEWS_KEY_ENTRY(act, name, help, ...) \
	{ ACT_##act, name, help, { __VA_ARGS__, 0 } },
	TNEWS_KEYS(TNEWS_KEY_ENTRY)
#undef TNEWS_KEY_ENTRY
};

const char *const keys_action_names[ACT_COUNT] = {
#define TNEWS_KEY_NAME(act, name, help, ...) name,
	TNEWS_KEYS(TNEWS_KEY_NAME)
#undef TNEWS_KEY_NAME
};

enum key_action keys_lookup(int key)
{
	for (int a = 0; a < ACT_COUNT; a++)
		for (int i = 0; i < 8 && keys_table[a].keys[i]; i++)
			if (keys_table[a].keys[i] == key)
				return (enum key_action)a;
	return ACT_NONE;
}

const struct config_bind *keys_defaults(size_t *n)
{
	static struct config_bind b[ACT_COUNT * 8];
	static size_t nb;

	if (!nb)
		for (int a = 0; a < ACT_COUNT; a++)
			for (int i = 0; i < 8 && keys_table[a].keys[i]; i++)
				b[nb++] = (struct config_bind){ keys_table[a].keys[i], a };
	*n = nb;
	return b;
}

const char *keys_name(int key, char *buf, size_t n)
{
	return config_key_name(key, buf, n);
}
