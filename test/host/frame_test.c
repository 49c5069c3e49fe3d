/*
 * frame_test.c - host tests for the buddy frame allocator and memclean
 * (kernel/port/frame.c).
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "u.h"
#include "frame.h"

#define MiB	(1024ULL * 1024)
#define GiB	(1024ULL * MiB)
#define PG	((u64int)FRAMESIZE)

typedef struct Fixture Fixture;
struct Fixture {
	Frames	f;
	Page	*pages;
	u64int	npage;
};

static Fixture*
mkfixture(u64int npage)
{
	Fixture *x;

	x = calloc(1, sizeof *x);
	assert_non_null(x);
	x->pages = calloc(npage ? npage : 1, sizeof(Page));
	assert_non_null(x->pages);
	x->npage = npage;
	framesinit(&x->f, x->pages, npage);
	return x;
}

static void
freefixture(Fixture *x)
{
	free(x->pages);
	free(x);
}

/* A copy of the whole allocator state, to prove a refused call changed nothing. */
typedef struct Snap Snap;
struct Snap {
	Frames	f;
	Page	*pages;
};

static Snap
snap(Fixture *x)
{
	Snap s;

	s.f = x->f;
	s.pages = malloc(x->npage * sizeof(Page));
	assert_non_null(s.pages);
	memcpy(s.pages, x->pages, x->npage * sizeof(Page));
	return s;
}

static void
assert_unchanged(Fixture *x, Snap *s)
{
	assert_memory_equal(&s->f, &x->f, sizeof(Frames));
	assert_memory_equal(s->pages, x->pages, x->npage * sizeof(Page));
	free(s->pages);
}

static int
cmpu64(const void *a, const void *b)
{
	u64int x = *(const u64int *)a, y = *(const u64int *)b;

	return (x > y) - (x < y);
}

