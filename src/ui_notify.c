/* SPDX-License-Identifier: MIT */
/* ui_notify.c - one notification when the stories change (loaded, split,
 * joined, corrected once loaded): the modules that keep state per story
 * are listed here, in the order they update, and each updates itself */
#include <config.h>

#include "ui_panes.h"

/* The modules with state per story.  Order matters: the search's filter
 * decides which stories the list shows. */
static int (*const listeners[])(struct app *, enum story_change, size_t) = {
	ustate_stories,		/* story keys, read marks (ui_state.c) */
	find_stories,		/* search index, filter (ui_search.c) */
	list_stories,		/* the list's rows (ui_list.c) */
	reader_stories,		/* the laid-out story (ui_reader.c) */
};

int ui_stories_changed(struct app *a, enum story_change c, size_t from)
{
	int flags = 0;

	for (size_t i = 0; i < sizeof listeners / sizeof listeners[0]; i++)
		flags |= listeners[i](a, c, from);
	return flags;
}
