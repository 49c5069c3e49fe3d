/*
 * alloc_test.c - host tests for the kernel heap core (kernel/port/alloc.c),
 * over a page source built on aligned_alloc that checks how the heap uses it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>
#include <cmocka.h>

#include "u.h"
#include "alloc.h"

#define PG	((size_t)HEAPPGSIZE)

enum { MAXBLK = 8192, MAXTAG = 8192 };

/* The test page source: hands out aligned pages up to a limit and keeps the tags. */
typedef struct Src Src;
struct Src {
	u64int	limit;		/* pages it may still hand out */
	u64int	out;		/* pages outstanding */
	int	misalign;	/* hand out pages 16 bytes off, to test the check */
	struct { char *p; int order; } blk[MAXBLK];
	int	nblk;
	struct { uintptr page, tag; } tag[MAXTAG];
	int	ntag;
};

static void*
srcalloc(void *arg, int order)
{
	Src *s = arg;
	char *p;

	assert_true(order >= 0 && order <= HEAPMAXORDER);
	if(s->limit < (1ULL << order))
		return nil;
	p = aligned_alloc(PG, PG << order);
	assert_non_null(p);
	memset(p, 0x5a, PG << order);	/* not zero: the heap must not rely on it */
	if(s->misalign)
		p += 16;
	assert_true(s->nblk < MAXBLK);
	s->blk[s->nblk].p = p;
	s->blk[s->nblk++].order = order;
	s->limit -= 1ULL << order;
	s->out += 1ULL << order;
	return p;
}

static int
findtag(Src *s, uintptr page)
{
	for(int i = 0; i < s->ntag; i++)
		if(s->tag[i].page == page)
			return i;
	return -1;
}

static uintptr
srcgettag(void *arg, void *p)
{
	Src *s = arg;
	int i;

	assert_int_equal((uintptr)p % PG, 0);
	i = findtag(s, (uintptr)p);
	return i < 0 ? 0 : s->tag[i].tag;
}

static void
srcsettag(void *arg, void *p, uintptr tag)
{
	Src *s = arg;
	int i;

	assert_int_equal((uintptr)p % PG, 0);
	i = findtag(s, (uintptr)p);
	if(i >= 0)
		s->tag[i] = s->tag[--s->ntag];
	if(tag != 0){
		assert_true(s->ntag < MAXTAG);
		s->tag[s->ntag].page = (uintptr)p;
		s->tag[s->ntag++].tag = tag;
	}
}

static void
srcfree(void *arg, void *p, int order)
{
	Src *s = arg;
	int i;

	for(i = 0; i < s->nblk; i++)
		if(s->blk[i].p == p)
			break;
	if(i == s->nblk)
		fail_msg("heap freed %p, which the source never handed out", p);
	assert_int_equal(s->blk[i].order, order);
	if(!s->misalign)
		assert_int_equal(srcgettag(s, p), 0);	/* tags cleared before return */
	free((char *)p - (s->misalign ? 16 : 0));
	s->blk[i] = s->blk[--s->nblk];
	s->limit += 1ULL << order;
	s->out -= 1ULL << order;
}

typedef struct Fix Fix;
struct Fix {
	Src	src;
	Heapsrc	hs;
	Heap	heap;
};

static Fix*
mkfix(u64int limit)
{
	Fix *f;

	f = calloc(1, sizeof *f);
	assert_non_null(f);
	f->src.limit = limit;
	f->hs.pagealloc = srcalloc;
	f->hs.pagefree = srcfree;
	f->hs.settag = srcsettag;
	f->hs.gettag = srcgettag;
	f->hs.arg = &f->src;
	heapinit(&f->heap, &f->hs);
	return f;
}

static void
freefix(Fix *f)
{
	/* whatever the heap still holds (spares, blocks a test kept) */
	while(f->src.nblk > 0)
		free(f->src.blk[--f->src.nblk].p - (f->src.misalign ? 16 : 0));
	free(f);
}

static u64int
rnd(u64int *s)
{
	*s ^= *s << 13;
	*s ^= *s >> 7;
	*s ^= *s << 17;
	return *s;
}

static u8int
pat(void *p, size_t i)
{
	return (u8int)(((uintptr)p >> 4) * 131 + i * 7 + 1);
}

