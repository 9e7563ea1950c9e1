/* SPDX-License-Identifier: MIT */
/* Interrupt vectors (copied to real address 0) and the common entry and exit. */
#include <arch/asm.h>
#include <arch/reg.h>
#include <arch/frame.h>
#include <asm-offsets.h>

#define FRAME_SIZE	INTERRUPT_FRAME_SIZE
#define TF		STACK_FRAME_MIN		/* trap frame offset in the stack frame */

/*
 * Each vector saves r13 and r10, points r13 at this CPU's area (SPRG0),
 * puts the vector number in r10 and branches to vec_common, which is in
 * the same copied block, so a relative branch reaches it.
 */
#define VECTOR(n)					\
	. = n;						\
	mtspr	SPR_SPRG1, r13;			\
	mfspr	r13, SPR_SPRG0;			\
	std	r10, PACA_EX_R10(r13);			\
	li	r10, n;					\
	b	vec_common

	.section .vectors, "ax"
	.globl vectors_begin
vectors_begin:
	VECTOR(0x100)	/* system reset */
	VECTOR(0x200)	/* machine check */
	VECTOR(0x300)	/* data storage */
	VECTOR(0x380)	/* data segment */
	VECTOR(0x400)	/* instruction storage */
	VECTOR(0x480)	/* instruction segment */
	VECTOR(0x500)	/* external */
	VECTOR(0x600)	/* alignment */
	VECTOR(0x700)	/* program */
	VECTOR(0x800)	/* floating-point unavailable */
	VECTOR(0x900)	/* decrementer */
	VECTOR(0x980)	/* hypervisor decrementer */
	VECTOR(0xa00)	/* directed privileged doorbell */
	VECTOR(0xc00)	/* system call */
	VECTOR(0xd00)	/* trace */
	VECTOR(0xe00)	/* hypervisor data storage */
	VECTOR(0xe20)	/* hypervisor instruction storage */
	VECTOR(0xe40)	/* hypervisor emulation assistance */
	VECTOR(0xe60)	/* hypervisor maintenance */
	VECTOR(0xe80)	/* directed hypervisor doorbell */
	VECTOR(0xea0)	/* hypervisor virtualization */
	VECTOR(0xf00)	/* performance monitor */
	VECTOR(0xf20)	/* vector unavailable */
	VECTOR(0xf40)	/* VSX unavailable */
	VECTOR(0xf60)	/* facility unavailable */
	VECTOR(0xf80)	/* hypervisor facility unavailable */

	. = 0x1000
vec_common:
	std	r11, PACA_EX_R11(r13)
	/* CR first: nothing before this point may set a condition field. */
	mfcr	r11
	std	r11, PACA_EX_CR(r13)
	/* Interrupts arrive with translation off; the handlers run with the
	 * kernel's MSR (translation on once the MMU is), entered by rfid. */
	mfspr	r11, SPR_SRR0
	std	r11, PACA_EX_SRR0(r13)
	mfspr	r11, SPR_SRR1
	std	r11, PACA_EX_SRR1(r13)
	LOAD_IMM64(r11, exception_entry)
	mtspr	SPR_SRR0, r11
	ld	r11, PACA_KERNEL_MSR(r13)
	mtspr	SPR_SRR1, r11
	rfid
	.globl vectors_end
vectors_end:

	.text
/*
 * r13 = per-CPU pointer, r10 = vector; the interrupted r10, r11, r13, CR,
 * SRR0 and SRR1 are in PACA_EX_R10/PACA_EX_R11, SPRG1, PACA_EX_CR and
 * PACA_EX_SRR0/PACA_EX_SRR1. Builds a trap frame
 * on the kernel stack (the interrupted one below its red zone, or the
 * CPU's kernel stack when coming from problem state) and calls
 * exception_dispatch(frame).
 */
FUNC(exception_entry)
	mtspr	SPR_SPRG2, r1
	ld	r11, PACA_EX_SRR1(r13)
	andi.	r11, r11, MSR_PR@l
	beq	1f
	ld	r1, PACA_KSTACK(r13)
	b	2f
