/* SPDX-License-Identifier: MIT */
/* test_segment.c - finding where stories start */
#include <config.h>

#include <math.h>

#include "testutil.h"
#include "segfeat.h"
#include "segment.h"
#include "seg_int.h"

/* The first physical line of every story in sl, in *n. */
static uint32_t *starts_of(const struct storylist *sl, size_t *n)
{
	uint32_t *v = calloc(sl->n + 1, sizeof *v);

	assert_non_null(v);
	for (size_t i = 0; i < sl->n; i++)
		v[i] = story_first_line(&sl->stories[i]);
	*n = sl->n;
	return v;
}

/* Assert that parsing a file of tests/data in mode gives exactly the starts
 * want (n of them). */
static void check_file(const char *name, enum seg_mode mode, const uint32_t *want,
		       size_t nwant)
{
	struct storylist sl = { 0 };
	size_t n;
	uint32_t *got;

	test_parse_file(&sl, name, mode);
	got = starts_of(&sl, &n);
	for (size_t i = 0; i < n || i < nwant; i++)
		print_message("%s: story %zu: got %u want %u\n", name, i,
			      i < n ? got[i] : 0, i < nwant ? want[i] : 0);
	assert_int_equal(n, nwant);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
	free(got);
	storylist_free(&sl);
}

/* Whether a story of sl starts at physical line l. */
static int starts_at(const struct storylist *sl, uint32_t l)
{
	for (size_t i = 0; i < sl->n; i++)
		if (story_first_line(&sl->stories[i]) == l)
			return 1;
	return 0;
}

/* A story led by a named person, whose later paragraphs all open with a
 * pronoun, connective or Mr Surname, stays one story. */
static void test_pronoun_fixture(void **state)
{
	static const uint32_t want[] = { 1, 7 };

	(void)state;
	check_file("seg_pronoun.txt", SEG_AUTO, want, 2);
}

/* A pronoun-led paragraph does not start a story. */
static void test_pronoun_line(void **state)
{
	struct storylist sl = { 0 };

	(void)state;
	test_parse_file(&sl, "seg_pronoun.txt", SEG_AUTO);
	assert_false(starts_at(&sl, 8));	/* He had stopped... */
	assert_false(starts_at(&sl, 11));	/* She told reporters... */
	assert_false(starts_at(&sl, 15));	/* They remanded him... */
	assert_false(starts_at(&sl, 10));	/* But his wife... */
	storylist_free(&sl);
}

/* A short story between two long ones on a related subject is found. */
static void test_short_between(void **state)
{
	static const uint32_t want[] = { 1, 14, 18 };

	(void)state;
	check_file("seg_short_between.txt", SEG_AUTO, want, 3);
}

/* Crossheads change the sub-topic but do not start a story. */
static void test_crosshead(void **state)
{
	static const uint32_t want[] = { 1 };

	(void)state;
	check_file("seg_crosshead.txt", SEG_AUTO, want, 1);
}

/* Form feeds separate stories, in auto and explicit modes. */
static void test_formfeed(void **state)
{
	static const uint32_t want[] = { 1, 6, 11 };

	(void)state;
	check_file("seg_formfeed.txt", SEG_AUTO, want, 3);
	check_file("seg_formfeed.txt", SEG_EXPLICIT, want, 3);
}

/* Runs of blank lines separate stories when single blanks separate
 * paragraphs. */
static void test_blanklines(void **state)
{
	static const uint32_t want[] = { 1, 10, 22 };

	(void)state;
	check_file("seg_blanklines.txt", SEG_AUTO, want, 3);
	check_file("seg_blanklines.txt", SEG_EXPLICIT, want, 3);
}

/* The bundled sample, one paragraph a line with furniture. */
static void test_sample(void **state)
{
	static const uint32_t want[] = { 1, 23, 33, 81, 86, 106, 120, 134, 154, 160 };
	const char *dir = getenv("TNEWS_DATADIR");
	char path[4096], err[256];
	struct storylist sl = { 0 };
	struct rules *r = test_rules();
	struct doc *d;
	size_t n;
	uint32_t *got;

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/sample.txt", dir);
	d = input_read(path, err, sizeof err);
	if (!d)
		fail_msg("%s: %s", path, err);
	parse_doc(&sl, d, r, SEG_AUTO);
	rules_free(r);
	got = starts_of(&sl, &n);
	for (size_t i = 0; i < n; i++)
		print_message("sample: story %zu at %u\n", i, got[i]);
	assert_int_equal(n, sizeof want / sizeof want[0]);
	for (size_t i = 0; i < n; i++)
		assert_int_equal(got[i], want[i]);
	free(got);
	storylist_free(&sl);
}

/* Whether cue f is among the cues of c. */
static int has_cue(const struct seg_cues *c, unsigned f)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->f[k].f == f)
			return 1;
	return 0;
}

/* The start cues of each paragraph of text, classified by the installed
 * rules; returns how many units, each line being one. */
static size_t cues_of(const char *text, struct seg_cues **cu)
{
	struct rules *r = test_rules();
	struct doc *d = test_doc(text, strlen(text));
	size_t n;

	rules_classify_doc(r, d);
	n = segment_unit_cues(d, cu);
	assert_int_equal(n, d->nlines);
	doc_free(d);
	rules_free(r);
	return n;
}

/* The cues of a wire story's later paragraphs: a statement attributed to
 * a pronoun ("it said", "he added") in the first sentence, "also" among
 * the first words, a quotation mark in the first sentence; and of a lede:
 * an acronym spelt out at its first mention. */
static void test_wire_cues(void **state)
{
	static const char text[] =
		"Harbourside Marine Corp posted a quarterly profit of 12 mln dlrs, up from nine mln.\n"
		"Sales climbed 14 pct to 210 mln dlrs in the quarter, it said.\n"
		"The company also said it would open two plants in the spring.\n"
		"Feed barley prices in the northern region were firm and oats were also steady.\n"
		"Its chairman said \"we are pleased\" with the results.\n"
		"The Northern Grain Authority (NGA) cut its wheat estimate by four pct.\n"
		"Board members (12) and traders (ngA) met, and it is said they agreed.\n"
		"Shares rose. He added \"the outlook is bright\" and (NGA) would act.\n";
	enum { SAID = 1, ALSO = 2, BARLEY = 3, QUOTE = 4, ACRO = 5, NOT = 6, LATER = 7 };
	struct seg_cues *cu;
	size_t n;

	(void)state;
	n = cues_of(text, &cu);
	assert_int_equal(n, 8);
	for (size_t i = 0; i < n; i++)
		print_message("unit %zu: pron_said %d also %d quote_in %d acro_def %d\n", i,
			      has_cue(&cu[i], SF_pron_said), has_cue(&cu[i], SF_also),
			      has_cue(&cu[i], SF_quote_in), has_cue(&cu[i], SF_acro_def));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(has_cue(&cu[i], SF_pron_said), i == SAID);
		assert_int_equal(has_cue(&cu[i], SF_also), i == ALSO);
		assert_int_equal(has_cue(&cu[i], SF_quote_in), i == QUOTE);
		assert_int_equal(has_cue(&cu[i], SF_acro_def), i == ACRO);
	}
	(void)BARLEY, (void)NOT, (void)LATER;
	free(cu);
}

