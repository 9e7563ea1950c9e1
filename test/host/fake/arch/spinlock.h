/* SPDX-License-Identifier: MIT */
/* Host tests: spinlocks for single-threaded tests, which fail on self-deadlock. */
#ifndef ARCH_SPINLOCK_H
#define ARCH_SPINLOCK_H

/*
 * Stands in for arch/ppc64's header in the host build of kernel code
 * (test/host/fake comes first on the include path). A test runs on one
 * thread, so taking a lock that is already held can only be the code under
 * test locking itself out: that aborts with a message instead of hanging.
 * Only builtins here, as kernel code sees the kernel's libc headers.
 */

typedef struct {
	volatile unsigned int locked;
} spinlock_t;

#define SPINLOCK_INIT	{ 0 }

static inline void spin_lock(spinlock_t *l)
{
	if (l->locked) {
		__builtin_printf("# spinlock %p taken while held\n", (void *)l);
		__builtin_abort();
	}
	l->locked = 1;
}

static inline void spin_unlock(spinlock_t *l)
{
	if (!l->locked) {
		__builtin_printf("# spinlock %p released while free\n", (void *)l);
		__builtin_abort();
	}
	l->locked = 0;
}

static inline unsigned long spin_lock_irqsave(spinlock_t *l)
{
	spin_lock(l);
	return 0;
}

static inline void spin_unlock_irqrestore(spinlock_t *l, unsigned long flags)
{
	(void)flags;
	spin_unlock(l);
}
#endif
