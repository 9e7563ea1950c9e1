/* SPDX-License-Identifier: MIT */
/*
 * Calendar time: seconds since 1970 to a broken-down time and back, in
 * the proleptic Gregorian calendar, for any time_t whose year fits in an
 * int. vrm keeps no time zones: local time is UTC.
 */

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <time.h>

#include "calendar.h"

#define SECS_PER_DAY	86400L
/* Days in 400 years; the calendar repeats after them. */
#define DAYS_PER_ERA	146097L
/* Days from 0000-03-01 to 1970-01-01. */
#define EPOCH_FROM_MARCH_0	719468L

/*
 * The calendar is counted in years that start on 1 March, so that the
 * leap day is the last day of a year: a 400-year era is then four
 * centuries of 36524 days, the last with one day more, and a century is
 * 4-year blocks of 1461 days, the last a day short unless the century
 * ends on a multiple of 400.
 */
static const short days_before_month_from_march[12] = {
	0, 31, 61, 92, 122, 153, 184, 214, 245, 275, 306, 337,
};

char *tzname[2] = { "UTC", "UTC" };
long timezone;
int daylight;

static long floor_div(long a, long b)
{
	return a / b - (a % b < 0);
}

/* Days from 1970-01-01 to day 1 of month mon (0 = January) of year. */
static long days_from_civil(long year, int mon)
{
	long y = year - (mon < 2), era = floor_div(y, 400), yoe = y - era * 400;
	long doe = yoe * 365 + yoe / 4 - yoe / 100 + days_before_month_from_march[(mon + 10) % 12];

	return era * DAYS_PER_ERA + doe - EPOCH_FROM_MARCH_0;
}

/* The date of a day counted from 1970-01-01. */
static void civil_from_days(long days, long *year, struct tm *tm)
{
	long d = days + EPOCH_FROM_MARCH_0, era = floor_div(d, DAYS_PER_ERA);
	long rest = d - era * DAYS_PER_ERA, centuries, blocks, years;
	int mon = 11;

	centuries = rest / 36524 < 3 ? rest / 36524 : 3;
	rest -= centuries * 36524;
	blocks = rest / 1461;
	rest -= blocks * 1461;
	years = rest / 365 < 3 ? rest / 365 : 3;
	rest -= years * 365;
	while (days_before_month_from_march[mon] > rest)
		mon--;
	tm->tm_mday = (int)(rest - days_before_month_from_march[mon]) + 1;
	tm->tm_mon = (mon + 2) % 12;
	*year = era * 400 + centuries * 100 + blocks * 4 + years + (tm->tm_mon < 2);
	/* 1 January is day 306 of a year counted from March. */
	tm->tm_yday = (int)(rest >= 306 ? rest - 306 : rest + 59 + __is_leap(*year));
}

struct tm *gmtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	long days = floor_div(*t, SECS_PER_DAY), secs = (*t % SECS_PER_DAY + SECS_PER_DAY) % SECS_PER_DAY;
	long year;

	civil_from_days(days, &year, tm);
	if (year - 1900 < INT32_MIN || year - 1900 > INT32_MAX) {
		errno = EOVERFLOW;
		return NULL;
	}
	tm->tm_year = (int)(year - 1900);
	/* 1970-01-01 was a Thursday. */
	tm->tm_wday = (int)((days % 7 + 11) % 7);
	tm->tm_hour = (int)(secs / 3600);
	tm->tm_min = (int)(secs / 60 % 60);
	tm->tm_sec = (int)(secs % 60);
	tm->tm_isdst = 0;
	return tm;
}

/* gmtime and localtime share one result, as POSIX allows. */
static struct tm shared_tm;

struct tm *gmtime(const time_t *t)
{
	return gmtime_r(t, &shared_tm);
}

struct tm *localtime_r(const time_t *restrict t, struct tm *restrict tm)
{
	return gmtime_r(t, tm);
}

struct tm *localtime(const time_t *t)
{
	return gmtime_r(t, &shared_tm);
}

/* Nothing to read: TZ is ignored, every zone is UTC. */
void tzset(void)
{
}

/*
 * Out-of-range fields carry into the next larger ones (61 minutes are an
 * hour and a minute); in long arithmetic no int field can overflow.
 */
time_t timegm(struct tm *tm)
{
	long year = tm->tm_year + 1900L + floor_div(tm->tm_mon, 12);
	int mon = (int)(tm->tm_mon - floor_div(tm->tm_mon, 12) * 12);
	time_t t = (days_from_civil(year, mon) + tm->tm_mday - 1) * SECS_PER_DAY +
		   tm->tm_hour * 3600L + tm->tm_min * 60L + tm->tm_sec;
	struct tm out;

	if (!gmtime_r(&t, &out))
		return -1;
	*tm = out;
	return t;
}

time_t mktime(struct tm *tm)
{
	return timegm(tm);
}

/*
 * The double nearest to a 64-bit magnitude, rounded to even, built from
 * its bits: the SDK has no floating-point library to convert with.
 */
static double to_double(bool negative, uint64_t m)
{
	union {
		uint64_t bits;
		double d;
	} v = { .bits = (uint64_t)negative << 63 };
	int top;

	if (!m)
		return v.d;
	top = 63 - __builtin_clzl(m);
	if (top <= 52) {
		m <<= 52 - top;
	} else {
		int drop = top - 52;
		uint64_t rest = m & ((1ul << drop) - 1), half = 1ul << (drop - 1);

		m >>= drop;
		if (rest > half || (rest == half && (m & 1)))
			m++;
		if (m >> 53) {
			m >>= 1;
			top++;
		}
	}
	v.bits |= (uint64_t)(top + 1023) << 52 | (m & ((1ul << 52) - 1));
	return v.d;
}

/* Exact to the last bit: the difference is formed in 64-bit unsigned
 * arithmetic, then rounded once. */
double difftime(time_t t1, time_t t0)
{
	if (t1 >= t0)
		return to_double(false, (uint64_t)t1 - (uint64_t)t0);
	return to_double(true, (uint64_t)t0 - (uint64_t)t1);
}
