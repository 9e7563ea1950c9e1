/* SPDX-License-Identifier: MIT */
/* Host tests of the SDK's calendar time (user/lib/calendar.c,
 * strftime.c) against glibc's with TZ=UTC. */

#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <time.h>

#include "glibc_ref.h"
#include "rng.h"
#include "tap.h"

/* The SDK's struct tm: the nine fields of glibc's, without its tm_gmtoff
 * and tm_zone. */
struct vrm_tm {
	int f[9];
};

/* The SDK's errno values are AIX's (include/uapi/errno.h), not glibc's. */
#define SDK_EOVERFLOW 127
int vrm_errno;
extern char *vrm_tzname[2];
extern long vrm_timezone;
extern int vrm_daylight;
void vrm_tzset(void);
struct vrm_tm *vrm_gmtime(const time_t *t);
struct vrm_tm *vrm_gmtime_r(const time_t *t, struct vrm_tm *tm);
struct vrm_tm *vrm_localtime(const time_t *t);
struct vrm_tm *vrm_localtime_r(const time_t *t, struct vrm_tm *tm);
time_t vrm_mktime(struct vrm_tm *tm);
time_t vrm_timegm(struct vrm_tm *tm);
double vrm_difftime(time_t t1, time_t t0);
size_t vrm_strftime(char *s, size_t max, const char *fmt, const struct vrm_tm *tm);
char *vrm_asctime_r(const struct vrm_tm *tm, char *buf);
char *vrm_ctime_r(const time_t *t, char *buf);
char *vrm_asctime(const struct vrm_tm *tm);
char *vrm_ctime(const time_t *t);

/* glibc's, to compare with. */
struct tm *ref_gmtime_r(const time_t *t, struct tm *tm) __asm__("gmtime_r");
struct tm *ref_localtime_r(const time_t *t, struct tm *tm) __asm__("localtime_r");
time_t ref_mktime(struct tm *tm) __asm__("mktime");
time_t ref_timegm(struct tm *tm) __asm__("timegm");
double ref_difftime(time_t t1, time_t t0) __asm__("difftime");
size_t ref_strftime(char *s, size_t max, const char *fmt, const struct tm *tm)
	__asm__("strftime");
char *ref_asctime_r(const struct tm *tm, char *buf) __asm__("asctime_r");
int ref_setenv(const char *name, const char *value, int overwrite) __asm__("setenv");
void ref_tzset(void) __asm__("tzset");
int *ref_errno_location(void) __asm__("__errno_location");

static void to_vrm(const struct tm *g, struct vrm_tm *v)
{
	const int fields[9] = { g->tm_sec, g->tm_min, g->tm_hour, g->tm_mday, g->tm_mon,
				g->tm_year, g->tm_wday, g->tm_yday, g->tm_isdst };

	ref_memcpy(v->f, fields, sizeof(fields));
}

static void to_glibc(const struct vrm_tm *v, struct tm *g)
{
	*g = (struct tm){ .tm_sec = v->f[0], .tm_min = v->f[1], .tm_hour = v->f[2],
			  .tm_mday = v->f[3], .tm_mon = v->f[4], .tm_year = v->f[5],
			  .tm_wday = v->f[6], .tm_yday = v->f[7], .tm_isdst = v->f[8],
			  .tm_zone = "UTC" };
}

static bool same_tm(const struct vrm_tm *v, const struct tm *g)
{
	struct vrm_tm w;

	to_vrm(g, &w);
	return !ref_memcmp(v->f, w.f, sizeof(w.f));
}

static const char *tm_text(const struct vrm_tm *v)
{
	static char buf[2][128];
	static int which;

	which ^= 1;
	ref_snprintf(buf[which], sizeof(buf[which]), "{%d %d %d %d %d %d wday %d yday %d dst %d}",
		     v->f[0], v->f[1], v->f[2], v->f[3], v->f[4], v->f[5], v->f[6], v->f[7],
		     v->f[8]);
	return buf[which];
}

/* A time_t of every scale: near 1970, within a few thousand years, and
 * anywhere. */
static time_t random_time(void)
{
	switch (rng_below(4)) {
	case 0:
		return (time_t)rng_below(1ul << 34) - (1l << 33);
	case 1:
		return (time_t)rng_below(1ul << 42) - (1l << 41);
	case 2:
		return (time_t)(rng_next() >> rng_below(64));
	default:
		return (time_t)rng_next();
	}
}

