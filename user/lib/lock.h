/* SPDX-License-Identifier: MIT */
/*
 * The library's own locks (malloc's heap, a stream) and its mutexes: a
 * word that is 0 when free, 1 when held, 2 when held and a thread may be
 * waiting. A thread that finds it taken sleeps in the kernel
 * (thread_waitaddr) until the holder's unlock wakes it.
 */
#ifndef USER_LIB_LOCK_H
#define USER_LIB_LOCK_H

#include <stdbool.h>
#include <stddef.h>
#include <time.h>

enum { LOCK_FREE, LOCK_HELD, LOCK_CONTENDED };

/* Sleeps while *addr is expected (pthread_sync.c): a return says only
 * "look again". timeout: how long at most, or NULL. */
void __wait_addr(int *addr, int expected, const struct timespec *timeout);
/* Wakes up to n threads sleeping on addr. */
void __wake_addr(int *addr, int n);

static inline int __lock_try(int *lock)
{
	int free = LOCK_FREE;

	return __atomic_compare_exchange_n(lock, &free, LOCK_HELD, false, __ATOMIC_ACQUIRE,
					   __ATOMIC_RELAXED);
}

static inline void __lock(int *lock)
{
	if (__lock_try(lock))
		return;
	while (__atomic_exchange_n(lock, LOCK_CONTENDED, __ATOMIC_ACQUIRE) != LOCK_FREE)
		__wait_addr(lock, LOCK_CONTENDED, NULL);
}

static inline void __unlock(int *lock)
{
	if (__atomic_exchange_n(lock, LOCK_FREE, __ATOMIC_RELEASE) == LOCK_CONTENDED)
		__wake_addr(lock, 1);
}

#endif /* USER_LIB_LOCK_H */
