/* SPDX-License-Identifier: MIT */
/* test_input.c - reading awkward input into clean documents */
#include <config.h>

#include <unistd.h>

#include "bgparse.h"
#include "digest.h"
#include "testutil.h"

#define DOC(s) test_doc((s), sizeof(s) - 1)

/* Assert that line i of d has text want and physical number lineno. */
static void check_line(const struct doc *d, size_t i, const char *want, unsigned lineno)
{
	assert_true(i < d->nlines);
	assert_string_equal(test_line(d, i), want);
	assert_int_equal(doc_lineno(d, i), lineno);
}

/* LF, CRLF and a missing final newline (or only its LF) give the same lines. */
static void test_line_endings(void **state)
{
	(void)state;
	const char *v[] = { "one\ntwo\n", "one\r\ntwo\r\n", "one\ntwo", "one\r\ntwo",
			    "one\r\ntwo\r" };

	for (size_t k = 0; k < 5; k++) {
		struct doc *d = test_doc(v[k], strlen(v[k]));

		assert_int_equal(d->nlines, 2);
		assert_int_equal(d->nphys, 2);
		check_line(d, 0, "one", 1);
		check_line(d, 1, "two", 2);
		doc_free(d);
	}
}

/* A file of lone CRs (old Mac) has lines; a lone CR elsewhere is shown. */
static void test_lone_cr(void **state)
{
	(void)state;
	struct doc *d = DOC("a\rb\rc");

	assert_int_equal(d->nlines, 3);
	check_line(d, 2, "c", 3);
	doc_free(d);
	d = DOC("progress 10%\rprogress 20%\nnext\n");
	assert_int_equal(d->nlines, 2);
	check_line(d, 0, "progress 10%\xE2\x90\x8Dprogress 20%", 1);
	doc_free(d);
}

/* A leading BOM is dropped; blank lines are counted, not kept. */
static void test_bom_and_blanks(void **state)
{
	(void)state;
	struct doc *d = DOC("\xEF\xBB\xBFHello\n\n  \n\nWorld\n");

	assert_int_equal(d->nlines, 2);
	check_line(d, 0, "Hello", 1);
	check_line(d, 1, "World", 5);
	assert_int_equal(d->lines[0].blanks, 0);
	assert_int_equal(d->lines[1].blanks, 3);
	assert_int_equal(d->nphys, 5);
	doc_free(d);
}

/* Tabs become spaces and lines are trimmed. */
static void test_tabs_trim(void **state)
{
	(void)state;
	struct doc *d = DOC("\t a\tb \t\n");

	check_line(d, 0, "a b", 1);
	doc_free(d);
}

/* Every C0 control, DEL, NUL and ESC become visible Control Pictures. */
static void test_controls(void **state)
{
	(void)state;
	for (unsigned c = 0; c < 0x80; c++) {
		if (c >= 0x20 && c < 0x7f)
			continue;
		if (c == '\n' || c == '\r' || c == '\t' || c == '\f')
			continue;
		char in[8] = { 'x', (char)c, 'y' };
		char want[16];
		unsigned pic = c == 0x7f ? 0x2421 : 0x2400 + c;

		snprintf(want, sizeof want, "x%c%c%cy", 0xE2, 0x90 | (pic >> 6 & 3),
			 0x80 | (pic & 0x3F));
		struct doc *d = test_doc(in, 3);

		assert_int_equal(d->nlines, 1);
		assert_string_equal(test_line(d, 0), want);
		for (size_t i = 0; i < d->len; i++)
			assert_false((unsigned char)d->text[i] < 0x20 && d->text[i] != '\n');
		doc_free(d);
	}
}

/* A control byte anywhere among short lines (read eight bytes at a time,
 * newlines passed over) is made visible; the lines alone are kept as
 * they are. */
static void test_controls_between_lines(void **state)
{
	static const char lines[] = "ab\ncd\nefg\nh\n\nijklmnop\nqrstuvw\nxyz\n";
	static const unsigned char bad[] = { 0x01, 0x0b, 0x0d, 0x1f, 0x7f, 0x8a };
	char in[64];
	struct doc *d;

	(void)state;
	d = test_doc(lines, sizeof lines - 1);
	assert_int_equal(d->len, sizeof lines - 1);
	assert_memory_equal(d->text, lines, sizeof lines - 1);
	doc_free(d);
	for (size_t b = 0; b < sizeof bad; b++)
		for (size_t k = 0; k < sizeof lines - 1; k++) {
			memcpy(in, lines, k);
			in[k] = (char)bad[b];
			memcpy(in + k + 1, lines + k, sizeof lines - 1 - k);
			d = test_doc(in, sizeof lines);
			for (size_t i = 0; i < d->len; i++)
				assert_false((unsigned char)d->text[i] < 0x20 && d->text[i] != '\n');
			assert_null(memchr(d->text, 0x7f, d->len));
			assert_true(d->len > sizeof lines - 1 || bad[b] == 0x0d);
			doc_free(d);
		}
}

