/*
 * rt.h - the smallest runtime that can exercise the kernel's system call
 * interface directly: the raw syscall instruction, string output, and
 * result lines in the harness's format.  The kernel ABI tests use it
 * instead of libc on purpose, so they test the interface itself.
 */
#include "sys.h"

typedef unsigned long ulong;
typedef long long vlong;

static inline long
sc(long n, long a, long b, long c, long d)
{
	long r;
	register long r10 __asm__("r10") = d;

	__asm__ volatile("syscall" : "=a"(r) : "a"(n), "D"(a), "S"(b), "d"(c), "r"(r10)
		: "rcx", "r11", "memory");
	return r;
}

static long
slen(const char *s)
{
	long n;

	for(n = 0; s[n] != 0; n++)
		;
	return n;
}

static void
say(const char *s)
{
	sc(SYSWRITE, 1, (long)s, slen(s), 0);
}

static int
has(const char *s, const char *sub)
{
	long i, j;

	for(i = 0; s[i] != 0; i++){
		for(j = 0; sub[j] != 0 && s[i + j] == sub[j]; j++)
			;
		if(sub[j] == 0)
			return 1;
	}
	return sub[0] == 0;
}

static int
same(const char *a, const char *b)
{
	while(*a != 0 && *a == *b)
		a++, b++;
	return *a == *b;
}

static void
errstr(char *buf, long n)
{
	buf[0] = 0;
	sc(SYSERRSTR, (long)buf, n, 0, 0);
}
