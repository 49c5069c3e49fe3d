/*
 * dir_test.c - lib/dir.c, the stat(5) directory entry codec: the exact
 * bytes it writes, that it reads back what it wrote, and that every kind
 * of malformed entry (wrong size field, cut short, strings past the end or
 * holding a NUL, bytes left over) is refused without touching the output.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <string.h>
#include <cmocka.h>

#include "u.h"
#include "dir.h"

/* The entry sample() describes, byte by byte as stat(5) lays it out. */
static const u8int want[] = {
	0x3b, 0x00,				/* size: 59 bytes follow */
	0x4d, 0x00,				/* type 'M' */
	0x04, 0x03, 0x02, 0x01,			/* dev */
	0x80,					/* qid.type QTDIR */
	0x78, 0x56, 0x34, 0x12,			/* qid.vers */
	0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01,	/* qid.path */
	0xed, 0x01, 0x00, 0x80,			/* mode DMDIR|0755 */
	0x10, 0x00, 0x00, 0x00,			/* atime */
	0x20, 0x00, 0x00, 0x00,			/* mtime */
	0x00, 0x10, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,	/* length 4096 */
	0x03, 0x00, 'u', 's', 'r',		/* name */
	0x06, 0x00, 'g', 'l', 'e', 'n', 'd', 'a',	/* uid */
	0x03, 0x00, 's', 'y', 's',		/* gid */
	0x00, 0x00,				/* muid: empty */
};

static Dir
sample(void)
{
	Dir d;

	memset(&d, 0, sizeof d);
	d.type = 'M';
	d.dev = 0x01020304;
	d.qid.type = QTDIR;
	d.qid.vers = 0x12345678;
	d.qid.path = 0x0102030405060708ULL;
	d.mode = DMDIR | 0755;
	d.atime = 0x10;
	d.mtime = 0x20;
	d.length = 4096;
	d.name = "usr";
	d.uid = "glenda";
	d.gid = "sys";
	d.muid = nil;		/* encodes as empty */
	return d;
}

static void
encoding_matches_stat5_byte_for_byte(void **state)
{
	u8int buf[128];
	Dir d;

	(void)state;
	d = sample();
	assert_int_equal(sizeD2M(&d), sizeof want);
	assert_int_equal(convD2M(&d, buf, sizeof buf), sizeof want);
	assert_memory_equal(buf, want, sizeof want);
	assert_int_equal(STATFIXLEN, 49);
}

static void
decoding_gives_back_every_field(void **state)
{
	char strs[sizeof want];
	Dir d;

	(void)state;
	assert_int_equal(convM2D(want, sizeof want, &d, strs), sizeof want);
	assert_int_equal(d.type, 'M');
	assert_int_equal(d.dev, 0x01020304);
	assert_int_equal(d.qid.type, QTDIR);
	assert_int_equal(d.qid.vers, 0x12345678);
	assert_int_equal(d.qid.path, 0x0102030405060708ULL);
	assert_int_equal(d.mode, DMDIR | 0755);
	assert_int_equal(d.atime, 0x10);
	assert_int_equal(d.mtime, 0x20);
	assert_int_equal(d.length, 4096);
	assert_string_equal(d.name, "usr");
	assert_string_equal(d.uid, "glenda");
	assert_string_equal(d.gid, "sys");
	assert_string_equal(d.muid, "");
	assert_int_equal(statcheck(want, sizeof want), 0);
}

static void
all_ones_fields_round_trip(void **state)
{
	u8int buf[STATFIXLEN];
	char strs[STATFIXLEN];
	Dir d, e;

	(void)state;
	/* nulldir's "don't touch" values, length -1 included */
	memset(&d, 0xFF, sizeof d);
	d.name = d.uid = d.gid = d.muid = "";
	assert_int_equal(convD2M(&d, buf, sizeof buf), STATFIXLEN);
	assert_int_equal(convM2D(buf, STATFIXLEN, &e, strs), STATFIXLEN);
	assert_int_equal(e.length, -1);
	assert_int_equal(e.mode, 0xFFFFFFFF);
	assert_int_equal(e.qid.path, ~0ULL);
	assert_int_equal(e.type, 0xFFFF);
}

static void
encoding_refuses_a_buffer_one_byte_short(void **state)
{
	u8int buf[128];
	Dir d;

	(void)state;
	d = sample();
	memset(buf, 0xAA, sizeof buf);
	assert_int_equal(convD2M(&d, buf, sizeof want - 1), 0);
	assert_int_equal(buf[0], 0xAA);		/* nothing written */
	assert_int_equal(convD2M(&d, buf, 0), 0);
}

static void
encoding_refuses_strings_a_size_field_cannot_say(void **state)
{
	static char longname[70000];
	static u8int buf[80000];
	Dir d;

	(void)state;
	d = sample();
	memset(longname, 'x', 65536);
	longname[65536] = 0;
	d.name = longname;		/* one more than len[2] can say */
	assert_int_equal(convD2M(&d, buf, sizeof buf), 0);
	longname[65535] = 0;		/* fits its len, but not the entry's size[2] */
	assert_true(sizeD2M(&d) > STATENTRYMAX);
	assert_int_equal(convD2M(&d, buf, sizeof buf), 0);
	d.uid = d.gid = d.muid = nil;
	longname[STATMAX - (STATFIXLEN - 2)] = 0;	/* exactly the largest entry */
	assert_int_equal(convD2M(&d, buf, sizeof buf), STATENTRYMAX);
	assert_int_equal(statcheck(buf, STATENTRYMAX), 0);
}

