/* SPDX-License-Identifier: MIT */
/* The paca: a CPU's architectural state, reached through r13 (and SPRG0 at
 * exception entry). */
#ifndef ARCH_PACA_H
#define ARCH_PACA_H

/* A CPU's own kernel stack: 2^KSTACK_ORDER frames of 4 KiB. */
#define KSTACK_ORDER		3
#define KSTACK_SIZE		(4096 << KSTACK_ORDER)

/*
 * r13 points PACA_R13_BIAS bytes past the start of struct paca, so the
 * stack-protector canary (read by Debian's libfdt and by our code at
 * r13 - 0x7010, as glibc lays out TLS) is the structure's first word.
 */
#define PACA_R13_BIAS		0x7010

#ifndef __ASSEMBLY__
#include <stdint.h>
#include <stdbool.h>

struct fault_catch;
struct timer_event;
struct aspace;
struct cpu;

/*
 * What arch/ keeps per CPU: what the assembly reaches through asm-offsets
 * (the canary, the exception scratch words, the handlers' MSR, the kernel
 * stack) and what arch/ maintains itself in its interrupt handlers (IPIs,
 * the decrementer's tick and timer events, the SLB, the fault catch). The
 * generic per-CPU state (the running thread, the run queue) is a struct
 * cpu (include/vrm/cpu.h) that the paca points to, rather than holds:
 * arch/ does not know the scheduler's structures, and a paca must lie
 * where real mode reaches it (the vectors use it with translation off),
 * memory scarcer than the heap a struct cpu comes from (kernel/cpu.c).
 */
struct paca {
	unsigned long canary;		/* must stay first */
	unsigned long ex_r10;		/* exception-entry scratch */
	unsigned long ex_r11;
	unsigned long ex_cr;
	unsigned long ex_srr0;
	unsigned long ex_srr1;
	unsigned long kernel_msr;	/* MSR the interrupt handlers run with */
	unsigned long kstack_top;	/* the stack interrupts from user mode run on */
	unsigned int index;		/* logical CPU number */
	unsigned int server;		/* hardware thread / XICS server number */
	volatile bool online;		/* running, and taking threads */
	bool present;			/* a hardware thread of the partition */
	volatile unsigned long ipi_pending;	/* bit per IPI type */
	unsigned long ipi_count;
	unsigned long dec_interrupts;	/* decrementer interrupts taken */
	uint64_t tick_deadline;		/* timebase value of the next tick */
	volatile uint64_t ticks;	/* timer ticks, missed ones included */
	struct fault_catch *fault_catch;	/* armed by tests that expect a fault */
	struct timer_event *timer_events;	/* queued on this CPU */
	unsigned int preempt_count;	/* spinlocks held: no preemption */
	unsigned int slb_next;		/* next SLB entry to refill */
	volatile unsigned long slb_flushed;	/* last SLB flush generation done */
	struct aspace *user_aspace;	/* the task space it translates, or NULL */
	struct cpu *cpu;		/* its generic state */
};

/* Every possible CPU's paca, by logical number (arch/smp.h sizes it). */
extern struct paca **paca_ptrs;

static inline struct paca *paca_of(unsigned int cpu)
{
	return paca_ptrs[cpu];
}

/*
 * Read from r13 each time, by an asm the compiler must run where it
 * stands: a thread that switches may resume on another CPU, and a copy of
 * r13 kept in a register across the switch would name the old CPU's paca
 * (a local register variable guarantees nothing outside asm operands).
 */
static inline __attribute__((always_inline)) struct paca *this_paca(void)
{
	unsigned long r13;

	asm volatile("mr %0, 13" : "=r"(r13));
	return (struct paca *)(r13 - PACA_R13_BIAS);
}

static inline unsigned int cpu_index(void)
{
	return this_paca()->index;
}
#endif
#endif
