/* SPDX-License-Identifier: MIT */
/* The timebase, barriers, spin-wait hints and interrupts on or off for this CPU. */
#ifndef ARCH_PPC_H
#define ARCH_PPC_H

#include <arch/reg.h>

#ifndef __ASSEMBLY__
#include <stdint.h>

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
