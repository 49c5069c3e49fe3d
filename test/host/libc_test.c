/*
 * libc_test.c - Lux9's libc (user/libc) on the host, the parts that need
 * no files: strings, runes, character classes, numbers, print into memory
 * and its Plan 9 verbs, the error string, ARGBEGIN, malloc, exits.
 * (libcio_test.c has file output, directories and Bio.)
 *
 * A unity build: libc's .c files are #included below, after
 * user/libc/hosted.h has renamed every libc name to lux_*, so they live
 * beside the host's C library; the test code writes the plain names and
 * gets libc's.  The system calls libc makes are faked here: write
 * captures, errstr swaps with a fake kernel string, _exits jumps back into
 * the test, sbrk hands out a static arena.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <ctype.h>
#include <cmocka.h>

/* the host's own, as oracles, taken before hosted.h renames the names */
static int (*const hostclass[])(int) = {
	(isalpha), (isdigit), (isalnum), (isspace), (isupper), (islower),
	(isxdigit), (ispunct), (isprint), (isgraph), (iscntrl), (tolower), (toupper),
};
static long long (*const hoststrtoll)(const char *, char **, int) = strtoll;
static unsigned long long (*const hoststrtoull)(const char *, char **, int) = strtoull;

#include "../../user/libc/hosted.h"
#include "../../user/libc/string.c"
#include "../../lib/string.c"
#include "../../user/libc/rune.c"
#include "../../user/libc/ctype.c"
#include "../../user/libc/strto.c"
#include "../../user/libc/print.c"
#include "../../user/libc/errstr.c"
#include "../../user/libc/exits.c"
#include "../../user/libc/lock.c"
#include "../../user/libc/malloc.c"

static int (*const ourclass[])(int) = {
	isalpha, isdigit, isalnum, isspace, isupper, islower,
	isxdigit, ispunct, isprint, isgraph, iscntrl, tolower, toupper,
};

/* ---- the fake kernel ---- */

enum { Arena = 64 << 20 };
static _Alignas(4096) uchar arena[Arena];
static usize arenaused, arenalimit = Arena;

void *
sbrk(ulong n)
{
	void *p;

	n = (n + 15) & ~15UL;
	if(n > arenalimit - arenaused)
		return (void *)-1;
	p = arena + arenaused;
	arenaused += n;
	return p;
}

typedef struct Capture Capture;
struct Capture {
	char	buf[1 << 16];
	long	n;
	int	nwrites;
};
static Capture out[3];	/* what fds 1 and 2 were sent */

long
write(int fd, const void *buf, long n)
{
	Capture *c;
	long i;

	if(fd < 1 || fd > 2)
		return -1;
	c = &out[fd];
	for(i = 0; i < n && c->n < (long)sizeof c->buf - 1; i++)
		c->buf[c->n++] = ((const char *)buf)[i];
	c->buf[c->n] = 0;
	c->nwrites++;
	return n;
}

static char kerr[ERRMAX];	/* the kernel's copy of the error string */

static void
copystr(char *d, const char *s, usize n)
{
	usize i;

	if(n == 0)
		return;
	for(i = 0; i < n-1 && s[i] != 0; i++)
		d[i] = s[i];
	d[i] = 0;
}

/* Plan 9's errstr: swap buf with the kernel's string. */
int
errstr(char *buf, uint n)
{
	char old[ERRMAX];

	copystr(old, kerr, sizeof old);
	copystr(kerr, buf, n < sizeof kerr ? n : sizeof kerr);
	copystr(buf, old, n);
	return 0;
}

static jmp_buf exitjmp;
static int exitarmed;
static char exitmsg[ERRMAX];
static int exitnil;

void
_exits(const char *msg)
{
	if(!exitarmed){
		print_error("unexpected _exits(%s)\n", msg != nil ? msg : "nil");
		__builtin_abort();
	}
	exitarmed = 0;
	exitnil = msg == nil;
	copystr(exitmsg, msg != nil ? msg : "", sizeof exitmsg);
	longjmp(exitjmp, 1);
}

int
sleep(long ms)
{
	(void)ms;
	print_error("lock: contended, but this test has one process: a lock was left held\n");
	__builtin_abort();
}

/* Run stmt, which must end the process: afterwards exitmsg says how. */
#define EXPECT_EXIT(stmt) do{ \
	exitarmed = 1; \
	if(setjmp(exitjmp) == 0){ \
		stmt; \
		exitarmed = 0; \
		fail_msg("%s returned instead of exiting", #stmt); \
	} \
}while(0)

static int
resetall(void **state)
{
	(void)state;
	memset(out, 0, sizeof out);
	kerr[0] = 0;
	exitmsg[0] = 0;
	nexit = 0;
	argv0 = nil;
	/* an empty heap over an empty arena */
	memset(freelist, 0, sizeof freelist);
	bigfree = nil;
	carve = carveend = nil;
	heapbase = heaptop = 0;
	arenaused = 0;
	arenalimit = Arena;
	return 0;
}

#define T(f)	cmocka_unit_test_setup(f, resetall)

/* ---- strings ---- */