/* Invalid UTF-8: one U+FFFD per maximal invalid subpart, the next
 * character intact. */
static void test_invalid_utf8(void **state)
{
	(void)state;
	static const struct { const char *in, *out; } cases[] = {
		{ "a\x80z", "a\xEF\xBF\xBDz" },			/* lone continuation */
		{ "a\xC3z", "a\xEF\xBF\xBDz" },			/* truncated 2-byte */
		{ "a\xE2\x82z", "a\xEF\xBF\xBDz" },		/* truncated 3-byte */
		{ "a\xC0\xAFz", "a\xEF\xBF\xBD\xEF\xBF\xBDz" },	/* overlong / */
		{ "a\xE0\x80\xAFz", "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz" },
		{ "a\xED\xA0\x80z", "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz" }, /* surrogate */
		{ "a\xF4\x90\x80\x80z", "a\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBD\xEF\xBF\xBDz" },
		{ "a\xFFz", "a\xEF\xBF\xBDz" },
		{ "a\xC2\x9Bz", "a\xEF\xBF\xBDz" },		/* C1 CSI */
		{ "caf\xC3\xA9 \xE2\x80\x99", "caf\xC3\xA9 \xE2\x80\x99" },	/* valid */
		{ "end\xE2\x82", "end\xEF\xBF\xBD" },		/* cut at EOF */
	};

	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct doc *d = test_doc(cases[i].in, strlen(cases[i].in));

		assert_int_equal(d->nlines, 1);
		assert_string_equal(test_line(d, 0), cases[i].out);
		doc_free(d);
	}
}

/* A form feed marks the next line; a form-feed line is otherwise blank. */
static void test_form_feed(void **state)
{
	(void)state;
	struct doc *d = DOC("a\n\f\nb\nc\fd\n");

	assert_int_equal(d->nlines, 3);
	check_line(d, 1, "b", 3);
	assert_true(d->lines[1].flags & LF_FORMFEED);
	assert_false(d->lines[0].flags & LF_FORMFEED);
	check_line(d, 2, "c d", 4);
	assert_true(d->lines[2].flags & LF_FORMFEED);
	doc_free(d);
}

/* An empty file has no lines and is not an error. */
static void test_empty(void **state)
{
	(void)state;
	struct doc *d = test_doc("", 0);

	assert_int_equal(d->nlines, 0);
	assert_int_equal(d->nphys, 0);
	doc_free(d);
	d = DOC("\n\n\n");
	assert_int_equal(d->nlines, 0);
	doc_free(d);
}

/* Binary files and UTF-16 are refused with a reason. */
static void test_binary(void **state)
{
	(void)state;
	char err[256] = "";
	unsigned char junk[4096];

	assert_null(input_from_bytes("x", "\x7f" "ELF\x02\x01\x01", 7, err, sizeof err));
	assert_non_null(strstr(err, "binary"));
	assert_null(input_from_bytes("x", "\xFF\xFE" "a\0b\0", 6, err, sizeof err));
	assert_non_null(strstr(err, "UTF-16"));
	for (size_t i = 0; i < sizeof junk; i++)
		junk[i] = (unsigned char)(i * 7919u >> 3);
	assert_null(input_from_bytes("x", (char *)junk, sizeof junk, err, sizeof err));
	/* A text file with a stray NUL is text. */
	struct doc *d = DOC("A story with a NUL \0 inside it, and more words after it.\n");

	assert_int_equal(d->nlines, 1);
	doc_free(d);
}

/* A missing file gives the system's reason. */
static void test_missing(void **state)
{
	(void)state;
	char err[256] = "";

	assert_null(input_read("/nonexistent/tnews-test", err, sizeof err));
	assert_string_equal(err, "No such file or directory");
	assert_null(input_read("/", err, sizeof err));
	assert_string_equal(err, "Is a directory");
}

/* A very long line without a newline is one line. */
static void test_long_line(void **state)
{
	(void)state;
	size_t n = 1 << 20;
	char *big = malloc(n);

	assert_non_null(big);
	memset(big, 'w', n);
	struct doc *d = test_doc(big, n);

	assert_int_equal(d->nlines, 1);
	assert_int_equal(d->lines[0].len, n);
	doc_free(d);
	free(big);
}

/* A file of more than 4 GB (sparse, so never written out) is refused by
 * its size, with a reason, before anything is read. */
