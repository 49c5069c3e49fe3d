/*
 * malloc.c - the heap, over sbrk.  Simple enough to be obviously right:
 *
 * Small blocks (up to 2 KiB) come in power-of-two size classes, each with
 * its own LIFO free list; a small block keeps its class for life.  They are
 * carved from 64 KiB chunks.  Big blocks are whole multiples of a page
 * (header included), kept free on an address-ordered list where neighbours
 * merge and from which the first that fits is split.
 *
 * Every block starts with a 16-byte header saying its class and whether it
 * is free.  free, realloc and msize check it, and taking a block off a free
 * list checks it too, so a double free, a wild pointer or a header an
 * overrun has clobbered stops the program with a message (abort) instead
 * of corrupting the heap further.
 */
#include "../include/u.h"
#include "../include/libc.h"

enum {
	Align		= 16,			/* what any type needs */
	Minshift	= 4,			/* the smallest class: 16 bytes */
	Maxshift	= 11,			/* the largest: 2048 */
	Nclass		= Maxshift - Minshift + 1,
	Big		= Nclass,		/* Hdr.class of a big block */
	Chunk		= 64*1024,		/* small blocks are carved from these */
	Pagesize	= 4096,
	Mused		= 0x55534544,		/* Hdr.magic */
	Mfree		= 0x46524545,
};

#define Maxalloc	((usize)1 << 46)	/* more than the address space can hold */

typedef struct Hdr Hdr;
struct Hdr {
	u32int	magic;	/* Mused or Mfree */
	u32int	class;	/* 0..Nclass-1, or Big */
	usize	size;	/* bytes after the header: 1<<(class+Minshift), or for Big a page multiple less 16 */
};
_Static_assert(sizeof(Hdr) == Align, "a header keeps the block after it aligned");

static Lock heaplock;
static Hdr *freelist[Nclass];	/* free small blocks of each class */
static Hdr *bigfree;		/* free big blocks, by address */
static char *carve, *carveend;	/* the part of the current chunk not yet cut into small blocks */
static uintptr heapbase, heaptop;	/* all that sbrk gave us lies within */

static _Noreturn void
heapfatal(const char *what, const void *p)
{
	unlock(&heaplock);
	fprint(2, "%s: malloc: %s %p\n", argv0 != nil ? argv0 : "?", what, p);
	abort();
}

/* A free block's first payload word links it to the next on its list. */
static Hdr **
nextp(Hdr *h)
{
	return (Hdr **)(h + 1);
}

static int
inheap(const void *p, usize n)
{
	uintptr a;

	a = (uintptr)p;
	return a >= heapbase && a < heaptop && heaptop - a >= n && a % Align == 0;
}

static Hdr *
morecore(usize n)
{
	char *p;

	p = sbrk(n);
	if(p == (char *)-1)
		return nil;
	if(heapbase == 0)
		heapbase = (uintptr)p;
	if((uintptr)p + n > heaptop)
		heaptop = (uintptr)p + n;
	return (Hdr *)p;
}

/* A block just taken from a free list: it must be a free block of class c. */
static Hdr *
takefree(Hdr *h, u32int c)
{
	if(!inheap(h, sizeof(Hdr)) || h->magic != Mfree || h->class != c)
		heapfatal("heap corrupted (a free list points at a bad block):", h);
	if(*nextp(h) != nil && !inheap(*nextp(h), sizeof(Hdr)))
		heapfatal("heap corrupted (a free block was written after free):", h + 1);
	return h;
}

static void
setfree(Hdr *h, u32int class, usize size, Hdr *next)
{
	h->magic = Mfree;
	h->class = class;
	h->size = size;
	*nextp(h) = next;
}

/* The smallest class whose blocks hold n bytes. */
static u32int
classof(usize n)
{
	u32int c;

	for(c = 0; ((usize)1 << (c + Minshift)) < n; c++)
		;
	return c;
}

/* Cut what is left of the chunk into free blocks of the largest classes that fit. */
static void
carveleftover(void)
{
	usize left, bs;
	int c;

	for(c = Nclass-1; c >= 0; c--){
		bs = sizeof(Hdr) + ((usize)1 << (c + Minshift));
		while((left = carveend - carve) >= bs){
			setfree((Hdr *)carve, c, bs - sizeof(Hdr), freelist[c]);
			freelist[c] = (Hdr *)carve;
			carve += bs;
		}
	}
}

static Hdr *
smallalloc(u32int c)
{
	usize bs;
	Hdr *h;

	if((h = freelist[c]) != nil){
		freelist[c] = *nextp(takefree(h, c));
		return h;
	}
	bs = sizeof(Hdr) + ((usize)1 << (c + Minshift));
	if((usize)(carveend - carve) < bs){
		if((h = morecore(Chunk)) == nil)
			return nil;
		carveleftover();
		carve = (char *)h;
		carveend = carve + Chunk;
	}
	h = (Hdr *)carve;
	carve += bs;
	h->class = c;
	h->size = bs - sizeof(Hdr);
	return h;
}

