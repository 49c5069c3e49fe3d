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

/*
 * The reference clocks.  Each has a start, done before the TSC and LAPIC
 * are sampled (so mapping registers or translating code under TCG is not
 * counted), and a wait of CALMS ms from that start.
 */
static volatile u64int *hpet;
static u64int hpetstart, hpetneed;

static int
hpetstartcal(void)
{
	u64int period;

	if(hpet == nil)
		hpet = vmap(acpiinfo.hpetaddr, 1024);
	if(hpet == nil)
		return -1;
	period = hpet[HPETCAP / 8] >> 32;		/* femtoseconds per count */
	if(period == 0 || period > 100000000)		/* the spec caps it at 100 ns */
		return -1;
	hpet[HPETCFG / 8] |= 1;				/* counter on */
	hpetneed = CALMS * 1000000000000ULL / period;
	hpetstart = hpet[HPETCOUNT / 8];
	return 0;
}

static void
hpetwait(void)
{
	while(hpet[HPETCOUNT / 8] - hpetstart < hpetneed)
		pause();
}

/* PIT channel 2 counts down once (mode 0); its output, seen in port 0x61, rises at zero. */
static void
pitstartcal(void)
{
	u32int count = PITHZ * CALMS / 1000;

	outb(PITGATE, (inb(PITGATE) & ~0x02) | 0x01);	/* gate on, speaker off */
	outb(PITMODE, 0xB0);				/* ch 2, lo/hi, mode 0 */
	outb(PITCH2, count & 0xFF);
	outb(PITCH2, count >> 8);			/* counting starts here */
}

static void
pitwait(void)
{
	while((inb(PITGATE) & 0x20) == 0)
		pause();
}

static void
calibrate(void)
{
	u64int t0, t1;
	u32int l0, l1;
	int usehpet;

	lapictimerstart();
	usehpet = acpiinfo.hashpet && hpetstartcal() == 0;
	if(!usehpet)
		pitstartcal();
	t0 = rdtsc();
	l0 = lapictimerread();
	if(usehpet)
		hpetwait();
	else
		pitwait();
	t1 = rdtsc();
	l1 = lapictimerread();
	memmove(conf.clocksrc, usehpet ? "hpet" : "pit", usehpet ? 5 : 4);
	conf.tscfreq = (t1 - t0) * (1000 / CALMS);
	conf.lapicfreq = (u64int)(l0 - l1) * (1000 / CALMS);
}

void
clockinit(void)
{
	calibrate();	/* once to warm up: under TCG the first run includes translating this code */
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
	needresched = 1;
	proctimers();
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
