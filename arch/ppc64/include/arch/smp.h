/* SPDX-License-Identifier: MIT */
/* Processor enumeration and start-up through RTAS start-cpu. */
#ifndef ARCH_SMP_H
#define ARCH_SMP_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/paca.h>

/*
 * CPU numbers. Every CPU the machine may ever have, hot-pluggable ones
 * included, is below nr_cpus_possible (known from smp_init on) and gets a
 * paca from smp_pacas_init: CPU 0 alone has one before. A present CPU is a
 * hardware thread of the partition (its paca says present): the threads of
 * the tree at boot take numbers 0 to nr_cpus_present - 1 in tree order, a
 * CPU that hotplug adds takes the lowest free number, and one that hotplug
 * removes leaves its number free. nr_cpus_present counts the present CPUs;
 * every number given so far is below nr_cpu_ids, so a loop over the CPUs
 * stops there and looks at each paca's online (or present) flag.
 */
extern unsigned int nr_cpus_present;
extern unsigned int nr_cpu_ids;
extern unsigned int nr_cpus_possible;

/*
 * Counts the CPU threads of /cpus and those that CPU hotplug may add (sets
 * nr_cpus_possible); the running thread is CPU 0, on a paca and a stack of
 * the kernel image. Needs no memory. Returns the present count or -ENODEV.
 */
int smp_init(void);
/*
 * Makes the pacas of CPUs 1 to nr_cpus_possible - 1 in `more` (memory
 * that real mode reaches, below 4 GiB: the vectors use it with
 * translation off, start-cpu takes its address as a 32-bit cell) and
 * paca_ptrs of `ptrs` (nr_cpus_possible entries); the present threads
 * other than CPU 0 get numbers 1, 2, ... in tree order, and
 * nr_cpus_present and nr_cpu_ids count them. Each paca still needs its
 * struct cpu, and its kstack_top before the CPU starts.
 */
void smp_pacas_init(struct paca **ptrs, struct paca *more);
/* Starts every other present CPU; returns how many came online. */
unsigned int smp_start_secondaries(void);

/*
 * CPU hotplug, the arch side; one caller at a time (the DLPAR manager).
 * smp_cpu_add gives hardware thread `server` the lowest free CPU number
 * and a fresh paca, present and not yet online (its kstack_top still to
 * set): the number, -EEXIST when that thread is present already, -ENOSPC
 * when every number is taken. smp_cpu_start starts a present CPU with
 * start-cpu and waits (a guard of 10 s) until it is online: 0, -EIO,
 * -ETIMEDOUT. smp_cpu_stopped says whether a CPU that went offline has
 * reached the RTAS stopped state. smp_cpu_remove forgets a stopped CPU:
 * its number is free again.
 */
int smp_cpu_add(uint32_t server);
int smp_cpu_start(unsigned int cpu);
bool smp_cpu_stopped(unsigned int cpu);
void smp_cpu_remove(unsigned int cpu);
/*
 * This CPU leaves, from its idle thread with interrupts off, once the
 * scheduler has drained it: its timer events run, its interrupts go to
 * the boot CPU and it accepts none (xics_cpu_offline), it says it is
 * offline, and it stops with RTAS stop-self.
 */
void arch_cpu_offline(void) __attribute__((noreturn));
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
