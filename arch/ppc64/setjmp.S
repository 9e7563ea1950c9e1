/* SPDX-License-Identifier: MIT */
/* setjmp/longjmp for the kernel: saves r1, r2, LR, CR and r14-r31. */
#include <arch/asm.h>
#include <asm-offsets.h>

	.text
FUNC(setjmp)
	std	r1, JB_R1(r3)
	std	r2, JB_R2(r3)
	mflr	r0
	std	r0, JB_LR(r3)
	mfcr	r0
	std	r0, JB_CR(r3)
	std	r14, JB_GPR14 + 8 * 0(r3)
	std	r15, JB_GPR14 + 8 * 1(r3)
	std	r16, JB_GPR14 + 8 * 2(r3)
	std	r17, JB_GPR14 + 8 * 3(r3)
	std	r18, JB_GPR14 + 8 * 4(r3)
	std	r19, JB_GPR14 + 8 * 5(r3)
	std	r20, JB_GPR14 + 8 * 6(r3)
	std	r21, JB_GPR14 + 8 * 7(r3)
	std	r22, JB_GPR14 + 8 * 8(r3)
	std	r23, JB_GPR14 + 8 * 9(r3)
	std	r24, JB_GPR14 + 8 * 10(r3)
	std	r25, JB_GPR14 + 8 * 11(r3)
	std	r26, JB_GPR14 + 8 * 12(r3)
	std	r27, JB_GPR14 + 8 * 13(r3)
	std	r28, JB_GPR14 + 8 * 14(r3)
	std	r29, JB_GPR14 + 8 * 15(r3)
	std	r30, JB_GPR14 + 8 * 16(r3)
	std	r31, JB_GPR14 + 8 * 17(r3)
	li	r3, 0
	blr
END(setjmp)

FUNC(longjmp)
	ld	r1, JB_R1(r3)
	ld	r2, JB_R2(r3)
	ld	r0, JB_LR(r3)
	mtlr	r0
	ld	r0, JB_CR(r3)
	mtcrf	0xff, r0
	ld	r14, JB_GPR14 + 8 * 0(r3)
	ld	r15, JB_GPR14 + 8 * 1(r3)
	ld	r16, JB_GPR14 + 8 * 2(r3)
	ld	r17, JB_GPR14 + 8 * 3(r3)
	ld	r18, JB_GPR14 + 8 * 4(r3)
	ld	r19, JB_GPR14 + 8 * 5(r3)
	ld	r20, JB_GPR14 + 8 * 6(r3)
	ld	r21, JB_GPR14 + 8 * 7(r3)
	ld	r22, JB_GPR14 + 8 * 8(r3)
	ld	r23, JB_GPR14 + 8 * 9(r3)
	ld	r24, JB_GPR14 + 8 * 10(r3)
	ld	r25, JB_GPR14 + 8 * 11(r3)
	ld	r26, JB_GPR14 + 8 * 12(r3)
	ld	r27, JB_GPR14 + 8 * 13(r3)
	ld	r28, JB_GPR14 + 8 * 14(r3)
	ld	r29, JB_GPR14 + 8 * 15(r3)
	ld	r30, JB_GPR14 + 8 * 16(r3)
	ld	r31, JB_GPR14 + 8 * 17(r3)
	mr	r3, r4
	cmpdi	r3, 0
	bnelr
	li	r3, 1
	blr
END(longjmp)
