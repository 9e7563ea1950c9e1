/* SPDX-License-Identifier: MIT */
/* Timebase and decrementer: the clock and the tick. */
#ifndef ARCH_TIME_H
#define ARCH_TIME_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/ppc.h>

#define HZ	100

extern uint64_t tb_freq;	/* timebase ticks per second, from the tree */
extern uint64_t tb_per_tick;	/* timebase ticks per timer tick */
extern uint64_t tb_boot;	/* timebase when the kernel took over */

/* Reads timebase-frequency from the first cpu node. 0 or -ENODEV. */
int time_init(void);
/* Starts this CPU's periodic tick. */
void timer_cpu_start(void);
/* The decrementer interrupt (0x900). */
void timer_interrupt(void);

/*
 * A call made from the first tick at or after `deadline`, on the CPU that
 * queued it, with interrupts off. The event is the caller's storage until
 * it has run or been cancelled.
 */
struct timer_event {
	uint64_t deadline;
	void (*fn)(struct timer_event *e);
	struct timer_event *next;
};
void timer_event_add(struct timer_event *e, uint64_t deadline);
/* true if it was still queued (and now will not run). */
bool timer_event_cancel(struct timer_event *e);

static inline void tb_delay(uint64_t ticks)
{
	uint64_t start = mftb();

	while (mftb() - start < ticks)
		cpu_relax();
}

#define NSEC_PER_SEC	1000000000ull

/* Timebase ticks in sec seconds and nsec nanoseconds. */
static inline uint64_t tb_from_time(uint64_t sec, uint64_t nsec)
{
	return sec * tb_freq + nsec * tb_freq / NSEC_PER_SEC;
}

static inline uint64_t tb_to_us(uint64_t ticks)
{
	/* Whole seconds first: ticks * 10^6 would overflow after ten hours. */
	return tb_freq ? ticks / tb_freq * 1000000 + ticks % tb_freq * 1000000 / tb_freq : 0;
}
#endif
