/*
 * fmt_test.c - lib/fmt.c against the host's snprintf, which is the oracle
 * for every C verb, flag, width, precision and length modifier; plus the
 * places Lux9 deliberately differs (nil, %p, unknown verbs) and snprint's
 * truncation rules.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "u.h"
#include "fmt.h"

enum { BUFLEN = 512 };

static int nchecked;

/* A sink that counts bytes and remembers the largest piece it was given. */
typedef struct Count Count;
struct Count {
	size_t n;
	size_t maxpiece;
};

static void
countput(void *arg, const char *s, size_t n)
{
	Count *c = arg;

	(void)s;
	c->n += n;
	if(n > c->maxpiece)
		c->maxpiece = n;
}

static int
vfmtcount(const char *f, va_list ap)
{
	Count c = {0, 0};
	int r;

	r = vfmt(countput, &c, f, ap);
	assert_int_equal(r, (int)c.n);
	return r;
}

/* No format attribute, so formats C leaves undefined can be tried. */
static int
fmtv(char *buf, size_t len, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vsnprint(buf, len, f, ap);
	va_end(ap);
	return n;
}

/* Format with the host's vsnprintf and with ours; they must agree exactly. */
static void
check(const char *f, ...)
{
	char want[BUFLEN], got[BUFLEN];
	va_list ap, aq, ar;
	int wn, gn, cn;

	va_start(ap, f);
	va_copy(aq, ap);
	va_copy(ar, ap);
	wn = vsnprintf(want, sizeof want, f, ap);
	gn = vsnprint(got, sizeof got, f, aq);
	cn = vfmtcount(f, ar);
	va_end(ar);
	va_end(aq);
	va_end(ap);
	assert_true(wn >= 0 && wn < BUFLEN);
	if(strcmp(want, got) != 0 || gn != wn || cn != wn)
		fail_msg("format \"%s\": want \"%s\" (%d), got \"%s\" (%d), vfmt counted %d",
			f, want, wn, got, gn, cn);
	nchecked++;
}

/* All combinations of flags, widths and precisions for one verb. */
enum { MAXSPECS = 32*5*7 };
static const char *widths[] = { "", "1", "5", "12", "25" };
static const char *precs[] = { "", ".", ".0", ".1", ".3", ".12", ".30" };

static int
mkspecs(char specs[][24], const char *len, char verb, int sharpok)
{
	static const char flagch[] = "-0+ #";
	char flags[8];
	int m, i, j, k, nf, n;

	n = 0;
	for(m = 0; m < 32; m++){
		if((m & 16) && !sharpok)
			continue;
		nf = 0;
		for(i = 0; i < 5; i++)
			if(m & (1<<i))
				flags[nf++] = flagch[i];
		flags[nf] = 0;
		for(j = 0; j < (int)nelem(widths); j++)
			for(k = 0; k < (int)nelem(precs); k++)
				snprintf(specs[n++], 24, "%%%s%s%s%s%c", flags, widths[j], precs[k], len, verb);
	}
	return n;
}

static const int ints[] = {
	0, 1, -1, 7, -7, 42, -42, 255, 256, -129, 300, 65535, 65536, -32769,
	0x1234abcd, INT_MAX, INT_MIN, INT_MAX-1, INT_MIN+1,
};
static const long long vlongs[] = {
	0, 1, -1, 9, -9, 1000000007LL, -1000000007LL, 0x123456789abcdefLL,
	INT_MAX, (long long)INT_MAX+1, INT_MIN, (long long)INT_MIN-1,
	LLONG_MAX, LLONG_MIN, LLONG_MIN+1,
};

static void
int_verbs_match_c_for_every_flag_width_and_precision(void **state)
{
	static char specs[MAXSPECS][24];
	static const char *verbs = "diuxXo";
	static const char *lens[] = { "", "hh", "h" };
	int s, n, i, v, l;
	char verb;

	(void)state;
	for(v = 0; verbs[v] != 0; v++){
		verb = verbs[v];
		for(l = 0; l < (int)nelem(lens); l++){
			/* C leaves # with d, i and u undefined */
			n = mkspecs(specs, lens[l], verb, strchr("xXo", verb) != NULL);
			for(s = 0; s < n; s++)
				for(i = 0; i < (int)nelem(ints); i++)
					if(verb == 'd' || verb == 'i')
						check(specs[s], ints[i]);
					else
						check(specs[s], (unsigned int)ints[i]);
		}
	}
}