static void
mem_functions_copy_fill_and_compare(void **state)
{
	const char *hello = "hello";
	char buf[32];

	(void)state;
	assert_ptr_equal(memset(buf, 'a', sizeof buf), buf);
	assert_int_equal(buf[0], 'a');
	assert_int_equal(buf[31], 'a');
	memcpy(buf, "0123456789", 10);
	/* overlapping both ways */
	memmove(buf+2, buf, 8);
	assert_memory_equal(buf, "0101234567", 10);
	memcpy(buf, "0123456789", 10);
	memmove(buf, buf+2, 8);
	assert_memory_equal(buf, "2345678989", 10);
	assert_int_equal(memcmp("abc", "abd", 3), -1);
	assert_int_equal(memcmp("abd", "abc", 3), 1);
	assert_int_equal(memcmp("ab\xff", "ab\x01", 3), 1);	/* bytes are unsigned */
	assert_int_equal(memcmp("abc", "abd", 2), 0);
	assert_ptr_equal(memchr(hello, 'l', 5), hello+2);
	assert_null(memchr(hello, 'o', 4));	/* n bounds the search */
	buf[0] = 'x';
	buf[1] = (char)0xE9;
	assert_ptr_equal(memchr(buf, 0xE9, 2), buf+1);
	assert_null(memchr(buf, 'q', 2));
}

static void
strcmp_orders_bytes_as_unsigned(void **state)
{
	(void)state;
	assert_int_equal(strcmp("abc", "abc"), 0);
	assert_true(strcmp("abc", "abd") < 0);
	assert_true(strcmp("ab", "abc") < 0);
	assert_true(strcmp("abc", "ab") > 0);
	/* UTF-8 sorts after ASCII */
	assert_true(strcmp("\xc3\xa9", "z") > 0);
	assert_int_equal(strncmp("abcX", "abcY", 3), 0);
	assert_true(strncmp("abcX", "abcY", 4) < 0);
	assert_int_equal(strncmp("ab", "ab", 10), 0);
	assert_true(strncmp("\xff", "a", 1) > 0);
}

static void
strcpy_family_copies_and_terminates(void **state)
{
	char buf[16], *p;

	(void)state;
	assert_ptr_equal(strcpy(buf, "hello"), buf);
	assert_string_equal(buf, "hello");
	assert_string_equal(strcat(buf, ", you"), "hello, you");
	assert_int_equal(strlen(buf), 10);
	assert_int_equal(strlen(""), 0);

	memset(buf, 'z', sizeof buf);
	strncpy(buf, "ab", 5);
	assert_memory_equal(buf, "ab\0\0\0zz", 7);	/* pads with NULs, no further */
	strncpy(buf, "abcdefgh", 3);
	assert_memory_equal(buf, "abc\0", 4);		/* stops at n, unterminated */

	p = strdup("copy me");
	assert_non_null(p);
	assert_string_equal(p, "copy me");
	free(p);
}

static void
strecpy_truncates_and_chains(void **state)
{
	char buf[8], *p, *e;

	(void)state;
	e = buf + sizeof buf;
	p = strecpy(buf, e, "abc");
	assert_ptr_equal(p, buf+3);
	p = strecpy(p, e, "defghij");
	assert_ptr_equal(p, e-1);
	assert_string_equal(buf, "abcdefg");
	assert_ptr_equal(strecpy(p, e, "more"), e-1);
	assert_string_equal(buf, "abcdefg");
	/* no room at all: nothing stored */
	buf[0] = 'q';
	assert_ptr_equal(strecpy(buf, buf, "x"), buf);
	assert_int_equal(buf[0], 'q');
}

static void
strchr_family_finds_first_last_and_substrings(void **state)
{
	const char *s = "a/b/c";

	(void)state;
	assert_ptr_equal(strchr(s, '/'), s+1);
	assert_ptr_equal(strrchr(s, '/'), s+3);
	assert_ptr_equal(strchr(s, 0), s+5);	/* C's: the NUL is found */
	assert_ptr_equal(strrchr(s, 0), s+5);
	assert_null(strchr(s, 'z'));
	assert_null(strrchr(s, 'z'));
	assert_string_equal(strstr("hello world", "o w"), "o world");
	assert_string_equal(strstr("aaab", "aab"), "aab");
	assert_ptr_equal(strstr(s, ""), s);
	assert_null(strstr("abc", "abcd"));
	assert_null(strstr("", "a"));
}

/* ---- runes ---- */

static void
runetochar_encodes_each_length_at_its_boundaries(void **state)
{
	static const struct { Rune r; const char *utf; } t[] = {
		{0x01, "\x01"}, {0x7F, "\x7F"},
		{0x80, "\xC2\x80"}, {0x7FF, "\xDF\xBF"},
		{0x800, "\xE0\xA0\x80"}, {0xFFFF, "\xEF\xBF\xBF"},
		{0x10000, "\xF0\x90\x80\x80"}, {0x10FFFF, "\xF4\x8F\xBF\xBF"},
		{0x263A, "\xE2\x98\xBA"},
		/* no encoding: the error rune */
		{0xD800, "\xEF\xBF\xBD"}, {0xDFFF, "\xEF\xBF\xBD"}, {0x110000, "\xEF\xBF\xBD"},
		{0xFFFFFFFF, "\xEF\xBF\xBD"},
	};
	char buf[UTFmax];
	usize i;
	int n;

	(void)state;
	for(i = 0; i < nelem(t); i++){
		n = runetochar(buf, &t[i].r);
		if(n != (int)strlen(t[i].utf) || memcmp(buf, t[i].utf, n) != 0)
			fail_msg("rune %#x: %d bytes, wanted %s", t[i].r, n, t[i].utf);
		assert_int_equal(runelen(t[i].r), n);
	}
}

static void
chartorune_round_trips_every_rune(void **state)
{
	char buf[UTFmax+1];
	Rune r, back;
	int n;

	(void)state;
	for(r = 1; r <= Runemax; r++){
		if(r >= 0xD800 && r <= 0xDFFF)
			continue;
		n = runetochar(buf, &r);
		buf[n] = 0;
		if(chartorune(&back, buf) != n || back != r)
			fail_msg("rune %#x did not decode back", r);
		if(!fullrune(buf, n) || (n > 1 && fullrune(buf, n-1)))
			fail_msg("fullrune is wrong for rune %#x", r);
	}
}

