/* SPDX-License-Identifier: MIT */
/* The timebase register, for measuring short intervals in benchmarks. */
#ifndef _VRM_TIMEBASE_H
#define _VRM_TIMEBASE_H

#include <stdint.h>

/* Ticks since the partition started; sysconf(_SC_VRM_TIMEBASE_FREQ) per
 * second. Readable in problem state, and the same on every CPU. */
static inline uint64_t read_timebase(void)
{
	uint64_t tb;

	__asm__ __volatile__("mftb %0" : "=r"(tb));
	return tb;
}

#endif /* _VRM_TIMEBASE_H */
