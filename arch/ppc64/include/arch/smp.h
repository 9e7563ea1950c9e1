/* SPDX-License-Identifier: MIT */
/* Processor enumeration and start-up through RTAS start-cpu. */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

extern unsigned int nr_cpus_present;	/* hardware threads in the tree */

/* Enumerates the CPU threads of /cpus and prepares their per-CPU areas;
 * the running thread becomes CPU 0. Returns the count or -ENODEV. */
int smp_init(void);
/* Starts every other present CPU; returns how many came online. */
unsigned int smp_start_secondaries(void);
/* Gives this CPU to the hypervisor until an interrupt, which is taken before
 * this returns. Call with interrupts off, after finding no work: an
 * interrupt arriving in between still ends the wait. Returns with
 * interrupts off. */
void arch_cpu_idle(void);
/* Stops this CPU for good: interrupts off, spinning. */
void arch_cpu_stop(void) __attribute__((noreturn));

/* Generic side: runs on each secondary once its arch state is ready. */
void kernel_secondary_start(void) __attribute__((noreturn));
#endif
