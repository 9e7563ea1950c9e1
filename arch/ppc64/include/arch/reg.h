/* SPDX-License-Identifier: MIT */
/* The MSR and the SPRs vrm touches, each with its fields, and their accessors. */
#ifndef ARCH_REG_H
#define ARCH_REG_H

#include <arch/bits.h>

/*
 * Power ISA 3.0B, Book III. Each SPR number is followed by the fields of
 * that register, indented. Only what vrm uses is listed: a register or a
 * field comes in with its first user.
 */

/* Machine State Register ("Machine State Register"). */
#define MSR_EE			PPC_BIT(48)	/* external and decrementer interrupts */
#define MSR_PR			PPC_BIT(49)	/* problem state */
#define MSR_ME			PPC_BIT(51)	/* machine check enable */
#define MSR_IR			PPC_BIT(58)	/* instruction relocation */
#define MSR_DR			PPC_BIT(59)	/* data relocation */
#define MSR_RI			PPC_BIT(62)	/* recoverable interrupt */
#define MSR_LE			PPC_BIT(63)	/* little-endian */

/* Data Storage Interrupt Status: why a data access failed ("Data Storage
 * Interrupt"). */
#define SPR_DSISR		18
#define   DSISR_NOHPTE		PPC_BIT(33)	/* no translation in the page table */
#define   DSISR_PROTFAULT	PPC_BIT(36)	/* storage protection forbids it */
/* Data Address: the address a data storage or segment interrupt was about. */
#define SPR_DAR			19
/* Decrementer: counts down at the timebase rate and asks for an interrupt
 * when it turns negative ("Decrementer"). */
#define SPR_DEC			22
/* Save/Restore Registers: where an interrupt returns, and the MSR it
 * returns with. Interrupts that have a cause to report put it in SRR1 bits
 * that are not MSR bits ("Interrupt Definitions"). */
#define SPR_SRR0		26
#define SPR_SRR1		27
#define   SRR1_ISI_NOPT		PPC_BIT(33)	/* instruction storage: no translation */
#define   SRR1_ISI_N_G_OR_CIP	PPC_BIT(35)	/* ... no-execute or guarded storage */
#define   SRR1_ISI_PROT		PPC_BIT(36)	/* ... storage protection forbids it */
#define   SRR1_PROG_ILL		PPC_BIT(44)	/* program: illegal instruction */
/* Software-use SPRs ("Software-Use SPRs"). */
#define SPR_SPRG0		272	/* this CPU's r13 (per-CPU area) */
#define SPR_SPRG1		273	/* scratch: r13 at exception entry */
#define SPR_SPRG2		274	/* scratch: r1 at exception entry */

#ifndef __ASSEMBLY__
#include <stdbool.h>

/* What a data storage interrupt reports in DSISR. */
static inline bool dsisr_no_translation(unsigned long dsisr)
{
	return dsisr & DSISR_NOHPTE;
}

static inline bool dsisr_protection(unsigned long dsisr)
{
	return dsisr & DSISR_PROTFAULT;
}

/* What an instruction storage interrupt reports in SRR1; a fetch from
 * no-execute or guarded storage is a protection fault too. */
static inline bool srr1_isi_no_translation(unsigned long srr1)
{
	return srr1 & SRR1_ISI_NOPT;
}

static inline bool srr1_isi_protection(unsigned long srr1)
{
	return srr1 & (SRR1_ISI_PROT | SRR1_ISI_N_G_OR_CIP);
}

#ifndef HOST_TEST
/* The SPR number is an instruction field: spr must be a constant, which
 * always_inline makes it at every call. */
static inline __attribute__((always_inline)) unsigned long mfspr(const unsigned int spr)
{
	unsigned long v;

	asm volatile("mfspr %0,%1" : "=r"(v) : "i"(spr));
	return v;
}

static inline __attribute__((always_inline)) void mtspr(const unsigned int spr, unsigned long v)
{
	asm volatile("mtspr %0,%1" : : "i"(spr), "r"(v) : "memory");
}

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
#endif /* HOST_TEST */
#endif /* __ASSEMBLY__ */
#endif
