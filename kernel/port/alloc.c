/*
 * alloc.c - the kernel heap core.
 *
 * Requests up to 2016 bytes come from per-size-class caches of slabs; a
 * slab is one page with its header at the start, so any object pointer
 * finds its slab by rounding down to the page. Larger requests take 2^order
 * whole pages straight from the page source.
 *
 * Every page the heap holds carries a tag (Heapsrc.settag) saying what it
 * is; heapfree reads the tag before it touches the page, so a pointer
 * into memory the heap does not own is refused without being dereferenced.
 * Slabs add a magic number, the owning heap and an allocation bitmap, which
 * together catch double frees and pointers that are not object starts.
 *
 * Memory handed out is not zeroed (heapzalloc zeroes); freed objects and
 * never-used ones read as HEAPPOISON, to make use-after-free and missing
 * initialisation visible. Counts of bytes and pages are exact, because
 * budgets charge them.
 *
 * No locks: the kernel wraps every call on a Heap in its own lock.
 */
#include "u.h"
#include "kstring.h"
#include "alloc.h"

enum {
	HEAPPOISON = 0xdd,
	SLABMAGIC = 0x536c6142,		/* "SlaB" */
	TSLAB = 1,			/* tag kinds, bits 8..15 */
	TLARGE = 2,
	MAXSLABOBJ = 256,		/* bits in Slab.used */
};

/*
 * A page tag: "Hp" in bits 16..31, the kind in bits 8..15, and the cache
 * index (slabs) or the order (large blocks) in bits 0..7. Untagged pages
 * read 0, which never matches.
 */
#define TAGMAGIC	((uintptr)0x48700000)
#define TAGMAGICMASK	(~(uintptr)0xffff)
#define TAG(kind, low)	((uintptr)TAGMAGIC | (uintptr)(kind) << 8 | (uintptr)(low))
#define TAGKIND(t)	(((t) >> 8) & 0xff)
#define TAGLOW(t)	((t) & 0xff)

/*
 * The first bytes of a slab page. Invariants: magic is SLABMAGIC exactly
 * while the page is a slab of heap; nfree counts the clear bits of used
 * below nobj; bits at nobj and above are always set, so the first clear
 * bit is always a real object.
 */
struct Slab {
	u32int	magic;
	u16int	cache;		/* index in heap->cache, also in the page tag */
	u16int	nfree;
	Heap	*heap;
	Slab	*next;		/* on the cache's partial list */
	Slab	*prev;
	u64int	used[MAXSLABOBJ / 64];	/* bit i: object i is allocated */
};

#define SLABHDR	((sizeof(Slab) + HEAPALIGN - 1) & ~(size_t)(HEAPALIGN - 1))

/*
 * Size classes: multiples of 16 chosen so that most fill a page with little
 * left over; 2016 is the largest size two of which fit beside the header.
 */
static const u32int classsize[NHEAPCACHE] = {
	16, 32, 48, 64, 96, 128, 192, 256, 384, 512, 672, 1008, 1344, 2016,
};

_Static_assert(2 * 2016 + 64 <= HEAPPGSIZE, "two of the largest class must fit in a slab");

/* What lookup found out about a pointer. */
typedef struct Where Where;
struct Where {
	int	kind;		/* TSLAB or TLARGE */
	Slab	*slab;
	int	ci;		/* slab: cache index */
	u32int	obj;		/* slab: object index */
	int	order;		/* large: block order */
};

static void*
objaddr(Slab *s, Heapcache *c, u32int i)
{
	return (char *)s + SLABHDR + (size_t)i * c->size;
}

static void
linkpartial(Heapcache *c, Slab *s)
{
	s->prev = nil;
	s->next = c->partial;
	if(s->next != nil)
		s->next->prev = s;
	c->partial = s;
}

static void
unlinkpartial(Heapcache *c, Slab *s)
{
	if(s->prev != nil)
		s->prev->next = s->next;
	else
		c->partial = s->next;
	if(s->next != nil)
		s->next->prev = s->prev;
	s->next = s->prev = nil;
}

void
heapinit(Heap *h, Heapsrc *src)
{
	Heapcache *c;
	u32int n;
	int i;

	memset(h, 0, sizeof *h);
	h->src = *src;
	for(i = 0; i < NHEAPCACHE; i++){
		c = &h->cache[i];
		c->size = classsize[i];
		n = (HEAPPGSIZE - SLABHDR) / c->size;
		c->nobj = n > MAXSLABOBJ ? MAXSLABOBJ : n;
	}
}

/* Page source calls that refuse misaligned pages, so slab lookup stays sound. */
static void*
getpages(Heap *h, int order)
{
	void *p;

	p = h->src.pagealloc(h->src.arg, order);
	if(p != nil && ((uintptr)p & (HEAPPGSIZE - 1)) != 0){
		h->src.pagefree(h->src.arg, p, order);
		return nil;
	}
	return p;
}

