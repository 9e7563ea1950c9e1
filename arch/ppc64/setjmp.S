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
	gprs	std, 14, 31, r3, JB_GPR14
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
	gprs	ld, 14, 31, r3, JB_GPR14
	mr	r3, r4
	cmpdi	r3, 0
	bnelr
	li	r3, 1
	blr
END(longjmp)
