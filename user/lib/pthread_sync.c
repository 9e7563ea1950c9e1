/* SPDX-License-Identifier: MIT */
/*
 * Mutexes, condition variables and pthread_once. A thread that must wait
 * sleeps in the kernel on the word it waits for (thread_waitaddr) until
 * another thread changes it and wakes it; condition variables queue
 * their waiters so that a signal wakes exactly the one that has waited
 * longest.
 */

#include <errno.h>
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>

#include "lock.h"
#include "sys.h"
#include "tcb.h"

void __wait_addr(int *addr, int expected, const struct timespec *timeout)
{
	__syscall(SYS_thread_waitaddr, (long)addr, expected, (long)timeout, 0, 0, 0);
}

void __wake_addr(int *addr, int n)
{
	__syscall(SYS_thread_wakeaddr, (long)addr, n, 0, 0, 0, 0);
}

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict attr)
{
	(void)attr;
	*m = (pthread_mutex_t)PTHREAD_MUTEX_INITIALIZER;
	return 0;
}

int pthread_mutex_destroy(pthread_mutex_t *m)
{
	return m->locked ? EBUSY : 0;
}

int pthread_mutex_trylock(pthread_mutex_t *m)
{
	pthread_t me = pthread_self();

	if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) == me)
		return EDEADLK;
	if (!__lock_try(&m->locked))
		return EBUSY;
	__atomic_store_n(&m->owner, me, __ATOMIC_RELAXED);
	return 0;
}

int pthread_mutex_lock(pthread_mutex_t *m)
{
	pthread_t me = pthread_self();

	if (__atomic_load_n(&m->owner, __ATOMIC_RELAXED) == me)
		return EDEADLK;
	__lock(&m->locked);
	__atomic_store_n(&m->owner, me, __ATOMIC_RELAXED);
	return 0;
}

int pthread_mutex_unlock(pthread_mutex_t *m)
{
	if (!m->locked || m->owner != pthread_self())
		return EPERM;
	__atomic_store_n(&m->owner, 0, __ATOMIC_RELAXED);
	__unlock(&m->locked);
	return 0;
}

bool __timespec_valid(const struct timespec *ts)
{
	return ts->tv_nsec >= 0 && ts->tv_nsec < 1000000000;
}

int __wait_addr_until(int *addr, int expected, clockid_t clock, const struct timespec *abstime)
{
	struct timespec now, left;

	if (!abstime) {
		__wait_addr(addr, expected, NULL);
		return 0;
	}
	clock_gettime(clock, &now);
	left.tv_sec = abstime->tv_sec - now.tv_sec;
	left.tv_nsec = abstime->tv_nsec - now.tv_nsec;
	if (left.tv_nsec < 0) {
		left.tv_nsec += 1000000000;
		left.tv_sec--;
	}
	if (left.tv_sec < 0 || (!left.tv_sec && !left.tv_nsec))
		return ETIMEDOUT;
	__wait_addr(addr, expected, &left);
	return 0;
}

int pthread_condattr_init(pthread_condattr_t *attr)
{
	attr->clock = CLOCK_REALTIME;
	return 0;
}

int pthread_condattr_destroy(pthread_condattr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock)
{
	if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC)
		return EINVAL;
	attr->clock = clock;
	return 0;
}

int pthread_condattr_getclock(const pthread_condattr_t *restrict attr, clockid_t *restrict clock)
{
	*clock = attr->clock;
	return 0;
}

/* A waiting thread's place in the queue, on its own stack. */
struct __pthread_waiter {
	struct __pthread_waiter *next;
	int woken;
};

int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict attr)
{
	*c = (pthread_cond_t)PTHREAD_COND_INITIALIZER;
	if (attr)
		c->clock = attr->clock;
	return 0;
}

int pthread_cond_destroy(pthread_cond_t *c)
{
	bool busy;

	__lock(&c->lock);
	busy = c->head != NULL;
	__unlock(&c->lock);
	return busy ? EBUSY : 0;
}

/* Wakes the first waiter; cond lock held. Once woken is set the waiter
 * may return and its node is gone. */
