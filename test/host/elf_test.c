/*
 * elf_test.c - host tests for lib/elf.c, the executable reader behind exec.
 *
 * Most tests build a small ELF image field by field, shaped like what
 * GNU ld makes for a static program (text, then data with bss after it,
 * plus PT_NOTE and PT_GNU_STACK), then break one thing.  The real_
 * tests have the host gcc link tiny programs at run time and parse
 * those, so the reader is known to accept what a real toolchain makes.
 *
 * Run with "--corpus DIR" to write the fuzzer's seed images instead.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "u.h"
#include "elf.h"

enum {
	Imax = 64*1024,
	Lo = 0x400000,
	Phoff = 64,
	Phlen = 56,

	Ptload = 1, Ptdynamic = 2, Ptinterp = 3, Ptnote = 4, Ptgnustack = 0x6474e551,
	PFX = 1, PFW = 2, PFR = 4,

	/* the standard image: text page, then data page with bss after it */
	Textoff = 0x200, Textva = 0x401200, Textsz = 0x40,
	Dataoff = 0x300, Datava = 0x402300, Datasz = 0x20, Bsssz = 0x1000,
	Stdlen = 0x320,
};

static const u64int Hi = 0x00007FFF00000000ULL;

static struct {
	u8int b[Imax];
	size_t n;
} im;
static Elfimage e;
static char err[256];
static char tmpdir[64];

static int
reset(void **state)
{
	(void)state;
	memset(&im, 0, sizeof im);
	memset(&e, 0, sizeof e);
	memset(err, 0, sizeof err);
	return 0;
}

static void
put16(size_t off, u16int v)
{
	assert_true(off + 2 <= Imax);
	im.b[off] = v;
	im.b[off+1] = v >> 8;
}

static void
put32(size_t off, u32int v)
{
	put16(off, v);
	put16(off+2, v >> 16);
}

static void
put64(size_t off, u64int v)
{
	put32(off, v);
	put32(off+4, v >> 32);
}

static void
grow(size_t n)
{
	assert_true(n <= Imax);
	if(im.n < n)
		im.n = n;
}

/* An x86_64 ET_EXEC header with phnum program headers right after it. */
static void
ehdr(u64int entry, u16int phnum)
{
	memcpy(im.b, "\177ELF", 4);
	im.b[4] = 2;	/* ELFCLASS64 */
	im.b[5] = 1;	/* ELFDATA2LSB */
	im.b[6] = 1;	/* EV_CURRENT */
	put16(16, 2);	/* ET_EXEC */
	put16(18, 62);	/* EM_X86_64 */
	put32(20, 1);
	put64(24, entry);
	put64(32, Phoff);
	put64(40, 0);	/* no section headers: the reader does not need them */
	put16(52, 64);
	put16(54, Phlen);
	put16(56, phnum);
	grow(Phoff + (size_t)phnum*Phlen);
}

static void
phdr(int i, u32int type, u32int flags, u64int off, u64int vaddr, u64int filesz, u64int memsz)
{
	size_t p;

	p = Phoff + (size_t)i*Phlen;
	put32(p, type);
	put32(p+4, flags);
	put64(p+8, off);
	put64(p+16, vaddr);
	put64(p+24, vaddr);
	put64(p+32, filesz);
	put64(p+40, memsz);
	put64(p+48, 0x1000);
}

static void
load(int i, u32int flags, u64int off, u64int vaddr, u64int filesz, u64int memsz)
{
	phdr(i, Ptload, flags, off, vaddr, filesz, memsz);
	if(filesz > 0 && off < Imax && filesz <= Imax - off)
		grow(off + filesz);
}

