/* SPDX-License-Identifier: MIT */
/* POSIX threads: each is a kernel thread of the task (SYS_thread_*). */

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/thread.h>

#include "lock.h"
#include "sys.h"
#include "tcb.h"

/* The first thread's control block; crt0 points r13 at it. */
struct __tcb __main_tcb;

int *__errno_location(void)
{
	return &__tcb_self()->err;
}

void __tcb_forked(void)
{
	__tcb_self()->tid = 0;
}

tid_t thread_self(void)
{
	return __syscall(SYS_thread_self, 0, 0, 0, 0, 0, 0);
}

int pthread_attr_init(pthread_attr_t *attr)
{
	attr->stacksize = PTHREAD_STACK_DEFAULT;
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size)
{
	*size = attr->stacksize;
	return 0;
}

void __thread_main(struct __tcb *tcb);
void __thread_start(void);

void __thread_main(struct __tcb *tcb)
{
	tcb->tid = thread_self();
	pthread_exit(tcb->start(tcb->arg));
}

/*
 * One malloc'd block per thread: its stack, then its control block at the
 * top, which is the stack's start.
 */
int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg)
{
	size_t size = attr ? attr->stacksize : PTHREAD_STACK_DEFAULT;
	char *block;
	struct __tcb *tcb;
	long tid;

	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	block = malloc(size);
	if (!block)
		return EAGAIN;
	tcb = (struct __tcb *)(((uintptr_t)block + size - sizeof(*tcb)) & ~(uintptr_t)15);
	*tcb = (struct __tcb){ .start = start, .arg = arg, .block = block };
	tid = __syscall(SYS_thread_create, (long)__thread_start, (long)tcb, (long)tcb, 0, 0, 0);
	if (tid < 0) {
		free(block);
		return (int)-tid;
	}
	*thread = tid;
	return 0;
}

/* The kernel keeps the control block's address as the thread's value. */
int pthread_join(pthread_t thread, void **result)
{
	long value;
	long r;

	if (thread == pthread_self())
		return EDEADLK;
	do
		r = __syscall(SYS_thread_join, thread, (long)&value, 0, 0, 0, 0);
	while (r == -EINTR);
	if (r < 0)
		return (int)-r;
	if (result)
		*result = ((struct __tcb *)value)->result;
	free(((struct __tcb *)value)->block);
	return 0;
}

void pthread_exit(void *result)
{
	struct __tcb *tcb = __tcb_self();

	tcb->result = result;
	/* Returns only to the task's last thread. */
	__syscall(SYS_thread_exit, (long)tcb, 0, 0, 0, 0, 0);
	exit(0);
}

pthread_t pthread_self(void)
{
	struct __tcb *tcb = __tcb_self();

	if (!tcb->tid)
		tcb->tid = thread_self();
	return tcb->tid;
}

int pthread_equal(pthread_t a, pthread_t b)
{
	return a == b;
}

int pthread_kill(pthread_t thread, int sig)
{
	long r = __syscall(SYS_thread_kill, thread, sig, 0, 0, 0, 0);

	return r < 0 ? (int)-r : 0;
}

/* Signal masks belong to each thread. */
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old)
{
	return sigprocmask(how, set, old) ? errno : 0;
}

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
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
