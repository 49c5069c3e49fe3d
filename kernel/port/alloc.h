/*
 * alloc.h - the kernel heap core: small-object caches and whole-page
 * allocations over a page source the kernel provides.
 *
 * No locks: the kernel wraps every call on a Heap in its own lock.
 */
#ifndef LUX9_ALLOC_H
#define LUX9_ALLOC_H

#include "u.h"

enum {
	HEAPPGSHIFT = 12,
	HEAPPGSIZE = 1 << HEAPPGSHIFT,	/* the page source's page size */
	HEAPALIGN = 16,			/* every result is aligned to this */
	HEAPMAXORDER = 10,		/* largest request: 2^10 pages = 4 MiB */
	NHEAPCACHE = 14,		/* small-object size classes, 16..2016 bytes */
};

typedef struct Heapsrc Heapsrc;
typedef struct Heapcache Heapcache;
typedef struct Heap Heap;
typedef struct Heapstats Heapstats;
typedef struct Slab Slab;	/* private to alloc.c */

/*
 * Where the heap gets its memory. pagealloc returns 2^order pages aligned
 * to HEAPPGSIZE, or nil. The heap keeps one word per page with settag and
 * reads it back with gettag; a page the heap has not tagged must read as 0
 * (the kernel keeps the word in Page.heaptag, which framealloc clears).
 * The heap clears its tags before giving pages back.
 */
struct Heapsrc {
	void	*(*pagealloc)(void *arg, int order);
	void	(*pagefree)(void *arg, void *p, int order);
	void	(*settag)(void *arg, void *p, uintptr tag);
	uintptr	(*gettag)(void *arg, void *p);
	void	*arg;
};

/*
 * One size class. Invariants: partial lists exactly the slabs with both
 * free and allocated objects; full slabs are on no list (a free finds
 * them by address); spare is nil or one slab with no allocated object.
 */
struct Heapcache {
	u32int	size;		/* object size, a multiple of HEAPALIGN */
	u32int	nobj;		/* objects per slab */
	Slab	*partial;	/* doubly linked */
	Slab	*spare;
	u64int	nslab;		/* slabs held, the spare included */
	u64int	inuse;		/* allocated objects */
};

struct Heap {
	Heapsrc	src;
	Heapcache	cache[NHEAPCACHE];	/* by increasing size */
	u64int	bytes;		/* live allocations, each counted as heapsize() */
	u64int	pages;		/* pages held from src: slabs and large blocks */
	u64int	nlarge;		/* live large allocations */
	u64int	largepages;	/* pages in them */
	u64int	badfree;	/* heapfree calls refused */
};

/* A snapshot for budgets and debugging; the per-cache figures are in Heap.cache. */
struct Heapstats {
	u64int	bytes;
	u64int	pages;
	u64int	nlarge;
	u64int	largepages;
	u64int	slabs;
	u64int	objects;
	u64int	badfree;
};

void	heapinit(Heap *h, Heapsrc *src);
void	*heapalloc(Heap *h, size_t n);
void	*heapzalloc(Heap *h, size_t n);
int	heapfree(Heap *h, void *p);
size_t	heapsize(Heap *h, void *p);
void	heapstats(Heap *h, Heapstats *s);
int	heapcheck(Heap *h);

#endif
