/* SPDX-License-Identifier: MIT */
/* keycodes.h - curses' key codes for the core, which cannot include
 * curses: the same values (ui_keys.c checks them against <curses.h>) */
#ifndef TNEWS_KEYCODES_H
#define TNEWS_KEYCODES_H

#define TK_CTRL(c) ((c) & 0x1f)
#define TK_ESCAPE 27
#define TK_TAB 9
#define TK_DOWN 0402
#define TK_UP 0403
#define TK_LEFT 0404
#define TK_RIGHT 0405
#define TK_HOME 0406
#define TK_BACKSPACE 0407
#define TK_F0 0410
#define TK_F(n) (TK_F0 + (n))
#define TK_DC 0512
#define TK_NPAGE 0522
#define TK_PPAGE 0523
#define TK_ENTER 0527
#define TK_BTAB 0541
#define TK_END 0550
#define TK_MAX 0777

#endif
