/* SPDX-License-Identifier: MIT */
/* The generic per-CPU state: the running thread and the scheduler's queue. */
#ifndef VRM_CPU_H
#define VRM_CPU_H

#include <stdbool.h>
#include <arch/paca.h>
#include <arch/spinlock.h>
#include <vrm/sched.h>

/* A FIFO per priority; the idle thread is on none of them. */
struct runq {
	spinlock_t lock;
	struct thread *head[SCHED_PRIORITIES], *tail[SCHED_PRIORITIES];
	volatile unsigned int nr;
	struct thread *idle;		/* set once the CPU runs */
	unsigned long last_tick;
};

/* One per CPU; its arch side is the struct paca that points here. */
struct cpu {
	struct thread *current;		/* the thread running here */
	volatile bool need_resched;	/* switch at the next chance */
	volatile bool leaving;		/* being drained: takes no threads */
	volatile bool stopping;		/* drained: its idle thread stops it */
	unsigned long sampled_tick;	/* the last tick CPU time was sampled at */
	struct runq runq;
	struct thread idle_thread;
};

/* The calling CPU's; NULL before cpus_init. */
static inline struct cpu *this_cpu(void)
{
	return this_paca()->cpu;
}

static inline struct cpu *cpu_of(unsigned int cpu)
{
	return paca_of(cpu)->cpu;
}

/*
 * Allocates the per-CPU memory of every possible CPU (arch/smp.h counts
 * them), gives each paca its struct cpu and each present CPU its stack;
 * before the scheduler starts. 0 or -ENOMEM.
 */
int cpus_init(void);

/* How kmain lends DLPAR the bring-up and take-down of CPUs (kernel/cpu.c). */
struct dr_cpu_ops;
extern const struct dr_cpu_ops cpu_hotplug;
#endif