/* The value of cue f among the cues of c, 0 if absent. */
static float cue_value(const struct seg_cues *c, unsigned f)
{
	for (size_t k = 0; k < c->n; k++)
		if (c->f[k].f == f)
			return c->f[k].v;
	return 0;
}

/* How a paragraph's words are shared with the paragraphs just before and
 * just after it (a lede shares its words with what follows, not with
 * what went before), and how many names its first sentence brings that
 * the paragraphs before did not have. */
static void test_near_cues(void **state)
{
	static const char text[] =
		"Copper smelters in Zambia raised output.\n"
		"Zambia copper smelters output raised.\n"
		"Tea growers in Kenya expect rain.\n"
		"Kenya tea growers expect rain soon.\n"
		"Nairobi Water Board chief Peter Otieno warned of drought.\n"
		"Rain fell. Later Mombasa Port Trust chairman Juma Ali spoke.\n";
	struct seg_cues *cu;

	(void)state;
	assert_int_equal(cues_of(text, &cu), 6);
	for (size_t i = 0; i < 6; i++)
		print_message("unit %zu: back %.2f fwd %.2f caps_new2 %d caps_new4 %d\n", i,
			      cue_value(&cu[i], SF_back), cue_value(&cu[i], SF_fwd),
			      has_cue(&cu[i], SF_caps_new2), has_cue(&cu[i], SF_caps_new4));
	/* all its words just before, none after */
	assert_float_equal(cue_value(&cu[1], SF_back), 0.5f, 1e-6);
	assert_float_equal(cue_value(&cu[1], SF_fwd), -0.5f, 1e-6);
	/* none before, all after */
	assert_float_equal(cue_value(&cu[2], SF_back), -0.5f, 1e-6);
	assert_float_equal(cue_value(&cu[2], SF_fwd), 0.5f, 1e-6);
	/* Copper, Zambia; Tea, Kenya: two new names each */
	assert_true(has_cue(&cu[0], SF_caps_new2) && !has_cue(&cu[0], SF_caps_new4));
	assert_true(has_cue(&cu[2], SF_caps_new2) && !has_cue(&cu[2], SF_caps_new4));
	/* Kenya was named just before */
	assert_false(has_cue(&cu[3], SF_caps_new2));
	/* Nairobi Water Board Peter Otieno */
	assert_true(has_cue(&cu[4], SF_caps_new2) && has_cue(&cu[4], SF_caps_new4));
	/* names after the first sentence do not count */
	assert_false(has_cue(&cu[5], SF_caps_new2));
	free(cu);
}

/* A blank line before a paragraph is a cue where the dump has blank
 * lines before two paragraphs or more, never where one stray blank line
 * is all there is. */
