/*
 * forkexec - starting a program: fork, exec BENCHEXEC (a program that exits
 * at once, bench/benchexec.c) in the child, wait for it.  Adds to forkexit
 * the loading of an executable and its libc start-up.
 */
#include "bench.h"

enum { ITER = 500 };

static void
once(void)
{
	char *argv[] = { "benchexec", 0 };
	int pid;

	pid = benchfork();
	if (pid < 0)
		benchfail("forkexec", "fork failed");
	if (pid == 0) {
		benchexec(BENCHEXEC, argv);
		benchfail("forkexec", "cannot exec " BENCHEXEC);
	}
	if (benchwait() != 0)
		benchfail("forkexec", BENCHEXEC " did not exit cleanly");
}

int
main(int argc, char **argv)
{
	long long t0, t1;
	int i, n;

	n = benchiter(argc, argv, ITER);
	for (i = 0; i < n / 20 + 1; i++)
		once();
	t0 = benchnow();
	for (i = 0; i < n; i++)
		once();
	t1 = benchnow();
	benchout("forkexec", n, benchper(t1 - t0, n));
	benchexit(0);
}
