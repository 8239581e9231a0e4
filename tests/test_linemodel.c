/* SPDX-License-Identifier: MIT */
/* test_linemodel.c - the learned furniture model and its features */
#include <config.h>

#include <math.h>

#include "testutil.h"

#include "linefeat.h"
#include "linemodel.h"
#include "sbuf.h"

/* The lexicon is sorted and its hash table finds each word by its letters. */
static void test_lexicon(void **state)
{
	(void)state;
	assert_true(linefeat_lexicon_ok());
}

/* A model written as text reads back the same. */
static void test_round_trip(void **state)
{
	struct linemodel *m = linemodel_new(), *back;
	char *buf = NULL, err[256];
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	(void)state;
	m->w1[LF1_w2][LK_HEADING] = 1.25f;
	m->w1[LF1_X_WE + 3][LK_CHROME] = -0.5f;
	m->w2[LF2_PREV + LK_IMAGE][LK_CREDIT] = 2;
	m->w2[LF2_WIN][LK_PARAGRAPH] = 0.75f;
	m->w2[LF2_SELF + LK_CREDIT][LK_HEADING] = -1.5f;
	m->keep = 0.4f;
	m->keep_long = 0.1f;
	m->seg.has_weights = m->seg.has_params = 1;
	m->seg.w[SF_dateline] = 1.5f;
	m->seg.w[SF_OPEN2 + 7] = -0.25f;
	m->seg.p[SP_kappa] = 7;
	linemodel_write(m, f);
	fclose(f);
	back = linemodel_parse("x.model", buf, n, err, sizeof err);
	assert_non_null(back);
	assert_memory_equal(back->w1, m->w1, sizeof m->w1);
	assert_memory_equal(back->w2, m->w2, sizeof m->w2);
	assert_true(back->keep == m->keep && back->keep_long == m->keep_long);
	assert_true(back->seg.has_weights && back->seg.has_params);
	assert_memory_equal(back->seg.w, m->seg.w, sizeof m->seg.w);
	assert_true(back->seg.p[SP_kappa] == 7);
	linemodel_free(back);
	linemodel_free(m);
	free(buf);
}

/* A bad model is refused with its file, line and column. */
static void test_errors(void **state)
{
	static const struct { const char *text, *want; } cases[] = {
		{ "", "x.model:1:1: empty" },
		{ "hello\n", "x.model:1:1: not a tnews line model" },
		{ "tnews-line-model1\nbias 1 2 3 4 5\n", "x.model:2:1: a weight before" },
		{ "tnews-line-model1\nstage 1\nbogus 1 2 3 4 5\n", "x.model:3:1: unknown feature" },
		{ "tnews-line-model1\nstage 1\nbias 1 2 3 4\n", "x.model:3:" },
		{ "tnews-line-model1\nstage 1\nbias 1 2 x 4 5\n", "x.model:3:10: a feature needs 5" },
		{ "tnews-line-model1\nstage 1\nprev_p_image 1 2 3 4 5\n", "x.model:3:1: a stage-two" },
		{ "tnews-line-model1\nkeep 2\n", "x.model:2:6: keep needs" },
		{ "tnews-line-model1\nstart nothing 1\n", "x.model:2:7: unknown start cue" },
		{ "tnews-line-model1\nparam kappa\n", "x.model:2:" },
	};
	char err[256];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct linemodel *m = linemodel_parse("x.model", cases[i].text,
						      strlen(cases[i].text), err, sizeof err);

		if (m || strncmp(err, cases[i].want, strlen(cases[i].want)))
			fail_msg("case %zu: got \"%s\", want \"%s...\"", i, m ? "a model" : err,
				 cases[i].want);
	}
}

/* A model without weights keeps every line as text. */
static void test_empty_model(void **state)
{
	static const char text[] = "Defence spending\nA line of text that goes on.\nShare\n";
	struct doc *d = test_doc(text, sizeof text - 1);
	struct linemodel *m = linemodel_new();

	(void)state;
	linemodel_classify_doc(m, d);
	for (size_t i = 0; i < d->nlines; i++)
		assert_int_equal(d->lines[i].kind, LK_PARAGRAPH);
	linemodel_free(m);
	doc_free(d);
}

/* Paragraphs as the installed model sees them. */
#define PARA_A "The council voted on Tuesday to close the old harbour to cargo ships from next spring, ending more than a century of trade at the port."
#define PARA_B "Councillors said the decision had been difficult but that the cost of dredging the channel had become impossible to justify for the town."
#define PARA_C "Local businesses, which have relied on the harbour for generations, said they would ask the council to think again before the final vote."
#define PARA_D "A spokesperson for the harbour authority said talks with the council would continue over the coming weeks and that no jobs would be lost."

/* The installed model strips a crosshead, a caption with its credit and
 * a newsletter line between paragraphs, and keeps the paragraphs. */
static void test_installed_model(void **state)
{
	static const char text[] =
		PARA_A "\n"
		"What happens next\n"
		PARA_B "\n"
		"Fishing boats moored in the harbour at dawn on Monday. (Photo: Jane Doe/Reuters)\n"
		PARA_C "\n"
		"Sign up for our daily newsletter\n"
		PARA_D "\n";
	struct rules *r = test_rules();
	struct doc *d = test_doc(text, sizeof text - 1);

	(void)state;
	rules_classify_doc(r, d);
	assert_int_equal(d->nlines, 7);
	for (size_t i = 0; i < 7; i += 2) {
		assert_int_equal(d->lines[i].kind, LK_PARAGRAPH);
		assert_false(d->lines[i].flags & LF_RULE);
	}
	for (size_t i = 1; i < 7; i += 2) {
		if (d->lines[i].kind == LK_PARAGRAPH)
			fail_msg("line %zu kept as text", i + 1);
		assert_false(d->lines[i].flags & LF_RULE);	/* the model's doing */
	}
	assert_true(d->lines[3].kind == LK_IMAGE || d->lines[3].kind == LK_CREDIT);
	rules_free(r);
	doc_free(d);
}

