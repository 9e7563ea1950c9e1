/* SPDX-License-Identifier: MIT */
/* Basic types: the user ABI's, with the sizes of AIX's 64-bit environment. */
#ifndef _SYS_TYPES_H
#define _SYS_TYPES_H

#include <uapi/sys/types.h>

/* Microseconds of a struct timeval (an int, as on AIX). */
typedef int suseconds_t;

#endif /* _SYS_TYPES_H */
