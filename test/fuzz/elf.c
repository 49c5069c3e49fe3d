/*
 * elf.c - libFuzzer target for lib/elf.c.
 *
 * The input is an executable image.  elfparse must either reject it
 * with a message and an empty Elfimage, or describe segments that keep
 * every promise in elf.h.  Each input is parsed twice: with the user
 * range the kernel uses, and with the widest range there is, so sums
 * near 2^64 are reached too.  A success in the narrow range must also
 * be one in the wide range, with the same result.
 * Seeds come from "build/host/elf_test --corpus DIR".
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "u.h"
#include "elf.h"

static void
check(int ok)
{
	if(!ok)
		abort();
}

static int
isempty(const Elfimage *e)
{
	static const Elfimage zero;

	return memcmp(e, &zero, sizeof zero) == 0;
}

static void
checkimage(const Elfimage *e, size_t n, u64int lo, u64int hi)
{
	const Elfseg *s, *prev;
	int i, entryok;

	check(e->nseg >= 1 && e->nseg <= ELFMAXSEG);
	entryok = 0;
	prev = NULL;
	for(i = 0; i < e->nseg; i++){
		s = &e->seg[i];
		check(s->memsz > 0 && s->filesz <= s->memsz);
		check(s->off <= n && s->filesz <= n - s->off);
		check(s->vaddr >= lo && s->vaddr <= hi && s->memsz <= hi - s->vaddr);
		check(s->vaddr % ELFPAGE == s->off % ELFPAGE);
		check((s->prot & ~(ELFR|ELFW|ELFX)) == 0);
		check(!((s->prot & ELFW) && (s->prot & ELFX)));
		if(prev != NULL)
			check(s->vaddr/ELFPAGE > (prev->vaddr + prev->memsz - 1)/ELFPAGE);
		if((s->prot & ELFX) && e->entry >= s->vaddr && e->entry - s->vaddr < s->filesz)
			entryok = 1;
		prev = s;
	}
	check(entryok);
}

static int
run(const uint8_t *data, size_t size, u64int lo, u64int hi, Elfimage *e)
{
	char err[128];
	size_t len;
	int r;

	memset(e, 0xA5, sizeof *e);
	memset(err, 0xFF, sizeof err);
	r = elfparse(data, size, lo, hi, e, err, sizeof err);
	len = strnlen(err, sizeof err);
	check(len < sizeof err);
	if(r < 0){
		check(r == -1 && len > 0 && isempty(e));
		return -1;
	}
	check(r == 0 && len == 0);
	checkimage(e, size, lo, hi);
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static Elfimage narrow, wide;
	int rn, rw;

	rn = run(data, size, 0x400000, 0x00007FFF00000000ULL, &narrow);
	rw = run(data, size, 0, ~0ULL, &wide);
	if(rn == 0){
		check(rw == 0);
		check(memcmp(&narrow, &wide, sizeof narrow) == 0);
	}
	return 0;
}
