/*
 * cmdline_test.c - kernel command line lookups: key=value and bare flags,
 * last occurrence wins, truncation, and comma-separated lists like test=.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "u.h"
#include "cmdline.h"

static void
key_value_is_found(void **state)
{
	char v[32];

	(void)state;
	assert_int_equal(cmdlineget("log=debug test=frames,heap", "test", v, sizeof v), 1);
	assert_string_equal(v, "frames,heap");
	assert_int_equal(cmdlineget("log=debug test=frames,heap", "log", v, sizeof v), 1);
	assert_string_equal(v, "debug");
}

static void
bare_flag_gives_empty_value(void **state)
{
	char v[8] = "junk";

	(void)state;
	assert_int_equal(cmdlineget("quiet nosmp", "nosmp", v, sizeof v), 1);
	assert_string_equal(v, "");
	strcpy(v, "junk");
	assert_int_equal(cmdlineget("a key= b", "key", v, sizeof v), 1);
	assert_string_equal(v, "");
}

static void
absent_key_returns_zero_and_empty_value(void **state)
{
	char v[8] = "junk";

	(void)state;
	assert_int_equal(cmdlineget("log=debug", "test", v, sizeof v), 0);
	assert_string_equal(v, "");
	assert_int_equal(cmdlineget("", "log", v, sizeof v), 0);
	assert_int_equal(cmdlineget(NULL, "log", v, sizeof v), 0);
	assert_int_equal(cmdlineget("   \t ", "log", v, sizeof v), 0);
}

static void
last_occurrence_wins(void **state)
{
	char v[16];

	(void)state;
	assert_int_equal(cmdlineget("log=info x log=debug", "log", v, sizeof v), 1);
	assert_string_equal(v, "debug");
	assert_int_equal(cmdlineget("log=debug log", "log", v, sizeof v), 1);
	assert_string_equal(v, "");
	assert_int_equal(cmdlineget("log log=quiet", "log", v, sizeof v), 1);
	assert_string_equal(v, "quiet");
}

static void
key_must_match_whole_name(void **state)
{
	char v[16];

	(void)state;
	assert_int_equal(cmdlineget("testing=1 mytest=2 tes=3", "test", v, sizeof v), 0);
	assert_int_equal(cmdlineget("testing=1 test=4 tes=3", "test", v, sizeof v), 1);
	assert_string_equal(v, "4");
	assert_int_equal(cmdlineget("=5", "", v, sizeof v), 0);
}

static void
value_keeps_everything_after_first_equals(void **state)
{
	char v[16];

	(void)state;
	assert_int_equal(cmdlineget("root=dev=sd0 x", "root", v, sizeof v), 1);
	assert_string_equal(v, "dev=sd0");
}

static void
blanks_of_any_kind_separate_tokens(void **state)
{
	char v[16];

	(void)state;
	assert_int_equal(cmdlineget("  a=1\t\tb=2\nc=3\r\n", "b", v, sizeof v), 1);
	assert_string_equal(v, "2");
	assert_int_equal(cmdlineget("  a=1\t\tb=2\nc=3\r\n", "c", v, sizeof v), 1);
	assert_string_equal(v, "3");
}

static void
long_value_is_truncated_and_flagged(void **state)
{
	char v[6];

	(void)state;
	memset(v, 'z', sizeof v);
	assert_int_equal(cmdlineget("k=abcdefgh", "k", v, sizeof v), -1);
	assert_string_equal(v, "abcde");
	/* exactly fitting is not truncation */
	assert_int_equal(cmdlineget("k=abcde", "k", v, sizeof v), 1);
	assert_string_equal(v, "abcde");
	assert_int_equal(cmdlineget("k=abcdef", "k", v, sizeof v), -1);
}

static void
zero_sized_value_buffer_reports_truncation(void **state)
{
	char v[1] = { 'z' };

	(void)state;
	assert_int_equal(cmdlineget("k=1", "k", v, 0), -1);
	assert_int_equal(v[0], 'z');
	assert_int_equal(cmdlineget("k=1", "j", v, 0), 0);
	/* one byte holds only the NUL: a flag fits, a value does not */
	assert_int_equal(cmdlineget("k", "k", v, 1), 1);
	assert_int_equal(cmdlineget("k=1", "k", v, 1), -1);
	assert_string_equal(v, "");
}

static void
list_contains_named_items(void **state)
{
	(void)state;
	assert_int_equal(cmdlinehas("frames,heap", "frames"), 1);
	assert_int_equal(cmdlinehas("frames,heap", "heap"), 1);
	assert_int_equal(cmdlinehas("heap", "heap"), 1);
	assert_int_equal(cmdlinehas("frames,heap", "pipe"), 0);
}

static void
list_item_must_match_whole_element(void **state)
{
	(void)state;
	assert_int_equal(cmdlinehas("frames,heap", "frame"), 0);
	assert_int_equal(cmdlinehas("frames,heap", "heaps"), 0);
	assert_int_equal(cmdlinehas("frames,heap", "frames,heap"), 0);
	assert_int_equal(cmdlinehas("xall,allx", "pipe"), 0);
}

static void
all_matches_every_item(void **state)
{
	(void)state;
	assert_int_equal(cmdlinehas("all", "frames"), 1);
	assert_int_equal(cmdlinehas("all", "anything"), 1);
	assert_int_equal(cmdlinehas("heap,all", "pipe"), 1);
}

static void
empty_list_or_item_matches_nothing(void **state)
{
	(void)state;
	assert_int_equal(cmdlinehas("", "frames"), 0);
	assert_int_equal(cmdlinehas(NULL, "frames"), 0);
	assert_int_equal(cmdlinehas("a,,b,", ""), 0);
	assert_int_equal(cmdlinehas("a,,b,", "b"), 1);
	assert_int_equal(cmdlinehas("all", ""), 0);
}

static void
test_option_feeds_list_lookup(void **state)
{
	char v[64];

	(void)state;
	assert_int_equal(cmdlineget("console=com1 test=frames,heap log=info", "test", v, sizeof v), 1);
	assert_true(cmdlinehas(v, "heap"));
	assert_false(cmdlinehas(v, "acpi"));
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(key_value_is_found),
		cmocka_unit_test(bare_flag_gives_empty_value),
		cmocka_unit_test(absent_key_returns_zero_and_empty_value),
		cmocka_unit_test(last_occurrence_wins),
		cmocka_unit_test(key_must_match_whole_name),
		cmocka_unit_test(value_keeps_everything_after_first_equals),
		cmocka_unit_test(blanks_of_any_kind_separate_tokens),
		cmocka_unit_test(long_value_is_truncated_and_flagged),
		cmocka_unit_test(zero_sized_value_buffer_reports_truncation),
		cmocka_unit_test(list_contains_named_items),
		cmocka_unit_test(list_item_must_match_whole_element),
		cmocka_unit_test(all_matches_every_item),
		cmocka_unit_test(empty_list_or_item_matches_nothing),
		cmocka_unit_test(test_option_feeds_list_lookup),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