/* A user's rule is tried before the model and wins. */
static void test_rule_overrides_model(void **state)
{
	static const char text[] = PARA_A "\nWhat happens next\n" PARA_B "\n";
	static const char rule[] = "paragraph exact \"What happens next\"\n";
	struct rules *r = rules_new(), *inst = test_rules();
	struct doc *d = test_doc(text, sizeof text - 1);
	char path[4096], err[256];

	(void)state;
	assert_int_equal(rules_add_text(r, "mine", rule, sizeof rule - 1, NULL, NULL), 0);
	snprintf(path, sizeof path, "%s/furniture.rules", getenv("TNEWS_DATADIR"));
	assert_true(rules_add_file(r, path, NULL, NULL, err, sizeof err) >= 0);
	{
		struct rules *tmp = test_rules();

		rules_set_model(r, rules_take_model(tmp));
		rules_free(tmp);
	}
	rules_classify_doc(r, d);
	assert_int_equal(d->lines[1].kind, LK_PARAGRAPH);
	assert_true(d->lines[1].flags & LF_RULE);
	assert_string_equal(doc_rule_name(d, &d->lines[1]), "mine:1");
	rules_free(r);
	/* without the rule the model strips it */
	rules_classify_doc(inst, d);
	assert_int_not_equal(d->lines[1].kind, LK_PARAGRAPH);
	rules_free(inst);
	doc_free(d);
}

/* Whether feature f is among line i's stage-one features. */
static int has_feature(const struct linectx *c, size_t i, unsigned f)
{
	struct fval fv[LINEFEAT_MAX];
	size_t n = linefeat_line(c, i, fv);

	for (size_t k = 0; k < n; k++)
		if (fv[k].f == f)
			return 1;
	return 0;
}

/* A line that recurs after different text is repeated furniture, in any
 * case, a space or a dash apart; a story that is in the dump twice does not make
 * its lines repeats. */
static void test_repetition(void **state)
{
	static const char chrome[] =
		PARA_A "\nShare this story\n" PARA_B "\nShare this story\n"
		PARA_C "\nShare this story\n" PARA_D "\n";
	static const char twice[] =
		PARA_A "\nShort line here\n" PARA_B "\n" PARA_A "\nShort line here\n" PARA_B "\n"
		PARA_A "\nShort line here\n" PARA_B "\n";
	struct doc *d = test_doc(chrome, sizeof chrome - 1), *e = test_doc(twice, sizeof twice - 1);
	struct linectx c;

	(void)state;
	linectx_init(&c, d);
	assert_true(has_feature(&c, 1, LF1_rep3));
	assert_false(has_feature(&c, 0, LF1_rep2) || has_feature(&c, 0, LF1_rep3));
	linectx_free(&c);
	linectx_init(&c, e);
	for (size_t i = 1; i < e->nlines; i++) {
		assert_false(has_feature(&c, i, LF1_rep2));
		assert_false(has_feature(&c, i, LF1_rep3));
		assert_false(has_feature(&c, i, LF1_rep_long));
	}
	linectx_free(&c);
	doc_free(d);
	doc_free(e);
	/* a line recurs whatever its case and punctuation: its letters and
	 * digits (and its length) tell it */
	static const char variants[] =
		PARA_A "\nShare this story\n" PARA_B "\nSHARE THIS STORY\n"
		PARA_C "\nShare this-story\n" PARA_D "\n";

	d = test_doc(variants, sizeof variants - 1);
	linectx_init(&c, d);
	for (size_t i = 1; i < d->nlines; i += 2)
		assert_int_equal(c.rep[i], 3);
	assert_true(has_feature(&c, 3, LF1_rep3));
	linectx_free(&c);
	doc_free(d);
	/* 'Z' and 'z' are letters, one letter: not a mark left out */
	static const char zs[] =
		PARA_A "\nZshare this story\n" PARA_B "\n-share this story\n"
		PARA_C "\nzshare this story\n" PARA_D "\n";

	d = test_doc(zs, sizeof zs - 1);
	linectx_init(&c, d);
	assert_int_equal(c.rep[1], 2);
	assert_int_equal(c.rep[3], 1);
	assert_int_equal(c.rep[5], 2);
	linectx_free(&c);
	doc_free(d);
	/* lines that differ in their first letter only are not one line recurring */
	static const char firsts[] =
		PARA_A "\nAshare this story\n" PARA_B "\nBshare this story\n"
		PARA_C "\nCshare this story\n" PARA_D "\n";

	d = test_doc(firsts, sizeof firsts - 1);
	linectx_init(&c, d);
	for (size_t i = 1; i < d->nlines; i += 2)
		assert_int_equal(c.rep[i], 1);
	linectx_free(&c);
	doc_free(d);
}

/* A line opening with the word the line before opens with has
 * same_start_prev, the second line of a document too. */
static void test_same_start(void **state)
{
	static const char text[] = "Watch: the harbour at dawn\nWatch: boats leave the harbour\n"
		"Something else entirely here\n";
	struct doc *d = test_doc(text, sizeof text - 1);
	struct linectx c;

	(void)state;
	linectx_init(&c, d);
	assert_false(has_feature(&c, 0, LF1_same_start_prev));
	assert_true(has_feature(&c, 0, LF1_same_start_next));
	assert_true(has_feature(&c, 1, LF1_same_start_prev));
	assert_false(has_feature(&c, 2, LF1_same_start_prev));
	linectx_free(&c);
	doc_free(d);
}

