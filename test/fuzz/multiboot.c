/*
 * multiboot.c - libFuzzer target for mbparse.
 * The input is physical memory starting at Base, with the info structure
 * at Base; pointers inside it that land in the input reach more of it.
 * Whatever the bytes, mbparse must stay inside them and hand back a
 * Bootinfo that keeps the invariants multiboot.h promises.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "u.h"
#include "multiboot.h"

enum { Base = 0x1000 };

typedef struct Mem Mem;
struct Mem {
	const u8int *p;
	size_t n;
	int calls;
};

static const void *
physread(void *arg, u64int pa, size_t len)
{
	Mem *m = arg;
	u64int off;

	m->calls++;
	if(pa < Base)
		return NULL;
	off = pa - Base;
	if(off > m->n || len > m->n - off)
		return NULL;
	return m->p + off;
}

static void
check(int ok)
{
	if(!ok)
		abort();
}

static int
terminated(const char *s, size_t n)
{
	return memchr(s, 0, n) != NULL;
}

static void
checkinfo(const Bootinfo *bi)
{
	int i;

	check(terminated(bi->cmdline, sizeof bi->cmdline));
	check(terminated(bi->loader, sizeof bi->loader));
	check(terminated(bi->warn, sizeof bi->warn));
	check(bi->nmem >= 0 && bi->nmem <= MBMAXMEM);
	for(i = 0; i < bi->nmem; i++){
		check(bi->mem[i].len > 0);
		check(bi->mem[i].base + bi->mem[i].len > bi->mem[i].base);	/* no wrap */
	}
	check(bi->nmod >= 0 && bi->nmod <= MBMAXMOD);
	for(i = 0; i < bi->nmod; i++){
		check(bi->mod[i].start <= bi->mod[i].end);
		check(terminated(bi->mod[i].cmdline, sizeof bi->mod[i].cmdline));
	}
	if(bi->hasfb){
		check(bi->fb.width > 0 && bi->fb.height > 0 && bi->fb.pitch > 0 && bi->fb.bpp > 0);
		check((u64int)bi->fb.pitch * bi->fb.height <= ~bi->fb.addr);
	}
	if(!(bi->flags & MBFMEM))
		check(bi->memlower == 0 && bi->memupper == 0);
	if(!(bi->flags & MBFMMAP))
		check(bi->nmem == 0);
	if(!(bi->flags & MBFMODS))
		check(bi->nmod == 0);
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static Bootinfo bi;
	char err[128];
	Mem m;
	int r;

	m.p = data;
	m.n = size;
	m.calls = 0;

	/* wrong magic: refused before any memory is touched */
	memset(err, 0, sizeof err);
	check(mbparse(&bi, ~(u32int)MBBOOTMAGIC, Base, physread, &m, err, sizeof err) == -1);
	check(err[0] != 0 && terminated(err, sizeof err));
	check(m.calls == 0);

	memset(err, 0, sizeof err);
	r = mbparse(&bi, MBBOOTMAGIC, Base, physread, &m, err, sizeof err);
	check(r == 0 || r == -1);
	check(terminated(err, sizeof err));
	if(r == -1){
		check(err[0] != 0);
		return 0;
	}
	check(err[0] == 0);
	checkinfo(&bi);
	return 0;
}
