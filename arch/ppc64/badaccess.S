/* SPDX-License-Identifier: MIT */
/* Deliberate faults, for tests of the exception path. */
#include <arch/asm.h>
#include <arch/reg.h>

	.text
/*
 * unsigned long arch_bad_access(unsigned long addr)
 * Loads from `addr` with data relocation on (turning it on if the MMU is
 * not yet). No SLB entry covers it, so the load takes a data segment
 * interrupt (0x380) with DAR = addr, and no segment is behind it.
 */
FUNC(arch_bad_access)
	mfmsr	r5
	ori	r6, r5, MSR_DR@l
	mtmsrd	r6
	isync
	ld	r3, 0(r3)
	mtmsrd	r5
	isync
	blr
END(arch_bad_access)

/* void arch_illegal_instruction(void): executes an invalid instruction, a
 * program interrupt (0x700) with SRR1 saying "illegal instruction". */
FUNC(arch_illegal_instruction)
	.long	0
	blr
END(arch_illegal_instruction)

/*
 * unsigned long arch_cr_probe(unsigned long tb_end)
 * Holds a known value in CR0 until the timebase reaches tb_end, while interrupts come and go; returns
 * how many times CR0 was found changed. Interrupts must preserve all of CR.
 */
FUNC(arch_cr_probe)
	li	r4, 0
	li	r5, 1
	cmpdi	cr0, r5, 0		/* CR0 = GT, and it must stay so */
1:	mftb	r6
	cmpld	cr1, r6, r3
	bgt	cr0, 2f
	addi	r4, r4, 1
	cmpdi	cr0, r5, 0
2:	blt	cr1, 1b
	mr	r3, r4
	blr
END(arch_cr_probe)
