/* SPDX-License-Identifier: MIT */
/*
 * Deferred cancellation: the state and type, pthread_testcancel, and the
 * cleanup handlers. pthread_cancel (pthread.c) marks the target; the
 * target acts on it at a cancellation point.
 */

#include <errno.h>
#include <pthread.h>

#include "tcb.h"

bool __cancel_requested(void)
{
	struct __tcb *self = __tcb_self();

	return !self->cancel_disabled && __atomic_load_n(&self->cancel_pending, __ATOMIC_ACQUIRE);
}

void pthread_testcancel(void)
{
	if (__cancel_requested())
		pthread_exit(PTHREAD_CANCELED);
}

int pthread_setcancelstate(int state, int *old)
{
	struct __tcb *self = __tcb_self();

	if (state != PTHREAD_CANCEL_ENABLE && state != PTHREAD_CANCEL_DISABLE)
		return EINVAL;
	if (old)
		*old = self->cancel_disabled ? PTHREAD_CANCEL_DISABLE : PTHREAD_CANCEL_ENABLE;
	self->cancel_disabled = state == PTHREAD_CANCEL_DISABLE;
	return 0;
}

/* Acting between any two instructions needs the kernel to stop the
 * thread: not there yet. */
int pthread_setcanceltype(int type, int *old)
{
	if (type == PTHREAD_CANCEL_ASYNCHRONOUS)
		return ENOTSUP;
	if (type != PTHREAD_CANCEL_DEFERRED)
		return EINVAL;
	if (old)
		*old = PTHREAD_CANCEL_DEFERRED;
	return 0;
}

void __pthread_cleanup_push(struct __pthread_cleanup *c, void (*fn)(void *), void *arg)
{
	struct __tcb *self = __tcb_self();

	*c = (struct __pthread_cleanup){ .next = self->cleanup, .fn = fn, .arg = arg };
	self->cleanup = c;
}

void __pthread_cleanup_pop(struct __pthread_cleanup *c, int execute)
{
	__tcb_self()->cleanup = c->next;
	if (execute)
		c->fn(c->arg);
}
