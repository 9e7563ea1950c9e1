/* SPDX-License-Identifier: MIT */
/* Time in microseconds: struct timeval, gettimeofday and BSD's macros. */
#ifndef _SYS_TIME_H
#define _SYS_TIME_H

#include <sys/types.h>
#include <time.h>

/* AIX's layout in the 64-bit environment: suseconds_t is an int. */
struct timeval {
	time_t tv_sec;
	suseconds_t tv_usec;
};

/* CLOCK_REALTIME in microseconds. tz is ignored (vrm has no time zones). */
int gettimeofday(struct timeval *restrict tv, void *restrict tz);

#define timerisset(tv)		((tv)->tv_sec || (tv)->tv_usec)
#define timerclear(tv)		((tv)->tv_sec = (tv)->tv_usec = 0)
/* cmp is one of < <= == != >= >. */
#define timercmp(a, b, cmp)						\
	((a)->tv_sec == (b)->tv_sec ? (a)->tv_usec cmp (b)->tv_usec	\
				    : (a)->tv_sec cmp (b)->tv_sec)
#define timeradd(a, b, sum)						\
	do {								\
		(sum)->tv_sec = (a)->tv_sec + (b)->tv_sec;		\
		(sum)->tv_usec = (a)->tv_usec + (b)->tv_usec;		\
		if ((sum)->tv_usec >= 1000000) {			\
			(sum)->tv_sec++;				\
			(sum)->tv_usec -= 1000000;			\
		}							\
	} while (0)
#define timersub(a, b, diff)						\
	do {								\
		(diff)->tv_sec = (a)->tv_sec - (b)->tv_sec;		\
		(diff)->tv_usec = (a)->tv_usec - (b)->tv_usec;		\
		if ((diff)->tv_usec < 0) {				\
			(diff)->tv_sec--;				\
			(diff)->tv_usec += 1000000;			\
		}							\
	} while (0)

#endif /* _SYS_TIME_H */
