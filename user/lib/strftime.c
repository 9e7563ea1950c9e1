/* SPDX-License-Identifier: MIT */
/*
 * Broken-down time as text: strftime with POSIX's conversions in the C
 * locale (the E and O modifiers change nothing there), and asctime and
 * ctime. The zone is always UTC (see calendar.c).
 */

#include <errno.h>
#include <stdbool.h>
#include <stdio.h>
#include <time.h>

#include "calendar.h"

static const char *const day_names[7] = {
	"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
};
static const char *const month_names[12] = {
	"January", "February", "March", "April", "May", "June", "July", "August",
	"September", "October", "November", "December",
};

static const char *day_name(const struct tm *tm)
{
	return tm->tm_wday >= 0 && tm->tm_wday < 7 ? day_names[tm->tm_wday] : "?";
}

static const char *month_name(const struct tm *tm)
{
	return tm->tm_mon >= 0 && tm->tm_mon < 12 ? month_names[tm->tm_mon] : "?";
}

/* Where strftime writes: up to max - 1 bytes, then its NUL. */
struct out {
	char *s;
	size_t max, n;
	bool full;
};

static void put(struct out *o, char c)
{
	if (o->n + 1 < o->max)
		o->s[o->n++] = c;
	else
		o->full = true;
}

static void put_text(struct out *o, const char *text, size_t len)
{
	for (size_t i = 0; i < len && text[i]; i++)
		put(o, text[i]);
}

/*
 * v in decimal, at least width bytes with a sign: pad is '0' or ' ' (in
 * front of the sign for ' ', after it for '0'), plus forces a '+' on a
 * value >= 0.
 */
static void put_num(struct out *o, long v, int width, char pad, bool plus)
{
	char digits[24];
	int n = 0;
	unsigned long u = v < 0 ? 0ul - (unsigned long)v : (unsigned long)v;
	char sign = v < 0 ? '-' : plus ? '+' : 0;

	do
		digits[n++] = (char)('0' + u % 10);
	while (u /= 10);
	width -= n + (sign != 0);
	for (; pad == ' ' && width > 0; width--)
		put(o, ' ');
	if (sign)
		put(o, sign);
	for (; width > 0; width--)
		put(o, '0');
	while (n)
		put(o, digits[--n]);
}

/*
 * A year-like field (%Y, %G, %C, the year of %F) under POSIX's flag and
 * width: with no flag and no width it is as wide as it is (at least
 * least digits); the '0' and '+' flags pad with zeros to the width, and
 * '+' also puts a sign on a year >= 0 when the field takes more than
 * plus_after bytes.
 */
static void put_year(struct out *o, long v, char flag, int width, int least, int plus_after)
{
	int digits = 1, len;

	for (long u = v < 0 ? -v : v; u >= 10; u /= 10)
		digits++;
	if (!flag && !width) {
		put_num(o, v, least, '0', false);
		return;
	}
	len = digits + (v < 0);
	if (width > len)
		len = width;
	put_num(o, v, width, '0', flag == '+' && v >= 0 && len > plus_after);
}

static long year_of(const struct tm *tm)
{
	return tm->tm_year + 1900L;
}

/* Years before 0 split into %C and %y as floor division does (-1 is
 * century -1, year 99), as glibc does, so that %C%y reads back. */
static long century_of(long year)
{
	return year / 100 - (year % 100 < 0);
}

/* Weekday (0 = Monday) of 1 January of the tm's year. */
static int jan1_monday_based(const struct tm *tm)
{
	return (((tm->tm_wday + 6 - tm->tm_yday) % 7) + 7) % 7;
}

/* ISO 8601 weeks in a year whose 1 January is weekday jan1 (0 = Monday):
 * 53 when it starts on a Thursday, or a Wednesday in a leap year. */
static int iso_weeks(long year, int jan1)
{
	return jan1 == 3 || (jan1 == 2 && __is_leap(year)) ? 53 : 52;
}

/* The ISO 8601 week (1..53) and its year: the week holding 4 January is
 * week 1, and weeks start on Monday. */
static int iso_week(const struct tm *tm, long *year)
{
	long y = year_of(tm);
	int jan1 = jan1_monday_based(tm), monday_wday = (tm->tm_wday + 6) % 7;
	int week = (tm->tm_yday - monday_wday + 10) / 7;

	if (tm->tm_yday - monday_wday + 10 < 7) {
		int prev_jan1 = ((jan1 - 365 - __is_leap(y - 1)) % 7 + 7) % 7;

		*year = y - 1;
		return iso_weeks(y - 1, prev_jan1);
	}
	*year = y;
	if (week > iso_weeks(y, jan1)) {
		*year = y + 1;
		return 1;
	}
	return week;
}

static void format(struct out *o, const char *fmt, const struct tm *tm);

