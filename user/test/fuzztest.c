/*
 * fuzztest.c - 100,000 random system calls with random arguments (small
 * numbers, wild 64-bit values, kernel addresses, pointers into our own
 * memory), made by workers inside a small sub-budget.  The kernel must
 * neither panic nor hang, and must still work afterwards.
 */
#include <u.h>
#include <libc.h>
#include "t.h"

enum { CALLS = 2000, TOTAL = 100000 };

static uvlong seed;
static char scratch[8192];

static uvlong
rnd(void)
{
	seed ^= seed << 13;
	seed ^= seed >> 7;
	seed ^= seed << 17;
	return seed;
}

static long
arg(void)
{
	switch(rnd() % 8){
	case 0: return 0;
	case 1: return rnd() % 16;
	case 2: return -(long)(rnd() % 4);
	case 3: return (long)rnd();
	case 4: return (long)0xFFFF800000000000ULL + (long)(rnd() % (1 << 30));
	case 5: return (long)0xFFFFFFFF80100000ULL;
	case 6: return (long)(scratch + rnd() % sizeof scratch);
	default: return (long)(&seed) - (long)(rnd() % 4096);
	}
}

static long
rawcall(long n, long a, long b, long c, long d)
{
	long r;
	register long r10 __asm__("r10") = d;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
		: "rcx", "r11", "memory");
	return r;
}

static void
onnote(void *ureg, char *note)
{
	(void)ureg;
	(void)note;
	noted(NCONT);
}

/*
 * CALLS random calls.  Calls whose success would end the worker are
 * tamed: exits and exec and notify are skipped, alarms cleared, sleeps
 * kept short; and every call runs under a 20 ms alarm, so one that blocks
 * by design (reading an empty pipe it made) is interrupted.  Everything
 * else is as random as it comes.
 */
static void
worker(void)
{
	long i, n, a[4];

	notify(onnote);
	for(i = 0; i < CALLS; i++){
		n = rnd() % (NSYSCALL + 4);
		a[0] = arg();
		a[1] = arg();
		a[2] = arg();
		a[3] = arg();
		if(n == SYSEXITS || n == SYSEXEC || n == SYSNOTIFY)
			continue;
		if(n == SYSSLEEP)
			a[0] = rnd() % 3;
		if(n == SYSALARM)
			a[0] = 0;
		if(n == SYSRFORK)
			a[0] &= ~RFMEM;		/* a sharer's random brk would pull the heap from under us */
		rawcall(SYSALARM, 20, 0, 0, 0);
		rawcall(n, a[0], a[1], a[2], a[3]);
		rawcall(SYSALARM, 0, 0, 0, 0);
	}
	/* not exits(): random calls may have scribbled on libc's data or pulled the heap away */
	rawcall(SYSEXITS, (long)"calls 2000", 0, 0, 0);
}

static char *
fuzz(void)
{
	int fd, w, done;
	char *m;

	fd = open("/dev/budget", OWRITE);
	if(fd < 0 || fprint(fd, "processes 12 memory 8192 channels 64") < 0)
		return smprint("setting the budget: %r");
	close(fd);
	done = 0;
	for(w = 0; w < 200 && done < TOTAL; w++){
		seed = 0x9E3779B97F4A7C15ULL * (w + 1);
		if(spawn(worker, RFCFDG) < 0)
			return smprint("rfork worker %d: %r", w);
		/* a worker may end early (a note from a random alarm or a bad handler) */
		m = waitmsg();
		if(strncmp(m, "calls ", 6) == 0)
			done += atoi(m + 6);
		else if(w < 3)
			print("# fuzz worker %d ended with '%s'\n", w, m);
	}
	if(done < TOTAL)
		return smprint("only %d calls completed by %d workers", done, w);
	fd = open("/dev/budget", OWRITE);
	fprint(fd, "inherit");
	close(fd);
	if(spawn(worker, RFCFDG) < 0)
		return smprint("after fuzzing, rfork: %r");
	waitmsg();
	return nil;
}

void
main(void)
{
	check("syscall_fuzz_100000_random_calls", fuzz());
	tdone();
}