static void test_too_large(void **state)
{
	(void)state;
	char path[] = "/tmp/tnews-test-large-XXXXXX", err[256] = "";
	int fd = mkstemp(path);

	assert_true(fd >= 0);
	if (ftruncate(fd, (off_t)DOC_TEXT_MAX + 1) != 0) {
		close(fd);
		unlink(path);
		skip();	/* a filesystem without files that large */
	}
	close(fd);
	assert_null(input_read(path, err, sizeof err));
	assert_string_equal(err, "too large (more than 4 GB)");
	unlink(path);
}

/* A regular file of a few MB (read into a block faulted in ahead of the
 * read, its size no multiple of a page; read whole, or in two halves on
 * two threads) comes back byte for byte: its text, lines and digest
 * those of the same bytes given from memory. */
static void big_file_once(void)
{
	char path[] = "/tmp/tnews-test-big-XXXXXX", err[256] = "";
	int fd = mkstemp(path);
	struct sbuf t = { 0 };

	assert_true(fd >= 0);
	for (unsigned i = 0; t.n < (3u << 20) + 1234; i++)
		sbuf_printf(&t, "Line %u of the file, with some words after it.\n", i * 2654435761u);
	assert_int_equal(write(fd, t.p, t.n), (ssize_t)t.n);
	close(fd);
	struct doc *d = input_read(path, err, sizeof err);
	struct doc *m = input_from_bytes("m", t.p, t.n, err, sizeof err);

	unlink(path);
	assert_non_null(d);
	assert_non_null(m);
	assert_int_equal(d->len, t.n);
	assert_memory_equal(d->text, t.p, t.n);
	assert_int_equal(d->nlines, m->nlines);
	for (size_t i = 0; i < m->nlines; i++) {
		assert_int_equal(d->lines[i].off, m->lines[i].off);
		assert_int_equal(d->lines[i].len, m->lines[i].len);
		assert_int_equal(doc_lineno(d, i), doc_lineno(m, i));
	}
	assert_true(d->has_digest && m->has_digest && d->digest == m->digest);
	doc_free(d);
	doc_free(m);
	sbuf_free(&t);
}

static void test_big_file(void **state)
{
	(void)state;
	for (int threads = 0; threads < 2; threads++) {
		input_set_split(threads ? 1 : SIZE_MAX);
		big_file_once();
	}
	input_set_split(0);
}

/* A line's kind, flags, blank count and score all fit its 12 bytes
 * without disturbing each other; a rule's number and the model's
 * probability share the score, told apart by LF_RULE. */
static void test_line_record(void **state)
{
	(void)state;
	struct doc *d = DOC("\fOne line\n\n\n\nAnother line\n");
	struct line *l = &d->lines[1];

	assert_int_equal(sizeof *l, 12);
	assert_int_equal(line_prob(&d->lines[0]), 255);	/* read, not yet classified */
	assert_int_equal(d->lines[0].flags, LF_FORMFEED);
	l->kind = LK_CHROME;
	l->score = 77;
	assert_int_equal(line_prob(l), 77);
	assert_int_equal(line_rule(l), 0);
	l->flags |= LF_RULE;
	l->score = 65534;
	assert_int_equal(line_rule(l), 65534);
	assert_int_equal(line_prob(l), 255);
	assert_int_equal(l->kind, LK_CHROME);
	assert_int_equal(l->blanks, 3);
	assert_int_equal(doc_lineno(d, 1), 5);
	line_unrule(l);
	assert_int_equal(l->flags, 0);
	assert_int_equal(line_rule(l), 0);
	assert_int_equal(line_prob(l), 255);
	assert_int_equal(l->kind, LK_CHROME);
	assert_int_equal(l->blanks, 3);
	doc_free(d);
}

/* Split text[0, n) as input does (lines trimmed of spaces, blank lines
 * counted, physical numbers) and check d has those lines. */
static void check_split(const struct doc *d, const char *text, size_t n)
{
	size_t k = 0, s = 0;
	unsigned lineno = 1, blanks = 0;

	while (s < n) {
		const char *nl = memchr(text + s, '\n', n - s);
		size_t e = nl ? (size_t)(nl - text) : n, a = s, b = e;

		while (a < b && text[a] == ' ')
			a++;
		while (b > a && text[b - 1] == ' ')
			b--;
		if (a == b) {
			blanks++;
		} else {
			assert_true(k < d->nlines);
			assert_int_equal(d->lines[k].len, b - a);
			assert_memory_equal(d->text + d->lines[k].off, text + a, b - a);
			assert_int_equal(doc_lineno(d, k), lineno);
			assert_int_equal(d->lines[k].blanks, blanks > 255 ? 255 : blanks);
			blanks = 0;
			k++;
		}
		lineno++;
		s = e + 1;
	}
	assert_int_equal(d->nlines, k);
	assert_int_equal(d->nphys, lineno - 1);
}

/* Physical line numbers, which a line record does not keep, come out
 * right from the blank lines before each line: across the lines kept
 * numbered (every DOC_LINENO_STEP-th), after runs of blank lines that
 * the record's blank count (at most 255) cannot hold, in clean text and
 * text rewritten (a CR), with lines appended, and in a provisional
 * document's first lines. */
