/*
 * portdat.h - portable kernel data structures.
 */
#ifndef LUX9_PORTDAT_H
#define LUX9_PORTDAT_H

#include "u.h"

/*
 * A spin lock.  lock() also turns interrupts off until unlock(), so a lock
 * taken by an interrupt handler cannot deadlock against the code it
 * interrupted.  Locks are taken in the order of docs/kernel.md.
 */
typedef struct Lock Lock;
struct Lock {
	volatile int	key;
	int		pl;	/* interrupt state to restore; guarded by key */
	uintptr		pc;	/* who holds it, for diagnostics */
};

/* log levels for boot messages; chosen by log= on the command line */
enum { LOGQUIET = 0, LOGINFO = 1, LOGDEBUG = 2 };

/*
 * A PCI function found at boot.  The table is kept for the userspace
 * drivers of later issues, which find their device here.
 */
typedef struct Pcidev Pcidev;
struct Pcidev {
	u16int	seg;
	u8int	bus, dev, fn;
	u16int	vid, did;
	u8int	class, subclass, progif, rev;
	u8int	htype;		/* header type, without the multifunction bit */
	u8int	intpin, intline;
	u64int	bar[6];		/* decoded base addresses */
	u64int	barsize[6];
	u8int	bario[6];	/* 1 when the BAR is I/O space */
};
enum { MAXPCIDEV = 128 };

/* What the kernel learned about the machine at boot. */
typedef struct Conf Conf;
struct Conf {
	char	cmdline[512];
	u64int	memtotal;	/* usable bytes of RAM */
	u64int	maxpa;		/* one past the highest usable physical address */
	char	cpumodel[49];
	char	cpuvendor[13];
	u32int	cpufeat[4];	/* cpuid 1 ecx, edx; 0x80000001 ecx, edx */
	int	loglevel;
	int	ecam;		/* PCI config through ECAM, not ports */
	u64int	tscfreq;	/* Hz */
	u64int	lapicfreq;	/* timer ticks per second, after the divider */
	char	clocksrc[8];	/* "hpet" or "pit": what the timers were calibrated against */
};

#endif
