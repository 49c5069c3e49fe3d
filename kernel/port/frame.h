/*
 * frame.h - the physical frame allocator and the firmware memory map cleaner.
 *
 * Every 4 KiB frame of physical memory has a Page record, kept in one array
 * indexed by frame number (frame i is at physical address i*FRAMESIZE).
 * Free frames are handed out by a binary buddy allocator in blocks of
 * 2^order frames, order 0..FRAMEMAXORDER (4 MiB contiguous, for DMA).
 *
 * The code is pure logic: the kernel supplies the Page array and decides
 * which RAM to donate. There are no locks here; the kernel serialises all
 * calls on one Frames with its own lock.
 */
#ifndef LUX9_FRAME_H
#define LUX9_FRAME_H

#include "u.h"

enum {
	FRAMESHIFT = 12,
	FRAMESIZE = 1 << FRAMESHIFT,
	FRAMEMAXORDER = 10,	/* largest block: 2^10 frames = 4 MiB */
};

/* Page.state: what a frame is used for. */
enum {
	PFREE,		/* in a free block of the buddy allocator */
	PRESERVED,	/* not RAM, or RAM never donated: never handed out */
	PKERNEL,	/* allocated; framealloc's default use (page tables, stacks, ...) */
	PHEAP,		/* allocated to the kernel heap; heaptag is the heap's */
	PUSER,		/* allocated to a process; owner is the budget charged */
	PNSTATE,
};

/* Page.flags */
enum {
	PGHEAD = 1 << 0,	/* first frame of a block (free or allocated); order is valid */
};

/*
 * Page.borrow: the borrow checker's state for an allocated frame.
 * Exchange pages move or are lent between processes; the owner cannot
 * free or touch a page while it is lent out.
 */
enum {
	BOWNED,		/* exclusively owned by whoever allocated it (also: free frames) */
	BSHARED,	/* lent read-only; ref counts the outstanding shared loans */
	BMUT,		/* lent mutably (&mut) to one borrower; owner locked out */
	BNSTATE,
};

typedef struct Page Page;
typedef struct Frames Frames;
typedef struct Memrange Memrange;

/*
 * One per frame. Invariants:
 *	state describes every frame of a block, not just its head;
 *	PGHEAD is set exactly on the first frame of each free or allocated block,
 *	and order is that block's order (0 on all other frames);
 *	a free block of order k starts at a frame number that is a multiple of 2^k;
 *	next/prev link free block heads on Frames.free[order]; allocated pages
 *	may reuse them for their owner's lists; nil when on no list;
 *	owner, heaptag and ref are 0 on free and reserved frames,
 *	borrow is BOWNED on them.
 */
struct Page {
	Page	*next;
	Page	*prev;
	void	*owner;		/* PUSER: the Budget charged for this frame */
	uintptr	heaptag;	/* PHEAP: a word the heap keeps per page (alloc.c) */
	u32int	ref;		/* BSHARED: number of outstanding shared loans */
	u8int	state;		/* PFREE, PRESERVED, ... */
	u8int	order;		/* on PGHEAD frames: log2 of the block's frames */
	u8int	flags;		/* PGHEAD */
	u8int	borrow;		/* BOWNED, BSHARED, BMUT */
};

/*
 * The allocator. Invariants: free[k] lists exactly the PFREE heads of
 * order k; nblock[k] is that list's length; nfree is the sum over k of
 * nblock[k] << k; two buddies of order k < FRAMEMAXORDER are never both
 * free (they would have been merged).
 */
struct Frames {
	Page	*pages;		/* pages[i] describes frame i */
	u64int	npage;		/* frames described by pages[] */
	Page	*free[FRAMEMAXORDER + 1];	/* free block heads, doubly linked */
	u64int	nblock[FRAMEMAXORDER + 1];	/* blocks on free[k] */
	u64int	nfree;		/* free frames */
};

void	framesinit(Frames *f, Page *pages, u64int npage);
u64int	framesaddfree(Frames *f, u64int pa, u64int len);
int	framealloc(Frames *f, int order, u64int *pa);
int	framefree(Frames *f, u64int pa, int order);
u64int	framesnfree(Frames *f);
Page	*pa2page(Frames *f, u64int pa);
u64int	page2pa(Frames *f, Page *p);
int	framescheck(Frames *f);

/* Memrange.type: the Multiboot/E820 memory types; only MEMUSABLE is RAM to use. */
enum {
	MEMUSABLE = 1,
	MEMRESERVED = 2,
	MEMACPI = 3,	/* ACPI tables, reclaimable after parsing */
	MEMNVS = 4,
	MEMBAD = 5,
};

struct Memrange {
	u64int	base;
	u64int	len;
	u32int	type;
};

int	memclean(const Memrange *in, int nin, const Memrange *resv, int nresv,
		Memrange *out, int maxout);

#endif
