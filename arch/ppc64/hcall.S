/* SPDX-License-Identifier: MIT */
/* hcall entry points, one per calling shape (PAPR: sc 1, opcode in r3). */
#include <arch/asm.h>

	.text
/*
 * The hypervisor may clobber r0, r3-r12, CTR, XER and CR; all are volatile
 * in the ELFv2 ABI except the non-volatile CR fields, so CR is saved.
 */

/* long hcall_noret(op, a1..a6): arguments are already in r3..r9. */
FUNC(hcall_noret)
	mfcr	r0
	stw	r0, 8(r1)
	sc	1
	lwz	r0, 8(r1)
	mtcrf	0xff, r0
	blr
END(hcall_noret)

/* The shapes with results keep the result pointer in a frame of their own:
 * with eight arguments the caller owes them no parameter save area. */
#define HC_FRAME	48
#define HC_RET		32
#define HC_R12		40

/* Saves the result pointer (r4) and moves a1..a6 down to r4..r9. */
#define HC_ENTER					\
	mfcr	r0;					\
	stw	r0, 8(r1);				\
	stdu	r1, -HC_FRAME(r1);			\
	std	r4, HC_RET(r1);				\
	mr	r4, r5;					\
	mr	r5, r6;					\
	mr	r6, r7;					\
	mr	r7, r8;					\
	mr	r8, r9;					\
	mr	r9, r10

/* Restores the caller's frame and CR and returns. */
#define HC_LEAVE					\
	addi	r1, r1, HC_FRAME;			\
	lwz	r0, 8(r1);				\
	mtcrf	0xff, r0;				\
	blr

/* long hcall_ret4(op, ret[4], a1..a6): r4..r7 are stored to ret[]. */
FUNC(hcall_ret4)
	HC_ENTER
	sc	1
	ld	r12, HC_RET(r1)
	gprs	std, 4, 7, r12, 0
	HC_LEAVE
END(hcall_ret4)

/* long hcall_ret9(op, ret[9], a1..a6): r4..r12 are stored to ret[]. */
FUNC(hcall_ret9)
	HC_ENTER
	sc	1
	std	r12, HC_R12(r1)
	ld	r12, HC_RET(r1)
	gprs	std, 4, 11, r12, 0
	ld	r11, HC_R12(r1)
	std	r11, 64(r12)
	HC_LEAVE
END(hcall_ret9)

/* long hcall_inout8(op, regs[8]): r4..r11 loaded from regs[], and stored
 * back after the call (H_BULK_REMOVE takes and returns eight words). */
FUNC(hcall_inout8)
	mfcr	r0
	stw	r0, 8(r1)
	stdu	r1, -HC_FRAME(r1)
	std	r4, HC_RET(r1)
	mr	r12, r4
	gprs	ld, 4, 11, r12, 0
	sc	1
	ld	r12, HC_RET(r1)
	gprs	std, 4, 11, r12, 0
	HC_LEAVE
END(hcall_inout8)