static void
putpages(Heap *h, void *p, int order)
{
	h->src.settag(h->src.arg, p, 0);
	h->src.pagefree(h->src.arg, p, order);
}

static Slab*
newslab(Heap *h, int ci)
{
	Heapcache *c;
	Slab *s;
	u32int i;

	c = &h->cache[ci];
	s = getpages(h, 0);
	if(s == nil)
		return nil;
	memset(s, HEAPPOISON, HEAPPGSIZE);
	s->magic = SLABMAGIC;
	s->cache = ci;
	s->nfree = c->nobj;
	s->heap = h;
	s->next = s->prev = nil;
	memset(s->used, 0, sizeof s->used);
	for(i = c->nobj; i < MAXSLABOBJ; i++)
		s->used[i / 64] |= (u64int)1 << (i % 64);
	h->src.settag(h->src.arg, s, TAG(TSLAB, ci));
	c->nslab++;
	h->pages++;
	return s;
}

static void
freeslab(Heap *h, Heapcache *c, Slab *s)
{
	s->magic = 0;
	putpages(h, s, 0);
	c->nslab--;
	h->pages--;
}

static u32int
firstfree(Slab *s)
{
	u32int w;

	for(w = 0; w < nelem(s->used); w++)
		if(~s->used[w] != 0)
			return w * 64 + __builtin_ctzll(~s->used[w]);
	return MAXSLABOBJ;	/* not reached: slabs on partial have a free object */
}

static void*
slaballoc(Heap *h, int ci)
{
	Heapcache *c;
	Slab *s;
	u32int i;

	c = &h->cache[ci];
	s = c->partial;
	if(s == nil){
		if(c->spare != nil){
			s = c->spare;
			c->spare = nil;
		}else if((s = newslab(h, ci)) == nil)
			return nil;
		linkpartial(c, s);
	}
	i = firstfree(s);
	s->used[i / 64] |= (u64int)1 << (i % 64);
	if(--s->nfree == 0)
		unlinkpartial(c, s);
	c->inuse++;
	h->bytes += c->size;
	return objaddr(s, c, i);
}

static void*
largealloc(Heap *h, size_t n)
{
	void *p;
	int order;

	for(order = 0; ((size_t)HEAPPGSIZE << order) < n; order++)
		;
	p = getpages(h, order);
	if(p == nil)
		return nil;
	h->src.settag(h->src.arg, p, TAG(TLARGE, order));
	h->pages += (u64int)1 << order;
	h->nlarge++;
	h->largepages += (u64int)1 << order;
	h->bytes += (u64int)HEAPPGSIZE << order;
	return p;
}

/*
 * Allocate n bytes, aligned to HEAPALIGN (to the page when n > 2016).
 * The memory is not zeroed. Returns nil for n == 0, for n above
 * 2^HEAPMAXORDER pages, and when the page source is out of memory.
 */
void*
heapalloc(Heap *h, size_t n)
{
	int i;

	if(n == 0 || n > ((size_t)HEAPPGSIZE << HEAPMAXORDER))
		return nil;
	for(i = 0; i < NHEAPCACHE; i++)
		if(n <= h->cache[i].size)
			return slaballoc(h, i);
	return largealloc(h, n);
}

void*
heapzalloc(Heap *h, size_t n)
{
	void *p;

	p = heapalloc(h, n);
	if(p != nil)
		memset(p, 0, n);
	return p;
}

/*
 * Decide whether p is the start of a live allocation of h, and where.
 * The page tag is checked before the page is read.
 */
static int
lookup(Heap *h, void *p, Where *w)
{
	uintptr a, page, tag, off;
	Heapcache *c;
	Slab *s;

	a = (uintptr)p;
	page = a & ~(uintptr)(HEAPPGSIZE - 1);
	tag = h->src.gettag(h->src.arg, (void *)page);
	if((tag & TAGMAGICMASK) != TAGMAGIC)
		return -1;
	w->kind = TAGKIND(tag);
	switch(w->kind){
	case TLARGE:
		w->order = TAGLOW(tag);
		return a == page && w->order <= HEAPMAXORDER ? 0 : -1;
	case TSLAB:
		w->ci = TAGLOW(tag);
		s = (Slab *)page;
		if(w->ci >= NHEAPCACHE || s->magic != SLABMAGIC || s->heap != h || s->cache != w->ci)
			return -1;
		c = &h->cache[w->ci];
		if(a < page + SLABHDR)
			return -1;
		off = a - page - SLABHDR;
		if(off % c->size != 0 || off / c->size >= c->nobj)
			return -1;
		w->obj = off / c->size;
		if((s->used[w->obj / 64] & (u64int)1 << (w->obj % 64)) == 0)
			return -1;	/* free already */
		w->slab = s;
		return 0;
	}
	return -1;
}

