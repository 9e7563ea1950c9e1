/* SPDX-License-Identifier: MIT */
/* The register frame an interrupt saves on the stack. */
#ifndef ARCH_FRAME_H
#define ARCH_FRAME_H

/* ELFv2 minimum stack frame: back chain, CR save, LR save, TOC save. */
#define STACK_FRAME_MIN		32
/* Bytes below r1 that ELFv2 code may use without moving r1. */
#define STACK_RED_ZONE		288

#ifndef __ASSEMBLY__
struct trap_frame {
	unsigned long gpr[32];
	unsigned long nip;	/* SRR0 */
	unsigned long msr;	/* SRR1 */
	unsigned long lr;
	unsigned long ctr;
	unsigned long xer;
	unsigned long ccr;
	unsigned long dar;
	unsigned long dsisr;
	unsigned long vector;
	unsigned long pad;
};
#endif
#endif