static void
standard(void)
{
	ehdr(Textva, 4);
	load(0, PFR|PFX, Textoff, Textva, Textsz, Textsz);
	load(1, PFR|PFW, Dataoff, Datava, Datasz, Datasz + Bsssz);
	phdr(2, Ptnote, PFR, 0x120, 0x400120, 0x20, 0x20);
	phdr(3, Ptgnustack, PFR|PFW, 0, 0, 0, 0);
	im.b[Textoff] = 0xEB;	/* jmp . */
	im.b[Textoff+1] = 0xFE;
	memset(im.b + Dataoff, 0xDA, Datasz);
	grow(Stdlen);
}

static int
parse(void)
{
	return elfparse(im.b, im.n, Lo, Hi, &e, err, sizeof err);
}

static void
rejected(const char *want)
{
	int r;

	r = parse();
	if(r != -1 || strstr(err, want) == nil)
		fail_msg("expected the image rejected with a message containing \"%s\"; "
			"got %d and \"%s\"", want, r, err);
	assert_int_equal(e.nseg, 0);
	assert_int_equal(e.entry, 0);
}

static void
accepted(void)
{
	if(parse() != 0)
		fail_msg("expected the image accepted; got \"%s\"", err);
	assert_string_equal(err, "");
}

/* ---- good images ---- */

static void
static_executable_parses_into_its_segments(void **state)
{
	(void)state;
	standard();
	accepted();
	assert_int_equal(e.entry, Textva);
	assert_int_equal(e.nseg, 2);
	assert_int_equal(e.seg[0].vaddr, Textva);
	assert_int_equal(e.seg[0].off, Textoff);
	assert_int_equal(e.seg[0].filesz, Textsz);
	assert_int_equal(e.seg[0].memsz, Textsz);
	assert_int_equal(e.seg[0].prot, ELFR|ELFX);
	assert_int_equal(e.seg[1].vaddr, Datava);
	assert_int_equal(e.seg[1].off, Dataoff);
	assert_int_equal(e.seg[1].filesz, Datasz);
	assert_int_equal(e.seg[1].memsz, Datasz + Bsssz);
	assert_int_equal(e.seg[1].prot, ELFR|ELFW);
}

static void
note_and_stack_headers_are_not_segments(void **state)
{
	(void)state;
	standard();
	phdr(2, 7, PFR, 0x120, 0x400120, 0x20, 0x20);	/* PT_TLS */
	accepted();
	assert_int_equal(e.nseg, 2);
}

static void
load_segment_of_size_zero_is_skipped(void **state)
{
	(void)state;
	standard();
	load(3, PFR|PFW|PFX, 0, 0, 0, 0);
	accepted();
	assert_int_equal(e.nseg, 2);
}

static void
unknown_flag_bits_are_dropped(void **state)
{
	(void)state;
	standard();
	load(0, PFR|PFX|0x0FF00000, Textoff, Textva, Textsz, Textsz);
	accepted();
	assert_int_equal(e.seg[0].prot, ELFR|ELFX);
}

static void
segment_ending_exactly_at_the_top_is_accepted(void **state)
{
	(void)state;
	standard();
	load(1, PFR|PFW, Dataoff, Hi - 0x1000 + 0x300, Datasz, 0x1000 - 0x300);
	accepted();
	assert_int_equal(e.seg[1].vaddr + e.seg[1].memsz, Hi);
}

static void
segment_starting_exactly_at_the_bottom_is_accepted(void **state)
{
	(void)state;
	ehdr(Lo + 0x200, 1);
	load(0, PFR|PFX, 0, Lo, Stdlen, Stdlen);
	accepted();
	assert_int_equal(e.seg[0].vaddr, Lo);
}

static void
segments_on_adjacent_pages_are_accepted(void **state)
{
	(void)state;
	standard();
	load(0, PFR|PFX, Textoff, Textva, 0x1000 - 0x200, 0x1000 - 0x200);	/* to 0x402000 */
	load(1, PFR|PFW, 0, 0x402000, 0x10, 0x10);
	accepted();
}

