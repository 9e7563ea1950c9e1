/* SPDX-License-Identifier: MIT */
/* A new thread's first instructions: its TCB in r13, then __thread_main. */

/*
 * The kernel enters as crt0 is entered: r1 a stack with a zero back chain,
 * r12 this address (for the TOC), and r3 the argument of thread_create,
 * the thread's control block.
 */
	.text
	.globl	__thread_start
	.type	__thread_start, @function
__thread_start:
	addis	%r2, %r12, (.TOC. - __thread_start)@ha
	addi	%r2, %r2, (.TOC. - __thread_start)@l
	mr	%r13, %r3
	stdu	%r1, -32(%r1)
	bl	__thread_main
	nop
	trap				/* __thread_main does not return */
	.size	__thread_start, . - __thread_start

	.section .note.GNU-stack, "", @progbits
