/* SPDX-License-Identifier: MIT */
/* Switching kernel threads: the non-volatile state of the ELFv2 ABI. */
#include <arch/asm.h>
#include <asm-offsets.h>

	.text
/*
 * void *arch_context_switch(struct arch_context *from,
 *                           struct arch_context *to, void *token)
 * Saves r1, r2, LR, CR and r14-r31 in `from` and resumes `to`, which
 * returns from its own arch_context_switch with `token` (a new context
 * starts in arch_thread_start with it in r3).
 */
FUNC(arch_context_switch)
	std	r1, CTX_R1(r3)
	std	r2, CTX_R2(r3)
	mflr	r0
	std	r0, CTX_LR(r3)
	mfcr	r0
	std	r0, CTX_CR(r3)
	gprs	std, 14, 31, r3, CTX_GPR14
	ld	r1, CTX_R1(r4)
	ld	r2, CTX_R2(r4)
	ld	r0, CTX_LR(r4)
	mtlr	r0
	ld	r0, CTX_CR(r4)
	mtcrf	0xff, r0
	gprs	ld, 14, 31, r4, CTX_GPR14
	mr	r3, r5
	blr
END(arch_context_switch)

/* A new context's first instructions: r14 = the function, r15 = its
 * argument, r3 = the switch's token. Calls fn(token, arg); fn never
 * returns. */
FUNC(arch_thread_start)
	mr	r4, r15
	mr	r12, r14
	mtctr	r12
	bctrl
1:	b	1b
END(arch_thread_start)
