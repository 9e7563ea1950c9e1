/* SPDX-License-Identifier: MIT */
/* strtoul and strtoull: read an unsigned number the way C's do. */

#include <ctype.h>
#include <limits.h>
#include <stdbool.h>
#include <stdlib.h>

/* The digit's value in bases up to 36; 36 for anything that is no digit. */
static unsigned int digit_value(char c)
{
	if (isdigit(c))
		return c - '0';
	if (isalpha(c))
		return tolower(c) - 'a' + 10;
	return 36;
}

/*
 * "0x" is a prefix only when a hex digit follows it: C reads "0xg" as the
 * number 0 followed by "xg".
 */
static bool has_hex_prefix(const char *s)
{
	return s[0] == '0' && tolower(s[1]) == 'x' && isxdigit(s[2]);
}

/* Both functions in one: max is the largest value of the result type. */
static unsigned long long parse(const char *s, char **endptr, int base,
				unsigned long long max)
{
	const char *p = s;
	unsigned long long value = 0;
	bool negative = false, overflow = false, any = false;

	/* Not a base C allows; unlike glibc, still say where parsing stopped. */
	if (base < 0 || base == 1 || base > 36) {
		if (endptr)
			*endptr = (char *)s;
		return 0;
	}

	while (isspace(*p))
		p++;
	if (*p == '+' || *p == '-')
		negative = *p++ == '-';
	if ((base == 0 || base == 16) && has_hex_prefix(p)) {
		p += 2;
		base = 16;
	} else if (base == 0) {
		base = *p == '0' ? 8 : 10;
	}

	/* On overflow keep consuming digits: *endptr goes past all of them. */
	for (;; p++) {
		unsigned int digit = digit_value(*p);

		if (digit >= (unsigned int)base)
			break;
		any = true;
		if (value > (max - digit) / base)
			overflow = true;
		else
			value = value * base + digit;
	}

	if (endptr)
		*endptr = (char *)(any ? p : s);
	if (overflow)
		return max;
	return negative ? -value : value;
}

unsigned long strtoul(const char *s, char **endptr, int base)
{
	return parse(s, endptr, base, ULONG_MAX);
}

unsigned long long strtoull(const char *s, char **endptr, int base)
{
	return parse(s, endptr, base, ULLONG_MAX);
}
