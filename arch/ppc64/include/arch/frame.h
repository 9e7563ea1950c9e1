/* SPDX-License-Identifier: MIT */
/* The register frame an interrupt saves on the stack. */
#ifndef ARCH_FRAME_H
#define ARCH_FRAME_H

/* ELFv2 minimum stack frame: back chain, CR save, LR save, TOC save. */
#define STACK_FRAME_MIN		32
/* Bytes below r1 that ELFv2 code may use without moving r1. */
#define STACK_RED_ZONE		288

/* The stack an interrupt takes: a minimal frame, then the trap frame,
 * rounded to 16 bytes. From problem state it is the top of the thread's
 * kernel stack. */
#define TRAP_FRAME_BYTES	336
#define INTERRUPT_FRAME_SIZE	((STACK_FRAME_MIN + TRAP_FRAME_BYTES + 15) & ~15)

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
	unsigned long orig_gpr3;	/* a system call's first argument, to restart it */
};
_Static_assert(sizeof(struct trap_frame) == TRAP_FRAME_BYTES, "trap frame size");

/* Where exception_entry saves the state of a thread in problem state. */
static inline struct trap_frame *user_frame(unsigned long kstack_top)
{
	return (struct trap_frame *)(kstack_top - INTERRUPT_FRAME_SIZE + STACK_FRAME_MIN);
}
#endif
#endif