static void test_blank_cue(void **state)
{
	static const char one[] =
		"Copper smelters in Zambia raised output.\n"
		"Zambia copper smelters output raised.\n"
		"\n"
		"Tea growers in Kenya expect rain.\n"
		"Kenya tea growers expect rain soon.\n";
	static const char two[] =
		"Copper smelters in Zambia raised output.\n"
		"Zambia copper smelters output raised.\n"
		"\n"
		"Tea growers in Kenya expect rain.\n"
		"\n"
		"Kenya tea growers expect rain soon.\n";
	struct seg_cues *cu;

	(void)state;
	assert_int_equal(cues_of(one, &cu), 4);
	for (size_t i = 0; i < 4; i++)
		assert_false(has_cue(&cu[i], SF_blank_before));
	free(cu);
	assert_int_equal(cues_of(two, &cu), 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(has_cue(&cu[i], SF_blank_before), i == 2 || i == 3);
	free(cu);
}

struct acro_model;
static size_t acronym_stories_by(const struct acro_model *am, size_t *first);

/* How acronym_stories' model is set. */
struct acro_model {
	float shift, mix;	/* the move to the dump's rate, the mixture's weight in it */
	float acro;		/* the weight of an acronym spelt out */
	float prior;		/* the rate of starts the cues were learned at */
	float kappa;		/* the cost of a start */
	int only;		/* the other cues weigh nothing */
	float recal;		/* the move to the odds of the dump's two components */
};

/* Stories of a dump whose ledes spell out an acronym, split by a model
 * that knows only that cue (trained where one unit in twenty starts a
 * story) and a fixed cost of a start; with the rate moved to the dump's
 * own (shift) or not. */
static size_t acronym_stories(float shift, size_t *first)
{
	struct acro_model am = { shift, 0, 9.5f, 0.05f, 2, 0, 0 };

	return acronym_stories_by(&am, first);
}

/* The same with the model am. */
static size_t acronym_stories_by(const struct acro_model *am, size_t *first)
{
	static const char text[] =
		"The Lakeside Port Authority (LPA) opened a new grain terminal on Monday.\n"
		"The terminal can load two ships at once.\n"
		"Dock workers welcomed the investment.\n"
		"The Western Dairy Board (WDB) raised its milk price by two pct.\n"
		"Farmers had asked for a larger rise.\n"
		"The increase applies from next month.\n"
		"The Coastal Freight Union (CFU) called a one-day strike at three ports.\n"
		"Talks with employers broke down last week.\n"
		"Ferry services will not be affected.\n"
		"The National Seed Council (NSC) cut its forecast for the maize harvest.\n"
		"Dry weather in the spring was blamed.\n"
		"Imports are likely to rise.\n";
	struct rules *r = test_rules();
	struct doc *d = test_doc(text, sizeof text - 1);
	struct seg_start *st;
	size_t n;

	rules_classify_doc(r, d);
	assert_non_null(d->seg);
	segmodel_defaults(d->seg);
	d->seg->has_weights = d->seg->has_params = 1;
	if (am->only)
		memset(d->seg->w, 0, sizeof d->seg->w);
	d->seg->w[SF_bias] = -8;
	d->seg->w[SF_acro_def] = am->acro;	/* 9.5: a lede's log-odds 1.5 */
	d->seg->p[SP_prior] = am->prior;
	d->seg->p[SP_beta] = 0;		/* the words do not count */
	d->seg->p[SP_gamma] = 0;	/* a start costs kappa whatever the length */
	d->seg->p[SP_kappa] = am->kappa;
	d->seg->p[SP_cue] = 1;
	d->seg->p[SP_cut] = -20;
	d->seg->p[SP_est] = 0;
	d->seg->p[SP_shift] = am->shift;
	d->seg->p[SP_mix] = am->mix;
	d->seg->p[SP_recal] = am->recal;
	n = segment_doc(d, SEG_AUTO, &st);
	for (size_t i = 0; i < n && i < 4; i++)
		first[i] = st[i].line;
	free(st);
	doc_free(d);
	rules_free(r);
	return n;
}

/* The cost of a start follows the dump's own rate of starts: a lede cue
 * too weak to start a story where one unit in twenty starts one does
 * start one in a dump where every third unit is a lede (short wire
 * stories back to back). */
static void test_rate_shift(void **state)
{
	size_t first[4] = { 0 };

	(void)state;
	assert_int_equal(acronym_stories(0, first), 1);
	assert_int_equal(acronym_stories(1, first), 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(first[i], 3 * i);
}

/* Where the cues rank ledes above the rest but put them far too low for
 * this kind of dump (log-odds -3 where one unit in a hundred was a start
 * when they were learned, the rest -8), the posteriors' rate (mix 0)
 * settles near 0.09 and no lede clears the cost; the rate of the upper
 * mode of the cues' scores, 3 units in 11, moves them above it. */
static void test_rate_mixture(void **state)
{
	struct acro_model am = { 1, 0, 5, 0.01f, 0, 1, 0 };
	size_t first[4] = { 0 };

	(void)state;
	assert_int_equal(acronym_stories_by(&am, first), 1);
	am.mix = 1;
	assert_int_equal(acronym_stories_by(&am, first), 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(first[i], 3 * i);
	am.mix = 0.2f;	/* a fifth of the way from the posteriors' rate: too little */
	assert_int_equal(acronym_stories_by(&am, first), 1);
}

/* The names of the cues and parameters (as the model file writes them):
 * each in range has one, none past the last, and the open-word cues are
 * numbered. */
static void test_cue_names(void **state)
{
	(void)state;
	for (unsigned p = 0; p < SP_COUNT; p++)
		assert_non_null(segparam_name(p));
	assert_string_equal(segparam_name(SP_cut), "cut");
	assert_null(segparam_name(SP_COUNT));
	for (unsigned f = 0; f < SF_COUNT; f++)
		assert_non_null(segfeat_name(f));
	assert_null(segfeat_name(SF_COUNT));
	assert_string_equal(segfeat_name(SF_OPEN1), "o1_0");
	assert_string_equal(segfeat_name(SF_OPEN2 + 1), "o2_1");
}

/* A story longer than the segmenter's reach (SEG_MAX_TOKENS content
 * words) with no unit above the cut inside it does not undo the dump's
 * other splits: its ledes stay starts (before, no split scored at the
 * dump's end and the whole dump became one story). */
static void test_long_story_reach(void **state)
{
	static const char *const ledes[] = {
		"The Lakeside Port Authority (LPA) opened a new grain terminal on Monday.\n",
		"The Western Dairy Board (WDB) raised its milk price by two pct.\n",
		"The Coastal Freight Union (CFU) called a one-day strike at three ports.\n",
		"The National Seed Council (NSC) cut its forecast for the maize harvest.\n",
	};
	struct sbuf b = { 0 };
	size_t want[4], line = 0;

	(void)state;
	for (size_t k = 0; k < 4; k++) {
		want[k] = line;
		sbuf_add(&b, ledes[k], strlen(ledes[k]));
		line++;
		/* the last story runs to 300 lines of ten content words each */
		for (size_t i = 0; i < (k == 3 ? 300u : 3u); i++, line++) {
			char t[160];
			int n = snprintf(t, sizeof t, "Engineers inspected harbour cranes, pylons, "
					 "bridges, quays and depots near Riverton %zu times.\n", i);

			sbuf_add(&b, t, (size_t)n);
		}
	}
	struct rules *r = test_rules();
	struct doc *d = test_doc(b.p, b.n);
	struct seg_start *st;

	rules_classify_doc(r, d);
	segmodel_defaults(d->seg);
	d->seg->has_weights = d->seg->has_params = 1;
	memset(d->seg->w, 0, sizeof d->seg->w);
	d->seg->w[SF_bias] = -8;
	d->seg->w[SF_acro_def] = 9.5f;	/* a lede's log-odds 1.5, the rest -8 */
	d->seg->p[SP_beta] = 0;
	d->seg->p[SP_gamma] = 0;
	d->seg->p[SP_kappa] = 1;
	d->seg->p[SP_cue] = 1;
	d->seg->p[SP_cut] = -5;		/* only the ledes are candidates */
	d->seg->p[SP_est] = d->seg->p[SP_shift] = d->seg->p[SP_mix] = d->seg->p[SP_recal] = 0;
	size_t n = segment_doc(d, SEG_AUTO, &st);

	assert_true(n >= 4);
	for (size_t k = 0; k < 4; k++) {
		size_t j = 0;

		while (j < n && st[j].line != want[k])
			j++;
		assert_true(j < n);
	}
	free(st);
	doc_free(d);
	rules_free(r);
	sbuf_free(&b);
}

/* Where the ledes stand well apart from the other units but a start
 * costs more than even the dump's own rate of starts lifts them over
 * (kappa 6), moving each cue to the odds of the dump's upper mode over
 * its lower (recal) splits the dump at its ledes; a tenth of the way is
 * too little. */
static void test_recalibrate(void **state)
{
	struct acro_model am = { 1, 1, 5, 0.01f, 6, 1, 0 };
	size_t first[4] = { 0 };

	(void)state;
	assert_int_equal(acronym_stories_by(&am, first), 1);
	am.recal = 1;
	assert_int_equal(acronym_stories_by(&am, first), 4);
	for (size_t i = 0; i < 4; i++)
		assert_int_equal(first[i], 3 * i);
	am.recal = 0.1f;
	assert_int_equal(acronym_stories_by(&am, first), 1);
}

/* The cues of a wire lede that names its source: "said" early after a
 * name new to the context ("Kestrel Mining Inc said"), and a first
 * sentence that ends attributed to someone named after its last comma,
 * new to the context (attr_new: "..., the Harbour Grain Board said.") or
 * not (attr_old: "..., the board said.", a name just seen); "..., he
 * said." and a later sentence's attribution are neither. */
static void test_attribution_cues(void **state)
{
	static const char text[] =
		"Oat exports rose to 40,000 tonnes in May, the Harbour Grain Board said.\n"
		"Most of the oats went to coastal mills, the board said.\n"
		"Kestrel Mining Inc said it would close two pits near Dunmore in the spring.\n"
		"Kestrel said the pits had lost money for three years, a spokesman for Kestrel said.\n"
		"The pits employ 400 people, he said.\n"
		"Output fell in the first quarter. Prices rose by four pct in April, the Upland Ore Council said.\n";
	enum { NEW = 0, OLD = 1, SAID = 2, SAID_OLD = 3 };
	struct seg_cues *cu;
	size_t n;

	(void)state;
	n = cues_of(text, &cu);
	assert_int_equal(n, 6);
	for (size_t i = 0; i < n; i++)
		print_message("unit %zu: said_new %d attr_new %d attr_old %d\n", i,
			      has_cue(&cu[i], SF_said_new), has_cue(&cu[i], SF_attr_new),
			      has_cue(&cu[i], SF_attr_old));
	for (size_t i = 0; i < n; i++) {
		assert_int_equal(has_cue(&cu[i], SF_said_new), i == SAID);
		assert_int_equal(has_cue(&cu[i], SF_attr_new), i == NEW);
		assert_int_equal(has_cue(&cu[i], SF_attr_old), i == OLD || i == SAID_OLD);
	}
	free(cu);
}

/* Explicit mode does not look at the text: a stream without form feeds
 * or blank lines is one story; mode none gives one story per file even
 * with form feeds. */
static void test_modes(void **state)
{
	static const uint32_t one[] = { 1 };

	(void)state;
	check_file("seg_pronoun.txt", SEG_EXPLICIT, one, 1);
	check_file("seg_short_between.txt", SEG_EXPLICIT, one, 1);
	check_file("seg_formfeed.txt", SEG_NONE, one, 1);
	check_file("seg_blanklines.txt", SEG_NONE, one, 1);
}

/* Mode names go both ways. */
static void test_mode_names(void **state)
{
	(void)state;
	for (int m = 0; m < SEG_NMODES; m++)
		assert_int_equal(segment_mode_parse(segment_mode_name(m)), m);
	assert_int_equal(segment_mode_parse("auto"), SEG_AUTO);
	assert_int_equal(segment_mode_parse("explicit"), SEG_EXPLICIT);
	assert_int_equal(segment_mode_parse("none"), SEG_NONE);
	assert_int_equal(segment_mode_parse("bogus"), -1);
}

/* Every start is a paragraph, the first at line 0, in order; starts found
 * from the text say so. */
static void check_invariants(const struct doc *d, const struct seg_start *s, size_t n)
{
	assert_true(n >= 1);
	assert_int_equal(s[0].line, 0);
	for (size_t i = 1; i < n; i++) {
		assert_true(s[i].line > s[i - 1].line);
		assert_true(s[i].line < d->nlines);
		assert_int_equal(d->lines[s[i].line].kind, LK_PARAGRAPH);
		assert_non_null(s[i].why);
	}
}

/* Segment a string classified with the installed rules. */
static size_t segment_string(const char *text, enum seg_mode mode, struct doc **dp,
			     struct seg_start **out)
{
	struct rules *r = test_rules();
	struct doc *d = test_doc(text, strlen(text));
	size_t n;

	rules_classify_doc(r, d);
	rules_free(r);
	n = segment_doc(d, mode, out);
	*dp = d;
	return n;
}

/* An empty document has no stories; a one-line document has one. */
static void test_empty_and_one(void **state)
{
	struct seg_start *s = NULL;
	struct doc *d;
	size_t n;

	(void)state;
	n = segment_string("", SEG_AUTO, &d, &s);
	assert_int_equal(n, 0);
	free(s);
	doc_free(d);
	n = segment_string("\n\n\n", SEG_AUTO, &d, &s);
	assert_int_equal(n, 0);
	free(s);
	doc_free(d);
	n = segment_string("A single paragraph has been written, officials have said.",
			   SEG_AUTO, &d, &s);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].line, 0);
	free(s);
	doc_free(d);
}

/* A document of stripped lines only is one story. */
static void test_all_stripped(void **state)
{
	struct seg_start *s = NULL;
	struct doc *d;
	size_t n;

	(void)state;
	n = segment_string("Related Topics:\nPic: Reuters\nRelated Topics:\n"
			   "Image: A man in a field.\nPic: Getty Images\n", SEG_AUTO, &d, &s);
	for (size_t i = 0; i < d->nlines; i++)
		assert_int_not_equal(d->lines[i].kind, LK_PARAGRAPH);
	assert_int_equal(n, 1);
	assert_int_equal(s[0].line, 0);
	free(s);
	doc_free(d);
}

/* Ten thousand copies of one sentence: no crash, valid starts, and not a
 * story per line. */
static void test_repeated_sentence(void **state)
{
	static const char line[] = "The council has approved a plan for the new bridge.\n";
	size_t len = strlen(line), total = 10000 * len;
	char *text = malloc(total + 1);
	struct seg_start *s = NULL;
	struct doc *d;
	size_t n;

	(void)state;
	assert_non_null(text);
	for (size_t i = 0; i < 10000; i++)
		memcpy(text + i * len, line, len);
	text[total] = '\0';
	n = segment_string(text, SEG_AUTO, &d, &s);
	assert_int_equal(d->nlines, 10000);
	check_invariants(d, s, n);
	assert_true(n < 1000);
	free(s);
	doc_free(d);
	free(text);
}

/* Starts found from the text are paragraphs, never stripped lines, and
 * are marked as found from the text. */
static void test_starts_are_paragraphs(void **state)
{
	struct seg_start *s = NULL;
	struct doc *d;
	struct rules *r = test_rules();
	const char *dir = getenv("TESTDATA");
	char path[4096], err[256];
	size_t n;

	(void)state;
	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/seg_short_between.txt", dir);
	d = input_read(path, err, sizeof err);
	assert_non_null(d);
	rules_classify_doc(r, d);
	rules_free(r);
	n = segment_doc(d, SEG_AUTO, &s);
	check_invariants(d, s, n);
	assert_true(n > 1);
	for (size_t i = 1; i < n; i++)
		assert_string_equal(s[i].why, "text");
	free(s);
	doc_free(d);
}

/* ---- Stepwise parsing ---- */

/* The whole of a file, NUL-terminated, in *n bytes. */
static char *slurp(const char *dir, const char *name, size_t *n)
{
	char path[4096];
	FILE *f;
	char *buf;
	long len;

	assert_non_null(dir);
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "rb");
	if (!f)
		fail_msg("%s: cannot open", path);
	assert_int_equal(fseek(f, 0, SEEK_END), 0);
	len = ftell(f);
	assert_true(len >= 0);
	rewind(f);
	buf = malloc((size_t)len + 1);
	assert_non_null(buf);
	assert_int_equal(fread(buf, 1, (size_t)len, f), (size_t)len);
	fclose(f);
	buf[len] = '\0';
	*n = (size_t)len;
	return buf;
}

