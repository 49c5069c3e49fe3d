/*
 * mmu.c - 4-level paging for the kernel.  mmuinit replaces the boot page
 * tables with the kernel's own:
 *	KZERO + pa	every RAM range of the memory map, read/write, NX
 *	text..etext	kernel text, read/execute
 *	etext..erodata	read-only data, NX
 *	erodata..end	data and bss, read/write, NX
 *	VMAPBASE...	device registers, uncached, NX (vmap)
 *	KSTKBASE...	kernel stacks, each above an unmapped guard page
 * Nothing is both writable and executable, and the low identity map of the
 * boot tables is gone, so a nil pointer dereference faults.
 */
#include "portfns.h"
#include "fns.h"
#include "multiboot.h"

enum {
	PTEADDR	= 0x000FFFFFFFFFF000ULL,
	BY2HUGE	= 1ULL << 21,		/* a 2 MiB page */
	NKSTACK	= 4096,			/* kernel stack slots */
	KSTKSLOT = KSTACK + BY2PG,	/* a guard page, then the stack */
};

extern char text[], etext[], erodata[], end[];
extern Bootinfo bootinfo;

static Lock mmulock;
static u64int kroot;				/* the kernel's page table root */
static uintptr vmapnext = VMAPBASE;		/* guarded by mmulock */
static u8int kstkused[NKSTACK / 8];		/* guarded by mmulock */

static u64int *
table(u64int e)
{
	return kaddr(e & PTEADDR);
}

static int
ptidx(uintptr va, int level)
{
	return (va >> (12 + 9 * level)) & 511;
}

/*
 * The entry that maps va at the given level (0 = 4 KiB page, 1 = 2 MiB),
 * allocating missing tables when alloc.  Stops early at a huge page and
 * returns its entry.  Nil when a table is missing (or cannot be had).
 */
static u64int *
walk(u64int *t, uintptr va, int level, int alloc)
{
	u64int *e;
	u64int pa;
	int l;

	for(l = 3; l > level; l--){
		e = &t[ptidx(va, l)];
		if((*e & PTEP) == 0){
			if(!alloc || pagealloc(0, &pa) < 0)
				return nil;
			memset(kaddr(pa), 0, BY2PG);
			*e = pa | PTEP | PTEW | (va < USERTOP ? PTEU : 0);	/* leaves decide */
		}else if(*e & PTEPS)
			return e;
		t = table(*e);
	}
	return &t[ptidx(va, level)];
}

static u64int *
curroot(void)
{
	return kaddr(getcr3() & PTEADDR);
}

u64int *
mmuwalk(uintptr va, int alloc)
{
	return walk(curroot(), va, 0, alloc);
}

/* Map [va, va+len) to [pa, pa+len), with 2 MiB pages where both allow. */
static int
mapregion(u64int *root, uintptr va, u64int pa, u64int len, u64int flags)
{
	u64int *e;
	u64int n, off;

	/* whole pages covering the range: firmware ranges need not be aligned */
	off = pa & (BY2PG - 1);
	va -= off;
	pa -= off;
	len = (len + off + BY2PG - 1) & ~(u64int)(BY2PG - 1);
	for(; len > 0; va += n, pa += n, len -= n){
		if(((va | pa) & (BY2HUGE - 1)) == 0 && len >= BY2HUGE){
			n = BY2HUGE;
			e = walk(root, va, 1, 1);
			if(e == nil || (*e & (PTEP | PTEPS)) == PTEP)	/* a table is there */
				return -1;
			*e = pa | flags | PTEP | PTEPS;
		}else{
			n = BY2PG;
			e = walk(root, va, 0, 1);
			if(e == nil || (*e & PTEPS))
				return -1;
			*e = pa | flags | PTEP;
		}
		invlpg(va);
	}
	return 0;
}

int
mmumap(uintptr va, u64int pa, u64int flags)
{
	u64int *e;
	int r;

	lock(&mmulock);
	e = walk(curroot(), va, 0, 1);
	r = -1;
	if(e != nil && (*e & (PTEP | PTEPS)) == 0){
		*e = (pa & PTEADDR) | flags | PTEP;
		invlpg(va);
		r = 0;
	}
	unlock(&mmulock);
	return r;
}

