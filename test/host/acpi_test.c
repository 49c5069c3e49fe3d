/*
 * acpi_test.c - host tests for lib/acpi.c.
 *
 * Each test assembles firmware tables into a fake physical memory (the
 * first 1 MiB plus 64 KiB above it), shaped like what QEMU's q35 and pc
 * machines provide, then breaks them in the way a buggy BIOS might.
 *
 * Run with "--corpus DIR" to write the fuzzer's seed images instead:
 * each is physical memory from 0xE0000 with the RSDP at its start.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <cmocka.h>

#include "u.h"
#include "acpi.h"

enum {
	Memsize = 0x110000,
	Tabbase = 0x100000,	/* where the builders put tables */
	Rsdpbios = 0xF5A40,	/* where SeaBIOS puts the RSDP */
	Ebdaseg = 0x9FC0,
	Ebda = Ebdaseg << 4,
	Bodymax = 8192,
};

static u8int mem[Memsize];
static u64int next;		/* next free table address */
static Acpiinfo ai;
static char err[160];

static const void *
memread(void *arg, u64int pa, size_t len)
{
	(void)arg;
	if(pa > Memsize || len > Memsize - pa)
		return nil;
	return mem + pa;
}

static void
put16(u64int pa, u16int v)
{
	mem[pa] = v;
	mem[pa+1] = v >> 8;
}

static void
put32(u64int pa, u32int v)
{
	put16(pa, v);
	put16(pa+2, v >> 16);
}

static void
put64(u64int pa, u64int v)
{
	put32(pa, v);
	put32(pa+4, v >> 32);
}

static u32int
get32(u64int pa)
{
	return mem[pa] | mem[pa+1]<<8 | mem[pa+2]<<16 | (u32int)mem[pa+3]<<24;
}

static u8int
sum(u64int pa, u32int n)
{
	u8int s;

	s = 0;
	while(n-- > 0)
		s += mem[pa++];
	return s;
}

/* Make the table at pa checksum to 0 over its length field's bytes. */
static void
fixsum(u64int pa)
{
	mem[pa+9] = 0;
	mem[pa+9] = -sum(pa, get32(pa+4));
}

/* Table bodies are assembled here before being placed in memory. */
typedef struct Body {
	u8int b[Bodymax];
	u32int n;
} Body;

static void
b8(Body *b, u8int v)
{
	assert_true(b->n < Bodymax);
	b->b[b->n++] = v;
}

static void
b16(Body *b, u16int v)
{
	b8(b, v);
	b8(b, v >> 8);
}

static void
b32(Body *b, u32int v)
{
	b16(b, v);
	b16(b, v >> 16);
}

static void
b64(Body *b, u64int v)
{
	b32(b, v);
	b32(b, v >> 32);
}

static u64int
alloc(u32int len)
{
	u64int pa;

	pa = next;
	next = (next + len + 15) & ~(u64int)15;
	assert_true(next <= Memsize);
	return pa;
}

/* Place a checksummed table with a standard header and the given body. */
static u64int
table(const char *sig, const Body *b)
{
	u64int pa;
	u32int len;

	len = 36 + b->n;
	pa = alloc(len);
	memcpy(mem+pa, sig, 4);
	put32(pa+4, len);
	mem[pa+8] = 1;
	memcpy(mem+pa+10, "BOCHS ", 6);
	memcpy(mem+pa+16, "BXPC    ", 8);
	put32(pa+24, 1);
	memcpy(mem+pa+28, "BXPC", 4);
	put32(pa+32, 1);
	memcpy(mem+pa+36, b->b, b->n);
	fixsum(pa);
	return pa;
}

static u64int
root(const char *sig, const u64int *tab, int n)
{
	Body b;
	int i;

	b.n = 0;
	for(i = 0; i < n; i++){
		if(sig[0] == 'X')
			b64(&b, tab[i]);
		else
			b32(&b, tab[i]);
	}
	return table(sig, &b);
}

static void
rsdp(u64int pa, u8int rev, u32int rsdt, u64int xsdt)
{
	memset(mem+pa, 0, 36);
	memcpy(mem+pa, "RSD PTR ", 8);
	memcpy(mem+pa+9, "BOCHS ", 6);
	mem[pa+15] = rev;
	put32(pa+16, rsdt);
	if(rev >= 2){
		put32(pa+20, 36);
		put64(pa+24, xsdt);
	}
	mem[pa+8] = -sum(pa, 20);
	if(rev >= 2)
		mem[pa+32] = -sum(pa, 36);
}

/* An RSDP at pa of revision rev over an RSDT and (rev >= 2) an XSDT of tab. */
static void
roots(u64int pa, u8int rev, const u64int *tab, int n)
{
	u64int rsdt, xsdt;

	rsdt = root("RSDT", tab, n);
	xsdt = rev >= 2 ? root("XSDT", tab, n) : 0;
	rsdp(pa, rev, rsdt, xsdt);
}

