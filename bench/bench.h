/*
 * bench.h - the little portability layer that lets one benchmark source
 * measure both Lux9 and Linux (the reference column).
 *
 * Each benchmark is plain C against the handful of calls below.  Built for
 * Linux (any -D, glibc, `gcc -O2 -static`) they map onto POSIX; built for
 * Lux9 they map onto its Plan 9 flavoured libc (rfork, exec, await, exits,
 * nsec, brk, print).  Nothing else differs, so both systems do identical
 * work for identical iteration counts.
 *
 * Output contract (tools/benchtable.sh and the Lux9 harness parse it): each
 * program prints exactly one line on standard output,
 *	bench NAME ITER NS_PER_ITER
 * or, when something went wrong, a line starting "benchfail NAME:" on
 * standard error and a failing exit status.
 */
#ifndef LUX9_BENCH_H
#define LUX9_BENCH_H

enum { BENCHPAGE = 4096 };

/*
 * The Lux9 build is freestanding (libc's UCFLAGS), and a Linux host's gcc
 * defines __linux__ even then: a hosted Linux compile is the Linux side.
 */
#if defined(__linux__) && __STDC_HOSTED__

/* The program the fork+exec benchmark runs. */
#ifndef BENCHEXEC
#define BENCHEXEC "/bin/benchexec"
#endif

#include <stdio.h>
#include <stdlib.h>
#include <time.h>
#include <unistd.h>
#include <sys/syscall.h>
#include <sys/wait.h>

/* getppid: a real kernel entry and exit that does next to nothing and that
 * glibc never caches (lmbench's "null syscall"). */
#define BENCHNULLSYS SYS_getppid

static inline long long
benchnow(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000000000LL + ts.tv_nsec;
}

static inline int
benchfork(void)
{
	return fork();
}

static inline void __attribute__((noreturn))
benchexit(int failed)
{
	_exit(failed ? 1 : 0);
}

/* 0: a child exited cleanly; 1: it failed; -1: no child to wait for. */
static inline int
benchwait(void)
{
	int st;

	if (wait(&st) < 0)
		return -1;
	return WIFEXITED(st) && WEXITSTATUS(st) == 0 ? 0 : 1;
}

static inline void
benchexec(char *name, char **argv)
{
	execv(name, argv);
}

static inline int
benchbrk(void *addr)
{
	return brk(addr);
}

static inline void *
benchsbrk0(void)
{
	return sbrk(0);
}

static inline void
benchout(char *name, int iter, long long ns)
{
	printf("bench %s %d %lld\n", name, iter, ns);
	fflush(stdout);
}

static inline void __attribute__((noreturn))
benchfail(char *name, char *why)
{
	fprintf(stderr, "benchfail %s: %s\n", name, why);
	fflush(stderr);
	_exit(1);
}

#else	/* Lux9 */

#include <u.h>
#include <libc.h>	/* and include/sys.h: SYSNOP */

/* Lux9 has no /bin yet: the bench archive's programs are under /boot. */
#ifndef BENCHEXEC
#define BENCHEXEC "/boot/bench/benchexec"
#endif

#define BENCHNULLSYS SYSNOP

static inline long long
benchnow(void)
{
	return nsec();
}

static inline int
benchfork(void)
{
	return rfork(RFPROC|RFFDG);
}

static inline void __attribute__((noreturn))
benchexit(int failed)
{
	exits(failed ? "failed" : nil);
	for (;;)
		;	/* exits does not return */
}

/*
 * await's text is "pid user sys real 'msg'": the numbers hold no quote, so
 * the first quote opens the message, and a clean exit is exactly ''.
 * (Not libc's wait(), which would time a malloc and a free as well.)
 */
static inline int
benchwait(void)
{
	char buf[ERRMAX + 80], *q;
	int n;

	n = await(buf, sizeof buf - 1);
	if (n < 0)
		return -1;
	buf[n] = 0;
	q = strchr(buf, '\'');
	return q != nil && strcmp(q, "''") == 0 ? 0 : 1;
}

static inline void
benchexec(char *name, char **argv)
{
	exec(name, argv);
}

static inline int
benchbrk(void *addr)
{
	return brk(addr);
}

static inline void *
benchsbrk0(void)
{
	return sbrk(0);
}

static inline void
benchout(char *name, int iter, long long ns)
{
	print("bench %s %d %lld\n", name, iter, ns);
}

static inline void __attribute__((noreturn))
benchfail(char *name, char *why)
{
	fprint(2, "benchfail %s: %s\n", name, why);
	exits(why);
	for (;;)
		;
}

#endif	/* Lux9 */

/*
 * The null system call, issued directly with `syscall` so that no libc
 * wrapper is measured: both kernels take the number in rax and clobber
 * only rax, rcx and r11 (include/sys.h; the Linux x86_64 ABI).
 */
static inline void
benchnull(void)
{
	long r = BENCHNULLSYS;

	__asm__ volatile("syscall" : "+a"(r) : : "rcx", "r11", "memory");
}

/* The iteration count: the fixed default, or argv[1] for quick trials. */
static inline int
benchiter(int argc, char **argv, int dflt)
{
	int n;

	if (argc < 2)
		return dflt;
	n = atoi(argv[1]);
	return n > 0 ? n : dflt;
}

/* Whole nanoseconds per iteration, rounded to nearest. */
static inline long long
benchper(long long ns, int iter)
{
	return (ns + iter / 2) / iter;
}

#endif
