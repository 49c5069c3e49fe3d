/*
 * segment.c - user memory.  A process's address space is a handful of
 * segments (text, data, bss/heap, stack); each keeps the physical page of
 * every virtual page it has touched.  The hardware page tables are only a
 * cache of the segments, filled on page faults: so a fork can share pages
 * copy-on-write by counting references (Page.ref) and flushing the cache.
 *
 * Every frame a segment takes is charged to its budget first.
 */
#include "portfns.h"
#include "fns.h"
#include "frame.h"

static u32int
pageref(u64int pa, int delta)
{
	Page *p;

	p = pagerecord(pa);
	return __atomic_add_fetch(&p->ref, delta, __ATOMIC_ACQ_REL);
}

/* A fresh zeroed user frame charged to b, or 0. */
static u64int
userpage(Budget *b)
{
	u64int pa;
	Page *p;

	if(budgetcharge(b, BMEM, 1) < 0)
		return 0;
	if(pagealloc(0, &pa) < 0){
		budgetuncharge(b, BMEM, 1);
		return 0;
	}
	memset(kaddr(pa), 0, BY2PG);
	p = pagerecord(pa);
	p->state = PUSER;
	p->ref = 1;
	p->owner = b;
	return pa;
}

/* Drop a reference; the last one frees the frame and refunds whoever paid for it. */
static void
putuserpage(u64int pa)
{
	Page *p;
	Budget *b;

	if(pageref(pa, -1) == 0){
		p = pagerecord(pa);
		b = p->owner;
		p->owner = nil;
		p->state = PKERNEL;
		pagefree(pa, 0);
		budgetuncharge(b, BMEM, 1);
	}
}

/* Pages of kernel heap that an array of n page entries takes, for the budget. */
static u64int
arraypages(u64int n)
{
	return (n * sizeof(u64int) + BY2PG - 1) / BY2PG;
}

/*
 * Make s->pages hold at least n entries.  The array grows with the
 * segment (a heap may reach a gigabyte, but few do), and the kernel
 * memory it takes is charged to the segment's budget.  Called with s->lk
 * held, or before s is shared.
 */
static int
segreserve(Seg *s, u64int n)
{
	u64int *np, cap, max;

	if(n <= s->npages)
		return 0;
	max = (s->limit - s->base) / BY2PG;
	cap = s->npages * 2 > n ? s->npages * 2 : n;
	/*
	 * A heap's array starts at 32 KiB (128 MiB of heap): under TCG an
	 * 8 KiB one measured page faults 7x slower, everything on the fault
	 * path included; the cause was not found (TLB aliasing in the
	 * emulator is the suspect).  See docs/benchmarks.md.
	 */
	if(s->type == SGBSS && cap < 4096)
		cap = 4096;
	if(cap > max)
		cap = max;
	if(n > cap)
		return -1;
	if(budgetcharge(s->budget, BMEM, arraypages(cap) - arraypages(s->npages)) < 0)
		return -1;
	np = mallocz(cap * sizeof np[0]);
	if(np == nil){
		budgetuncharge(s->budget, BMEM, arraypages(cap) - arraypages(s->npages));
		return -1;
	}
	if(s->npages > 0)
		memmove(np, s->pages, s->npages * sizeof np[0]);
	free(s->pages);
	s->pages = np;
	s->npages = cap;
	return 0;
}

Seg *
newseg(int type, int prot, uintptr base, uintptr top, uintptr limit, Budget *b)
{
	Seg *s;

	s = mallocz(sizeof *s);
	if(s == nil)
		return nil;
	s->ref = 1;
	s->type = type;
	s->prot = prot;
	s->base = base;
	s->top = top;
	s->limit = limit;
	s->budget = b;
	if(segreserve(s, (top - base) / BY2PG) < 0){
		free(s);
		return nil;
	}
	budgetref(b);
	return s;
}

void
putseg(Seg *s)
{
	u64int i;
	int r;

	if(s == nil)
		return;
	lock(&s->lk);
	r = --s->ref;
	unlock(&s->lk);
	if(r > 0)
		return;
	for(i = 0; i < s->npages; i++)
		if(s->pages[i] != 0)
			putuserpage(s->pages[i]);
	budgetuncharge(s->budget, BMEM, arraypages(s->npages));
	budgetput(s->budget);
	free(s->pages);
	free(s);
}

/*
 * A copy of s sharing its pages copy-on-write.  The page *tables* of
 * whoever maps s must be flushed by the caller, so that writes fault.
 */
