/* SPDX-License-Identifier: MIT */
/* Clocks, sleeping, and calendar time (always UTC). */
#ifndef _TIME_H
#define _TIME_H

#include <stddef.h>
#include <uapi/time.h>

/* CLOCK_REALTIME, CLOCK_MONOTONIC, and the CPU time (user and system) of
 * the calling process (CLOCK_PROCESS_CPUTIME_ID: its threads, the ended
 * ones too) or thread (CLOCK_THREAD_CPUTIME_ID); EINVAL for another. */
int clock_gettime(clockid_t clock, struct timespec *ts);
/* One timebase tick, rounded up to a nanosecond; EINVAL for a clock that
 * clock_gettime does not know. */
int clock_getres(clockid_t clock, struct timespec *res);
/* Sleeps at least *req; interrupted by a handled signal, it returns -1
 * with EINTR and, when rem is not NULL, the time left in *rem. */
int nanosleep(const struct timespec *req, struct timespec *rem);
/* The process's CPU time (CLOCK_PROCESS_CPUTIME_ID) in CLOCKS_PER_SEC
 * units, as XSI asks. */
#define CLOCKS_PER_SEC	1000000l
clock_t clock(void);
/* Seconds since 1970 (CLOCK_REALTIME), also stored in *t if t is not NULL. */
time_t time(time_t *t);

/* A broken-down time, AIX's fields. */
struct tm {
	int tm_sec;		/* 0..60 */
	int tm_min;		/* 0..59 */
	int tm_hour;		/* 0..23 */
	int tm_mday;		/* 1..31 */
	int tm_mon;		/* 0..11 */
	int tm_year;		/* years since 1900 */
	int tm_wday;		/* 0..6, 0 is Sunday */
	int tm_yday;		/* 0..365 */
	int tm_isdst;		/* always 0 here */
};

/*
 * vrm has no time zones: local time is UTC, TZ is ignored, tzset() does
 * nothing, tzname is { "UTC", "UTC" }, timezone and daylight are 0, and
 * localtime is gmtime. The calendar is the proleptic Gregorian one, for
 * any year an int holds (EOVERFLOW beyond).
 */
extern char *tzname[2];
extern long timezone;
extern int daylight;
void tzset(void);

/* NULL with EOVERFLOW when the year does not fit tm_year. gmtime and
 * localtime return one shared struct tm. */
struct tm *gmtime(const time_t *t);
struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm);
struct tm *localtime(const time_t *t);
struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm);
/*
 * Seconds since 1970 of *tm, whose fields may be out of range (they carry
 * into the larger ones); *tm is then rewritten normalised, with tm_wday
 * and tm_yday. tm_isdst is ignored and set to 0. -1 with EOVERFLOW when
 * the result's year does not fit. mktime and timegm are the same here.
 */
time_t mktime(struct tm *tm);
time_t timegm(struct tm *tm);
/* t1 - t0, rounded once to the nearest double. The SDK has no other
 * floating-point support: the caller needs its own to use the result. */
double difftime(time_t t1, time_t t0);

/*
 * POSIX's conversions in the C locale, with the 0 and + flags and a
 * field width for %C, %F, %G and %Y; %Z is "UTC", %z "+0000". Returns
 * the length, or 0 if the text and its NUL do not fit in max bytes.
 */
size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm);
/* "Sun Sep 16 01:03:52 1973\n" in a 26-byte buffer (asctime and ctime
 * share a static one); NULL with EOVERFLOW for a year past 9999. */
char *asctime(const struct tm *tm);
char *asctime_r(const struct tm *restrict tm, char *restrict buf);
char *ctime(const time_t *t);
char *ctime_r(const time_t *t, char *buf);

#endif /* _TIME_H */
