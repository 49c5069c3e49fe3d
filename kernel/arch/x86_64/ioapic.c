/*
 * ioapic.c - routes device interrupts (legacy ISA IRQs, later PCI) to
 * vectors on the boot CPU, honouring the firmware's interrupt source
 * overrides (e.g. the PIT's IRQ 0 arriving on GSI 2).
 */
#include "portfns.h"
#include "fns.h"
#include "acpi.h"

enum {
	IOREGSEL	= 0x00,
	IOWIN		= 0x10 / 4,
	IOAPICVER	= 0x01,
	IOREDTBL	= 0x10,

	RDTMASK		= 1 << 16,
	RDTLEVEL	= 1 << 15,
	RDTLOW		= 1 << 13,
	DEFAULTIOAPIC	= 0xFEC00000,
};

typedef struct Ioapic Ioapic;
struct Ioapic {
	volatile u32int	*regs;
	u32int		gsibase;
	int		nrdt;		/* redirection entries */
};

extern Acpiinfo acpiinfo;
static Lock ioapiclock;			/* guards the IOREGSEL/IOWIN pairs */
static Ioapic ioapics[ACPIMAXIOAPIC];
static int nioapic;

static u32int
ioread(Ioapic *a, int reg)
{
	a->regs[IOREGSEL] = reg;
	return a->regs[IOWIN];
}

static void
iowrite(Ioapic *a, int reg, u32int v)
{
	a->regs[IOREGSEL] = reg;
	a->regs[IOWIN] = v;
}

static void
addioapic(u64int pa, u32int gsibase)
{
	Ioapic *a;
	int i;

	if(nioapic == nelem(ioapics))
		return;
	a = &ioapics[nioapic];
	a->regs = vmap(pa, 0x20);
	if(a->regs == nil){
		print("ioapic: cannot map %#llx\n", (uvlong)pa);
		return;
	}
	a->gsibase = gsibase;
	a->nrdt = ((ioread(a, IOAPICVER) >> 16) & 0xFF) + 1;
	for(i = 0; i < a->nrdt; i++){
		iowrite(a, IOREDTBL + 2 * i, RDTMASK);
		iowrite(a, IOREDTBL + 2 * i + 1, 0);
	}
	iprint("ioapic: %#llx gsi %u-%u\n", (uvlong)pa, gsibase, gsibase + a->nrdt - 1);
	nioapic++;
}

void
ioapicinit(void)
{
	int i;

	for(i = 0; i < acpiinfo.nioapic; i++)
		addioapic(acpiinfo.ioapic[i].addr, acpiinfo.ioapic[i].gsibase);
	if(nioapic == 0)
		addioapic(DEFAULTIOAPIC, 0);	/* no MADT: the PC standard place */
}

/* Route ISA irq to vector on this CPU; -1 when no IOAPIC serves it. */
int
ioapicroute(int irq, int vector)
{
	u32int gsi, lo;
	u16int flags;
	Ioapic *a;
	int i;

	gsi = irq;
	flags = 0;
	for(i = 0; i < acpiinfo.niso; i++)
		if(acpiinfo.iso[i].irq == irq){
			gsi = acpiinfo.iso[i].gsi;
			flags = acpiinfo.iso[i].flags;
		}
	lo = vector;
	if((flags & ISOPOLMASK) == ISOPOLLOW)
		lo |= RDTLOW;
	if((flags & ISOTRIGMASK) == ISOTRIGLEVEL)
		lo |= RDTLEVEL;
	for(i = 0; i < nioapic; i++){
		a = &ioapics[i];
		if(gsi < a->gsibase || gsi >= a->gsibase + a->nrdt)
			continue;
		lock(&ioapiclock);
		iowrite(a, IOREDTBL + 2 * (gsi - a->gsibase) + 1, lapicid() << 24);
		iowrite(a, IOREDTBL + 2 * (gsi - a->gsibase), lo);
		unlock(&ioapiclock);
		dprint("ioapic: irq %d -> gsi %u -> vector %d\n", irq, gsi, vector);
		return 0;
	}
	return -1;
}