Seg *
dupseg(Seg *s, Budget *b)
{
	Seg *n;
	u64int i;

	n = newseg(s->type, s->prot, s->base, s->top, s->limit, b);
	if(n == nil)
		return nil;
	lock(&s->lk);
	for(i = 0; i < (s->top - s->base) / BY2PG; i++)
		if(s->pages[i] != 0){
			n->pages[i] = s->pages[i];
			pageref(s->pages[i], 1);
		}
	unlock(&s->lk);
	/* shared frames stay charged to whoever allocated them (Page.owner) */
	return n;
}

Seg *
seglookup(Proc *p, uintptr va, int *idx)
{
	int i;
	Seg *s;

	for(i = 0; i < NSEG; i++){
		s = p->seg[i];
		if(s != nil && va >= s->base && va < s->top){
			if(idx != nil)
				*idx = i;
			return s;
		}
	}
	return nil;
}

/* Flush the page tables of every process mapping s (a page of s moved). */
static void
flushsharers(Seg *s)
{
	int i, j;
	Proc *p;

	for(i = 0; i < NPROC; i++){
		p = proctab(i);
		if(p->state == Dead || p->kp || p->pml4 == 0)
			continue;
		for(j = 0; j < NSEG; j++)
			if(p->seg[j] == s)
				mmuflushuser(p->pml4);
	}
}

/*
 * Resolve a user page fault at va for up: a page of a segment is
 * allocated (zeroed) on first touch, copied on a write to a shared one,
 * then mapped.  Returns 0, or -1 with why in *err: not in any segment,
 * not allowed, or out of memory.
 */
int
fault(uintptr va, int write, int exec, const char **err)
{
	Seg *s;
	u64int i, pa, npa;
	int prot;

	lock(&up->seglock);
	s = seglookup(up, va, nil);
	unlock(&up->seglock);
	if(s == nil){
		*err = "no segment";
		return -1;
	}
	if((write && !(s->prot & SGWRITE)) || (exec && !(s->prot & SGEXEC))){
		*err = "protection";
		return -1;
	}
	lock(&s->lk);
	i = (va - s->base) / BY2PG;
	pa = s->pages[i];
	if(pa == 0){
		pa = userpage(s->budget);
		if(pa == 0){
			unlock(&s->lk);
			*err = "out of memory";
			return -1;
		}
		s->pages[i] = pa;
	}else if(write && pagerecord(pa)->ref > 1){
		npa = userpage(s->budget);
		if(npa == 0){
			unlock(&s->lk);
			*err = "out of memory";
			return -1;
		}
		memmove(kaddr(npa), kaddr(pa), BY2PG);
		putuserpage(pa);
		s->pages[i] = pa = npa;
		if(s->ref > 1)
			flushsharers(s);
	}
	prot = s->prot;
	if(pagerecord(pa)->ref > 1)
		prot &= ~SGWRITE;	/* copy on write */
	unlock(&s->lk);
	if(mmuputuser(up->pml4, va & ~(uintptr)(BY2PG - 1), pa, prot) < 0){
		*err = "out of memory for page tables";
		return -1;
	}
	return 0;
}

/* Grow or shrink the BSS segment's top to addr (rounded up): brk.  -1: outside its limits; -2: no memory for it. */
int
segbrk(Seg *s, uintptr addr)
{
	uintptr top;
	u64int i;

	top = (addr + BY2PG - 1) & ~(uintptr)(BY2PG - 1);
	if(top < s->base || top > s->limit)
		return -1;
	lock(&s->lk);
	if(segreserve(s, (top - s->base) / BY2PG) < 0){
		unlock(&s->lk);
		return -2;	/* the budget or the kernel heap said no */
	}
	for(i = (top - s->base) / BY2PG; i < (s->top - s->base) / BY2PG; i++)
		if(s->pages[i] != 0){
			putuserpage(s->pages[i]);
			s->pages[i] = 0;
		}
	s->top = top;
	unlock(&s->lk);
	return 0;
}

/* Copy n bytes into segment s at va through the direct map (exec's loader). */
int
segwrite(Seg *s, uintptr va, const void *buf, size_t n)
{
	const u8int *b = buf;
	u64int i, pa;
	size_t off, m;

	while(n > 0){
		i = (va - s->base) / BY2PG;
		off = va & (BY2PG - 1);
		m = BY2PG - off < n ? BY2PG - off : n;
		pa = s->pages[i];
		if(pa == 0){
			pa = userpage(s->budget);
			if(pa == 0)
				return -1;
			s->pages[i] = pa;
		}
		memmove((u8int *)kaddr(pa) + off, b, m);
		va += m;
		b += m;
		n -= m;
	}
	return 0;
}
