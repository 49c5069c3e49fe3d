/*
 * pagefault - the cost of a demand-zero page fault: grow the heap with brk,
 * write one byte to each new page (each write faults in a fresh zeroed
 * page), shrink the heap back so the next round's pages are fresh again.
 * Only the writes are timed; ITER is the number of pages touched.
 */
#include "bench.h"

enum {
	ITER = 200000,
	ROUND = 1024,		/* pages per grow/touch/shrink round: 4 MiB */
};

static char *base;		/* page-aligned start of the region we grow */

static void
grow(int npages)
{
	if (benchbrk(base + (long)npages * BENCHPAGE) < 0)
		benchfail("pagefault", "brk cannot grow the heap");
}

/* Touch each of npages fresh pages once; the time it took. */
static long long
touch(int npages, char v)
{
	volatile char *p = base;
	long long t0;
	int i;

	t0 = benchnow();
	for (i = 0; i < npages; i++)
		p[(long)i * BENCHPAGE] = v;
	return benchnow() - t0;
}

/*
 * A heap that shrank and grew again must hand out zeroed pages; if it
 * does not, the pages were never given back and no fault was measured.
 */
static void
checkfresh(void)
{
	volatile char *p = base;
	int i;

	grow(ROUND);
	for (i = 0; i < ROUND; i++)
		if (p[(long)i * BENCHPAGE] != 0)
			benchfail("pagefault", "regrown heap pages are not fresh (brk did not release them)");
	grow(0);
}

int
main(int argc, char **argv)
{
	long long ns;
	int done, k, n, r;

	n = benchiter(argc, argv, ITER);
	base = (char *)(((unsigned long)benchsbrk0() + BENCHPAGE - 1) & ~(unsigned long)(BENCHPAGE - 1));
	grow(0);
	grow(ROUND);		/* warm-up round, untimed */
	touch(ROUND, 1);
	grow(0);
	ns = 0;
	for (done = 0, r = 0; done < n; done += k, r++) {
		k = n - done < ROUND ? n - done : ROUND;
		grow(k);
		ns += touch(k, (char)(r % 127 + 1));
		grow(0);
	}
	checkfresh();
	benchout("pagefault", n, benchper(ns, n));
	benchexit(0);
}
