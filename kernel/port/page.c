/*
 * page.c - the kernel's physical memory: the frame allocator (frame.c)
 * fed from the boot memory map, behind one lock, and the address
 * conversions.
 *
 * Memory is donated in two steps: pageinit gives the allocator only RAM
 * below 4 GiB, which the boot page tables reach, so that mmuinit can build
 * the real tables from it; pagemore gives the rest once they are in place.
 */
#include "portfns.h"
#include "fns.h"
#include "frame.h"
#include "multiboot.h"

enum { MAXRANGE = 64, LOW4G = 1ULL << 32 };

extern Bootinfo bootinfo;
extern char end[];

static Lock pagelock;		/* guards frames; taken after mmulock */
static Frames frames;
static Memrange ram[MAXRANGE];	/* usable RAM, less the page array */
static int nram;

void *
kaddr(u64int pa)
{
	if(pa >= KMAPEND - KZERO)
		panic("kaddr: %#llx is beyond the direct map", (uvlong)pa);
	return (void *)(KZERO + pa);
}

u64int
paddr(void *v)
{
	uintptr va = (uintptr)v;

	if(va >= KERNBASE)
		return va - KERNBASE;
	if(va >= KZERO && va < KMAPEND)
		return va - KZERO;
	panic("paddr: %p is not a direct-mapped address", v);
}

/* The parts of RAM never to hand out: low memory, the kernel, the modules. */
static int
reserved(Memrange *r, int max)
{
	int i, n;

	n = 0;
	r[n++] = (Memrange){0, 1 << 20, MEMRESERVED};
	r[n++] = (Memrange){KTEXTPA, paddr(end) - KTEXTPA, MEMRESERVED};
	for(i = 0; i < bootinfo.nmod && n < max; i++)
		r[n++] = (Memrange){bootinfo.mod[i].start,
			bootinfo.mod[i].end - bootinfo.mod[i].start, MEMRESERVED};
	return n;
}

/* Take the Page array from the first low range big enough for it. */
static Page *
carvepages(u64int npage)
{
	u64int need;
	int i;

	need = (npage * sizeof(Page) + BY2PG - 1) & ~(u64int)(BY2PG - 1);
	for(i = 0; i < nram; i++){
		if(ram[i].len >= need && ram[i].base + need <= LOW4G){
			ram[i].base += need;
			ram[i].len -= need;
			return kaddr(ram[i].base - need);
		}
	}
	panic("page: no room below 4 GiB for %llu page records", (uvlong)npage);
}

static void
donate(u64int lo, u64int hi)
{
	u64int a, b;
	int i;

	for(i = 0; i < nram; i++){
		a = ram[i].base > lo ? ram[i].base : lo;
		b = ram[i].base + ram[i].len < hi ? ram[i].base + ram[i].len : hi;
		if(a < b)
			framesaddfree(&frames, a, b - a);
	}
}

void
pageinit(void)
{
	Memrange in[MBMAXMEM], resv[MBMAXMOD + 2];
	u64int npage;
	int i, nresv;

	for(i = 0; i < bootinfo.nmem; i++)
		in[i] = (Memrange){bootinfo.mem[i].base, bootinfo.mem[i].len, bootinfo.mem[i].type};
	nresv = reserved(resv, nelem(resv));
	nram = memclean(in, bootinfo.nmem, resv, nresv, ram, MAXRANGE);
	if(nram <= 0)
		panic("page: the memory map has no usable RAM");
	if(nram > MAXRANGE){
		print("page: memory map has %d usable ranges; using the first %d\n", nram, MAXRANGE);
		nram = MAXRANGE;
	}
	conf.memtotal = 0;
	for(i = 0; i < nram; i++)
		conf.memtotal += ram[i].len;
	conf.maxpa = ram[nram - 1].base + ram[nram - 1].len;
	if(conf.maxpa > KMAPEND - KZERO)
		conf.maxpa = KMAPEND - KZERO;
	npage = conf.maxpa / BY2PG;
	framesinit(&frames, carvepages(npage), npage);
	donate(0, LOW4G);
}

void
pagemore(void)
{
	donate(LOW4G, conf.maxpa);
}

int
pagealloc(int order, u64int *pa)
{
	int r;

	lock(&pagelock);
	r = framealloc(&frames, order, pa);
	unlock(&pagelock);
	return r;
}

void
pagefree(u64int pa, int order)
{
	int r;

	lock(&pagelock);
	r = framefree(&frames, pa, order);
	unlock(&pagelock);
	if(r < 0)
		panic("pagefree: %#llx order %d was not allocated", (uvlong)pa, order);
}

u64int
pagenfree(void)
{
	u64int n;

	lock(&pagelock);
	n = framesnfree(&frames);
	unlock(&pagelock);
	return n;
}

Page *
pagerecord(u64int pa)
{
	return pa2page(&frames, pa);
}
