/* ui.c - the interactive reader (placeholder until the reader lands) */
#include <config.h>

#include <stdio.h>

#include "ui.h"

int ui_run(struct storylist *sl, const struct options *o)
{
	(void)sl;
	(void)o;
	fputs("tnews: the interactive reader is not built yet; use --dump\n", stderr);
	return 2;
}
