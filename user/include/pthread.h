/* SPDX-License-Identifier: MIT */
/*
 * POSIX threads over vrm's kernel threads: create, join, detach, exit,
 * attributes, signals to one thread, per-thread signal masks, mutexes,
 * condition variables, once, thread-specific data and deferred
 * cancellation. Constants have AIX's values. Not here yet: read-write
 * locks, barriers, spin locks, pthread_atfork, mutex types and
 * asynchronous cancellation.
 *
 * vrm has no call that puts a user thread to sleep until another wakes
 * it: a thread that waits for a mutex, a condition variable, a semaphore
 * or pthread_once yields the CPU to others between looks, as the
 * library's own locks do. pthread_join sleeps in the kernel.
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <limits.h>
#include <sched.h>
#include <signal.h>
#include <stddef.h>
#include <sys/types.h>
#include <time.h>

typedef tid_t pthread_t;

#define PTHREAD_CREATE_JOINABLE		0
#define PTHREAD_CREATE_DETACHED		1
#define PTHREAD_INHERIT_SCHED		0
#define PTHREAD_EXPLICIT_SCHED		1
#define PTHREAD_SCOPE_SYSTEM		0	/* each thread is a kernel thread */
#define PTHREAD_SCOPE_PROCESS		1	/* not available: ENOTSUP */
#define PTHREAD_STACK_DEFAULT		(256 * 1024)

typedef struct {
	size_t stacksize;
	void *stackaddr;		/* NULL: the library allocates the stack */
	int detachstate;
	int inheritsched;
	int schedpolicy;
	int scope;
	struct sched_param schedparam;
} pthread_attr_t;

/*
 * The defaults: a 256 KiB stack from malloc, joinable, the creator's
 * scheduling (SCHED_OTHER at priority 0, the only one), system scope, no
 * guard area. What vrm cannot do is refused: SCHED_FIFO and SCHED_RR,
 * PTHREAD_SCOPE_PROCESS and a guard area give ENOTSUP, a priority other
 * than 0 and a stack under PTHREAD_STACK_MIN EINVAL.
 */
int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setdetachstate(pthread_attr_t *attr, int state);
int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state);
int pthread_attr_setschedpolicy(pthread_attr_t *attr, int policy);
int pthread_attr_getschedpolicy(const pthread_attr_t *restrict attr, int *restrict policy);
int pthread_attr_setschedparam(pthread_attr_t *restrict attr,
			       const struct sched_param *restrict param);
int pthread_attr_getschedparam(const pthread_attr_t *restrict attr,
			       struct sched_param *restrict param);
int pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit);
int pthread_attr_getinheritsched(const pthread_attr_t *restrict attr, int *restrict inherit);
int pthread_attr_setscope(pthread_attr_t *attr, int scope);
int pthread_attr_getscope(const pthread_attr_t *restrict attr, int *restrict scope);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *restrict attr, size_t *restrict size);
/* A stack of the caller's: [addr, addr + size), used as it is. */
int pthread_attr_setstack(pthread_attr_t *attr, void *addr, size_t size);
int pthread_attr_getstack(const pthread_attr_t *restrict attr, void **restrict addr,
			  size_t *restrict size);
/* Only 0: vrm cannot protect a page of the heap yet. */
int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size);
int pthread_attr_getguardsize(const pthread_attr_t *restrict attr, size_t *restrict size);

int pthread_create(pthread_t *restrict thread, const pthread_attr_t *restrict attr,
		   void *(*start)(void *), void *restrict arg);
/* Sleeps in the kernel until the thread ends; EINVAL for a detached one. */
int pthread_join(pthread_t thread, void **result);
/*
 * A detached thread's stack and control block are freed by the next
 * pthread_create or pthread_detach of the task after it ends (a thread
 * cannot free the stack it runs on).
 */
int pthread_detach(pthread_t thread);
/* Runs the cleanup handlers, then the key destructors. The last thread's
 * pthread_exit is exit(0). */
void pthread_exit(void *result) __attribute__((noreturn));
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_kill(pthread_t thread, int sig);
int pthread_sigmask(int how, const sigset_t *restrict set, sigset_t *restrict old);

/* An error-checking mutex: relocking returns EDEADLK, unlocking another
 * thread's EPERM. */
