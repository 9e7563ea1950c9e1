// SPDX-License-Identifier: MIT
/* Wait queues over the scheduler's sleep: conditions, deadlines, interruptions. */
#include <vrm/errno.h>
#include <vrm/sched.h>
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
