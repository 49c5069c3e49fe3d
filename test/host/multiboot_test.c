/*
 * multiboot_test.c - mbparse on hand-built Multiboot 1 info structures.
 * A fixture is a byte array posing as physical memory at Base; the
 * Physread callback serves only that array, so anything outside it is
 * "outside memory" to the parser, as unmapped RAM would be to the kernel.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "u.h"
#include "multiboot.h"

enum {
	Base = 0x9000,
	Memsize = 0x3000,
	Info = Base,
	Cmdpa = 0x9200,
	Loaderpa = 0x9300,
	Modspa = 0x9400,
	Mod0str = 0x9500,
	Mod1str = 0x9540,
	Mmappa = 0x9600,
	Qemuflags = MBFMEM|MBFCMDLINE|MBFMODS|MBFMMAP|MBFLOADER,
};

static u8int mem[Memsize];
static size_t memsize;	/* bytes of mem the callback serves */
static Bootinfo bi;
static char err[128];

static const void *
physread(void *arg, u64int pa, size_t len)
{
	u64int off;

	(void)arg;
	if(pa < Base)
		return NULL;
	off = pa - Base;
	if(off > memsize || len > memsize - off)
		return NULL;
	return mem + off;
}

static void
put32(u64int pa, u32int v)
{
	int i;

	assert_true(pa >= Base && pa + 4 <= Base + Memsize);
	for(i = 0; i < 4; i++)
		mem[pa - Base + i] = v >> 8*i;
}

static void
put64(u64int pa, u64int v)
{
	put32(pa, (u32int)v);
	put32(pa+4, (u32int)(v >> 32));
}

static void
putstr(u64int pa, const char *s)
{
	size_t n = strlen(s) + 1;

	assert_true(pa >= Base && pa + n <= Base + Memsize);
	memcpy(mem + (pa - Base), s, n);
}

/* One memory map entry with the given size field; returns the next one's address. */
static u64int
putmmap(u64int pa, u32int size, u64int base, u64int len, u32int type)
{
	put32(pa, size);
	put64(pa+4, base);
	put64(pa+12, len);
	put32(pa+20, type);
	return pa + 4 + size;
}

static const Mbmem qemumap[6] = {
	{ 0x0, 0x9fc00, MBMEMAVAIL },
	{ 0x9fc00, 0x400, 2 },
	{ 0xf0000, 0x10000, 2 },
	{ 0x100000, 0x7ee0000, MBMEMAVAIL },
	{ 0x7fe0000, 0x20000, 2 },
	{ 0xfffc0000, 0x40000, 2 },
};

/* What QEMU's -kernel loader builds for a 128 MiB machine with two modules. */
static void
qemuinfo(void)
{
	u64int pa;
	int i;

	memset(mem, 0, sizeof mem);
	memsize = Memsize;
	put32(Info, Qemuflags);
	put32(Info+4, 639);
	put32(Info+8, 129920);
	put32(Info+16, Cmdpa);
	putstr(Cmdpa, "console=com1 test=all log=debug");
	put32(Info+20, 2);
	put32(Info+24, Modspa);
	put32(Modspa, 0x200000);
	put32(Modspa+4, 0x210000);
	put32(Modspa+8, Mod0str);
	put32(Modspa+16, 0x210000);
	put32(Modspa+20, 0x210800);
	put32(Modspa+24, Mod1str);
	putstr(Mod0str, "/boot/init");
	putstr(Mod1str, "bootfs.tar arg");
	pa = Mmappa;
	for(i = 0; i < 6; i++)
		pa = putmmap(pa, 20, qemumap[i].base, qemumap[i].len, qemumap[i].type);
	put32(Info+44, pa - Mmappa);
	put32(Info+48, Mmappa);
	put32(Info+64, Loaderpa);
	putstr(Loaderpa, "qemu");
}

static int
parse(void)
{
	memset(err, 0, sizeof err);
	return mbparse(&bi, MBBOOTMAGIC, Info, physread, NULL, err, sizeof err);
}

static void
warned(const char *what)
{
	if(strstr(bi.warn, what) == NULL)
		fail_msg("want a warning containing \"%s\", got \"%s\"", what, bi.warn);
}