/* The stories of sl (of one document) cover its lines exactly once, in
 * order: each non-blank line is in one story. */
static void check_cover(const struct storylist *sl, const struct doc *d)
{
	size_t next = 0;

	for (size_t i = 0; i < sl->n; i++) {
		assert_ptr_equal(sl->stories[i].doc, d);
		assert_int_equal(sl->stories[i].first, next);
		assert_true(sl->stories[i].count > 0);
		next += sl->stories[i].count;
	}
	assert_int_equal(next, d->nlines);
}

/* Parse bytes both ways in mode; assert the same stories, that steps only
 * append, and that they cover every line once.  Returns the number of
 * steps, and the stepwise parse in *out. */
static size_t check_stepwise(const char *bytes, size_t n, enum seg_mode mode,
			     struct storylist *out)
{
	struct storylist one = { 0 };
	struct rules *r = test_rules();
	struct doc *d = test_doc(bytes, n);
	struct parser *p;
	size_t steps = 0, seen = 0;
	int done;

	parse_doc(&one, test_doc(bytes, n), r, mode);
	memset(out, 0, sizeof *out);
	p = parse_begin(out, d, r, mode);
	do {
		done = parse_step(p);
		steps++;
		/* earlier stories are untouched; the new ones follow on */
		for (size_t i = 0; i < out->n; i++) {
			assert_true(i < one.n);
			assert_int_equal(out->stories[i].first, one.stories[i].first);
			assert_int_equal(out->stories[i].count, one.stories[i].count);
			assert_non_null(out->stories[i].title);
		}
		assert_true(out->n >= seen);
		seen = out->n;
	} while (!done);
	assert_int_equal(parse_step(p), 1);	/* done stays done */
	assert_int_equal(out->n, seen);
	parse_end(p);
	assert_int_equal(out->n, one.n);
	for (size_t i = 0; i < one.n; i++) {
		assert_int_equal(out->stories[i].words, one.stories[i].words);
		assert_string_equal(out->stories[i].title, one.stories[i].title);
	}
	if (d->nlines)
		check_cover(out, d);
	else
		assert_int_equal(out->n, 0);
	storylist_free(&one);
	rules_free(r);
	return steps;
}

/* The fixtures and the sample parse alike in steps and at once, in every
 * mode. */
