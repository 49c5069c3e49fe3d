/*
 * clock.c - time.  The TSC gives the monotonic nanosecond clock and the
 * LAPIC timer the periodic tick; both are calibrated at boot against a
 * clock of known frequency: the HPET when ACPI describes one, else PIT
 * channel 2.
 */
#include "portfns.h"
#include "fns.h"
#include "acpi.h"

enum {
	HZ		= 100,
	CALMS		= 10,		/* calibration interval */

	HPETCAP		= 0x000,
	HPETCFG		= 0x010,
	HPETCOUNT	= 0x0F0,

	PITHZ		= 1193182,
	PITCH2		= 0x42,
	PITMODE		= 0x43,
	PITGATE		= 0x61,
};

extern Acpiinfo acpiinfo;
void lapictimerstart(void);
u32int lapictimerread(void);
void lapictimerperiodic(u32int count);

static volatile u64int nticks;
static u64int tsc0;

/* Busy-wait CALMS ms on the HPET; 0 ok, -1 if it is unusable. */
static int
hpetwait(void)
{
	volatile u64int *hpet;
	u64int period, start, need;

	hpet = vmap(acpiinfo.hpetaddr, 1024);
	if(hpet == nil)
		return -1;
	period = hpet[HPETCAP / 8] >> 32;		/* femtoseconds per count */
	if(period == 0 || period > 100000000)		/* the spec caps it at 100 ns */
		return -1;
	hpet[HPETCFG / 8] |= 1;				/* counter on */
	need = CALMS * 1000000000000ULL / period;
	start = hpet[HPETCOUNT / 8];
	while(hpet[HPETCOUNT / 8] - start < need)
		pause();
	return 0;
}

/* Busy-wait CALMS ms on PIT channel 2, gated through port 0x61. */
static void
pitwait(void)
{
	u32int count = PITHZ * CALMS / 1000;

	outb(PITGATE, (inb(PITGATE) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PITMODE, 0xB0);				/* ch 2, lo/hi, mode 0 */
	outb(PITCH2, count & 0xFF);
	outb(PITCH2, count >> 8);
	while((inb(PITGATE) & 0x20) == 0)		/* OUT2 goes high at zero */
		pause();
}

static void
calibrate(void)
{
	u64int t0, t1;
	u32int l0, l1;

	lapictimerstart();
	t0 = rdtsc();
	l0 = lapictimerread();
	if(acpiinfo.hashpet && hpetwait() == 0)
		memmove(conf.clocksrc, "hpet", 5);
	else{
		pitwait();
		memmove(conf.clocksrc, "pit", 4);
	}
	t1 = rdtsc();
	l1 = lapictimerread();
	conf.tscfreq = (t1 - t0) * (1000 / CALMS);
	conf.lapicfreq = (u64int)(l0 - l1) * (1000 / CALMS);
}

void
clockinit(void)
{
	calibrate();
	if(conf.tscfreq == 0 || conf.lapicfreq < HZ)
		panic("clock: calibration against the %s failed (tsc %llu Hz, lapic %llu Hz)",
			conf.clocksrc, (uvlong)conf.tscfreq, (uvlong)conf.lapicfreq);
	tsc0 = rdtsc();
	lapictimerperiodic(conf.lapicfreq / HZ);
	iprint("clock: calibrated against the %s: tsc %llu kHz, lapic timer %llu kHz, %d Hz tick\n",
		conf.clocksrc, (uvlong)(conf.tscfreq / 1000), (uvlong)(conf.lapicfreq / 1000), HZ);
}

void
clockintr(void)
{
	nticks++;
}

u64int
ticks(void)
{
	return nticks;
}

/* Nanoseconds since clockinit; never goes backwards. */
u64int
nsec(void)
{
	u64int d;

	if(conf.tscfreq == 0)
		return 0;
	d = rdtsc() - tsc0;
	/* split so nothing overflows: d % tscfreq < 2^32, times 1e9 < 2^62 */
	return d / conf.tscfreq * 1000000000ULL + d % conf.tscfreq * 1000000000ULL / conf.tscfreq;
}

void
delayus(u64int us)
{
	u64int end;

	end = nsec() + us * 1000;
	while(nsec() < end)
		pause();
}