static void
madtstart(Body *b, u32int lapic, u32int flags)
{
	b->n = 0;
	b32(b, lapic);
	b32(b, flags);
}

static void
madtcpu(Body *b, u8int uid, u8int id, u32int flags)
{
	b8(b, 0); b8(b, 8);
	b8(b, uid); b8(b, id); b32(b, flags);
}

static void
madtioapic(Body *b, u8int id, u32int addr, u32int gsibase)
{
	b8(b, 1); b8(b, 12);
	b8(b, id); b8(b, 0); b32(b, addr); b32(b, gsibase);
}

static void
madtiso(Body *b, u8int bus, u8int irq, u32int gsi, u16int flags)
{
	b8(b, 2); b8(b, 10);
	b8(b, bus); b8(b, irq); b32(b, gsi); b16(b, flags);
}

static void
madtlapicnmi(Body *b)
{
	b8(b, 4); b8(b, 6);
	b8(b, 0xFF); b16(b, 0); b8(b, 1);
}

static void
madtlapicaddr(Body *b, u64int addr)
{
	b8(b, 5); b8(b, 12);
	b16(b, 0); b64(b, addr);
}

static void
madtx2apic(Body *b, u32int id, u32int flags)
{
	b8(b, 9); b8(b, 16);
	b16(b, 0); b32(b, id); b32(b, flags); b32(b, id);
}

/* An entry with the given type and length byte and zeros for the rest. */
static void
madtraw(Body *b, u8int type, u8int len, int nbody)
{
	b8(b, type); b8(b, len);
	while(nbody-- > 0)
		b8(b, 0);
}

/* The MADT QEMU builds for both q35 and pc: ISA irq 0 on GSI 2, PCI irqs level-high. */
static void
qemumadt(Body *b, int ncpu)
{
	static const u8int pciirq[] = { 5, 9, 10, 11 };
	int i;

	madtstart(b, 0xFEE00000, 1);
	for(i = 0; i < ncpu; i++)
		madtcpu(b, i, i, 1);
	madtioapic(b, 0, 0xFEC00000, 0);
	madtiso(b, 0, 0, 2, 0);
	for(i = 0; i < (int)nelem(pciirq); i++)
		madtiso(b, 0, pciirq[i], pciirq[i], ISOPOLHIGH|ISOTRIGLEVEL);
	madtlapicnmi(b);
}

static u64int
mkmadt(int ncpu)
{
	Body b;

	qemumadt(&b, ncpu);
	return table("APIC", &b);
}

static u64int
mkhpet(u8int space, u64int addr)
{
	Body b;

	b.n = 0;
	b32(&b, 0x8086A201);
	b8(&b, space); b8(&b, 0); b8(&b, 0); b8(&b, 0); b64(&b, addr);
	b8(&b, 0); b16(&b, 0x80); b8(&b, 0);
	return table("HPET", &b);
}

static u64int
mkmcfg(u64int base, u16int seg, u8int start, u8int end)
{
	Body b;

	b.n = 0;
	b64(&b, 0);
	b64(&b, base); b16(&b, seg); b8(&b, start); b8(&b, end); b32(&b, 0);
	return table("MCFG", &b);
}

static u64int
mkfacp(void)
{
	Body b;

	memset(b.b, 0, 80);
	b.n = 80;
	return table("FACP", &b);
}

/*
 * A QEMU-like machine: FACP, MADT, HPET and (q35) MCFG, listed in an
 * RSDT and, for rev >= 2, an XSDT.  Extra tables go at the end of the list.
 */
static void
machine(u64int rsdppa, u8int rev, int q35, const u64int *extra, int nextra)
{
	u64int tab[ACPIMAXTAB+16];
	int n, i;

	n = 0;
	tab[n++] = mkfacp();
	tab[n++] = mkmadt(2);
	tab[n++] = mkhpet(0, 0xFED00000);
	if(q35)
		tab[n++] = mkmcfg(0xB0000000, 0, 0, 255);
	for(i = 0; i < nextra; i++)
		tab[n++] = extra[i];
	roots(rsdppa, rev, tab, n);
}

/* A q35 machine whose table list is exactly tab. */
static void
only(const u64int *tab, int n)
{
	roots(Rsdpbios, 2, tab, n);
}

static int
parse(void)
{
	return acpiparse(&ai, Rsdpbios, memread, nil, err, sizeof err);
}

static int
reset(void **state)
{
	(void)state;
	memset(mem, 0, sizeof mem);
	memset(&ai, 0xAA, sizeof ai);
	memset(err, 0, sizeof err);
	next = Tabbase;
	return 0;
}

static void
expectwarn(const char *what)
{
	if(strstr(ai.warn, what) == nil)
		fail_msg("expected a warning containing \"%s\", got \"%s\"", what, ai.warn);
}

static void
expectclean(void)
{
	if(ai.nwarn != 0 || ai.warn[0] != 0)
		fail_msg("expected no warning, got %d: \"%s\"", ai.nwarn, ai.warn);
}

