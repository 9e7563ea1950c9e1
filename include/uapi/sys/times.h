/* SPDX-License-Identifier: MIT */
/* times(): CPU time of a task and of its reaped children, in clock ticks
 * (sysconf(_SC_CLK_TCK) a second). */
#ifndef _UAPI_SYS_TIMES_H
#define _UAPI_SYS_TIMES_H

#include <uapi/sys/types.h>

struct tms {
	clock_t tms_utime;	/* its threads' time in problem state */
	clock_t tms_stime;	/* their time in the kernel */
	clock_t tms_cutime;	/* the utime and cutime of the children it waited for */
	clock_t tms_cstime;	/* the stime and cstime of those */
};
#endif
