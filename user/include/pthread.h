/* SPDX-License-Identifier: MIT */
/*
 * POSIX threads over vrm's kernel threads: create, join, exit, self,
 * signals to one thread, per-thread signal masks, and mutexes. Not here:
 * condition variables, thread-specific data, cancellation, detached
 * threads and scheduling attributes.
 */
#ifndef _PTHREAD_H
#define _PTHREAD_H

#include <limits.h>
#include <signal.h>
#include <stddef.h>
#include <sys/types.h>

typedef tid_t pthread_t;

typedef struct {
	size_t stacksize;
} pthread_attr_t;

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
#define PTHREAD_STACK_DEFAULT		(256 * 1024)

int pthread_attr_init(pthread_attr_t *attr);
int pthread_attr_destroy(pthread_attr_t *attr);
int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size);
int pthread_attr_getstacksize(const pthread_attr_t *attr, size_t *size);

/* The stack comes from malloc and has no guard page. */
int pthread_create(pthread_t *thread, const pthread_attr_t *attr,
		   void *(*start)(void *), void *arg);
int pthread_join(pthread_t thread, void **result);
/* The last thread's pthread_exit is exit(0). */
void pthread_exit(void *result) __attribute__((noreturn));
pthread_t pthread_self(void);
int pthread_equal(pthread_t a, pthread_t b);
int pthread_kill(pthread_t thread, int sig);
int pthread_sigmask(int how, const sigset_t *set, sigset_t *old);

int pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr);
int pthread_mutex_destroy(pthread_mutex_t *m);
int pthread_mutex_lock(pthread_mutex_t *m);
int pthread_mutex_trylock(pthread_mutex_t *m);
int pthread_mutex_unlock(pthread_mutex_t *m);

#endif /* _PTHREAD_H */
