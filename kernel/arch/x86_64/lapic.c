/*
 * lapic.c - the local APIC: interrupt acceptance, end of interrupt and the
 * per-CPU timer.  The legacy 8259 PICs are remapped out of the exception
 * range and masked, so every interrupt comes through the IOAPIC or here.
 */
#include "portfns.h"
#include "fns.h"
#include "acpi.h"

enum {
	LAPICID		= 0x020,
	LAPICTPR	= 0x080,
	LAPICEOI	= 0x0B0,
	LAPICSVR	= 0x0F0,
	LAPICESR	= 0x280,
	LAPICTIMER	= 0x320,
	LAPICLINT0	= 0x350,
	LAPICLINT1	= 0x360,
	LAPICERROR	= 0x370,
	LAPICTICR	= 0x380,	/* timer initial count */
	LAPICTCCR	= 0x390,	/* timer current count */
	LAPICTDCR	= 0x3E0,	/* timer divide configuration */

	SVRENABLE	= 1 << 8,
	LVTMASK		= 1 << 16,
	LVTPERIODIC	= 1 << 17,
	TDIV16		= 0x3,

	MSRAPICBASE	= 0x1B,
};

extern Acpiinfo acpiinfo;
static volatile u32int *lapic;

static u32int
lapicr(int reg)
{
	return lapic[reg / 4];
}

static void
lapicw(int reg, u32int v)
{
	lapic[reg / 4] = v;
	(void)lapic[LAPICID / 4];	/* wait for the write to land */
}

/* Remap the 8259s to VPIC.. (so a stray one is not taken for an exception) and mask them. */
static void
picoff(void)
{
	outb(0x20, 0x11); outb(0xA0, 0x11);		/* ICW1: init, ICW4 follows */
	outb(0x21, VPIC); outb(0xA1, VPIC + 8);		/* ICW2: vector bases */
	outb(0x21, 4); outb(0xA1, 2);			/* ICW3: cascade on IRQ 2 */
	outb(0x21, 1); outb(0xA1, 1);			/* ICW4: 8086 mode */
	outb(0x21, 0xFF); outb(0xA1, 0xFF);		/* mask everything */
}

void
lapicinit(void)
{
	u64int base;

	picoff();
	base = acpiinfo.lapicaddr;
	if(base == 0)
		base = rdmsr(MSRAPICBASE) & ~0xFFFULL;
	wrmsr(MSRAPICBASE, rdmsr(MSRAPICBASE) | 1 << 11);	/* globally enabled */
	lapic = vmap(base, BY2PG);
	if(lapic == nil)
		panic("lapic: cannot map registers at %#llx", (uvlong)base);
	lapicw(LAPICSVR, SVRENABLE | VSPURIOUS);
	lapicw(LAPICTIMER, LVTMASK);
	lapicw(LAPICLINT0, LVTMASK);
	lapicw(LAPICLINT1, LVTMASK);
	lapicw(LAPICERROR, LVTMASK);
	lapicw(LAPICESR, 0);
	lapicw(LAPICESR, 0);
	lapicw(LAPICEOI, 0);
	lapicw(LAPICTPR, 0);
	iprint("lapic: id %u at %#llx\n", lapicid(), (uvlong)base);
}

u32int
lapicid(void)
{
	return lapicr(LAPICID) >> 24;
}

void
lapiceoi(void)
{
	if(lapic != nil)
		lapicw(LAPICEOI, 0);
}

/* Start the count-down used to calibrate: divide by 16 from the maximum. */
void
lapictimerstart(void)
{
	lapicw(LAPICTDCR, TDIV16);
	lapicw(LAPICTIMER, LVTMASK);
	lapicw(LAPICTICR, 0xFFFFFFFF);
}

u32int
lapictimerread(void)
{
	return lapicr(LAPICTCCR);
}

/* Interrupt at VTIMER every count timer ticks. */
void
lapictimerperiodic(u32int count)
{
	lapicw(LAPICTDCR, TDIV16);
	lapicw(LAPICTIMER, VTIMER | LVTPERIODIC);
	lapicw(LAPICTICR, count);
}