static void
long_verbs_match_c_for_every_flag_width_and_precision(void **state)
{
	static char specs[MAXSPECS][24];
	static const char *verbs = "diuxXo";
	static const char *lens[] = { "l", "ll", "j", "z", "t" };
	int s, n, i, v, l;
	char verb;
	long long x;

	(void)state;
	for(v = 0; verbs[v] != 0; v++){
		verb = verbs[v];
		for(l = 0; l < (int)nelem(lens); l++){
			n = mkspecs(specs, lens[l], verb, strchr("xXo", verb) != NULL);
			for(s = 0; s < n; s++)
				for(i = 0; i < (int)nelem(vlongs); i++){
					x = vlongs[i];
					switch(lens[l][0]){
					case 'l':
						if(verb == 'd' || verb == 'i')
							check(specs[s], x);	/* long and long long: one width here */
						else
							check(specs[s], (unsigned long long)x);
						break;
					case 'j':
						if(verb == 'd' || verb == 'i')
							check(specs[s], (intmax_t)x);
						else
							check(specs[s], (uintmax_t)x);
						break;
					case 'z':
					case 't':
						if(verb == 'd' || verb == 'i')
							check(specs[s], (ptrdiff_t)x);
						else
							check(specs[s], (size_t)x);
						break;
					}
				}
		}
	}
}

static void
int64_extremes_print_like_c(void **state)
{
	char buf[64];

	(void)state;
	check("%lld", LLONG_MIN);
	check("%+025lld", LLONG_MIN);
	check("%llu", ULLONG_MAX);
	check("%#llo", ULLONG_MAX);
	check("%#llX", ULLONG_MAX);
	snprint(buf, sizeof buf, "%lld", (long long)INT64_MIN);
	assert_string_equal(buf, "-9223372036854775808");
	snprint(buf, sizeof buf, "%llo", (unsigned long long)UINT64_MAX);
	assert_string_equal(buf, "1777777777777777777777");
}

static void
zero_with_precision_zero_prints_no_digits(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(snprint(buf, sizeof buf, "[%.0d]", 0), 2);
	assert_string_equal(buf, "[]");
	snprint(buf, sizeof buf, "[%5.0x]", 0u);
	assert_string_equal(buf, "[     ]");
	/* but %#o still shows the one 0 that marks it octal */
	snprint(buf, sizeof buf, "[%#.0o]", 0u);
	assert_string_equal(buf, "[0]");
	/* and # adds no 0x to a zero */
	snprint(buf, sizeof buf, "[%#x]", 0u);
	assert_string_equal(buf, "[0]");
}

static void
star_width_and_precision_match_c(void **state)
{
	static const int ws[] = { -30, -5, -1, 0, 1, 5, 30 };
	int i, j;

	(void)state;
	for(i = 0; i < (int)nelem(ws); i++){
		for(j = 0; j < (int)nelem(ws); j++){
			check("%*.*d|", ws[i], ws[j], -123);
			check("%0*.*x|", ws[i], ws[j], 0xabcu);
			check("%*.*s|", ws[i], ws[j], "hello");
		}
		check("%-*c|", ws[i], 'q');
		check("%0*d|", ws[i], 77);
	}
}

static void
strings_and_chars_match_c(void **state)
{
	static const char *strs[] = { "", "a", "hello", "a longer string of text" };
	static const char *fmts[] = {
		"%s", "%10s", "%-10s", "%.0s", "%.3s", "%10.3s", "%-10.3s", "%.30s", "%1s",
		"[%s|%s]",
	};
	int i, j;

	(void)state;
	for(i = 0; i < (int)nelem(fmts); i++)
		for(j = 0; j < (int)nelem(strs); j++)
			check(fmts[i], strs[j], strs[nelem(strs)-1-j]);
	check("%c%c%c", 'a', 'b', 'c');
	check("%5c|%-5c|%1c", 'x', 'y', 'z');
	check("%hhd %hhu %hd %hu", 200, 200, 70000, 70000);
	check("100%% %s", "sure");
	check("%%d");
}

