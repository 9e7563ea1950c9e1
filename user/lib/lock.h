/* SPDX-License-Identifier: MIT */
/*
 * The library's own locks (malloc's heap, a stream): a word taken with an
 * atomic exchange; a thread that finds it taken yields the CPU to the
 * holder instead of spinning.
 */
#ifndef USER_LIB_LOCK_H
#define USER_LIB_LOCK_H

#include <sched.h>

static inline int __lock_try(int *lock)
{
	return !__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE);
}

static inline void __lock(int *lock)
{
	while (!__lock_try(lock))
		sched_yield();
}

static inline void __unlock(int *lock)
{
	__atomic_store_n(lock, 0, __ATOMIC_RELEASE);
}

#endif /* USER_LIB_LOCK_H */