/* One conversion; flag and width are POSIX's, for the year fields. */
static void convert(struct out *o, char c, char flag, int width, const struct tm *tm)
{
	long iso_year;
	int hour12 = tm->tm_hour % 12 ? tm->tm_hour % 12 : 12;

	switch (c) {
	case 'a': put_text(o, day_name(tm), 3); break;
	case 'A': put_text(o, day_name(tm), 20); break;
	case 'b': case 'h': put_text(o, month_name(tm), 3); break;
	case 'B': put_text(o, month_name(tm), 20); break;
	case 'c': format(o, "%a %b %e %H:%M:%S %Y", tm); break;
	case 'C': put_year(o, century_of(year_of(tm)), flag, width, 2, 2); break;
	case 'd': put_num(o, tm->tm_mday, 2, '0', false); break;
	case 'D': case 'x': format(o, "%m/%d/%y", tm); break;
	case 'e': put_num(o, tm->tm_mday, 2, ' ', false); break;
	case 'F':
		if (flag || width)
			put_year(o, year_of(tm), flag, width > 6 ? width - 6 : 0, 1, 4);
		else
			put_year(o, year_of(tm), '+', 4, 1, 4);
		format(o, "-%m-%d", tm);
		break;
	case 'g': iso_week(tm, &iso_year); put_num(o, (iso_year % 100 + 100) % 100, 2, '0', false); break;
	case 'G': iso_week(tm, &iso_year); put_year(o, iso_year, flag, width, 1, 4); break;
	case 'H': put_num(o, tm->tm_hour, 2, '0', false); break;
	case 'I': put_num(o, hour12, 2, '0', false); break;
	case 'j': put_num(o, tm->tm_yday + 1, 3, '0', false); break;
	case 'm': put_num(o, tm->tm_mon + 1, 2, '0', false); break;
	case 'M': put_num(o, tm->tm_min, 2, '0', false); break;
	case 'n': put(o, '\n'); break;
	case 'p': put_text(o, tm->tm_hour < 12 ? "AM" : "PM", 2); break;
	case 'r': format(o, "%I:%M:%S %p", tm); break;
	case 'R': format(o, "%H:%M", tm); break;
	case 'S': put_num(o, tm->tm_sec, 2, '0', false); break;
	case 't': put(o, '\t'); break;
	case 'T': case 'X': format(o, "%H:%M:%S", tm); break;
	case 'u': put_num(o, tm->tm_wday ? tm->tm_wday : 7, 1, '0', false); break;
	case 'U': put_num(o, (tm->tm_yday + 7 - tm->tm_wday) / 7, 2, '0', false); break;
	case 'V': put_num(o, iso_week(tm, &iso_year), 2, '0', false); break;
	case 'w': put_num(o, tm->tm_wday, 1, '0', false); break;
	case 'W': put_num(o, (tm->tm_yday + 7 - (tm->tm_wday + 6) % 7) / 7, 2, '0', false); break;
	case 'y': put_num(o, (year_of(tm) % 100 + 100) % 100, 2, '0', false); break;
	case 'Y': put_year(o, year_of(tm), flag, width, 1, 4); break;
	case 'z': put_text(o, "+0000", 5); break;
	case 'Z': put_text(o, tzname[0], 8); break;
	case '%': put(o, '%'); break;
	default:
		/* Not a conversion: written as it stands. */
		put(o, '%');
		put(o, c);
		break;
	}
}

static void format(struct out *o, const char *fmt, const struct tm *tm)
{
	for (; *fmt; fmt++) {
		char flag = 0;
		int width = 0;

		if (*fmt != '%') {
			put(o, *fmt);
			continue;
		}
		if (fmt[1] == '0' || fmt[1] == '+')
			flag = *++fmt;
		while (fmt[1] >= '0' && fmt[1] <= '9' && width < 1000)
			width = width * 10 + (*++fmt - '0');
		if (fmt[1] == 'E' || fmt[1] == 'O')
			fmt++;
		if (!fmt[1])
			break;
		convert(o, *++fmt, flag, width, tm);
	}
}

size_t strftime(char *restrict s, size_t max, const char *restrict fmt,
		const struct tm *restrict tm)
{
	struct out o = { .s = s, .max = max };

	format(&o, fmt, tm);
	if (o.full || !max)
		return 0;
	s[o.n] = '\0';
	return o.n;
}

#define ASCTIME_SIZE 26

/* "Sun Sep 16 01:03:52 1973\n"; NULL (EOVERFLOW) if that takes more than
 * 26 bytes, as for a year past 9999. */
char *asctime_r(const struct tm *restrict tm, char *restrict buf)
{
	int n = snprintf(buf, ASCTIME_SIZE, "%.3s %.3s%3d %.2d:%.2d:%.2d %ld\n", day_name(tm),
			 month_name(tm), tm->tm_mday, tm->tm_hour, tm->tm_min, tm->tm_sec,
			 year_of(tm));

	if (n >= ASCTIME_SIZE) {
		errno = EOVERFLOW;
		return NULL;
	}
	return buf;
}

static char shared_text[ASCTIME_SIZE];

char *asctime(const struct tm *tm)
{
	return asctime_r(tm, shared_text);
}

char *ctime_r(const time_t *t, char *buf)
{
	struct tm tm;

	return localtime_r(t, &tm) ? asctime_r(&tm, buf) : NULL;
}

char *ctime(const time_t *t)
{
	return ctime_r(t, shared_text);
}