/* ---- finding the RSDP ---- */

static void
rsdp_in_bios_area_is_found(void **state)
{
	u64int pa;

	(void)state;
	machine(Rsdpbios, 2, 1, nil, 0);
	assert_int_equal(acpifindrsdp(memread, nil, &pa), 0);
	assert_int_equal(pa, Rsdpbios);
}

static void
rsdp_in_last_bios_slot_is_found(void **state)
{
	u64int pa;

	(void)state;
	machine(0xFFFE0, 0, 0, nil, 0);
	assert_int_equal(acpifindrsdp(memread, nil, &pa), 0);
	assert_int_equal(pa, 0xFFFE0);
}

static void
rsdp_in_ebda_is_found_and_preferred(void **state)
{
	u64int pa;

	(void)state;
	put16(0x40E, Ebdaseg);
	machine(Ebda + 0x3F0, 2, 1, nil, 0);
	machine(Rsdpbios, 2, 0, nil, 0);
	assert_int_equal(acpifindrsdp(memread, nil, &pa), 0);
	assert_int_equal(pa, Ebda + 0x3F0);
}

static void
rsdp_beyond_first_kib_of_ebda_is_not_found(void **state)
{
	u64int pa;

	(void)state;
	put16(0x40E, Ebdaseg);
	machine(Ebda + 0x400, 2, 1, nil, 0);
	assert_int_equal(acpifindrsdp(memread, nil, &pa), -1);
}

static void
rsdp_off_16_byte_boundary_is_not_found(void **state)
{
	u64int pa;

	(void)state;
	machine(Rsdpbios + 8, 2, 1, nil, 0);
	assert_int_equal(acpifindrsdp(memread, nil, &pa), -1);
}

static void
rsdp_with_bad_checksum_is_ignored(void **state)
{
	u64int pa;

	(void)state;
	machine(0xE0000, 0, 0, nil, 0);
	mem[0xE0000+8]++;
	assert_int_equal(acpifindrsdp(memread, nil, &pa), -1);
	machine(Rsdpbios, 0, 0, nil, 0);
	assert_int_equal(acpifindrsdp(memread, nil, &pa), 0);
	assert_int_equal(pa, Rsdpbios);
}

static void
rsdp_v2_with_bad_extended_checksum_is_ignored(void **state)
{
	u64int pa;

	(void)state;
	machine(0xE0000, 2, 1, nil, 0);
	mem[0xE0000+32]++;	/* v1 checksum still right */
	assert_int_equal(acpifindrsdp(memread, nil, &pa), -1);
	assert_int_equal(acpiparse(&ai, 0xE0000, memread, nil, err, sizeof err), -1);
	assert_non_null(strstr(err, "extended checksum"));
}

static void
rsdp_v2_with_absurd_length_is_ignored(void **state)
{
	static const u32int lens[] = { 20, 35, 1025, 0xFFFFFFFF };
	u64int pa;
	int i;

	(void)state;
	for(i = 0; i < (int)nelem(lens); i++){
		rsdp(0xE0000, 2, 0x100000, 0x100000);
		put32(0xE0000+20, lens[i]);
		mem[0xE0000+8] = 0;
		mem[0xE0000+8] = -sum(0xE0000, 20);
		mem[0xE0000+32] = 0;
		mem[0xE0000+32] = -sum(0xE0000, 36);
		assert_int_equal(acpifindrsdp(memread, nil, &pa), -1);
	}
}

static void
no_rsdp_anywhere_is_reported(void **state)
{
	u64int pa;

	(void)state;
	memcpy(mem+0xE0000, "RSD PTR ", 8);	/* signature alone is not enough */
	assert_int_equal(acpifindrsdp(memread, nil, &pa), -1);
}

/* ---- the RSDP and root tables ---- */

static void
q35_tables_are_parsed(void **state)
{
	(void)state;
	machine(Rsdpbios, 2, 1, nil, 0);
	assert_int_equal(parse(), 0);
	expectclean();
	assert_int_equal(ai.revision, 2);
	assert_string_equal(ai.oem, "BOCHS ");
	assert_int_equal(ai.ntab, 4);
	assert_string_equal(ai.tabsig[0], "FACP");
	assert_string_equal(ai.tabsig[1], "APIC");
	assert_string_equal(ai.tabsig[2], "HPET");
	assert_string_equal(ai.tabsig[3], "MCFG");
	assert_true(ai.hasmadt);
	assert_int_equal(ai.lapicaddr, 0xFEE00000);
	assert_int_equal(ai.pcat, 1);
	assert_int_equal(ai.ncpu, 2);
	assert_int_equal(ai.lapicid[0], 0);
	assert_int_equal(ai.lapicid[1], 1);
	assert_int_equal(ai.nioapic, 1);
	assert_int_equal(ai.ioapic[0].id, 0);
	assert_int_equal(ai.ioapic[0].addr, 0xFEC00000);
	assert_int_equal(ai.ioapic[0].gsibase, 0);
	assert_int_equal(ai.niso, 5);
	assert_int_equal(ai.iso[0].irq, 0);
	assert_int_equal(ai.iso[0].gsi, 2);
	assert_int_equal(ai.iso[0].flags, 0);
	assert_int_equal(ai.iso[2].irq, 9);
	assert_int_equal(ai.iso[2].gsi, 9);
	assert_int_equal(ai.iso[2].flags, ISOPOLHIGH|ISOTRIGLEVEL);
	assert_int_equal(ai.necam, 1);
	assert_int_equal(ai.ecam[0].base, 0xB0000000);
	assert_int_equal(ai.ecam[0].seg, 0);
	assert_int_equal(ai.ecam[0].busstart, 0);
	assert_int_equal(ai.ecam[0].busend, 255);
	assert_true(ai.hashpet);
	assert_int_equal(ai.hpetaddr, 0xFED00000);
}

