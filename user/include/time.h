/* SPDX-License-Identifier: MIT */
/* Clocks and sleeping. */
#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>
#include <uapi/time.h>

int clock_gettime(clockid_t clock, struct timespec *ts);
/* Sleeps at least *req; interrupted by a handled signal, it returns -1
 * with EINTR and, when rem is not NULL, the time left in *rem. */
int nanosleep(const struct timespec *req, struct timespec *rem);
/* Seconds since 1970 (CLOCK_REALTIME), also stored in *t if t is not NULL. */
time_t time(time_t *t);

#endif /* _TIME_H */
