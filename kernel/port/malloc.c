/*
 * malloc.c - the kernel heap: alloc.c's caches over physical pages from
 * page.c, reached through the direct map, behind one lock.  The heap's
 * per-page word lives in the page's Page record.
 */
#include "portfns.h"
#include "fns.h"
#include "frame.h"
#include "alloc.h"

static Lock heaplock;		/* guards kheap; taken before pagelock */
static Heap kheap;

static void *
hpagealloc(void *arg, int order)
{
	u64int pa;
	int i;

	(void)arg;
	if(pagealloc(order, &pa) < 0)
		return nil;
	for(i = 0; i < 1 << order; i++)
		pagerecord(pa + (u64int)i * BY2PG)->state = PHEAP;
	return kaddr(pa);
}

static void
hpagefree(void *arg, void *p, int order)
{
	u64int pa;
	int i;

	(void)arg;
	pa = paddr(p);
	for(i = 0; i < 1 << order; i++){
		pagerecord(pa + (u64int)i * BY2PG)->state = PKERNEL;
		pagerecord(pa + (u64int)i * BY2PG)->heaptag = 0;
	}
	pagefree(pa, order);
}

/* The Page of a heap page, or nil for any address the heap cannot own. */
static Page *
heappage(void *p)
{
	uintptr va = (uintptr)p;
	Page *pg;

	if(va < KZERO || va >= KZERO + conf.maxpa)
		return nil;
	pg = pagerecord(va - KZERO);
	if(pg == nil || pg->state != PHEAP)
		return nil;
	return pg;
}

static void
hsettag(void *arg, void *p, uintptr tag)
{
	Page *pg;

	(void)arg;
	if((pg = heappage(p)) != nil)
		pg->heaptag = tag;
}

static uintptr
hgettag(void *arg, void *p)
{
	Page *pg;

	(void)arg;
	pg = heappage(p);
	return pg != nil ? pg->heaptag : 0;
}

void
mallocinit(void)
{
	Heapsrc src = { hpagealloc, hpagefree, hsettag, hgettag, nil };

	heapinit(&kheap, &src);
}

void *
malloc(size_t n)
{
	void *p;

	lock(&heaplock);
	p = heapalloc(&kheap, n);
	unlock(&heaplock);
	return p;
}

void *
mallocz(size_t n)
{
	void *p;

	lock(&heaplock);
	p = heapzalloc(&kheap, n);
	unlock(&heaplock);
	return p;
}

/* Freeing what malloc did not return is a kernel bug: stop before it spreads. */
void
free(void *p)
{
	int r;

	lock(&heaplock);
	r = heapfree(&kheap, p);
	unlock(&heaplock);
	if(r < 0)
		panic("free: %p is not an allocated block (double free or stray pointer)", p);
}

void
mallocstats(Heapstats *s)
{
	lock(&heaplock);
	heapstats(&kheap, s);
	unlock(&heaplock);
}
