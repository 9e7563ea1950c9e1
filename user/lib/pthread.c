/* SPDX-License-Identifier: MIT */
/*
 * POSIX threads: each is a kernel thread of the task (SYS_thread_*); the
 * library keeps a list of them for detaching, joining, cancelling and
 * keys. The kernel frees a detached thread when it ends; the library
 * frees its stack once the kernel has said it left it.
 */

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

/* Every thread of the task that has not been joined or reaped, and the
 * ended detached threads waiting to be reaped; both under threads_lock. */
static struct __tcb *threads = &__main_tcb;
static struct __tcb *ended_detached;
static int threads_lock;

void __threads_lock(void)
{
	__lock(&threads_lock);
}

void __threads_unlock(void)
{
	__unlock(&threads_lock);
}

struct __tcb *__threads_first(void)
{
	return threads;
}

int *__errno_location(void)
{
	return &__tcb_self()->err;
}

void __tcb_forked(void)
{
	struct __tcb *self = __tcb_self();

	self->tid = 0;
	self->next = NULL;
	threads = self;
	ended_detached = NULL;
	threads_lock = 0;
}

tid_t thread_self(void)
{
	return __syscall(SYS_thread_self, 0, 0, 0, 0, 0, 0);
}

/* The thread with that id on the list, or NULL; lock held. */
static struct __tcb *find(pthread_t thread)
{
	for (struct __tcb *t = threads; t; t = t->next)
		if (__atomic_load_n(&t->tid, __ATOMIC_RELAXED) == thread)
			return t;
	return NULL;
}

/* Takes t off the list; lock held. */
static void unlink_thread(struct __tcb *t)
{
	for (struct __tcb **link = &threads; *link; link = &(*link)->next)
		if (*link == t) {
			*link = t->next;
			return;
		}
}

/* Moves an ended detached thread to the reaper's list; lock held. */
static void retire(struct __tcb *t)
{
	unlink_thread(t);
	t->next = ended_detached;
	ended_detached = t;
}

/* The thread with that id, for join or detach: ESRCH if there is none,
 * EINVAL if it is detached or being joined; lock held. */
static int find_joinable(pthread_t thread, struct __tcb **t)
{
	*t = find(thread);
	if (!*t)
		return ESRCH;
	return (*t)->detached || (*t)->joining ? EINVAL : 0;
}

/* Waits in the kernel for thread to end, whatever signals come. */
static long kernel_join(pthread_t thread)
{
	long r;

	do
		r = __syscall(SYS_thread_join, thread, 0, 0, 0, 0, 0);
	while (r == -EINTR);
	return r;
}

/*
 * Frees the stacks of the ended detached threads that the kernel has
 * seen leave them (on_stack 0). One whose creator has yet to write its
 * id, or still on its stack, stays for a later call.
 */
static void reap_detached(void)
{
	struct __tcb *t = NULL;

	__threads_lock();
	for (struct __tcb **link = &ended_detached; *link;) {
		struct __tcb *ended = *link;

		if (ended->starting || __atomic_load_n(&ended->on_stack, __ATOMIC_ACQUIRE)) {
			link = &ended->next;
			continue;
		}
		*link = ended->next;
		ended->next = t;
		t = ended;
	}
	__threads_unlock();
	while (t) {
		struct __tcb *next = t->next;
		void *block = t->block;

		free(block);
		t = next;
	}
}

void __thread_main(struct __tcb *tcb);
void __thread_start(void);

void __thread_main(struct __tcb *tcb)
{
	__atomic_store_n(&tcb->tid, thread_self(), __ATOMIC_RELAXED);
	pthread_exit(tcb->start(tcb->arg));
}

/*
 * One malloc'd block per thread: its control block and, unless the
 * attributes give a stack, the stack below it (the control block's
 * address is the stack's start).
 */