static void test_stepwise_fixtures(void **state)
{
	static const char *const names[] = {
		"seg_pronoun.txt", "seg_short_between.txt", "seg_crosshead.txt",
		"seg_formfeed.txt", "seg_blanklines.txt", "search.txt", "escapes.txt",
	};

	(void)state;
	for (size_t i = 0; i <= sizeof names / sizeof names[0]; i++) {
		size_t n;
		char *text = i < sizeof names / sizeof names[0]
			     ? slurp(getenv("TESTDATA"), names[i], &n)
			     : slurp(getenv("TNEWS_DATADIR"), "sample.txt", &n);

		for (int m = 0; m < SEG_NMODES; m++) {
			struct storylist sl = { 0 };

			assert_int_equal(check_stepwise(text, n, (enum seg_mode)m, &sl), 1);
			storylist_free(&sl);
		}
		free(text);
	}
}

/* An empty document, one of blank lines and one of stripped lines only. */
static void test_stepwise_degenerate(void **state)
{
	static const char stripped[] = "Related Topics:\nPic: Reuters\nAdvertisement\n"
				       "Image: A man in a field.\nPic: Getty Images\n";
	struct storylist sl;

	(void)state;
	check_stepwise("", 0, SEG_AUTO, &sl);
	assert_int_equal(sl.n, 0);
	storylist_free(&sl);
	check_stepwise("\n\n\n", 3, SEG_AUTO, &sl);
	assert_int_equal(sl.n, 0);
	storylist_free(&sl);
	for (int m = 0; m < SEG_NMODES; m++) {
		check_stepwise(stripped, strlen(stripped), (enum seg_mode)m, &sl);
		assert_int_equal(sl.n, 1);
		assert_int_equal(sl.stories[0].count, 5);
		storylist_free(&sl);
	}
}

/* n copies of text (len bytes), each ended by a newline. */
static char *repeat(const char *text, size_t len, size_t copies, size_t *n)
{
	char *buf = malloc(copies * (len + 1) + 1);

	assert_non_null(buf);
	for (size_t i = 0; i < copies; i++) {
		memcpy(buf + i * (len + 1), text, len);
		buf[i * (len + 1) + len] = '\n';
	}
	*n = copies * (len + 1);
	buf[*n] = '\0';
	return buf;
}

/* A long document of the fixtures and the sample, over several windows:
 * the same stories in steps and at once, every line once. */
static void test_stepwise_long(void **state)
{
	static const char *const names[] = {
		"seg_pronoun.txt", "seg_short_between.txt", "seg_crosshead.txt",
	};
	struct sbuf one = { 0 };
	struct storylist sl;
	size_t n, steps;
	char *text;

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		text = slurp(getenv("TESTDATA"), names[i], &n);
		sbuf_add(&one, text, n);
		free(text);
	}
	text = slurp(getenv("TNEWS_DATADIR"), "sample.txt", &n);
	sbuf_add(&one, text, n);
	free(text);
	text = repeat(one.p, one.n, 330, &n);
	steps = check_stepwise(text, n, SEG_AUTO, &sl);
	print_message("long: %zu lines, %zu stories, %zu steps\n",
		      sl.docs[0]->nlines, sl.n, steps);
	assert_true(steps >= 3);
	assert_true(sl.n > 330 * 10);
	storylist_free(&sl);
	free(text);
	sbuf_free(&one);
}

/* Many copies of the sample, over several windows: every copy, those
 * across a window's edge too, is split as the first copy is, and that has
 * every start of the sample alone, so no story is cut by the edge of a
 * window. */
static void test_stepwise_edges(void **state)
{
	static const uint32_t want[] = { 1, 23, 33, 81, 86, 106, 120, 134, 154, 160 };
	const size_t nwant = sizeof want / sizeof want[0], copies = 450;
	struct storylist sl;
	struct doc *d;
	size_t n, len, lines, units = 0, edge_inside = 0;
	char *one = slurp(getenv("TNEWS_DATADIR"), "sample.txt", &len);
	char *text = repeat(one, len, copies, &n);
	uint32_t phys;

	(void)state;
	assert_true(check_stepwise(text, n, SEG_AUTO, &sl) >= 3);
	d = sl.docs[0];
	lines = d->nlines / copies;
	phys = doc_lineno(d, lines) - 1;	/* physical lines per copy */
	assert_int_equal(d->nlines, lines * copies);
	/* the first copy's starts: each of the sample's among them */
	size_t per = 0, w = 0;

	while (per < sl.n && story_first_line(&sl.stories[per]) <= phys)
		per++;
	for (size_t k = 0; k < per; k++)
		if (w < nwant && story_first_line(&sl.stories[k]) == want[w])
			w++;
	assert_int_equal(w, nwant);
	assert_int_equal(sl.n, per * copies);
	for (size_t i = 0; i < sl.n; i++) {
		uint32_t at = story_first_line(&sl.stories[i]);

		assert_int_equal(at - (uint32_t)(i / per) * phys,
				 story_first_line(&sl.stories[i % per]));
	}
	/* the first window ends at the 20,000th paragraph: inside a story */
	for (size_t i = 0; i < d->nlines; i++) {
		if (d->lines[i].kind != LK_PARAGRAPH || units++ != 20000)
			continue;
		for (size_t k = 0; k < sl.n; k++)
			if (sl.stories[k].first < i &&
			    i < sl.stories[k].first + sl.stories[k].count)
				edge_inside = 1;
	}
	assert_true(edge_inside);
	storylist_free(&sl);
	free(text);
	free(one);
}

/* The sample with one blank line inserted anywhere: still its own ten
 * stories (a stray blank line is no story structure), at the same places. */
static void test_stray_blank_line(void **state)
{
	static const uint32_t want[] = { 1, 23, 33, 81, 86, 106, 120, 134, 154, 160 };
	const size_t nwant = sizeof want / sizeof want[0];
	size_t len;
	char *one = slurp(getenv("TNEWS_DATADIR"), "sample.txt", &len);
	size_t lineno = 1;

	(void)state;
	for (size_t at = 0; at < len; at++) {
		if (one[at] != '\n')
			continue;
		lineno++;	/* the blank line goes before physical line lineno */
		struct sbuf t = { 0 };
		struct storylist sl = { 0 };

		sbuf_add(&t, one, at + 1);
		sbuf_addc(&t, '\n');
		sbuf_add(&t, one + at + 1, len - at - 1);
		test_parse(&sl, t.p, t.n, SEG_AUTO);
		if (sl.n != nwant)
			fail_msg("blank line before line %zu: %zu stories", lineno, sl.n);
		for (size_t k = 0; k < nwant; k++) {
			uint32_t w = want[k] >= lineno ? want[k] + 1 : want[k];

			if (story_first_line(&sl.stories[k]) != w)
				fail_msg("blank line before line %zu: story %zu at %u, want %u", lineno,
					 k + 1, story_first_line(&sl.stories[k]), w);
		}
		storylist_free(&sl);
		sbuf_free(&t);
	}
	free(one);
}

/* The byte offset of the start of physical line ln (1-based) in t. */
static size_t line_offset(const char *t, size_t n, uint32_t ln)
{
	size_t o = 0;

	for (uint32_t l = 1; l < ln && o < n; o++)
		if (t[o] == '\n')
			l++;
	return o;
}

/* Unsegmented (--segment=none), a dump read on as it grows stays one
 * story, which takes in the new lines: the append gives back that one
 * story, parsed again, covering the whole dump. */
