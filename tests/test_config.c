/* SPDX-License-Identifier: MIT */
/* test_config.c - the configuration file parser: settings, keys,
 * colours, errors with their line numbers, odd input, printing. */
#include <config.h>

#include <unistd.h>

#include "config_file.h"
#include "keycodes.h"
#include "testutil.h"
#include "xmalloc.h"

/* Action names as the reader's key table has them (a few). */
static const char *const actions[] = {
	"down", "up", "page-down", "open", "back", "quit", "help",
};
#define NACT (sizeof actions / sizeof actions[0])
enum { A_DOWN, A_UP, A_PAGE_DOWN, A_OPEN, A_BACK, A_QUIT, A_HELP };

/* Default bindings for config_print. */
static const struct config_bind defaults[] = {
	{ 'j', A_DOWN }, { TK_DOWN, A_DOWN }, { 'k', A_UP }, { TK_UP, A_UP },
	{ ' ', A_PAGE_DOWN }, { '\r', A_OPEN }, { '\n', A_OPEN },
	{ TK_ENTER, A_OPEN }, { 27, A_BACK }, { 'q', A_QUIT }, { TK_F(1), A_HELP },
};
#define NDEF (sizeof defaults / sizeof defaults[0])

/* Load a string into a fresh c; returns the error count. */
static int load(struct config *c, const char *text)
{
	config_init(c);
	return config_load_mem(c, "cfg", text, strlen(text), actions, NACT);
}

/* config_print into a malloc'd string. */
static char *print(const struct config *c)
{
	char *buf = NULL;
	size_t n = 0;
	FILE *f = open_memstream(&buf, &n);

	assert_non_null(f);
	assert_int_equal(config_print(f, c, actions, NACT, defaults, NDEF), 0);
	fclose(f);
	return buf;
}

/* The done-when case: three mistakes among ten good lines. */
static void test_three_mistakes(void **state)
{
	struct config c;
	const char *text =
		"# my tnews\n"
		"width 60\n"				/* 2 */
		"layout side\n"				/* 3 */
		"show-stripped yes\n"			/* 4 */
		"mark-read end\n"			/* 5 */
		"colour title red\n"			/* 6 */
		"bind x quit\n"				/* 7 */
		"frobnicate 3\n"			/* 8: unknown setting */
		"unbind q\n"				/* 9 */
		"bind J nowhere\n"			/* 10: unknown action */
		"\n"
		"segment explicit\n"			/* 12 */
		"mono\n"				/* 13 */
		"layout diagonal\n"			/* 14: unknown value */
		"color stripped 240 default dim\n";	/* 15 */

	(void)state;
	assert_int_equal(load(&c, text), 3);
	assert_int_equal(c.nerrors, 3);
	assert_string_equal(c.errors[0], "cfg:8: unknown setting 'frobnicate' (bind, "
			    "unbind, color, mono, width, layout, show-stripped, "
			    "mouse, hyperlinks, browser, mark-read, segment or max-input)");
	assert_string_equal(c.errors[1], "cfg:10: unknown action 'nowhere' "
			    "(tnews --print-config lists them)");
	assert_string_equal(c.errors[2], "cfg:14: layout: unknown value 'diagonal' "
			    "(auto, stacked or side)");
	assert_int_equal(c.width, 60);
	assert_int_equal(c.layout, CONFIG_LAYOUT_SIDE);
	assert_int_equal(c.show_stripped, 1);
	assert_int_equal(c.mark_read, CONFIG_READ_END);
	assert_int_equal(c.colors[CONFIG_EL_TITLE].fg, 1);
	assert_int_equal(config_key_action(&c, 'x', -1), A_QUIT);
	assert_int_equal(config_key_action(&c, 'q', A_QUIT), -1);
	assert_int_equal(config_key_action(&c, 'J', 99), 99);
	assert_int_equal(c.seg, SEG_EXPLICIT);
	assert_int_equal(c.mono, 1);
	assert_int_equal(c.colors[CONFIG_EL_STRIPPED].fg, 240);
	assert_int_equal(c.colors[CONFIG_EL_STRIPPED].attrs, CONFIG_ATTR_DIM);
	config_free(&c);
}