int
mmuunmap(uintptr va)
{
	u64int *e;
	int r;

	lock(&mmulock);
	e = walk(curroot(), va, 0, 0);
	r = -1;
	if(e != nil && (*e & PTEP) && (*e & PTEPS) == 0){
		*e = 0;
		invlpg(va);
		r = 0;
	}
	unlock(&mmulock);
	return r;
}

static void
mapkernel(u64int *root)
{
	uintptr va;
	u64int flags;

	for(va = (uintptr)text; va < (uintptr)end; va += BY2PG){
		if(va < (uintptr)etext)
			flags = PTEG;
		else if(va < (uintptr)erodata)
			flags = PTEG | PTENX;
		else
			flags = PTEG | PTEW | PTENX;
		if(mapregion(root, va, va - KERNBASE, BY2PG, flags) < 0)
			panic("mmu: out of memory mapping the kernel");
	}
}

/*
 * Build the kernel's tables beside the boot ones, then switch.  Every page
 * used here is below 4 GiB (pageinit hands out only those until the switch),
 * so the boot tables' direct map reaches them while we build.
 */
void
mmuinit(void)
{
	u64int pa, *root, flags;
	Mbmem *m;
	int i;

	if(pagealloc(0, &pa) < 0)
		panic("mmu: no memory for the page tables");
	root = kaddr(pa);
	memset(root, 0, BY2PG);
	flags = PTEW | PTENX | PTEG;
	if(mapregion(root, KZERO, 0, 1 << 20, flags) < 0)	/* BIOS data, EBDA, ROMs */
		panic("mmu: out of memory mapping low memory");
	for(i = 0; i < bootinfo.nmem; i++){
		m = &bootinfo.mem[i];
		if(m->type != MBMEMAVAIL && m->type != MBMEMACPI && m->type != MBMEMNVS)
			continue;
		if(m->base + m->len > KMAPEND - KZERO || m->base + m->len < m->base)
			continue;
		if(mapregion(root, KZERO + m->base, m->base, m->len, flags) < 0)
			panic("mmu: out of memory mapping RAM");
	}
	mapkernel(root);
	/*
	 * Give every kernel-half slot its table now, so that the kernel half
	 * of a process's root, copied at creation, never goes stale.
	 */
	for(i = 256; i < 512; i++)
		if((root[i] & PTEP) == 0){
			u64int t;

			if(pagealloc(0, &t) < 0)
				panic("mmu: out of memory for kernel tables");
			memset(kaddr(t), 0, BY2PG);
			root[i] = t | PTEP | PTEW;
		}
	kroot = pa;
	putcr3(pa);
}

u64int
kernelpml4(void)
{
	return kroot;
}

/*
 * User address spaces.  A process's root shares the kernel half with
 * kroot; its user half is a cache of its segments, built by faults
 * (mmuputuser) and thrown away whole by mmuflushuser.
 */
u64int
mmunewroot(void)
{
	u64int pa;

	if(pagealloc(0, &pa) < 0)
		return 0;
	memset(kaddr(pa), 0, BY2PG / 2);
	memmove((u64int *)kaddr(pa) + 256, (u64int *)kaddr(kroot) + 256, BY2PG / 2);
	return pa;
}

int
mmuputuser(u64int root, uintptr va, u64int pa, int prot)
{
	u64int *e, flags;

	if(va >= USERTOP)
		return -1;
	lock(&mmulock);
	e = walk(kaddr(root), va, 0, 1);
	if(e == nil){
		unlock(&mmulock);
		return -1;
	}
	flags = PTEP | PTEU;
	if(prot & 2)
		flags |= PTEW;
	if((prot & 4) == 0)
		flags |= PTENX;
	*e = pa | flags;
	if(root == getcr3())
		invlpg(va);
	unlock(&mmulock);
	return 0;
}

static void
freetable(u64int *t, int level)
{
	int i;

	for(i = 0; i < 512; i++){
		if((t[i] & PTEP) == 0)
			continue;
		if(level > 1)
			freetable(table(t[i]), level - 1);
		if(level > 0)
			pagefree(t[i] & PTEADDR, 0);
		t[i] = 0;
	}
}

