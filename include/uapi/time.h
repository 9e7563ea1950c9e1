/* SPDX-License-Identifier: MIT */
/* Clocks and sleeping (AIX's clock ids). */
#ifndef _UAPI_TIME_H
#define _UAPI_TIME_H

#include <uapi/sys/types.h>

struct timespec {
	time_t tv_sec;
	long tv_nsec;
};

#define CLOCK_REALTIME		9	/* seconds since 1970, from RTAS at boot */
#define CLOCK_MONOTONIC		10	/* since boot, from the timebase */
#define CLOCK_PROCESS_CPUTIME_ID 11	/* CPU time of the calling task's threads */
#define CLOCK_THREAD_CPUTIME_ID	12	/* CPU time of the calling thread */
#endif
