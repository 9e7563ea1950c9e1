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
	std	r14, CTX_GPR14 + 8 * 0(r3)
	std	r15, CTX_GPR14 + 8 * 1(r3)
	std	r16, CTX_GPR14 + 8 * 2(r3)
	std	r17, CTX_GPR14 + 8 * 3(r3)
	std	r18, CTX_GPR14 + 8 * 4(r3)
	std	r19, CTX_GPR14 + 8 * 5(r3)
	std	r20, CTX_GPR14 + 8 * 6(r3)
	std	r21, CTX_GPR14 + 8 * 7(r3)
	std	r22, CTX_GPR14 + 8 * 8(r3)
	std	r23, CTX_GPR14 + 8 * 9(r3)
	std	r24, CTX_GPR14 + 8 * 10(r3)
	std	r25, CTX_GPR14 + 8 * 11(r3)
	std	r26, CTX_GPR14 + 8 * 12(r3)
	std	r27, CTX_GPR14 + 8 * 13(r3)
	std	r28, CTX_GPR14 + 8 * 14(r3)
	std	r29, CTX_GPR14 + 8 * 15(r3)
	std	r30, CTX_GPR14 + 8 * 16(r3)
	std	r31, CTX_GPR14 + 8 * 17(r3)
	ld	r1, CTX_R1(r4)
	ld	r2, CTX_R2(r4)
	ld	r0, CTX_LR(r4)
	mtlr	r0
	ld	r0, CTX_CR(r4)
	mtcrf	0xff, r0
	ld	r14, CTX_GPR14 + 8 * 0(r4)
	ld	r15, CTX_GPR14 + 8 * 1(r4)
	ld	r16, CTX_GPR14 + 8 * 2(r4)
	ld	r17, CTX_GPR14 + 8 * 3(r4)
	ld	r18, CTX_GPR14 + 8 * 4(r4)
	ld	r19, CTX_GPR14 + 8 * 5(r4)
	ld	r20, CTX_GPR14 + 8 * 6(r4)
	ld	r21, CTX_GPR14 + 8 * 7(r4)
	ld	r22, CTX_GPR14 + 8 * 8(r4)
	ld	r23, CTX_GPR14 + 8 * 9(r4)
	ld	r24, CTX_GPR14 + 8 * 10(r4)
	ld	r25, CTX_GPR14 + 8 * 11(r4)
	ld	r26, CTX_GPR14 + 8 * 12(r4)
	ld	r27, CTX_GPR14 + 8 * 13(r4)
	ld	r28, CTX_GPR14 + 8 * 14(r4)
	ld	r29, CTX_GPR14 + 8 * 15(r4)
	ld	r30, CTX_GPR14 + 8 * 16(r4)
	ld	r31, CTX_GPR14 + 8 * 17(r4)
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