static void
chartorune_turns_each_bad_byte_into_one_error_rune(void **state)
{
	static const char *bad[] = {
		"\x80", "\xBF",			/* stray continuation bytes */
		"\xC0\x80", "\xC1\xBF",		/* overlong 2-byte */
		"\xE0\x80\x80", "\xE0\x9F\xBF",	/* overlong 3-byte */
		"\xF0\x80\x80\x80", "\xF0\x8F\xBF\xBF",	/* overlong 4-byte */
		"\xED\xA0\x80", "\xED\xBF\xBF",	/* surrogates */
		"\xF4\x90\x80\x80", "\xF5\x80\x80\x80", "\xFF",	/* beyond Runemax */
		"\xE2\x98", "\xE2", "\xF0\x9F\x98",	/* cut short by the NUL */
		"\xE2\x41\x42",			/* a non-continuation in the middle */
	};
	usize i;
	Rune r;

	(void)state;
	for(i = 0; i < nelem(bad); i++){
		if(chartorune(&r, bad[i]) != 1 || r != Runeerror)
			fail_msg("bad sequence %zu decoded as %#x", i, r);
	}
	/* the decoder resumes at the next byte */
	assert_int_equal(utflen("\xE2\x41\x42"), 3);
	assert_int_equal(chartorune(&r, &"\xE2\x41"[1]), 1);
	assert_int_equal(r, 'A');
}

static void
utf_searches_and_counts_runes(void **state)
{
	const char *s = "a\xE2\x98\xBA" "b\xE2\x98\xBA" "c";	/* a☺b☺c */

	(void)state;
	assert_int_equal(utflen(s), 5);
	assert_int_equal(utflen(""), 0);
	assert_ptr_equal(utfrune(s, 0x263A), s+1);
	assert_ptr_equal(utfrrune(s, 0x263A), s+5);
	assert_ptr_equal(utfrune(s, 'b'), s+4);
	assert_ptr_equal(utfrrune(s, 'c'), s+8);
	assert_null(utfrune(s, 0x263B));
	assert_null(utfrrune(s, 'z'));
	assert_int_equal(fullrune("\xE2\x98", 2), 0);
	assert_int_equal(fullrune("\x80", 1), 1);	/* bad, but decided */
	assert_int_equal(fullrune("a", 0), 0);
}

static void
utfecpy_never_splits_a_rune(void **state)
{
	char buf[6], *p;

	(void)state;
	/* "ab☺" is 5 bytes: with 5 bytes of room the rune does not fit whole */
	p = utfecpy(buf, buf+5, "ab\xE2\x98\xBA");
	assert_string_equal(buf, "ab");
	assert_ptr_equal(p, buf+2);
	p = utfecpy(buf, buf+6, "ab\xE2\x98\xBA");
	assert_string_equal(buf, "ab\xE2\x98\xBA");
	assert_ptr_equal(p, buf+5);
	p = utfecpy(buf, buf+4, "abcdef");
	assert_string_equal(buf, "abc");
	assert_ptr_equal(p, buf+3);
}

/* ---- characters and numbers ---- */

static void
ctype_matches_c_locale_for_ascii_and_rejects_the_rest(void **state)
{
	usize i;
	int c;

	(void)state;
	for(i = 0; i < nelem(ourclass); i++){
		for(c = -1; c < 128; c++){
			if(i < 11 ? !ourclass[i](c) != !hostclass[i](c) : ourclass[i](c) != hostclass[i](c))
				fail_msg("class %zu of %d: ours %d, C's %d", i, c, ourclass[i](c), hostclass[i](c));
		}
		for(c = 128; c < 256; c++)
			if(i < 11 ? ourclass[i](c) != 0 : ourclass[i](c) != c)
				fail_msg("class %zu of byte %d is not empty", i, c);
	}
}

static void
strtol_family_matches_c(void **state)
{
	static const char *in[] = {
		"0", "42", "  -42xyz", "+17", "\t\n 9", "0x1F", "0X1f", "0x", "0xg", "017", "08", "-0x10",
		"9223372036854775807", "9223372036854775808", "-9223372036854775808",
		"-9223372036854775809", "18446744073709551615", "18446744073709551616",
		"99999999999999999999999", "-1", "-99999999999999999999999", "zz", "", "-", " +",
		"1e5", "0b101", "7fffffffffffffff", "ffffffffffffffff", "10000000000000000",
	};
	static const int bases[] = {0, 2, 8, 10, 16, 36};
	char *e1, *e2;
	usize i, j;
	vlong a, b;
	uvlong ua, ub;

	(void)state;
	for(i = 0; i < nelem(in); i++)
		for(j = 0; j < nelem(bases); j++){
			a = strtoll(in[i], &e1, bases[j]);
			b = hoststrtoll(in[i], &e2, bases[j]);
			if(a != b || e1 != e2)
				fail_msg("strtoll(\"%s\", %d) = %lld +%td, C's %lld +%td",
					in[i], bases[j], a, e1 - in[i], b, e2 - in[i]);
			ua = strtoull(in[i], &e1, bases[j]);
			ub = hoststrtoull(in[i], &e2, bases[j]);
			if(ua != ub || e1 != e2)
				fail_msg("strtoull(\"%s\", %d) = %llu +%td, C's %llu +%td",
					in[i], bases[j], ua, e1 - in[i], ub, e2 - in[i]);
			assert_int_equal(strtol(in[i], nil, bases[j]), a);
			assert_int_equal(strtoul(in[i], nil, bases[j]), ua);
		}
}

