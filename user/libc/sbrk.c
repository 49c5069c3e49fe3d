/*
 * sbrk.c - the break: the end of the data segment, which malloc moves up.
 * It starts at `end`, the linker's first address past bss (user.ld); the
 * kernel's brk_ rounds it up to a page.
 */
#include "../include/u.h"
#include "../include/libc.h"

enum { Brkalign = 16 };	/* so malloc's blocks stay aligned */

extern char end[];
static uintptr bloc;	/* the current break; 0 until first used */

static uintptr
curbrk(void)
{
	if(bloc == 0)
		bloc = ((uintptr)end + Brkalign-1) & ~(uintptr)(Brkalign-1);
	return bloc;
}

int
brk(void *p)
{
	if(brk_(p) < 0)
		return -1;
	bloc = (uintptr)p;
	return 0;
}

/* Moves the break up n bytes (rounded up to 16); returns the old break, or (void*)-1. */
void *
sbrk(ulong n)
{
	uintptr old;

	old = curbrk();
	if(n > ~(ulong)0 - Brkalign || old + ((n + Brkalign-1) & ~(ulong)(Brkalign-1)) < old){
		werrstr("sbrk: %lud bytes do not fit in the address space", n);
		return (void *)-1;
	}
	n = (n + Brkalign-1) & ~(ulong)(Brkalign-1);
	if(brk_((void *)(old + n)) < 0)
		return (void *)-1;
	bloc = old + n;
	return (void *)old;
}