/* Whether line i of text has stage-one feature f. */
static int text_has(const char *text, size_t i, unsigned f)
{
	struct doc *d = test_doc(text, strlen(text));
	struct linectx c;
	int has;

	linectx_init(&c, d);
	has = has_feature(&c, i, f);
	linectx_free(&c);
	doc_free(d);
	return has;
}

/* Shapes of captions, credits and crossheads any outlet writes: a line
 * in brackets, a numbered point, a full date, a place in the picture, an
 * agency in the last words. */
static void test_caption_shapes(void **state)
{
	static const struct { const char *line; unsigned f; int want; } cases[] = {
		{ "(Artist: Jane Doe)", LF1_bracketed, 1 },
		{ "[Related: Harbour to close] ", LF1_bracketed, 1 },
		{ "(The council) said it would think again.", LF1_bracketed, 0 },
		{ "(A)", LF1_bracketed, 1 },
		{ "()", LF1_bracketed, 0 },
		{ "3. Get enough sleep", LF1_numbered, 1 },
		{ "10) Keep the receipts", LF1_numbered, 1 },
		{ "2019. A year of change", LF1_numbered, 0 },
		{ "3.5 percent growth", LF1_numbered, 0 },
		{ "3. but lower case", LF1_numbered, 0 },
		{ "Boats in the harbour on Tuesday, Nov. 19, 2019.", LF1_month_day_year, 1 },
		{ "Boats in the harbour on March 3 2021", LF1_month_day_year, 1 },
		{ "In November 2019 the council voted to close it.", LF1_month_day_year, 0 },
		{ "Boats in the harbour on Nov. 19.", LF1_month_day_year, 0 },
		{ "They may 19 times have tried, in 2019.", LF1_month_day_year, 0 },
		{ "Jane Doe, left, and John Smith at the harbour", LF1_place_word, 1 },
		{ "The harbour master (pictured) at dawn", LF1_place_word, 1 },
		{ "The harbour master, far right) at dawn", LF1_place_word, 1 },
		{ "He turned left at the harbour and walked on.", LF1_place_word, 0 },
		{ "Boats at dawn. Jane Doe/Getty Images", LF1_tail_agency, 1 },
		{ "Boats in the harbour at dawn on Monday (Reuters)", LF1_tail_agency, 1 },
		{ "Reuters reported that the council voted to close the harbour", LF1_tail_agency, 0 },
		{ "Reuters", LF1_tail_agency, 0 },
		/* a byline: "By" and capitals, in eight words at most */
		{ "By Jane Doe and John Smith in Riverton", LF1_by_name, 1 },
		{ "By Jane Doe and John Smith of The Harbour", LF1_by_name, 0 },
		{ "By tomorrow the harbour will close", LF1_by_name, 0 },
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++)
		if (text_has(cases[i].line, 0, cases[i].f) != cases[i].want)
			fail_msg("\"%s\": %s %s", cases[i].line, linefeat_name(cases[i].f),
				 cases[i].want ? "missing" : "present");
}

/* The tail of a long line is scanned on its own: an agency at the end of
 * a long caption counts, one in its first words does not. */
static void test_tail_agency_long(void **state)
{
	static const char tail[] = PARA_A " " PARA_B " Jane Doe/AFP via Getty Images";
	static const char head[] = "Getty Images said " PARA_A " " PARA_B;

	(void)state;
	assert_true(strlen(tail) > 240);
	assert_true(text_has(tail, 0, LF1_tail_agency));
	assert_false(text_has(head, 0, LF1_tail_agency));
}

/* A short bare line between two paragraphs is a crosshead's place; a
 * short line over a long bare one a credit's over its caption. */
static void test_neighbour_shapes(void **state)
{
	static const char cross[] = PARA_A "\nWhat happens next\n" PARA_B "\n";
	static const char said[] = PARA_A "\nIt closes next year.\n" PARA_B "\n";
	static const char credit[] = PARA_A "\nJane Doe\n"
		"Fishing boats moored in the old harbour at dawn on a cold Monday morning\n" PARA_B "\n";
	static const char body[] = PARA_A "\nJane Doe\n" PARA_B "\n";

	(void)state;
	assert_true(text_has(cross, 1, LF1_between_bare));
	assert_false(text_has(said, 1, LF1_between_bare));
	assert_false(text_has(cross, 0, LF1_between_bare));
	assert_false(text_has(credit, 1, LF1_between_bare));
	assert_true(text_has(credit, 1, LF1_before_bare_long));
	assert_false(text_has(body, 1, LF1_before_bare_long));
	assert_false(text_has(credit, 0, LF1_before_bare_long));
}

/* The run of bare titles (a few words, no final stop) a line is in: a
 * crosshead alone, a pair of share links, a block of promos; a line of
 * more than 20 words or one ending like a sentence breaks a run. */
static void test_title_runs(void **state)
{
	static const char text[] = PARA_A "\n"
		"Harbour to close next year\nCouncil votes on the budget\nBoats return to the quay\n"
		"Fishing fleet hit by storm\nMayor opens the new bridge\n" PARA_B "\n"
		"What happens next\n" PARA_C "\nRead more\nShare this\n" PARA_D "\n"
		"One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
		"fifteen sixteen seventeen eighteen nineteen twenty\nAnd a title below it\n"
		"One two three four five six seven eight nine ten eleven twelve thirteen fourteen "
		"fifteen sixteen seventeen eighteen nineteen twenty more\nLast of them\n"
		"It closes next year.\n";
	static const struct { size_t line; unsigned f; } want[] = {
		{ 0, 0 }, { 1, LF1_run_4 }, { 3, LF1_run_4 }, { 5, LF1_run_4 }, { 6, 0 },
		{ 7, LF1_run_1 }, { 9, LF1_run_2_3 }, { 10, LF1_run_2_3 }, { 11, 0 },
		{ 12, LF1_run_2_3 }, { 13, LF1_run_2_3 }, { 14, 0 }, { 15, LF1_run_1 }, { 16, 0 },
	};
	struct doc *d = test_doc(text, sizeof text - 1);
	struct linectx c;

	(void)state;
	assert_int_equal(d->nlines, 17);
	linectx_init(&c, d);
	for (size_t j = 0; j < sizeof want / sizeof want[0]; j++)
		for (unsigned f = LF1_run_1; f <= LF1_run_4; f++)
			if (has_feature(&c, want[j].line, f) != (f == want[j].f))
				fail_msg("line %zu: %s %s", want[j].line, linefeat_name(f),
					 f == want[j].f ? "missing" : "present");
	linectx_free(&c);
	doc_free(d);
}