static void
qemu_like_info_parses_completely(void **state)
{
	int i;

	(void)state;
	qemuinfo();
	assert_int_equal(parse(), 0);
	assert_string_equal(bi.warn, "");
	assert_int_equal(bi.flags, Qemuflags);
	assert_int_equal(bi.memlower, 639);
	assert_int_equal(bi.memupper, 129920);
	assert_string_equal(bi.cmdline, "console=com1 test=all log=debug");
	assert_string_equal(bi.loader, "qemu");
	assert_int_equal(bi.nmem, 6);
	for(i = 0; i < 6; i++){
		assert_int_equal(bi.mem[i].base, qemumap[i].base);
		assert_int_equal(bi.mem[i].len, qemumap[i].len);
		assert_int_equal(bi.mem[i].type, qemumap[i].type);
	}
	assert_int_equal(bi.nmod, 2);
	assert_int_equal(bi.mod[0].start, 0x200000);
	assert_int_equal(bi.mod[0].end, 0x210000);
	assert_string_equal(bi.mod[0].cmdline, "/boot/init");
	assert_int_equal(bi.mod[1].start, 0x210000);
	assert_int_equal(bi.mod[1].end, 0x210800);
	assert_string_equal(bi.mod[1].cmdline, "bootfs.tar arg");
	assert_int_equal(bi.hasfb, 0);
}

static void
bad_magic_is_rejected(void **state)
{
	(void)state;
	qemuinfo();
	assert_int_equal(mbparse(&bi, 0x36d76289, Info, physread, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "bad magic 0x36d76289"));
	assert_int_equal(bi.nmem, 0);
}

static void
info_pointer_outside_memory_is_rejected(void **state)
{
	(void)state;
	qemuinfo();
	assert_int_equal(mbparse(&bi, MBBOOTMAGIC, 0x100000, physread, NULL, err, sizeof err), -1);
	assert_non_null(strstr(err, "0x100000 is outside memory"));
	assert_int_equal(mbparse(&bi, MBBOOTMAGIC, Base-2, physread, NULL, err, sizeof err), -1);
	/* a nil or short err buffer is fine */
	assert_int_equal(mbparse(&bi, MBBOOTMAGIC, 0, physread, NULL, NULL, 0), -1);
	assert_int_equal(mbparse(&bi, MBBOOTMAGIC, 0, physread, NULL, err, 1), -1);
	assert_string_equal(err, "");
}

static void
info_struct_cut_by_end_of_memory_is_rejected(void **state)
{
	(void)state;
	qemuinfo();
	/* flags say the mmap fields (through offset 52) exist, but memory ends at 40 */
	memsize = 40;
	assert_int_equal(parse(), -1);
	assert_non_null(strstr(err, "runs outside memory"));
}

static void
short_info_struct_is_enough_for_its_flags(void **state)
{
	(void)state;
	qemuinfo();
	put32(Info, MBFMEM);
	memsize = 12;	/* flags, mem_lower, mem_upper and nothing more */
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.memupper, 129920);
	assert_string_equal(bi.warn, "");
}

static void
fields_of_unset_flags_are_ignored(void **state)
{
	(void)state;
	qemuinfo();
	put32(Info, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.memupper, 0);
	assert_string_equal(bi.cmdline, "");
	assert_int_equal(bi.nmem, 0);
	assert_int_equal(bi.nmod, 0);
	assert_string_equal(bi.loader, "");
}

static void
mmap_cut_by_end_of_memory_keeps_readable_entries(void **state)
{
	(void)state;
	qemuinfo();
	memsize = Mmappa - Base + 3*24 + 10;	/* entry 3 starts, then memory ends */
	put32(Info, MBFMEM|MBFMMAP);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmem, 3);
	warned("entry 3 at 0x9648 is outside memory");
}

static void
mmap_entry_with_size_zero_stops_the_walk(void **state)
{
	(void)state;
	qemuinfo();
	put32(Mmappa + 2*24, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmem, 2);
	warned("entry 2 has size 0, less than 20");
}

static void
mmap_entry_with_size_19_stops_the_walk(void **state)
{
	(void)state;
	qemuinfo();
	put32(Mmappa, 19);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmem, 0);
	warned("entry 0 has size 19");
}