static void test_line_numbers(void **state)
{
	(void)state;
	static const unsigned runs[] = { 0, 1, 254, 255, 256, 300, 70000, 2, 0, 511 };
	struct sbuf t = { 0 };
	char err[256];

	for (size_t i = 0; i < 5 * DOC_LINENO_STEP + 7; i++) {
		unsigned blank = (i % 3 == 1) ? runs[(i / 3) % 10] : i % 2;

		for (unsigned k = 0; k < blank; k++)
			sbuf_add(&t, k % 2 ? "  \n" : "\n", k % 2 ? 3 : 1);
		sbuf_printf(&t, "line %zu\n", i);
	}
	struct doc *c = input_from_bytes("t", t.p, t.n, err, sizeof err), *r;
	struct sbuf u = { 0 };

	assert_non_null(c);
	assert_true(c->has_digest);
	check_split(c, t.p, t.n);
	/* the same with a CR to rewrite at its end: cleaned, numbered alike */
	sbuf_add(&u, t.p, t.n);
	sbuf_add(&u, "odd\rend\n", 8);
	r = input_from_bytes("t", u.p, u.n, err, sizeof err);
	assert_non_null(r);
	assert_false(r->has_digest);
	assert_int_equal(r->nlines, c->nlines + 1);
	for (size_t i = 0; i < c->nlines; i++)
		assert_int_equal(doc_lineno(r, i), doc_lineno(c, i));
	assert_int_equal(doc_lineno(r, c->nlines), c->nphys + 1);
	doc_free(r);
	doc_free(c);
	sbuf_free(&u);
	/* half of it, the rest appended after */
	const char *mid = t.p + t.n / 2;

	while (*mid != '\n')
		mid++;
	mid++;
	struct doc *d = input_from_bytes("t", t.p, (size_t)(mid - t.p), err, sizeof err);

	assert_non_null(d);
	assert_int_equal(input_append(d, mid, t.n - (size_t)(mid - t.p)), 0);
	check_split(d, t.p, t.n);
	/* a provisional document numbers its lines as the whole one does */
	struct doc *p = bgparse_prefix(d, d->len / 2);

	assert_non_null(p);
	for (size_t i = 0; i < p->nlines; i++)
		assert_int_equal(doc_lineno(p, i), doc_lineno(d, i));
	assert_int_equal(p->nphys, doc_lineno(d, p->nlines - 1));
	doc_free(p);
	doc_free(d);
	sbuf_free(&t);
}

/* One round of test_blocks. */
static void blocks_once(void)
{
	size_t cap = 400000, n = 0;
	char *t = malloc(cap);
	unsigned x = 12345;

	while (n < cap - 200) {
		size_t len = (x = x * 1103515245 + 12345) >> 16 & 127;

		for (size_t i = 0; i < len; i++)	/* words, spaces, an "é" */
			if (i % 11 == 0) {
				t[n++] = ' ';
			} else if (i % 13 == 5) {
				t[n++] = '\xc3';
				t[n++] = '\xa9';
			} else {
				t[n++] = 'a' + (char)(i % 7);
			}
		t[n++] = '\n';
	}
	for (int bad = -1; bad < 4; bad++) {
		size_t m = bad == 2 ? n + 1 : n;
		char *in = malloc(m);

		memcpy(in, t, n);
		if (bad == 0)
			in[70000] = 0x01;
		else if (bad == 3)
			in[100] = 0x01;
		else if (bad == 1)
			in[200001] = '\r';
		else if (bad == 2)
			in[n] = 0x7f;	/* the last byte, no newline after it */
		struct doc *d = test_doc(in, m);

		if (bad < 0) {
			check_split(d, t, n);
			assert_int_equal(d->has_digest, 1);
			assert_true(d->digest == digest_bytes(t, n, 0));
			assert_true(d->digest != digest_bytes(t, n - 1, 0));
		} else {
			assert_int_equal(d->has_digest, 0);
			assert_true(d->len > n || bad == 1);
			for (size_t i = 0; i < d->len; i++)
				assert_false((unsigned char)d->text[i] < 0x20 && d->text[i] != '\n');
		}
		doc_free(d);
		free(in);
	}
	free(t);
}

/* A long clean text is checked, split and digested a block at a time
 * (the checking and digest on a second thread, or on the one): lines
 * across the blocks' ends (UTF-8 in them, spaces to trim, blank runs)
 * come out as split whole, the digest is the whole text's; a byte to
 * rewrite in the first block, a later one, or as the last byte still
 * has the text cleaned, with no digest kept. */
