/*
 * nullsys - the cost of entering and leaving the kernel: a system call that
 * does nothing (Lux9's SYSNOP, Linux's getppid), issued with the bare
 * `syscall` instruction so no libc wrapper is timed.
 */
#include "bench.h"

enum { ITER = 3000000 };

int
main(int argc, char **argv)
{
	long long t0, t1;
	int i, n;

	n = benchiter(argc, argv, ITER);
	for (i = 0; i < n / 20 + 1; i++)	/* warm caches and the emulator's code cache */
		benchnull();
	t0 = benchnow();
	for (i = 0; i < n; i++)
		benchnull();
	t1 = benchnow();
	benchout("nullsys", n, benchper(t1 - t0, n));
	benchexit(0);
}