static void
fill(void *p, size_t n)
{
	for(size_t i = 0; i < n; i++)
		((u8int *)p)[i] = pat(p, i);
}

static void
verify(void *p, size_t n)
{
	for(size_t i = 0; i < n; i++)
		if(((u8int *)p)[i] != pat(p, i))
			fail_msg("block %p of %zu bytes: byte %zu overwritten", p, n, i);
}

static void
every_result_is_aligned_and_big_enough(void **state)
{
	static void *p[6000];
	Fix *f;
	size_t n;
	int k;

	(void)state;
	f = mkfix(100000);
	k = 0;
	for(n = 1; n <= 5000; n += 1 + n / 64){
		p[k] = heapalloc(&f->heap, n);
		assert_non_null(p[k]);
		assert_int_equal((uintptr)p[k] % HEAPALIGN, 0);
		if(n > 2016)
			assert_int_equal((uintptr)p[k] % PG, 0);
		assert_true(heapsize(&f->heap, p[k]) >= n);
		fill(p[k], n);
		k++;
	}
	k = 0;
	for(n = 1; n <= 5000; n += 1 + n / 64){
		verify(p[k], n);
		assert_int_equal(heapfree(&f->heap, p[k++]), 0);
	}
	assert_int_equal(heapcheck(&f->heap), 0);
	freefix(f);
}

static void
class_boundaries_pick_slab_or_pages(void **state)
{
	Fix *f;
	void *a, *b, *c;

	(void)state;
	f = mkfix(100);
	a = heapalloc(&f->heap, 2016);
	b = heapalloc(&f->heap, 2017);
	c = heapalloc(&f->heap, 4 * PG + 1);
	assert_int_equal(heapsize(&f->heap, a), 2016);
	assert_int_not_equal((uintptr)a % PG, 0);
	assert_int_equal(heapsize(&f->heap, b), PG);
	assert_int_equal(heapsize(&f->heap, c), 8 * PG);
	assert_int_equal(heapsize(&f->heap, heapalloc(&f->heap, 17)), 32);
	assert_int_equal(heapsize(&f->heap, heapalloc(&f->heap, 1)), 16);
	assert_int_equal(heapsize(&f->heap, heapalloc(&f->heap, 1025)), 1344);
	freefix(f);
}

typedef struct Live Live;
struct Live {
	void	*p;
	size_t	n;
};

static size_t
randsize(u64int *seed)
{
	switch(rnd(seed) % 10){
	case 0:
		return 1 + rnd(seed) % (64 * 1024);
	case 1:
		if(rnd(seed) % 20 == 0)
			return 1 + rnd(seed) % (PG << HEAPMAXORDER);
		/* fall through */
	default:
		return 1 + rnd(seed) % 2100;
	}
}

static void
random_sizes_keep_their_contents_and_all_pages_come_back(void **state)
{
	enum { NLIVE = 3000 };
	static Live live[NLIVE];
	Heapstats st;
	Fix *f;
	u64int seed;
	int nlive, i, spares;

	(void)state;
	f = mkfix(1 << 20);
	seed = 4242;
	nlive = 0;
	for(int step = 0; step < 30000; step++){
		if(nlive < NLIVE && (nlive == 0 || rnd(&seed) % 100 < 55)){
			live[nlive].n = randsize(&seed);
			live[nlive].p = heapalloc(&f->heap, live[nlive].n);
			assert_non_null(live[nlive].p);
			assert_int_equal((uintptr)live[nlive].p % HEAPALIGN, 0);
			fill(live[nlive].p, live[nlive].n);
			nlive++;
		}else{
			i = rnd(&seed) % nlive;
			verify(live[i].p, live[i].n);
			assert_int_equal(heapfree(&f->heap, live[i].p), 0);
			live[i] = live[--nlive];
		}
		if(step % 1000 == 0)
			assert_int_equal(heapcheck(&f->heap), 0);
	}
	for(i = 0; i < nlive; i++){
		verify(live[i].p, live[i].n);
		assert_int_equal(heapfree(&f->heap, live[i].p), 0);
	}
	heapstats(&f->heap, &st);
	assert_int_equal(st.bytes, 0);
	assert_int_equal(st.objects, 0);
	assert_int_equal(st.nlarge, 0);
	assert_int_equal(st.badfree, 0);
	spares = 0;
	for(i = 0; i < NHEAPCACHE; i++){
		assert_true(f->heap.cache[i].nslab <= 1);
		assert_null(f->heap.cache[i].partial);
		spares += f->heap.cache[i].spare != nil;
	}
	assert_int_equal(st.pages, spares);
	assert_int_equal(f->src.out, spares);	/* only the spare slabs are still held */
	assert_int_equal(heapcheck(&f->heap), 0);
	freefix(f);
}

