/* SPDX-License-Identifier: MIT */
/* parse.h - from files to a list of stories */
#ifndef TNEWS_PARSE_H
#define TNEWS_PARSE_H

#include "rules.h"
#include "segment.h"
#include "story.h"

/* Classify, segment and title one document, appending its stories
 * (titled on a second thread while segmenting goes on, where the machine
 * has two processors and the document many stories). */
void parse_doc(struct storylist *sl, struct doc *d, const struct rules *r,
	       enum seg_mode mode);

/* Let parse_doc title a batch of at least stories stories on a second
 * thread whatever the machine (1: every batch; SIZE_MAX: none), so that
 * tests can compare the two; 0 restores the default. */
void parse_set_split(size_t stories);

/* The same in steps, so that a reader can show the first stories of a
 * long document at once and parse the rest between keystrokes (or in
 * another thread, if nothing else touches sl meanwhile).  parse_begin
 * hands d to sl and classifies its lines; each parse_step segments the
 * next window and appends the stories that are final, finished (titled
 * and counted), to sl; it returns 1 when the document is done.  Stories
 * are only ever appended, so indices into sl->stories stay valid (not
 * pointers: the array may move).  The stories are those of parse_doc. */
struct parser;
struct parser *parse_begin(struct storylist *sl, struct doc *d, const struct rules *r,
			   enum seg_mode mode);
int parse_step(struct parser *p);
/* Free a parser; the stories stay in sl (NULL is fine). */
void parse_end(struct parser *p);

/* Document d of sl grew (input_append): parse again only its last story
 * and the lines after it, as a document of their own (classified and
 * segmented), and put the stories found in place of that last story;
 * the stories before it stay as they are (not made again).  Returns
 * how many stories replace it (0: d has no story, nothing done), the
 * first at index *first; *lines: the lines parsed again. */
size_t parse_append(struct storylist *sl, struct doc *d, const struct rules *r,
		    enum seg_mode mode, size_t *first, size_t *lines);

#endif
