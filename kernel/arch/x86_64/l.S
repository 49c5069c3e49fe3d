/*
 * l.S - the assembly the C kernel stands on: interrupt and exception entry
 * stubs, the common trap path that builds a Ureg, and saved-context labels.
 */
#include "mem.h"

/* The general registers in Ureg order (dat.h): the last pushed is first. */
.macro SAVEREGS
	pushq %rax
	pushq %rbx
	pushq %rcx
	pushq %rdx
	pushq %rsi
	pushq %rdi
	pushq %rbp
	pushq %r8
	pushq %r9
	pushq %r10
	pushq %r11
	pushq %r12
	pushq %r13
	pushq %r14
	pushq %r15
.endm

.macro RESTOREREGS
	popq %r15
	popq %r14
	popq %r13
	popq %r12
	popq %r11
	popq %r10
	popq %r9
	popq %r8
	popq %rbp
	popq %rdi
	popq %rsi
	popq %rdx
	popq %rcx
	popq %rbx
	popq %rax
.endm

	.text

/*
 * One 16-byte stub per vector.  Vectors where the CPU pushes an error code
 * leave it; the others push a 0 so every Ureg has the same shape.
 */
	.balign 16
vecbase:
	.set i, 0
	.rept 256
	.balign 16
	.if !(i == 8 || (i >= 10 && i <= 14) || i == 17 || i == 21 || i == 29 || i == 30)
	pushq $0
	.endif
	pushq $i
	jmp trapcommon
	.set i, i+1
	.endr

/*
 * Build the Ureg (see dat.h) and call trap(ureg).  The CPU aligned the
 * stack to 16 before its pushes, so after 22 words the call is aligned.
 */
trapcommon:
	SAVEREGS
	cld
	movq %rsp, %rdi
	call trap
	RESTOREREGS
	addq $16, %rsp		/* vector and error code */
	iretq

/* int setlabel(Label *l): save the caller's context; 0 now, 1 via gotolabel */
	.globl setlabel
setlabel:
	movq (%rsp), %rax
	leaq 8(%rsp), %rdx
	movq %rdx, 0(%rdi)
	movq %rax, 8(%rdi)
	movq %rbx, 16(%rdi)
	movq %rbp, 24(%rdi)
	movq %r12, 32(%rdi)
	movq %r13, 40(%rdi)
	movq %r14, 48(%rdi)
	movq %r15, 56(%rdi)
	xorl %eax, %eax
	ret

/* void gotolabel(Label *l): resume at l's setlabel, which returns 1 */
	.globl gotolabel
gotolabel:
	movq 0(%rdi), %rsp
	movq 16(%rdi), %rbx
	movq 24(%rdi), %rbp
	movq 32(%rdi), %r12
	movq 40(%rdi), %r13
	movq 48(%rdi), %r14
	movq 56(%rdi), %r15
	movl $1, %eax
	jmp *8(%rdi)

/* void switchstack(uintptr top, void (*fn)(void)): run fn on a new stack */
	.globl switchstack
switchstack:
	movq %rdi, %rsp
	xorl %ebp, %ebp
	call *%rsi
1:	cli
	hlt
	jmp 1b

	.section .rodata
	.balign 8
	.globl vectors
vectors:
	.set i, 0
	.rept 256
	.quad vecbase + i*16
	.set i, i+1
	.endr

/*
 * System call entry.  `syscall` left the user's rip in rcx and rflags in
 * r11, and (by MSR FMASK) turned interrupts off.  Build a Ureg on the
 * process's kernel stack just as a trap from user mode would, call
 * syscall(ureg), and return with sysret, or with iretq when the return
 * address is not canonical (sysret would fault in kernel mode on it).
 * One CPU: the per-process stack and the user rsp are kept in globals.
 */
	.text
	.globl syscallentry
syscallentry:
	movq %rsp, syscallusp(%rip)
	movq syscallstack(%rip), %rsp
	pushq $UDSEL
	pushq syscallusp(%rip)
	pushq %r11
	pushq $UCSEL
	pushq %rcx
	pushq $0
	pushq $256		/* type: VSYSCALL */
	SAVEREGS
	cld
	xorl %ebp, %ebp		/* the backtrace ends here */
	movq %rsp, %rdi
	sti
	call syscall
	cli
	RESTOREREGS
	addq $16, %rsp
	movq 0(%rsp), %rcx
	movq %rcx, %r11
	shrq $47, %r11
	jnz 1f
	movq 16(%rsp), %r11
	movq 24(%rsp), %rsp
	sysretq
1:	iretq

/* void touser(Ureg *u): leave the kernel for user mode with u's registers */
	.globl touser
touser:
	movq %rdi, %rsp
	RESTOREREGS
	addq $16, %rsp
	iretq

	.bss
	.balign 8
	.globl syscallstack
syscallstack:	.quad 0
syscallusp:	.quad 0