static void
precision_bounds_read_of_unterminated_string(void **state)
{
	char abc[3] = { 'a', 'b', 'c' };	/* no NUL: ASan would catch a strlen */
	char buf[16];

	(void)state;
	assert_int_equal(snprint(buf, sizeof buf, "%.3s!", abc), 4);
	assert_string_equal(buf, "abc!");
	assert_int_equal(snprint(buf, sizeof buf, "%.*s", 2, abc), 2);
	assert_string_equal(buf, "ab");
}

static void
char_zero_is_emitted_and_counted(void **state)
{
	char buf[8];

	(void)state;
	memset(buf, 'z', sizeof buf);
	assert_int_equal(snprint(buf, sizeof buf, "a%cb", 0), 3);
	assert_memory_equal(buf, "a\0b\0", 4);
}

static void
nil_string_prints_nil_marker(void **state)
{
	char buf[32];

	(void)state;
	assert_int_equal(fmtv(buf, sizeof buf, "%s", (char *)NULL), 5);
	assert_string_equal(buf, "<nil>");
	fmtv(buf, sizeof buf, "[%7s]", (char *)NULL);
	assert_string_equal(buf, "[  <nil>]");
	fmtv(buf, sizeof buf, "[%.3s]", (char *)NULL);
	assert_string_equal(buf, "[<ni]");
	fmtv(buf, sizeof buf, NULL);
	assert_string_equal(buf, "<nil>");
}

static void
pointer_prints_0x_and_hex(void **state)
{
	char buf[64], want[64];
	int x;
	void *p = &x;

	(void)state;
	snprint(buf, sizeof buf, "%p", p);
	snprintf(want, sizeof want, "0x%lx", (unsigned long)(uintptr_t)p);
	assert_string_equal(buf, want);
	check("%p", p);
	check("[%30p]", p);
	check("[%-30p]", p);
	snprint(buf, sizeof buf, "%p", (void *)0);
	assert_string_equal(buf, "0x0");
	snprint(buf, sizeof buf, "%p", (void *)UINTPTR_MAX);
	assert_string_equal(buf, "0xffffffffffffffff");
	snprint(buf, sizeof buf, "[%6p]", (void *)0xab);
	assert_string_equal(buf, "[  0xab]");
}

static void
unknown_verb_is_printed_as_written(void **state)
{
	char buf[64];
	int x = 5;

	(void)state;
	assert_int_equal(fmtv(buf, sizeof buf, "%y"), 2);
	assert_string_equal(buf, "%y");
	fmtv(buf, sizeof buf, "a%-5.2yb%d", 9);
	assert_string_equal(buf, "a%-5.2yb9");
	fmtv(buf, sizeof buf, "%lq|%Lf|%hhk");
	assert_string_equal(buf, "%lq|%Lf|%hhk");
	/* %n must never write through its argument */
	fmtv(buf, sizeof buf, "ab%ncd", &x);
	assert_string_equal(buf, "ab%ncd");
	assert_int_equal(x, 5);
}

static void
trailing_percent_is_printed(void **state)
{
	char buf[16];

	(void)state;
	assert_int_equal(fmtv(buf, sizeof buf, "abc%"), 4);
	assert_string_equal(buf, "abc%");
	fmtv(buf, sizeof buf, "abc%-08");
	assert_string_equal(buf, "abc%-08");
}