/* Stage two sees the line's own stage-one probabilities, as logs. */
static void test_own_scores(void **state)
{
	static const char text[] = "One\nTwo\nThree\n";
	struct doc *d = test_doc(text, sizeof text - 1);
	float p1[3][LK_NKINDS] = {
		{ 0.2f, 0.2f, 0.2f, 0.2f, 0.2f },
		{ 0.5f, 0.1f, 0.05f, 0.05f, 0.3f },
		{ 1, 0, 0, 0, 0 },
	};
	struct fval fv[LINEMODEL_FEATS];
	size_t nf;
	int seen = 0;

	(void)state;
	nf = linemodel_context(d, 1, (const float (*)[LK_NKINDS])p1, fv, 0);
	for (size_t j = 0; j < nf; j++)
		if (fv[j].f >= LF2_SELF && fv[j].f < LF_TOTAL) {
			int k = fv[j].f - LF2_SELF;

			assert_float_equal(fv[j].v, logf(p1[1][k] + 1e-4f), 1e-5);
			seen |= 1 << k;
		}
	assert_int_equal(seen, (1 << LK_NKINDS) - 1);
	assert_string_equal(linefeat_name(LF2_SELF + LK_CHROME), "self_logp_chrome");
	assert_string_equal(linefeat_name(LF2_NEXT + LK_IMAGE), "next_p_image");
	doc_free(d);
}

/* Stage two weighs stage one's features when its model gives them
 * weights, and the line's own stage-one scores when it is stacked. */
static void test_stage2_kinds(void **state)
{
	static const char text[] = PARA_A "\nWhat next\n" PARA_B "\nShare\n" PARA_C "\n";
	struct doc *d = test_doc(text, sizeof text - 1);
	struct linemodel *m = linemodel_new();

	(void)state;
	/* a stage two that weighs a stage-one feature: two-word lines are headings */
	m->w2[LF1_bias][LK_PARAGRAPH] = 2;
	m->w2[LF1_w2][LK_HEADING] = 10;
	linemodel_classify_doc(m, d);
	assert_int_equal(d->lines[1].kind, LK_HEADING);
	assert_int_equal(d->lines[3].kind, LK_PARAGRAPH);
	assert_int_equal(d->lines[0].kind, LK_PARAGRAPH);
	/* stacked: stage one says one-word lines are chrome, stage two trusts it */
	memset(m->w2, 0, sizeof m->w2);
	m->w1[LF1_w1][LK_CHROME] = 20;
	m->w2[LF1_bias][LK_PARAGRAPH] = 2;
	m->w2[LF2_SELF + LK_PARAGRAPH][LK_PARAGRAPH] = 1;
	m->w2[LF2_SELF + LK_CHROME][LK_CHROME] = 1;
	linemodel_classify_doc(m, d);
	assert_int_equal(d->lines[3].kind, LK_CHROME);
	assert_int_equal(d->lines[1].kind, LK_PARAGRAPH);
	assert_int_equal(d->lines[4].kind, LK_PARAGRAPH);
	linemodel_free(m);
	doc_free(d);
}

/* How much of a line its dateline is: the place, the agency and the dash
 * with the spaces after it, and nothing for text that only looks alike. */
static void test_dateline_len(void **state)
{
	static const struct { const char *s, *rest; } cases[] = {
		{ "LONDON (Reuters) - Britain's economy grew.", "Britain's economy grew." },
		{ "HAYWARD, Calif. (AP) \xE2\x80\x94 A man was stabbed.", "A man was stabbed." },
		{ "SEOUL, South Korea \xE2\x80\x94 A plan was dropped.", "A plan was dropped." },
		{ "BERLIN -- The agency says so.", "The agency says so." },
		{ "WASHINGTON \xE2\x80\x93  Two officers were charged.", "Two officers were charged." },
		{ "(CNN)President Trump spoke.", "President Trump spoke." },
		{ "Dekalb, Ill. \xE2\x80\x94 Mike Glass threw for three touchdowns.",
		  "Mike Glass threw for three touchdowns." },
		{ "Hong Kong (CNN Business)A muddled view.", "A muddled view." },
		{ "(Reuters) \xE2\x80\x94 The attorney general is looking.", "The attorney general is looking." },
		{ "COLUMBIA, S.C. (AP) \xE2\x80\x94 \xE2\x80\x9CWe are here,\xE2\x80\x9D she said.",
		  "\xE2\x80\x9CWe are here,\xE2\x80\x9D she said." },
	};
	static const char *const none[] = {
		"Two hostages \xE2\x80\x94 an American and an Australian \xE2\x80\x94 were freed.",
		"European Community (EC) member states gave a cool welcome.",
		"Binge eating disorder (BED) is common.",
		"Apple Inc (AAPL) shares rose.",
		"Apple Inc (AAPL) Shares rose.",	/* a space after the bracket, no dash */
		"PanARMENIAN.Net - Verified footage shows it.",
		"LONDON \xE2\x80\x94 ",			/* nothing after it */
		"WASHINGTON \xE2\x80\x94 the vote was close.",	/* no sentence after it */
		"The Senate voted on Tuesday - and again on Wednesday.",
		"NATO spending rose.",
		"Hong Kong \xE2\x80\x94 The city was quiet.",	/* no capitals, comma or agency */
		"Paris, Texas, Lyon, Nice, Rome \xE2\x80\x94 Five towns.",	/* five words: no city and state */
		"",
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		size_t n = strlen(cases[i].s), k = linefeat_dateline_len(cases[i].s, n);

		assert_string_equal(cases[i].s + k, cases[i].rest);
	}
	for (size_t i = 0; i < sizeof none / sizeof none[0]; i++)
		assert_int_equal(linefeat_dateline_len(none[i], strlen(none[i])), 0);
}

