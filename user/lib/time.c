/* SPDX-License-Identifier: MIT */
/* Clocks and sleeping. */

#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include "sys.h"

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return sys2(SYS_clock_gettime, clock, ts);
}

int clock_getres(clockid_t clock, struct timespec *res)
{
	struct timespec now;
	long freq;

	if (clock_gettime(clock, &now) < 0)
		return -1;
	freq = sysconf(_SC_VRM_TIMEBASE_FREQ);
	if (freq < 0)
		return -1;
	if (res)
		*res = (struct timespec){ .tv_nsec = (1000000000 + freq - 1) / freq };
	return 0;
}

clock_t times(struct tms *buf)
{
	return sys1(SYS_times, buf);
}

clock_t clock(void)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts) < 0)
		return -1;
	return ts.tv_sec * CLOCKS_PER_SEC + ts.tv_nsec / (1000000000 / CLOCKS_PER_SEC);
}

int gettimeofday(struct timeval *restrict tv, void *restrict tz)
{
	struct timespec ts;

	(void)tz;
	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	tv->tv_sec = ts.tv_sec;
	tv->tv_usec = (suseconds_t)(ts.tv_nsec / 1000);
	return 0;
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	pthread_testcancel();
	return cancel_point_end(sys2(SYS_nanosleep, req, rem));
}

time_t time(time_t *t)
{
	struct timespec ts;

	if (clock_gettime(CLOCK_REALTIME, &ts) < 0)
		return -1;
	if (t)
		*t = ts.tv_sec;
	return ts.tv_sec;
}

unsigned int sleep(unsigned int seconds)
{
	struct timespec req = { .tv_sec = seconds }, rem = { 0 };

	if (nanosleep(&req, &rem) == 0)
		return 0;
	/* A partly slept second counts as left, as POSIX's rounding asks. */
	return rem.tv_sec + (rem.tv_nsec > 0);
}

int usleep(unsigned long usec)
{
	struct timespec req = {
		.tv_sec = usec / 1000000, .tv_nsec = (usec % 1000000) * 1000,
	};

	return nanosleep(&req, NULL);
}
