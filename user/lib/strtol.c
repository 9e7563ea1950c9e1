/* SPDX-License-Identifier: MIT */
/* Signed number conversion over the kernel's strtoull, and abs. */

#include <ctype.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

static long long no_number(const char *s, char **endptr)
{
	if (endptr)
		*endptr = (char *)s;
	return 0;
}

long long strtoll(const char *restrict s, char **restrict endptr, int base)
{
	const char *p = s;
	bool negative = false;
	unsigned long long mag;
	char *end;

	while (isspace(*p))
		p++;
	if (*p == '+' || *p == '-')
		negative = *p++ == '-';
	/* One sign, right before the digits: strtoull would take "- 5", "--5". */
	if (*p == '+' || *p == '-' || isspace(*p))
		return no_number(s, endptr);
	mag = strtoull(p, &end, base);
	if (end == p)
		return no_number(s, endptr);
	if (endptr)
		*endptr = end;
	if (!negative && mag > LLONG_MAX) {
		errno = ERANGE;
		return LLONG_MAX;
	}
	if (negative && mag > (unsigned long long)LLONG_MAX + 1) {
		errno = ERANGE;
		return LLONG_MIN;
	}
	return negative && mag ? -(long long)(mag - 1) - 1 : (long long)mag;
}

long strtol(const char *restrict s, char **restrict endptr, int base)
{
	_Static_assert(LONG_MAX == LLONG_MAX, "long is long long's size");
	return strtoll(s, endptr, base);
}

int atoi(const char *s)
{
	return (int)strtol(s, NULL, 10);
}

long atol(const char *s)
{
	return strtol(s, NULL, 10);
}

int abs(int n)
{
	return n < 0 ? -n : n;
}

long labs(long n)
{
	return n < 0 ? -n : n;
}
