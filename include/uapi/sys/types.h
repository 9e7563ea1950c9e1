/* SPDX-License-Identifier: MIT */
/* Basic types of the user ABI (64-bit, as AIX's 64-bit environment). */
#ifndef _UAPI_SYS_TYPES_H
#define _UAPI_SYS_TYPES_H

typedef int pid_t;
typedef unsigned int uid_t;
typedef unsigned int gid_t;
typedef long off_t;
typedef long ssize_t;
typedef unsigned long size_t;
typedef unsigned int mode_t;
typedef unsigned long ino_t;
typedef long time_t;
typedef int clockid_t;
typedef long clock_t;		/* times()'s ticks, clock()'s microseconds */
typedef short cpu_t;
typedef long vmid_t;
typedef long tid_t;
#endif
