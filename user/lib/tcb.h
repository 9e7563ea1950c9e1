/* SPDX-License-Identifier: MIT */
/*
 * A thread's control block: what the library keeps per thread. r13 (the
 * ELFv2 thread pointer, which compiled code never uses otherwise) points
 * at the running thread's; crt0 sets the first thread's, the thread
 * start code each new one's.
 */
#ifndef USER_LIB_TCB_H
#define USER_LIB_TCB_H

#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <sys/types.h>

struct __tcb {
	int err;			/* errno */
	tid_t tid;			/* 0 until asked, and after fork */
	void *(*start)(void *);
	void *arg;
	void *result;			/* pthread_exit's */
	void *block;			/* malloc'd memory, NULL for the first thread */
	/* Under the thread list's lock (__threads_lock): */
	struct __tcb *next;		/* on the list of threads, or of the ended
					   detached ones */
	bool detached, exited, joining;
	bool starting;			/* until pthread_create has written tid */
	int on_stack;			/* until the kernel has seen it leave its stack */
	/* Cancellation: set by pthread_cancel, acted on by the thread. */
	int cancel_pending;
	bool cancel_disabled;
	struct __pthread_cleanup *cleanup;	/* innermost first */
	const void *specific[PTHREAD_KEYS_MAX];
};

static inline struct __tcb *__tcb_self(void)
{
	struct __tcb *tp;

	__asm__("mr %0, 13" : "=r"(tp));
	return tp;
}

/* fork: the child's only thread has a new id. */
void __tcb_forked(void);

/* The lock over every thread's list fields and the key table. */
void __threads_lock(void);
void __threads_unlock(void);
/* The first thread on the list; each one's next is the next (lock held). */
struct __tcb *__threads_first(void);

/* True when a cancellation request is pending and enabled. */
bool __cancel_requested(void);

/* Waits with a deadline: tv_nsec in 0..999999999; one sleep while *addr
 * is expected, until clock reaches abstime (NULL: none): ETIMEDOUT once
 * it has, else 0, and the caller looks again. */
bool __timespec_valid(const struct timespec *ts);
int __wait_addr_until(int *addr, int expected, clockid_t clock, const struct timespec *abstime);

/* pthread_exit: the destructors of the thread's non-NULL keys. */
void __run_key_destructors(struct __tcb *self);

#endif /* USER_LIB_TCB_H */
