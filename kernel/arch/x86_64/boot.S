/*
 * boot.S - the Multiboot entry.  The loader (QEMU -kernel or GRUB) enters
 * start32 in 32-bit protected mode, paging off, with the Multiboot magic in
 * eax and the boot information's physical address in ebx.  We build boot
 * page tables that map the first 4 GiB three ways (identity, the direct map
 * at KZERO, and the kernel image at KERNBASE), enter long mode and call
 * kmain(magic, info) on the boot stack.  mmuinit replaces these tables.
 *
 * The header uses the "a.out kludge" address fields, so loaders take the
 * load addresses from the header and need not read our 64-bit ELF: the
 * image is a flat binary starting with this header at 1 MiB.
 */
#include "mem.h"

#define MBMAGIC		0x1BADB002
#define MBFLAGS		((1 << 0) | (1 << 1) | (1 << 16))	/* align mods, mem info, address fields */
#define PA(x)		((x) - KERNBASE)

	.section .multiboot, "a"
	.balign 4
mbheader:
	.long MBMAGIC
	.long MBFLAGS
	.long -(MBMAGIC + MBFLAGS)
	.long mbheader		/* header_addr */
	.long mbheader		/* load_addr: the image starts here */
	.long edatapa		/* load_end_addr */
	.long endpa		/* bss_end_addr: the loader zeroes up to here */
	.long start32		/* entry_addr */

	.section .boot, "ax"
	.code32
	.globl start32
start32:
	cli
	cld
	movl %eax, %edi			/* kmain's first argument: magic */
	movl %ebx, %esi			/* second: boot info physical address */
	movl $PA(bootstack + BOOTSTACK), %esp

	/* long mode and NX are required; say so on the serial line if absent */
	movl $0x80000000, %eax
	cpuid
	cmpl $0x80000001, %eax
	jb nolongmode
	movl $0x80000001, %eax
	cpuid
	btl $29, %edx
	jnc nolongmode
	btl $20, %edx
	jnc nolongmode

	/* pml4[0] and pml4[256] -> pdptlo; pml4[511] -> pdpthi */
	movl $PA(pdptlo + 3), %eax
	movl %eax, PA(bootpml4)
	movl %eax, PA(bootpml4 + 256*8)
	movl $PA(pdpthi + 3), %eax
	movl %eax, PA(bootpml4 + 511*8)

	/* pdptlo[0..3] -> the four page directories; pdpthi[510] -> the first */
	movl $PA(bootpd + 3), %eax
	movl %eax, PA(pdpthi + 510*8)
	xorl %ecx, %ecx
1:	movl %eax, PA(pdptlo)(,%ecx,8)
	addl $4096, %eax
	incl %ecx
	cmpl $4, %ecx
	jb 1b

	/* 2048 2 MiB pages: the first 4 GiB */
	movl $(PTEP | PTEW | PTEPS), %eax
	xorl %edx, %edx
	xorl %ecx, %ecx
2:	movl %eax, PA(bootpd)(,%ecx,8)
	movl %edx, PA(bootpd + 4)(,%ecx,8)
	addl $0x200000, %eax
	adcl $0, %edx
	incl %ecx
	cmpl $2048, %ecx
	jb 2b

	movl $PA(bootpml4), %eax
	movl %eax, %cr3
	movl %cr4, %eax
	orl $(CR4PAE | CR4PGE), %eax
	movl %eax, %cr4
	movl $MSREFER, %ecx
	rdmsr
	orl $(EFERLME | EFERNXE), %eax
	wrmsr
	movl %cr0, %eax
	orl $(CR0PG | CR0WP | CR0PE), %eax
	movl %eax, %cr0

	lgdt bootgdtptr
	ljmp $KCSEL, $start64

nolongmode:
	movl $nolmmsg, %esi
	movw $0x3F8, %dx
3:	lodsb
	testb %al, %al
	jz 4f
	outb %al, %dx
	jmp 3b
4:	hlt
	jmp 4b

	.code64
start64:
	movw $KDSEL, %ax
	movw %ax, %ds
	movw %ax, %es
	movw %ax, %ss
	xorw %ax, %ax
	movw %ax, %fs
	movw %ax, %gs
	movabsq $(bootstack + BOOTSTACK), %rsp
	xorl %ebp, %ebp			/* ends the backtrace */
	movabsq $kmain, %rax
	call *%rax
5:	cli
	hlt
	jmp 5b

	.balign 8
bootgdt:
	.quad 0
	.quad 0x00AF9A000000FFFF	/* KCSEL: 64-bit code */
	.quad 0x00CF92000000FFFF	/* KDSEL: data */
bootgdtptr:
	.word bootgdtptr - bootgdt - 1
	.long bootgdt
nolmmsg:
	.asciz "lux9: this CPU lacks long mode or NX; cannot boot\r\n"

	.section .bss
	.balign 4096
bootpml4:	.space 4096
pdptlo:		.space 4096
pdpthi:		.space 4096
bootpd:		.space 4*4096
	.globl bootstack
bootstack:	.space BOOTSTACK