1:	subi	r1, r1, STACK_RED_ZONE
2:	clrrdi	r1, r1, 4
	subi	r1, r1, FRAME_SIZE
	std	r0, TF + TF_GPR + 8 * 0(r1)
	mfspr	r0, SPR_SPRG2
	std	r0, TF + TF_GPR + 8 * 1(r1)
	std	r0, 0(r1)			/* back chain to the interrupted stack */
	std	r2, TF + TF_GPR + 8 * 2(r1)
	std	r3, TF + TF_GPR + 8 * 3(r1)
	std	r4, TF + TF_GPR + 8 * 4(r1)
	std	r5, TF + TF_GPR + 8 * 5(r1)
	std	r6, TF + TF_GPR + 8 * 6(r1)
	std	r7, TF + TF_GPR + 8 * 7(r1)
	std	r8, TF + TF_GPR + 8 * 8(r1)
	std	r9, TF + TF_GPR + 8 * 9(r1)
	ld	r0, PACA_EX_R10(r13)
	std	r0, TF + TF_GPR + 8 * 10(r1)
	ld	r0, PACA_EX_R11(r13)
	std	r0, TF + TF_GPR + 8 * 11(r1)
	std	r12, TF + TF_GPR + 8 * 12(r1)
	mfspr	r0, SPR_SPRG1
	std	r0, TF + TF_GPR + 8 * 13(r1)
	std	r14, TF + TF_GPR + 8 * 14(r1)
	std	r15, TF + TF_GPR + 8 * 15(r1)
	std	r16, TF + TF_GPR + 8 * 16(r1)
	std	r17, TF + TF_GPR + 8 * 17(r1)
	std	r18, TF + TF_GPR + 8 * 18(r1)
	std	r19, TF + TF_GPR + 8 * 19(r1)
	std	r20, TF + TF_GPR + 8 * 20(r1)
	std	r21, TF + TF_GPR + 8 * 21(r1)
	std	r22, TF + TF_GPR + 8 * 22(r1)
	std	r23, TF + TF_GPR + 8 * 23(r1)
	std	r24, TF + TF_GPR + 8 * 24(r1)
	std	r25, TF + TF_GPR + 8 * 25(r1)
	std	r26, TF + TF_GPR + 8 * 26(r1)
	std	r27, TF + TF_GPR + 8 * 27(r1)
	std	r28, TF + TF_GPR + 8 * 28(r1)
	std	r29, TF + TF_GPR + 8 * 29(r1)
	std	r30, TF + TF_GPR + 8 * 30(r1)
	std	r31, TF + TF_GPR + 8 * 31(r1)
	ld	r0, PACA_EX_SRR0(r13)
	std	r0, TF + TF_NIP(r1)
	ld	r0, PACA_EX_SRR1(r13)
	std	r0, TF + TF_MSR(r1)
	mflr	r0
	std	r0, TF + TF_LR(r1)
	mfctr	r0
	std	r0, TF + TF_CTR(r1)
	mfxer	r0
	std	r0, TF + TF_XER(r1)
	ld	r0, PACA_EX_CR(r13)
	std	r0, TF + TF_CCR(r1)
	mfspr	r0, SPR_DAR
	std	r0, TF + TF_DAR(r1)
	mfspr	r0, SPR_DSISR
	std	r0, TF + TF_DSISR(r1)
	std	r10, TF + TF_VECTOR(r1)

	LOAD_IMM64(r2, .TOC.)
	addi	r3, r1, TF
	bl	exception_dispatch

/* Returns to the (possibly modified) frame at r1 + TF; interrupts off. */
exception_return:
	ld	r0, TF + TF_NIP(r1)
	mtspr	SPR_SRR0, r0
	ld	r0, TF + TF_MSR(r1)
	mtspr	SPR_SRR1, r0
	/* r13 is the task's own in problem state; in the kernel it is the
	 * per-CPU pointer of the CPU returning, which is not the one that
	 * took the interrupt when the thread moved in between. CR0 is free
	 * here: the frame's CR is loaded below. */
	andi.	r0, r0, MSR_PR@l
	mfspr	r13, SPR_SPRG0
	beq	3f
	ld	r13, TF + TF_GPR + 8 * 13(r1)
3:	ld	r0, TF + TF_LR(r1)
	mtlr	r0
	ld	r0, TF + TF_CTR(r1)
	mtctr	r0
	ld	r0, TF + TF_XER(r1)
	mtxer	r0
	ld	r0, TF + TF_CCR(r1)
	mtcrf	0xff, r0
	ld	r0, TF + TF_GPR + 8 * 0(r1)
	ld	r2, TF + TF_GPR + 8 * 2(r1)
	ld	r3, TF + TF_GPR + 8 * 3(r1)
	ld	r4, TF + TF_GPR + 8 * 4(r1)
	ld	r5, TF + TF_GPR + 8 * 5(r1)
	ld	r6, TF + TF_GPR + 8 * 6(r1)
	ld	r7, TF + TF_GPR + 8 * 7(r1)
	ld	r8, TF + TF_GPR + 8 * 8(r1)
	ld	r9, TF + TF_GPR + 8 * 9(r1)
	ld	r10, TF + TF_GPR + 8 * 10(r1)
	ld	r11, TF + TF_GPR + 8 * 11(r1)
	ld	r12, TF + TF_GPR + 8 * 12(r1)
	ld	r14, TF + TF_GPR + 8 * 14(r1)
	ld	r15, TF + TF_GPR + 8 * 15(r1)
	ld	r16, TF + TF_GPR + 8 * 16(r1)
	ld	r17, TF + TF_GPR + 8 * 17(r1)
	ld	r18, TF + TF_GPR + 8 * 18(r1)
	ld	r19, TF + TF_GPR + 8 * 19(r1)
	ld	r20, TF + TF_GPR + 8 * 20(r1)
	ld	r21, TF + TF_GPR + 8 * 21(r1)
	ld	r22, TF + TF_GPR + 8 * 22(r1)
	ld	r23, TF + TF_GPR + 8 * 23(r1)
	ld	r24, TF + TF_GPR + 8 * 24(r1)
	ld	r25, TF + TF_GPR + 8 * 25(r1)
	ld	r26, TF + TF_GPR + 8 * 26(r1)
	ld	r27, TF + TF_GPR + 8 * 27(r1)
	ld	r28, TF + TF_GPR + 8 * 28(r1)
	ld	r29, TF + TF_GPR + 8 * 29(r1)
	ld	r30, TF + TF_GPR + 8 * 30(r1)
	ld	r31, TF + TF_GPR + 8 * 31(r1)
	ld	r1, TF + TF_GPR + 8 * 1(r1)
	rfid
END(exception_entry)

/*
 * void arch_user_enter(struct trap_frame *f): leaves the kernel through
 * the frame, which must lie at the top of the running thread's kernel
 * stack, where exception_entry puts the frames it takes from problem state.
 */
FUNC(arch_user_enter)
	li	r0, 0
	mtmsrd	r0, 1			/* EE and RI off */
	subi	r1, r3, TF
	b	exception_return
END(arch_user_enter)
