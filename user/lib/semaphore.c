/* SPDX-License-Identifier: MIT */
/* Unnamed semaphores: an atomic count; waiters sleep in the kernel on it until a post. */

#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdbool.h>

#include "lock.h"
#include "tcb.h"

int sem_init(sem_t *sem, int pshared, unsigned int value)
{
	(void)pshared;
	if (value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
	__atomic_store_n(&sem->waiters, 0, __ATOMIC_RELAXED);
	__atomic_store_n(&sem->value, (int)value, __ATOMIC_RELEASE);
	return 0;
}

int sem_destroy(sem_t *sem)
{
	(void)sem;
	return 0;
}

/* Takes one unit if there is one. */
static bool take(sem_t *sem)
{
	int v = __atomic_load_n(&sem->value, __ATOMIC_RELAXED);

	while (v > 0)
		if (__atomic_compare_exchange_n(&sem->value, &v, v - 1, true, __ATOMIC_ACQUIRE,
						__ATOMIC_RELAXED))
			return true;
	return false;
}

int sem_trywait(sem_t *sem)
{
	if (take(sem))
		return 0;
	errno = EAGAIN;
	return -1;
}

/*
 * A waiter counts itself in waiters before it looks at the value, and a
 * post looks at waiters after it raised the value: one of the two sees
 * the other, so no post is missed.
 */
static int wait_until(sem_t *sem, const struct timespec *abstime)
{
	int err = 0;

	pthread_testcancel();
	if (take(sem))
		return 0;
	if (abstime && !__timespec_valid(abstime)) {
		errno = EINVAL;
		return -1;
	}
	__atomic_add_fetch(&sem->waiters, 1, __ATOMIC_SEQ_CST);
	while (!take(sem)) {
		if (__cancel_requested()) {
			__atomic_sub_fetch(&sem->waiters, 1, __ATOMIC_RELAXED);
			pthread_testcancel();
		}
		err = __wait_addr_until(&sem->value, 0, CLOCK_REALTIME, abstime);
		if (err)
			break;
	}
	__atomic_sub_fetch(&sem->waiters, 1, __ATOMIC_RELAXED);
	if (!err)
		return 0;
	errno = err;
	return -1;
}

int sem_wait(sem_t *sem)
{
	return wait_until(sem, NULL);
}

int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abstime)
{
	return wait_until(sem, abstime);
}

int sem_post(sem_t *sem)
{
	int v = __atomic_load_n(&sem->value, __ATOMIC_RELAXED);

	do {
		if (v == SEM_VALUE_MAX) {
			errno = EOVERFLOW;
			return -1;
		}
	} while (!__atomic_compare_exchange_n(&sem->value, &v, v + 1, true, __ATOMIC_SEQ_CST,
					      __ATOMIC_RELAXED));
	if (__atomic_load_n(&sem->waiters, __ATOMIC_SEQ_CST))
		__wake_addr(&sem->value, 1);
	return 0;
}

int sem_getvalue(sem_t *restrict sem, int *restrict value)
{
	*value = __atomic_load_n(&sem->value, __ATOMIC_ACQUIRE);
	return 0;
}
