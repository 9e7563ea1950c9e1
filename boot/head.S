/* SPDX-License-Identifier: MIT */
/* Entry from firmware: endian switch, placement, stack, BSS, per-CPU, then C. */
#include <arch/asm.h>
#include <arch/reg.h>
#include <arch/memlayout.h>
#include <arch/paca.h>
#include <arch/frame.h>
#include <asm-offsets.h>

	.section .text.head, "ax"

/*
 * SLOF and VOF branch here (the lowest loaded address) big-endian, in
 * 32-bit mode with the MMU off; r3/r4 = initrd start/size, r5 = the client
 * interface entry. QEMU loads the image at 0x400000 with kernel-addr=0,
 * else at 0x800000: in that case the image first copies itself down.
 */
FUNC(_start)
	FIXUP_ENDIAN
	/* 64-bit mode and machine checks on (SLOF enters with SF=ME=0). */
	SET_MSR_SF_OR(MSR_ME)

	bcl	20, 31, 1f
1:	mflr	r10
	clrldi	r10, r10, 4			/* where 1b runs */
	LOAD_IMM64(r11, 1b)
	clrldi	r11, r11, 4			/* where 1b was linked */
	cmpld	r10, r11
	beq	3f

	/* Copy [_image_start, __bss_start) from where it runs to where it was
	 * linked. QEMU only ever loads higher, so a forward copy is safe. */
	subf	r12, r11, r10			/* load offset */
	LOAD_IMM64(r6, _image_start)
	clrldi	r6, r6, 4			/* destination */
	add	r7, r6, r12			/* source */
	LOAD_IMM64(r8, __bss_start)
	clrldi	r8, r8, 4
	subf	r8, r6, r8
	srdi	r8, r8, 3
	mtctr	r8
	mr	r9, r6
2:	ld	r0, 0(r7)
	std	r0, 0(r9)
	addi	r7, r7, 8
	addi	r9, r9, 8
	bdnz	2b
	/* Make the copied instructions visible to instruction fetch. */
	mr	r9, r6
	mtctr	r8
4:	dcbst	0, r9
	addi	r9, r9, 8
	bdnz	4b
	sync
	mr	r9, r6
	mtctr	r8
5:	icbi	0, r9
	addi	r9, r9, 8
	bdnz	5b
	sync
	isync

3:	/* Continue at the kernel address of 6f (real mode ignores the top nibble). */
	LOAD_IMM64(r10, 6f)
	mtctr	r10
	bctr

6:	mr	r29, r3
	mr	r30, r4
	mr	r31, r5

	LOAD_IMM64(r6, __bss_start)
	LOAD_IMM64(r7, __bss_end)
	li	r0, 0
7:	cmpld	r6, r7
	bge	8f
	std	r0, 0(r6)
	addi	r6, r6, 8
	b	7b

8:	LOAD_IMM64(r2, .TOC.)
	LOAD_IMM64(r1, boot_kstack + KSTACK_SIZE)
	li	r0, 0
	stdu	r0, -STACK_FRAME_MIN(r1)

	/* The boot CPU's paca, and the stack-protector canary that every
	 * CPU shares (set before any C runs, never changed afterwards). */
	LOAD_IMM64(r13, boot_paca + PACA_R13_BIAS)
	mtspr	SPR_SPRG0, r13
	mftb	r0
	rotldi	r0, r0, 29
	xor	r0, r0, r10
	std	r0, PACA_CANARY(r13)
	LOAD_IMM64(r11, stack_guard)
	std	r0, 0(r11)

	mr	r3, r29
	mr	r4, r30
	mr	r5, r31
	bl	boot_firmware
	/* r3 = the flattened device tree; firmware is quiesced. */
	bl	kmain
9:	b	9b
END(_start)

/*
 * Secondary CPUs started with RTAS start-cpu arrive here big-endian, 64-bit,
 * MMU off, with r3 = the real address of their struct paca.
 */
FUNC(secondary_entry)
	FIXUP_ENDIAN
	SET_MSR_SF_OR(MSR_ME)
	LOAD_IMM64(r10, 1f)
	mtctr	r10
	bctr
1:	LOAD_IMM64(r4, KERNEL_BASE)
	or	r3, r3, r4
	addi	r13, r3, PACA_R13_BIAS
	mtspr	SPR_SPRG0, r13
	LOAD_IMM64(r2, .TOC.)
	ld	r1, PACA_KSTACK(r13)
	li	r0, 0
	stdu	r0, -STACK_FRAME_MIN(r1)
	bl	secondary_main
2:	b	2b
END(secondary_entry)