static void
eight_segments_fit(void **state)
{
	int i;

	(void)state;
	ehdr(Lo + 0x200, ELFMAXSEG);
	load(0, PFR|PFX, 0x200, Lo + 0x200, 0x10, 0x10);
	for(i = 1; i < ELFMAXSEG; i++)
		load(i, PFR, 0x200, Lo + 0x200 + i*0x1000, 0x10, 0x10);
	accepted();
	assert_int_equal(e.nseg, ELFMAXSEG);
}

static void
entry_at_last_code_byte_is_accepted(void **state)
{
	(void)state;
	standard();
	put64(24, Textva + Textsz - 1);
	accepted();
}

static void
reparse_clears_previous_results(void **state)
{
	(void)state;
	standard();
	accepted();
	reset(nil);
	ehdr(Lo + 0x200, 1);
	load(0, PFR|PFX, 0x200, Lo + 0x200, 0x10, 0x10);
	accepted();
	assert_int_equal(e.nseg, 1);
	assert_int_equal(e.seg[1].vaddr, 0);
}

/* ---- bad headers ---- */

static void
file_shorter_than_a_header_is_rejected(void **state)
{
	(void)state;
	standard();
	im.n = 63;
	rejected("63 bytes, too short");
	im.n = 0;
	rejected("0 bytes, too short");
}

static void
file_without_elf_magic_is_rejected(void **state)
{
	(void)state;
	standard();
	memcpy(im.b, "#!/bin/rc\n", 10);
	rejected("not an ELF file");
}

static void
elf32_is_rejected(void **state)
{
	(void)state;
	standard();
	im.b[4] = 1;
	rejected("class 1 is not 64-bit");
}

static void
big_endian_is_rejected(void **state)
{
	(void)state;
	standard();
	im.b[5] = 2;
	rejected("not little-endian");
}

static void
unknown_elf_version_is_rejected(void **state)
{
	(void)state;
	standard();
	im.b[6] = 2;
	rejected("version 2/1 is not 1");
	im.b[6] = 1;
	put32(20, 0);
	rejected("version 1/0 is not 1");
}

static void
position_independent_executable_is_rejected(void **state)
{
	(void)state;
	standard();
	put16(16, 3);
	rejected("link with -static -no-pie");
}

static void
object_file_and_core_dump_are_rejected(void **state)
{
	(void)state;
	standard();
	put16(16, 1);
	rejected("relocatable object file");
	put16(16, 4);
	rejected("ELF type 4 is not an executable");
}

static void
other_machines_are_rejected(void **state)
{
	(void)state;
	standard();
	put16(18, 183);	/* aarch64 */
	rejected("machine 183 is not x86_64");
	put16(18, 3);	/* i386 */
	rejected("machine 3 is not x86_64");
}

static void
odd_header_sizes_are_rejected(void **state)
{
	(void)state;
	standard();
	put16(52, 52);
	rejected("header size 52 is not 64");
	put16(52, 64);
	put16(54, 32);
	rejected("program header size 32 is not 56");
	put16(54, 64);
	rejected("program header size 64 is not 56");
}

static void
no_program_headers_is_rejected(void **state)
{
	(void)state;
	standard();
	put16(56, 0);
	rejected("no program headers");
}

static void
absurd_program_header_count_is_rejected(void **state)
{
	(void)state;
	standard();
	put16(56, 0xFFFF);	/* PN_XNUM: the count is in a section header */
	rejected("65535 program headers, more than 256");
}

static void
program_headers_past_the_end_are_rejected(void **state)
{
	(void)state;
	standard();
	put64(32, im.n - Phlen + 1);
	rejected("run past the end of the file");
	put64(32, ~0ULL - 8);
	rejected("run past the end of the file");
	put64(32, im.n + 1);
	rejected("run past the end of the file");
	put64(32, 64);
	put16(56, 15);	/* 64 + 15*56 = 904 > 800 */
	rejected("15 program headers at offset 0x40 run past the end");
}

static void
interpreter_is_rejected_as_dynamic(void **state)
{
	(void)state;
	standard();
	phdr(3, Ptinterp, PFR, 0x120, 0x400120, 0x1c, 0x1c);
	rejected("dynamically linked (it has PT_INTERP)");
}

