/* SPDX-License-Identifier: MIT */
/* Number parsing of the freestanding C library (lib/strtoul.c). */
#ifndef VRM_LIBC_STDLIB_H
#define VRM_LIBC_STDLIB_H

/*
 * Like C's: leading white space, an optional sign, then digits in base 2..36;
 * base 0 picks 16 for a "0x" prefix, 8 for a leading "0", else 10. A minus
 * sign negates the result as an unsigned value. On overflow the result is
 * the type's maximum (there is no errno). *endptr, when endptr is not NULL,
 * is set past the last digit used, or to s when there was no number.
 */
unsigned long strtoul(const char *s, char **endptr, int base);
unsigned long long strtoull(const char *s, char **endptr, int base);

#endif /* VRM_LIBC_STDLIB_H */