static void test_blocks(void **state)
{
	(void)state;
	for (int threads = 0; threads < 2; threads++) {
		input_set_split(threads ? 1 : SIZE_MAX);
		blocks_once();
	}
	input_set_split(0);
}

/* The digest of bytes given in pieces of any sizes is the digest of
 * them given at once; it changes with any byte, the length and the
 * seed. */
static void test_digest_pieces(void **state)
{
	unsigned char b[1000];
	struct digest g;
	uint64_t whole;

	(void)state;
	for (size_t i = 0; i < sizeof b; i++)
		b[i] = (unsigned char)(i * 7 + 3);
	whole = digest_bytes(b, sizeof b, 9);
	for (size_t step = 1; step < 150; step += 7) {
		digest_begin(&g, sizeof b, 9);
		for (size_t at = 0; at < sizeof b; at += step)
			digest_add(&g, b + at, sizeof b - at < step ? sizeof b - at : step);
		assert_true(digest_end(&g) == whole);
	}
	assert_true(digest_bytes(b, sizeof b - 1, 9) != whole);
	assert_true(digest_bytes(b, sizeof b, 8) != whole);
	for (size_t i = 0; i < sizeof b; i += 37) {
		b[i] ^= 1;
		assert_true(digest_bytes(b, sizeof b, 9) != whole);
		b[i] ^= 1;
	}
}

/* Paragraphs of the words of text (spaces apart, paragraphs "|" apart)
 * wrapped greedily at width into t, counting characters if chars, else
 * bytes, a blank line after each if blank; the physical line each
 * starts on into first[]. */
static void wrap_text_in(struct sbuf *t, const char *text, unsigned width, int blank,
			 unsigned *first, int chars)
{
	unsigned col = 0, lineno = 1, para = 0;

	first[0] = 1;
	for (const char *s = text; *s;) {
		size_t n = strcspn(s, " |");

		unsigned w = (unsigned)n;

		for (size_t k = 0; chars && k < n; k++)
			w -= ((unsigned char)s[k] & 0xC0) == 0x80;
		if (col && col + 1 + w > width) {
			sbuf_addc(t, '\n');
			lineno++;
			col = 0;
		}
		if (col)
			sbuf_addc(t, ' '), col++;
		sbuf_add(t, s, n);
		col += w;
		s += n;
		if (*s == ' ')
			s++;
		else if (*s == '|') {	/* a paragraph ends */
			s++;
			sbuf_add(t, blank ? "\n\n" : "\n", blank ? 2 : 1);
			lineno += blank ? 2 : 1;
			col = 0;
			first[++para] = lineno;
		}
	}
}

/* The same counting bytes. */
static void wrap_text(struct sbuf *t, const char *text, unsigned width, int blank,
		      unsigned *first)
{
	wrap_text_in(t, text, width, blank, first, 0);
}

/* The paragraphs of wrap_text's text, one each. */
static const char *const wrapped_paras[] = {
	"A separate report on the ferry terminal, due last autumn, has been delayed again because the consultants are still counting passengers on the late sailings.",
	"The harbour board met on Tuesday to weigh a plan that would deepen the main channel by two metres and let larger ships berth at the quay without waiting for the tide.",
	"Members were told the work would take three winters, cost about forty million and close the inner basin to leisure craft while the dredgers worked.",
	"\xE2\x80\x9CWe cannot stand still while other ports take the trade,\xE2\x80\x9D the chair said, adding that a public meeting would be held in the town hall next month.",
	"Fishermen fear the spoil will be dumped on the banks where they set their pots, and asked for a survey of the seabed before any licence is granted.",
	"The board will decide in June.",
};

/* The paragraphs above as one text, "|" after each. */
static void wrapped_source(struct sbuf *src)
{
	for (size_t i = 0; i < sizeof wrapped_paras / sizeof *wrapped_paras; i++) {
		sbuf_adds(src, wrapped_paras[i]);
		sbuf_addc(src, '|');
	}
}

/* A hard-wrapped text, blank lines between its paragraphs or none, reads
 * as one line a paragraph, its text the paragraph's and its number the
 * physical line it starts on; read in two parts, the same. */