static Hdr *
bigalloc(usize n)
{
	usize need, total;
	Hdr **pp, *h, *t;

	need = (n + sizeof(Hdr) + Pagesize-1) & ~(usize)(Pagesize-1);
	for(pp = &bigfree; (h = *pp) != nil; pp = nextp(h)){
		total = sizeof(Hdr) + takefree(h, Big)->size;
		if(total < need)
			continue;
		if(total - need >= Pagesize){
			/* split: the tail stays free, in h's place on the list */
			t = (Hdr *)((char *)h + need);
			setfree(t, Big, total - need - sizeof(Hdr), *nextp(h));
			*pp = t;
			h->size = need - sizeof(Hdr);
		}else
			*pp = *nextp(h);
		return h;
	}
	if((h = morecore(need)) == nil)
		return nil;
	h->class = Big;
	h->size = need - sizeof(Hdr);
	return h;
}

/* Whether a ends where b begins. */
static int
adjacent(Hdr *a, Hdr *b)
{
	return (char *)a + sizeof(Hdr) + a->size == (char *)b;
}

/* Put big block h on the free list in address order, merging with its neighbours. */
static void
freebig(Hdr *h)
{
	Hdr **pp, *prev, *next;

	prev = nil;
	for(pp = &bigfree; (next = *pp) != nil && next < h; pp = nextp(next))
		prev = next;
	setfree(h, Big, h->size, next);
	*pp = h;
	if(next != nil && adjacent(h, next)){
		h->size += sizeof(Hdr) + next->size;
		*nextp(h) = *nextp(next);
	}
	if(prev != nil && adjacent(prev, h)){
		prev->size += sizeof(Hdr) + h->size;
		*nextp(prev) = *nextp(h);
	}
}

/* The header of p, which must be a block in use; anything else is fatal. */
static Hdr *
usedhdr(void *p)
{
	Hdr *h;

	h = (Hdr *)p - 1;
	if(!inheap(h, sizeof(Hdr)))
		heapfatal("pointer not from malloc:", p);
	if(h->magic == Mfree)
		heapfatal("double free of", p);
	if(h->magic != Mused)
		heapfatal("heap corrupted (bad header; overrun of the block before?) at", p);
	if(h->class < Nclass ? h->size != (usize)1 << (h->class + Minshift)
	   : h->class != Big || (h->size + sizeof(Hdr)) % Pagesize != 0 || !inheap(h, sizeof(Hdr) + h->size))
		heapfatal("heap corrupted (bad size in header) at", p);
	return h;
}

void *
malloc(usize n)
{
	Hdr *h;

	if(n > Maxalloc){
		werrstr("malloc: %llud bytes is more than memory", (uvlong)n);
		return nil;
	}
	lock(&heaplock);
	h = n <= (1 << Maxshift) ? smallalloc(classof(n)) : bigalloc(n);
	if(h != nil)
		h->magic = Mused;
	unlock(&heaplock);
	if(h == nil){
		werrstr("malloc: out of memory for %llud bytes", (uvlong)n);
		return nil;
	}
	return h + 1;
}

void
free(void *p)
{
	Hdr *h;

	if(p == nil)
		return;
	lock(&heaplock);
	h = usedhdr(p);
	if(h->class == Big)
		freebig(h);
	else{
		setfree(h, h->class, h->size, freelist[h->class]);
		freelist[h->class] = h;
	}
	unlock(&heaplock);
}

usize
msize(void *p)
{
	usize n;

	lock(&heaplock);
	n = usedhdr(p)->size;
	unlock(&heaplock);
	return n;
}

void *
mallocz(usize n, int clr)
{
	void *p;

	p = malloc(n);
	if(p != nil && clr)
		memset(p, 0, n);
	return p;
}

void *
calloc(usize n, usize size)
{
	if(size != 0 && n > Maxalloc / size){
		werrstr("calloc: %llud x %llud bytes is more than memory", (uvlong)n, (uvlong)size);
		return nil;
	}
	return mallocz(n * size, 1);
}

/* Plan 9's: realloc(p, 0) frees p and returns nil; a block never shrinks in place. */
void *
realloc(void *p, usize n)
{
	usize have;
	void *q;

	if(p == nil)
		return malloc(n);
	if(n == 0){
		free(p);
		return nil;
	}
	have = msize(p);
	if(n <= have)
		return p;
	q = malloc(n);
	if(q == nil)
		return nil;
	memmove(q, p, have);
	free(p);
	return q;
}
