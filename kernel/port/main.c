/*
 * main.c - from the boot stub to a running kernel: parse what the loader
 * and firmware tell us, set up memory, traps, interrupts, clock and PCI,
 * then run the self tests the command line asks for or the boot console.
 */
#include "portfns.h"
#include "fns.h"
#include "multiboot.h"
#include "acpi.h"
#include "cmdline.h"

long sysexec(u64int *a);

Bootinfo bootinfo;
Acpiinfo acpiinfo;

void kmain(u32int magic, u32int info);

/*
 * Until mmuinit, the boot page tables map the first 4 GiB at KZERO; the
 * firmware parsers may read anything there and nothing else.
 */
static const void *
bootread(void *arg, u64int pa, size_t len)
{
	(void)arg;
	if(pa >= 1ULL << 32 || len > (1ULL << 32) - pa)
		return nil;
	return (const void *)(KZERO + pa);
}

static void
options(void)
{
	char v[16];

	memmove(conf.cmdline, bootinfo.cmdline, sizeof conf.cmdline);
	conf.cmdline[sizeof conf.cmdline - 1] = 0;
	conf.loglevel = LOGINFO;
	if(cmdlineget(conf.cmdline, "log", v, sizeof v) > 0){
		if(strcmp(v, "quiet") == 0)
			conf.loglevel = LOGQUIET;
		else if(strcmp(v, "debug") == 0)
			conf.loglevel = LOGDEBUG;
		else if(strcmp(v, "info") != 0)
			print("lux9: unknown log level '%s' (want quiet, info or debug)\n", v);
	}
}

static void
firmware(void)
{
	char err[128];
	u64int rsdp;
	int i;

	if(acpifindrsdp(bootread, nil, &rsdp) < 0){
		print("acpi: no RSDP found; assuming a legacy PC\n");
		return;
	}
	if(acpiparse(&acpiinfo, rsdp, bootread, nil, err, sizeof err) < 0){
		print("acpi: %s; assuming a legacy PC\n", err);
		memset(&acpiinfo, 0, sizeof acpiinfo);
		return;
	}
	iprint("acpi: rev %d oem '%s', tables:", acpiinfo.revision, acpiinfo.oem);
	for(i = 0; i < acpiinfo.ntab; i++)
		iprint(" %s", acpiinfo.tabsig[i]);
	iprint("\n");
	if(acpiinfo.warn[0])
		print("acpi: warning: %s\n", acpiinfo.warn);
}

static void
memlog(void)
{
	int i;
	Mbmem *m;

	for(i = 0; i < bootinfo.nmem; i++){
		m = &bootinfo.mem[i];
		dprint("mem: %#014llx-%#014llx type %u\n", (uvlong)m->base,
			(uvlong)(m->base + m->len), m->type);
	}
	if(bootinfo.hasfb)
		iprint("framebuffer: %ux%u, %u bpp, pitch %u, at %#llx\n", bootinfo.fb.width,
			bootinfo.fb.height, bootinfo.fb.bpp, bootinfo.fb.pitch, (uvlong)bootinfo.fb.addr);
	for(i = 0; i < bootinfo.nmod; i++)
		iprint("boot module %d: %#llx-%#llx '%s'\n", i, (uvlong)bootinfo.mod[i].start,
			(uvlong)bootinfo.mod[i].end, bootinfo.mod[i].cmdline);
}

static void kmain2(void);

void
kmain(u32int magic, u32int info)
{
	char err[128];
	uintptr stk;

	uartinit();
	trapinit();
	if(mbparse(&bootinfo, magic, info, bootread, nil, err, sizeof err) < 0)
		panic("multiboot: %s", err);
	options();
	print("\nLux9 kernel booting (%s)\n", bootinfo.loader[0] ? bootinfo.loader : "unknown loader");
	if(bootinfo.warn[0])
		print("multiboot: warning: %s\n", bootinfo.warn);
	memlog();
	cpuidentify();
	firmware();
	pageinit();
	mmuinit();
	pagemore();
	mallocinit();
	stk = kstackalloc();
	if(stk == 0)
		panic("no memory for the kernel stack");
	switchstack(stk, kmain2);
}