static void wake_first(pthread_cond_t *c)
{
	struct __pthread_waiter *w = c->head;

	if (!w)
		return;
	c->head = w->next;
	if (!c->head)
		c->tail = NULL;
	__atomic_store_n(&w->woken, 1, __ATOMIC_RELEASE);
	/* Harmless if the waiter saw woken and left: a wake on a word no
	 * one waits for is lost. */
	__wake_addr(&w->woken, 1);
}

int pthread_cond_signal(pthread_cond_t *c)
{
	__lock(&c->lock);
	wake_first(c);
	__unlock(&c->lock);
	return 0;
}

int pthread_cond_broadcast(pthread_cond_t *c)
{
	__lock(&c->lock);
	while (c->head)
		wake_first(c);
	__unlock(&c->lock);
	return 0;
}

/* Takes w out of the queue; false if a signal woke it meanwhile. */
static bool leave(pthread_cond_t *c, struct __pthread_waiter *w)
{
	struct __pthread_waiter *prev = NULL;
	bool queued = false;

	__lock(&c->lock);
	if (!__atomic_load_n(&w->woken, __ATOMIC_ACQUIRE)) {
		for (struct __pthread_waiter *p = c->head; p != w; p = p->next)
			prev = p;
		if (prev)
			prev->next = w->next;
		else
			c->head = w->next;
		if (c->tail == w)
			c->tail = prev;
		queued = true;
	}
	__unlock(&c->lock);
	return queued;
}

static int cond_wait(pthread_cond_t *c, pthread_mutex_t *m, const struct timespec *abstime)
{
	struct __pthread_waiter w = { 0 };
	int err = 0;

	if (abstime && !__timespec_valid(abstime))
		return EINVAL;
	if (!m->locked || m->owner != pthread_self())
		return EPERM;
	pthread_testcancel();
	__lock(&c->lock);
	if (c->tail)
		c->tail->next = &w;
	else
		c->head = &w;
	c->tail = &w;
	__unlock(&c->lock);
	pthread_mutex_unlock(m);
	while (!__atomic_load_n(&w.woken, __ATOMIC_ACQUIRE)) {
		if (__cancel_requested()) {
			/* A signal this thread took goes to the next waiter. */
			if (!leave(c, &w))
				pthread_cond_signal(c);
			break;
		}
		if (__wait_addr_until(&w.woken, 0, c->clock, abstime) == ETIMEDOUT) {
			if (leave(c, &w))
				err = ETIMEDOUT;
			break;
		}
	}
	/* Cancellation acts with the mutex held again, as POSIX says. */
	pthread_mutex_lock(m);
	pthread_testcancel();
	return err;
}

int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m)
{
	return cond_wait(c, m, NULL);
}

int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
			   const struct timespec *restrict abstime)
{
	return cond_wait(c, m, abstime);
}

/* ONCE_WAITED: running, and another thread sleeps until it is done. */
enum { ONCE_NOT_RUN, ONCE_RUNNING, ONCE_DONE, ONCE_WAITED };

/* The routine's end (done, or not run after all) wakes the waiters. */
static void once_end(pthread_once_t *once, int state)
{
	if (__atomic_exchange_n(&once->state, state, __ATOMIC_RELEASE) == ONCE_WAITED)
		__wake_addr(&once->state, INT_MAX);
}

/* A cancelled init routine leaves the once as if it had never run. */
static void once_cancelled(void *arg)
{
	once_end(arg, ONCE_NOT_RUN);
}

int pthread_once(pthread_once_t *once, void (*init)(void))
{
	for (;;) {
		int state = __atomic_load_n(&once->state, __ATOMIC_ACQUIRE);

		if (state == ONCE_DONE)
			return 0;
		if (state == ONCE_NOT_RUN &&
		    __atomic_compare_exchange_n(&once->state, &state, ONCE_RUNNING, false,
						__ATOMIC_ACQUIRE, __ATOMIC_RELAXED)) {
			pthread_cleanup_push(once_cancelled, once);
			init();
			pthread_cleanup_pop(0);
			once_end(once, ONCE_DONE);
			return 0;
		}
		if (state == ONCE_RUNNING &&
		    !__atomic_compare_exchange_n(&once->state, &state, ONCE_WAITED, false,
						 __ATOMIC_RELAXED, __ATOMIC_RELAXED))
			continue;
		if (state != ONCE_NOT_RUN)
			__wait_addr(&once->state, ONCE_WAITED, NULL);
	}
}
