/*
 * ksym.c - kernel symbols for backtraces.  The build links the kernel
 * twice; the second time with a table of the first link's text symbols
 * (tools/mksyms.sh), sorted by address:
 *	ksymtab: count, then count pairs {address, name pointer}.
 */
#include "portfns.h"
#include "fns.h"

typedef struct Ksym Ksym;
struct Ksym {
	u64int		addr;
	const char	*name;
};

extern const u64int ksymtab[];
extern char text[], etext[];

/* The name of the function containing pc, or nil; *off gets pc's offset. */
const char *
ksymname(u64int pc, u64int *off)
{
	const Ksym *s;
	u64int n, lo, hi, mid;

	n = ksymtab[0];
	s = (const Ksym *)&ksymtab[1];
	if(n == 0 || pc < s[0].addr || pc >= (u64int)etext)
		return nil;
	lo = 0;
	hi = n;
	while(hi - lo > 1){	/* invariant: s[lo].addr <= pc, and pc < s[hi].addr if hi < n */
		mid = lo + (hi - lo) / 2;
		if(s[mid].addr <= pc)
			lo = mid;
		else
			hi = mid;
	}
	*off = pc - s[lo].addr;
	return s[lo].name;
}

/*
 * A frame pointer is followed only while it points at mapped, aligned
 * kernel memory, so a corrupt stack ends the backtrace instead of faulting.
 */
static int
goodframe(u64int bp)
{
	u64int *pte;

	if(bp == 0 || (bp & 7) != 0 || bp < KZERO)
		return 0;
	pte = mmuwalk(bp, 0);
	if(pte == nil || (*pte & PTEP) == 0)
		return 0;
	pte = mmuwalk(bp + 8, 0);
	return pte != nil && (*pte & PTEP) != 0;
}

static void
printframe(u64int pc)
{
	const char *name;
	u64int off;

	name = ksymname(pc, &off);
	if(name != nil)
		print("  %#llx %s+%#llx\n", (uvlong)pc, name, (uvlong)off);
	else
		print("  %#llx ?\n", (uvlong)pc);
}

void
backtrace(u64int pc, u64int bp)
{
	int i;
	u64int *fp;

	print("backtrace:\n");
	printframe(pc);
	for(i = 0; i < 32 && goodframe(bp); i++){
		fp = (u64int *)bp;
		if(fp[1] == 0)
			break;
		printframe(fp[1] - 1);	/* -1: the call, not the instruction after it */
		if(fp[0] <= bp)		/* stacks grow down; frames must go up */
			break;
		bp = fp[0];
	}
}