static void
pc_tables_have_no_ecam(void **state)
{
	(void)state;
	machine(Rsdpbios, 0, 0, nil, 0);
	assert_int_equal(parse(), 0);
	expectclean();
	assert_int_equal(ai.revision, 0);
	assert_int_equal(ai.ntab, 3);
	assert_int_equal(ai.necam, 0);
	assert_int_equal(ai.ncpu, 2);
	assert_int_equal(ai.niso, 5);
	assert_true(ai.hashpet);
	assert_int_equal(ai.hpetaddr, 0xFED00000);
}

static void
rsdt_is_used_when_xsdt_address_is_zero(void **state)
{
	u64int hpet;

	(void)state;
	hpet = mkhpet(0, 0xFED00000);
	rsdp(Rsdpbios, 2, root("RSDT", &hpet, 1), 0);
	assert_int_equal(parse(), 0);
	expectclean();
	assert_int_equal(ai.ntab, 1);
	assert_true(ai.hashpet);
}

static void
xsdt_is_preferred_over_rsdt(void **state)
{
	u64int hpet, madt;

	(void)state;
	hpet = mkhpet(0, 0xFED00000);
	madt = mkmadt(1);
	rsdp(Rsdpbios, 2, root("RSDT", &hpet, 1), root("XSDT", &madt, 1));
	assert_int_equal(parse(), 0);
	assert_true(ai.hasmadt);
	assert_false(ai.hashpet);
}

static void
broken_xsdt_falls_back_to_rsdt_with_warning(void **state)
{
	u64int hpet, xsdt;

	(void)state;
	hpet = mkhpet(0, 0xFED00000);
	xsdt = root("XSDT", &hpet, 1);
	rsdp(Rsdpbios, 2, root("RSDT", &hpet, 1), xsdt);
	mem[xsdt+36]++;
	assert_int_equal(parse(), 0);
	assert_true(ai.hashpet);
	expectwarn("XSDT");
	expectwarn("checksum");
}

static void
rsdp_with_bad_checksum_is_fatal(void **state)
{
	(void)state;
	machine(Rsdpbios, 0, 0, nil, 0);
	mem[Rsdpbios+16]++;
	assert_int_equal(parse(), -1);
	assert_non_null(strstr(err, "RSDP"));
	assert_non_null(strstr(err, "checksum"));
}

static void
rsdp_without_root_address_is_fatal(void **state)
{
	(void)state;
	rsdp(Rsdpbios, 2, 0, 0);
	assert_int_equal(parse(), -1);
	assert_non_null(strstr(err, "no RSDT or XSDT"));
}

static void
broken_root_table_is_fatal(void **state)
{
	u64int hpet, rsdt;

	(void)state;
	hpet = mkhpet(0, 0xFED00000);
	rsdt = root("RSDT", &hpet, 1);
	rsdp(Rsdpbios, 0, rsdt, 0);
	memcpy(mem+rsdt, "XSDT", 4);
	fixsum(rsdt);
	assert_int_equal(parse(), -1);
	assert_non_null(strstr(err, "signature"));
	memcpy(mem+rsdt, "RSDT", 4);
	put32(rsdt+4, 0x7FFFFFFF);	/* checksum left stale: length is checked first */
	assert_int_equal(parse(), -1);
	assert_non_null(strstr(err, "limit"));
}

static void
root_table_beyond_memory_is_fatal_without_crash(void **state)
{
	(void)state;
	rsdp(Rsdpbios, 2, 0, 0xFFFFFFFFFFFFFFF0ull);
	assert_int_equal(parse(), -1);
	assert_string_equal(err, "acpi: XSDT at 0xfffffffffffffff0 is not readable");
}

static void
fatal_error_with_no_message_buffer_still_fails(void **state)
{
	(void)state;
	assert_int_equal(acpiparse(&ai, Rsdpbios, memread, nil, nil, 0), -1);
	assert_int_equal(ai.ntab, 0);
}

