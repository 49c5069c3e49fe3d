/*
 * devtest.c - self tests of the clock, the timer interrupt, the firmware
 * tables and PCI enumeration on the machine QEMU gives us.
 */
#include "portfns.h"
#include "fns.h"
#include "selftest.h"
#include "cmdline.h"
#include "acpi.h"

extern Acpiinfo acpiinfo;

const char *
testmonotonic(void)
{
	u64int prev, now, start;
	int i;

	start = prev = nsec();
	for(i = 0; i < 100000; i++){
		now = nsec();
		if(now < prev)
			return fail("nsec went back from %llu to %llu", (uvlong)prev, (uvlong)now);
		prev = now;
	}
	delayus(20000);
	now = nsec();
	if(now - start < 20000000)
		return fail("a 20 ms delay took %llu ns by nsec", (uvlong)(now - start));
	return nil;
}

/*
 * The tick interrupt must arrive, and at about the rate the clock says
 * (within a factor of 4: TCG is not a precise machine).
 */
const char *
testticks(void)
{
	u64int t0, n0, n1, deadline, per;

	if((getflags() & FLAGSIF) == 0)
		return fail("interrupts are off");
	t0 = ticks();
	n0 = nsec();
	deadline = n0 + 5000000000ULL;
	while(ticks() < t0 + 20 && nsec() < deadline)
		halt();
	n1 = nsec();
	if(ticks() < t0 + 20)
		return fail("only %llu ticks in 5 s", (uvlong)(ticks() - t0));
	per = (n1 - n0) / (ticks() - t0);
	if(per < 10000000 / 4 || per > 10000000 * 4)
		return fail("a tick every %llu ns, expected about 10 ms", (uvlong)per);
	return nil;
}

/* The HPET is used whenever ACPI lists one; the PIT otherwise. */
const char *
testclocksrc(void)
{
	const char *want;

	want = acpiinfo.hashpet ? "hpet" : "pit";
	if(strcmp(conf.clocksrc, want) != 0)
		return fail("calibrated against the %s, expected the %s", conf.clocksrc, want);
	if(conf.tscfreq < 1000000 || conf.lapicfreq < 100000)
		return fail("implausible rates: tsc %llu Hz, lapic timer %llu Hz",
			(uvlong)conf.tscfreq, (uvlong)conf.lapicfreq);
	return nil;
}

const char *
testacpi(void)
{
	if(!acpiinfo.hasmadt)
		return fail("no MADT");
	if(acpiinfo.ncpu < 1)
		return fail("MADT lists no processors");
	if(acpiinfo.nioapic < 1)
		return fail("MADT lists no IOAPIC");
	if(acpiinfo.lapicaddr != 0xFEE00000)
		return fail("local APIC at %#llx, QEMU puts it at 0xfee00000", (uvlong)acpiinfo.lapicaddr);
	if(acpiinfo.lapicid[0] != lapicid())
		return fail("MADT's first CPU has APIC id %d, but we run on %u", acpiinfo.lapicid[0], lapicid());
	return nil;
}

static int
hexval(const char *s, int n, u32int *v)
{
	int i, c;

	*v = 0;
	for(i = 0; i < n; i++){
		c = s[i];
		if(c >= '0' && c <= '9')
			c -= '0';
		else if(c >= 'a' && c <= 'f')
			c -= 'a' - 10;
		else if(c >= 'A' && c <= 'F')
			c -= 'A' - 10;
		else
			return -1;
		*v = *v << 4 | c;
	}
	return 0;
}

/*
 * pci.expect=VVVV:DDDD,... on the command line names devices the machine
 * must have (the harness knows what QEMU was told); besides, function
 * 00:00.0 must be a host bridge.
 */
const char *
testpci(void)
{
	char want[256];
	const char *s;
	u32int vid, did;
	Pcidev *p;

	if(npcidev == 0)
		return fail("no PCI functions found");
	p = &pcidevs[0];
	if(p->bus != 0 || p->dev != 0 || p->fn != 0 || p->class != 0x06 || p->subclass != 0x00)
		return fail("first function %02x:%02x.%x class %02x.%02x is not a host bridge at 00:00.0",
			p->bus, p->dev, p->fn, p->class, p->subclass);
	if(cmdlineget(conf.cmdline, "pci.expect", want, sizeof want) <= 0)
		return nil;
	for(s = want; *s != 0; s += 9){
		if(strlen(s) < 9 || s[4] != ':' || hexval(s, 4, &vid) < 0 || hexval(s + 5, 4, &did) < 0
		|| (s[9] != ',' && s[9] != 0))
			return fail("bad pci.expect entry '%s' (want VVVV:DDDD,...)", s);
		if(pcifind(vid, did) == nil)
			return fail("expected device %04x:%04x not found", vid, did);
		if(s[9] == ',')
			s++;
	}
	return nil;
}

/* Where both ways to configuration space exist, they must agree. */
const char *
testecam(void)
{
	Pcidev *p;
	u32int id;
	int i;

	if(acpiinfo.necam > 0 && !conf.ecam)
		return fail("MCFG gives an ECAM window but PCI did not use it");
	for(i = 0; i < npcidev; i++){
		p = &pcidevs[i];
		outl(0xCF8, 0x80000000 | p->bus << 16 | p->dev << 11 | p->fn << 8);
		id = inl(0xCFC);
		if(id != (u32int)(p->did << 16 | p->vid))
			return fail("%02x:%02x.%x: ports read id %08x, enumeration %04x:%04x",
				p->bus, p->dev, p->fn, id, p->vid, p->did);
	}
	return nil;
}