static void
dynamic_section_is_rejected_as_dynamic(void **state)
{
	(void)state;
	standard();
	load(0, PFR|PFW|PFX, Textoff, Textva, Textsz, Textsz);	/* dynamic is told first */
	phdr(3, Ptdynamic, PFR|PFW, Dataoff, Datava, 0x10, 0x10);
	rejected("dynamically linked (it has PT_DYNAMIC)");
}

/* ---- bad segments ---- */

static void
file_size_larger_than_memory_size_is_rejected(void **state)
{
	(void)state;
	standard();
	load(1, PFR|PFW, Dataoff, Datava, Datasz, Datasz - 1);
	rejected("segment 1: file size 0x20 is more than memory size 0x1f");
}

static void
segment_bytes_past_the_end_of_the_file_are_rejected(void **state)
{
	(void)state;
	standard();
	load(1, PFR|PFW, Dataoff, Datava, Stdlen - Dataoff + 1, 0x1000);
	im.n = Stdlen;
	rejected("segment 1: file bytes 0x300+0x21 run past the end");
	load(1, PFR|PFW, Stdlen + 0x1000, Datava + 0x1000, 0, 0x1000);
	rejected("run past the end");
}

static void
segment_offset_that_wraps_is_rejected(void **state)
{
	(void)state;
	standard();
	load(1, PFR|PFW, ~0ULL - 0xCFF, Datava, 0x1000, 0x1000);	/* off+filesz wraps to 0x300 */
	rejected("run past the end");
}

static void
segment_below_user_space_is_rejected(void **state)
{
	(void)state;
	standard();
	load(0, PFR|PFX, Textoff, 0x200, Textsz, Textsz);
	put64(24, 0x200);
	rejected("segment 0: addresses 0x200+0x40 are outside user space [0x400000, 0x7fff00000000)");
}

static void
segment_past_the_top_of_user_space_is_rejected(void **state)
{
	(void)state;
	standard();
	load(1, PFR|PFW, Dataoff, Hi - 0x1000 + 0x300, Datasz, 0x1000 - 0x300 + 1);
	rejected("outside user space");
	load(1, PFR|PFW, Dataoff, 0xFFFF800000000300ULL, Datasz, Datasz);	/* the kernel */
	rejected("outside user space");
}

static void
segment_end_that_wraps_is_rejected(void **state)
{
	(void)state;
	standard();
	load(1, PFR|PFW, Dataoff, Datava, Datasz, ~0ULL - Datava + 2);
	assert_int_equal(elfparse(im.b, im.n, 0, ~0ULL, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "outside user space"));
}

static void
segment_not_congruent_to_its_offset_is_rejected(void **state)
{
	(void)state;
	standard();
	load(1, PFR|PFW, Dataoff, Datava + 8, Datasz, Datasz);
	rejected("segment 1: address 0x402308 and file offset 0x300 differ modulo the page size");
}

static void
writable_and_executable_segment_is_rejected(void **state)
{
	(void)state;
	standard();
	load(1, PFR|PFW|PFX, Dataoff, Datava, Datasz, Datasz);
	rejected("segment 1 at 0x402300 is writable and executable: Lux9 enforces W^X");
	load(1, PFW|PFX, Dataoff, Datava, Datasz, Datasz);
	rejected("W^X");
}

static void
segments_out_of_address_order_are_rejected(void **state)
{
	(void)state;
	standard();
	load(0, PFR|PFW, Dataoff, Datava, Datasz, Datasz);
	load(1, PFR|PFX, Textoff, Textva, Textsz, Textsz);
	rejected("segment 1 at 0x401200 comes after one at 0x402300");
}

