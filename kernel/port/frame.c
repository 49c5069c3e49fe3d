/*
 * frame.c - the physical frame allocator: a binary buddy allocator over a
 * Page array the kernel supplies, and memclean, which turns the firmware's
 * memory map into the RAM that is safe to donate.
 *
 * All frames start reserved; the kernel donates usable RAM with
 * framesaddfree. Every call validates its arguments and fails with -1
 * (changing nothing) rather than trusting the caller, so a double free
 * or a wrong order is caught here instead of corrupting the free lists.
 *
 * No locks: the kernel wraps every call on a Frames in its own lock.
 */
#include "u.h"
#include "frame.h"

_Static_assert(sizeof(Page) <= 48, "Page must stay small: one per 4 KiB frame");

#define NFRAMES(order)	((u64int)1 << (order))

static void
pushfree(Frames *f, u64int i, int order)
{
	Page *p;

	p = &f->pages[i];
	p->state = PFREE;
	p->flags |= PGHEAD;
	p->order = order;
	p->prev = nil;
	p->next = f->free[order];
	if(p->next != nil)
		p->next->prev = p;
	f->free[order] = p;
	f->nblock[order]++;
	f->nfree += NFRAMES(order);
}

/* Take the free head p off free[order]; it stays PFREE but is no longer a head. */
static void
unlinkfree(Frames *f, Page *p, int order)
{
	if(p->prev != nil)
		p->prev->next = p->next;
	else
		f->free[order] = p->next;
	if(p->next != nil)
		p->next->prev = p->prev;
	p->next = p->prev = nil;
	p->flags &= ~PGHEAD;
	p->order = 0;
	f->nblock[order]--;
	f->nfree -= NFRAMES(order);
}

/* Reset every frame of the block at i to a fresh record in the given state. */
static void
setframes(Frames *f, u64int i, int order, int state)
{
	u64int k;
	Page *p;

	for(k = i; k < i + NFRAMES(order); k++){
		p = &f->pages[k];
		p->next = p->prev = nil;
		p->owner = nil;
		p->heaptag = 0;
		p->ref = 0;
		p->state = state;
		p->order = 0;
		p->flags = 0;
		p->borrow = BOWNED;
	}
}

static int
isfreehead(Frames *f, u64int i, int order)
{
	Page *p;

	if(i >= f->npage || f->npage - i < NFRAMES(order))
		return 0;
	p = &f->pages[i];
	return p->state == PFREE && (p->flags & PGHEAD) && p->order == order;
}

/*
 * Put the block at i (its frames already PFREE, none a head) on the free
 * lists, merging with its buddy as long as the buddy is a free block of
 * the same order. This keeps the invariant that free buddies never coexist.
 */
static void
release(Frames *f, u64int i, int order)
{
	u64int b;

	while(order < FRAMEMAXORDER){
		b = i ^ NFRAMES(order);
		if(!isfreehead(f, b, order))
			break;
		unlinkfree(f, &f->pages[b], order);
		i &= ~NFRAMES(order);
		order++;
	}
	pushfree(f, i, order);
}

void
framesinit(Frames *f, Page *pages, u64int npage)
{
	u64int i;
	int k;

	f->pages = pages;
	f->npage = npage;
	for(k = 0; k <= FRAMEMAXORDER; k++){
		f->free[k] = nil;
		f->nblock[k] = 0;
	}
	f->nfree = 0;
	for(i = 0; i < npage; i++)
		setframes(f, i, 0, PRESERVED);
}

/* Free the reserved frames [i, j) as the largest aligned blocks that fit. */
static void
donaterun(Frames *f, u64int i, u64int j)
{
	int o;

	while(i < j){
		o = 0;
		while(o < FRAMEMAXORDER && (i & (NFRAMES(o + 1) - 1)) == 0 && j - i >= NFRAMES(o + 1))
			o++;
		setframes(f, i, o, PFREE);
		release(f, i, o);
		i += NFRAMES(o);
	}
}

/*
 * Donate the RAM [pa, pa+len). Only whole frames inside the range count;
 * frames beyond the Page array are ignored, as are frames already free or
 * allocated (donating twice is harmless). Returns the frames added.
 */
u64int
framesaddfree(Frames *f, u64int pa, u64int len)
{
	u64int first, last, end, i, j, n;

	if(len == 0)
		return 0;
	end = pa + len;
	if(end < pa)
		end = ~(u64int)0;
	first = (pa >> FRAMESHIFT) + ((pa & (FRAMESIZE - 1)) != 0);
	last = end >> FRAMESHIFT;
	if(last > f->npage)
		last = f->npage;
	n = 0;
	for(i = first; i < last; i = j){
		if(f->pages[i].state != PRESERVED){
			j = i + 1;
			continue;
		}
		for(j = i; j < last && f->pages[j].state == PRESERVED; j++)
			;
		donaterun(f, i, j);
		n += j - i;
	}
	return n;
}