/* Datelines, bylines and trailers, which the segmenter weighs. */
static void test_story_edges(void **state)
{
	static const char *const datelines[] = {
		"LONDON (Reuters) - Britain's economy grew faster than expected.",
		"HAYWARD, Calif. (AP) \xE2\x80\x94 A man was stabbed on a train.",
		"WASHINGTON \xE2\x80\x94 The Senate voted on Tuesday.",
	};
	static const char *const not_datelines[] = {
		"The Senate voted on Tuesday - and again on Wednesday.",
		"NATO spending rose.",
		"US troops will not be used.",
	};

	(void)state;
	for (size_t i = 0; i < 3; i++) {
		assert_true(linefeat_dateline(datelines[i], strlen(datelines[i])));
		assert_false(linefeat_dateline(not_datelines[i], strlen(not_datelines[i])));
	}
	assert_true(linefeat_byline("By Jane Smith", 13));
	assert_false(linefeat_byline("By the river the town was quiet, and the fog came in.", 53));
	assert_true(linefeat_trailer("Reporting by Jane Smith; Editing by John Doe", 44));
	assert_true(linefeat_trailer("Jane Smith contributed to this report.", 38));
	assert_false(linefeat_trailer("The bill was passed by the House on Tuesday.", 44));
}

/* Check that the quick trailer test agrees with the full scan on line s
 * (n bytes); returns its answer. */
static int trailer_agrees(const char *s, size_t n)
{
	int quick = linefeat_trailer(s, n), scan = linefeat_trailer_scan(s, n);

	if (quick != scan)
		fail_msg("trailer %d, full scan %d: \"%.*s\"", quick, scan, (int)n, s);
	return quick;
}

/* The quick trailer test (short words skipped, no tab) gives the full
 * scan's answer: on every line of the sample and of tricky lines, and on
 * each of their prefixes; a trailer word counts up to the 24th word,
 * letters split by hyphens, quotes or accents still spell it, and a line
 * of more than 25 words is no trailer, nor is a line of more than 300
 * bytes. */
static void test_trailer_quick(void **state)
{
	static const char *const lines[] = {
		"Reporting by Jane Smith; Editing by John Doe",
		"Re-porting by Jane Smith",
		"(Contact: desk@example.com)",
		"\xE2\x80\x9C" "Con\xC3\xA9tact\xE2\x80\x9D the desk",
		"Copy'right 2019 the agency, all rights re-served.",
		"Jane Smith contributed\tto this report.",
		"\xC2\xA9 2019 Example News",
		"a b c d e f g h i j k l m n o p q r s t u v w editing",
		"a b c d e f g h i j k l m n o p q r s t u v w x editing",
		"a b c d e f g h i j k l m n o p q r s t u v w x y editing",
		"a  b c d e f g h i j k l m n o p q r s t u v w x y editing",
		"editing a b c d e f g h i j k l m n o p q r s t u v w x y",
		"  editing  ",
		"2editing.",
		"EDITING",
		"edit-ing \t",
	};
	char path[4096], err[256];
	int yes = 0;
	struct doc *d;

	(void)state;
	for (size_t i = 0; i < sizeof lines / sizeof lines[0]; i++)
		for (size_t n = 0; n <= strlen(lines[i]); n++)
			yes += trailer_agrees(lines[i], n);
	assert_true(linefeat_trailer(lines[7], strlen(lines[7])));	/* the 24th word */
	assert_false(linefeat_trailer(lines[8], strlen(lines[8])));	/* the 25th */
	assert_false(linefeat_trailer(lines[9], strlen(lines[9])));	/* 26 words */
	assert_false(linefeat_trailer(lines[11], strlen(lines[11])));
	assert_true(linefeat_trailer(lines[1], strlen(lines[1])));
	assert_true(linefeat_trailer(lines[3], strlen(lines[3])));
	assert_true(yes > 100);
	/* a trailer is a short line: past 300 bytes a line of a few words
	 * opening with a trailer word or a copyright sign is none */
	for (size_t i = 0; i < 2; i++) {
		char longer[400];
		size_t n = (size_t)snprintf(longer, sizeof longer, "%s",
					    i ? "\xC2\xA9 Example News " : "Reporting by Jane Smith; see ");

		memset(longer + n, 'x', sizeof longer - n);
		assert_true(linefeat_trailer(longer, n + 1));
		assert_true(trailer_agrees(longer, 300));
		assert_false(trailer_agrees(longer, 301));
		assert_false(linefeat_trailer(longer, sizeof longer));
		assert_false(linefeat_trailer_scan(longer, sizeof longer));
	}
	snprintf(path, sizeof path, "%s/sample.txt", getenv("TNEWS_DATADIR"));
	d = input_read(path, err, sizeof err);
	assert_non_null(d);
	for (size_t i = 0; i < d->nlines; i++)
		for (size_t n = 0; n <= d->lines[i].len && n <= 320; n++)
			trailer_agrees(d->text + d->lines[i].off, n);
	doc_free(d);
}