static void
oem_id_is_made_printable(void **state)
{
	(void)state;
	machine(Rsdpbios, 0, 0, nil, 0);
	mem[Rsdpbios+9] = 0x01;
	mem[Rsdpbios+14] = 0xFF;
	mem[Rsdpbios+8] = 0;
	mem[Rsdpbios+8] = -sum(Rsdpbios, 20);
	assert_int_equal(parse(), 0);
	assert_string_equal(ai.oem, "?OCHS?");
}

/* ---- individual tables ---- */

static void
table_with_bad_checksum_is_skipped_and_rest_parsed(void **state)
{
	u64int bad;

	(void)state;
	bad = mkmcfg(0xC0000000, 0, 0, 255);
	mem[bad+50]++;
	machine(Rsdpbios, 2, 0, &bad, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.necam, 0);
	assert_true(ai.hasmadt);
	assert_true(ai.hashpet);
	assert_int_equal(ai.ntab, 3);
	expectwarn("MCFG");
	expectwarn("checksum");
}

static void
table_shorter_than_header_is_skipped(void **state)
{
	u64int bad;

	(void)state;
	bad = mkhpet(0, 0xFED00000);
	put32(bad+4, 20);
	fixsum(bad);
	machine(Rsdpbios, 2, 0, &bad, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ntab, 3);
	expectwarn("shorter than the 36-byte header");
}

static void
table_cut_off_by_end_of_memory_is_skipped(void **state)
{
	Body b;
	u64int bad;

	(void)state;
	memset(b.b, 0, 200);
	b.n = 200;
	next = Memsize - 240;
	bad = table("SSDT", &b);
	next = Tabbase;
	put32(bad+4, 300);	/* readable: 240 */
	machine(Rsdpbios, 2, 1, &bad, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ntab, 4);
	assert_int_equal(ai.necam, 1);
	expectwarn("SSDT");
	expectwarn("past readable memory");
}

static void
table_with_lying_length_is_skipped(void **state)
{
	static const u32int lens[] = { 0x20000, 0x100001, 0xFFFFFFFF };
	u64int bad;
	int i;

	(void)state;
	bad = mkmadt(4);
	machine(Rsdpbios, 2, 1, &bad, 1);
	for(i = 0; i < (int)nelem(lens); i++){
		put32(bad+4, lens[i]);
		assert_int_equal(parse(), 0);
		assert_int_equal(ai.ncpu, 2);	/* from the good MADT, not the 4-CPU one */
		assert_int_equal(ai.ntab, 4);
		assert_int_equal(ai.nwarn, 1);
	}
}

static void
null_and_wild_table_addresses_are_skipped(void **state)
{
	u64int tab[3];

	(void)state;
	tab[0] = 0;
	tab[1] = 0xFFFFFFFFFFFFFFFFull;
	tab[2] = mkhpet(0, 0xFED00000);
	only(tab, 3);
	assert_int_equal(parse(), 0);
	assert_true(ai.hashpet);
	assert_int_equal(ai.nwarn, 2);
	expectwarn("null address");
}

static void
too_many_tables_are_capped(void **state)
{
	u64int tab[ACPIMAXTAB+6];
	int i;

	(void)state;
	tab[0] = mkfacp();
	for(i = 1; i < (int)nelem(tab); i++)
		tab[i] = tab[0];
	only(tab, nelem(tab));
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ntab, ACPIMAXTAB);
	assert_string_equal(ai.tabsig[ACPIMAXTAB-1], "FACP");
	expectwarn("first 64");
}

static void
table_signature_is_made_printable(void **state)
{
	Body b;
	u64int t;

	(void)state;
	b.n = 0;
	t = table("X\nY\x80", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_string_equal(ai.tabsig[0], "X?Y?");
}

/* ---- MADT ---- */

static void
madt_entry_with_length_zero_stops_parsing(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	madtcpu(&b, 0, 0, 1);
	madtcpu(&b, 1, 1, 1);
	madtraw(&b, 0, 0, 6);
	madtcpu(&b, 2, 2, 1);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ncpu, 2);
	expectwarn("length 0");
}

static void
unknown_madt_entry_with_length_zero_stops_parsing(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	madtcpu(&b, 0, 0, 1);
	madtraw(&b, 0x7F, 0, 0);
	madtcpu(&b, 1, 1, 1);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ncpu, 1);
	expectwarn("type 127) has length 0");
}

static void
madt_entry_with_length_one_stops_parsing(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	madtraw(&b, 0x7F, 1, 0);
	madtcpu(&b, 0, 0, 1);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_true(ai.hasmadt);
	assert_int_equal(ai.ncpu, 0);
	expectwarn("length 1");
}

static void
madt_entry_running_past_table_end_is_rejected(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	madtcpu(&b, 0, 0, 1);
	madtioapic(&b, 0, 0xFEC00000, 0);
	b.b[b.n-12+1] = 40;	/* the I/O APIC claims 40 bytes; 12 remain */
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ncpu, 1);
	assert_int_equal(ai.nioapic, 0);
	expectwarn("runs past");
}