static void
banner(void)
{
	int i;
	Pcidev *p;

	print("Lux9: %llu MiB of memory, %llu MiB free\n",
		(uvlong)(conf.memtotal >> 20), (uvlong)(pagenfree() * BY2PG >> 20));
	print("cpu: %s (%s), TSC %llu MHz\n", conf.cpumodel[0] ? conf.cpumodel : "unknown model",
		conf.cpuvendor, (uvlong)(conf.tscfreq / 1000000));
	print("pci: %d functions%s\n", npcidev, conf.ecam ? " (ECAM)" : " (port I/O)");
	for(i = 0; i < npcidev; i++){
		p = &pcidevs[i];
		print("  %02x:%02x.%x %04x:%04x class %02x.%02x.%02x\n", p->bus, p->dev, p->fn,
			p->vid, p->did, p->class, p->subclass, p->progif);
	}
}

/*
 * The boot console, when there is no /boot/init to run: the UART echoes
 * what is typed; on each line, report the clock so a person can see the
 * timer is alive.
 */
static void
bootconsole(void)
{
	char line[256];
	long n;
	u64int ns;

	print("lux9> ");
	for(;;){
		if(!consready(nil)){
			halt();
			continue;
		}
		n = constake(line, sizeof line);
		if(n > 0 && line[n - 1] == '\n')
			n--;
		ns = nsec();
		print("%llu timer ticks, up %llu.%03llu s, %ld characters typed\nlux9> ",
			(uvlong)ticks(), (uvlong)(ns / 1000000000), (uvlong)(ns / 1000000 % 1000), n);
	}
}

/*
 * The first process: give it the console as fds 0, 1 and 2, the root as
 * its directory and the root budget, then exec /boot/init as if it had
 * called exec itself.
 */
static void
initproc(void *arg)
{
	static char *argv[] = { "/boot/init", nil };
	u64int a[2];

	(void)arg;
	up->kp = 0;
	up->pml4 = mmunewroot();
	if(up->pml4 == 0)
		panic("init: no memory for page tables");
	putcr3(up->pml4);
	up->budget = budgetroot();
	up->noteid = up->pid;
	budgetref(up->budget);
	budgetcharge(up->budget, BPROC, 1);
	up->ureg = (Ureg *)(up->kstack - sizeof(Ureg));
	if(waserror())
		panic("init: cannot start /boot/init: %s", up->errstr);
	up->fgrp = newfgrp();
	up->fgrp->fd[0] = namec("/dev/cons", OREAD);
	up->fgrp->fd[1] = namec("/dev/cons", OWRITE);
	up->fgrp->fd[2] = namec("/dev/cons", OWRITE);
	up->dot = namec("/", -1);
	a[0] = (u64int)argv[0];
	a[1] = (u64int)argv;
	up->kcopy = 1;		/* the arguments are the kernel's */
	sysexec(a);
	up->kcopy = 0;
	poperror();
	forkret();
}

/* Start /boot/init when the archive has one; 0 if not. */
static int
startinit(void)
{
	extern int initpid;
	Proc *p;

	if(bootarchivefiles() == 0)
		return 0;
	p = kproc("init", initproc, nil);
	if(p == nil)
		panic("init: no process slot");
	initpid = p->pid;
	return 1;
}

static char testnames[128];

static void
selftestproc(void *arg)
{
	selftests(arg);
	qemuexit(0);
	print("selftest: halted\n");
	for(;;)
		halt();
}

static void
kmain2(void)
{
	char which[128];

	tssstacks();
	lapicinit();
	ioapicinit();
	clockinit();
	sti();
	uartenableintr();
	pciinit();
	archprocinit();
	bootarchiveinit();
	banner();
	if(cmdlineget(conf.cmdline, "test", which, sizeof which) > 0){
		/* in a kernel process, so tests can use the scheduler */
		memmove(testnames, which, sizeof testnames);
		if(kproc("selftest", selftestproc, testnames) == nil)
			panic("no process for the self tests");
		schedinit();
	}
	if(!startinit())
		bootconsole();
	schedinit();
}