static void check_gmtime(struct tally *t, time_t when)
{
	struct vrm_tm v;
	struct tm g;
	struct vrm_tm *got;
	struct tm *want;

	vrm_errno = 0;
	*ref_errno_location() = 0;
	got = vrm_gmtime_r(&when, &v);
	want = ref_gmtime_r(&when, &g);
	if (!want) {
		if (tally_fail(t, !got && vrm_errno == SDK_EOVERFLOW))
			tally_diag(t, "gmtime(%ld): glibc overflows, the SDK gives %s (errno %d)",
				   (long)when, got ? tm_text(got) : "NULL", vrm_errno);
		return;
	}
	if (tally_fail(t, got == &v && same_tm(&v, &g))) {
		struct vrm_tm w;

		to_vrm(&g, &w);
		tally_diag(t, "gmtime(%ld) is %s, glibc %s", (long)when, got ? tm_text(&v) : "NULL",
			   tm_text(&w));
	}
}

static void test_gmtime(void)
{
	static const time_t edges[] = {
		0, -1, 1, 86399, 86400, -86400, -86401, 951782400 /* 2000-02-29 */,
		951868800, 4107542400 /* 2100-03-01 */, -62135596800 /* 0001-01-01 */,
		-62135596801, -62167219200 /* 0000-01-01 */, 253402300799 /* 9999-12-31 */,
		INT32_MAX, INT32_MIN, 67767976233316799 /* the last second of year INT_MAX */,
		67767976233316800, -67768040609740800 /* the first of year INT_MIN */,
		-67768040609740801, LONG_MAX, LONG_MIN,
	};
	struct tally t = { 0 };
	struct vrm_tm v;

	for (size_t i = 0; i < sizeof(edges) / sizeof(edges[0]); i++)
		check_gmtime(&t, edges[i]);
	/* Every day of four 400-year cycles around 1970, at a random second. */
	for (long day = -2 * 146097; day < 2 * 146097; day++)
		check_gmtime(&t, day * 86400 + (long)rng_below(86400));
	for (int i = 0; i < 200000; i++)
		check_gmtime(&t, random_time());
	tally_ok(&t, "gmtime_r agrees with glibc's, field for field, and overflows where it does");

	time_t now = 1700000000;
	ok(vrm_localtime_r(&now, &v) == &v && vrm_gmtime(&now) == vrm_localtime(&now) &&
	   !ref_memcmp(vrm_gmtime(&now), &v, sizeof(v)),
	   "localtime is gmtime; both return one shared struct tm");
	vrm_tzset();
	ok(tap_streq(vrm_tzname[0], "UTC") && tap_streq(vrm_tzname[1], "UTC") &&
	   vrm_timezone == 0 && vrm_daylight == 0, "tzset leaves UTC, no offset, no daylight time");
}

/* A field anywhere in int, or near its usual range. */
static int random_field(int usual)
{
	switch (rng_below(3)) {
	case 0:
		return (int)rng_below(usual);
	case 1:
		return (int)rng_below(40 * usual) - 20 * usual;
	default:
		return (int)rng_next();
	}
}

static void test_mktime(void)
{
	struct tally t = { 0 }, round = { 0 };

	for (int i = 0; i < 200000; i++) {
		struct vrm_tm v = { { random_field(60), random_field(60), random_field(24),
				      random_field(31), random_field(12), random_field(200),
				      random_field(7), random_field(366), 0 } };
		struct vrm_tm v2 = v, before = v;
		struct tm g, g2;
		time_t want, want2, got, got2;
		bool failed;

		to_glibc(&v, &g);
		g2 = g;
		want = ref_mktime(&g);
		want2 = ref_timegm(&g2);
		got = vrm_mktime(&v);
		got2 = vrm_timegm(&v2);
		failed = want == -1 && ref_memcmp(&before, &v, sizeof(v)) == 0 && same_tm(&before, &g);
		if (tally_fail(&t, got == want && got2 == want2 && same_tm(&v, &g) &&
					   same_tm(&v2, &g2) && (!failed || vrm_errno == SDK_EOVERFLOW)))
			tally_diag(&t, "mktime%s = %ld %s, glibc %ld; timegm %ld, glibc %ld",
				   tm_text(&before), (long)got, tm_text(&v), (long)want,
				   (long)got2, (long)want2);
	}
	tally_ok(&t, "mktime and timegm of random fields agree with glibc's, normalised fields too");

	for (int i = 0; i < 200000; i++) {
		time_t when = random_time(), back;
		struct vrm_tm v;

		if (!vrm_gmtime_r(&when, &v))
			continue;
		back = vrm_mktime(&v);
		if (tally_fail(&round, back == when))
			tally_diag(&round, "mktime(gmtime(%ld)) = %ld", (long)when, (long)back);
	}
	tally_ok(&round, "mktime(gmtime(t)) is t");
}