static void
madt_entry_shorter_than_its_type_is_rejected(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	madtcpu(&b, 0, 0, 1);
	madtraw(&b, 1, 8, 6);	/* I/O APIC needs 12 */
	madtcpu(&b, 1, 1, 1);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ncpu, 1);
	assert_int_equal(ai.nioapic, 0);
	expectwarn("needs 12");
}

static void
madt_trailing_byte_is_ignored_with_warning(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 0);
	madtcpu(&b, 0, 3, 1);
	b8(&b, 0);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ncpu, 1);
	assert_int_equal(ai.lapicid[0], 3);
	assert_int_equal(ai.pcat, 0);
	expectwarn("stray");
}

static void
madt_shorter_than_fixed_fields_is_skipped(void **state)
{
	Body b;
	u64int t;

	(void)state;
	b.n = 0;
	b32(&b, 0xFEE00000);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_false(ai.hasmadt);
	expectwarn("44 fixed bytes");
}

static void
unknown_madt_entries_are_skipped(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	madtraw(&b, 0x7F, 2, 0);
	madtraw(&b, 0x42, 255, 253);
	madtcpu(&b, 0, 7, 1);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	expectclean();
	assert_int_equal(ai.ncpu, 1);
	assert_int_equal(ai.lapicid[0], 7);
}

static void
too_many_cpus_keeps_first_64_with_warning(void **state)
{
	Body b;
	u64int t;
	int i;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	for(i = 0; i < ACPIMAXCPU+6; i++)
		madtcpu(&b, i, i, 1);
	madtioapic(&b, 0, 0xFEC00000, 0);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ncpu, ACPIMAXCPU);
	for(i = 0; i < ACPIMAXCPU; i++)
		assert_int_equal(ai.lapicid[i], i);
	assert_int_equal(ai.nioapic, 1);
	expectwarn("more than 64 processors");
}

static void
disabled_cpus_are_left_out_and_online_capable_kept(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	madtcpu(&b, 0, 0, 1);
	madtcpu(&b, 1, 1, 0);
	madtcpu(&b, 2, 2, 2);
	madtx2apic(&b, 3, 0);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ncpu, 2);
	assert_int_equal(ai.lapicid[0], 0);
	assert_int_equal(ai.lapicid[1], 2);
}

static void
x2apic_ids_are_recorded_once_and_large_ones_ignored(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	madtcpu(&b, 0, 0, 1);
	madtx2apic(&b, 0, 1);	/* same processor again */
	madtx2apic(&b, 200, 1);
	madtx2apic(&b, 256, 1);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ncpu, 2);
	assert_int_equal(ai.lapicid[0], 0);
	assert_int_equal(ai.lapicid[1], 200);
	assert_int_equal(ai.nwarn, 1);
	expectwarn("x2APIC id 256");
}

static void
lapic_address_override_is_applied(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	madtlapicaddr(&b, 0x1FEE00000ull);
	madtcpu(&b, 0, 0, 1);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.lapicaddr, 0x1FEE00000ull);
}

static void
too_many_ioapics_keeps_first_eight(void **state)
{
	Body b;
	u64int t;
	int i;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	for(i = 0; i < ACPIMAXIOAPIC+1; i++)
		madtioapic(&b, i, 0xFEC00000 + i*0x1000, i*24);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.nioapic, ACPIMAXIOAPIC);
	assert_int_equal(ai.ioapic[7].addr, 0xFEC07000);
	assert_int_equal(ai.ioapic[7].gsibase, 7*24);
	expectwarn("I/O APICs");
}

static void
too_many_overrides_keeps_first_24(void **state)
{
	Body b;
	u64int t;
	int i;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	for(i = 0; i < ACPIMAXISO+2; i++)
		madtiso(&b, 0, i % 16, i, 0);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.niso, ACPIMAXISO);
	assert_int_equal(ai.iso[ACPIMAXISO-1].gsi, ACPIMAXISO-1);
	expectwarn("interrupt overrides");
}

static void
override_of_non_isa_irq_or_reserved_flags_is_rejected(void **state)
{
	Body b;
	u64int t;

	(void)state;
	madtstart(&b, 0xFEE00000, 1);
	madtiso(&b, 1, 0, 2, 0);
	madtiso(&b, 0, 16, 16, 0);
	madtiso(&b, 0, 5, 5, 2);		/* polarity 2 is reserved */
	madtiso(&b, 0, 9, 9, 2<<2);		/* so is trigger 2 */
	madtiso(&b, 0, 0, 2, ISOPOLLOW|ISOTRIGEDGE);
	t = table("APIC", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.niso, 1);
	assert_int_equal(ai.iso[0].flags, ISOPOLLOW|ISOTRIGEDGE);
	assert_int_equal(ai.nwarn, 4);
	expectwarn("bus 1 irq 0");
}

