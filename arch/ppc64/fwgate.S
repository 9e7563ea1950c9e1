/* SPDX-License-Identifier: MIT */
/* The one gate into big-endian 32-bit firmware: the OF client interface and RTAS. */
#include <arch/asm.h>
#include <arch/reg.h>
#include <arch/memlayout.h>
#include <arch/frame.h>

#define GATE_FRAME	(STACK_FRAME_MIN + 8 * 22)
#define SAVE_MSR	(STACK_FRAME_MIN + 8 * 20)
#define SAVE_R2		(STACK_FRAME_MIN + 8 * 21)

/*
 * long fw_call(unsigned long entry, unsigned long r3, unsigned long r4)
 *
 * Calls firmware code at real address `entry` with r3/r4 as given, in real
 * mode, 32-bit, big-endian, interrupts off, as the client interface
 * (IEEE 1275 PowerPC binding) and RTAS (LoPAR "RTAS Call Environment")
 * require. Returns firmware's r3, sign-extended. The stack must lie below
 * 4 GiB real: firmware runs on it in 32-bit mode. Callers serialise.
 */
FUNC(fw_call)
	mflr	r0
	std	r0, 16(r1)
	mfcr	r12
	stw	r12, 8(r1)
	stdu	r1, -GATE_FRAME(r1)
	std	r2, SAVE_R2(r1)
	gprs	std, 13, 31, r1, STACK_FRAME_MIN
	mfmsr	r11
	std	r11, SAVE_MSR(r1)
	/* No interrupt may overwrite SRR0/1 between here and rfid. */
	li	r12, MSR_RI@l
	mtmsrd	r12, 1

	mtspr	SPR_SRR0, r3
	mr	r3, r4
	mr	r4, r5
	/* Firmware's MSR: ours without SF, LE, EE, IR, DR and RI. */
	li	r12, 0
	ori	r12, r12, (MSR_LE | MSR_EE | MSR_IR | MSR_DR | MSR_RI)@l
	andc	r11, r11, r12
	clrldi	r11, r11, 1
	mtspr	SPR_SRR1, r11
	LOAD_IMM64(r12, fw_return)
	clrldi	r12, r12, 32		/* reached by a 32-bit blr */
	mtlr	r12
	rfid

fw_return:
	FIXUP_ENDIAN
	SET_MSR_SF_OR(0)
	/* 32-bit code may have lost r1's upper half: it lies below 4 GiB real. */
	clrldi	r1, r1, 32
	LOAD_IMM64(r12, KERNEL_BASE)
	or	r1, r1, r12
	extsw	r3, r3
	ld	r11, SAVE_MSR(r1)
	LOAD_IMM64(r12, 1f)
	mtspr	SPR_SRR0, r12
	mtspr	SPR_SRR1, r11
	rfid
1:	ld	r2, SAVE_R2(r1)
	gprs	ld, 13, 31, r1, STACK_FRAME_MIN
	addi	r1, r1, GATE_FRAME
	lwz	r12, 8(r1)
	mtcr	r12
	ld	r0, 16(r1)
	mtlr	r0
	blr
END(fw_call)