static void
segments_sharing_a_page_are_rejected(void **state)
{
	(void)state;
	standard();
	load(1, PFR|PFW, Dataoff, Textva + 0x100, Datasz, Datasz);	/* same page as text */
	rejected("segment 1 at 0x401300 shares a page with the segment before it");
	load(0, PFR|PFX, Textoff, Textva, 0x1000, 0x1000);		/* text runs into the next page */
	load(1, PFR|PFW, Dataoff, Datava, Datasz, Datasz);
	grow(Textoff + 0x1000);
	rejected("shares a page");
}

static void
nine_segments_are_rejected(void **state)
{
	int i;

	(void)state;
	ehdr(Lo + 0x200, ELFMAXSEG+1);
	load(0, PFR|PFX, 0x200, Lo + 0x200, 0x10, 0x10);
	for(i = 1; i < ELFMAXSEG+1; i++)
		load(i, PFR, 0x200, Lo + 0x200 + i*0x1000, 0x10, 0x10);
	rejected("more than 8 loadable segments");
}

static void
image_without_load_segments_is_rejected(void **state)
{
	(void)state;
	standard();
	phdr(0, Ptnote, PFR, 0x120, 0x400120, 0x20, 0x20);
	phdr(1, Ptnote, PFR, 0x120, 0x400120, 0x20, 0x20);
	rejected("no loadable segments");
}

static void
image_without_executable_segment_is_rejected(void **state)
{
	(void)state;
	standard();
	load(0, PFR, Textoff, Textva, Textsz, Textsz);
	rejected("no executable segment");
}

static void
entry_outside_the_code_is_rejected(void **state)
{
	(void)state;
	standard();
	put64(24, Datava);
	rejected("entry point 0x402300 is not in the code of an executable segment");
	put64(24, Textva + Textsz);
	rejected("entry point 0x401240");
	put64(24, Textva - 1);
	rejected("entry point");
	put64(24, 0);
	rejected("entry point");
}

static void
entry_in_zero_filled_part_of_code_is_rejected(void **state)
{
	(void)state;
	standard();
	load(0, PFR|PFX, Textoff, Textva, Textsz, 0x800);
	put64(24, Textva + Textsz + 4);
	rejected("entry point 0x401244 is not in the code");
}

static void
empty_address_range_is_rejected(void **state)
{
	(void)state;
	standard();
	assert_int_equal(elfparse(im.b, im.n, Hi, Lo, &e, err, sizeof err), -1);
	assert_non_null(strstr(err, "empty user address range"));
	assert_int_equal(elfparse(im.b, im.n, Lo, Lo, &e, err, sizeof err), -1);
}

static void
error_without_a_message_buffer_still_fails(void **state)
{
	(void)state;
	standard();
	put16(18, 3);
	assert_int_equal(elfparse(im.b, im.n, Lo, Hi, &e, nil, 0), -1);
	assert_int_equal(elfparse(im.b, im.n, Lo, Hi, &e, err, 1), -1);
	assert_string_equal(err, "");
}

/* ---- programs linked by the host toolchain ---- */

static int
mktmp(void **state)
{
	reset(state);
	snprintf(tmpdir, sizeof tmpdir, "/tmp/elf_test.XXXXXX");
	if(mkdtemp(tmpdir) == nil){
		perror("mkdtemp");
		return -1;
	}
	return 0;
}

static int
rmtmp(void **state)
{
	char cmd[128];

	(void)state;
	snprintf(cmd, sizeof cmd, "rm -rf '%s'", tmpdir);
	return system(cmd) == 0 ? 0 : -1;
}

/* Compile src with gcc and the given flags; read the program into im. */
static void
gcc(const char *src, const char *flags)
{
	char path[128], cmd[512];
	FILE *f;
	int r;

	snprintf(path, sizeof path, "%s/prog.c", tmpdir);
	f = fopen(path, "w");
	assert_non_null(f);
	fputs(src, f);
	assert_int_equal(fclose(f), 0);
	snprintf(cmd, sizeof cmd, "cd '%s' && gcc %s -o prog prog.c", tmpdir, flags);
	r = system(cmd);
	if(r != 0)
		fail_msg("command failed with status %d: %s", r, cmd);
	snprintf(path, sizeof path, "%s/prog", tmpdir);
	f = fopen(path, "rb");
	assert_non_null(f);
	im.n = fread(im.b, 1, Imax, f);
	if(!feof(f))
		fail_msg("%s is larger than %d bytes", path, Imax);
	fclose(f);
}