static void test_wrapped(void **state)
{
	(void)state;
	size_t np = sizeof wrapped_paras / sizeof *wrapped_paras;
	struct sbuf src = { 0 };
	char err[256];

	wrapped_source(&src);
	for (int blank = 0; blank < 2; blank++) {
		struct sbuf t = { 0 };
		unsigned first[8];

		wrap_text(&t, src.p, 50, blank, first);
		struct doc *d = input_from_bytes("w", t.p, t.n, err, sizeof err);

		assert_non_null(d);
		assert_true(d->wrap > 40 && d->wrap <= 50);
		assert_int_equal(d->wrap_parted, blank);
		assert_int_equal(d->nlines, np);
		for (size_t i = 0; i < np; i++)
			check_line(d, i, wrapped_paras[i], first[i]);
		size_t nl = 0;

		for (size_t k = 0; k < t.n; k++)
			nl += t.p[k] == '\n';
		assert_int_equal(d->nphys, nl);
		/* the last two paragraphs appended: joined at the first part's width */
		const char *mid = strstr(t.p, "Fishermen");
		struct doc *h = input_from_bytes("w", t.p, (size_t)(mid - t.p), err, sizeof err);

		assert_non_null(h);
		assert_int_equal(h->wrap, d->wrap);
		assert_int_equal(input_append(h, mid, t.n - (size_t)(mid - t.p)), 0);
		assert_int_equal(h->nlines, np);
		for (size_t i = 0; i < np; i++)
			check_line(h, i, wrapped_paras[i], first[i]);
		doc_free(h);
		doc_free(d);
		sbuf_free(&t);
	}
	sbuf_free(&src);
}

/* A text of ASCII only is wrapped as many characters as bytes: it is
 * measured in characters, so text with accents appended after it (read
 * on as the dump grows), wrapped at as many characters, is joined too. */
static void test_wrapped_ascii_then_accents(void **state)
{
	(void)state;
	static const char accents[] =
		"Le conseil a d\xC3\xA9" "cid\xC3\xA9 mardi que la digue du port serait reconstruite "
		"apr\xC3\xA8s la temp\xC3\xAAte de janvier, qui a inond\xC3\xA9 le march\xC3\xA9 "
		"aux poissons et d\xC3\xA9truit deux pontons pr\xC3\xA8s de la jet\xC3\xA9" "e.|";
	struct sbuf src = { 0 }, t = { 0 }, more = { 0 };
	unsigned first[16];
	char err[256];

	for (int twice = 0; twice < 2; twice++)	/* the longest line twice: the width */
		for (size_t i = 0; i < sizeof wrapped_paras / sizeof *wrapped_paras; i++)
			if (i != 3)	/* the one with curly quotes */
				sbuf_printf(&src, "%s|", wrapped_paras[i]);
	wrap_text(&t, src.p, 50, 0, first);
	struct doc *d = input_from_bytes("a", t.p, t.n, err, sizeof err);

	assert_non_null(d);
	assert_int_equal(d->nlines, 10);
	assert_true(d->wrap > 40 && d->wrap <= 50);
	assert_int_equal(d->wrap_bytes, 0);
	wrap_text_in(&more, accents, d->wrap, 0, first, 1);
	assert_int_equal(input_append(d, more.p, more.n), 0);
	assert_int_equal(d->nlines, 11);
	assert_string_equal(test_line(d, 10), "Le conseil a d\xC3\xA9" "cid\xC3\xA9 mardi que la digue du port "
			    "serait reconstruite apr\xC3\xA8s la temp\xC3\xAAte de janvier, qui a inond\xC3\xA9 "
			    "le march\xC3\xA9 aux poissons et d\xC3\xA9truit deux pontons pr\xC3\xA8s de la "
			    "jet\xC3\xA9" "e.");
	doc_free(d);
	sbuf_free(&more);
	sbuf_free(&t);
	sbuf_free(&src);
}

/* Without blank lines, a wrapped line that ends a sentence before one
 * that begins another is taken as a paragraph's end (the cost: a
 * paragraph parted there), and one that ends mid-sentence, or with a
 * full stop before a small letter, is joined. */
static void test_wrapped_sentences(void **state)
{
	(void)state;
	struct sbuf src = { 0 }, t = { 0 };
	unsigned first[10];
	char err[256];

	wrapped_source(&src);
	/* two sentences that wrap between them at 50 columns */
	sbuf_adds(&src, "The quay is old and in need of repair now. Engineers will inspect it.|");
	/* a full stop before a small letter does not end the paragraph */
	sbuf_adds(&src, "Talks on the new fishing treaty signed by the U.S. and Canada resumed on Monday.|");
	/* a sentence may end inside its closing quote */
	sbuf_adds(&src, "The chair said that the harbour would stay \"open.\" Members voted to back the plan at once.|");
	wrap_text(&t, src.p, 50, 0, first);
	struct doc *d = input_from_bytes("w", t.p, t.n, err, sizeof err);

	assert_non_null(d);
	assert_true(d->wrap > 0);
	assert_int_equal(d->nlines, 11);
	check_line(d, 6, "The quay is old and in need of repair now.", first[6]);
	check_line(d, 7, "Engineers will inspect it.", first[6] + 1);
	check_line(d, 8, "Talks on the new fishing treaty signed by the U.S. and Canada resumed on Monday.",
		   first[7]);
	check_line(d, 9, "The chair said that the harbour would stay \"open.\"", first[8]);
	check_line(d, 10, "Members voted to back the plan at once.", first[8] + 1);
	doc_free(d);
	sbuf_free(&t);
	sbuf_free(&src);
}