static void
mmap_entry_with_huge_size_is_not_followed(void **state)
{
	(void)state;
	qemuinfo();
	put32(Mmappa + 24, 0xffffffff);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmem, 1);
	warned("entry 1 (size 4294967295) overruns mmap_length 144");
}

static void
mmap_entries_larger_than_20_bytes_are_stepped_over(void **state)
{
	u64int pa;
	int i;

	(void)state;
	qemuinfo();
	pa = Mmappa;
	for(i = 0; i < 6; i++){
		pa = putmmap(pa, 28, qemumap[i].base, qemumap[i].len, qemumap[i].type);
		put64(pa-8, 0xdeadbeefdeadbeefULL);	/* extension bytes we must skip */
	}
	put32(Info+44, pa - Mmappa);
	assert_int_equal(parse(), 0);
	assert_string_equal(bi.warn, "");
	assert_int_equal(bi.nmem, 6);
	assert_int_equal(bi.mem[5].base, 0xfffc0000);
	assert_int_equal(bi.mem[5].len, 0x40000);
}

static void
mmap_length_not_multiple_of_entry_keeps_whole_entries(void **state)
{
	(void)state;
	qemuinfo();
	put32(Info+44, 5*24 + 10);	/* five entries and part of a sixth */
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmem, 5);
	warned("entry 5 (size 20) overruns mmap_length 130");

	qemuinfo();
	put32(Info+44, 6*24 + 3);	/* too short even for a size field */
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmem, 6);
	warned("3 stray bytes");
}

static void
zero_length_mmap_entries_are_dropped(void **state)
{
	(void)state;
	qemuinfo();
	put64(Mmappa + 1*24 + 12, 0);
	put64(Mmappa + 4*24 + 12, 0);
	assert_int_equal(parse(), 0);
	assert_string_equal(bi.warn, "");
	assert_int_equal(bi.nmem, 4);
	assert_int_equal(bi.mem[1].base, 0xf0000);
	assert_int_equal(bi.mem[3].base, 0xfffc0000);
}

static void
mmap_entry_wrapping_past_2_64_is_clipped(void **state)
{
	(void)state;
	qemuinfo();
	putmmap(Mmappa + 5*24, 20, 0xfffffffffffff000ULL, 0x2000, 2);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmem, 6);
	assert_int_equal(bi.mem[5].base, 0xfffffffffffff000ULL);
	assert_int_equal(bi.mem[5].len, 0xfff);
	warned("wraps past 2^64: clipped");
}

static void
mmap_with_too_many_entries_keeps_the_first(void **state)
{
	u64int pa;
	int i;

	(void)state;
	qemuinfo();
	pa = Mmappa;
	for(i = 0; i < MBMAXMEM + 5; i++)
		pa = putmmap(pa, 20, (u64int)i << 20, 1 << 20, MBMEMAVAIL);
	put32(Info+44, pa - Mmappa);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmem, MBMAXMEM);
	assert_int_equal(bi.mem[MBMAXMEM-1].base, (u64int)(MBMAXMEM-1) << 20);
	warned("more than 128 entries: entry 128 and later ignored");
}

static void
mmap_table_outside_memory_gives_empty_map(void **state)
{
	(void)state;
	qemuinfo();
	put32(Info+48, 0x80000000);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmem, 0);
	assert_int_equal(bi.nmod, 2);	/* the rest is still there */
	warned("entry 0 at 0x80000000 is outside memory");
}

static void
cmdline_without_nul_is_dropped_with_warning(void **state)
{
	(void)state;
	qemuinfo();
	/* the string runs into the end of memory with no NUL */
	put32(Info+16, Base + Memsize - 5);
	memcpy(mem + Memsize - 5, "abcde", 5);
	assert_int_equal(parse(), 0);
	assert_string_equal(bi.cmdline, "");
	warned("command line at 0xbffb runs outside memory");
	assert_string_equal(bi.loader, "qemu");
}

static void
cmdline_ending_at_end_of_memory_is_read(void **state)
{
	(void)state;
	qemuinfo();
	put32(Info+16, Base + Memsize - 5);
	memcpy(mem + Memsize - 5, "abcd", 5);
	assert_int_equal(parse(), 0);
	assert_string_equal(bi.cmdline, "abcd");
	assert_string_equal(bi.warn, "");
}

