/* SPDX-License-Identifier: MIT */
/* ui_mode.c - the reader's modes (list, reading pane, prompt, help): which
 * one is on, and a table of what each draws and does with a key */
#include <config.h>

#include "keys.h"
#include "ui_panes.h"

/* What one mode draws and how it takes a key. */
struct mode_ops {
	void (*draw)(struct app *a, int flags);
	int (*key)(struct app *a, int key);
};

/* The panes, and the status line under them. */
static void draw_panes(struct app *a, int flags)
{
	if (flags & H_LAYOUT)
		ui_draw_sep(a);
	if (flags & H_LIST)
		list_draw(a);
	if (flags & H_READER)
		reader_draw(a);
	if (flags & (H_STATUS | H_READER | H_LIST))
		status_draw(a);
}

/* The panes, and the prompt (or the y/n question) under them. */
static void draw_prompt(struct app *a, int flags)
{
	draw_panes(a, flags & ~H_STATUS);
	if (flags & (H_STATUS | H_READER | H_LIST))
		(prompt_kind(a) ? prompt_draw : status_draw)(a);
}

/* The help screen, and the status line. */
static void draw_help(struct app *a, int flags)
{
	help_draw(a);
	if (flags & (H_STATUS | H_READER | H_LIST))
		status_draw(a);
}

/* A key for the prompt, or the answer to "overwrite? (y/n)". */
static int prompt_mode_key(struct app *a, int key)
{
	if (a->overwrite)
		return export_confirm(a, key);
	return prompt_key(a, key);
}

/* A key while the help is up: its action scrolls or closes it. */
static int help_mode_key(struct app *a, int key)
{
	return help_key(a, keys_action(a, key));
}

static const struct mode_ops modes[MODES] = {
	[IN_LIST] = { draw_panes, keys_dispatch },
	[IN_READER] = { draw_panes, keys_dispatch },
	[IN_PROMPT] = { draw_prompt, prompt_mode_key },
	[IN_HELP] = { draw_help, help_mode_key },
};

enum mode ui_mode(const struct app *a)
{
	if (a->overwrite || prompt_kind(a) != PROMPT_NONE)
		return IN_PROMPT;
	if (a->help_on)
		return IN_HELP;
	return a->focus == FOCUS_READER ? IN_READER : IN_LIST;
}

void ui_mode_draw(struct app *a, int flags)
{
	modes[ui_mode(a)].draw(a, flags);
}

int ui_mode_key(struct app *a, int key)
{
	return modes[ui_mode(a)].key(a, key);
}
