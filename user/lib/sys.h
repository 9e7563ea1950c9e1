/* SPDX-License-Identifier: MIT */
/* The library's system call helpers: raw calls and the errno convention. */
#ifndef USER_LIB_SYS_H
#define USER_LIB_SYS_H

#include <errno.h>
#include <pthread.h>
#include <sys/syscall.h>

/* The kernel's -errno (-4095..-1) becomes -1 and errno. */
static inline long sys_result(long r)
{
	if ((unsigned long)r >= -4095ul) {
		errno = (int)-r;
		return -1;
	}
	return r;
}

/*
 * The end of a call that is a cancellation point (pthread_testcancel ran
 * on entry): a request acts also when a handled signal interrupted the
 * call, so a signal can bring it to a thread asleep in the kernel.
 */
static inline long cancel_point_end(long r)
{
	if (r == -1 && errno == EINTR)
		pthread_testcancel();
	return r;
}

#define sys0(nr)		sys_result(__syscall((nr), 0, 0, 0, 0, 0, 0))
#define sys1(nr, a)		sys_result(__syscall((nr), (long)(a), 0, 0, 0, 0, 0))
#define sys2(nr, a, b)		sys_result(__syscall((nr), (long)(a), (long)(b), 0, 0, 0, 0))
#define sys3(nr, a, b, c)	sys_result(__syscall((nr), (long)(a), (long)(b), \
						     (long)(c), 0, 0, 0))
#define sys6(nr, a, b, c, d, e, f) \
	sys_result(__syscall((nr), (long)(a), (long)(b), (long)(c), (long)(d), (long)(e), (long)(f)))

#endif /* USER_LIB_SYS_H */