static void
empty_slabs_beyond_one_spare_go_back_to_the_source(void **state)
{
	static void *p[1000];
	Fix *f;
	int i, per;

	(void)state;
	f = mkfix(1000);
	per = f->heap.cache[3].nobj;	/* 64-byte objects */
	for(i = 0; i < 5 * per; i++)
		assert_non_null(p[i] = heapalloc(&f->heap, 64));
	assert_int_equal(f->src.out, 5);
	assert_int_equal(f->heap.cache[3].nslab, 5);
	for(i = 0; i < 5 * per; i++)
		assert_int_equal(heapfree(&f->heap, p[i]), 0);
	assert_int_equal(f->src.out, 1);
	assert_int_equal(f->heap.cache[3].nslab, 1);
	assert_non_null(f->heap.cache[3].spare);
	/* the spare is reused before the source is asked again */
	assert_non_null(p[0] = heapalloc(&f->heap, 64));
	assert_int_equal(f->src.out, 1);
	assert_null(f->heap.cache[3].spare);
	freefix(f);
}

static void
double_free_is_detected_and_changes_nothing(void **state)
{
	Heapstats before, after;
	Fix *f;
	void *a, *b, *big;

	(void)state;
	f = mkfix(100);
	a = heapalloc(&f->heap, 100);
	b = heapalloc(&f->heap, 100);
	big = heapalloc(&f->heap, 3 * PG);
	fill(b, 100);
	assert_int_equal(heapfree(&f->heap, a), 0);
	assert_int_equal(heapfree(&f->heap, big), 0);
	heapstats(&f->heap, &before);
	assert_int_equal(heapfree(&f->heap, a), -1);
	assert_int_equal(heapfree(&f->heap, big), -1);
	heapstats(&f->heap, &after);
	assert_int_equal(after.badfree, before.badfree + 2);
	after.badfree = before.badfree;
	assert_memory_equal(&before, &after, sizeof before);
	verify(b, 100);
	assert_int_equal(heapsize(&f->heap, a), 0);
	assert_int_equal(heapcheck(&f->heap), 0);
	freefix(f);
}

static void
interior_pointers_are_refused(void **state)
{
	Heapstats before, after;
	Fix *f;
	char *a, *big, *slab;

	(void)state;
	f = mkfix(100);
	a = heapalloc(&f->heap, 64);
	big = heapalloc(&f->heap, 2 * PG);
	heapstats(&f->heap, &before);
	slab = (char *)((uintptr)a & ~(uintptr)(PG - 1));
	assert_int_equal(heapfree(&f->heap, a + 1), -1);
	assert_int_equal(heapfree(&f->heap, a + 16), -1);	/* 16-aligned, still inside */
	assert_int_equal(heapfree(&f->heap, a + 64), -1);	/* next object, never allocated */
	assert_int_equal(heapfree(&f->heap, slab), -1);	/* the slab header */
	assert_int_equal(heapfree(&f->heap, slab + 16), -1);
	assert_int_equal(heapfree(&f->heap, slab + PG - 16), -1);	/* slack past the last object */
	assert_int_equal(heapfree(&f->heap, big + 8), -1);
	assert_int_equal(heapfree(&f->heap, big + PG), -1);	/* second page of the block */
	heapstats(&f->heap, &after);
	assert_int_equal(after.badfree, 8);
	assert_int_equal(after.bytes, before.bytes);
	assert_int_equal(after.pages, before.pages);
	assert_int_equal(heapfree(&f->heap, a), 0);
	assert_int_equal(heapfree(&f->heap, big), 0);
	freefix(f);
}

