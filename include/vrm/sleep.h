/* SPDX-License-Identifier: MIT */
/* The scheduler's sleep and wake-up on a channel, as base/wait.c calls them. */
#ifndef VRM_SLEEP_H
#define VRM_SLEEP_H

/*
 * These three, defined in kernel/proc/sched.c, are all that base/ calls in
 * kernel/: the deliberate upcall of base/wait.c, which builds wait queues
 * on them (the reason is written there). Keep this header to them; the
 * rest of the scheduler is <vrm/sched.h>, which includes this one.
 */

#include <stdbool.h>
#include <stdint.h>
#include <arch/spinlock.h>

/*
 * One sleep on chan, saying why it ended: 0 (a wakeup, or cond() true),
 * -EINTR (thread_interrupt) or -ETIMEDOUT (the timebase reached deadline;
 * 0: none). With release, a spinlock the caller holds with interrupts
 * off: given up only once the thread is on the sleep list, so a wakeup
 * issued under that lock cannot be missed, and held again on return.
 */
int thread_sleep_on(const void *chan, bool (*cond)(void *arg), void *arg, uint64_t deadline,
		    spinlock_t *release);
/* Wakes every thread sleeping on chan; returns how many. */
unsigned int wakeup(const void *chan);
/* Wakes the thread that has slept longest on chan; returns 1, or 0. */
unsigned int wakeup_one(const void *chan);
#endif