static void
atoi_takes_the_base_from_the_prefix(void **state)
{
	(void)state;
	assert_int_equal(atoi("123abc"), 123);
	assert_int_equal(atoi("0x10"), 16);
	assert_int_equal(atoi("010"), 8);
	assert_int_equal(atoi(" -5"), -5);
	assert_int_equal(atoi("junk"), 0);
	assert_int_equal(atoi("99999999999"), 0x7FFFFFFF);	/* clamped, not wrapped */
	assert_int_equal(atoi("-99999999999"), -0x7FFFFFFF - 1);
	assert_int_equal(atol("0x7fffffffffffffff"), 0x7FFFFFFFFFFFFFFFLL);
	assert_int_equal(atoll("-0x8000000000000000"), INT64_MIN);
}

/* ---- print, to memory ---- */

/* Ours formats p9 (Plan 9 dialect), C's formats c; both take the args. */
static void
same(const char *p9, const char *c, ...)
{
	char want[256], got[256];
	va_list ap, aq;
	int wn, gn;

	va_start(ap, c);
	va_copy(aq, ap);
	wn = vsnprintf(want, sizeof want, c, ap);
	gn = vsnprint(got, sizeof got, p9, aq);
	va_end(aq);
	va_end(ap);
	if(wn != gn || strcmp(want, got) != 0)
		fail_msg("\"%s\" gave \"%s\" (%d); C's \"%s\" gives \"%s\" (%d)", p9, got, gn, c, want, wn);
}

static int nsame;

static void
numbers_lay_out_as_c_with_plan9_modifiers(void **state)
{
	static const char *flags[] = {"", "-", "0", "+", " ", "#", "-0", "+0", "- ", "#0", "-#"};
	static const char *widths[] = {"", "1", "5", "12", "25"};
	static const char *precs[] = {"", ".0", ".1", ".3", ".12"};
	/* Plan 9's spelling, C's, and the argument type: i int, l long, v vlong */
	static const struct { const char *p9, *c; char type; } conv[] = {
		{"d", "d", 'i'}, {"i", "i", 'i'}, {"ud", "u", 'i'}, {"o", "o", 'i'}, {"x", "x", 'i'},
		{"X", "X", 'i'}, {"ux", "x", 'i'}, {"hd", "hd", 'i'}, {"hhd", "hhd", 'i'},
		{"hud", "hu", 'i'}, {"hhux", "hhx", 'i'}, {"uhhd", "hhu", 'i'}, {"u", "u", 'i'},
		{"ld", "ld", 'l'}, {"lud", "lu", 'l'}, {"lx", "lx", 'l'}, {"lo", "lo", 'l'}, {"lu", "lu", 'l'},
		{"lld", "lld", 'v'}, {"llud", "llu", 'v'}, {"llux", "llx", 'v'}, {"llX", "llX", 'v'},
		{"ulld", "llu", 'v'}, {"llo", "llo", 'v'},
	};
	static const vlong vals[] = {0, 1, -1, 7, 255, -128, 32767, -32768, 65535, 123456789,
		0x7FFFFFFF, -0x7FFFFFFF-1, 0xFFFFFFFFLL, 0x123456789ABCDEFLL, INT64_MAX, INT64_MIN};
	char p9[64], c[64];
	usize f, w, p, k, v;

	(void)state;
	for(f = 0; f < nelem(flags); f++)
	for(w = 0; w < nelem(widths); w++)
	for(p = 0; p < nelem(precs); p++)
	for(k = 0; k < nelem(conv); k++){
		snprintf(p9, sizeof p9, "[%%%s%s%s%s]", flags[f], widths[w], precs[p], conv[k].p9);
		snprintf(c, sizeof c, "[%%%s%s%s%s]", flags[f], widths[w], precs[p], conv[k].c);
		for(v = 0; v < nelem(vals); v++){
			switch(conv[k].type){
			case 'i': same(p9, c, (int)vals[v]); break;
			case 'l': same(p9, c, (long)vals[v]); break;
			case 'v': same(p9, c, (long long)vals[v]); break;
			}
			nsame++;
		}
	}
	assert_true(nsame > 100000);
}

static void
star_width_and_precision_come_from_arguments(void **state)
{
	(void)state;
	same("%*d|%-*d|%.*d", "%*d|%-*d|%.*d", 6, 42, 4, 7, 5, 3);
	same("%*ud", "%*u", -6, 42);	/* a negative width means '-' */
	same("%.*s|", "%.*s|", 2, "abcdef");
}

static void
binary_verb_prints_bits_signed_unless_u(void **state)
{
	char buf[128];

	(void)state;
	snprint(buf, sizeof buf, "%b %b %b %08b %-6b|", 0, 5, -5, 5, 3);
	assert_string_equal(buf, "0 101 -101 00000101 11    |");
	snprint(buf, sizeof buf, "%ub", -1);
	assert_string_equal(buf, "11111111111111111111111111111111");
	snprint(buf, sizeof buf, "%llub", (uvlong)-1);
	assert_int_equal(strlen(buf), 64);
	snprint(buf, sizeof buf, "%hhub %lb", 0x1FF, 6L);
	assert_string_equal(buf, "11111111 110");
}

static void
u_before_a_non_verb_is_unsigned_decimal(void **state)
{
	char buf[64];

	(void)state;
	snprint(buf, sizeof buf, "%u items, %lu more, %5u|%u", -1, 2UL, 3, 4);
	assert_string_equal(buf, "4294967295 items, 2 more,     3|4");
}