static void
foreign_pointers_are_refused(void **state)
{
	Fix *f, *g;
	char *m, *raw, *theirs;
	int onstack;

	(void)state;
	f = mkfix(100);
	g = mkfix(100);
	m = malloc(64);
	assert_int_equal(heapfree(&f->heap, m), -1);
	assert_int_equal(heapfree(&f->heap, &onstack), -1);
	raw = srcalloc(&f->src, 0);	/* a page of the source the heap never had */
	assert_int_equal(heapfree(&f->heap, raw), -1);
	srcfree(&f->src, raw, 0);
	theirs = heapalloc(&g->heap, 64);
	fill(theirs, 64);
	/* g's slab page is not tagged in f's source: refused */
	assert_int_equal(heapfree(&f->heap, theirs), -1);
	verify(theirs, 64);
	assert_int_equal(heapfree(&g->heap, theirs), 0);
	free(m);
	freefix(f);
	freefix(g);
}

static void
a_heap_refuses_objects_of_another_heap_on_the_same_source(void **state)
{
	Fix *f;
	Heap *other;
	void *p;

	(void)state;
	f = mkfix(100);
	other = calloc(1, sizeof *other);
	heapinit(other, &f->hs);
	p = heapalloc(other, 48);
	assert_int_equal(heapfree(&f->heap, p), -1);
	assert_int_equal(heapsize(&f->heap, p), 0);
	assert_int_equal(heapfree(other, p), 0);
	free(other);
	freefix(f);
}

static void
zero_and_absurd_sizes_return_nil(void **state)
{
	Fix *f;
	void *p;

	(void)state;
	f = mkfix(1 << 20);
	assert_null(heapalloc(&f->heap, 0));
	assert_null(heapzalloc(&f->heap, 0));
	assert_null(heapalloc(&f->heap, (PG << HEAPMAXORDER) + 1));
	assert_null(heapalloc(&f->heap, SIZE_MAX));
	assert_null(heapalloc(&f->heap, SIZE_MAX / 2));
	assert_int_equal(f->src.out, 0);
	p = heapalloc(&f->heap, PG << HEAPMAXORDER);	/* the largest is fine */
	assert_non_null(p);
	assert_int_equal(heapfree(&f->heap, p), 0);
	assert_int_equal(heapfree(&f->heap, nil), 0);
	assert_int_equal(f->heap.badfree, 0);
	freefix(f);
}

static void
exhausted_source_gives_nil_and_recovers(void **state)
{
	static void *p[1000];
	Heapstats st;
	Fix *f;
	int n, per;

	(void)state;
	f = mkfix(10);
	per = f->heap.cache[3].nobj;
	for(n = 0; (p[n] = heapalloc(&f->heap, 64)) != nil; n++)
		assert_true(n < 999);
	assert_int_equal(n, 10 * per);
	assert_null(heapalloc(&f->heap, 16));	/* new class needs a page too */
	assert_null(heapalloc(&f->heap, 3 * PG));
	heapstats(&f->heap, &st);
	assert_int_equal(st.bytes, (u64int)n * 64);
	assert_int_equal(st.pages, 10);
	assert_int_equal(heapcheck(&f->heap), 0);
	assert_int_equal(heapfree(&f->heap, p[--n]), 0);
	assert_non_null(p[n++] = heapalloc(&f->heap, 64));
	while(n > 0)
		assert_int_equal(heapfree(&f->heap, p[--n]), 0);
	assert_non_null(heapalloc(&f->heap, 16));	/* the 64-byte spare does not block it */
	assert_int_equal(f->src.out, 2);
	freefix(f);
}

static void
misaligned_source_pages_are_refused(void **state)
{
	Fix *f;

	(void)state;
	f = mkfix(10);
	f->src.misalign = 1;
	assert_null(heapalloc(&f->heap, 32));
	assert_null(heapalloc(&f->heap, 5 * PG));
	assert_int_equal(f->src.out, 0);	/* given back */
	assert_int_equal(f->heap.pages, 0);
	freefix(f);
}

