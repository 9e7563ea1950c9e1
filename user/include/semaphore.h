/* SPDX-License-Identifier: MIT */
/*
 * POSIX unnamed semaphores. A semaphore is one word of memory, changed
 * with atomic instructions; a thread that must wait yields the CPU
 * between looks, as the mutexes do (<pthread.h>). sem_wait and
 * sem_timedwait are cancellation points; a handled signal does not end
 * them (no EINTR: the wait goes on after the handler). Named semaphores
 * (sem_open) need memory shared between processes, which vrm does not
 * have yet.
 */
#ifndef _SEMAPHORE_H
#define _SEMAPHORE_H

#include <limits.h>
#include <time.h>

typedef struct {
	int value;
	int waiters;		/* threads that may sleep until a post */
} sem_t;

/* EINVAL for a value above SEM_VALUE_MAX. pshared is accepted: the
 * semaphore works for every thread that can reach its memory. */
int sem_init(sem_t *sem, int pshared, unsigned int value);
int sem_destroy(sem_t *sem);
int sem_wait(sem_t *sem);
/* -1 with EAGAIN when the value is 0. */
int sem_trywait(sem_t *sem);
/* The deadline is on CLOCK_REALTIME: -1 with ETIMEDOUT after it, EINVAL
 * for a tv_nsec out of range when the call would wait. */
int sem_timedwait(sem_t *restrict sem, const struct timespec *restrict abstime);
/* -1 with EOVERFLOW at SEM_VALUE_MAX. */
int sem_post(sem_t *sem);
/* The value now, never below 0. */
int sem_getvalue(sem_t *restrict sem, int *restrict value);

#endif /* _SEMAPHORE_H */