static void
second_madt_is_ignored(void **state)
{
	u64int tab[2];

	(void)state;
	tab[0] = mkmadt(1);
	tab[1] = mkmadt(3);
	only(tab, 2);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.ncpu, 1);
	expectwarn("second MADT");
}

/* ---- MCFG and HPET ---- */

static void
mcfg_with_end_before_start_is_rejected(void **state)
{
	Body b;
	u64int t;

	(void)state;
	b.n = 0;
	b64(&b, 0);
	b64(&b, 0xB0000000); b16(&b, 0); b8(&b, 10); b8(&b, 5); b32(&b, 0);
	b64(&b, 0xC0000000); b16(&b, 1); b8(&b, 0); b8(&b, 63); b32(&b, 0);
	t = table("MCFG", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.necam, 1);
	assert_int_equal(ai.ecam[0].base, 0xC0000000);
	assert_int_equal(ai.ecam[0].seg, 1);
	assert_int_equal(ai.ecam[0].busend, 63);
	expectwarn("end bus 5 is before start bus 10");
}

static void
mcfg_entry_with_zero_base_is_rejected(void **state)
{
	u64int t;

	(void)state;
	t = mkmcfg(0, 0, 0, 255);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.necam, 0);
	expectwarn("base address 0");
}

static void
mcfg_with_partial_entry_keeps_whole_ones(void **state)
{
	Body b;
	u64int t;

	(void)state;
	b.n = 0;
	b64(&b, 0);
	b64(&b, 0xB0000000); b16(&b, 0); b8(&b, 0); b8(&b, 255); b32(&b, 0);
	b64(&b, 0xC0000000);	/* half an entry */
	t = table("MCFG", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.necam, 1);
	expectwarn("partial entry");
}

static void
too_many_mcfg_entries_keeps_first_four(void **state)
{
	Body b;
	u64int t;
	int i;

	(void)state;
	b.n = 0;
	b64(&b, 0);
	for(i = 0; i < ACPIMAXECAM+1; i++){
		b64(&b, 0xB0000000 + i*0x10000000ull); b16(&b, i); b8(&b, 0); b8(&b, 255);
		b32(&b, 0);
	}
	t = table("MCFG", &b);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_int_equal(ai.necam, ACPIMAXECAM);
	assert_int_equal(ai.ecam[3].seg, 3);
	expectwarn("more than 4 entries");
}

static void
hpet_in_io_space_is_rejected(void **state)
{
	u64int t;

	(void)state;
	t = mkhpet(1, 0x500);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_false(ai.hashpet);
	expectwarn("address space 1");
}

static void
hpet_too_short_is_rejected(void **state)
{
	u64int t;

	(void)state;
	t = mkhpet(0, 0xFED00000);
	put32(t+4, 52);
	fixsum(t);
	only(&t, 1);
	assert_int_equal(parse(), 0);
	assert_false(ai.hashpet);
	expectwarn("HPET length 52");
}

/* ---- seed corpus for test/fuzz/acpi.c ---- */

static int
writeimage(const char *dir, const char *name)
{
	char path[512];
	FILE *f;
	size_t n;

	n = next - 0xE0000;
	snprintf(path, sizeof path, "%s/%s", dir, name);
	f = fopen(path, "wb");
	if(f == nil || fwrite(mem+0xE0000, 1, n, f) != n || fclose(f) != 0){
		perror(path);
		return -1;
	}
	return 0;
}

/* Images start at 0xE0000 with the RSDP there and tables right after it. */
static int
corpus(const char *dir)
{
	Body b;
	u64int t[2];
	int rc;

	rc = 0;
	reset(nil);
	next = 0xE0030;
	machine(0xE0000, 2, 1, nil, 0);
	rc |= writeimage(dir, "q35");

	reset(nil);
	next = 0xE0030;
	machine(0xE0000, 2, 0, nil, 0);
	rc |= writeimage(dir, "pc");

	reset(nil);
	next = 0xE0030;
	machine(0xE0000, 0, 0, nil, 0);
	rc |= writeimage(dir, "pc-rsdt");

	reset(nil);
	next = 0xE0030;
	madtstart(&b, 0xFEE00000, 1);
	madtlapicaddr(&b, 0xFEE00000);
	madtcpu(&b, 0, 0, 1);
	madtx2apic(&b, 1, 1);
	madtx2apic(&b, 300, 1);
	madtioapic(&b, 1, 0xFEC00000, 0);
	madtiso(&b, 0, 0, 2, ISOPOLLOW|ISOTRIGLEVEL);
	madtraw(&b, 0, 0, 4);
	t[0] = table("APIC", &b);
	b.n = 0;
	b64(&b, 0);
	b64(&b, 0xB0000000); b16(&b, 0); b8(&b, 0); b8(&b, 255); b32(&b, 0);
	b64(&b, 0xC0000000); b16(&b, 1); b8(&b, 9); b8(&b, 3); b32(&b, 0);
	t[1] = table("MCFG", &b);
	roots(0xE0000, 2, t, 2);
	rc |= writeimage(dir, "odd-entries");
	return rc;
}