/* Every setting and each of its values, and the defaults. */
static void test_settings(void **state)
{
	struct config c;

	(void)state;
	config_init(&c);
	assert_int_equal(c.width, 72);
	assert_int_equal(c.layout, CONFIG_LAYOUT_AUTO);
	assert_int_equal(c.show_stripped, 0);
	assert_int_equal(c.mark_read, CONFIG_READ_OPEN);
	assert_int_equal(c.seg, SEG_AUTO);
	assert_int_equal(c.mono, 0);
	assert_int_equal(c.hyperlinks, CONFIG_HL_AUTO);
	config_free(&c);

	assert_int_equal(load(&c, "hyperlinks yes\n"), 0);
	assert_int_equal(c.hyperlinks, CONFIG_HL_YES);
	config_free(&c);
	assert_int_equal(load(&c, "hyperlinks no\n"), 0);
	assert_int_equal(c.hyperlinks, CONFIG_HL_NO);
	config_free(&c);
	assert_int_equal(load(&c, "hyperlinks no\nhyperlinks auto\n"), 0);
	assert_int_equal(c.hyperlinks, CONFIG_HL_AUTO);
	config_free(&c);
	assert_int_equal(load(&c, "hyperlinks maybe\n"), 1);	/* one error, the default kept */
	assert_int_equal(c.hyperlinks, CONFIG_HL_AUTO);
	config_free(&c);

	assert_int_equal(load(&c, "width 1\nlayout stacked\nshow-stripped no\n"
			      "mark-read open\nsegment none\nmono no\n"), 0);
	assert_int_equal(c.width, 1);
	assert_int_equal(c.layout, CONFIG_LAYOUT_STACKED);
	assert_int_equal(c.seg, SEG_NONE);
	config_free(&c);
	assert_int_equal(load(&c, "width 10000\nlayout auto\nsegment auto\nmono yes\n"
			      "\tshow-stripped   yes  \n"), 0);
	assert_int_equal(c.width, 10000);
	assert_int_equal(c.seg, SEG_AUTO);
	assert_int_equal(c.mono, 1);
	assert_int_equal(c.show_stripped, 1);
	config_free(&c);

	/* bad values leave the default, each with its message */
	assert_int_equal(load(&c, "width 0\nwidth 10001\nwidth -3\nwidth 7x\nwidth\n"
			      "width 1 2\nshow-stripped maybe\nmark-read never\n"
			      "segment some\nmono perhaps\nlayout\nWidth 50\n"), 12);
	assert_int_equal(c.width, 72);
	assert_string_equal(c.errors[0], "cfg:1: width: invalid value '0' (a number from 1 to 10000)");
	assert_string_equal(c.errors[4], "cfg:5: width: missing value");
	assert_string_equal(c.errors[5], "cfg:6: width: too many values");
	assert_string_equal(c.errors[6], "cfg:7: show-stripped: unknown value 'maybe' (yes or no)");
	assert_string_equal(c.errors[7], "cfg:8: mark-read: unknown value 'never' (open or end)");
	assert_string_equal(c.errors[8], "cfg:9: segment: unknown value 'some' (auto, explicit or none)");
	assert_string_equal(c.errors[9], "cfg:10: mono: unknown value 'perhaps' (yes or no)");
	assert_string_equal(c.errors[10], "cfg:11: layout: missing value");
	assert_int_equal(strncmp(c.errors[11], "cfg:12: unknown setting 'Width'", 31), 0);
	config_free(&c);

	/* max-input: a size; 0 (unset) means input.h's default */
	config_init(&c);
	assert_int_equal(c.max_input, 0);
	config_free(&c);
	assert_int_equal(load(&c, "max-input 1G\n"), 0);
	assert_int_equal(c.max_input, (size_t)1 << 30);
	config_free(&c);
	assert_int_equal(load(&c, "max-input 0\nmax-input lots\nmax-input\n"), 3);
	assert_int_equal(c.max_input, 0);
	assert_string_equal(c.errors[0], "cfg:1: max-input: invalid size '0' (a number with K, M or G)");
	assert_string_equal(c.errors[2], "cfg:3: max-input: missing value");
	config_free(&c);
}