static void
overlong_cmdline_is_truncated_with_warning(void **state)
{
	char want[MBCMDLEN];

	(void)state;
	qemuinfo();
	memset(mem + (0xa000 - Base), 'x', 600);
	mem[0xa000 - Base + 600] = 0;
	put32(Info+16, 0xa000);
	assert_int_equal(parse(), 0);
	memset(want, 'x', MBCMDLEN-1);
	want[MBCMDLEN-1] = 0;
	assert_string_equal(bi.cmdline, want);
	warned("longer than 511 bytes: truncated");
}

static void
cmdline_of_exactly_max_length_fits(void **state)
{
	(void)state;
	qemuinfo();
	memset(mem + (0xa000 - Base), 'y', MBCMDLEN-1);
	mem[0xa000 - Base + MBCMDLEN-1] = 0;
	put32(Info+16, 0xa000);
	assert_int_equal(parse(), 0);
	assert_int_equal(strlen(bi.cmdline), MBCMDLEN-1);
	assert_string_equal(bi.warn, "");
}

static void
module_string_outside_memory_leaves_empty_name(void **state)
{
	(void)state;
	qemuinfo();
	put32(Modspa+8, 0x400000);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmod, 2);
	assert_string_equal(bi.mod[0].cmdline, "");
	assert_int_equal(bi.mod[0].start, 0x200000);
	assert_string_equal(bi.mod[1].cmdline, "bootfs.tar arg");
	warned("module 0 string at 0x400000 runs outside memory");
}

static void
long_module_string_is_truncated(void **state)
{
	(void)state;
	qemuinfo();
	memset(mem + (Mod1str - Base), 'm', 100);
	mem[Mod1str - Base + 100] = 0;
	assert_int_equal(parse(), 0);
	assert_int_equal(strlen(bi.mod[1].cmdline), MBNAMELEN-1);
	warned("module 1 string at 0x9540 is longer than 63 bytes");
}

static void
module_ending_before_it_starts_is_skipped(void **state)
{
	(void)state;
	qemuinfo();
	put32(Modspa+4, 0x1000);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmod, 1);
	assert_string_equal(bi.mod[0].cmdline, "bootfs.tar arg");
	warned("module 0 ends (0x1000) before it starts (0x200000)");
}

static void
module_table_outside_memory_is_ignored(void **state)
{
	(void)state;
	qemuinfo();
	put32(Info+24, Base + Memsize - 20);	/* entry 0 fits, entry 1 does not */
	put32(Base + Memsize - 20, 0x300000);
	put32(Base + Memsize - 16, 0x301000);
	put32(Base + Memsize - 12, Mod0str);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmod, 1);
	assert_int_equal(bi.mod[0].start, 0x300000);
	warned("module table entry 1 at 0xbffc is outside memory");
}

static void
too_many_modules_keeps_the_first(void **state)
{
	int i;

	(void)state;
	qemuinfo();
	put32(Info+20, 1000000);
	for(i = 0; i < MBMAXMOD; i++){
		put32(Modspa + 16*i, 0x100000 * (i+1));
		put32(Modspa + 16*i + 4, 0x100000 * (i+1) + 0x1000);
		put32(Modspa + 16*i + 8, Mod0str);
	}
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.nmod, MBMAXMOD);
	assert_int_equal(bi.mod[MBMAXMOD-1].start, 0x100000 * MBMAXMOD);
	warned("passed 1000000 modules; only the first 16");
}

static void
framebuffer_info_is_reported(void **state)
{
	(void)state;
	qemuinfo();
	put32(Info, Qemuflags | MBFFB);
	put64(Info+88, 0xfd000000);
	put32(Info+96, 1024*4);
	put32(Info+100, 1024);
	put32(Info+104, 768);
	mem[Info - Base + 108] = 32;
	mem[Info - Base + 109] = MBFBRGB;
	assert_int_equal(parse(), 0);
	assert_string_equal(bi.warn, "");
	assert_int_equal(bi.hasfb, 1);
	assert_int_equal(bi.fb.addr, 0xfd000000);
	assert_int_equal(bi.fb.pitch, 4096);
	assert_int_equal(bi.fb.width, 1024);
	assert_int_equal(bi.fb.height, 768);
	assert_int_equal(bi.fb.bpp, 32);
	assert_int_equal(bi.fb.type, MBFBRGB);
	assert_int_equal(bi.nmem, 6);
}

