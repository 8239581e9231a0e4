/* ui.h - the interactive reader */
#ifndef TNEWS_UI_H
#define TNEWS_UI_H

#include "options.h"
#include "story.h"

/* Run the reader on the stories until the user quits; returns the exit
 * status.  The terminal is restored on every path out. */
int ui_run(struct storylist *sl, const struct options *o);

#endif
