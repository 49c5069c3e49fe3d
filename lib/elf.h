/*
 * elf.h - the ELF64 executable reader behind exec: checks that an image
 * is a static x86_64 executable the kernel can map, and says where each
 * loadable segment goes.
 *
 * What elfparse promises about a successful Elfimage, for the lo and hi
 * it was given:
 *	1 <= nseg <= ELFMAXSEG; for each segment memsz > 0,
 *	filesz <= memsz, off + filesz <= n (no overflow),
 *	lo <= vaddr and vaddr + memsz <= hi (no overflow),
 *	vaddr % ELFPAGE == off % ELFPAGE, prot is a subset of
 *	ELFR|ELFW|ELFX and never both ELFW and ELFX;
 *	segments are in address order and no two touch the same page;
 *	entry lies in the file-backed bytes of an ELFX segment.
 * Bytes vaddr+filesz .. vaddr+memsz are zero-filled by the loader.
 */
#ifndef LUX9_ELF_H
#define LUX9_ELF_H

#include "u.h"

enum { ELFMAXSEG = 8, ELFPAGE = 4096 };

/* Elfseg.prot; the values are ELF's PF_ flags */
enum { ELFX = 1<<0, ELFW = 1<<1, ELFR = 1<<2 };

typedef struct Elfseg {
	u64int vaddr, memsz;	/* where it goes and how big it is there */
	u64int off, filesz;	/* which bytes of the image it starts with */
	int prot;
} Elfseg;

typedef struct Elfimage {
	u64int entry;
	int nseg;
	Elfseg seg[ELFMAXSEG];
} Elfimage;

/*
 * Check the n-byte image at img and describe it in *e (cleared first).
 * Segments must lie in user addresses [lo, hi).  Returns 0, or -1 with
 * a message in err saying what is wrong and, where it helps, how to
 * link the program instead.
 */
int elfparse(const u8int *img, size_t n, u64int lo, u64int hi, Elfimage *e, char *err, size_t nerr);

#endif