/* Every key name parses back to the code it was printed from. */
static void test_key_names(void **state)
{
	int codes[3], keys[] = { 'j', 'J', '#', '\\', '~', ' ', '\t', TK_BTAB, 27,
		TK_UP, TK_DOWN, TK_LEFT, TK_RIGHT, TK_PPAGE, TK_NPAGE, TK_HOME,
		TK_END, TK_BACKSPACE, TK_F(1), TK_F(12), 1, 26, 127, TK_DC };
	char buf[32];

	(void)state;
	for (size_t i = 0; i < sizeof keys / sizeof keys[0]; i++) {
		config_key_name(keys[i], buf, sizeof buf);
		assert_int_equal(config_key_parse(buf, codes), 1);
		assert_int_equal(codes[0], keys[i]);
	}
	assert_string_equal(config_key_name(' ', buf, sizeof buf), "Space");
	assert_string_equal(config_key_name(TK_BTAB, buf, sizeof buf), "S-Tab");
	assert_string_equal(config_key_name(TK_NPAGE, buf, sizeof buf), "PgDn");
	assert_string_equal(config_key_name(TK_F(5), buf, sizeof buf), "F5");
	assert_string_equal(config_key_name(3, buf, sizeof buf), "C-c");
	/* Enter is three codes, each printed as Enter */
	assert_int_equal(config_key_parse("Enter", codes), 3);
	for (int i = 0; i < 3; i++)
		assert_string_equal(config_key_name(codes[i], buf, sizeof buf), "Enter");
	/* the single codes behind Enter, other spellings */
	assert_int_equal(config_key_parse("C-m", codes), 1);
	assert_int_equal(codes[0], '\r');
	assert_int_equal(config_key_parse("C-J", codes), 1);
	assert_int_equal(codes[0], '\n');
	assert_int_equal(config_key_parse("pgup", codes), 1);
	assert_int_equal(codes[0], TK_PPAGE);
	assert_int_equal(config_key_parse("Escape", codes), 1);
	assert_int_equal(codes[0], 27);
	/* not keys */
	const char *bad[] = { "", "F0", "F13", "F01", "C-", "C-1", "jj", "#0", "#",
		"#99999", "Spacebar", "\x01", "\xc3\xa9" };
	for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
		assert_int_equal(config_key_parse(bad[i], codes), bad[i][0] == '#' && !bad[i][1]);
}

/* bind replaces a default and an earlier bind; unbind removes it. */
static void test_bind_unbind(void **state)
{
	struct config c;
	int keys[8];

	(void)state;
	assert_int_equal(load(&c, "bind j up\nbind j quit\nunbind k\nbind Enter back\n"
			      "bind PgDn page-down\nunbind Space\nbind\nbind j\n"
			      "bind j up down\nunbind\nunbind k k\nbind Hyper quit\n"), 6);
	assert_string_equal(c.errors[0], "cfg:7: bind: missing value");
	assert_string_equal(c.errors[3], "cfg:10: unbind: missing value");
	assert_string_equal(c.errors[4], "cfg:11: unbind: too many values");
	assert_string_equal(c.errors[5], "cfg:12: unknown key 'Hyper' (see KEY NAMES in tnews(1))");
	assert_int_equal(config_key_action(&c, 'j', A_DOWN), A_QUIT);
	assert_int_equal(config_key_action(&c, 'k', A_UP), -1);
	assert_int_equal(config_key_action(&c, '\r', A_OPEN), A_BACK);
	assert_int_equal(config_key_action(&c, '\n', A_OPEN), A_BACK);
	assert_int_equal(config_key_action(&c, TK_ENTER, A_OPEN), A_BACK);
	assert_int_equal(config_key_action(&c, TK_DOWN, A_DOWN), A_DOWN);
	/* one entry per key */
	assert_int_equal(c.nbinds, 7);
	assert_int_equal(config_action_keys(&c, A_DOWN, defaults, NDEF, keys, 8), 1);
	assert_int_equal(keys[0], TK_DOWN);
	assert_int_equal(config_action_keys(&c, A_UP, defaults, NDEF, keys, 8), 1);
	assert_int_equal(keys[0], TK_UP);
	assert_int_equal(config_action_keys(&c, A_QUIT, defaults, NDEF, keys, 8), 2);
	assert_int_equal(keys[0], 'q');
	assert_int_equal(keys[1], 'j');
	assert_int_equal(config_action_keys(&c, A_PAGE_DOWN, defaults, NDEF, keys, 8), 1);
	assert_int_equal(keys[0], TK_NPAGE);
	assert_int_equal(config_action_keys(&c, A_OPEN, defaults, NDEF, keys, 8), 0);
	config_free(&c);
}

