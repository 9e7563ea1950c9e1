/* SPDX-License-Identifier: MIT */
/* Where signal handlers return: the SYS_sigreturn call, which never returns. */
#include <uapi/sys/syscall.h>

/* sigaction() puts this in sa_restorer; the kernel sets LR to it when it
 * starts a handler and finds its saved frame itself. */
	.text
	.globl	__sigreturn
	.type	__sigreturn, @function
__sigreturn:
	li	%r0, SYS_sigreturn
	sc
	trap				/* not reached */
	.size	__sigreturn, . - __sigreturn

	.section .note.GNU-stack, "", @progbits