static void
slabfree(Heap *h, Where *w)
{
	Heapcache *c;
	Slab *s;
	int wasfull;

	c = &h->cache[w->ci];
	s = w->slab;
	s->used[w->obj / 64] &= ~((u64int)1 << (w->obj % 64));
	memset(objaddr(s, c, w->obj), HEAPPOISON, c->size);
	wasfull = s->nfree == 0;
	s->nfree++;
	c->inuse--;
	h->bytes -= c->size;
	if(s->nfree < c->nobj){
		if(wasfull)
			linkpartial(c, s);
		return;
	}
	/* empty: keep one spare per cache, give the rest back */
	if(!wasfull)
		unlinkpartial(c, s);
	if(c->spare == nil)
		c->spare = s;
	else
		freeslab(h, c, s);
}

static void
largefree(Heap *h, void *p, int order)
{
	memset(p, HEAPPOISON, (size_t)HEAPPGSIZE << order);
	putpages(h, p, order);
	h->pages -= (u64int)1 << order;
	h->nlarge--;
	h->largepages -= (u64int)1 << order;
	h->bytes -= (u64int)HEAPPGSIZE << order;
}

/*
 * Free p. nil is fine. A pointer that is not the start of a live
 * allocation of this heap (double free, interior or foreign pointer)
 * is refused with -1, counted in badfree, and nothing changes.
 */
int
heapfree(Heap *h, void *p)
{
	Where w;

	if(p == nil)
		return 0;
	if(lookup(h, p, &w) < 0){
		h->badfree++;
		return -1;
	}
	if(w.kind == TSLAB)
		slabfree(h, &w);
	else
		largefree(h, p, w.order);
	return 0;
}

/* The bytes usable at p (what budgets charge), or 0 if p is not a live allocation. */
size_t
heapsize(Heap *h, void *p)
{
	Where w;

	if(p == nil || lookup(h, p, &w) < 0)
		return 0;
	if(w.kind == TSLAB)
		return h->cache[w.ci].size;
	return (size_t)HEAPPGSIZE << w.order;
}

void
heapstats(Heap *h, Heapstats *s)
{
	int i;

	memset(s, 0, sizeof *s);
	s->bytes = h->bytes;
	s->pages = h->pages;
	s->nlarge = h->nlarge;
	s->largepages = h->largepages;
	s->badfree = h->badfree;
	for(i = 0; i < NHEAPCACHE; i++){
		s->slabs += h->cache[i].nslab;
		s->objects += h->cache[i].inuse;
	}
}

/* Set bits in used; by hand, since __builtin_popcountll needs libgcc in the kernel. */
static u32int
popcount(Slab *s)
{
	u32int n, w;
	u64int x;

	n = 0;
	for(w = 0; w < nelem(s->used); w++)
		for(x = s->used[w]; x != 0; x &= x - 1)
			n++;
	return n;
}

static int
checkslab(Heap *h, int ci, Slab *s)
{
	Heapcache *c;

	c = &h->cache[ci];
	if(((uintptr)s & (HEAPPGSIZE - 1)) != 0 || s->magic != SLABMAGIC || s->heap != h || s->cache != ci)
		return -1;
	if(h->src.gettag(h->src.arg, s) != TAG(TSLAB, ci))
		return -1;
	if(s->nfree > c->nobj || popcount(s) != MAXSLABOBJ - (u32int)s->nfree)
		return -1;
	return 0;
}

/*
 * Check the invariants in alloc.h and above on every slab reachable from
 * the caches, and that the counts add up. Returns 0 or -1. For tests and
 * debug builds.
 */
int
heapcheck(Heap *h)
{
	Heapcache *c;
	Slab *s, *prev;
	u64int bytes, pages, n;
	int i;

	bytes = h->largepages * HEAPPGSIZE;
	pages = h->largepages;
	for(i = 0; i < NHEAPCACHE; i++){
		c = &h->cache[i];
		n = 0;
		prev = nil;
		for(s = c->partial; s != nil; s = s->next){
			if(n++ >= c->nslab || s->prev != prev || checkslab(h, i, s) < 0)
				return -1;
			if(s->nfree == 0 || s->nfree >= c->nobj)
				return -1;
			prev = s;
		}
		if(c->spare != nil && (checkslab(h, i, c->spare) < 0 || c->spare->nfree != c->nobj))
			return -1;
		if(c->inuse > c->nslab * c->nobj)
			return -1;
		bytes += c->inuse * c->size;
		pages += c->nslab;
	}
	return bytes == h->bytes && pages == h->pages ? 0 : -1;
}