static void test_append_one(void **state)
{
	static const char head[] =
		"The harbour wall at Porthmellin will be rebuilt over the winter, the council said.\n\n"
		"Engineers say the new wall will stand a metre higher than the old one.\n";
	static const char more[] =
		"\nFishermen welcomed the decision, which ends a year of landing at Newlyn.\n\n"
		"The work is due to start in October and to finish by the spring.\n";
	struct storylist sl = { 0 };
	struct rules *r = test_rules();
	size_t first = 99, lines = 0;
	struct doc *d = test_doc(head, sizeof head - 1);

	(void)state;
	parse_doc(&sl, d, r, SEG_NONE);
	assert_int_equal(sl.n, 1);
	assert_int_equal(sl.stories[0].count, 2);
	assert_int_equal(input_append(d, more, sizeof more - 1), 0);
	assert_int_equal(d->nlines, 4);
	assert_int_equal(parse_append(&sl, d, r, SEG_NONE, &first, &lines), 1);
	assert_int_equal(first, 0);
	assert_int_equal(sl.n, 1);
	assert_int_equal(sl.stories[0].first, 0);
	assert_int_equal(sl.stories[0].count, 4);
	storylist_free(&sl);
	rules_free(r);
}

/* Appending to a dump (as a scraper does while tnews follows it): only
 * its last story and the new text are parsed again; the stories before
 * are the same objects, untouched; the result is the whole dump's. */
static void test_append(void **state)
{
	static const uint32_t want[] = { 1, 23, 33, 81, 86, 106, 120, 134, 154, 160 };
	struct storylist sl = { 0 };
	struct rules *r = test_rules();
	size_t n, cut, first = 99, lines = 0, ns;
	char *text = slurp(getenv("TNEWS_DATADIR"), "sample.txt", &n);
	struct doc *d, *whole;
	char *titles[10];
	uint32_t starts[10];
	size_t before;

	(void)state;
	text = realloc(text, n + 2);		/* appends are whole lines */
	assert_non_null(text);
	if (n && text[n - 1] != '\n')
		text[n++] = '\n';
	cut = line_offset(text, n, 125);	/* inside the story at line 120 */
	d = test_doc(text, cut);
	parse_doc(&sl, d, r, SEG_AUTO);
	before = sl.n;
	assert_true(before >= 7 && before <= 10);
	assert_int_equal(story_first_line(&sl.stories[before - 1]), 120);
	for (size_t i = 0; i < before; i++) {
		titles[i] = sl.stories[i].title;
		starts[i] = story_first_line(&sl.stories[i]);
	}
	assert_int_equal(input_append(d, text + cut, n - cut), 0);
	ns = parse_append(&sl, d, r, SEG_AUTO, &first, &lines);
	assert_int_equal(first, before - 1);	/* the last story continued */
	assert_true(ns >= 4);
	assert_int_equal(sl.n, before - 1 + ns);
	for (size_t i = 0; i + 1 < before; i++) {	/* not made again */
		assert_ptr_equal(sl.stories[i].title, titles[i]);
		assert_int_equal(story_first_line(&sl.stories[i]), starts[i]);
	}
	/* the story continued starts where it did, the stories after it
	 * are found (the whole dump's starts among them), and together
	 * they cover the rest of the dump */
	assert_int_equal(story_first_line(&sl.stories[before - 1]), 120);
	for (size_t w = 7, i = before; w < 10; w++) {
		while (i < sl.n && story_first_line(&sl.stories[i]) < want[w])
			i++;
		assert_true(i < sl.n);
		assert_int_equal(story_first_line(&sl.stories[i]), want[w]);
	}
	for (size_t i = before; i < sl.n; i++)
		assert_int_equal(sl.stories[i].first,
				 sl.stories[i - 1].first + sl.stories[i - 1].count);
	assert_int_equal(sl.stories[sl.n - 1].first + sl.stories[sl.n - 1].count, d->nlines);
	/* the parse work: the last story's lines and the new ones only */
	assert_int_equal(lines, d->nlines - sl.stories[before - 2].first);
	assert_true(lines * 2 < d->nlines);
	/* the lines are those of the dump read whole */
	whole = test_doc(text, n);
	assert_int_equal(d->nlines, whole->nlines);
	assert_int_equal(d->nphys, whole->nphys);
	assert_int_equal(d->len, whole->len);
	assert_memory_equal(d->text, whole->text, d->len);
	for (size_t i = 0; i < d->nlines; i++) {
		assert_int_equal(d->lines[i].off, whole->lines[i].off);
		assert_int_equal(d->lines[i].len, whole->lines[i].len);
		assert_int_equal(doc_lineno(d, i), doc_lineno(whole, i));
		assert_int_equal(d->lines[i].blanks, whole->lines[i].blanks);
		assert_int_equal(d->lines[i].flags & LF_FORMFEED, whole->lines[i].flags & LF_FORMFEED);
	}
	doc_free(whole);
	storylist_free(&sl);
	rules_free(r);
	free(text);
}

/* Appended bytes are sanitised as a file read whole is; a form feed and
 * blank lines before the append carry over to its first line; text not
 * ending a line is refused. */
static void test_append_bytes(void **state)
{
	static const char a[] = "First story line.\n\n\f\n\n";
	static const char b[] = "Second \x1b[31m story\r\nthird\xff line\n";
	char all[128];
	struct doc *d = test_doc(a, sizeof a - 1), *whole;

	(void)state;
	snprintf(all, sizeof all, "%s%s", a, b);
	whole = test_doc(all, strlen(all));
	assert_int_equal(input_append(d, "partial", 7), -1);
	assert_int_equal(d->nlines, 1);
	assert_int_equal(input_append(d, b, sizeof b - 1), 0);
	assert_int_equal(d->nlines, whole->nlines);
	assert_int_equal(d->len, whole->len);
	assert_memory_equal(d->text, whole->text, d->len);
	assert_null(memchr(d->text, 0x1b, d->len));
	for (size_t i = 0; i < d->nlines; i++) {
		assert_int_equal(doc_lineno(d, i), doc_lineno(whole, i));
		assert_int_equal(d->lines[i].blanks, whole->lines[i].blanks);
		assert_int_equal(d->lines[i].flags, whole->lines[i].flags);
	}
	assert_true(d->lines[1].flags & LF_FORMFEED);
	assert_int_equal(d->lines[1].blanks, 3);
	doc_free(d);
	doc_free(whole);
}

/* The word lists' hash sets agree with comparing word by word: every
 * word of every list is in it, and its prefixes, its extensions, the word
 * with a letter changed or in capitals, and the other lists' words give
 * the same answer both ways. */