static void
freed_and_fresh_objects_are_poisoned_not_zeroed(void **state)
{
	Fix *f;
	u8int *a, *b, *c;
	size_t i;

	(void)state;
	f = mkfix(10);
	a = heapalloc(&f->heap, 200);	/* class 256 */
	for(i = 0; i < 256; i++)
		assert_int_equal(a[i], 0xdd);
	b = heapalloc(&f->heap, 200);
	memset(a, 0xab, 200);
	assert_int_equal(heapfree(&f->heap, a), 0);
	for(i = 0; i < 256; i++)
		if(a[i] != 0xdd)
			fail_msg("freed byte %zu is %#x, want 0xdd", i, a[i]);
	c = heapalloc(&f->heap, 200);
	assert_ptr_equal(c, a);	/* lowest free slot */
	assert_int_equal(c[0], 0xdd);
	memset(c, 0xab, 200);
	assert_int_equal(heapfree(&f->heap, c), 0);
	c = heapzalloc(&f->heap, 200);
	assert_ptr_equal(c, a);
	for(i = 0; i < 200; i++)
		assert_int_equal(c[i], 0);
	(void)b;
	freefix(f);
}

static void
stats_count_exact_bytes_and_pages(void **state)
{
	Heapstats st;
	Fix *f;
	void *a, *b, *c, *d;

	(void)state;
	f = mkfix(100);
	a = heapalloc(&f->heap, 1);
	b = heapalloc(&f->heap, 17);
	c = heapalloc(&f->heap, 5000);
	d = heapalloc(&f->heap, 20);
	heapstats(&f->heap, &st);
	assert_int_equal(st.bytes, 16 + 32 + 2 * PG + 32);
	assert_int_equal(st.pages, 1 + 1 + 2);
	assert_int_equal(st.slabs, 2);
	assert_int_equal(st.objects, 3);
	assert_int_equal(st.nlarge, 1);
	assert_int_equal(st.largepages, 2);
	assert_int_equal(f->src.out, 4);
	assert_int_equal(heapfree(&f->heap, c), 0);
	assert_int_equal(heapfree(&f->heap, b), 0);
	heapstats(&f->heap, &st);
	assert_int_equal(st.bytes, 16 + 32);
	assert_int_equal(st.pages, 2);	/* the 32-byte slab still holds d */
	assert_int_equal(heapfree(&f->heap, d), 0);
	assert_int_equal(heapfree(&f->heap, a), 0);
	heapstats(&f->heap, &st);
	assert_int_equal(st.bytes, 0);
	assert_int_equal(st.pages, 2);	/* two spares */
	freefix(f);
}

static void
heapcheck_notices_broken_counts(void **state)
{
	Fix *f;

	(void)state;
	f = mkfix(10);
	assert_non_null(heapalloc(&f->heap, 30));
	assert_int_equal(heapcheck(&f->heap), 0);
	f->heap.bytes += 16;
	assert_int_equal(heapcheck(&f->heap), -1);
	f->heap.bytes -= 16;
	f->heap.cache[1].spare = f->heap.cache[1].partial;	/* a spare in use */
	assert_int_equal(heapcheck(&f->heap), -1);
	f->heap.cache[1].spare = nil;
	assert_int_equal(heapcheck(&f->heap), 0);
	freefix(f);
}

int
main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(every_result_is_aligned_and_big_enough),
		cmocka_unit_test(class_boundaries_pick_slab_or_pages),
		cmocka_unit_test(random_sizes_keep_their_contents_and_all_pages_come_back),
		cmocka_unit_test(empty_slabs_beyond_one_spare_go_back_to_the_source),
		cmocka_unit_test(double_free_is_detected_and_changes_nothing),
		cmocka_unit_test(interior_pointers_are_refused),
		cmocka_unit_test(foreign_pointers_are_refused),
		cmocka_unit_test(a_heap_refuses_objects_of_another_heap_on_the_same_source),
		cmocka_unit_test(zero_and_absurd_sizes_return_nil),
		cmocka_unit_test(exhausted_source_gives_nil_and_recovers),
		cmocka_unit_test(misaligned_source_pages_are_refused),
		cmocka_unit_test(freed_and_fresh_objects_are_poisoned_not_zeroed),
		cmocka_unit_test(stats_count_exact_bytes_and_pages),
		cmocka_unit_test(heapcheck_notices_broken_counts),
	};

	return cmocka_run_group_tests_name("alloc", tests, nil, nil);
}
