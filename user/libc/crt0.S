/*
 * crt0.S - where a Lux9 program starts.  The kernel enters _start with
 * the initial stack (docs/libc.md):
 *
 *	rsp ->	argc			8 bytes
 *		argv[0]..argv[argc-1]	pointers to NUL-terminated strings
 *		0			the NULL ending argv
 *
 * _start calls main(argc, argv); if main returns, the program exits(nil).
 */
	.text
	.globl _start
	.type _start, @function
_start:
	xor %ebp, %ebp		/* the outermost frame: backtraces stop here */
	mov (%rsp), %rdi	/* argc */
	lea 8(%rsp), %rsi	/* argv */
	xor %eax, %eax
	test %edi, %edi
	jz 1f
	mov (%rsi), %rax	/* argv0 = argv[0], for sysfatal and ARGBEGIN */
1:	mov %rax, argv0(%rip)
	and $-16, %rsp		/* the ABI: rsp is 16-byte aligned at each call */
	call main
	xor %edi, %edi
	call exits
	ud2
	.size _start, . - _start

	.section .note.GNU-stack,"",@progbits
