/*
 * mmutest.c - self tests of the page tables: mappings appear and go,
 * protection faults are raised and reported as the expected kind, and
 * kernel stacks sit on guard pages.
 */
#include "portfns.h"
#include "fns.h"
#include "selftest.h"

enum { TESTVA = 0xFFFFDF0000000000ULL };	/* an unused part of the kernel half */

static Faultcatch fc;

/*
 * Run fn(arg) expecting it may fault; 1 if it did (details in fc), else 0.
 * Not inlined, and fenced, so the compiler cannot move the accesses in fn
 * outside the armed window.
 */
static __attribute__((noinline)) int
catchfault(void (*fn)(uintptr), uintptr arg)
{
	memset(&fc, 0, sizeof fc);
	faultcatch = &fc;
	if(setlabel(&fc.label)){
		faultcatch = nil;
		return 1;
	}
	fc.armed = 1;
	__asm__ volatile("" : : : "memory");
	fn(arg);
	__asm__ volatile("" : : : "memory");
	fc.armed = 0;
	faultcatch = nil;
	return 0;
}

static __attribute__((noinline)) void
readbyte(uintptr va)
{
	(void)*(volatile u8int *)va;
}

static __attribute__((noinline)) void
writebyte(uintptr va)
{
	volatile u8int *p = (volatile u8int *)va;

	*p = *p;	/* same value: harmless if the protection is missing */
}

static __attribute__((noinline)) void
writezero(uintptr va)
{
	*(volatile u8int *)va = 0;
}

static __attribute__((noinline)) void
callat(uintptr va)
{
	((void (*)(void))va)();
}

/* Did the last catchfault see a page fault at va with these error bits? */
static const char *
checkpf(uintptr va, u64int want, const char *what)
{
	if(fc.vector != VPF)
		return fail("%s: expected a page fault, got vector %llu", what, (uvlong)fc.vector);
	if(fc.addr != va)
		return fail("%s: fault address %#llx, expected %#llx", what, (uvlong)fc.addr, (uvlong)va);
	if((fc.error & want) != want)
		return fail("%s: error code %#llx lacks bits %#llx", what, (uvlong)fc.error, (uvlong)want);
	return nil;
}

const char *
testmapunmap(void)
{
	u64int pa, nfree;
	volatile u64int *v, *k;
	const char *err;

	nfree = pagenfree();
	if(pagealloc(0, &pa) < 0)
		return fail("no frame to map");
	k = kaddr(pa);
	k[0] = 0x1122334455667788ULL;
	if(mmumap(TESTVA, pa, PTEW | PTENX) < 0)
		return fail("mmumap of a free address failed");
	if(mmumap(TESTVA, pa, PTEW | PTENX) == 0)
		return fail("mapping an address twice succeeded");
	v = (volatile u64int *)TESTVA;
	if(v[0] != 0x1122334455667788ULL)
		return fail("mapped page reads %#llx, not what the direct map wrote", (uvlong)v[0]);
	v[1] = 42;
	if(k[1] != 42)
		return fail("a write through the new mapping is not seen in the direct map");
	if(mmuunmap(TESTVA) < 0)
		return fail("mmuunmap failed");
	if(mmuunmap(TESTVA) == 0)
		return fail("unmapping an unmapped address succeeded");
	if(!catchfault(readbyte, TESTVA))
		return fail("reading an unmapped address did not fault");
	if((err = checkpf(TESTVA, 0, "read after unmap")) != nil)
		return err;
	if(fc.error & PFPRESENT)
		return fail("fault after unmap claims the page was present");
	pagefree(pa, 0);
	/* the page tables made for TESTVA stay; they are reused by the next tests */
	if(pagenfree() + 3 < nfree)	/* at most three new tables */
		return fail("frames lost: %llu free before, %llu after", (uvlong)nfree, (uvlong)pagenfree());
	return nil;
}

const char *
testrofault(void)
{
	u64int pa;
	const char *err;

	if(pagealloc(0, &pa) < 0)
		return fail("no frame");
	if(mmumap(TESTVA, pa, PTENX) < 0)
		return fail("mmumap failed");
	err = nil;
	if(catchfault(readbyte, TESTVA))
		err = fail("reading a read-only page faulted");
	else if(!catchfault(writebyte, TESTVA))
		err = fail("writing a read-only page did not fault");
	else
		err = checkpf(TESTVA, PFPRESENT | PFWRITE, "write to read-only page");
	mmuunmap(TESTVA);
	pagefree(pa, 0);
	return err;
}

const char *
testtextfault(void)
{
	uintptr va = (uintptr)testtextfault;

	if(!catchfault(writebyte, va))
		return fail("writing kernel text at %#llx did not fault", (uvlong)va);
	return checkpf(va, PFPRESENT | PFWRITE, "write to kernel text");
}

const char *
testnxfault(void)
{
	u64int pa;
	const char *err;

	if(pagealloc(0, &pa) < 0)
		return fail("no frame");
	*(u8int *)kaddr(pa) = 0xC3;		/* ret */
	if(mmumap(TESTVA, pa, PTENX) < 0 || mmumap(TESTVA + BY2PG, pa, 0) < 0)
		return fail("mmumap failed");
	err = nil;
	/* the same bytes run when mapped executable: so NX is what stops them */
	if(catchfault(callat, TESTVA + BY2PG))
		err = fail("calling an executable page faulted (vector %llu)", (uvlong)fc.vector);
	else if(!catchfault(callat, TESTVA))
		err = fail("executing an NX page did not fault");
	else if((err = checkpf(TESTVA, PFPRESENT | PFFETCH, "execute NX page")) == nil
	&& !catchfault(callat, (uintptr)kaddr(pa)))
		err = fail("executing from the direct map (NX) did not fault");
	mmuunmap(TESTVA);
	mmuunmap(TESTVA + BY2PG);
	pagefree(pa, 0);
	return err;
}

const char *
testguard(void)
{
	uintptr top, guard;
	u64int *pte, nfree;
	const char *err;

	nfree = pagenfree();
	top = kstackalloc();
	if(top == 0)
		return fail("kstackalloc failed");
	guard = top - KSTACK - BY2PG;
	err = nil;
	pte = mmuwalk(guard, 0);
	if(pte != nil && (*pte & PTEP))
		err = fail("the page under the stack at %#llx is mapped", (uvlong)guard);
	else if(!kstackguard(guard) || kstackguard(top - 8))
		err = fail("kstackguard misjudges the guard page");
	else if(catchfault(writezero, top - KSTACK))
		err = fail("writing the lowest stack page faulted");
	else if(!catchfault(writezero, guard + BY2PG - 8))
		err = fail("writing the guard page did not fault");
	else if((err = checkpf(guard + BY2PG - 8, PFWRITE, "write to guard page")) == nil
	&& (fc.error & PFPRESENT))
		err = fail("the guard page fault says the page was present");
	kstackfree(top);
	if(err == nil && pagenfree() != nfree)
		err = fail("stack frames not returned: %llu free before, %llu after",
			(uvlong)nfree, (uvlong)pagenfree());
	return err;
}
