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

/* LF, CRLF and a missing final newline give the same lines. */
static void test_line_endings(void **state)
{
	(void)state;
	const char *v[] = { "one\ntwo\n", "one\r\ntwo\r\n", "one\ntwo", "one\r\ntwo" };

	for (size_t k = 0; k < 4; k++) {
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
 * read, its size no multiple of a page) comes back byte for byte: its
 * text, lines and digest those of the same bytes given from memory. */
static void test_big_file(void **state)
{
	(void)state;
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
		cmocka_unit_test(test_big_file),
		cmocka_unit_test(test_digest_pieces),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