static void test_word_lists(void **state)
{
	static const char *const *const lists[] = {
		seg_stop_words_open, seg_connectives, seg_pronouns, seg_titles,
		seg_participles, seg_to_words, seg_reporting, seg_companies,
		seg_attributing, seg_subject_pronouns, seg_days,
	};
	size_t nl = sizeof lists / sizeof lists[0], found = 0, words = 0;

	(void)state;
	for (size_t a = 0; a < nl; a++)
		for (size_t i = 0; lists[a][i]; i++) {
			const char *w = lists[a][i];
			size_t n = strlen(w);
			char v[64];

			assert_true(n + 2 < sizeof v);
			words++;
			assert_true(seg_in_list(lists[a], w, n));
			for (size_t b = 0; b < nl; b++) {
				/* the word, its prefixes and the word and one more byte */
				memcpy(v, w, n);
				v[n] = 's';
				for (size_t m = 0; m <= n + 1; m++) {
					int in = seg_in_list(lists[b], v, m);

					assert_int_equal(in, seg_in_list_linear(lists[b], v, m));
					found += in;
				}
				v[n / 2] ^= 0x20;	/* a letter in the other case */
				assert_int_equal(seg_in_list(lists[b], v, n),
						 seg_in_list_linear(lists[b], v, n));
			}
		}
	assert_true(found >= words);	/* each word at least in its own list */
	assert_false(seg_in_list(seg_days, "", 0));
	assert_false(seg_in_list(seg_days, "monda", 5));
	assert_false(seg_in_list(seg_days, "mondays", 7));
	assert_true(seg_in_list(seg_days, "sunday, ", 6));
	char long_word[80];	/* longer than any word of a list */

	memset(long_word, 'a', sizeof long_word);
	assert_false(seg_in_list(seg_stop_words_open, long_word, sizeof long_word));
}

/* Word shapes: a plural loses its s but a three-letter word keeps it, and
 * currency signs (U+20A0 on) separate words as other punctuation does. */
static void test_word_shapes(void **state)
{
	char w[16];

	(void)state;
	memcpy(w, "boats", 5);
	assert_int_equal(seg_stem(w, 5), 4);
	memcpy(w, "gas", 3);
	assert_int_equal(seg_stem(w, 3), 3);
	memcpy(w, "bus", 3);
	assert_int_equal(seg_stem(w, 3), 3);
	assert_int_equal(seg_sep_len((const unsigned char *)"\xE2\x82\xAC" "5", 4), 3);	/* euro */
	assert_int_equal(seg_sep_len((const unsigned char *)"\xE2\x80\x94", 3), 3);	/* dash */
	assert_int_equal(seg_sep_len((const unsigned char *)"\xE2\x83\x90", 3), 0);
	assert_int_equal(seg_sep_len((const unsigned char *)"a", 1), 0);
}

/* The candidate scan's counting: the sum seg_count_logs makes two words
 * a turn is the one of adding, word by word and in order, the log table's
 * entry at the count each word has so far, bit for bit, on random
 * stories of few or many distinct words, with the counts carried from
 * one call to the next as the scan does unit by unit. */
static void test_count_logs(void **state)
{
	enum { IDS = 64, WORDS = 300 };
	uint32_t t[WORDS], cell[IDS], plain[IDS];
	double logc[WORDS + 1];
	unsigned seed = 12345;

	(void)state;
	for (size_t c = 0; c <= WORDS; c++)
		logc[c] = log(c + 0.13);
	for (int round = 0; round < 200; round++) {
		size_t ids = 1 + (size_t)round % IDS, at = 0;
		double num = 0, want = 0;

		memset(cell, 0, sizeof cell);
		memset(plain, 0, sizeof plain);
		for (size_t k = 0; k < WORDS; k++) {
			seed = seed * 1103515245u + 12345u;
			t[k] = (seed >> 16) % ids;
		}
		while (at < WORDS) {	/* units of 0 to 9 words */
			seed = seed * 1103515245u + 12345u;
			size_t n = (seed >> 16) % 10;

			n = n > WORDS - at ? WORDS - at : n;
			num = seg_count_logs(t + at, n, cell, logc, num);
			for (size_t k = at; k < at + n; k++)
				want += logc[plain[t[k]]++];
			assert_true(num == want);
			at += n;
		}
		assert_memory_equal(cell, plain, sizeof cell);
	}
}

/* seg_redo's choice of an end's best start: seg_first_best gives the
 * index and score of adding the pairs one at a time and keeping the
 * first strictly better, on random runs of 0 to 40 pairs whose scores
 * are often equal (the earliest of equal bests wins, in whichever of the
 * two- or four-at-a-time lanes it falls) or all at or below the floor. */
static void test_first_best(void **state)
{
	enum { MAX = 40 };
	double b[MAX], g[MAX];
	float s[MAX];
	unsigned seed = 4242;

	(void)state;
	for (int round = 0; round < 3000; round++) {
		seed = seed * 1103515245u + 12345u;
		size_t n = (seed >> 16) % (MAX + 1);
		double floor = round % 3 == 0 ? 1.0 : -1e300, top = floor, want = floor;
		size_t at = n;

		for (size_t t = 0; t < n; t++) {
			seed = seed * 1103515245u + 12345u;
			b[t] = (double)((seed >> 16) % 3) * 0.5;
			s[t] = (float)((seed >> 20) % 3) * 0.25f;
			g[t] = (seed >> 24) % 2 ? 0.0 : -0.25;
		}
		for (size_t t = 0; t < n; t++) {
			double sc = b[t] + s[t] + g[t];

			if (sc > want) {
				want = sc;
				at = t;
			}
		}
		for (int wide = 0; wide < 2; wide++) {
			top = floor;
			assert_int_equal(seg_first_best(b, s, g, n, &top, wide), at);
			assert_true(top == want);
		}
	}
}

/* The word reader's ASCII shortcut reads every word as reading it byte
 * by byte does (the same bytes, hash, letters, capitals and end), on
 * random text of letters, digits, spaces, punctuation, accented letters,
 * dashes and words longer than SEG_WORDMAX. */
static void test_read_word(void **state)
{
	static const char *const pieces[] = {
		"a", "Z", "q", "7", "0", "NATO", "said", " ", ".", "(", ")", "-",
		"\xC3\xA9", "\xC3\x89", "\xE2\x80\x94", "\xC2\xA0", "\xE2\x82\xAC",
		"\xF0\x9F\x98\x80", "Abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP",
		"abcdefghijklmnopqrstuvwxyz0123456789abcdefghijklmnop\xC3\xA9z",
		"\xC3",
	};
	size_t npieces = sizeof pieces / sizeof pieces[0], words = 0;
	unsigned seed = 777;
	unsigned char text[600];

	(void)state;
	for (int round = 0; round < 300; round++) {
		size_t n = 0;

		while (n < sizeof text - 64) {
			seed = seed * 1103515245u + 12345u;
			const char *pc = pieces[(seed >> 16) % npieces];
			size_t k = strlen(pc);

			memcpy(text + n, pc, k);
			n += k;
		}
		for (size_t at = 0; at < n;) {
			char wa[64] = { 0 }, wb[64] = { 0 };
			uint32_t ha = 2166136261u, hb = ha;
			size_t ia = at, ib = at, la = 0, lb = 0, ca = 1, cb = 1;
			size_t na = seg_read_word(text, n, &ia, wa, &ha, &la, &ca, 0);
			size_t nb = seg_read_word(text, n, &ib, wb, &hb, &lb, &cb, 1);

			assert_int_equal(na, nb);
			assert_int_equal(ia, ib);
			assert_int_equal(ha, hb);
			assert_int_equal(la, lb);
			assert_int_equal(ca, cb);
			assert_memory_equal(wa, wb, sizeof wa);
			assert_true(na <= 48);
			words += na > 0;
			at = ia > at ? ia : at + 1;	/* past the word, or a separator */
		}
	}
	assert_true(words > 1000);
}

/* The starts of text, each window's work on one thread or, where the
 * machine has two cores, split over two. */
