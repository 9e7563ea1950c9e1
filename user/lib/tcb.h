/* SPDX-License-Identifier: MIT */
/*
 * A thread's control block: what the library keeps per thread. r13 (the
 * ELFv2 thread pointer, which compiled code never uses otherwise) points
 * at the running thread's; crt0 sets the first thread's, the thread
 * start code each new one's.
 */
#ifndef USER_LIB_TCB_H
#define USER_LIB_TCB_H

#include <stdbool.h>
#include <sys/types.h>

struct __tcb {
	int err;			/* errno */
	tid_t tid;			/* 0 until asked, and after fork */
	void *(*start)(void *);
	void *arg;
	void *result;			/* pthread_exit's */
	void *block;			/* malloc'd stack and block, NULL for the first thread */
};

static inline struct __tcb *__tcb_self(void)
{
	struct __tcb *tp;

	__asm__("mr %0, 13" : "=r"(tp));
	return tp;
}

/* fork: the child's only thread has a new id. */
void __tcb_forked(void);

#endif /* USER_LIB_TCB_H */