/* An endless loop with initialised data and bss, linked without libc. */
static const char loopsrc[] =
	"__asm__(\".globl _start\\n_start: jmp _start\\n\");\n"
	"long counter = 1;\n"
	"long zeros[1024];\n";

/* The entry must be in an executable segment and point at jmp . (EB FE). */
static void
checkloop(void)
{
	const Elfseg *s;
	u64int at;
	int i, sawbss;

	sawbss = 0;
	for(i = 0; i < e.nseg; i++){
		s = &e.seg[i];
		if((s->prot & ELFW) && s->memsz >= s->filesz + sizeof(long)*1024)
			sawbss = 1;
		if((s->prot & ELFX) && e.entry >= s->vaddr && e.entry < s->vaddr + s->filesz){
			at = s->off + (e.entry - s->vaddr);
			assert_int_equal(im.b[at], 0xEB);
			assert_int_equal(im.b[at+1], 0xFE);
		}
	}
	assert_true(sawbss);
}

static void
real_static_program_from_gcc_is_accepted(void **state)
{
	(void)state;
	gcc(loopsrc, "-static -nostdlib");
	accepted();
	assert_true(e.nseg >= 2);
	checkloop();
}

static void
real_static_program_without_separate_code_is_accepted(void **state)
{
	(void)state;
	gcc(loopsrc, "-static -nostdlib -Wl,-z,noseparate-code");
	accepted();
	checkloop();
}

static void
real_pie_program_from_gcc_is_rejected(void **state)
{
	(void)state;
	gcc("int main(void){ return 0; }\n", "-pie -fpie");
	rejected("position-independent");
}

static void
real_dynamically_linked_program_is_rejected(void **state)
{
	(void)state;
	gcc("int main(void){ return 0; }\n", "-no-pie");
	rejected("dynamically linked");
}

/* ---- seed corpus for test/fuzz/elf.c ---- */

static int
writeseed(const char *outdir, const char *name)
{
	char path[512];
	FILE *f;

	snprintf(path, sizeof path, "%s/%s", outdir, name);
	f = fopen(path, "wb");
	if(f == nil || fwrite(im.b, 1, im.n, f) != im.n || fclose(f) != 0){
		perror(path);
		return -1;
	}
	return 0;
}

