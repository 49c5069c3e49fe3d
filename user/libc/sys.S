/*
 * sys.S - the system call stubs, one per call (list in sysnum.h).
 * The kernel takes arguments in rdi, rsi, rdx, r10, r8, r9 (include/sys.h):
 * the C ABI's, except that the fourth comes in rcx, which `syscall`
 * overwrites, so it moves to r10.  The result, or -1 with the error string
 * set, comes back in rax.
 */
#include "sysnum.h"

#define STUB(name, sysname, num, last) \
	.globl name; \
	.type name, @function; \
name: \
	mov %rcx, %r10; \
	mov $num, %eax; \
	syscall; \
	last; \
	.size name, . - name;

	.text
	.p2align 4
SYSCALLS(STUB)

	.section .note.GNU-stack,"",@progbits