/* Where blank lines part the paragraphs, a paragraph whose lines end
 * well short of the width (fmt balances them) is joined all the same;
 * a short line before a paragraph (a heading) is not. */
static void test_wrapped_balanced(void **state)
{
	(void)state;
	struct sbuf src = { 0 }, t = { 0 };
	unsigned first[8], first2[2];
	char err[256];
	static const char para[] = "Divers found the wreck of the old pilot boat lying on its side in twelve metres of water just off the breakwater.";

	wrapped_source(&src);
	wrap_text(&t, src.p, 50, 1, first);
	sbuf_adds(&t, "The wreck\n");	/* a heading right above its paragraph */
	sbuf_reset(&src);
	sbuf_printf(&src, "%s|", para);
	wrap_text(&t, src.p, 42, 1, first2);
	struct doc *d = input_from_bytes("b", t.p, t.n, err, sizeof err);

	assert_non_null(d);
	assert_true(d->wrap > 42 && d->wrap_parted);
	assert_int_equal(d->nlines, 8);
	check_line(d, 6, "The wreck", first[6]);
	check_line(d, 7, para, first[6] + 1);
	doc_free(d);
	sbuf_free(&t);
	sbuf_free(&src);
}

/* A line longer than the width was not wrapped: after a wrapped part,
 * a paragraph a line stays as it is, even a short line before one. */
static void test_wrapped_then_not(void **state)
{
	(void)state;
	struct sbuf src = { 0 }, t = { 0 };
	unsigned first[8 * 20];
	char err[256];

	for (int r = 0; r < 20; r++)	/* enough that three lines are under 1% */
		wrapped_source(&src);
	wrap_text(&t, src.p, 50, 0, first);
	sbuf_adds(&t, "Photographs of the wreck taken by the divers today\n");
	sbuf_printf(&t, "%s\n%s\n", wrapped_paras[1], wrapped_paras[2]);
	struct doc *d = input_from_bytes("m", t.p, t.n, err, sizeof err);

	assert_non_null(d);
	assert_true(d->wrap > 0 && !d->wrap_parted);
	assert_int_equal(d->nlines, 123);
	check_line(d, 120, "Photographs of the wreck taken by the divers today", first[120]);
	check_line(d, 121, wrapped_paras[1], first[120] + 1);
	check_line(d, 122, wrapped_paras[2], first[120] + 2);
	doc_free(d);
	sbuf_free(&t);
	sbuf_free(&src);
}

/* Text that is not wrapped keeps its lines: a paragraph a line of
 * any length, a list of short lines, one sentence ten thousand times. */
static void test_not_wrapped(void **state)
{
	(void)state;
	struct sbuf t = { 0 };
	char err[256];

	for (int r = 0; r < 3; r++)
		for (size_t i = 0; i < sizeof wrapped_paras / sizeof *wrapped_paras; i++)
			sbuf_printf(&t, "%s\n", wrapped_paras[i]);
	struct doc *d = input_from_bytes("p", t.p, t.n, err, sizeof err);

	assert_non_null(d);
	assert_int_equal(d->wrap, 0);
	assert_int_equal(d->nlines, 18);
	doc_free(d);
	sbuf_reset(&t);
	for (int i = 0; i < 40; i++)
		sbuf_printf(&t, "Item %d of the list with a few words%s\n", i, i % 3 ? " more" : "");
	d = input_from_bytes("l", t.p, t.n, err, sizeof err);
	assert_non_null(d);
	assert_int_equal(d->nlines, 40);
	doc_free(d);
	sbuf_reset(&t);
	for (int i = 0; i < 10000; i++)
		sbuf_adds(&t, "The council has approved a plan for the new bridge.\n");
	d = input_from_bytes("s", t.p, t.n, err, sizeof err);
	assert_non_null(d);
	assert_int_equal(d->nlines, 10000);
	doc_free(d);
	sbuf_free(&t);
}

/* A blank line before nearly every line is double spacing (base 1); a
 * stray blank line or two is not. */
static void test_double_spaced(void **state)
{
	(void)state;
	struct sbuf t = { 0 };
	char err[256];

	for (int i = 0; i < 20; i++)
		sbuf_printf(&t, "Paragraph %d of the story.\n\n", i);
	struct doc *d = input_from_bytes("d", t.p, t.n, err, sizeof err);

	assert_non_null(d);
	assert_int_equal(d->blank_base, 1);
	doc_free(d);
	sbuf_reset(&t);
	for (int i = 0; i < 20; i++)
		sbuf_printf(&t, "Paragraph %d of the story.\n%s", i, i == 4 || i == 11 ? "\n" : "");
	d = input_from_bytes("d", t.p, t.n, err, sizeof err);
	assert_non_null(d);
	assert_int_equal(d->blank_base, 0);
	doc_free(d);
	sbuf_free(&t);
}