/* Colours by name and number, backgrounds, attributes, mistakes. */
static void test_colors(void **state)
{
	struct config c;
	const struct config_color *col;

	(void)state;
	assert_int_equal(load(&c, "color list white blue\ncolor selection black cyan bold reverse\n"
			      "color text 0 255 underline dim\ncolor status default\n"
			      "color match yellow bold\ncolor marker magenta default\n"
			      "color help green\ncolor unread red default dim bold underline reverse\n"), 0);
	col = &c.colors[CONFIG_EL_LIST];
	assert_int_equal(col->fg, 7);
	assert_int_equal(col->bg, 4);
	assert_int_equal(col->attrs, 0);
	col = &c.colors[CONFIG_EL_SELECTION];
	assert_int_equal(col->fg, 0);
	assert_int_equal(col->bg, 6);
	assert_int_equal(col->attrs, CONFIG_ATTR_BOLD | CONFIG_ATTR_REVERSE);
	col = &c.colors[CONFIG_EL_TEXT];
	assert_int_equal(col->fg, 0);
	assert_int_equal(col->bg, 255);
	assert_int_equal(col->attrs, CONFIG_ATTR_UNDERLINE | CONFIG_ATTR_DIM);
	col = &c.colors[CONFIG_EL_STATUS];	/* a setting replaces the default's attrs */
	assert_int_equal(col->fg, CONFIG_COLOR_DEFAULT);
	assert_int_equal(col->bg, CONFIG_COLOR_DEFAULT);
	assert_int_equal(col->attrs, 0);
	col = &c.colors[CONFIG_EL_MATCH];
	assert_int_equal(col->fg, 3);
	assert_int_equal(col->bg, CONFIG_COLOR_DEFAULT);
	assert_int_equal(col->attrs, CONFIG_ATTR_BOLD);
	assert_int_equal(c.colors[CONFIG_EL_UNREAD].attrs, 15);
	config_free(&c);

	assert_int_equal(load(&c, "color title\ncolor sidebar red\ncolor title pink\n"
			      "color title 256\ncolor title red blue green\n"
			      "color title red blink\ncolour title green\n"), 6);
	assert_string_equal(c.errors[0], "cfg:1: color: missing value");
	assert_int_equal(strncmp(c.errors[1], "cfg:2: unknown element 'sidebar' (list,", 39), 0);
	assert_int_equal(strncmp(c.errors[2], "cfg:3: unknown colour 'pink' (default,", 38), 0);
	assert_int_equal(strncmp(c.errors[3], "cfg:4: unknown colour '256'", 27), 0);
	assert_string_equal(c.errors[4], "cfg:5: colour 'green' after the background");
	assert_string_equal(c.errors[5], "cfg:6: unknown attribute 'blink' (bold, dim, underline or reverse)");
	assert_int_equal(c.colors[CONFIG_EL_TITLE].fg, 2);
	assert_int_equal(c.colors[CONFIG_EL_TITLE].attrs, 0);
	config_free(&c);
}

/* Comments, blank lines, CRLF, no final newline, tabs. */
static void test_layout_of_lines(void **state)
{
	struct config c;

	(void)state;
	assert_int_equal(load(&c, "# comment\r\n   # indented comment\r\n\r\n"
			      "width 50\r\n\tlayout\tside\r\nbind # quit\r\n#width 10\n"
			      "mark-read end"), 0);
	assert_int_equal(c.width, 50);
	assert_int_equal(c.layout, CONFIG_LAYOUT_SIDE);
	assert_int_equal(c.mark_read, CONFIG_READ_END);
	assert_int_equal(config_key_action(&c, '#', -1), A_QUIT);
	config_free(&c);
	/* an error on the last line without a newline keeps its number */
	assert_int_equal(load(&c, "width 50\r\n\r\nbogus"), 1);
	assert_string_equal(c.errors[0], "cfg:3: unknown setting 'bogus' (bind, unbind, "
			    "color, mono, width, layout, show-stripped, mouse, hyperlinks, browser, mark-read, segment or max-input)");
	config_free(&c);
}