/* Word counts eight bytes at a time agree with a byte at a time, with
 * and without tabs as separators, at any alignment, length and limit. */
static void test_word_count(void **state)
{
	static const char alpha[] = { 'a', ' ', '\t', (char)0xC3, 'Z', ' ' };
	static const size_t limits[] = { 0, 1, 2, 3, 5, 8, 13, SIZE_MAX };
	char buf[64];
	unsigned seed = 12345;
	size_t big = 0;

	(void)state;
	for (int round = 0; round < 3000; round++) {
		size_t off = (size_t)round % 8, n = (size_t)(round / 8) % 48;

		for (size_t i = 0; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			buf[off + i] = alpha[(seed >> 16) % sizeof alpha];
		}
		for (int tabs = 0; tabs < 2; tabs++)
			for (size_t l = 0; l < sizeof limits / sizeof limits[0]; l++) {
				struct bstr t = { buf + off, n };
				size_t fast = bstr_words_sep(t, tabs, limits[l]);

				assert_int_equal(fast, bstr_words_bytewise(t, tabs, limits[l]));
				big += fast >= 8;
			}
	}
	assert_true(big > 100);	/* long lines were counted, not only short ones */
	assert_int_equal(bstr_words((struct bstr){ "a\tb  c ", 7 }, SIZE_MAX), 2);
	assert_int_equal(bstr_words_sep((struct bstr){ "a\tb  c ", 7 }, 1, SIZE_MAX), 3);
	assert_int_equal(bstr_words_sep((struct bstr){ "one two three four five six", 27 }, 0, 2), 3);
}

/* Pieces of made-up lines for the word scan: letters of both cases,
 * lexicon words, joins, digits, marks, bytes of other scripts (an accent,
 * a dash, curly quotes), tabs and spaces. */
static const char *const scan_pieces[] = {
	"a", "Z", "the", "The", "THE", "by", "By", "Reuters", "REUTERS", "photo", "Photos",
	"January", "3", "19", "1999", "2021", "2041s", "12:30", "Getty", "Images", "/AP",
	"AFP/Getty", "(Photo:", "(Credit", "(Image", "left", "(left)", "right,", "editing", "said", "Share", "contributed",
	"abcdefghijklmnop", "abcdefghijklmnopqrstuvwxyz", "ABCDEFGHIJKLM", "don't", "well-known",
	"-", "|", "@", "x@y.com", "http://a.b", "www.", ".com", ":", "/", ".", ",", "(", ")",
	"'", "\"", "\xE2\x80\x93", "\xE2\x80\x94", "\xE2\x80\x9C", "\xE2\x80\x9D", "Caf\xC3\xA9",
	"\xC3\x89lan", "\xC3\xA9t\xC3\xA9", "\xCE\xB1\xCE\xB2", "\t", " ", " ", " ", "  ",
};

/* The word and mark scan (words eight bytes at a time, marks found eight
 * bytes at a time, the lexicon by keys) finds what the byte-at-a-time
 * definitions do: on random lines of every length up to 400 made of the
 * pieces above, glued or spaced, on each of their prefixes, with several
 * word counts (which words are looked up), and on the sample's lines. */
static void test_scan_agrees(void **state)
{
	static const unsigned counts[] = { 0, 1, 5, 30, 64, 65535 };
	const size_t np = sizeof scan_pieces / sizeof scan_pieces[0];
	char line[512], path[4096], err[256];
	unsigned seed = 4242;
	struct doc *d;

	(void)state;
	for (int round = 0; round < 4000; round++) {
		size_t n = 0, want = (size_t)round % 400;

		while (n < want) {
			seed = seed * 1103515245u + 12345u;
			const char *p = scan_pieces[(seed >> 16) % np];
			size_t k = strlen(p);

			if (n + k + 1 >= sizeof line)
				break;
			memcpy(line + n, p, k);
			n += k;
			if ((seed >> 8) % 3)	/* most pieces spaced, some glued */
				line[n++] = ' ';
		}
		for (size_t c = 0; c < sizeof counts / sizeof counts[0]; c++)
			if (!linefeat_scan_agrees(line, n, counts[c]))
				fail_msg("words %u: \"%.*s\"", counts[c], (int)n, line);
		for (size_t m = 0; m < n && round < 500; m++)
			if (!linefeat_scan_agrees(line, m, 30))
				fail_msg("prefix: \"%.*s\"", (int)m, line);
	}
	snprintf(path, sizeof path, "%s/sample.txt", getenv("TNEWS_DATADIR"));
	d = input_read(path, err, sizeof err);
	assert_non_null(d);
	for (size_t i = 0; i < d->nlines; i++)
		assert_true(linefeat_scan_agrees(d->text + d->lines[i].off, d->lines[i].len,
						 (unsigned)linefeat_words(d->text + d->lines[i].off,
									  d->lines[i].len)));
	doc_free(d);
}

/* Whether features fv (nf of them) include f. */
static int has_feat(const struct fval *fv, size_t nf, unsigned f)
{
	for (size_t j = 0; j < nf; j++)
		if (fv[j].f == f)
			return 1;
	return 0;
}

/* The long lines (15 words or more) among the r lines each side of line
 * i of n, itself not counted, from a list of which lines are long. */
static size_t longs_near(const int *lng, size_t n, size_t i, size_t r)
{
	size_t k = 0;

	for (size_t j = i >= r ? i - r : 0; j < n && j <= i + r; j++)
		k += j != i && lng[j];
	return k;
}

/* The features of how many long lines are near (counted in a bitmap of
 * long lines, a word of it at a time) are those counted line by line: on
 * a document of random long and short lines, across the bitmap's word
 * boundaries and at both ends. */
