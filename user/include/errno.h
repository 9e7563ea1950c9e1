/* SPDX-License-Identifier: MIT */
/* errno: the last failing call's error number (AIX's values). */
#ifndef _ERRNO_H
#define _ERRNO_H

#include <uapi/errno.h>

/* Tasks have one thread, so errno is a plain variable. */
extern int errno;

#endif /* _ERRNO_H */
