// SPDX-License-Identifier: MIT
/* Wait queues over the scheduler's sleep: conditions, deadlines, interruptions. */

/*
 * The deliberate upcall of base/: this file calls the scheduler
 * (kernel/proc/sched.c) through the three functions of <vrm/sleep.h>,
 * thread_sleep_on, wakeup and wakeup_one, and nothing else above base/.
 * Why: more than one layer waits (mm/ for page I/O, kernel/ for ports,
 * the terminal and timed sleeps), so the wait queue belongs in base/,
 * which all of them may call; but to sleep is to give the CPU to another
 * thread, which only the scheduler can do, and the scheduler needs the
 * heap and the VMM (thread stacks, address-space switches) and so sits in
 * kernel/. Putting the queue in kernel/ instead would make mm/ call up for
 * every page-in; this keeps the one arrow up to three named functions.
 */
#include <stddef.h>
#include <vrm/errno.h>
#include <vrm/sleep.h>
#include <vrm/wait.h>

int wait_event_locked(struct wait_queue *wq, spinlock_t *lock, bool (*cond)(void *arg),
		      void *arg, unsigned int flags, uint64_t deadline)
{
	for (;;) {
		int why = thread_sleep_on(wq, cond, arg, deadline, lock);

		if (cond ? cond(arg) : why == 0)
			return 0;
		if (why == -ETIMEDOUT || (why == -EINTR && (flags & WAIT_INTERRUPTIBLE)))
			return why;
	}
}

int wait_event(struct wait_queue *wq, bool (*cond)(void *arg), void *arg,
	       unsigned int flags, uint64_t deadline)
{
	return wait_event_locked(wq, NULL, cond, arg, flags, deadline);
}

bool wake_one(struct wait_queue *wq)
{
	return wakeup_one(wq) != 0;
}

unsigned int wake_all(struct wait_queue *wq)
{
	return wakeup(wq);
}
