/*
 * mem.h - the x86_64 memory layout and paging constants, shared by C and
 * assembly.  Physical memory is mapped whole at KZERO (the direct map); the
 * kernel image is linked at KERNBASE + 1 MiB and loaded at 1 MiB.
 */
#ifndef LUX9_MEM_H
#define LUX9_MEM_H

#define BY2PG		4096
#define PGSHIFT		12
#define KSTACK		(4 * BY2PG)		/* kernel stack size */
#define BOOTSTACK	(4 * BY2PG)		/* the stack kmain starts on */

#define KZERO		0xFFFF800000000000	/* direct map of all physical memory */
#define KMAPEND		0xFFFF900000000000	/* direct map covers at most 16 TiB */
#define VMAPBASE	0xFFFFC00000000000	/* device (MMIO) mappings */
#define KSTKBASE	0xFFFFE00000000000	/* kernel stacks, each under a guard page */
#define KERNBASE	0xFFFFFFFF80000000	/* kernel image, -2 GiB */
#define KTEXTPA		0x100000		/* where the loader puts the image */
#define USERTOP		0x0000800000000000ULL	/* user addresses are below */

/* page table entry bits */
#define PTEP		(1ULL << 0)
#define PTEW		(1ULL << 1)
#define PTEU		(1ULL << 2)
#define PTEPWT		(1ULL << 3)
#define PTEPCD		(1ULL << 4)
#define PTEA		(1ULL << 5)
#define PTED		(1ULL << 6)
#define PTEPS		(1ULL << 7)
#define PTEG		(1ULL << 8)
#define PTENX		(1ULL << 63)

/* segment selectors; the order is fixed by syscall/sysret */
#define KCSEL		0x08
#define KDSEL		0x10
#define UDSEL		(0x18 | 3)
#define UCSEL		(0x20 | 3)
#define TSSSEL		0x28

/* control register and MSR bits used at boot */
#define CR0PE		(1 << 0)
#define CR0WP		(1 << 16)
#define CR0PG		(1 << 31)
#define CR4PAE		(1 << 5)
#define CR4PGE		(1 << 7)
#define MSREFER		0xC0000080
#define EFERLME		(1 << 8)
#define EFERNXE		(1 << 11)

#endif
