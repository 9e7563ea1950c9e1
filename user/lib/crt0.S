/* SPDX-License-Identifier: MIT */
/* Process entry: TOC, thread pointer, first frame, environ, then
 * exit(main(argc, argv, envp)). */
#include <uapi/sys/syscall.h>

/*
 * The kernel enters with r1 the stack (16-byte aligned, 32 free bytes at
 * 0(r1) that serve as the caller's frame), r3 argc, r4 argv, r5 envp and
 * r12 this address, so the ELFv2 global entry sequence finds the TOC.
 */
	.section .text.start, "ax", @progbits
	.globl	_start
	.type	_start, @function
_start:
	addis	%r2, %r12, (.TOC. - _start)@ha
	addi	%r2, %r2, (.TOC. - _start)@l
	addis	%r13, %r2, __main_tcb@toc@ha	/* the first thread's control block */
	addi	%r13, %r13, __main_tcb@toc@l
	li	%r0, 0
	std	%r0, 0(%r1)		/* the back chain ends here */
	stdu	%r1, -32(%r1)		/* a minimal frame for the calls below */
	addis	%r9, %r2, environ@toc@ha
	std	%r5, environ@toc@l(%r9)
	bl	main
	nop
	bl	exit
	nop
	trap				/* exit does not return */
	.size	_start, . - _start

	.section .note.GNU-stack, "", @progbits