static void
rune_verbs_encode_utf8_and_count_runes_in_width(void **state)
{
	static const Rune smile[] = {0x263A, 'x', 0x1F600, 0};
	char buf[64];

	(void)state;
	snprint(buf, sizeof buf, "%C|%3C|%-3C|%C", (Rune)0x263A, (Rune)0xE9, (Rune)'a', (Rune)0xD800);
	assert_string_equal(buf, "\xE2\x98\xBA|  \xC3\xA9|a  |\xEF\xBF\xBD");
	snprint(buf, sizeof buf, "%S|%5S|%-4.2S|%S", smile, smile, smile, (Rune *)nil);
	assert_string_equal(buf, "\xE2\x98\xBAx\xF0\x9F\x98\x80|  \xE2\x98\xBAx\xF0\x9F\x98\x80|"
		"\xE2\x98\xBAx  |<nil>");
}

static void
percent_C_agrees_with_runetochar(void **state)
{
	char a[16], b[16];
	Rune r;
	int n;

	(void)state;
	for(r = 1; r < 0x110100; r += 37){
		n = runetochar(a, &r);
		a[n] = 0;
		snprint(b, sizeof b, "%C", r);
		if(strcmp(a, b) != 0)
			fail_msg("%%C of %#x differs from runetochar", r);
	}
}

static void
s_width_counts_runes_and_precision_never_splits_one(void **state)
{
	char buf[64], raw[4];

	(void)state;
	snprint(buf, sizeof buf, "[%5s][%-5s]", "\xC3\xA9t\xC3\xA9", "ab");
	assert_string_equal(buf, "[  \xC3\xA9t\xC3\xA9][ab   ]");
	/* 4 bytes of "é☺": é whole, ☺ would be cut, so left out */
	snprint(buf, sizeof buf, "[%.4s]", "\xC3\xA9\xE2\x98\xBA");
	assert_string_equal(buf, "[\xC3\xA9]");
	snprint(buf, sizeof buf, "[%.5s]", "\xC3\xA9\xE2\x98\xBA");
	assert_string_equal(buf, "[\xC3\xA9\xE2\x98\xBA]");
	/* the precision bounds the read: no NUL needed */
	memcpy(raw, "abcd", 4);
	snprint(buf, sizeof buf, "[%.*s]", 3, raw);
	assert_string_equal(buf, "[abc]");
	snprint(buf, sizeof buf, "[%s][%c%c]", (char *)nil, 'o', 'k');
	assert_string_equal(buf, "[<nil>][ok]");
}

static void
unknown_verbs_and_lone_percent_print_as_written(void **state)
{
	char buf[64];

	(void)state;
	snprint(buf, sizeof buf, "%y %5k %% %l");
	assert_string_equal(buf, "%y %5k % %l");
	snprint(buf, sizeof buf, "100%");
	assert_string_equal(buf, "100%");
	snprint(buf, sizeof buf, "%n", (int *)buf);	/* never writes through the argument */
	assert_string_equal(buf, "%n");
	snprint(buf, sizeof buf, "%p %p", (void *)0x1234, nil);
	assert_string_equal(buf, "0x1234 0x0");
}

static void
snprint_truncates_at_a_rune_boundary_and_stays_truncated(void **state)
{
	char buf[16];

	(void)state;
	/* room for 4 bytes: "ab" fits, ☺ (3 bytes) does not, so nothing after it either */
	assert_int_equal(snprint(buf, 5, "ab\xE2\x98\xBA" "c"), 2);
	assert_string_equal(buf, "ab");
	assert_int_equal(snprint(buf, 5, "%s%s", "ab\xE2\x98\xBA", "c"), 2);
	assert_string_equal(buf, "ab");
	assert_int_equal(snprint(buf, 6, "%s%s", "ab\xE2\x98\xBA", "c"), 5);
	assert_string_equal(buf, "ab\xE2\x98\xBA");
	assert_int_equal(snprint(buf, 4, "%d", 123456), 3);
	assert_string_equal(buf, "123");
	buf[0] = 'q';
	assert_int_equal(snprint(buf, 0, "x"), 0);
	assert_int_equal(buf[0], 'q');
	assert_int_equal(snprint(buf, 1, "x"), 0);
	assert_string_equal(buf, "");
}

static void
seprint_chains_and_stops_at_the_end(void **state)
{
	char buf[10], *p, *e;

	(void)state;
	e = buf + sizeof buf;
	p = seprint(buf, e, "%d", 123);
	assert_ptr_equal(p, buf+3);
	p = seprint(p, e, "-%s", "abcdefgh");
	assert_ptr_equal(p, e-1);
	assert_string_equal(buf, "123-abcde");
	p = seprint(p, e, "more");
	assert_ptr_equal(p, e-1);
	assert_string_equal(buf, "123-abcde");
	assert_null(seprint(buf, buf, "x"));
}

static void
smprint_grows_to_any_length(void **state)
{
	char *p, *big;
	int i;

	(void)state;
	p = smprint("%s=%d", "x", 5);
	assert_string_equal(p, "x=5");
	free(p);
	p = smprint("");
	assert_string_equal(p, "");
	free(p);
	big = malloc(20001);
	for(i = 0; i < 20000; i++)
		big[i] = 'a' + i % 26;
	big[20000] = 0;
	p = smprint("<%s|%30000d>", big, 7);
	assert_int_equal(strlen(p), 50003);
	assert_memory_equal(p+1, big, 20000);
	assert_int_equal(p[50001], '7');
	free(p);
	free(big);
}