/* NUL bytes, very long lines, control characters, many errors. */
static void test_odd_input(void **state)
{
	struct config c;
	static const char nul[] = "width 40\nwid\0th 30\nlayout side\n";
	size_t big = 100000;
	char *s = xmalloc(big + 64);

	(void)state;
	config_init(&c);
	assert_int_equal(config_load_mem(&c, "cfg", nul, sizeof nul - 1, actions, NACT), 1);
	assert_string_equal(c.errors[0], "cfg:2: NUL byte in the line");
	assert_int_equal(c.width, 40);
	assert_int_equal(c.layout, CONFIG_LAYOUT_SIDE);
	config_free(&c);

	memset(s, 'x', big);
	memcpy(s, "width ", 6);
	strcpy(s + big, "\nwidth 33\n");
	assert_int_equal(load(&c, s), 1);
	assert_string_equal(c.errors[0], "cfg:1: line too long (over 4096 bytes)");
	assert_int_equal(c.width, 33);
	config_free(&c);

	/* a line of just under the limit, all one word */
	memset(s, 'y', 4096);
	s[4096] = '\0';
	assert_int_equal(load(&c, s), 1);
	config_free(&c);

	/* control characters in a message are escaped */
	assert_int_equal(load(&c, "\x1b]0;pwn\x07 1\nbind \x1b[A quit\n"
			      "a b c d e f g h i j k l m n o p q r\n"), 3);
	assert_string_equal(c.errors[0], "cfg:1: unknown setting '\\x1b]0;pwn\\a' (bind, unbind, "
			    "color, mono, width, layout, show-stripped, mouse, hyperlinks, browser, mark-read, segment or max-input)");
	assert_int_equal(strncmp(c.errors[1], "cfg:2: unknown key '\\x1b[A'", 27), 0);
	assert_string_equal(c.errors[2], "cfg:3: too many words (at most 16)");
	config_free(&c);

	/* many errors: all counted, the first CONFIG_MAX_ERRORS kept */
	s[0] = '\0';
	for (int i = 0; i < 80; i++)
		strcat(s, "?\n");
	assert_int_equal(load(&c, s), 80);
	assert_int_equal(c.nerrors, CONFIG_MAX_ERRORS);
	assert_int_equal(c.nerrors_total, 80);
	config_free(&c);

	/* random bytes never crash */
	srand(6);
	for (int round = 0; round < 200; round++) {
		size_t n = (size_t)(rand() % 300);

		for (size_t i = 0; i < n; i++) {
			static const char pick[] = "bind unbind color width # \n\r\t\0xq1 C-Enter";

			s[i] = rand() % 2 ? pick[rand() % (int)(sizeof pick - 1)] : (char)rand();
		}
		config_init(&c);
		config_load_mem(&c, "cfg", s, n, actions, NACT);
		free(print(&c));
		config_free(&c);
	}
	free(s);
}