/* Xorshift: deterministic so a failure reproduces. */
static u64int
rnd(u64int *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static void
page_record_fits_in_48_bytes(void **state)
{
	(void)state;
	assert_true(sizeof(Page) <= 48);
}

static void
frames_start_reserved_until_ram_is_donated(void **state)
{
	Fixture *x;
	u64int pa;

	(void)state;
	x = mkfixture(64);
	assert_int_equal(framesnfree(&x->f), 0);
	assert_int_equal(framealloc(&x->f, 0, &pa), -1);
	for(u64int i = 0; i < 64; i++)
		assert_int_equal(x->pages[i].state, PRESERVED);
	assert_int_equal(framescheck(&x->f), 0);
	freefixture(x);
}

static void
every_frame_is_handed_out_exactly_once(void **state)
{
	Fixture *x;
	u64int *got, pa, n, i;

	(void)state;
	x = mkfixture(4096);
	assert_int_equal(framesaddfree(&x->f, 0, 4096 * PG), 4096);
	assert_int_equal(framesnfree(&x->f), 4096);
	got = calloc(4096 + 1, sizeof *got);
	for(n = 0; framealloc(&x->f, 0, &pa) == 0; n++){
		assert_true(n < 4096);
		got[n] = pa;
		assert_int_equal(x->pages[pa / PG].state, PKERNEL);
	}
	assert_int_equal(n, 4096);
	assert_int_equal(framesnfree(&x->f), 0);
	qsort(got, n, sizeof *got, cmpu64);
	for(i = 0; i < n; i++)
		assert_int_equal(got[i], i * PG);	/* all distinct, all covered */
	assert_int_equal(framescheck(&x->f), 0);
	free(got);
	freefixture(x);
}

static void
freeing_everything_restores_count_and_merges_buddies(void **state)
{
	Fixture *x;
	u64int *got, pa, n, i, j, t, seed;

	(void)state;
	x = mkfixture(4096);	/* 16 MiB: four 4 MiB blocks */
	framesaddfree(&x->f, 0, 4096 * PG);
	assert_int_equal(x->f.nblock[FRAMEMAXORDER], 4);
	got = calloc(4096, sizeof *got);
	for(n = 0; framealloc(&x->f, 0, &pa) == 0; n++)
		got[n] = pa;
	seed = 12345;
	for(i = n - 1; i > 0; i--){	/* free in a shuffled order */
		j = rnd(&seed) % (i + 1);
		t = got[i]; got[i] = got[j]; got[j] = t;
	}
	for(i = 0; i < n; i++)
		assert_int_equal(framefree(&x->f, got[i], 0), 0);
	assert_int_equal(framesnfree(&x->f), 4096);
	assert_int_equal(x->f.nblock[FRAMEMAXORDER], 4);
	for(int k = 0; k < FRAMEMAXORDER; k++)
		assert_int_equal(x->f.nblock[k], 0);
	assert_int_equal(framescheck(&x->f), 0);
	free(got);
	freefixture(x);
}

static void
double_free_is_refused_and_changes_nothing(void **state)
{
	Fixture *x;
	u64int a, b;
	Snap s;

	(void)state;
	x = mkfixture(64);
	framesaddfree(&x->f, 0, 64 * PG);
	assert_int_equal(framealloc(&x->f, 0, &a), 0);
	assert_int_equal(framealloc(&x->f, 0, &b), 0);
	assert_int_equal(framefree(&x->f, a, 0), 0);
	s = snap(x);
	assert_int_equal(framefree(&x->f, a, 0), -1);
	assert_unchanged(x, &s);
	assert_int_equal(framescheck(&x->f), 0);
	freefixture(x);
}

static void
wrong_order_free_is_refused_and_changes_nothing(void **state)
{
	Fixture *x;
	u64int a;
	Snap s;

	(void)state;
	x = mkfixture(64);
	framesaddfree(&x->f, 0, 64 * PG);
	assert_int_equal(framealloc(&x->f, 2, &a), 0);
	s = snap(x);
	assert_int_equal(framefree(&x->f, a, 1), -1);
	assert_int_equal(framefree(&x->f, a, 3), -1);
	assert_int_equal(framefree(&x->f, a, 0), -1);
	assert_int_equal(framefree(&x->f, a, -1), -1);
	assert_int_equal(framefree(&x->f, a, FRAMEMAXORDER + 1), -1);
	assert_unchanged(x, &s);
	assert_int_equal(framefree(&x->f, a, 2), 0);
	assert_int_equal(framesnfree(&x->f), 64);
	freefixture(x);
}

static void
misaligned_interior_and_foreign_frees_are_refused(void **state)
{
	Fixture *x;
	u64int a;
	Snap s;

	(void)state;
	x = mkfixture(60);
	framesaddfree(&x->f, 8 * PG, 52 * PG);	/* frames 0..7 stay reserved */
	assert_int_equal(framealloc(&x->f, 2, &a), 0);
	s = snap(x);
	assert_int_equal(framefree(&x->f, a + 1, 2), -1);	/* not page aligned */
	assert_int_equal(framefree(&x->f, a + PG, 2), -1);	/* not order aligned */
	assert_int_equal(framefree(&x->f, a + PG, 0), -1);	/* tail frame of the block */
	assert_int_equal(framefree(&x->f, 0, 0), -1);		/* reserved frame */
	assert_int_equal(framefree(&x->f, 60 * PG, 0), -1);	/* past the array */
	assert_int_equal(framefree(&x->f, ~0ULL & ~(PG - 1), 0), -1);
	assert_int_equal(framefree(&x->f, 48 * PG, 4), -1);	/* block would run past the end */
	assert_unchanged(x, &s);
	freefixture(x);
}

static void
lent_frames_cannot_be_freed(void **state)
{
	Fixture *x;
	u64int a;
	Snap s;

	(void)state;
	x = mkfixture(16);
	framesaddfree(&x->f, 0, 16 * PG);
	assert_int_equal(framealloc(&x->f, 0, &a), 0);
	pa2page(&x->f, a)->borrow = BMUT;
	s = snap(x);
	assert_int_equal(framefree(&x->f, a, 0), -1);
	assert_unchanged(x, &s);
	pa2page(&x->f, a)->borrow = BSHARED;
	pa2page(&x->f, a)->ref = 2;
	assert_int_equal(framefree(&x->f, a, 0), -1);
	pa2page(&x->f, a)->borrow = BOWNED;
	pa2page(&x->f, a)->ref = 0;
	assert_int_equal(framefree(&x->f, a, 0), 0);
	freefixture(x);
}

static void
freed_frames_lose_owner_and_heap_tag(void **state)
{
	Fixture *x;
	u64int a;
	int dummy;

	(void)state;
	x = mkfixture(16);
	framesaddfree(&x->f, 0, 16 * PG);
	assert_int_equal(framealloc(&x->f, 1, &a), 0);
	pa2page(&x->f, a)->state = PUSER;
	pa2page(&x->f, a)->owner = &dummy;
	pa2page(&x->f, a + PG)->state = PUSER;
	pa2page(&x->f, a + PG)->heaptag = 77;
	assert_int_equal(framefree(&x->f, a, 1), 0);
	assert_null(pa2page(&x->f, a)->owner);
	assert_int_equal(pa2page(&x->f, a + PG)->heaptag, 0);
	assert_int_equal(framescheck(&x->f), 0);
	/* reallocation hands out clean records */
	assert_int_equal(framealloc(&x->f, 1, &a), 0);
	assert_int_equal(pa2page(&x->f, a)->state, PKERNEL);
	assert_null(pa2page(&x->f, a)->owner);
	freefixture(x);
}

static void
higher_order_blocks_are_aligned_to_their_size(void **state)
{
	Fixture *x;
	u64int pa, seed;
	int order;

	(void)state;
	x = mkfixture(8192);
	framesaddfree(&x->f, 3 * PG, 8000 * PG);	/* deliberately odd start */
	seed = 99;
	for(int i = 0; i < 200; i++){
		order = rnd(&seed) % (FRAMEMAXORDER + 1);
		if(framealloc(&x->f, order, &pa) < 0)
			continue;
		assert_int_equal(pa % (PG << order), 0);
		assert_true(pa >= 3 * PG && pa + (PG << order) <= 8003 * PG);
		assert_int_equal(pa2page(&x->f, pa)->order, order);
		assert_true(pa2page(&x->f, pa)->flags & PGHEAD);
	}
	assert_int_equal(framescheck(&x->f), 0);
	freefixture(x);
}

static void
allocation_with_holes_uses_only_donated_ranges(void **state)
{
	static const struct { u64int base, len; } ram[] = {
		{ 1 * PG, 5 * PG },
		{ 100 * PG, 37 * PG },
		{ 512 * PG, 1024 * PG },
		{ 2000 * PG, 1 * PG },
	};
	Fixture *x;
	u64int pa, n, total;
	u8int *seen;
	size_t r;
	int in;

	(void)state;
	x = mkfixture(4096);
	total = 0;
	for(r = 0; r < nelem(ram); r++)
		total += framesaddfree(&x->f, ram[r].base, ram[r].len);
	assert_int_equal(total, 5 + 37 + 1024 + 1);
	assert_int_equal(framesnfree(&x->f), total);
	seen = calloc(4096, 1);
	for(n = 0; framealloc(&x->f, 0, &pa) == 0; n++){
		in = 0;
		for(r = 0; r < nelem(ram); r++)
			in |= pa >= ram[r].base && pa < ram[r].base + ram[r].len;
		assert_true(in);
		assert_int_equal(seen[pa / PG], 0);
		seen[pa / PG] = 1;
	}
	assert_int_equal(n, total);
	free(seen);
	freefixture(x);
}

static void
unaligned_ranges_drop_partial_frames(void **state)
{
	Fixture *x;

	(void)state;
	x = mkfixture(64);
	/* [0x1800, 0x5400): only frames 2,3,4 are whole */
	assert_int_equal(framesaddfree(&x->f, 0x1800, 0x5400 - 0x1800), 3);
	assert_int_equal(x->pages[1].state, PRESERVED);
	assert_int_equal(x->pages[2].state, PFREE);
	assert_int_equal(x->pages[4].state, PFREE);
	assert_int_equal(x->pages[5].state, PRESERVED);
	/* less than a frame, and a frame-sized range straddling two frames */
	assert_int_equal(framesaddfree(&x->f, 10 * PG + 1, PG - 2), 0);
	assert_int_equal(framesaddfree(&x->f, 10 * PG + 1, PG), 0);
	assert_int_equal(framesaddfree(&x->f, 10 * PG, 0), 0);
	assert_int_equal(framesnfree(&x->f), 3);
	assert_int_equal(framescheck(&x->f), 0);
	freefixture(x);
}

static void
donation_is_clamped_to_the_array_and_counted_once(void **state)
{
	Fixture *x;
	u64int a;

	(void)state;
	x = mkfixture(40);
	assert_int_equal(framesaddfree(&x->f, 0, 1 * GiB), 40);
	assert_int_equal(framesaddfree(&x->f, 0, 1 * GiB), 0);
	assert_int_equal(framesaddfree(&x->f, ~0ULL - 10, 100), 0);	/* wraps, all past the array */
	assert_int_equal(framealloc(&x->f, 0, &a), 0);
	assert_int_equal(framesaddfree(&x->f, a, PG), 0);	/* allocated: not stolen */
	assert_int_equal(framesnfree(&x->f), 39);
	/* 40 frames: a block of 32 and one of 8 */
	assert_int_equal(framefree(&x->f, a, 0), 0);
	assert_int_equal(x->f.nblock[5], 1);
	assert_int_equal(x->f.nblock[3], 1);
	assert_int_equal(framescheck(&x->f), 0);
	freefixture(x);
	x = mkfixture(40);
	assert_int_equal(framesaddfree(&x->f, PG, ~0ULL), 39);	/* wraps: taken as up to the top */
	freefixture(x);
}

static void
out_of_memory_returns_minus_one_and_changes_nothing(void **state)
{
	Fixture *x;
	u64int a, b;
	Snap s;

	(void)state;
	x = mkfixture(16);
	framesaddfree(&x->f, 0, 16 * PG);
	assert_int_equal(framealloc(&x->f, 3, &a), 0);
	assert_int_equal(framealloc(&x->f, 0, &b), 0);
	/* 7 frames free, but no 8 contiguous */
	s = snap(x);
	assert_int_equal(framealloc(&x->f, 3, &a), -1);
	assert_int_equal(framealloc(&x->f, 4, &a), -1);
	assert_int_equal(framealloc(&x->f, -1, &a), -1);
	assert_int_equal(framealloc(&x->f, FRAMEMAXORDER + 1, &a), -1);
	assert_int_equal(framealloc(&x->f, 0, nil), -1);
	assert_unchanged(x, &s);
	assert_int_equal(framealloc(&x->f, 2, &a), 0);
	assert_int_equal(framesnfree(&x->f), 3);
	freefixture(x);
}

static void
pa2page_and_page2pa_are_inverse_and_bounded(void **state)
{
	Fixture *x;
	Page p;

	(void)state;
	x = mkfixture(32);
	for(u64int i = 0; i < 32; i++){
		assert_ptr_equal(pa2page(&x->f, i * PG + 123), &x->pages[i]);
		assert_int_equal(page2pa(&x->f, &x->pages[i]), i * PG);
	}
	assert_null(pa2page(&x->f, 32 * PG));
	assert_null(pa2page(&x->f, ~0ULL));
	assert_int_equal(page2pa(&x->f, &p), ~0ULL);
	assert_int_equal(page2pa(&x->f, (Page *)((char *)x->pages + 1)), ~0ULL);
	freefixture(x);
}

static void
framescheck_notices_corruption(void **state)
{
	Fixture *x;
	u64int a;

	(void)state;
	x = mkfixture(16);
	framesaddfree(&x->f, 0, 16 * PG);
	assert_int_equal(framealloc(&x->f, 0, &a), 0);
	assert_int_equal(framescheck(&x->f), 0);
	x->f.nfree++;
	assert_int_equal(framescheck(&x->f), -1);
	x->f.nfree--;
	x->pages[a / PG].flags = 0;	/* allocated frame with no head */
	assert_int_equal(framescheck(&x->f), -1);
	freefixture(x);
}

/* Random alloc/free against a plain per-frame model. */
typedef struct Blk Blk;
struct Blk {
	u64int	pa;
	int	order;
};

static void
stress(u64int seed, u64int npage, int donate_holes)
{
	Fixture *x;
	u8int *model;
	Blk *live;
	u64int nlive, pa, i, j, donated, k;
	int order, op;
	Snap s;

	x = mkfixture(npage);
	model = calloc(npage, 1);	/* 0 reserved, 1 free, 2 allocated */
	live = calloc(npage, sizeof *live);
	donated = 0;
	for(i = 0; i < npage; i += j){
		j = 1 + rnd(&seed) % 300;
		if(j > npage - i)
			j = npage - i;
		if(donate_holes && rnd(&seed) % 4 == 0)
			continue;
		donated += framesaddfree(&x->f, i * PG, j * PG);
		memset(model + i, 1, j);
	}
	assert_int_equal(framesnfree(&x->f), donated);
	nlive = 0;
	for(int step = 0; step < 20000; step++){
		op = rnd(&seed) % 16;
		if(op < 8 || nlive == 0){
			order = rnd(&seed) % 4 == 0 ? rnd(&seed) % (FRAMEMAXORDER + 1) : rnd(&seed) % 3;
			if(framealloc(&x->f, order, &pa) < 0)
				continue;
			assert_int_equal(pa % (PG << order), 0);
			for(k = pa / PG; k < pa / PG + (1ULL << order); k++){
				assert_int_equal(model[k], 1);
				model[k] = 2;
			}
			live[nlive].pa = pa;
			live[nlive++].order = order;
		}else if(op < 15){
			i = rnd(&seed) % nlive;
			assert_int_equal(framefree(&x->f, live[i].pa, live[i].order), 0);
			for(k = live[i].pa / PG; k < live[i].pa / PG + (1ULL << live[i].order); k++)
				model[k] = 1;
			/* the same free again must now fail; a full comparison now and then */
			if(step % 16 == 0){
				s = snap(x);
				assert_int_equal(framefree(&x->f, live[i].pa, live[i].order), -1);
				assert_unchanged(x, &s);
			}else{
				k = framesnfree(&x->f);
				assert_int_equal(framefree(&x->f, live[i].pa, live[i].order), -1);
				assert_int_equal(framesnfree(&x->f), k);
			}
			live[i] = live[--nlive];
		}else{
			assert_int_equal(framescheck(&x->f), 0);
		}
	}
	k = 0;
	for(i = 0; i < npage; i++)
		k += model[i] == 1;
	assert_int_equal(framesnfree(&x->f), k);
	for(i = 0; i < nlive; i++)
		assert_int_equal(framefree(&x->f, live[i].pa, live[i].order), 0);
	assert_int_equal(framesnfree(&x->f), donated);
	assert_int_equal(framescheck(&x->f), 0);
	free(model);
	free(live);
	freefixture(x);
}

static void
random_alloc_free_matches_a_frame_model(void **state)
{
	(void)state;
	stress(1, 4096, 0);
	stress(2, 5000, 1);
	stress(3, 3333, 1);
}

/* ---- memclean ---- */

static int
clean(const Memrange *in, int nin, const Memrange *resv, int nresv, Memrange *out, int maxout)
{
	int n;

	n = memclean(in, nin, resv, nresv, out, maxout);
	for(int i = 0; i < n && i < maxout; i++){
		assert_int_equal(out[i].base % PG, 0);
		assert_int_equal(out[i].len % PG, 0);
		assert_true(out[i].len > 0);
		assert_int_equal(out[i].type, MEMUSABLE);
		if(i > 0)
			assert_true(out[i - 1].base + out[i - 1].len < out[i].base);
	}
	return n;
}

#define assert_range(r, b, l) do { assert_int_equal((r).base, (b)); assert_int_equal((r).len, (l)); } while(0)

static void
memclean_merges_overlapping_and_adjacent_usable_entries(void **state)
{
	Memrange in[] = {
		{ 0x100000, 0x200000, MEMUSABLE },
		{ 0x200000, 0x200000, MEMUSABLE },	/* overlaps the first */
		{ 0x400000, 0x100000, MEMUSABLE },	/* adjacent */
	};
	Memrange out[8];

	(void)state;
	assert_int_equal(clean(in, 3, nil, 0, out, 8), 1);
	assert_range(out[0], 0x100000, 0x400000);
}

static void
memclean_sorts_unsorted_entries(void **state)
{
	Memrange in[] = {
		{ 0x900000, 0x1000, MEMUSABLE },
		{ 0x100000, 0x1000, MEMUSABLE },
		{ 0x500000, 0x1000, MEMUSABLE },
	};
	Memrange out[8];

	(void)state;
	assert_int_equal(clean(in, 3, nil, 0, out, 8), 3);
	assert_range(out[0], 0x100000, 0x1000);
	assert_range(out[1], 0x500000, 0x1000);
	assert_range(out[2], 0x900000, 0x1000);
}

static void
memclean_ignores_zero_length_entries(void **state)
{
	Memrange in[] = {
		{ 0x100000, 0, MEMUSABLE },
		{ 0x200000, 0x2000, MEMUSABLE },
		{ 0x201000, 0, MEMRESERVED },
	};
	Memrange resv[] = { { 0x200000, 0, 0 } };
	Memrange out[8];

	(void)state;
	assert_int_equal(clean(in, 3, resv, 1, out, 8), 1);
	assert_range(out[0], 0x200000, 0x2000);
	assert_int_equal(clean(in, 1, nil, 0, out, 8), 0);
	assert_int_equal(clean(in, 0, nil, 0, out, 8), 0);
}

static void
memclean_cuts_reserved_ranges_out_of_the_middle(void **state)
{
	Memrange in[] = { { 0, 0x8000000, MEMUSABLE } };
	Memrange resv[] = {
		{ 0, 0x100000, 0 },		/* first MiB */
		{ 0x100000, 0x123456, 0 },	/* kernel image, unaligned end */
		{ 0x400800, 0x100, 0 },		/* multiboot info inside a frame */
	};
	Memrange out[8];

	(void)state;
	assert_int_equal(clean(in, 1, resv, 3, out, 8), 2);
	assert_range(out[0], 0x224000, 0x400000 - 0x224000);
	assert_range(out[1], 0x401000, 0x8000000 - 0x401000);
}

static void
memclean_lets_any_unusable_entry_win_an_overlap(void **state)
{
	Memrange in[] = {
		{ 0x100000, 0x400000, MEMUSABLE },
		{ 0x200000, 0x1000, MEMACPI },
		{ 0x4ff000, 0x2000, MEMRESERVED },	/* overlaps the end */
		{ 0x300000, 0x1000, MEMUSABLE },	/* usable again inside: still usable */
	};
	Memrange out[8];

	(void)state;
	assert_int_equal(clean(in, 4, nil, 0, out, 8), 2);
	assert_range(out[0], 0x100000, 0x100000);
	assert_range(out[1], 0x201000, 0x4ff000 - 0x201000);
}

static void
memclean_keeps_ram_above_4gib_and_saturates_at_the_top(void **state)
{
	Memrange in[] = {
		{ 0x100000, 0xbff00000, MEMUSABLE },
		{ 0xc0000000, 0x40000000, MEMRESERVED },	/* PCI hole */
		{ 4 * GiB, 4 * GiB, MEMUSABLE },
		{ ~0ULL - 0x10fff, 0x100000, MEMUSABLE },	/* wraps past 2^64 */
	};
	Memrange resv[] = { { 6 * GiB, PG, 0 } };
	Memrange out[8];

	(void)state;
	assert_int_equal(clean(in, 4, resv, 1, out, 8), 4);
	assert_range(out[0], 0x100000, 0xbff00000);
	assert_range(out[1], 4 * GiB, 2 * GiB);
	assert_range(out[2], 6 * GiB + PG, 2 * GiB - PG);
	assert_range(out[3], ~0ULL - 0x10fff, 0x10000);	/* last partial frame dropped */
}

static void
memclean_merges_split_frames_before_rounding(void **state)
{
	Memrange in[] = {
		{ 0x10000, 0x800, MEMUSABLE },
		{ 0x10800, 0x1800, MEMUSABLE },	/* together exactly two frames */
		{ 0x20800, 0x1000, MEMUSABLE },	/* one frame's worth, but no whole frame */
	};
	Memrange out[8];

	(void)state;
	assert_int_equal(clean(in, 3, nil, 0, out, 8), 1);
	assert_range(out[0], 0x10000, 0x2000);
}

static void
memclean_reports_the_count_when_out_is_too_small(void **state)
{
	Memrange in[] = {
		{ 0x100000, 0x1000, MEMUSABLE },
		{ 0x300000, 0x1000, MEMUSABLE },
		{ 0x500000, 0x1000, MEMUSABLE },
	};
	Memrange out[3] = { { 0, 0, 0 }, { 0, 0, 0 }, { 7, 7, 7 } };

	(void)state;
	assert_int_equal(memclean(in, 3, nil, 0, out, 2), 3);
	assert_range(out[0], 0x100000, 0x1000);
	assert_range(out[1], 0x300000, 0x1000);
	assert_range(out[2], 7, 7);	/* not written */
	assert_int_equal(memclean(in, 3, nil, 0, nil, 0), 3);
	assert_int_equal(memclean(in, -1, nil, 0, out, 2), -1);
}

/* Random maps over a small space, compared with a byte-by-byte model. */
static void
memclean_matches_a_byte_model_on_random_maps(void **state)
{
	enum { SPACE = 64 * 4096, GRAIN = 512, NIN = 10, NRESV = 4 };
	static u8int ok[SPACE];
	Memrange in[NIN], resv[NRESV], out[64];
	u64int seed, f, b;
	int n, i, j, whole;

	(void)state;
	seed = 777;
	for(int trial = 0; trial < 300; trial++){
		for(i = 0; i < NIN; i++){
			in[i].base = rnd(&seed) % (SPACE / GRAIN) * GRAIN;
			in[i].len = rnd(&seed) % (SPACE / GRAIN / 3) * GRAIN;
			if(in[i].base + in[i].len > SPACE)
				in[i].len = SPACE - in[i].base;
			in[i].type = rnd(&seed) % 3 == 0 ? 1 + rnd(&seed) % 5 : MEMUSABLE;
		}
		for(i = 0; i < NRESV; i++){
			resv[i].base = rnd(&seed) % (SPACE / GRAIN) * GRAIN;
			resv[i].len = rnd(&seed) % 8 * GRAIN;
			if(resv[i].base + resv[i].len > SPACE)
				resv[i].len = SPACE - resv[i].base;
			resv[i].type = 0;
		}
		/* model: a byte is usable if usable somewhere, unusable nowhere */
		memset(ok, 0, sizeof ok);
		for(i = 0; i < NIN; i++)
			if(in[i].type == MEMUSABLE)
				memset(ok + in[i].base, 1, in[i].len);
		for(i = 0; i < NIN; i++)
			if(in[i].type != MEMUSABLE)
				memset(ok + in[i].base, 0, in[i].len);
		for(i = 0; i < NRESV; i++)
			memset(ok + resv[i].base, 0, resv[i].len);
		n = clean(in, NIN, resv, NRESV, out, nelem(out));
		assert_true(n <= (int)nelem(out));
		/* a frame is in the output exactly when all its bytes are usable */
		for(f = 0; f < SPACE / PG; f++){
			whole = 1;
			for(b = 0; b < PG; b++)
				whole &= ok[f * PG + b];
			for(j = 0; j < n; j++)
				if(f * PG >= out[j].base && f * PG < out[j].base + out[j].len)
					break;
			if(whole != (j < n))
				fail_msg("trial %d frame %llu: model says %d", trial, (unsigned long long)f, whole);
		}
	}
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(page_record_fits_in_48_bytes),
		cmocka_unit_test(frames_start_reserved_until_ram_is_donated),
		cmocka_unit_test(every_frame_is_handed_out_exactly_once),
		cmocka_unit_test(freeing_everything_restores_count_and_merges_buddies),
		cmocka_unit_test(double_free_is_refused_and_changes_nothing),
		cmocka_unit_test(wrong_order_free_is_refused_and_changes_nothing),
		cmocka_unit_test(misaligned_interior_and_foreign_frees_are_refused),
		cmocka_unit_test(lent_frames_cannot_be_freed),
		cmocka_unit_test(freed_frames_lose_owner_and_heap_tag),
		cmocka_unit_test(higher_order_blocks_are_aligned_to_their_size),
		cmocka_unit_test(allocation_with_holes_uses_only_donated_ranges),
		cmocka_unit_test(unaligned_ranges_drop_partial_frames),
		cmocka_unit_test(donation_is_clamped_to_the_array_and_counted_once),
		cmocka_unit_test(out_of_memory_returns_minus_one_and_changes_nothing),
		cmocka_unit_test(pa2page_and_page2pa_are_inverse_and_bounded),
		cmocka_unit_test(framescheck_notices_corruption),
		cmocka_unit_test(random_alloc_free_matches_a_frame_model),
		cmocka_unit_test(memclean_merges_overlapping_and_adjacent_usable_entries),
		cmocka_unit_test(memclean_sorts_unsorted_entries),
		cmocka_unit_test(memclean_ignores_zero_length_entries),
		cmocka_unit_test(memclean_cuts_reserved_ranges_out_of_the_middle),
		cmocka_unit_test(memclean_lets_any_unusable_entry_win_an_overlap),
		cmocka_unit_test(memclean_keeps_ram_above_4gib_and_saturates_at_the_top),
		cmocka_unit_test(memclean_merges_split_frames_before_rounding),
		cmocka_unit_test(memclean_reports_the_count_when_out_is_too_small),
		cmocka_unit_test(memclean_matches_a_byte_model_on_random_maps),
	};

	return cmocka_run_group_tests_name("frame", tests, nil, nil);
}
