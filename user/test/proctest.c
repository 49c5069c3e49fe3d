/*
 * proctest.c - processes seen from a libc program: notes to a handler,
 * a faulting handler's default, preemption of a spinning process, and
 * memory returned after many processes.
 */
#include <u.h>
#include <libc.h>
#include "t.h"

static int nalarm;

static void
onalarm(void *ureg, char *note)
{
	(void)ureg;
	if(strcmp(note, "alarm") == 0){
		nalarm++;
		noted(NCONT);
	}
	noted(NDFLT);
}

static char *
alarm_note_to_handler(void)
{
	char e[ERRMAX];

	nalarm = 0;
	notify(onalarm);
	alarm(30);
	if(sleep(5000) != -1)
		return "sleep was not interrupted by the alarm";
	rerrstr(e, sizeof e);
	if(strstr(e, "interrupted") == nil)
		return smprint("interrupted sleep said '%s'", e);
	if(nalarm != 1)
		return smprint("handler ran %d times", nalarm);
	notify(nil);
	return nil;
}

static volatile uintptr badaddr = 0x18;	/* hidden from the compiler's bounds checks */

static void
faultinhandler(void)
{
	notify(onalarm);	/* a fault is not "alarm": the handler says NDFLT */
	*(volatile int *)badaddr = 0;
	exits("survived");
}

static char *
fault_note_default(void)
{
	char *m;

	spawn(faultinhandler, RFFDG);
	m = waitmsg();
	if(strstr(m, "sys: trap: fault write addr=0x18") == nil)
		return smprint("child ended with '%s'", m);
	return nil;
}

static volatile ulong spins;

static void
spinner(void)
{
	alarm(300);		/* no handler: the alarm ends it */
	for(;;)
		spins++;
}

/* Both this process and a spinner, each never yielding, must make progress. */
static char *
spinner_does_not_starve(void)
{
	volatile ulong i;
	ulong before, after;
	char *m;

	spins = 0;
	spawn(spinner, RFMEM);
	before = spins;
	for(i = 0; i < 20000000; i++)
		;
	after = spins;
	m = waitmsg();
	if(after == before)
		return "the spinner never ran while we spun";
	if(strcmp(m, "alarm") != 0)
		return smprint("spinner ended with '%s'", m);
	return nil;
}

static void
nothing(void)
{
	exits(nil);
}

static char *
memory_back_after_200_processes(void)
{
	vlong f0, f1;
	int i;

	for(i = 0; i < 20; i++){	/* warm up: slab caches, page tables */
		spawn(nothing, RFFDG);
		waitmsg();
	}
	f0 = freepages();
	for(i = 0; i < 200; i++){
		if(spawn(nothing, RFFDG) < 0)
			return smprint("rfork %d: %r", i);
		if(strcmp(waitmsg(), "") != 0)
			return "a child did not exit cleanly";
	}
	f1 = freepages();
	if(f0 < 0 || f1 < 0)
		return "cannot read /dev/sysstat";
	if(f0 != f1)
		return smprint("%lld pages free before, %lld after", f0, f1);
	return nil;
}

void
main(void)
{
	check("proc_alarm_note_to_handler", alarm_note_to_handler());
	check("proc_fault_note_default_in_wait", fault_note_default());
	check("proc_spinner_does_not_starve", spinner_does_not_starve());
	check("proc_memory_back_after_200_processes", memory_back_after_200_processes());
	tdone();
}