static void
smprint_returns_nil_when_memory_runs_out(void **state)
{
	(void)state;
	arenalimit = arenaused + 100*1024;
	assert_null(smprint("%500000d", 1));
	arenalimit = Arena;
	assert_non_null(smprint("%5000d", 1));
}

/* ---- the error string ---- */

static void
werrstr_sets_the_kernels_string_and_percent_r_reads_it(void **state)
{
	char buf[ERRMAX];

	(void)state;
	werrstr("no %s in %d places", "luck", 3);
	assert_string_equal(kerr, "no luck in 3 places");
	snprint(buf, sizeof buf, "open: %r");
	assert_string_equal(buf, "open: no luck in 3 places");
	assert_string_equal(kerr, "no luck in 3 places");	/* %r leaves it set */
	/* %r in werrstr is the old string */
	werrstr("again: %r");
	assert_string_equal(kerr, "again: no luck in 3 places");
}

static void
rerrstr_copies_without_clearing_and_errstr_swaps(void **state)
{
	char buf[8], big[ERRMAX];

	(void)state;
	copystr(kerr, "a long error string", sizeof kerr);
	rerrstr(buf, sizeof buf);
	assert_string_equal(buf, "a long ");
	assert_string_equal(kerr, "a long error string");
	copystr(big, "mine", sizeof big);
	errstr(big, sizeof big);
	assert_string_equal(big, "a long error string");
	assert_string_equal(kerr, "mine");
}

static void
werrstr_truncates_to_errmax(void **state)
{
	char longs[300];

	(void)state;
	memset(longs, 'e', sizeof longs - 1);
	longs[sizeof longs - 1] = 0;
	werrstr("%s", longs);
	assert_int_equal(strlen(kerr), ERRMAX-1);
}

/* ---- options ---- */

typedef struct Opts Opts;
struct Opts {
	int	a, b;
	char	*o;
	Rune	last;
	int	argc;
	char	**argv;
};

static void
usage(void)
{
	exits("usage");
}

static void
parse(Opts *op, int argc, char **argv)
{
	memset(op, 0, sizeof *op);
	ARGBEGIN{
	case 'a':
		op->a++;
		break;
	case 'b':
		op->b++;
		break;
	case 'o':
		op->o = EARGF(usage());
		break;
	case 'f':
		op->o = ARGF();
		break;
	default:
		op->last = ARGC();
		break;
	}ARGEND
	op->argc = argc;
	op->argv = argv;
}

static void
argbegin_parses_clusters_arguments_and_stops_at_operands(void **state)
{
	char *v1[] = {"prog", "-ab", "-o", "out", "-ofile", "-a", "x", "-b", nil};
	char *v2[] = {"prog", "-a", "--", "-b", nil};
	char *v3[] = {"prog", "-", "-a", nil};
	char *v4[] = {"prog", "-\xC3\xA9", nil};
	char *v5[] = {"prog", "-f", nil};
	char *v6[] = {"prog", nil};
	Opts o;

	(void)state;
	parse(&o, 8, v1);
	assert_string_equal(argv0, "prog");
	assert_int_equal(o.a, 2);
	assert_int_equal(o.b, 1);	/* from -ab: the -b after x is an operand */
	assert_string_equal(o.o, "file");
	assert_int_equal(o.argc, 2);
	assert_string_equal(o.argv[0], "x");
	assert_string_equal(o.argv[1], "-b");

	parse(&o, 4, v2);	/* -- ends the options */
	assert_int_equal(o.a, 1);
	assert_int_equal(o.b, 0);
	assert_int_equal(o.argc, 1);
	assert_string_equal(o.argv[0], "-b");

	parse(&o, 3, v3);	/* a lone - is an operand */
	assert_int_equal(o.a, 0);
	assert_int_equal(o.argc, 2);

	parse(&o, 2, v4);	/* option letters are runes */
	assert_int_equal(o.last, 0xE9);

	parse(&o, 2, v5);	/* ARGF: nil when there is no argument */
	assert_null(o.o);
	assert_int_equal(o.argc, 0);

	parse(&o, 1, v6);
	assert_int_equal(o.argc, 0);
	assert_null(o.argv[0]);
}

static void
eargf_without_an_argument_runs_its_expression(void **state)
{
	char *v[] = {"prog", "-a", "-o", nil};
	Opts o;

	(void)state;
	EXPECT_EXIT(parse(&o, 3, v));
	assert_string_equal(exitmsg, "usage");
}

static void
argbegin_keeps_an_argv0_already_set(void **state)
{
	char *v[] = {"second", nil};
	Opts o;

	(void)state;
	argv0 = "first";
	parse(&o, 1, v);
	assert_string_equal(argv0, "first");
}

/* ---- malloc ---- */

static void
malloc_gives_aligned_disjoint_blocks_of_every_size(void **state)
{
	enum { N = 300 };
	uchar *p[N];
	int i, j;
	usize n;

	(void)state;
	for(i = 0; i < N; i++){
		n = i * 37 % 9000;
		p[i] = malloc(n);
		assert_non_null(p[i]);
		assert_int_equal((uintptr)p[i] % 16, 0);
		assert_true(msize(p[i]) >= n);
		memset(p[i], i, n);
	}
	for(i = 0; i < N; i++){
		n = i * 37 % 9000;
		for(j = 0; j < (int)n; j++)
			if(p[i][j] != (uchar)i)
				fail_msg("block %d was overwritten at byte %d", i, j);
		free(p[i]);
	}
	assert_non_null(p[0] = malloc(0));
	assert_non_null(p[1] = malloc(0));
	assert_ptr_not_equal(p[0], p[1]);
}