static void test_difftime(void)
{
	struct tally t = { 0 };

	for (int i = 0; i < 300000; i++) {
		time_t a = random_time(), b = i % 3 ? random_time() : a + (long)rng_below(1000) - 500;
		double got = vrm_difftime(a, b), want = ref_difftime(a, b);

		if (tally_fail(&t, !ref_memcmp(&got, &want, sizeof(got))))
			tally_diag(&t, "difftime(%ld, %ld) = %a, glibc %a", (long)a, (long)b, got, want);
	}
	tally_ok(&t, "difftime is glibc's to the last bit");
}

static const char *const formats[] = {
	"%a", "%A", "%b", "%B", "%c", "%C", "%d", "%D", "%e", "%F", "%g", "%G", "%h", "%H",
	"%I", "%j", "%m", "%M", "%n", "%p", "%r", "%R", "%S", "%t", "%T", "%u", "%U", "%V",
	"%w", "%W", "%x", "%X", "%y", "%Y", "%z", "%Z", "%%", "%Ec", "%EC", "%Ex", "%EX",
	"%Ey", "%EY", "%Od", "%Oe", "%OH", "%OI", "%Om", "%OM", "%OS", "%Ou", "%OU", "%OV",
	"%Ow", "%OW", "%Oy", "%06Y", "%03C", "%010F", "%05G",
	"[%Y-%m-%dT%H:%M:%S%z %Z, week %V of %G, %U/%W, day %j]",
};

static void check_strftime(struct tally *t, const struct vrm_tm *v, const char *fmt)
{
	char got[256], want[256];
	struct tm g;
	size_t ngot, nwant;

	to_glibc(v, &g);
	/* Outside years 1000 to 9999 glibc's %C has no two digits, its %F is
	 * not %+4Y-%m-%d and its zeros go before a '-', unlike POSIX's:
	 * test_strftime_flags checks those years. */
	if ((tap_streq(fmt, "%C") || tap_streq(fmt, "%EC") || fmt[ref_strlen(fmt) - 1] == 'F') &&
	    (v->f[5] < 1000 - 1900 || v->f[5] > 9999 - 1900))
		return;
	ngot = vrm_strftime(got, sizeof(got), fmt, v);
	nwant = ref_strftime(want, sizeof(want), fmt, &g);
	if (tally_fail(t, ngot == nwant && tap_streq(got, want)))
		tally_diag(t, "\"%s\" of %s: \"%s\", glibc \"%s\"", fmt, tm_text(v), got, want);
}

/* The 0 and + flags with a width on the year fields, as POSIX's
 * strftime page and its rationale describe them (glibc has no '+'). */
static void test_strftime_flags(void)
{
	static const struct {
		int year;
		const char *fmt, *want;
	} cases[] = {
		{ 1986, "%+4Y", "1986" }, { 1986, "%+5Y", "+1986" }, { 1986, "%+6Y", "+01986" },
		{ 1986, "%06Y", "001986" }, { 1986, "%Y", "1986" }, { 270, "%+5Y", "+0270" },
		{ 270, "%+4Y", "0270" }, { 270, "%Y", "270" }, { 12345, "%+4Y", "+12345" },
		{ 12345, "%04Y", "12345" }, { -5, "%+4Y", "-005" }, { -5, "%Y", "-5" },
		{ 1986, "%+2C", "19" }, { 1986, "%+3C", "+19" }, { 1986, "%03C", "019" },
		{ 1986, "%C", "19" }, { 270, "%C", "02" }, { 12345, "%C", "123" },
		{ 12345, "%+2C", "+123" }, { 1986, "%+10F", "1986-01-04" },
		{ 1986, "%+11F", "+1986-01-04" }, { 1986, "%+12F", "+01986-01-04" },
		{ 1986, "%012F", "001986-01-04" }, { 1986, "%F", "1986-01-04" },
		{ 270, "%F", "0270-01-04" }, { 12345, "%F", "+12345-01-04" },
		{ 1986, "%+6G", "+01986" }, { 1986, "%+4G", "1986" }, { 5, "%C", "00" },
		{ -5, "%C", "-1" }, { -5, "%F", "-005-01-04" }, { -5, "%012F", "-00005-01-04" },
	};
	struct tally t = { 0 };
	char got[64];

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		/* 4 January is in ISO week 1 of its year, whatever the weekday. */
		struct vrm_tm v = { { 0, 0, 0, 4, 0, cases[i].year - 1900, 6, 3, 0 } };

		vrm_strftime(got, sizeof(got), cases[i].fmt, &v);
		if (tally_fail(&t, tap_streq(got, cases[i].want)))
			tally_diag(&t, "\"%s\" of year %d: \"%s\", POSIX says \"%s\"", cases[i].fmt,
				   cases[i].year, got, cases[i].want);
	}
	tally_ok(&t, "the 0 and + flags and widths of %C, %F, %G and %Y follow POSIX");
}