static int
corpus(const char *outdir)
{
	int rc, i;

	rc = 0;
	reset(nil);
	standard();
	rc |= writeseed(outdir, "static");

	reset(nil);
	ehdr(Lo + 0x200, ELFMAXSEG);
	load(0, PFR|PFX, 0x200, Lo + 0x200, 0x10, 0x10);
	for(i = 1; i < ELFMAXSEG; i++)
		load(i, i%2 ? PFR : PFR|PFW, 0x200, Lo + 0x200 + i*0x1000, 0x10, 0x10 + i*0x800);
	rc |= writeseed(outdir, "eight");

	reset(nil);
	ehdr(Lo + 0x200, 1);
	load(0, PFR|PFX, 0, Lo, 0x240, 0x240);
	rc |= writeseed(outdir, "one");

	reset(nil);
	standard();
	phdr(2, Ptinterp, PFR, 0x120, 0x400120, 0x1c, 0x1c);
	rc |= writeseed(outdir, "interp");
	return rc;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(static_executable_parses_into_its_segments, reset),
		cmocka_unit_test_setup(note_and_stack_headers_are_not_segments, reset),
		cmocka_unit_test_setup(load_segment_of_size_zero_is_skipped, reset),
		cmocka_unit_test_setup(unknown_flag_bits_are_dropped, reset),
		cmocka_unit_test_setup(segment_ending_exactly_at_the_top_is_accepted, reset),
		cmocka_unit_test_setup(segment_starting_exactly_at_the_bottom_is_accepted, reset),
		cmocka_unit_test_setup(segments_on_adjacent_pages_are_accepted, reset),
		cmocka_unit_test_setup(eight_segments_fit, reset),
		cmocka_unit_test_setup(entry_at_last_code_byte_is_accepted, reset),
		cmocka_unit_test_setup(reparse_clears_previous_results, reset),
		cmocka_unit_test_setup(file_shorter_than_a_header_is_rejected, reset),
		cmocka_unit_test_setup(file_without_elf_magic_is_rejected, reset),
		cmocka_unit_test_setup(elf32_is_rejected, reset),
		cmocka_unit_test_setup(big_endian_is_rejected, reset),
		cmocka_unit_test_setup(unknown_elf_version_is_rejected, reset),
		cmocka_unit_test_setup(position_independent_executable_is_rejected, reset),
		cmocka_unit_test_setup(object_file_and_core_dump_are_rejected, reset),
		cmocka_unit_test_setup(other_machines_are_rejected, reset),
		cmocka_unit_test_setup(odd_header_sizes_are_rejected, reset),
		cmocka_unit_test_setup(no_program_headers_is_rejected, reset),
		cmocka_unit_test_setup(absurd_program_header_count_is_rejected, reset),
		cmocka_unit_test_setup(program_headers_past_the_end_are_rejected, reset),
		cmocka_unit_test_setup(interpreter_is_rejected_as_dynamic, reset),
		cmocka_unit_test_setup(dynamic_section_is_rejected_as_dynamic, reset),
		cmocka_unit_test_setup(file_size_larger_than_memory_size_is_rejected, reset),
		cmocka_unit_test_setup(segment_bytes_past_the_end_of_the_file_are_rejected, reset),
		cmocka_unit_test_setup(segment_offset_that_wraps_is_rejected, reset),
		cmocka_unit_test_setup(segment_below_user_space_is_rejected, reset),
		cmocka_unit_test_setup(segment_past_the_top_of_user_space_is_rejected, reset),
		cmocka_unit_test_setup(segment_end_that_wraps_is_rejected, reset),
		cmocka_unit_test_setup(segment_not_congruent_to_its_offset_is_rejected, reset),
		cmocka_unit_test_setup(writable_and_executable_segment_is_rejected, reset),
		cmocka_unit_test_setup(segments_out_of_address_order_are_rejected, reset),
		cmocka_unit_test_setup(segments_sharing_a_page_are_rejected, reset),
		cmocka_unit_test_setup(nine_segments_are_rejected, reset),
		cmocka_unit_test_setup(image_without_load_segments_is_rejected, reset),
		cmocka_unit_test_setup(image_without_executable_segment_is_rejected, reset),
		cmocka_unit_test_setup(entry_outside_the_code_is_rejected, reset),
		cmocka_unit_test_setup(entry_in_zero_filled_part_of_code_is_rejected, reset),
		cmocka_unit_test_setup(empty_address_range_is_rejected, reset),
		cmocka_unit_test_setup(error_without_a_message_buffer_still_fails, reset),
		cmocka_unit_test_setup_teardown(real_static_program_from_gcc_is_accepted, mktmp, rmtmp),
		cmocka_unit_test_setup_teardown(real_static_program_without_separate_code_is_accepted,
			mktmp, rmtmp),
		cmocka_unit_test_setup_teardown(real_pie_program_from_gcc_is_rejected, mktmp, rmtmp),
		cmocka_unit_test_setup_teardown(real_dynamically_linked_program_is_rejected, mktmp, rmtmp),
	};

	if(argc == 3 && strcmp(argv[1], "--corpus") == 0)
		return corpus(argv[2]) == 0 ? 0 : 1;
	return cmocka_run_group_tests(tests, nil, nil);
}