static void
freed_small_block_is_reused_by_its_class(void **state)
{
	void *p, *q, *r;

	(void)state;
	p = malloc(24);
	free(p);
	q = malloc(30);		/* same 32-byte class */
	assert_ptr_equal(q, p);
	r = malloc(10);		/* another class: another block */
	assert_ptr_not_equal(r, p);
}

static void
freed_big_neighbours_merge_and_split_again(void **state)
{
	char *a, *b, *c, *d, *e;

	(void)state;
	a = malloc(5000);	/* two pages each, header included */
	b = malloc(5000);
	c = malloc(5000);
	assert_ptr_equal(b, a + 8192);
	assert_ptr_equal(c, b + 8192);
	free(a);
	free(c);
	free(b);		/* joins both neighbours: one 24 KiB block */
	d = malloc(20000);	/* 5 pages of it */
	assert_ptr_equal(d, a);
	e = malloc(3000);	/* the page left over */
	assert_ptr_equal(e, a + 20480);
	assert_int_equal(arenaused, 3*8192);	/* nothing more asked of sbrk */
}

static void
realloc_keeps_contents_and_follows_plan9_edge_cases(void **state)
{
	char *p, *q;
	int i;

	(void)state;
	p = realloc(nil, 10);
	assert_non_null(p);
	memcpy(p, "0123456789", 10);
	q = realloc(p, 12);	/* still fits its 16-byte block */
	assert_ptr_equal(q, p);
	p = realloc(q, 10000);
	assert_memory_equal(p, "0123456789", 10);
	for(i = 0; i < 10000; i++)
		p[i] = i;
	q = realloc(p, 50000);
	for(i = 0; i < 10000; i++)
		if(q[i] != (char)i)
			fail_msg("byte %d lost in realloc", i);
	assert_null(realloc(q, 0));	/* frees */
	EXPECT_EXIT(free(q));		/* so this is a double free */
}

static void
calloc_and_mallocz_zero_and_calloc_refuses_overflow(void **state)
{
	uchar *p;
	int i;

	(void)state;
	p = malloc(64);
	memset(p, 0xAA, 64);
	free(p);
	p = calloc(8, 8);	/* the same block, dirty: must come back zeroed */
	for(i = 0; i < 64; i++)
		assert_int_equal(p[i], 0);
	free(p);
	p = mallocz(64, 1);
	for(i = 0; i < 64; i++)
		assert_int_equal(p[i], 0);
	assert_null(calloc((usize)1 << 40, (usize)1 << 40));
	assert_null(malloc((usize)-1));
	assert_non_null(strstr(kerr, "more than memory"));
}

static void
malloc_fails_cleanly_when_sbrk_says_no(void **state)
{
	(void)state;
	arenalimit = 100*1024;
	assert_null(malloc(1 << 20));
	assert_non_null(strstr(kerr, "out of memory"));
	assert_non_null(malloc(1000));	/* small ones still come */
}

static void
double_free_aborts_with_a_message(void **state)
{
	void *p;

	(void)state;
	argv0 = "prog";
	p = malloc(100);
	free(p);
	EXPECT_EXIT(free(p));
	assert_string_equal(exitmsg, "abort");
	assert_non_null(strstr(out[2].buf, "prog: malloc: double free of 0x"));
	/* the heap lock was let go: malloc still works */
	assert_non_null(malloc(10));
}

static void
free_of_a_pointer_malloc_never_gave_aborts(void **state)
{
	char local[64];
	char *p;

	(void)state;
	EXPECT_EXIT(free(local + 16));
	assert_non_null(strstr(out[2].buf, "pointer not from malloc"));
	p = malloc(100);
	EXPECT_EXIT(free(p + 8));	/* inside a block, not its start */
	assert_string_equal(exitmsg, "abort");
}

static void
overrun_into_the_next_header_is_caught_at_free(void **state)
{
	char *a, *b;

	(void)state;
	a = malloc(16);
	b = malloc(16);
	assert_ptr_equal(b, a + 32);	/* adjacent: header, 16 bytes, header, ... */
	memset(a, 'x', 16 + 8);		/* 8 bytes too many: b's header */
	EXPECT_EXIT(free(b));
	assert_non_null(strstr(out[2].buf, "heap corrupted"));
}

static void
write_after_free_is_caught_when_the_block_is_reused(void **state)
{
	char *a;

	(void)state;
	a = malloc(16);
	free(a);
	memset(a, 'A', 8);		/* clobbers the free list link */
	EXPECT_EXIT(malloc(16));
	assert_non_null(strstr(out[2].buf, "written after free"));
}

static void
random_malloc_free_realloc_keeps_every_byte(void **state)
{
	enum { Slots = 500, Ops = 40000 };
	static uchar *p[Slots];
	static usize len[Slots];
	uvlong seed;
	usize i, n, j;
	int op;

	(void)state;
	memset(p, 0, sizeof p);
	seed = 42;
	for(op = 0; op < Ops; op++){
		seed = seed * 6364136223846793005ULL + 1442695040888963407ULL;
		i = seed >> 33 & 0xFFFFFFFF;
		i %= Slots;
		n = (seed >> 13) % ((seed >> 60) < 13 ? 300 : 20000);
		if(p[i] != nil)
			for(j = 0; j < len[i]; j++)
				if(p[i][j] != (uchar)(i + j))
					fail_msg("op %d: slot %zu byte %zu changed", op, i, j);
		switch(seed >> 61 & 3){
		case 0:
			free(p[i]);
			p[i] = nil;
			len[i] = 0;
			continue;
		case 1:
			p[i] = realloc(p[i], n);
			break;
		default:
			free(p[i]);
			p[i] = malloc(n);
			len[i] = 0;
			break;
		}
		if(n == 0 && p[i] == nil){
			len[i] = 0;
			continue;
		}
		assert_non_null(p[i]);
		for(j = len[i] < n ? len[i] : n; j < n; j++)
			p[i][j] = i + j;
		len[i] = n;
	}
	for(i = 0; i < Slots; i++)
		free(p[i]);
}

