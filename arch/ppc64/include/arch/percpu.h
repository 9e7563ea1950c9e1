/* SPDX-License-Identifier: MIT */
/* Per-CPU data, reached through r13 (and SPRG0 at exception entry). */
#ifndef ARCH_PERCPU_H
#define ARCH_PERCPU_H

#define NR_CPUS			32
#define KSTACK_SIZE		(32 * 1024)

/*
 * r13 points PERCPU_R13_BIAS bytes past the start of struct percpu, so the
 * stack-protector canary (read by Debian's libfdt and by our code at
 * r13 - 0x7010, as glibc lays out TLS) is the structure's first word.
 */
#define PERCPU_R13_BIAS		0x7010

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <stdbool.h>

struct fault_catch;
struct timer_event;
struct thread;
struct aspace;

struct percpu {
	unsigned long canary;		/* must stay first */
	unsigned long ex_r10;		/* exception-entry scratch */
	unsigned long ex_r11;
	unsigned long ex_cr;
	unsigned long ex_srr0;
	unsigned long ex_srr1;
	unsigned long kernel_msr;	/* MSR the interrupt handlers run with */
	unsigned long kstack_top;	/* top of this CPU's boot and interrupt stack */
	unsigned int index;		/* logical CPU number */
	unsigned int server;		/* hardware thread / XICS server number */
	volatile bool online;
	volatile unsigned long ipi_pending;	/* bit per IPI type */
	unsigned long ipi_count;
	unsigned long dec_interrupts;	/* decrementer interrupts taken */
	uint64_t tick_deadline;		/* timebase value of the next tick */
	volatile uint64_t ticks;	/* timer ticks, missed ones included */
	struct fault_catch *fault_catch;	/* armed by tests that expect a fault */
	struct timer_event *timer_events;	/* queued on this CPU */
	struct thread *current;		/* the thread running here */
	unsigned int preempt_count;	/* spinlocks held: no preemption */
	volatile bool need_resched;	/* switch at the next chance */
	unsigned int slb_next;		/* next SLB entry to refill */
	volatile unsigned long slb_flushed;	/* last SLB flush generation done */
	struct aspace *user_aspace;	/* the task space it translates, or NULL */
};

extern struct percpu percpu_area[NR_CPUS];

static inline __attribute__((always_inline)) struct percpu *this_cpu(void)
{
	register unsigned long r13 asm("r13");

	return (struct percpu *)(r13 - PERCPU_R13_BIAS);
}

static inline unsigned long percpu_r13(struct percpu *pc)
{
	return (unsigned long)pc + PERCPU_R13_BIAS;
}

static inline unsigned int cpu_index(void)
{
	return this_cpu()->index;
}
#endif
#endif
