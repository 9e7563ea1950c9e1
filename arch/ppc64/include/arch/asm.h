/* SPDX-License-Identifier: MIT */
/* Assembler helpers shared by the .S files. */
#ifndef ARCH_ASM_H
#define ARCH_ASM_H

#ifdef __ASSEMBLY__
/* Load a 64-bit link-time constant (an absolute kernel address). */
#define LOAD_IMM64(r, e)			\
	lis	r, (e)@highest;			\
	ori	r, r, (e)@higher;		\
	rldicr	r, r, 32, 31;			\
	oris	r, r, (e)@high;		\
	ori	r, r, (e)@l

#define FUNC(name)				\
	.globl name;				\
	.type name, @function;			\
	name:

#define END(name)	.size name, . - name

/* `op` (std or ld) on GPRs first..last and consecutive doublewords at
 * off(base): the non-volatile registers of setjmp, context switches and
 * the firmware gate, and hcall results. */
	.macro gprs op, first, last, base, off
	.set .Lgpr, \first
	.rept \last - \first + 1
	\op	.Lgpr, \off + 8 * (.Lgpr - \first)(\base)
	.set .Lgpr, .Lgpr + 1
	.endr
	.endm

/* MSR[SF] on (64-bit mode) and, if asked, MSR[ME]; clobbers r11, r12. */
#define SET_MSR_SF_OR(extra)				\
	mfmsr	r11;					\
	li	r12, 1;					\
	rldicr	r12, r12, 63, 0;			\
	or	r11, r11, r12;				\
	ori	r11, r11, (extra)@l;			\
	mtmsrd	r11;					\
	isync

/*
 * Entered big-endian or little-endian: in LE the first word decodes as a
 * harmless "tdi 0,0,0x48", in BE as "b .+8" into a sequence that flips
 * MSR[LE] with rfid and continues at the next LE instruction. Clobbers r10,
 * r11 and SRR0/1. Hand-encoded words, because the BE half must be emitted
 * byte-swapped by an LE assembler (as Linux's FIXUP_ENDIAN does).
 */
#define FIXUP_ENDIAN					\
	tdi	0, 0, 0x48;	/* BE: b .+8 */		\
	b	191f;		/* LE: skip */		\
	.long	0xa600607d;	/* mfmsr r11 */		\
	.long	0x01006b69;	/* xori r11,r11,1 */	\
	.long	0x05009f42;	/* bcl 20,31,$+4 */	\
	.long	0xa602487d;	/* mflr r10 */		\
	.long	0x14004a39;	/* addi r10,r10,20 */	\
	.long	0xa6035a7d;	/* mtsrr0 r10 */	\
	.long	0xa6037b7d;	/* mtsrr1 r11 */	\
	.long	0x2400004c;	/* rfid */		\
191:
#endif
#endif
