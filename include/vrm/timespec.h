/* SPDX-License-Identifier: MIT */
/* A length of time a task gives as a struct timespec: its check, and in timebase ticks. */
#ifndef VRM_TIMESPEC_H
#define VRM_TIMESPEC_H

#include <arch/time.h>
#include <uapi/time.h>
#include <vrm/errno.h>

/* 0, or -EINVAL for a negative length or nanoseconds outside [0, 10^9). */
static inline int timespec_check(const struct timespec *ts)
{
	if (ts->tv_sec < 0 || ts->tv_nsec < 0 || (uint64_t)ts->tv_nsec >= NSEC_PER_SEC)
		return -EINVAL;
	return 0;
}

static inline uint64_t timespec_to_tb(const struct timespec *ts)
{
	return tb_from_time((uint64_t)ts->tv_sec, (uint64_t)ts->tv_nsec);
}

#endif
