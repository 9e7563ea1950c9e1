/* SPDX-License-Identifier: MIT */
/* Thread attributes: what vrm can do is kept, the rest refused. */

#include <errno.h>
#include <pthread.h>

int pthread_attr_init(pthread_attr_t *attr)
{
	*attr = (pthread_attr_t){
		.stacksize = PTHREAD_STACK_DEFAULT,
		.detachstate = PTHREAD_CREATE_JOINABLE,
		.inheritsched = PTHREAD_INHERIT_SCHED,
		.schedpolicy = SCHED_OTHER,
		.scope = PTHREAD_SCOPE_SYSTEM,
	};
	return 0;
}

int pthread_attr_destroy(pthread_attr_t *attr)
{
	(void)attr;
	return 0;
}

int pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
	if (state != PTHREAD_CREATE_JOINABLE && state != PTHREAD_CREATE_DETACHED)
		return EINVAL;
	attr->detachstate = state;
	return 0;
}

int pthread_attr_getdetachstate(const pthread_attr_t *attr, int *state)
{
	*state = attr->detachstate;
	return 0;
}

/* Every thread runs under SCHED_OTHER. */
int pthread_attr_setschedpolicy(pthread_attr_t *attr, int policy)
{
	if (policy == SCHED_FIFO || policy == SCHED_RR)
		return ENOTSUP;
	if (policy != SCHED_OTHER)
		return EINVAL;
	attr->schedpolicy = policy;
	return 0;
}

int pthread_attr_getschedpolicy(const pthread_attr_t *restrict attr, int *restrict policy)
{
	*policy = attr->schedpolicy;
	return 0;
}

/* SCHED_OTHER has the one priority 0 (sched_get_priority_min and max). */
int pthread_attr_setschedparam(pthread_attr_t *restrict attr,
			       const struct sched_param *restrict param)
{
	if (param->sched_priority != 0)
		return EINVAL;
	attr->schedparam = *param;
	return 0;
}

int pthread_attr_getschedparam(const pthread_attr_t *restrict attr,
			       struct sched_param *restrict param)
{
	*param = attr->schedparam;
	return 0;
}

/* Both are the same here: the creator's scheduling is the only one. */
int pthread_attr_setinheritsched(pthread_attr_t *attr, int inherit)
{
	if (inherit != PTHREAD_INHERIT_SCHED && inherit != PTHREAD_EXPLICIT_SCHED)
		return EINVAL;
	attr->inheritsched = inherit;
	return 0;
}

int pthread_attr_getinheritsched(const pthread_attr_t *restrict attr, int *restrict inherit)
{
	*inherit = attr->inheritsched;
	return 0;
}

/* Each thread is a kernel thread: system scope only. */
int pthread_attr_setscope(pthread_attr_t *attr, int scope)
{
	if (scope == PTHREAD_SCOPE_PROCESS)
		return ENOTSUP;
	if (scope != PTHREAD_SCOPE_SYSTEM)
		return EINVAL;
	attr->scope = scope;
	return 0;
}

int pthread_attr_getscope(const pthread_attr_t *restrict attr, int *restrict scope)
{
	*scope = attr->scope;
	return 0;
}

int pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
	if (size < PTHREAD_STACK_MIN)
		return EINVAL;
	attr->stacksize = size;
	return 0;
}

int pthread_attr_getstacksize(const pthread_attr_t *restrict attr, size_t *restrict size)
{
	*size = attr->stacksize;
	return 0;
}

int pthread_attr_setstack(pthread_attr_t *attr, void *addr, size_t size)
{
	if (size < PTHREAD_STACK_MIN || !addr)
		return EINVAL;
	attr->stackaddr = addr;
	attr->stacksize = size;
	return 0;
}

int pthread_attr_getstack(const pthread_attr_t *restrict attr, void **restrict addr,
			  size_t *restrict size)
{
	*addr = attr->stackaddr;
	*size = attr->stacksize;
	return 0;
}

/* A guard area needs a page the task cannot touch: not in vrm's heap. */
int pthread_attr_setguardsize(pthread_attr_t *attr, size_t size)
{
	(void)attr;
	return size ? ENOTSUP : 0;
}

int pthread_attr_getguardsize(const pthread_attr_t *restrict attr, size_t *restrict size)
{
	(void)attr;
	*size = 0;
	return 0;
}

int sched_get_priority_min(int policy)
{
	if (policy != SCHED_OTHER) {
		errno = EINVAL;
		return -1;
	}
	return 0;
}

int sched_get_priority_max(int policy)
{
	return sched_get_priority_min(policy);
}