int pthread_create(pthread_t *restrict thread, const pthread_attr_t *restrict attr,
		   void *(*start)(void *), void *restrict arg)
{
	pthread_attr_t a;
	size_t own_stack;
	char *block, *top;
	struct __tcb *tcb;
	long tid;

	if (attr)
		a = *attr;
	else
		pthread_attr_init(&a);
	if (a.stacksize < PTHREAD_STACK_MIN)
		return EINVAL;
	reap_detached();
	/* The creator's id is on its control block before another thread can
	 * look for it. */
	pthread_self();
	own_stack = a.stackaddr ? 0 : a.stacksize;
	block = malloc(own_stack + sizeof(*tcb) + 16);
	if (!block)
		return EAGAIN;
	tcb = (struct __tcb *)(((uintptr_t)block + own_stack + 15) & ~(uintptr_t)15);
	top = a.stackaddr ? (char *)a.stackaddr + a.stacksize : (char *)tcb;
	*tcb = (struct __tcb){ .start = start, .arg = arg, .block = block, .starting = true,
			       .on_stack = 1, .detached = a.detachstate == PTHREAD_CREATE_DETACHED };
	__threads_lock();
	tcb->next = threads;
	threads = tcb;
	__threads_unlock();
	tid = __syscall(SYS_thread_create, (long)__thread_start, (long)tcb, (long)top, 0, 0, 0);
	__threads_lock();
	if (tid < 0) {
		unlink_thread(tcb);
	} else {
		__atomic_store_n(&tcb->tid, tid, __ATOMIC_RELAXED);
		tcb->starting = false;
	}
	__threads_unlock();
	if (tid < 0) {
		free(block);
		return (int)-tid;
	}
	/* The kernel frees it when it ends, or now if it has ended. */
	if (tcb->detached)
		__syscall(SYS_thread_detach, tid, 0, 0, 0, 0, 0);
	*thread = tid;
	return 0;
}

int pthread_join(pthread_t thread, void **result)
{
	struct __tcb *t;
	int err;
	long r;

	if (thread == pthread_self())
		return EDEADLK;
	pthread_testcancel();
	__threads_lock();
	err = find_joinable(thread, &t);
	if (!err)
		t->joining = true;
	__threads_unlock();
	if (err)
		return err;
	r = kernel_join(thread);
	__threads_lock();
	if (r < 0)
		t->joining = false;
	/* Its creator may still be about to write its id there. */
	while (r >= 0 && t->starting) {
		__threads_unlock();
		sched_yield();
		__threads_lock();
	}
	if (r >= 0)
		unlink_thread(t);
	__threads_unlock();
	if (r < 0)
		return (int)-r;
	if (result)
		*result = t->result;
	free(t->block);
	return 0;
}

int pthread_detach(pthread_t thread)
{
	struct __tcb *t;
	int err;

	__threads_lock();
	err = find_joinable(thread, &t);
	if (!err) {
		t->detached = true;
		if (t->exited)
			retire(t);
	}
	__threads_unlock();
	if (!err)
		__syscall(SYS_thread_detach, thread, 0, 0, 0, 0, 0);
	reap_detached();
	return err;
}

void pthread_exit(void *result)
{
	struct __tcb *self = __tcb_self();
	bool detached;

	/* A cancellation acts once: the handlers run with it disabled. */
	self->cancel_disabled = true;
	while (self->cleanup) {
		struct __pthread_cleanup *c = self->cleanup;

		self->cleanup = c->next;
		c->fn(c->arg);
	}
	__run_key_destructors(self);
	self->result = result;
	__threads_lock();
	self->exited = true;
	detached = self->detached;
	if (detached)
		retire(self);
	__threads_unlock();
	/* Returns only to the task's last thread. A detached thread's stack
	 * may go once the kernel has cleared on_stack. */
	__syscall(SYS_thread_exit, (long)self, detached ? (long)&self->on_stack : 0, 0, 0, 0, 0);
	exit(0);
}

pthread_t pthread_self(void)
{
	struct __tcb *tcb = __tcb_self();

	if (!tcb->tid)
		__atomic_store_n(&tcb->tid, thread_self(), __ATOMIC_RELAXED);
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
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return sigprocmask(how, set, old) ? errno : 0;
}

int pthread_cancel(pthread_t thread)
{
	struct __tcb *t;

	__threads_lock();
	t = find(thread);
	if (t)
		__atomic_store_n(&t->cancel_pending, 1, __ATOMIC_SEQ_CST);
	__threads_unlock();
	if (!t)
		return ESRCH;
	/* A thread asleep in a wait of the library's looks at its request. */
	__syscall(SYS_thread_post, thread, 0, 0, 0, 0, 0);
	return 0;
}