static void test_long_density(void **state)
{
	static const unsigned d5[] = { LF1_d5_0, LF1_d5_lo, LF1_d5_mid, LF1_d5_hi };
	static const unsigned d12[] = { LF1_d12_0, LF1_d12_lo, LF1_d12_mid, LF1_d12_hi };
	struct sbuf t = { 0 };
	int lng[700];
	unsigned seed = 7;
	struct linectx c;
	struct fval fv[LINEFEAT_MAX];

	(void)state;
	for (size_t i = 0; i < 700; i++) {
		seed = seed * 1103515245u + 12345u;
		lng[i] = (seed >> 16) % (i < 300 ? 2 : 5) == 0;	/* dense, then sparse */
		sbuf_printf(&t, "%s\n", lng[i] ? "one two three four five six seven eight nine ten "
						 "eleven twelve thirteen fourteen fifteen." :
						 "A short line");
	}
	struct doc *d = test_doc(t.p, t.n);

	assert_int_equal(d->nlines, 700);
	linectx_init(&c, d);
	for (size_t i = 0; i < 700; i++) {
		size_t nf = linefeat_line(&c, i, fv), near = longs_near(lng, 700, i, 3);

		assert_true(has_feat(fv, nf, near == 0 ? LF1_near_long0 : near <= 2 ?
					     LF1_near_long1_2 : LF1_near_long3));
		for (int sc = 0; sc < 2; sc++) {
			size_t r = sc ? 12 : 5, lo = i >= r ? i - r : 0, hi = i + r + 1 < 700 ? i + r + 1 : 700;
			size_t k = longs_near(lng, 700, i, r);
			double fr = (double)k / (double)(hi - lo - 1);
			unsigned want = (sc ? d12 : d5)[k == 0 ? 0 : fr < 0.3 ? 1 : fr < 0.6 ? 2 : 3];

			if (!has_feat(fv, nf, want))
				fail_msg("line %zu: no %s", i, linefeat_name(want));
		}
	}
	linectx_free(&c);
	doc_free(d);
	sbuf_free(&t);
}

/* Whether line s (n bytes) has feature f, the straightforward way: a
 * capital glued to the word before it, or a colon and a space in the
 * first 80 bytes after the second and 12 bytes or more before the end. */
static int plain_feature(unsigned f, const unsigned char *s, size_t n)
{
	if (f == LF1_glued) {
		for (size_t j = 1; j + 1 < n; j++)
			if (((s[j - 1] >= 'a' && s[j - 1] <= 'z') || s[j - 1] == '.') &&
			    s[j] >= 'A' && s[j] <= 'Z' && s[j + 1] >= 'a' && s[j + 1] <= 'z' &&
			    j >= 2 && s[j - 2] != ' ' && s[j - 2] != '.')
				return 1;
		return 0;
	}
	for (size_t j = 0; j + 1 < n && j < 80; j++)
		if (s[j] == ':' && s[j + 1] == ' ' && j > 1 && j + 12 < n)
			return 1;
	return 0;
}

/* The glued-capital and mid-line colon features (capitals looked for
 * eight bytes at a time, colons with memchr) are those of the byte by
 * byte definitions, on lines of every length up to 120 with capitals,
 * dots, colons and spaces anywhere. */
static void test_glued_colon(void **state)
{
	static const char alpha[] = "aaaabZ.: QA@[`{";	/* and the bytes by the capitals */
	struct sbuf t = { 0 };
	unsigned seed = 99;
	size_t yes[2] = { 0, 0 };

	(void)state;
	for (int k = 0; k < 3000; k++) {
		size_t n = (size_t)k % 121;

		sbuf_addc(&t, 'x');	/* no line starts with a space */
		for (size_t i = 1; i < n; i++) {
			seed = seed * 1103515245u + 12345u;
			sbuf_addc(&t, alpha[(seed >> 16) % (sizeof alpha - 1)]);
		}
		sbuf_addc(&t, 'x');
		sbuf_addc(&t, '\n');
	}
	struct doc *d = test_doc(t.p, t.n);
	struct linectx c;
	struct fval fv[LINEFEAT_MAX];

	assert_true(d->nlines > 2500);
	linectx_init(&c, d);
	for (size_t i = 0; i < d->nlines; i++) {
		const unsigned char *s = (const unsigned char *)d->text + d->lines[i].off;
		size_t nf = linefeat_line(&c, i, fv);

		for (int g = 0; g < 2; g++) {
			unsigned f = g ? LF1_colon_mid : LF1_glued;
			int has = 0;

			for (size_t j = 0; j < nf; j++)
				has |= fv[j].f == f;
			assert_int_equal(has, plain_feature(f, s, d->lines[i].len));
			yes[g] += (size_t)has;
		}
	}
	assert_true(yes[0] > 100 && yes[1] > 100);	/* both seen, and not everywhere */
	assert_true(yes[0] < d->nlines && yes[1] < d->nlines);
	linectx_free(&c);
	doc_free(d);
	sbuf_free(&t);
}

/* A long document classified on two threads (rules matched and the
 * model run on its halves) gets the kinds and rules it gets on one, the
 * lines around the middle too. */
/* Repeats are counted a block of lines at a time, the blocks of a long
 * document split between two threads where the machine has two: a line
 * recurring between different lines counts in every block (the last
 * short block joined to the one before), a line that does not recur
 * counts once, whichever thread counted its block. */
