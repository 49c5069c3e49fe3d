/*
 * acpi.h - the boot-time ACPI table parser: finds the RSDP, walks the
 * XSDT (or RSDT) and extracts what the kernel needs to start processors
 * and route interrupts (MADT), reach PCI configuration space (MCFG) and
 * find a timer (HPET).  Firmware memory is reached only through a
 * Physread callback, so the same code runs in the kernel, in host tests
 * and under a fuzzer.
 */
#ifndef LUX9_ACPI_H
#define LUX9_ACPI_H

#include "u.h"

enum {
	ACPIMAXCPU = 64,
	ACPIMAXIOAPIC = 8,
	ACPIMAXISO = 24,
	ACPIMAXECAM = 4,
	ACPIMAXTAB = 64,	/* root table entries looked at; the rest ignored */
	ACPITABCAP = 1<<20,	/* longest table believed; longer ones are skipped */
	ACPIRSDPCAP = 1024,	/* longest v2 RSDP believed */
};

typedef struct Acpiioapic {
	u8int id;
	u32int addr;
	u32int gsibase;
} Acpiioapic;

/*
 * Interrupt source override: ISA irq (bus is always 0, irq < 16) is
 * wired to gsi.  flags are the MPS INTI flags: polarity in bits 0-1,
 * trigger mode in bits 2-3 (0 = as the bus does, 1 = high/edge,
 * 3 = low/level); the reserved value 2 is rejected by the parser.
 */
typedef struct Acpiiso {
	u8int bus, irq;
	u32int gsi;
	u16int flags;
} Acpiiso;

enum {
	ISOPOLMASK = 3<<0,
	ISOPOLBUS = 0<<0,
	ISOPOLHIGH = 1<<0,
	ISOPOLLOW = 3<<0,
	ISOTRIGMASK = 3<<2,
	ISOTRIGBUS = 0<<2,
	ISOTRIGEDGE = 1<<2,
	ISOTRIGLEVEL = 3<<2,
};

/*
 * PCI Express ECAM window for buses busstart..busend of segment seg.
 * base is the address of bus 0 even when busstart > 0 (as MCFG says).
 */
typedef struct Acpiecam {
	u64int base;
	u16int seg;
	u8int busstart, busend;
} Acpiecam;

/*
 * What acpiparse found.  Every count is within its array's bound and
 * every string is NUL terminated and printable ASCII, whatever the
 * firmware said.
 */
typedef struct Acpiinfo {
	u8int revision;			/* RSDP revision: 0 is ACPI 1.0, 2 is 2.0+ */
	char oem[7];			/* RSDP OEM id */
	int ntab;
	char tabsig[ACPIMAXTAB][5];	/* signatures of tables that passed checks */
	int hasmadt;
	u64int lapicaddr;		/* after any type 5 override */
	int pcat;			/* MADT flag bit 0: legacy 8259s present */
	int ncpu;
	u8int lapicid[ACPIMAXCPU];	/* enabled or online-capable, no duplicates */
	int nioapic;
	Acpiioapic ioapic[ACPIMAXIOAPIC];
	int niso;
	Acpiiso iso[ACPIMAXISO];
	int necam;
	Acpiecam ecam[ACPIMAXECAM];
	int hashpet;
	u64int hpetaddr;
	int nwarn;			/* number of non-fatal problems */
	char warn[128];			/* the first of them, empty if none */
} Acpiinfo;

/*
 * Find the RSDP: the first KiB of the EBDA, then 0xE0000-0xFFFFF.
 * Returns 0 and sets *rsdppa if a checksummed RSDP was found, else -1.
 */
int acpifindrsdp(Physread *rd, void *arg, u64int *rsdppa);

/*
 * Parse the tables under the RSDP at rsdppa into *ai (cleared first).
 * Returns 0 on success, with any skipped table or entry noted in
 * ai->warn; returns -1 with a message in err if the RSDP or the root
 * table is unusable.
 */
int acpiparse(Acpiinfo *ai, u64int rsdppa, Physread *rd, void *arg,
	char *err, size_t nerr);

#endif