static void
framebuffer_with_impossible_geometry_is_ignored(void **state)
{
	(void)state;
	qemuinfo();
	put32(Info, Qemuflags | MBFFB);
	put64(Info+88, 0xfd000000);
	put32(Info+96, 1024);	/* too narrow for 1024 pixels of 32 bits */
	put32(Info+100, 1024);
	put32(Info+104, 768);
	mem[Info - Base + 108] = 32;
	mem[Info - Base + 109] = MBFBRGB;
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.hasfb, 0);
	warned("pitch 1024 is less than 1024 pixels of 32 bits");

	put32(Info+96, 4096);
	put64(Info+88, 0xffffffffffff0000ULL);	/* 3 MiB do not fit in the last 64 KiB */
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.hasfb, 0);
	warned("wraps past 2^64");

	put64(Info+88, 0xfd000000);
	put32(Info+104, 0);
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.hasfb, 0);
	warned("zero dimension");

	put32(Info+104, 768);
	mem[Info - Base + 109] = 7;
	assert_int_equal(parse(), 0);
	assert_int_equal(bi.hasfb, 0);
	warned("type 7 is unknown");
}

static void
first_warning_is_the_one_kept(void **state)
{
	(void)state;
	qemuinfo();
	put32(Modspa+4, 0x1000);	/* modules are parsed before the map */
	put32(Mmappa, 0);
	assert_int_equal(parse(), 0);
	warned("module 0 ends");
	assert_int_equal(bi.nmem, 0);
}

static void
reparse_clears_previous_results(void **state)
{
	(void)state;
	qemuinfo();
	put32(Mmappa, 0);
	assert_int_equal(parse(), 0);
	assert_string_not_equal(bi.warn, "");
	qemuinfo();
	put32(Info, MBFMEM);
	assert_int_equal(parse(), 0);
	assert_string_equal(bi.warn, "");
	assert_int_equal(bi.nmod, 0);
	assert_string_equal(bi.cmdline, "");
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(qemu_like_info_parses_completely),
		cmocka_unit_test(bad_magic_is_rejected),
		cmocka_unit_test(info_pointer_outside_memory_is_rejected),
		cmocka_unit_test(info_struct_cut_by_end_of_memory_is_rejected),
		cmocka_unit_test(short_info_struct_is_enough_for_its_flags),
		cmocka_unit_test(fields_of_unset_flags_are_ignored),
		cmocka_unit_test(mmap_cut_by_end_of_memory_keeps_readable_entries),
		cmocka_unit_test(mmap_entry_with_size_zero_stops_the_walk),
		cmocka_unit_test(mmap_entry_with_size_19_stops_the_walk),
		cmocka_unit_test(mmap_entry_with_huge_size_is_not_followed),
		cmocka_unit_test(mmap_entries_larger_than_20_bytes_are_stepped_over),
		cmocka_unit_test(mmap_length_not_multiple_of_entry_keeps_whole_entries),
		cmocka_unit_test(zero_length_mmap_entries_are_dropped),
		cmocka_unit_test(mmap_entry_wrapping_past_2_64_is_clipped),
		cmocka_unit_test(mmap_with_too_many_entries_keeps_the_first),
		cmocka_unit_test(mmap_table_outside_memory_gives_empty_map),
		cmocka_unit_test(cmdline_without_nul_is_dropped_with_warning),
		cmocka_unit_test(cmdline_ending_at_end_of_memory_is_read),
		cmocka_unit_test(overlong_cmdline_is_truncated_with_warning),
		cmocka_unit_test(cmdline_of_exactly_max_length_fits),
		cmocka_unit_test(module_string_outside_memory_leaves_empty_name),
		cmocka_unit_test(long_module_string_is_truncated),
		cmocka_unit_test(module_ending_before_it_starts_is_skipped),
		cmocka_unit_test(module_table_outside_memory_is_ignored),
		cmocka_unit_test(too_many_modules_keeps_the_first),
		cmocka_unit_test(framebuffer_info_is_reported),
		cmocka_unit_test(framebuffer_with_impossible_geometry_is_ignored),
		cmocka_unit_test(first_warning_is_the_one_kept),
		cmocka_unit_test(reparse_clears_previous_results),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
