/* SPDX-License-Identifier: MIT */
/* test_abbrev.c - the one abbreviation list, and titles that use it */
#include <config.h>

#include "abbrev.h"
#include "testutil.h"

/* Both lists it replaces are in it, with either case of the first letter. */
static void test_list(void **state)
{
	(void)state;
	assert_true(abbrev_is("Mr", 2));
	assert_true(abbrev_is("mr", 2));
	assert_true(abbrev_is("Cllr", 4));	/* was only the titles' */
	assert_true(abbrev_is("u", 1));		/* was only segmentation's */
	assert_true(abbrev_is("Gov", 3));
	assert_false(abbrev_is("MR", 2));
	assert_false(abbrev_is("Mrx", 3));
	assert_false(abbrev_is("said", 4));
	assert_false(abbrev_is("", 0));
	/* dates and the agencies' US states, but no state that is a word */
	assert_true(abbrev_is("Nov", 3));
	assert_true(abbrev_is("Sept", 4));
	assert_true(abbrev_is("Calif", 5));
	assert_false(abbrev_is("ill", 3));
	assert_false(abbrev_is("Mass", 4));
}

/* A story's title leaves out the dateline its lede opens with, and a date
 * in it does not end the title's sentence. */
static void test_title_dateline(void **state)
{
	static const char dump[] =
		"WASHINGTON (AP) \xE2\x80\x94 NASA announced Nov. 18 that five companies "
		"would bid for the lunar lander. The agency said more would follow.\n";
	struct storylist sl = { 0 };

	(void)state;
	test_parse(&sl, dump, sizeof dump - 1, SEG_EXPLICIT);
	assert_int_equal(sl.n, 1);
	assert_int_equal(strncmp(sl.stories[0].title, "NASA announced Nov. 18", 22), 0);
	assert_null(strstr(sl.stories[0].title, "more would follow"));
	storylist_free(&sl);
}

/* A title is not cut after an abbreviation's full stop. */
static void test_title(void **state)
{
	static const char dump[] =
		"Cllr. Jane Smith said the harbour would open again next week. "
		"More follows here.\n";
	struct storylist sl = { 0 };

	(void)state;
	test_parse(&sl, dump, sizeof dump - 1, SEG_EXPLICIT);
	assert_int_equal(sl.n, 1);
	assert_non_null(strstr(sl.stories[0].title, "harbour"));
	assert_null(strstr(sl.stories[0].title, "More follows"));
	storylist_free(&sl);
}

/* A title is made of words: a first paragraph that is only a figure or a
 * price ("-1.41%", "from $610.00") gives way to the next one with a
 * sentence of three words, among the first four paragraphs; with none
 * such, the first paragraph is the title still. */
static void test_title_words(void **state)
{
	static const char dump[] =
		"-1.41%\n\n+2.5%\n\n"
		"The retailer earned $2.8 billion in the quarter. Sales rose.\n";
	static const char none[] =
		"-1.41%\n\n+2.5%\n\n-0.3%\n\n+1.1%\n\n"
		"The retailer earned $2.8 billion in the quarter.\n";
	struct storylist sl = { 0 };

	(void)state;
	test_parse(&sl, dump, sizeof dump - 1, SEG_NONE);
	assert_int_equal(sl.n, 1);
	assert_int_equal(strncmp(sl.stories[0].title, "The retailer earned", 19), 0);
	storylist_free(&sl);
	memset(&sl, 0, sizeof sl);
	test_parse(&sl, none, sizeof none - 1, SEG_NONE);
	assert_int_equal(sl.n, 1);
	assert_string_equal(sl.stories[0].title, "-1.41%");
	storylist_free(&sl);
	/* words of other scripts are words: a Greek lede is a title */
	static const char greek[] =
		"+2.5%\n\n\xCE\x97 \xCE\xBA\xCF\x85\xCE\xB2\xCE\xAD\xCF\x81\xCE\xBD\xCE\xB7\xCF\x83\xCE\xB7 "
		"\xCE\xBD\xCE\xAD\xCE\xB1 \xCE\xBC\xCE\xAD\xCF\x84\xCF\x81\xCE\xB1.\n";
	memset(&sl, 0, sizeof sl);
	test_parse(&sl, greek, sizeof greek - 1, SEG_NONE);
	assert_int_equal(sl.n, 1);
	assert_int_equal(strncmp(sl.stories[0].title, "\xCE\x97 ", 3), 0);
	storylist_free(&sl);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_list),
		cmocka_unit_test(test_title),
		cmocka_unit_test(test_title_dateline),
		cmocka_unit_test(test_title_words),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
