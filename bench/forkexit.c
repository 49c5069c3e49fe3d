/*
 * forkexit - the life of the smallest process: fork a copy of this one,
 * have the child exit at once, wait for it.  Measures address-space copy
 * (copy-on-write setup), process creation, exit, teardown and the wakeup of
 * the waiting parent.
 */
#include "bench.h"

enum { ITER = 1500 };

static void
once(void)
{
	int pid;

	pid = benchfork();
	if (pid < 0)
		benchfail("forkexit", "fork failed");
	if (pid == 0)
		benchexit(0);
	if (benchwait() != 0)
		benchfail("forkexit", "child did not exit cleanly");
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
	benchout("forkexit", n, benchper(t1 - t0, n));
	benchexit(0);
}
