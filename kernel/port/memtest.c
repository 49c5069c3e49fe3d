/*
 * memtest.c - self tests of physical memory and the kernel heap, run on
 * the real memory map of the booted machine.
 */
#include "portfns.h"
#include "fns.h"
#include "selftest.h"
#include "alloc.h"

/*
 * Take every free frame, one at a time.  Each must be new (a bitmap over
 * all of RAM marks the ones seen), page aligned and in RAM; the count must
 * match what the allocator said was free; all must go back.
 */
const char *
testframes(void)
{
	u64int nfree, n, pa, bpa, list, next, bits, order;
	u8int *seen;
	const char *err;

	bits = conf.maxpa / BY2PG;
	for(order = 0; ((u64int)BY2PG << order) < bits / 8 + 1; order++)
		;
	if(pagealloc(order, &bpa) < 0)
		return fail("no room for a %llu-bit map", (uvlong)bits);
	seen = kaddr(bpa);
	memset(seen, 0, BY2PG << order);
	nfree = pagenfree();
	err = nil;
	list = 0;
	for(n = 0; pagealloc(0, &pa) == 0; n++){
		if(err == nil && (pa & (BY2PG - 1)) != 0)
			err = fail("frame %#llx is not page aligned", (uvlong)pa);
		else if(err == nil && pa >= conf.maxpa)
			err = fail("frame %#llx is beyond RAM (%#llx)", (uvlong)pa, (uvlong)conf.maxpa);
		else if(err == nil && (seen[pa / BY2PG / 8] & 1 << (pa / BY2PG % 8)))
			err = fail("frame %#llx handed out twice", (uvlong)pa);
		if(pa < conf.maxpa)
			seen[pa / BY2PG / 8] |= 1 << (pa / BY2PG % 8);
		*(u64int *)kaddr(pa) = list;	/* chain them through their own memory */
		list = pa;
	}
	if(err == nil && n != nfree)
		err = fail("%llu frames handed out, but %llu were free", (uvlong)n, (uvlong)nfree);
	if(err == nil && pagenfree() != 0)
		err = fail("allocator says %llu free after exhaustion", (uvlong)pagenfree());
	for(; list != 0; list = next){
		next = *(u64int *)kaddr(list);
		pagefree(list, 0);
	}
	if(err == nil && pagenfree() != nfree)
		err = fail("%llu frames free after returning all, %llu before", (uvlong)pagenfree(), (uvlong)nfree);
	pagefree(bpa, order);
	return err;
}

/* Large blocks run out before small ones, and asking too much fails cleanly. */
const char *
testframesoom(void)
{
	u64int pa, list, next, n;
	int order;

	if(pagealloc(99, &pa) == 0)
		return fail("an order-99 block was handed out");
	if(pagealloc(-1, &pa) == 0)
		return fail("an order -1 block was handed out");
	order = 10;
	list = 0;
	for(n = 0; pagealloc(order, &pa) == 0; n++){
		if(pa & ((BY2PG << order) - 1))
			return fail("order-%d block %#llx misaligned", order, (uvlong)pa);
		*(u64int *)kaddr(pa) = list;
		list = pa;
	}
	for(; list != 0; list = next){
		next = *(u64int *)kaddr(list);
		pagefree(list, order);
	}
	if(n == 0)
		return fail("no order-%d block at all", order);
	return nil;
}

enum { NLIVE = 256, NROUND = 20000 };

static u8int
pattern(void *p, size_t i)
{
	return (u8int)((uintptr)p >> 4 ^ i * 31);
}

/*
 * Random sizes, mostly small, some page-sized and larger; every block is
 * filled with a pattern of its own and checked before it is freed, so an
 * overlap or a stray write shows up.
 */
const char *
testheap(void)
{
	static u8int *live[NLIVE];
	static size_t size[NLIVE];
	Heapstats before, after;
	size_t i, j, n;
	int r;

	mallocstats(&before);
	memset(live, 0, sizeof live);
	for(r = 0; r < NROUND; r++){
		i = testrand() % NLIVE;
		if(live[i] != nil){
			for(j = 0; j < size[i]; j++)
				if(live[i][j] != pattern(live[i], j))
					return fail("block %p of %zu bytes corrupt at byte %zu", (void *)live[i], size[i], j);
			free(live[i]);
			live[i] = nil;
			continue;
		}
		n = testrand() % 100 < 95 ? 1 + testrand() % 2048 : 1 + testrand() % (64 * 1024);
		live[i] = malloc(n);
		if(live[i] == nil)
			return fail("malloc(%zu) failed with plenty of memory", n);
		if((uintptr)live[i] & 15)
			return fail("malloc(%zu) = %p, not 16-byte aligned", n, (void *)live[i]);
		size[i] = n;
		for(j = 0; j < n; j++)
			live[i][j] = pattern(live[i], j);
	}
	for(i = 0; i < NLIVE; i++)
		free(live[i]);
	mallocstats(&after);
	if(after.bytes != before.bytes || after.nlarge != before.nlarge)
		return fail("%llu bytes in %llu large blocks in use after freeing everything, %llu in %llu before",
			(uvlong)after.bytes, (uvlong)after.nlarge, (uvlong)before.bytes, (uvlong)before.nlarge);
	return nil;
}

const char *
testheapbad(void)
{
	void *p;

	if((p = malloc(0)) != nil)
		return fail("malloc(0) = %p, want nil", p);
	if((p = malloc((size_t)1 << 62)) != nil)
		return fail("malloc(2^62) = %p, want nil", p);
	if((p = malloc(conf.memtotal)) != nil)
		return fail("malloc(all of RAM) = %p, want nil", p);
	free(nil);
	return nil;
}