static void test_repeat_blocks(void **state)
{
	struct sbuf t = { 0 };
	struct linectx c;
	size_t n = 3 * 65536 + 1000;

	(void)state;
	for (size_t i = 0; i < n; i++)
		if (i % 50 == 7)
			sbuf_printf(&t, "Share this\n");
		else
			sbuf_printf(&t, "Line %zu of the text.\n", i);
	struct doc *d = test_doc(t.p, t.n);

	assert_int_equal(d->nlines, n);
	linectx_init(&c, d);
	for (size_t i = 0; i < n; i++)
		if (c.rep[i] != (i % 50 == 7 ? 255 : 1))
			fail_msg("line %zu: %u repeats", i, c.rep[i]);
	linectx_free(&c);
	doc_free(d);
	sbuf_free(&t);
}

static void test_two_threads(void **state)
{
	struct rules *r = test_rules();
	char path[4096], err[256];
	struct sbuf t = { 0 };
	struct doc *d;

	(void)state;
	snprintf(path, sizeof path, "%s/sample.txt", getenv("TNEWS_DATADIR"));
	d = input_read(path, err, sizeof err);
	assert_non_null(d);
	for (int k = 0; k < 700; k++) {
		sbuf_add(&t, d->text, d->len);
		sbuf_addc(&t, '\n');
	}
	doc_free(d);
	d = test_doc(t.p, t.n);
	assert_true(d->nlines > 100000);
	for (size_t i = 0; i < d->nlines; i++)
		d->lines[i].score = 0;	/* a line decided gets at least 0.2 x 255 */
	rules_classify_doc(r, d);	/* on two threads where the machine has two */
	uint8_t *kinds = malloc(2 * d->nlines);
	uint16_t *rule = malloc(d->nlines * sizeof *rule);
	size_t ruled = 0;

	assert_non_null(kinds);
	assert_non_null(rule);
	for (size_t i = 0; i < d->nlines; i++) {
		kinds[2 * i] = d->lines[i].kind;
		kinds[2 * i + 1] = (uint8_t)line_prob(&d->lines[i]);	/* decided lines have a score */
		rule[i] = (uint16_t)line_rule(&d->lines[i]);
		ruled += rule[i] != 0;
	}
	assert_true(ruled > 1000);	/* the rules decided lines in both halves */
	struct linemodel *m = rules_take_model(r);

	m->one_thread = 1;
	rules_set_model(r, m);
	rules_classify_doc(r, d);
	for (size_t i = 0; i < d->nlines; i++)
		if (kinds[2 * i] != d->lines[i].kind || kinds[2 * i + 1] != line_prob(&d->lines[i]))
			fail_msg("line %zu of %zu: %d (%d) on two threads, %d (%d) on one", i,
				 d->nlines, kinds[2 * i], kinds[2 * i + 1], d->lines[i].kind,
				 line_prob(&d->lines[i]));
	for (size_t i = 0; i < d->nlines; i++)
		if (rule[i] != line_rule(&d->lines[i]))
			fail_msg("line %zu: rule %d on two threads, %d on one", i, rule[i],
				 line_rule(&d->lines[i]));
	free(rule);
	free(kinds);
	sbuf_free(&t);
	doc_free(d);
	rules_free(r);
}

/* How a line ends, down to a line that is only a closing quote of three
 * bytes (U+201D) and one of two ASCII bytes. */
static void test_line_endings(void **state)
{
	static const struct {
		const char *line;
		unsigned feat;
	} cases[] = {
		{ "The harbour wall will be rebuilt.", LF1_end_period },
		{ "Will the harbour wall be rebuilt?", LF1_end_excl_q },
		{ "The council said:", LF1_end_colon },
		{ "\xE2\x80\x9D", LF1_end_quote },
		{ "\xE2\x80\x99", LF1_end_quote },
		{ "It was \xE2\x80\x9C" "fine.\xE2\x80\x9D", LF1_end_quote },
		{ "a\"", LF1_end_quote },
		{ "Wall (pictured)", LF1_end_paren },
		{ "Harbour wall rebuilt", LF1_end_alnum },
		{ "The vote was 10 to 0", LF1_end_alnum },
		{ "The vote was 9 to 1", LF1_end_alnum },
		{ "Harbour wall, phase A", LF1_end_alnum },
		{ "Harbour wall, phase Z", LF1_end_alnum },
		{ "Harbour wall, phase z", LF1_end_alnum },
		{ "\xE2\x80\x94", LF1_end_alnum },	/* a dash: not a quote */
		{ "Harbour wall -", LF1_end_other },
	};
	char text[256];

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		snprintf(text, sizeof text, "%s\n%s\n", PARA_A, cases[i].line);
		if (!text_has(text, 1, cases[i].feat))
			fail_msg("\"%s\" lacks %s", cases[i].line, linefeat_name(cases[i].feat));
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_lexicon),
		cmocka_unit_test(test_round_trip),
		cmocka_unit_test(test_errors),
		cmocka_unit_test(test_empty_model),
		cmocka_unit_test(test_installed_model),
		cmocka_unit_test(test_rule_overrides_model),
		cmocka_unit_test(test_repetition),
		cmocka_unit_test(test_same_start),
		cmocka_unit_test(test_caption_shapes),
		cmocka_unit_test(test_tail_agency_long),
		cmocka_unit_test(test_neighbour_shapes),
		cmocka_unit_test(test_title_runs),
		cmocka_unit_test(test_own_scores),
		cmocka_unit_test(test_stage2_kinds),
		cmocka_unit_test(test_story_edges),
		cmocka_unit_test(test_dateline_len),
		cmocka_unit_test(test_trailer_quick),
		cmocka_unit_test(test_word_count),
		cmocka_unit_test(test_scan_agrees),
		cmocka_unit_test(test_long_density),
		cmocka_unit_test(test_glued_colon),
		cmocka_unit_test(test_two_threads),
		cmocka_unit_test(test_repeat_blocks),
		cmocka_unit_test(test_line_endings),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
