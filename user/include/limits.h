/* SPDX-License-Identifier: MIT */
/* Integer limits, and the path limits of the file interface. */
#ifndef _LIMITS_H
#define _LIMITS_H

#include <libc/limits.h>

/* The same definitions as <uapi/sys/file.h>'s: a change there that is not
 * made here stops the build with a redefinition error. */
#define NAME_MAX	255
#define PATH_MAX	1024
/* As <uapi/sys/ioctl.h>'s: the longest line the terminal takes. */
#define MAX_CANON	1024

/* The library's limits (sysconf answers them too): atexit() functions,
 * thread-specific data keys (AIX's count), passes over a thread's key
 * destructors at its exit, the smallest thread stack, a semaphore's
 * value. */
#define ATEXIT_MAX			32
#define PTHREAD_KEYS_MAX		450
#define PTHREAD_DESTRUCTOR_ITERATIONS	4
#define PTHREAD_STACK_MIN		(16 * 1024)
#define SEM_VALUE_MAX			INT_MAX

#endif /* _LIMITS_H */