/* Drop every user mapping of root (the frames stay with their segments). */
void
mmuflushuser(u64int root)
{
	u64int *t;
	int i;

	lock(&mmulock);
	t = kaddr(root);
	for(i = 0; i < 256; i++){
		if((t[i] & PTEP) == 0)
			continue;
		freetable(table(t[i]), 2);
		pagefree(t[i] & PTEADDR, 0);
		t[i] = 0;
	}
	unlock(&mmulock);
	if(root == getcr3())
		putcr3(root);
}

void
mmufreeroot(u64int root)
{
	if(root == getcr3())
		putcr3(kroot);
	mmuflushuser(root);
	pagefree(root, 0);
}

/*
 * Map device registers at [pa, pa+len), uncached; returns the address of
 * pa, or nil.  Mappings are never taken down: devices stay for the boot.
 */
void *
vmap(u64int pa, size_t len)
{
	u64int base, off, size;
	uintptr va;

	off = pa & (BY2PG - 1);
	base = pa - off;
	size = (off + len + BY2PG - 1) & ~(u64int)(BY2PG - 1);
	if(len == 0 || base + size < base)
		return nil;
	lock(&mmulock);
	va = vmapnext;
	if(size >= BY2HUGE)	/* let large windows use 2 MiB pages */
		va = (va + BY2HUGE - 1) & ~(BY2HUGE - 1);
	if(va + size > KSTKBASE || mapregion(curroot(), va, base, size, PTEW | PTEPCD | PTEPWT | PTENX | PTEG) < 0){
		unlock(&mmulock);
		return nil;
	}
	vmapnext = va + size;
	unlock(&mmulock);
	return (void *)(va + off);
}

/*
 * Kernel stacks live in fixed slots of KSTKSLOT bytes: an unmapped guard
 * page at the bottom, then KSTACK bytes of stack.  Running off the end of a
 * stack faults in the guard page instead of overwriting a neighbour.
 */
static uintptr
slotbase(int i)
{
	return KSTKBASE + (uintptr)i * KSTKSLOT;
}

static void
unmapstack(uintptr lo, uintptr hi)
{
	u64int *e;

	for(; lo < hi; lo += BY2PG){
		e = walk(curroot(), lo, 0, 0);
		if(e == nil || (*e & PTEP) == 0)
			continue;
		pagefree(*e & PTEADDR, 0);
		*e = 0;
		invlpg(lo);
	}
}

/* The top of a new kernel stack, or 0 when out of memory or slots. */
uintptr
kstackalloc(void)
{
	uintptr lo, va;
	u64int pa;
	int i;

	lock(&mmulock);
	for(i = 0; i < NKSTACK; i++)
		if((kstkused[i / 8] & (1 << (i % 8))) == 0)
			break;
	if(i == NKSTACK){
		unlock(&mmulock);
		return 0;
	}
	lo = slotbase(i) + BY2PG;
	for(va = lo; va < lo + KSTACK; va += BY2PG){
		if(pagealloc(0, &pa) < 0 || mapregion(curroot(), va, pa, BY2PG, PTEW | PTENX | PTEG) < 0){
			unmapstack(lo, va);
			unlock(&mmulock);
			return 0;
		}
	}
	kstkused[i / 8] |= 1 << (i % 8);
	unlock(&mmulock);
	return lo + KSTACK;
}

void
kstackfree(uintptr top)
{
	int i;

	i = top > KSTKBASE ? (top - KSTKBASE - 1) / KSTKSLOT : NKSTACK;
	if(i >= NKSTACK || top != slotbase(i) + KSTKSLOT)
		panic("kstackfree: %#llx is not a kernel stack", (uvlong)top);
	lock(&mmulock);
	unmapstack(top - KSTACK, top);
	kstkused[i / 8] &= ~(1 << (i % 8));
	unlock(&mmulock);
}

/* Is addr in the guard page of a kernel stack slot? */
int
kstackguard(uintptr addr)
{
	if(addr < KSTKBASE || addr >= slotbase(NKSTACK))
		return 0;
	return (addr - KSTKBASE) % KSTKSLOT < BY2PG;
}
