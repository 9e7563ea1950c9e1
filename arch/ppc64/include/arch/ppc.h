/* SPDX-License-Identifier: MIT */
/* POWER registers: MSR and SPR numbers with their fields, and accessors. */
#ifndef ARCH_PPC_H
#define ARCH_PPC_H

/* Bit n in IBM (big-endian) numbering of a 64-bit register. */
#ifdef __ASSEMBLY__
#define PPC_BIT(n)		(1 << (63 - (n)))
#else
#define PPC_BIT(n)		(1ul << (63 - (n)))
#endif

#define MSR_SF			PPC_BIT(0)	/* 64-bit mode */
#define MSR_HV			PPC_BIT(3)
#define MSR_EE			PPC_BIT(48)	/* external and decrementer interrupts */
#define MSR_PR			PPC_BIT(49)	/* problem state */
#define MSR_FP			PPC_BIT(50)
#define MSR_ME			PPC_BIT(51)	/* machine check enable */
#define MSR_IR			PPC_BIT(58)	/* instruction relocation */
#define MSR_DR			PPC_BIT(59)	/* data relocation */
#define MSR_RI			PPC_BIT(62)	/* recoverable interrupt */
#define MSR_LE			PPC_BIT(63)

#define SPRN_XER		1
#define SPRN_LR			8
#define SPRN_CTR		9
#define SPRN_DSISR		18
#define SPRN_DAR		19
#define SPRN_DEC		22
#define SPRN_SRR0		26
#define SPRN_SRR1		27
#define SPRN_CFAR		28
#define SPRN_SPRG0		272	/* this CPU's r13 (per-CPU area) */
#define SPRN_SPRG1		273	/* scratch: r13 at exception entry */
#define SPRN_SPRG2		274	/* scratch: r1 at exception entry */
#define SPRN_TBRL		268
#define SPRN_PIR		1023
#define SPRN_PVR		287

/* SRR1 bits set by an instruction storage interrupt (Power ISA 3.0, 6.5.4). */
#define SRR1_ISI_NOPT		PPC_BIT(33)
#define SRR1_ISI_N_G_OR_CIP	PPC_BIT(35)
#define SRR1_ISI_PROT		PPC_BIT(36)
/* SRR1 bits set by a program interrupt (6.5.9). */
#define SRR1_PROG_FPE		PPC_BIT(43)
#define SRR1_PROG_ILL		PPC_BIT(44)
#define SRR1_PROG_PRIV		PPC_BIT(45)
#define SRR1_PROG_TRAP		PPC_BIT(46)

#ifndef __ASSEMBLY__
#include <stdint.h>

#define __stringify_1(x)	#x
#define __stringify(x)		__stringify_1(x)

static inline __attribute__((always_inline)) unsigned long mfmsr(void)
{
	unsigned long v;

	asm volatile("mfmsr %0" : "=r"(v));
	return v;
}

static inline __attribute__((always_inline)) void mtmsrd(unsigned long v)
{
	asm volatile("mtmsrd %0" : : "r"(v) : "memory");
}

#define mfspr(n) ({ unsigned long __v; \
	asm volatile("mfspr %0," __stringify(n) : "=r"(__v)); __v; })
#define mtspr(n, v) asm volatile("mtspr " __stringify(n) ",%0" : : "r"((unsigned long)(v)) : "memory")

static inline __attribute__((always_inline)) uint64_t mftb(void)
{
	uint64_t v;

	asm volatile("mftb %0" : "=r"(v));
	return v;
}

static inline __attribute__((always_inline)) void sync(void)
{
	asm volatile("sync" : : : "memory");
}

static inline __attribute__((always_inline)) void lwsync(void)
{
	asm volatile("lwsync" : : : "memory");
}

static inline __attribute__((always_inline)) void isync(void)
{
	asm volatile("isync" : : : "memory");
}

static inline __attribute__((always_inline)) void cpu_relax(void)
{
	/* Lower then restore SMT priority, as a spin-wait hint. */
	asm volatile("or 1,1,1; or 2,2,2" : : : "memory");
}

/* Interrupts on this CPU: external and decrementer (MSR[EE]). mtmsrd with
 * L=1 changes only EE and RI, so it needs no read-modify-write. */
static inline __attribute__((always_inline)) void irq_enable(void)
{
	asm volatile("mtmsrd %0,1" : : "r"(MSR_EE | MSR_RI) : "memory");
}

static inline __attribute__((always_inline)) void irq_disable(void)
{
	asm volatile("mtmsrd %0,1" : : "r"(MSR_RI) : "memory");
}

static inline __attribute__((always_inline)) unsigned long irq_save(void)
{
	unsigned long ee = mfmsr() & MSR_EE;

	irq_disable();
	return ee;
}

static inline __attribute__((always_inline)) void irq_restore(unsigned long ee)
{
	if (ee)
		irq_enable();
}

static inline __attribute__((always_inline)) int irqs_enabled(void)
{
	return (mfmsr() & MSR_EE) != 0;
}
#endif /* __ASSEMBLY__ */
#endif