static void
snprint_truncates_and_always_terminates(void **state)
{
	char buf[16];

	(void)state;
	memset(buf, 'z', sizeof buf);
	assert_int_equal(snprint(buf, 5, "hello world"), 4);
	assert_string_equal(buf, "hell");
	assert_int_equal(buf[5], 'z');

	assert_int_equal(snprint(buf, 1, "hello"), 0);
	assert_string_equal(buf, "");

	/* cut inside a number and inside padding */
	assert_int_equal(snprint(buf, 4, "%d", -123456), 3);
	assert_string_equal(buf, "-12");
	assert_int_equal(snprint(buf, 6, "%10d", 1), 5);
	assert_string_equal(buf, "     ");
	assert_int_equal(snprint(buf, 6, "%-10d|", 1), 5);
	assert_string_equal(buf, "1    ");

	/* exactly fitting */
	assert_int_equal(snprint(buf, 6, "%s", "hello"), 5);
	assert_string_equal(buf, "hello");
}

static void
snprint_with_zero_length_stores_nothing(void **state)
{
	char buf[4] = { 'x', 'y', 'z', 'w' };

	(void)state;
	assert_int_equal(snprint(buf, 0, "hello %d", 5), 0);
	assert_memory_equal(buf, "xyzw", 4);
	assert_int_equal(snprint(NULL, 0, "hello"), 0);
}

static void
snprint_of_own_buffer_is_safe(void **state)
{
	char buf[16];

	(void)state;
	strcpy(buf, "abcdef");
	snprint(buf, sizeof buf, "%s%s", "xy", buf + 2);
	assert_string_equal(buf, "xycdef");
}

static void
vfmt_counts_everything_even_when_snprint_truncates(void **state)
{
	char small[8];

	(void)state;
	check("%300d|%-200s|", 5, "x");
	assert_int_equal(snprint(small, sizeof small, "%300d", 5), 7);
}

static int
fmtcount(Count *c, const char *f, ...)
{
	va_list ap;
	int n;

	va_start(ap, f);
	n = vfmt(countput, c, f, ap);
	va_end(ap);
	return n;
}

static void
vfmt_emits_wide_fields_in_small_pieces(void **state)
{
	Count c = {0, 0};

	(void)state;
	/* the kernel console has no line buffer: output must stream */
	assert_int_equal(fmtcount(&c, "%100000d%-100000s%.100000x%0100000lld", 1, "s", 2u, -3LL),
		400000);
	assert_int_equal(c.n, 400000);
	assert_true(c.maxpiece <= 32);
}

static void
huge_width_saturates_instead_of_overflowing(void **state)
{
	char buf[8];

	(void)state;
	/* would overflow an int if parsed naively; must not crash or loop forever */
	assert_int_equal(fmtv(buf, sizeof buf, "%99999999999999999999.99999999999999999999y"), 7);
	assert_int_equal(fmtv(buf, sizeof buf, "%*d", INT_MIN, 1), 7);
	assert_string_equal(buf, "1      ");
}

static void
table_size_is_what_the_oracle_checked(void **state)
{
	(void)state;
	/* guards against the tables above silently shrinking to nothing */
	assert_true(nchecked > 100000);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(int_verbs_match_c_for_every_flag_width_and_precision),
		cmocka_unit_test(long_verbs_match_c_for_every_flag_width_and_precision),
		cmocka_unit_test(int64_extremes_print_like_c),
		cmocka_unit_test(zero_with_precision_zero_prints_no_digits),
		cmocka_unit_test(star_width_and_precision_match_c),
		cmocka_unit_test(strings_and_chars_match_c),
		cmocka_unit_test(precision_bounds_read_of_unterminated_string),
		cmocka_unit_test(char_zero_is_emitted_and_counted),
		cmocka_unit_test(nil_string_prints_nil_marker),
		cmocka_unit_test(pointer_prints_0x_and_hex),
		cmocka_unit_test(unknown_verb_is_printed_as_written),
		cmocka_unit_test(trailing_percent_is_printed),
		cmocka_unit_test(snprint_truncates_and_always_terminates),
		cmocka_unit_test(snprint_with_zero_length_stores_nothing),
		cmocka_unit_test(snprint_of_own_buffer_is_safe),
		cmocka_unit_test(vfmt_counts_everything_even_when_snprint_truncates),
		cmocka_unit_test(vfmt_emits_wide_fields_in_small_pieces),
		cmocka_unit_test(huge_width_saturates_instead_of_overflowing),
		cmocka_unit_test(table_size_is_what_the_oracle_checked),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
