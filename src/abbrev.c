/* SPDX-License-Identifier: MIT */
/* abbrev.c - the one list of abbreviations */
#include <config.h>

#include <string.h>

#include "abbrev.h"

/* Lower-case; a word matches with its first letter in either case. */
static const char *const abbrevs[] = {
	"mr", "mrs", "ms", "dr", "st", "jr", "sr", "prof", "gen", "col", "lt",
	"sgt", "rev", "capt", "gov", "sen", "rep", "no", "vs", "inc", "ltd",
	"co", "corp", "mt", "fr", "cllr", "insp", "supt", "u",
	/* months, as datelines and dates write them: "Nov. 5" */
	"jan", "feb", "aug", "sept", "oct", "nov", "dec",
	/* US states in the news agencies' style, those that are no word:
	 * "HAYWARD, Calif. (AP)" */
	"ala", "ariz", "ark", "calif", "colo", "conn", "fla", "kan", "ky",
	"mich", "minn", "mont", "neb", "nev", "okla", "tenn", "vt", "wis", "wyo",
};

int abbrev_is(const char *w, size_t n)
{
	char first;

	if (n == 0)
		return 0;
	first = w[0] >= 'A' && w[0] <= 'Z' ? (char)(w[0] + 32) : w[0];
	for (size_t i = 0; i < sizeof abbrevs / sizeof abbrevs[0]; i++)
		if (strlen(abbrevs[i]) == n && abbrevs[i][0] == first &&
		    !memcmp(abbrevs[i] + 1, w + 1, n - 1))
			return 1;
	return 0;
}