/* ---- exits ---- */

static char ran[64];

static void h1(void) { strcat(ran, "1"); }
static void h2(void) { strcat(ran, "2"); }
static void h3(void) { strcat(ran, "3"); exits("from a handler"); }

static void
exits_runs_handlers_last_first_then_exits(void **state)
{
	(void)state;
	ran[0] = 0;
	assert_int_equal(atexit(h1), 1);
	assert_int_equal(atexit(h2), 1);
	EXPECT_EXIT(exits("done"));
	assert_string_equal(ran, "21");
	assert_string_equal(exitmsg, "done");
	EXPECT_EXIT(exits(nil));	/* none left: they ran once */
	assert_string_equal(ran, "21");
	assert_true(exitnil);
}

static void
atexitdont_forgets_a_handler(void **state)
{
	(void)state;
	ran[0] = 0;
	atexit(h1);
	atexit(h2);
	atexit(h1);
	atexitdont(h1);
	EXPECT_EXIT(exits(nil));
	assert_string_equal(ran, "2");
}

static void
handler_calling_exits_does_not_loop(void **state)
{
	(void)state;
	ran[0] = 0;
	atexit(h1);
	atexit(h3);
	EXPECT_EXIT(exits("first"));
	assert_string_equal(ran, "31");
	assert_string_equal(exitmsg, "from a handler");
}

static void
atexit_table_holds_33(void **state)
{
	int i;

	(void)state;
	for(i = 0; i < 33; i++)
		assert_int_equal(atexit(h1), 1);
	assert_int_equal(atexit(h2), 0);
}

static void
abort_says_so_and_skips_handlers(void **state)
{
	(void)state;
	ran[0] = 0;
	atexit(h1);
	EXPECT_EXIT(abort());
	assert_string_equal(exitmsg, "abort");
	assert_string_equal(out[2].buf, "abort\n");
	assert_string_equal(ran, "");
}

static void
sysfatal_prints_argv0_and_exits_with_the_message(void **state)
{
	(void)state;
	argv0 = "cat";
	EXPECT_EXIT(sysfatal("open %s: %d", "x", 5));
	assert_string_equal(out[2].buf, "cat: open x: 5\n");
	assert_string_equal(exitmsg, "open x: 5");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		T(mem_functions_copy_fill_and_compare),
		T(strcmp_orders_bytes_as_unsigned),
		T(strcpy_family_copies_and_terminates),
		T(strecpy_truncates_and_chains),
		T(strchr_family_finds_first_last_and_substrings),
		T(runetochar_encodes_each_length_at_its_boundaries),
		T(chartorune_round_trips_every_rune),
		T(chartorune_turns_each_bad_byte_into_one_error_rune),
		T(utf_searches_and_counts_runes),
		T(utfecpy_never_splits_a_rune),
		T(ctype_matches_c_locale_for_ascii_and_rejects_the_rest),
		T(strtol_family_matches_c),
		T(atoi_takes_the_base_from_the_prefix),
		T(numbers_lay_out_as_c_with_plan9_modifiers),
		T(star_width_and_precision_come_from_arguments),
		T(binary_verb_prints_bits_signed_unless_u),
		T(u_before_a_non_verb_is_unsigned_decimal),
		T(rune_verbs_encode_utf8_and_count_runes_in_width),
		T(percent_C_agrees_with_runetochar),
		T(s_width_counts_runes_and_precision_never_splits_one),
		T(unknown_verbs_and_lone_percent_print_as_written),
		T(snprint_truncates_at_a_rune_boundary_and_stays_truncated),
		T(seprint_chains_and_stops_at_the_end),
		T(smprint_grows_to_any_length),
		T(smprint_returns_nil_when_memory_runs_out),
		T(werrstr_sets_the_kernels_string_and_percent_r_reads_it),
		T(rerrstr_copies_without_clearing_and_errstr_swaps),
		T(werrstr_truncates_to_errmax),
		T(argbegin_parses_clusters_arguments_and_stops_at_operands),
		T(eargf_without_an_argument_runs_its_expression),
		T(argbegin_keeps_an_argv0_already_set),
		T(malloc_gives_aligned_disjoint_blocks_of_every_size),
		T(freed_small_block_is_reused_by_its_class),
		T(freed_big_neighbours_merge_and_split_again),
		T(realloc_keeps_contents_and_follows_plan9_edge_cases),
		T(calloc_and_mallocz_zero_and_calloc_refuses_overflow),
		T(malloc_fails_cleanly_when_sbrk_says_no),
		T(double_free_aborts_with_a_message),
		T(free_of_a_pointer_malloc_never_gave_aborts),
		T(overrun_into_the_next_header_is_caught_at_free),
		T(write_after_free_is_caught_when_the_block_is_reused),
		T(random_malloc_free_realloc_keeps_every_byte),
		T(exits_runs_handlers_last_first_then_exits),
		T(atexitdont_forgets_a_handler),
		T(handler_calling_exits_does_not_loop),
		T(atexit_table_holds_33),
		T(abort_says_so_and_skips_handlers),
		T(sysfatal_prints_argv0_and_exits_with_the_message),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
