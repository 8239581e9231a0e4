/* SPDX-License-Identifier: MIT */
/* gendump.c - write a deterministic synthetic news dump of about N MB:
 * invented stories in the style of data/sample.txt, with furniture. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long rng = 0x9E3779B97F4A7C15ull;

/* A deterministic pseudo-random number below n. */
static unsigned pick(unsigned n)
{
	rng ^= rng << 13;
	rng ^= rng >> 7;
	rng ^= rng << 17;
	return (unsigned)(rng % n);
}

#define N(a) (sizeof(a) / sizeof(a)[0])
#define ANY(a) (a)[pick(N(a))]

static const char *first[] = { "Maria", "Tom", "Aisha", "Jonas", "Priya", "Li", "Oskar",
	"Fatima", "Daniel", "Zoë", "José", "Hannah", "Kwame", "Ingrid", "Ravi", "Elena" };
static const char *last[] = { "Hollis", "Okafor", "Lindqvist", "Marsh", "Tanaka", "Brennan",
	"Castell", "Adeyemi", "Whitlow", "Novak", "Petrov", "Ferreira", "Quist", "Dunmore" };
static const char *role[] = { "the transport minister", "the council leader", "the chief executive",
	"the harbour master", "the union's general secretary", "the health secretary",
	"the head of the inquiry", "the regional mayor", "the chief constable", "the club's manager" };
static const char *place[] = { "Northbridge", "Kessington", "the Wessex coast", "Port Alder",
	"Eastmoor", "the Vale of Ryland", "Calder Bay", "Millford", "Southwick", "Brayton" };
static const char *topics[][8] = {
	{ "rail", "strike", "drivers", "timetable", "fares", "depot", "signals", "commuters" },
	{ "flood", "river", "rainfall", "defences", "evacuation", "sandbags", "warning", "levels" },
	{ "hospital", "waiting", "patients", "nurses", "wards", "surgery", "beds", "clinic" },
	{ "budget", "tax", "spending", "deficit", "borrowing", "treasury", "pensions", "growth" },
	{ "harbour", "fishing", "quota", "trawlers", "catch", "port", "vessels", "crews" },
	{ "school", "pupils", "teachers", "exams", "classrooms", "funding", "inspectors", "results" },
	{ "football", "league", "striker", "goal", "season", "transfer", "stadium", "fans" },
	{ "energy", "turbines", "grid", "prices", "bills", "supply", "windfarm", "households" },
	{ "housing", "tenants", "rent", "developers", "planning", "homes", "landlords", "estate" },
	{ "court", "trial", "jury", "evidence", "judge", "verdict", "appeal", "defendant" },
};
static const char *verbs[] = { "announced", "confirmed", "rejected", "approved", "delayed",
	"criticised", "defended", "unveiled", "questioned", "welcomed" };
static const char *days[] = { "Monday", "Tuesday", "Wednesday", "Thursday", "Friday" };
static const char *agencies[] = { "Reuters", "PA", "AP", "Getty Images", "AFP" };

/* One story on a topic, with furniture inside. */
static void story(FILE *f)
{
	const char *const *t = topics[pick(N(topics))];
	const char *fn = ANY(first), *ln = ANY(last), *fn2 = ANY(first), *ln2 = ANY(last);
	const char *pl = ANY(place);
	unsigned paras = 3 + pick(16);

	fprintf(f, "%s %s, %s, has %s plans for the %s %s in %s, saying the %s could not wait.\n",
		fn, ln, ANY(role), ANY(verbs), t[pick(8)], t[pick(8)], pl, t[pick(8)]);
	for (unsigned i = 0; i < paras; i++) {
		switch (pick(9)) {
		case 0:
			fprintf(f, "Mr %s said the %s would be reviewed on %s, after %s %s raised concerns about the %s.\n",
				ln, t[pick(8)], ANY(days), fn2, ln2, t[pick(8)]);
			break;
		case 1:
			fprintf(f, "“We have listened to the %s and the %s, and we will act,” %s said.\n",
				t[pick(8)], t[pick(8)], ln);
			break;
		case 2:
			fprintf(f, "But critics in %s said the %s had been ignored for years and the %s was %d%% higher than promised.\n",
				pl, t[pick(8)], t[pick(8)], 2 + (int)pick(60));
			break;
		case 3:
			fprintf(f, "Image: %s %s at the %s in %s. Pic: %s\n", fn, ln, t[pick(8)], pl, ANY(agencies));
			break;
		case 4:
			fprintf(f, "The %s of the %s\n", t[pick(8)], t[pick(8)]);
			break;
		case 5:
			fprintf(f, "More on %s\nRelated Topics:\n", pl);
			break;
		case 6:
			fprintf(f, "Please use Chrome browser for a more accessible video player\n%u:%02u\n%s %s on the %s\n",
				pick(5), pick(60), ln, ANY(verbs), t[pick(8)]);
			break;
		default:
			fprintf(f, "%s %s, who has followed the %s for a decade, said the %s and the %s in %s would take months to settle, and that %s %s had promised more.\n",
				fn2, ln2, t[pick(8)], t[pick(8)], t[pick(8)], pl, fn, ln);
		}
	}
}

int main(int argc, char **argv)
{
	double mb = argc > 1 ? atof(argv[1]) : 1;
	long long target = (long long)(mb * 1024 * 1024);

	if (mb <= 0) {
		fprintf(stderr, "usage: gendump MEGABYTES > FILE\n");
		return 2;
	}
	while (ftell(stdout) < target || ftell(stdout) < 0) {
		story(stdout);
		if (ftell(stdout) < 0)
			break;
	}
	return 0;
}
