/* SPDX-License-Identifier: MIT */
/* rules.h - the furniture rules that classify lines */
#ifndef TNEWS_RULES_H
#define TNEWS_RULES_H

#include <stddef.h>

#include "sbuf.h"
#include "story.h"

struct rules;

/* An empty rule set. */
struct rules *rules_new(void);
/* Add the rules in text (named name for messages).  Each bad line is
 * reported through report as "NAME:LINE:COL: message" and skipped; returns
 * the number of bad lines. */
int rules_add_text(struct rules *r, const char *name, const char *text, size_t n,
		   void (*report)(const char *msg, void *arg), void *arg);
/* Add the rules of a file; -1 with err set if it cannot be read (a
 * device, or larger than 4 MB; a FIFO without a writer reads as empty). */
int rules_add_file(struct rules *r, const char *path,
		   void (*report)(const char *msg, void *arg), void *arg,
		   char *err, size_t errlen);
/* Number of rules. */
size_t rules_count(const struct rules *r);
/* Classify one line of text on its own (no context). */
enum line_kind rules_classify_line(const struct rules *r, struct bstr text);
/* Classify every line of a document, with context (embed names, titles
 * after video durations). */
void rules_classify_doc(const struct rules *r, struct doc *d);
void rules_free(struct rules *r);
/* Call the file of rules from index from on name in their origins (the
 * installed rules file is "furniture.rules" wherever it is installed). */
void rules_rename(struct rules *r, size_t from, const char *name);
/* Give d the names of r's rules, as classifying it does (for a document
 * whose kinds came from elsewhere, such as the parse cache). */
void rules_name_doc(const struct rules *r, struct doc *d);
/* Let model decide the lines no rule matches (r owns it; NULL: none). */
struct linemodel;
void rules_set_model(struct rules *r, struct linemodel *m);
/* Detach r's model and hand it back to the caller (NULL if none). */
struct linemodel *rules_take_model(struct rules *r);
/* The model's segmenter weights, or NULL without a model. */
struct segmodel;
const struct segmodel *rules_segmodel(const struct rules *r);

#endif