int
main(int argc, char **argv)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test_setup(rsdp_in_bios_area_is_found, reset),
		cmocka_unit_test_setup(rsdp_in_last_bios_slot_is_found, reset),
		cmocka_unit_test_setup(rsdp_in_ebda_is_found_and_preferred, reset),
		cmocka_unit_test_setup(rsdp_beyond_first_kib_of_ebda_is_not_found, reset),
		cmocka_unit_test_setup(rsdp_off_16_byte_boundary_is_not_found, reset),
		cmocka_unit_test_setup(rsdp_with_bad_checksum_is_ignored, reset),
		cmocka_unit_test_setup(rsdp_v2_with_bad_extended_checksum_is_ignored, reset),
		cmocka_unit_test_setup(rsdp_v2_with_absurd_length_is_ignored, reset),
		cmocka_unit_test_setup(no_rsdp_anywhere_is_reported, reset),
		cmocka_unit_test_setup(q35_tables_are_parsed, reset),
		cmocka_unit_test_setup(pc_tables_have_no_ecam, reset),
		cmocka_unit_test_setup(rsdt_is_used_when_xsdt_address_is_zero, reset),
		cmocka_unit_test_setup(xsdt_is_preferred_over_rsdt, reset),
		cmocka_unit_test_setup(broken_xsdt_falls_back_to_rsdt_with_warning, reset),
		cmocka_unit_test_setup(rsdp_with_bad_checksum_is_fatal, reset),
		cmocka_unit_test_setup(rsdp_without_root_address_is_fatal, reset),
		cmocka_unit_test_setup(broken_root_table_is_fatal, reset),
		cmocka_unit_test_setup(root_table_beyond_memory_is_fatal_without_crash, reset),
		cmocka_unit_test_setup(fatal_error_with_no_message_buffer_still_fails, reset),
		cmocka_unit_test_setup(oem_id_is_made_printable, reset),
		cmocka_unit_test_setup(table_with_bad_checksum_is_skipped_and_rest_parsed, reset),
		cmocka_unit_test_setup(table_shorter_than_header_is_skipped, reset),
		cmocka_unit_test_setup(table_cut_off_by_end_of_memory_is_skipped, reset),
		cmocka_unit_test_setup(table_with_lying_length_is_skipped, reset),
		cmocka_unit_test_setup(null_and_wild_table_addresses_are_skipped, reset),
		cmocka_unit_test_setup(too_many_tables_are_capped, reset),
		cmocka_unit_test_setup(table_signature_is_made_printable, reset),
		cmocka_unit_test_setup(madt_entry_with_length_zero_stops_parsing, reset),
		cmocka_unit_test_setup(unknown_madt_entry_with_length_zero_stops_parsing, reset),
		cmocka_unit_test_setup(madt_entry_with_length_one_stops_parsing, reset),
		cmocka_unit_test_setup(madt_entry_running_past_table_end_is_rejected, reset),
		cmocka_unit_test_setup(madt_entry_shorter_than_its_type_is_rejected, reset),
		cmocka_unit_test_setup(madt_trailing_byte_is_ignored_with_warning, reset),
		cmocka_unit_test_setup(madt_shorter_than_fixed_fields_is_skipped, reset),
		cmocka_unit_test_setup(unknown_madt_entries_are_skipped, reset),
		cmocka_unit_test_setup(too_many_cpus_keeps_first_64_with_warning, reset),
		cmocka_unit_test_setup(disabled_cpus_are_left_out_and_online_capable_kept, reset),
		cmocka_unit_test_setup(x2apic_ids_are_recorded_once_and_large_ones_ignored, reset),
		cmocka_unit_test_setup(lapic_address_override_is_applied, reset),
		cmocka_unit_test_setup(too_many_ioapics_keeps_first_eight, reset),
		cmocka_unit_test_setup(too_many_overrides_keeps_first_24, reset),
		cmocka_unit_test_setup(override_of_non_isa_irq_or_reserved_flags_is_rejected, reset),
		cmocka_unit_test_setup(second_madt_is_ignored, reset),
		cmocka_unit_test_setup(mcfg_with_end_before_start_is_rejected, reset),
		cmocka_unit_test_setup(mcfg_entry_with_zero_base_is_rejected, reset),
		cmocka_unit_test_setup(mcfg_with_partial_entry_keeps_whole_ones, reset),
		cmocka_unit_test_setup(too_many_mcfg_entries_keeps_first_four, reset),
		cmocka_unit_test_setup(hpet_in_io_space_is_rejected, reset),
		cmocka_unit_test_setup(hpet_too_short_is_rejected, reset),
	};

	if(argc == 3 && strcmp(argv[1], "--corpus") == 0)
		return corpus(argv[2]) == 0 ? 0 : 1;
	return cmocka_run_group_tests(tests, nil, nil);
}
