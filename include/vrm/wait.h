/* SPDX-License-Identifier: MIT */
/* Wait queues: a thread sleeps until a condition holds; others wake one or all. */
#ifndef VRM_WAIT_H
#define VRM_WAIT_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/spinlock.h>

/*
 * A queue is named by its address: the scheduler keeps its sleepers. The
 * condition is checked against wakes atomically, so a wake between the
 * check and the sleep is never lost. wake_one and wake_all may be called
 * from interrupt handlers; wait_event only from a thread.
 */
struct wait_queue {
	char name;		/* only its address counts */
};
#define WAIT_QUEUE_INIT		{ 0 }

#define WAIT_INTERRUPTIBLE	0x1	/* thread_interrupt ends the wait: -EINTR */

/*
 * Sleeps until cond(arg) is true (checked after every wake), the timebase
 * reaches deadline (0: none) or, with WAIT_INTERRUPTIBLE, the thread is
 * interrupted. Without a cond, one wake ends the wait. 0, -ETIMEDOUT or
 * -EINTR.
 */
int wait_event(struct wait_queue *wq, bool (*cond)(void *arg), void *arg,
	       unsigned int flags, uint64_t deadline);
/*
 * The same for a caller that holds lock (taken with interrupts off) over
 * what cond reads and what the waker changes: the lock is given up while
 * the thread sleeps and held again on return.
 */
int wait_event_locked(struct wait_queue *wq, spinlock_t *lock, bool (*cond)(void *arg),
		      void *arg, unsigned int flags, uint64_t deadline);
/* Wakes the thread that has waited longest; whether there was one. */
bool wake_one(struct wait_queue *wq);
/* Wakes every waiting thread; how many. */
unsigned int wake_all(struct wait_queue *wq);

#endif