/*
 * Allocate 2^order contiguous frames aligned to their size. They come back
 * as PKERNEL, owned, with clean records; the caller may relabel them
 * (PHEAP, PUSER). Returns 0 and sets *pa, or -1 when no block is free.
 */
int
framealloc(Frames *f, int order, u64int *pa)
{
	int k;
	u64int i;
	Page *p;

	if(order < 0 || order > FRAMEMAXORDER || pa == nil)
		return -1;
	for(k = order; k <= FRAMEMAXORDER && f->free[k] == nil; k++)
		;
	if(k > FRAMEMAXORDER)
		return -1;
	p = f->free[k];
	unlinkfree(f, p, k);
	i = p - f->pages;
	while(k > order){
		k--;
		pushfree(f, i + NFRAMES(k), k);
	}
	setframes(f, i, order, PKERNEL);
	p->flags = PGHEAD;
	p->order = order;
	*pa = i << FRAMESHIFT;
	return 0;
}

/*
 * Free the block framealloc returned at pa with this order. Anything else
 * (a free or reserved frame, the middle of a block, another order, a
 * misaligned or out of range address, a page still lent out) is refused
 * with -1 and nothing changes.
 */
int
framefree(Frames *f, u64int pa, int order)
{
	u64int i;
	Page *p;

	if(order < 0 || order > FRAMEMAXORDER)
		return -1;
	if((pa & (((u64int)FRAMESIZE << order) - 1)) != 0)
		return -1;
	i = pa >> FRAMESHIFT;
	if(i >= f->npage || f->npage - i < NFRAMES(order))
		return -1;
	p = &f->pages[i];
	if(!(p->flags & PGHEAD) || p->order != order)
		return -1;
	if(p->state == PFREE || p->state == PRESERVED || p->state >= PNSTATE)
		return -1;
	if(p->borrow != BOWNED)
		return -1;
	setframes(f, i, order, PFREE);
	release(f, i, order);
	return 0;
}

u64int
framesnfree(Frames *f)
{
	return f->nfree;
}

/* The record for the frame holding pa, or nil outside the array. */
Page*
pa2page(Frames *f, u64int pa)
{
	if((pa >> FRAMESHIFT) >= f->npage)
		return nil;
	return &f->pages[pa >> FRAMESHIFT];
}

/* The physical address of p's frame, or ~0 if p is not a record in the array. */
u64int
page2pa(Frames *f, Page *p)
{
	uintptr off;

	if((uintptr)p < (uintptr)f->pages)
		return ~(u64int)0;
	off = (uintptr)p - (uintptr)f->pages;
	if(off % sizeof(Page) != 0 || off / sizeof(Page) >= f->npage)
		return ~(u64int)0;
	return (u64int)(off / sizeof(Page)) << FRAMESHIFT;
}

/* Check one free list against the invariants; returns its frames or -1. */
static vlong
checklist(Frames *f, int k)
{
	Page *p, *prev;
	u64int n, i, pa;

	n = 0;
	prev = nil;
	for(p = f->free[k]; p != nil; p = p->next){
		if(n++ >= f->npage || p->prev != prev)
			return -1;
		pa = page2pa(f, p);
		i = pa >> FRAMESHIFT;
		if(pa == ~(u64int)0 || !isfreehead(f, i, k) || (i & (NFRAMES(k) - 1)) != 0)
			return -1;
		if(k < FRAMEMAXORDER && isfreehead(f, i ^ NFRAMES(k), k))
			return -1;	/* unmerged buddies */
		prev = p;
	}
	if(n != f->nblock[k])
		return -1;
	return n << k;
}

static int
checkframe(Page *p, int isfree)
{
	if(p->state >= PNSTATE || p->borrow >= BNSTATE)
		return -1;
	if(isfree && (p->owner != nil || p->heaptag != 0 || p->ref != 0 || p->borrow != BOWNED))
		return -1;
	return 0;
}

/*
 * Walk the whole Page array and the free lists and check every invariant
 * stated in frame.h. Returns 0 when all hold, -1 otherwise. O(npage):
 * for tests and debug builds.
 */
