/* SPDX-License-Identifier: MIT */
/* Unnamed semaphores: an atomic count; waiters yield between looks. */

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdbool.h>

#include "tcb.h"

int sem_init(sem_t *sem, int pshared, unsigned int value)
{
	(void)pshared;
	if (value > SEM_VALUE_MAX) {
		errno = EINVAL;
		return -1;
	}
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

static int wait_until(sem_t *sem, const struct timespec *abstime)
{
	for (;;) {
		pthread_testcancel();
		if (take(sem))
			return 0;
		if (abstime && !__timespec_valid(abstime)) {
			errno = EINVAL;
			return -1;
		}
		if (abstime && __deadline_passed(CLOCK_REALTIME, abstime)) {
			errno = ETIMEDOUT;
			return -1;
		}
		sched_yield();
	}
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
	} while (!__atomic_compare_exchange_n(&sem->value, &v, v + 1, true, __ATOMIC_RELEASE,
					      __ATOMIC_RELAXED));
	return 0;
}

int sem_getvalue(sem_t *restrict sem, int *restrict value)
{
	*value = __atomic_load_n(&sem->value, __ATOMIC_ACQUIRE);
	return 0;
}
