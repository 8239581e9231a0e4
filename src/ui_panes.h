/* ui_panes.h - what the parts of the reader export to each other */
#ifndef TNEWS_UI_PANES_H
#define TNEWS_UI_PANES_H

#include "app.h"

/* Colour pairs (used only when a->color). */
enum { UI_PAIR_TITLE = 1, UI_PAIR_STRIPPED, UI_PAIR_UNREAD, UI_PAIR_STATUS };

/* ui.c: the loop and the screen */
/* Show a message on the status line until the next key. */
void ui_message(struct app *a, const char *msg);
/* The attribute of dimmed text (dim, or underline where dim is missing). */
attr_t ui_dim_attr(void);
/* Make story i the shown one and mark it read when the reader has focus. */
int ui_select(struct app *a, size_t i);

/* ui_reader.c: the reading pane */
/* Lay the shown story out again if story, width or mode changed, keeping
 * the row at the top of the pane at the top. */
void reader_relayout(struct app *a);
/* Draw the reading pane into its window (wnoutrefresh). */
void reader_draw(struct app *a);
/* Scroll by delta rows; returns H_* flags. */
int reader_scroll(struct app *a, long delta);
/* Go to the top or (bottom != 0) the bottom; returns H_* flags. */
int reader_goto(struct app *a, int bottom);
/* Rows in a page of the reading pane. */
size_t reader_page(const struct app *a);
/* "Top", "Bot", "All" or the percentage shown, into buf. */
void reader_position(const struct app *a, char *buf, size_t n);
void reader_free(struct app *a);

/* ui_list.c: the story list */
/* Draw the list into its window (wnoutrefresh). */
void list_draw(struct app *a);
/* Move the selection by delta stories; returns H_* flags. */
int list_move(struct app *a, long delta);
/* Keep the selection inside the list's rows. */
void list_follow(struct app *a);
/* Rows in a page of the list. */
size_t list_page(const struct app *a);

/* ui_help.c: the help screen, made from the key table */
/* Draw the help screen over the whole screen. */
void help_draw(struct app *a);
/* Handle a key while the help is up; returns H_* flags. */
int help_key(struct app *a, int action);

/* ui_keys.c: dispatch through the key table */
/* Handle one key; returns H_* flags. */
int keys_dispatch(struct app *a, int key);

/* ui_status.c: the status line */
/* Draw the status line (wnoutrefresh). */
void status_draw(struct app *a);

#endif