int
framescheck(Frames *f)
{
	u64int i, k, n, nheads, nfree;
	vlong m;
	Page *p;
	int isfree, o;

	nfree = 0;
	for(o = 0; o <= FRAMEMAXORDER; o++){
		if((m = checklist(f, o)) < 0)
			return -1;
		nfree += m;
	}
	if(nfree != f->nfree)
		return -1;
	nheads = 0;
	for(i = 0; i < f->npage; i += n){
		p = &f->pages[i];
		n = 1;
		if(checkframe(p, p->state == PFREE || p->state == PRESERVED) < 0)
			return -1;
		if(p->state == PRESERVED){
			if(p->flags & PGHEAD)
				return -1;
			continue;
		}
		if(!(p->flags & PGHEAD) || p->order > FRAMEMAXORDER)
			return -1;	/* a tail with no head */
		n = NFRAMES(p->order);
		if((i & (n - 1)) != 0 || f->npage - i < n)
			return -1;
		isfree = p->state == PFREE;
		nheads += isfree;
		for(k = i + 1; k < i + n; k++){
			if(f->pages[k].flags & PGHEAD || f->pages[k].order != 0)
				return -1;
			if(checkframe(&f->pages[k], isfree) < 0 || (f->pages[k].state == PFREE) != isfree)
				return -1;
			if(f->pages[k].state == PRESERVED)
				return -1;
		}
	}
	for(o = 0; o <= FRAMEMAXORDER; o++)
		nheads -= f->nblock[o];
	return nheads == 0 ? 0 : -1;
}

/*
 * The firmware memory map cleaner.
 *
 * Firmware entries may overlap, come unsorted, have zero length or end past
 * 2^64; a byte is usable only if some entry says MEMUSABLE, no entry says
 * otherwise and no reserved range covers it. The address space is cut at
 * every entry's start and end; between two neighbouring cuts nothing
 * changes, so each piece is classified once. Quadratic, but maps have tens
 * of entries and this runs once at boot, without any allocation.
 */

static u64int
rangeend(const Memrange *r)
{
	if(r->len > ~(u64int)0 - r->base)
		return ~(u64int)0;
	return r->base + r->len;
}

static int
covers(const Memrange *r, u64int x)
{
	return r->len != 0 && r->base <= x && x < rangeend(r);
}

/* The smallest start or end of a nonempty range above x, into *y; 0 if none. */
static int
nextcut(const Memrange *r, int n, u64int x, u64int *y, int found)
{
	int i;
	u64int c[2];

	for(i = 0; i < n; i++){
		if(r[i].len == 0)
			continue;
		c[0] = r[i].base;
		c[1] = rangeend(&r[i]);
		for(int j = 0; j < 2; j++)
			if(c[j] > x && (!found || c[j] < *y)){
				*y = c[j];
				found = 1;
			}
	}
	return found;
}

static int
usableat(const Memrange *in, int nin, const Memrange *resv, int nresv, u64int x)
{
	int i, ok;

	ok = 0;
	for(i = 0; i < nin; i++)
		if(covers(&in[i], x)){
			if(in[i].type != MEMUSABLE)
				return 0;
			ok = 1;
		}
	for(i = 0; i < nresv; i++)
		if(covers(&resv[i], x))
			return 0;
	return ok;
}

/* Shrink [s, e) to whole frames and append it when anything is left. */
static int
emit(u64int s, u64int e, Memrange *out, int maxout, int n)
{
	if(s > ~(u64int)0 - (FRAMESIZE - 1))
		return n;
	s = (s + FRAMESIZE - 1) & ~(u64int)(FRAMESIZE - 1);
	e &= ~(u64int)(FRAMESIZE - 1);
	if(s >= e)
		return n;
	if(n < maxout){
		out[n].base = s;
		out[n].len = e - s;
		out[n].type = MEMUSABLE;
	}
	return n + 1;
}

/*
 * Write the usable RAM of the map in[] minus the reserved ranges resv[] to
 * out[] as sorted, non-overlapping, non-adjacent ranges of whole frames,
 * type MEMUSABLE. Returns how many ranges the clean map has; only the first
 * maxout are stored, so a result above maxout means out[] was too small.
 * Returns -1 for negative counts.
 */
int
memclean(const Memrange *in, int nin, const Memrange *resv, int nresv,
	Memrange *out, int maxout)
{
	u64int x, y, rs;
	int n, run, found, i;

	if(nin < 0 || nresv < 0 || maxout < 0)
		return -1;
	/* start at the lowest start of a firmware entry: nothing below is RAM */
	found = 0;
	x = y = rs = 0;
	for(i = 0; i < nin; i++)
		if(in[i].len != 0 && (!found || in[i].base < x)){
			x = in[i].base;
			found = 1;
		}
	if(!found)
		return 0;
	n = 0;
	run = 0;	/* usable bytes [rs, x) wait to be emitted */
	for(;;){
		found = nextcut(in, nin, x, &y, 0);
		if(!nextcut(resv, nresv, x, &y, found))
			break;
		if(usableat(in, nin, resv, nresv, x)){
			if(!run)
				rs = x;
			run = 1;
		}else if(run){
			n = emit(rs, x, out, maxout, n);
			run = 0;
		}
		x = y;
	}
	if(run)
		n = emit(rs, x, out, maxout, n);
	return n;
}