static void
decoding_refuses_a_size_field_that_disagrees(void **state)
{
	u8int buf[sizeof want + 1];
	char strs[sizeof buf];
	Dir d;

	(void)state;
	memcpy(buf, want, sizeof want);
	buf[0]++;			/* says one more than there is */
	assert_int_equal(convM2D(buf, sizeof want, &d, strs), 0);
	buf[0] -= 2;			/* says one less */
	assert_int_equal(convM2D(buf, sizeof want, &d, strs), 0);
	/* a byte left over after muid, the size field agreeing */
	memcpy(buf, want, sizeof want);
	buf[0]++;
	buf[sizeof want] = 0;
	assert_int_equal(convM2D(buf, sizeof buf, &d, strs), 0);
	assert_int_equal(statcheck(buf, sizeof buf), -1);
}

static void
decoding_refuses_every_truncation(void **state)
{
	u8int buf[sizeof want];
	char strs[sizeof want];
	u32int n;
	Dir d;

	(void)state;
	for(n = 0; n < sizeof want; n++){
		memcpy(buf, want, n);
		if(n >= 2){
			buf[0] = (n - 2) & 0xFF;	/* the size field even agrees */
			buf[1] = (n - 2) >> 8;
		}
		if(convM2D(buf, n, &d, strs) != 0 || statcheck(buf, n) != -1)
			fail_msg("an entry cut to %u bytes was accepted", n);
	}
}

static void
decoding_refuses_a_string_running_past_the_end(void **state)
{
	u8int buf[sizeof want];
	char strs[sizeof want];
	Dir d;

	(void)state;
	memcpy(buf, want, sizeof want);
	buf[41] = 0xFF;			/* name's len: 255 */
	assert_int_equal(convM2D(buf, sizeof buf, &d, strs), 0);
	memcpy(buf, want, sizeof want);
	buf[sizeof want - 2] = 1;	/* muid's len: 1, but nothing follows */
	assert_int_equal(convM2D(buf, sizeof buf, &d, strs), 0);
	memcpy(buf, want, sizeof want);
	buf[41] = 2;			/* name shorter: the rest no longer lines up */
	assert_int_equal(convM2D(buf, sizeof buf, &d, strs), 0);
}

static void
decoding_refuses_a_nul_inside_a_string(void **state)
{
	u8int buf[sizeof want];
	char strs[sizeof want];
	Dir d;

	(void)state;
	memcpy(buf, want, sizeof want);
	buf[44] = 0;			/* "u\0r" */
	assert_int_equal(convM2D(buf, sizeof buf, &d, strs), 0);
	assert_int_equal(statcheck(buf, sizeof buf), -1);
}

static void
refused_entry_leaves_dir_and_strings_untouched(void **state)
{
	u8int buf[sizeof want];
	char strs[sizeof want];
	Dir d;

	(void)state;
	memcpy(buf, want, sizeof want);
	buf[sizeof want - 2] = 1;
	memset(&d, 0x5A, sizeof d);
	memset(strs, 0x5A, sizeof strs);
	assert_int_equal(convM2D(buf, sizeof buf, &d, strs), 0);
	assert_int_equal(d.mode, 0x5A5A5A5A);
	assert_int_equal((u8int)strs[0], 0x5A);
}

static void
decoding_in_place_moves_strings_down_safely(void **state)
{
	u8int buf[sizeof want];
	Dir d;

	(void)state;
	memcpy(buf, want, sizeof want);
	assert_int_equal(convM2D(buf, sizeof buf, &d, (char *)buf), sizeof want);
	assert_int_equal(d.length, 4096);
	assert_int_equal(d.qid.path, 0x0102030405060708ULL);
	assert_string_equal(d.name, "usr");
	assert_string_equal(d.uid, "glenda");
	assert_string_equal(d.gid, "sys");
	assert_string_equal(d.muid, "");
	assert_ptr_equal(d.name, (char *)buf);
}

static void
decoding_without_strs_gives_the_fixed_part(void **state)
{
	Dir d;

	(void)state;
	assert_int_equal(convM2D(want, sizeof want, &d, nil), sizeof want);
	assert_int_equal(d.length, 4096);
	assert_null(d.name);
	assert_null(d.muid);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(encoding_matches_stat5_byte_for_byte),
		cmocka_unit_test(decoding_gives_back_every_field),
		cmocka_unit_test(all_ones_fields_round_trip),
		cmocka_unit_test(encoding_refuses_a_buffer_one_byte_short),
		cmocka_unit_test(encoding_refuses_strings_a_size_field_cannot_say),
		cmocka_unit_test(decoding_refuses_a_size_field_that_disagrees),
		cmocka_unit_test(decoding_refuses_every_truncation),
		cmocka_unit_test(decoding_refuses_a_string_running_past_the_end),
		cmocka_unit_test(decoding_refuses_a_nul_inside_a_string),
		cmocka_unit_test(refused_entry_leaves_dir_and_strings_untouched),
		cmocka_unit_test(decoding_in_place_moves_strings_down_safely),
		cmocka_unit_test(decoding_without_strs_gives_the_fixed_part),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
