/*
 * portdat.h - portable kernel data structures.
 */
#ifndef LUX9_PORTDAT_H
#define LUX9_PORTDAT_H

#include "u.h"
#include "dat.h"
#include "sys.h"
#include "dir.h"

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

/*
 * Rendez: a place to sleep until a condition holds (Plan 9's).  At most
 * one process sleeps on a Rendez.
 */
typedef struct Rendez Rendez;
struct Rendez {
	Lock		lk;
	struct Proc	*p;	/* the sleeper, or nil; guarded by lk */
};

/*
 * QLock: a lock that may be held while sleeping; waiters queue in order.
 */
typedef struct QLock QLock;
struct QLock {
	Lock		lk;
	int		locked;		/* guarded by lk */
	struct Proc	*owner;
	struct Proc	*head, *tail;	/* waiting, linked by qnext */
};

/*
 * A Budget caps what a group of processes may use; every allocation made
 * on a process's behalf is charged to its budget first and refused with
 * "budget exceeded: WHAT" when over.  rfork children share the parent's.
 */
enum { BMEM, BPROC, BCHAN, NBUDGET };
typedef struct Budget Budget;
struct Budget {
	Lock	lk;
	int	ref;			/* processes drawing on it; guarded by lk */
	u64int	limit[NBUDGET];		/* pages, processes, channels */
	u64int	used[NBUDGET];		/* guarded by lk; used <= limit always */
	Budget	*parent;		/* a sub-budget also charges its parent */
};

/*
 * A segment of a user address space: its pages live here (pa per page,
 * 0 = not yet touched); the hardware page tables are a cache of this,
 * filled by page faults and flushed at will.  A page shared copy-on-write
 * has Page.ref > 1 and is mapped read-only until written.
 */
enum { SGTEXT, SGDATA, SGBSS, SGSTACK };
enum { NSEG = 8 };
enum { SGREAD = 1, SGWRITE = 2, SGEXEC = 4 };
typedef struct Seg Seg;
struct Seg {
	Lock	lk;
	int	ref;		/* processes sharing it (RFMEM, text); guarded by lk */
	int	type;		/* SGTEXT... */
	int	prot;		/* SGREAD|SGWRITE|SGEXEC; never both write and exec */
	uintptr	base, top;	/* [base, top), page aligned; top moves for BSS (brk) */
	uintptr	limit;		/* top may not pass this */
	u64int	*pages;		/* physical address per page, 0 = untouched; guarded by lk */
	u64int	npages;		/* length of pages[] */
	Budget	*budget;	/* charged for its pages */
};

/* a channel: an open (or walked-to) file of some device */
typedef struct Chan Chan;
struct Chan {
	Lock	lk;
	int	ref;		/* guarded by lk */
	int	type;		/* index in devtab */
	u32int	dev;
	Qid	qid;
	u64int	offset;		/* guarded by the file's user: one process at a time per fd */
	int	mode;		/* OREAD... when open */
	int	open;
	char	path[256];	/* the name it was reached by, for fd2path */
	void	*aux;		/* the device's */
	u64int	auxn;
	Budget	*budget;	/* charged for this channel */
};

enum { NFD = 128 };
typedef struct Fgrp Fgrp;
struct Fgrp {
	Lock	lk;
	int	ref;		/* guarded by lk */
	Chan	*fd[NFD];	/* guarded by lk */
};

enum { Dead = 0, Running, Ready, Wakeme, Moribund, Stopped, Queueing };
enum { NERR = 16, NPRI = 8, PRINORM = 4, NNOTE = 8, KNAMELEN = 28 };

typedef struct Note Note;
struct Note {
	char	msg[128];
	int	flag;		/* NUser, NDebug */
};

typedef struct Waitq Waitq;
struct Waitq {
	int	pid;
	char	msg[128];
	u64int	time[3];	/* user, system, real ms */
	Waitq	*next;
};

typedef struct Proc Proc;
struct Proc {
	Label	sched;		/* where sched() resumes it */
	int	state;		/* guarded by the scheduler (splhi) */
	int	pid;
	int	ppid;
	Proc	*parent;	/* guarded by proclock; nil once it has gone */
	int	pri;
	int	noteid;	/* note group: notepg posts to all with this id */
	Proc	*rnext;		/* run queue link; guarded by the scheduler */
	Proc	*qnext;		/* QLock wait queue link; guarded by the QLock's lk */
	char	text[KNAMELEN];	/* program name */
	uintptr	kstack;		/* top of its kernel stack */
	Ureg	*ureg;		/* its user registers, at the top of kstack */
	u64int	pml4;		/* physical address of its page table root */
	Seg	*seg[NSEG];	/* guarded by seglock */
	Lock	seglock;
	Fgrp	*fgrp;
	Budget	*budget;
	Budget	*childbudget;	/* children draw on this when set (/dev/budget) */
	Chan	*dot;		/* current directory */
	char	errstr[ERRMAX];
	char	syserrstr[ERRMAX];	/* swapped with errstr by the errstr call */
	Label	errlab[NERR];	/* waserror() stack */
	int	nerrlab;
	Rendez	*r;		/* what it sleeps on; guarded by splhi */
	Rendez	sleep;		/* for tsleep */
	u64int	twhen;		/* wake at this nsec() time; 0 = no timeout */
	Rendez	*trend;
	int	(*tfn)(void *);
	void	*targ;
	u64int	alarm;		/* deliver "alarm" at this nsec() time; 0 = none */
	Lock	exl;		/* guards waitq, nwait, nchild */
	Waitq	*waitq;
	int	nwait;		/* entries on waitq */
	int	nchild;		/* living children that will report */
	Rendez	waitr;
	Note	note[NNOTE];	/* pending notes; guarded by exl */
	int	nnote;
	int	notified;	/* in its note handler */
	uintptr	notify;		/* user note handler, 0 = none */
	Ureg	*noteureg;	/* where the interrupted registers were saved on the user stack */
	Note	lastnote;
	int	kp;		/* a kernel process: no user half */
	void	(*kpfunc)(void *);
	void	*kparg;
	u64int	start;		/* nsec() when created */
	u64int	time[2];	/* user, system ticks */
	int	insyscall;
	int	kcopy;		/* copyin/copyout may take kernel addresses: the kernel is the caller */
	int	interrupted;	/* a note woke it from sleep */
	u8int	fpu[512] __attribute__((aligned(16)));	/* FXSAVE image of its user FPU/SSE state */
};

enum { NPROC = 1024 };

/* the CPU: one for now */
typedef struct Mach Mach;
struct Mach {
	Label	sched;		/* the scheduler's context */
	Proc	*proc;		/* running now, or nil in the scheduler */
	uintptr	schedstack;
	int	ilockdepth;
};
extern Mach mach;
#define up (mach.proc)

#endif