/* Unicode spaces (no-break, narrow no-break, thin, ideographic) read as
 * ASCII spaces, the line's text closed up, the lines after in place:
 * read clean, read cleaned (a CR to rewrite), appended and with CRLF
 * line ends, the same. */
static void test_unicode_spaces(void **state)
{
	(void)state;
	static const char text[] =
		"\xC2\xA0\xC2\xA0Mr\xC2\xA0Smith paid\xE2\x80\xAF" "10\xE2\x80\x89%\xC2\xA0\n"
		"caf\xC3\xA9 \xE3\x80\x80 tea\xC2\xA1\n"
		"plain line\n";
	static const char *const want[] = { "Mr Smith paid 10 %", "caf\xC3\xA9   tea\xC2\xA1", "plain line" };
	char err[256];

	for (int way = 0; way < 4; way++) {
		struct sbuf t = { 0 };
		struct doc *d;

		if (way == 3) {	/* CRLF line ends */
			for (const char *c = text; *c; c++)
				sbuf_add(&t, "\r\n", *c == '\n' ? 2 : 0), *c != '\n' ? sbuf_addc(&t, *c) : (void)0;
		} else {
			sbuf_add(&t, text, sizeof text - 1);
		}
		if (way == 1)
			sbuf_adds(&t, "odd\rend\n");	/* a byte to rewrite: the cleaned path */
		if (way == 2) {
			d = input_from_bytes("u", "first\n", 6, err, sizeof err);
			assert_non_null(d);
			assert_int_equal(input_append(d, t.p, t.n), 0);
			assert_string_equal(test_line(d, 0), "first");
		} else {
			d = input_from_bytes("u", t.p, t.n, err, sizeof err);
		}
		assert_non_null(d);
		for (size_t i = 0; i < 3; i++)
			check_line(d, i + (way == 2), want[i], (unsigned)(i + 1 + (way == 2)));
		doc_free(d);
		sbuf_free(&t);
	}
}

/* A text's spaces are made plain in two halves on two threads as on
 * one: with no-break spaces all through its lines (some CRLF), the text
 * and its lines come out byte for byte the same, whichever line the
 * second half starts at. */
static void test_unicode_spaces_halves(void **state)
{
	char err[256];

	(void)state;
	for (int lines = 1; lines < 40; lines++) {
		struct sbuf t = { 0 };
		struct doc *one, *two;

		for (int i = 0; i < lines; i++)
			sbuf_printf(&t, "\xC2\xA0w%d\xC2\xA0\xC2\xA0x\xE2\x80\xAFy %.*s\xC2\xA0%s", i,
				    i % 7, "zzzzzzz", i % 3 ? "\n" : "\r\n");
		input_set_split(SIZE_MAX);
		one = input_from_bytes("u", t.p, t.n, err, sizeof err);
		input_set_split(1);
		two = input_from_bytes("u", t.p, t.n, err, sizeof err);
		input_set_split(0);
		assert_non_null(one);
		assert_non_null(two);
		assert_int_equal(one->len, two->len);
		assert_memory_equal(one->text, two->text, one->len);
		assert_int_equal(one->nlines, two->nlines);
		for (size_t i = 0; i < one->nlines; i++)
			assert_string_equal(test_line(one, i), test_line(two, i));
		assert_string_equal(test_line(one, 0), "w0  x y");
		doc_free(one);
		doc_free(two);
		sbuf_free(&t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_line_endings),
		cmocka_unit_test(test_lone_cr),
		cmocka_unit_test(test_bom_and_blanks),
		cmocka_unit_test(test_tabs_trim),
		cmocka_unit_test(test_controls),
		cmocka_unit_test(test_invalid_utf8),
		cmocka_unit_test(test_controls_between_lines),
		cmocka_unit_test(test_form_feed),
		cmocka_unit_test(test_empty),
		cmocka_unit_test(test_binary),
		cmocka_unit_test(test_missing),
		cmocka_unit_test(test_long_line),
		cmocka_unit_test(test_too_large),
		cmocka_unit_test(test_line_record),
		cmocka_unit_test(test_line_numbers),
		cmocka_unit_test(test_blocks),
		cmocka_unit_test(test_unicode_spaces_halves),
		cmocka_unit_test(test_big_file),
		cmocka_unit_test(test_digest_pieces),
		cmocka_unit_test(test_wrapped),
		cmocka_unit_test(test_wrapped_sentences),
		cmocka_unit_test(test_wrapped_ascii_then_accents),
		cmocka_unit_test(test_wrapped_balanced),
		cmocka_unit_test(test_wrapped_then_not),
		cmocka_unit_test(test_not_wrapped),
		cmocka_unit_test(test_double_spaced),
		cmocka_unit_test(test_unicode_spaces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
