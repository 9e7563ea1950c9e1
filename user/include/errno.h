/* SPDX-License-Identifier: MIT */
/* errno: the calling thread's last failing call's error number (AIX's
 * values). */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <uapi/errno.h>

/* Each thread has its own errno, in its thread control block. */
int *__errno_location(void) __attribute__((const));
#ifndef errno
#define errno (*__errno_location())
#endif

#endif /* _ERRNO_H */
