/*
 * acpi.c - libFuzzer target for lib/acpi.c.
 *
 * The input is physical memory starting at 0xE0000, so the BIOS-area
 * scan can find an RSDP in it and table pointers into it are followed.
 * Everything else (the EBDA pointer at 0x40E included) is unreadable.
 * After parsing, the result must keep the invariants Acpiinfo promises.
 * Each input is parsed twice: as given, and with every checksum repaired,
 * because random mutations almost never keep a checksum right and would
 * otherwise stop at it instead of reaching the table contents.
 * Seeds come from "build/host/acpi_test --corpus DIR".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "u.h"
#include "acpi.h"

enum { Base = 0xE0000 };

typedef struct Mem {
	const u8int *p;
	size_t n;
} Mem;

static const void *
memread(void *arg, u64int pa, size_t len)
{
	Mem *m;

	m = arg;
	if(pa < Base || pa - Base > m->n || len > m->n - (pa - Base))
		return nil;
	return m->p + (pa - Base);
}

static void
check(int ok)
{
	if(!ok)
		abort();
}

/* A string from the parser: terminated within size and printable. */
static void
checkstr(const char *s, size_t size)
{
	size_t i;

	for(i = 0; i < size && s[i] != 0; i++)
		check(s[i] >= 0x20 && s[i] < 0x7F);
	check(i < size);
}

static void
checkinfo(const Acpiinfo *ai)
{
	int i, j;

	checkstr(ai->oem, sizeof ai->oem);
	checkstr(ai->warn, sizeof ai->warn);
	check(ai->ntab >= 0 && ai->ntab <= ACPIMAXTAB);
	for(i = 0; i < ai->ntab; i++){
		checkstr(ai->tabsig[i], sizeof ai->tabsig[i]);
		check(strlen(ai->tabsig[i]) == 4);
	}
	check(ai->ncpu >= 0 && ai->ncpu <= ACPIMAXCPU);
	for(i = 0; i < ai->ncpu; i++)
		for(j = i+1; j < ai->ncpu; j++)
			check(ai->lapicid[i] != ai->lapicid[j]);
	check(ai->nioapic >= 0 && ai->nioapic <= ACPIMAXIOAPIC);
	check(ai->niso >= 0 && ai->niso <= ACPIMAXISO);
	for(i = 0; i < ai->niso; i++){
		check(ai->iso[i].bus == 0 && ai->iso[i].irq < 16);
		check((ai->iso[i].flags & ISOPOLMASK) != 2);
		check((ai->iso[i].flags & ISOTRIGMASK) != 2<<2);
	}
	check(ai->necam >= 0 && ai->necam <= ACPIMAXECAM);
	for(i = 0; i < ai->necam; i++)
		check(ai->ecam[i].busstart <= ai->ecam[i].busend && ai->ecam[i].base != 0);
	check(!ai->hashpet || ai->hpetaddr != 0);
	check(ai->nwarn >= 0);
	check((ai->nwarn == 0) == (ai->warn[0] == 0));
	if(!ai->hasmadt)
		check(ai->ncpu == 0 && ai->nioapic == 0 && ai->niso == 0);
}

static u32int
get32(const u8int *p)
{
	return p[0] | p[1]<<8 | p[2]<<16 | (u32int)p[3]<<24;
}

static u8int
sum(const u8int *p, size_t n)
{
	u8int s;

	s = 0;
	while(n-- > 0)
		s += *p++;
	return s;
}

/* Fix the checksum byte at p[at] of the len bytes at p if they fit in n. */
static void
fixsum(u8int *p, size_t n, size_t len, size_t at)
{
	if(len >= at+1 && len <= n){
		p[at] = 0;
		p[at] = -sum(p, len);
	}
}

static void
fixsums(u8int *p, size_t n)
{
	static const char *sigs[] = { "XSDT", "RSDT", "APIC", "MCFG", "HPET", "FACP" };
	size_t i, j;

	for(i = 0; i + 36 <= n; i++){
		if(i % 16 == 0 && memcmp(p+i, "RSD PTR ", 8) == 0){
			fixsum(p+i, n-i, 20, 8);
			if(p[i+15] >= 2)
				fixsum(p+i, n-i, get32(p+i+20), 32);
			continue;
		}
		for(j = 0; j < sizeof sigs / sizeof sigs[0]; j++)
			if(memcmp(p+i, sigs[j], 4) == 0)
				fixsum(p+i, n-i, get32(p+i+4), 9);
	}
}

static void
run(const u8int *data, size_t size)
{
	static Acpiinfo ai;
	char err[128];
	Mem m;
	u64int pa;
	int r;

	m.p = data;
	m.n = size;
	if(acpifindrsdp(memread, &m, &pa) < 0)
		return;
	check(pa >= Base && pa < 0x100000 && pa % 16 == 0);
	memset(err, 0xFF, sizeof err);
	r = acpiparse(&ai, pa, memread, &m, err, sizeof err);
	if(r < 0){
		checkstr(err, sizeof err);
		check(err[0] != 0);
		return;
	}
	check(r == 0);
	checkstr(err, sizeof err);
	check(err[0] == 0);
	checkinfo(&ai);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	u8int *fixed;

	run(data, size);
	fixed = malloc(size > 0 ? size : 1);
	if(fixed == nil)
		return 0;
	memcpy(fixed, data, size);
	fixsums(fixed, size);
	run(fixed, size);
	free(fixed);
	return 0;
}