/* A missing file: fine at the default path, an error when named. */
static void test_files(void **state)
{
	struct config c;
	char dir[] = "/tmp/test_config.XXXXXX", path[64];
	FILE *f;

	(void)state;
	assert_non_null(mkdtemp(dir));
	snprintf(path, sizeof path, "%s/none", dir);
	config_init(&c);
	assert_int_equal(config_load(&c, path, 0, actions, NACT), 0);
	assert_int_equal(c.nerrors, 0);
	assert_null(c.path);
	assert_int_equal(config_load(&c, path, 1, actions, NACT), 1);
	assert_int_equal(strncmp(c.errors[0], path, strlen(path)), 0);
	assert_string_equal(c.errors[0] + strlen(path), ": No such file or directory");
	/* a directory is an error either way */
	assert_int_equal(config_load(&c, dir, 0, actions, NACT), 1);
	config_free(&c);

	snprintf(path, sizeof path, "%s/config", dir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs("width 44\nnope\n", f);
	fclose(f);
	config_init(&c);
	assert_int_equal(config_load(&c, path, 1, actions, NACT), 1);
	assert_int_equal(c.width, 44);
	assert_string_equal(c.path, path);
	assert_string_equal(strchr(c.errors[0], ':'), ":2: unknown setting 'nope' (bind, unbind, "
			    "color, mono, width, layout, show-stripped, mouse, hyperlinks, browser, mark-read, segment or max-input)");
	config_free(&c);
	unlink(path);
	rmdir(dir);

	/* the default path: TNEWS_CONFIG, then XDG_CONFIG_HOME */
	int named;
	char *p;

	setenv("TNEWS_CONFIG", "/x/my.conf", 1);
	p = config_default_path(&named);
	assert_string_equal(p, "/x/my.conf");
	assert_int_equal(named, 1);
	free(p);
	setenv("TNEWS_CONFIG", "", 1);
	setenv("XDG_CONFIG_HOME", "/x/cfg", 1);
	p = config_default_path(&named);
	assert_string_equal(p, "/x/cfg/tnews/config");
	assert_int_equal(named, 0);
	free(p);
}

/* Printing shows every setting and binding; printed text loads back to
 * the same configuration. */
static void test_print_round_trip(void **state)
{
	const char *cases[] = {
		"",
		"width 99\nlayout stacked\nshow-stripped yes\nmark-read end\nsegment none\n"
		"mono\ncolor title 123 9 bold dim underline reverse\n",
		"bind j quit\nunbind k\nunbind Space\nbind x down\nbind C-x down\n",
		"bind C-j up\n",	/* Enter's codes no longer agree */
		"unbind Enter\nbind F2 help\nbind Left back\n",
	};

	(void)state;
	for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
		struct config c, d;
		char *one, *two;

		assert_int_equal(load(&c, cases[i]), 0);
		one = print(&c);
		assert_int_equal(load(&d, one), 0);
		two = print(&d);
		assert_string_equal(one, two);
		/* and every key does the same in both */
		for (int k = 0; k <= TK_MAX; k++) {
			int dflt = -1;

			for (size_t j = 0; j < NDEF; j++)
				if (defaults[j].key == k)
					dflt = defaults[j].action;
			assert_int_equal(config_key_action(&c, k, dflt),
					 config_key_action(&d, k, dflt));
		}
		free(one);
		free(two);
		config_free(&c);
		config_free(&d);
	}
}

/* The default configuration's printout, exactly where it matters. */
static void test_print_contents(void **state)
{
	struct config c;
	char *out;

	(void)state;
	assert_int_equal(load(&c, "unbind q\nbind x quit\nunbind Enter\n"
			      "bind Enter open\nunbind Esc\nbind C-j up\n"), 0);
	out = print(&c);
	assert_non_null(strstr(out, "\nwidth 72\n"));
	assert_non_null(strstr(out, "\nlayout auto\n"));
	assert_non_null(strstr(out, "\nshow-stripped no\n"));
	assert_non_null(strstr(out, "\nmark-read open\n"));
	assert_non_null(strstr(out, "\nsegment auto\n"));
	assert_non_null(strstr(out, "\nmono no\n"));
	assert_non_null(strstr(out, "\nmax-input 128M\n"));
	assert_non_null(strstr(out, "\ncolor title cyan default bold\n"));
	assert_non_null(strstr(out, "\nbind j down\nbind Down down\nbind k up\nbind Up up\n"
			       "bind C-j up\nbind Space page-down\nbind C-m open\n"
			       "bind #343 open\nbind x quit\nbind F1 help\n"
			       "unbind Esc\nunbind q\n"));
	free(out);
	config_free(&c);
}

/* Every control key code prints as a name that parses back to it
 * (found by fuzzing: codes 27-31 printed as "C-" and a non-letter). */
static void test_control_key_round_trip(void **state)
{
	(void)state;
	for (int key = 1; key < 128; key++) {	/* 0 ends key lists */
		char name[32];
		int codes[3] = { -1, -1, -1 };
		size_t n;

		config_key_name(key, name, sizeof name);
		n = config_key_parse(name, codes);
		assert_true(n >= 1);
		assert_true(codes[0] == key || codes[1] == key || codes[2] == key);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(test_three_mistakes),
		cmocka_unit_test(test_settings),
		cmocka_unit_test(test_key_names),
		cmocka_unit_test(test_bind_unbind),
		cmocka_unit_test(test_colors),
		cmocka_unit_test(test_layout_of_lines),
		cmocka_unit_test(test_odd_input),
		cmocka_unit_test(test_files),
		cmocka_unit_test(test_print_round_trip),
		cmocka_unit_test(test_print_contents),
		cmocka_unit_test(test_control_key_round_trip),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
