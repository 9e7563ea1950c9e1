/* SPDX-License-Identifier: MIT */
/* times(): CPU time of the process and of its waited-for children. */
#ifndef _SYS_TIMES_H
#define _SYS_TIMES_H

#include <uapi/sys/times.h>

/* Fills *buf and returns the real time since an arbitrary point (boot),
 * in clock ticks; -1 with EFAULT when buf is not the caller's to write. */
clock_t times(struct tms *buf);

#endif /* _SYS_TIMES_H */