static size_t starts_threads(const char *text, size_t n, int one_thread, struct seg_start **st)
{
	struct rules *r = test_rules();
	struct doc *d = test_doc(text, n);
	size_t ns;

	rules_classify_doc(r, d);
	rules_free(r);
	assert_non_null(d->seg);
	d->seg->one_thread = one_thread;
	ns = segment_doc(d, SEG_AUTO, st);
	doc_free(d);
	return ns;
}

/* A long document whose later copies bring words the earlier ones never
 * had: split over two threads, each window gives the very starts and
 * scores one thread gives. */
static void test_two_threads(void **state)
{
	static const char *const names[] = { "seg_pronoun.txt", "seg_crosshead.txt" };
	const size_t copies = 70;
	struct sbuf one = { 0 }, all = { 0 };
	struct seg_start *a, *b;
	size_t n, na, nb;
	char *text;

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		text = slurp(getenv("TESTDATA"), names[i], &n);
		sbuf_add(&one, text, n);
		free(text);
	}
	text = slurp(getenv("TNEWS_DATADIR"), "sample.txt", &n);
	sbuf_add(&one, text, n);
	free(text);
	for (size_t c = 0; c < copies; c++) {
		size_t at = all.n;

		sbuf_add(&all, one.p, one.n);
		/* odd copies spell their words their own way, even ones in
		 * the second half write names in lower case */
		for (size_t k = at; k < all.n; k++)
			if (c % 2 == 0) {
				if (c >= copies / 2 && k > at && all.p[k - 1] == ' ' &&
				    all.p[k] >= 'A' && all.p[k] <= 'Z')
					all.p[k] = (char)(all.p[k] - 'A' + 'a');
			} else if (all.p[k] == 'e')
				all.p[k] = (char)('a' + c % 26);
			else if (all.p[k] == 'o')
				all.p[k] = (char)('a' + c / 26);
	}
	na = starts_threads(all.p, all.n, 1, &a);
	nb = starts_threads(all.p, all.n, 0, &b);
	print_message("two threads: %zu bytes, %zu starts\n", all.n, na);
	assert_true(na > copies * 4);
	assert_int_equal(na, nb);
	for (size_t i = 0; i < na; i++) {
		assert_int_equal(a[i].line, b[i].line);
		assert_true(a[i].score == b[i].score);
		assert_string_equal(a[i].why, b[i].why);
	}
	free(a);
	free(b);
	sbuf_free(&one);
	sbuf_free(&all);
}

/* Parse bytes with parse_doc titling batches of at least split stories
 * on a second thread (SIZE_MAX: none), into sl. */
static void parse_split(const char *bytes, size_t n, size_t split, struct storylist *sl)
{
	struct rules *r = test_rules();

	memset(sl, 0, sizeof *sl);
	parse_set_split(split);
	parse_doc(sl, test_doc(bytes, n), r, SEG_AUTO);
	parse_set_split(0);
	rules_free(r);
}

/* Assert that two parses made the very same stories. */
static void same_stories(const struct storylist *a, const struct storylist *b)
{
	assert_int_equal(a->n, b->n);
	for (size_t i = 0; i < a->n; i++) {
		const struct story *x = &a->stories[i], *y = &b->stories[i];

		assert_int_equal(x->first, y->first);
		assert_int_equal(x->count, y->count);
		assert_true(x->score == y->score);
		assert_string_equal(x->why, y->why);
		assert_int_equal(x->words, y->words);
		assert_non_null(x->title);
		assert_string_equal(x->title, y->title);
	}
}

/* parse_doc titles the stories of each window on a second thread while
 * the next window is segmented, the last window's in two halves: forced
 * on every batch (even of one story), over several windows, and on a
 * document of one story and one of none, the stories are those of a
 * stepwise parse (titled on this thread), each titled and counted. */
static void test_titles_two_threads(void **state)
{
	static const char *const names[] = { "seg_pronoun.txt", "seg_crosshead.txt" };
	static const char one_story[] = "A man walked into a field on Tuesday.\n";
	struct sbuf one = { 0 };
	struct storylist a, b;
	size_t n, steps;
	char *text;

	(void)state;
	for (size_t i = 0; i < sizeof names / sizeof names[0]; i++) {
		text = slurp(getenv("TESTDATA"), names[i], &n);
		sbuf_add(&one, text, n);
		free(text);
	}
	text = slurp(getenv("TNEWS_DATADIR"), "sample.txt", &n);
	sbuf_add(&one, text, n);
	free(text);
	text = repeat(one.p, one.n, 450, &n);
	steps = check_stepwise(text, n, SEG_AUTO, &a);	/* titled here */
	parse_split(text, n, 1, &b);
	print_message("titles on two threads: %zu stories, %zu windows\n", a.n, steps);
	assert_true(steps >= 3);
	assert_true(a.n > 450 * 10);
	same_stories(&a, &b);
	storylist_free(&b);
	parse_split(text, n, 2, &b);	/* a batch of one story stays here */
	same_stories(&a, &b);
	storylist_free(&a);
	storylist_free(&b);
	parse_split(one_story, strlen(one_story), SIZE_MAX, &a);
	parse_split(one_story, strlen(one_story), 1, &b);
	assert_int_equal(a.n, 1);
	same_stories(&a, &b);
	storylist_free(&a);
	storylist_free(&b);
	parse_split("\n\n", 2, 1, &b);
	assert_int_equal(b.n, 0);
	storylist_free(&b);
	free(text);
	sbuf_free(&one);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_pronoun_fixture),
		cmocka_unit_test(test_stray_blank_line),
		cmocka_unit_test(test_pronoun_line),
		cmocka_unit_test(test_wire_cues),
		cmocka_unit_test(test_attribution_cues),
		cmocka_unit_test(test_recalibrate),
		cmocka_unit_test(test_rate_shift),
		cmocka_unit_test(test_rate_mixture),
		cmocka_unit_test(test_long_story_reach),
		cmocka_unit_test(test_cue_names),
		cmocka_unit_test(test_near_cues),
		cmocka_unit_test(test_blank_cue),
		cmocka_unit_test(test_short_between),
		cmocka_unit_test(test_crosshead),
		cmocka_unit_test(test_formfeed),
		cmocka_unit_test(test_blanklines),
		cmocka_unit_test(test_sample),
		cmocka_unit_test(test_append),
		cmocka_unit_test(test_append_one),
		cmocka_unit_test(test_append_bytes),
		cmocka_unit_test(test_modes),
		cmocka_unit_test(test_mode_names),
		cmocka_unit_test(test_empty_and_one),
		cmocka_unit_test(test_all_stripped),
		cmocka_unit_test(test_repeated_sentence),
		cmocka_unit_test(test_starts_are_paragraphs),
		cmocka_unit_test(test_stepwise_fixtures),
		cmocka_unit_test(test_stepwise_degenerate),
		cmocka_unit_test(test_stepwise_long),
		cmocka_unit_test(test_stepwise_edges),
		cmocka_unit_test(test_two_threads),
		cmocka_unit_test(test_titles_two_threads),
		cmocka_unit_test(test_word_lists),
		cmocka_unit_test(test_word_shapes),
		cmocka_unit_test(test_count_logs),
		cmocka_unit_test(test_first_best),
		cmocka_unit_test(test_read_word),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
