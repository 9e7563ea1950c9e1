/* SPDX-License-Identifier: MIT */
/* Clocks and sleeping. */

#include <time.h>
#include <unistd.h>

#include "sys.h"

int clock_gettime(clockid_t clock, struct timespec *ts)
{
	return sys2(SYS_clock_gettime, clock, ts);
}

int nanosleep(const struct timespec *req, struct timespec *rem)
{
	return sys2(SYS_nanosleep, req, rem);
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