static void test_strftime(void)
{
	struct tally t = { 0 }, small = { 0 };
	char buf[64];
	struct vrm_tm v;
	time_t when;

	/* Every day of 28 years (the weekday pattern's cycle) through 2000, and
	 * random times of every scale. */
	for (long day = 10957 - 14 * 365; day < 10957 + 14 * 365; day++) {
		when = day * 86400 + (long)rng_below(86400);
		vrm_gmtime_r(&when, &v);
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++)
			check_strftime(&t, &v, formats[f]);
	}
	for (int i = 0; i < 30000; i++) {
		when = random_time();
		if (!vrm_gmtime_r(&when, &v))
			continue;
		for (size_t f = 0; f < sizeof(formats) / sizeof(formats[0]); f++)
			check_strftime(&t, &v, formats[f]);
	}
	tally_ok(&t, "strftime agrees with glibc's for every POSIX conversion");

	when = 1700000000;
	vrm_gmtime_r(&when, &v);
	for (size_t max = 0; max < 40; max++) {
		struct tm g;
		size_t got, want;

		to_glibc(&v, &g);
		ref_memset(buf, 'x', sizeof(buf));
		got = vrm_strftime(buf, max, "%A %d %B %Y, %T", &v);
		want = ref_strftime(buf + 40, max, "%A %d %B %Y, %T", &g);
		if (tally_fail(&small, got == want && (!got || buf[got] == '\0') &&
					       (max == 0 || got || buf[max] == 'x')))
			tally_diag(&small, "max %zu: %zu, glibc %zu", max, got, want);
	}
	tally_ok(&small, "strftime returns 0 when the text and its NUL do not fit, and stays in max");
}

static void test_asctime(void)
{
	struct tally t = { 0 };
	char got[32], want[32];

	for (int i = 0; i < 100000; i++) {
		time_t when = (time_t)rng_below(253402300800) - 62135596800 * (long)rng_below(2);
		struct vrm_tm v;
		struct tm g;
		char *a, *b;

		vrm_gmtime_r(&when, &v);
		to_glibc(&v, &g);
		a = vrm_asctime_r(&v, got);
		b = ref_asctime_r(&g, want);
		if (tally_fail(&t, a == got && b && tap_streq(a, b) &&
					   tap_streq(vrm_ctime_r(&when, got + 0), want) &&
					   tap_streq(vrm_asctime(&v), want) &&
					   tap_streq(vrm_ctime(&when), want)))
			tally_diag(&t, "asctime of %s: \"%s\", glibc \"%s\"", tm_text(&v),
				   a ? a : "NULL", b ? b : "NULL");
	}
	tally_ok(&t, "asctime and ctime agree with glibc's for years 1 to 9999");

	time_t far = 253402300800;	/* 10000-01-01 */

	vrm_errno = 0;
	ok(vrm_ctime_r(&far, got) == NULL && vrm_errno == SDK_EOVERFLOW,
	   "ctime of a year past 9999 is NULL with EOVERFLOW");
}

int main(void)
{
	rng_init();
	ref_setenv("TZ", "UTC", 1);
	ref_tzset();
	test_gmtime();
	test_mktime();
	test_difftime();
	test_strftime();
	test_strftime_flags();
	test_asctime();
	return done_testing();
}
