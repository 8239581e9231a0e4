/* SPDX-License-Identifier: MIT */
/* tcurses.h - the curses header configure found (UI files only, never the core) */
#ifndef TNEWS_TCURSES_H
#define TNEWS_TCURSES_H

#if defined HAVE_NCURSESW_CURSES_H
#include <ncursesw/curses.h>
#else
#include <curses.h>
#endif

#endif