typedef struct {
	int locked;
	pthread_t owner;
} pthread_mutex_t;

typedef struct {
	int unused;
} pthread_mutexattr_t;

#define PTHREAD_MUTEX_INITIALIZER	{ 0, 0 }

int pthread_mutex_init(pthread_mutex_t *restrict m, const pthread_mutexattr_t *restrict attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);

/* Condition variables: the waiters queue in order, and a signal wakes
 * the one that has waited longest. */
struct __pthread_waiter;

typedef struct {
	int lock;
	clockid_t clock;		/* of pthread_cond_timedwait's deadline */
	struct __pthread_waiter *head, *tail;
} pthread_cond_t;

typedef struct {
	clockid_t clock;
} pthread_condattr_t;

#define PTHREAD_COND_INITIALIZER	{ 0, CLOCK_REALTIME, NULL, NULL }

int pthread_condattr_init(pthread_condattr_t *attr);
int pthread_condattr_destroy(pthread_condattr_t *attr);
/* CLOCK_REALTIME (the default) or CLOCK_MONOTONIC. */
int pthread_condattr_setclock(pthread_condattr_t *attr, clockid_t clock);
int pthread_condattr_getclock(const pthread_condattr_t *restrict attr,
			      clockid_t *restrict clock);
int pthread_cond_init(pthread_cond_t *restrict c, const pthread_condattr_t *restrict attr);
/* EBUSY while a thread waits. */
int pthread_cond_destroy(pthread_cond_t *c);
/* EPERM unless the caller holds m. */
int pthread_cond_wait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m);
int pthread_cond_timedwait(pthread_cond_t *restrict c, pthread_mutex_t *restrict m,
			   const struct timespec *restrict abstime);
int pthread_cond_signal(pthread_cond_t *c);
int pthread_cond_broadcast(pthread_cond_t *c);

typedef struct {
	int state;
} pthread_once_t;

#define PTHREAD_ONCE_INIT	{ 0 }

int pthread_once(pthread_once_t *once, void (*init)(void));

/* Thread-specific data: PTHREAD_KEYS_MAX keys (<limits.h>). */
typedef unsigned int pthread_key_t;

int pthread_key_create(pthread_key_t *key, void (*destructor)(void *));
int pthread_key_delete(pthread_key_t key);
void *pthread_getspecific(pthread_key_t key);
int pthread_setspecific(pthread_key_t key, const void *value);

/*
 * Cancellation, deferred only: a request acts when the thread, with
 * cancellation enabled, reaches pthread_testcancel or a cancellation
 * point of the library (pthread_join, pthread_cond_wait and timedwait,
 * sem_wait and timedwait, read, write, open, close, nanosleep, sleep,
 * usleep, pause, sigsuspend, wait, waitpid), on entry, or while it waits
 * in a condition variable or semaphore. A thread asleep in the kernel
 * (nanosleep, read, pause, waitpid, pthread_join) sees it only when that
 * call returns. PTHREAD_CANCEL_ASYNCHRONOUS gives ENOTSUP.
 */
#define PTHREAD_CANCELED		((void *)-1)
#define PTHREAD_CANCEL_DISABLE		0
#define PTHREAD_CANCEL_ENABLE		1
#define PTHREAD_CANCEL_DEFERRED		0
#define PTHREAD_CANCEL_ASYNCHRONOUS	1

int pthread_cancel(pthread_t thread);
int pthread_setcancelstate(int state, int *old);
int pthread_setcanceltype(int type, int *old);
void pthread_testcancel(void);

struct __pthread_cleanup {
	struct __pthread_cleanup *next;
	void (*fn)(void *);
	void *arg;
};

void __pthread_cleanup_push(struct __pthread_cleanup *c, void (*fn)(void *), void *arg);
void __pthread_cleanup_pop(struct __pthread_cleanup *c, int execute);

/* A pair in one block, as POSIX's macros are. */
#define pthread_cleanup_push(fn, arg)					\
	{								\
		struct __pthread_cleanup __cleanup;			\
		__pthread_cleanup_push(&__cleanup, (fn), (arg));
#define pthread_cleanup_pop(execute)					\
		__pthread_cleanup_pop(&__cleanup, (execute));		\
	}

#endif /* _PTHREAD_H */
