/* SPDX-License-Identifier: MIT */
/* Formatted print: printf-style output into a sink or a buffer. */
#ifndef VRM_FMT_H
#define VRM_FMT_H

#include <stdarg.h>
#include <stddef.h>

/*
 * Conversions: %d %i %u %x %X %o %p %s %c %%, flags - 0 # space +, a field
 * width and a precision (either may be *), length modifiers hh h l ll z t j.
 * They behave as glibc's do, including "(nil)" for a NULL %p and "(null)"
 * for a NULL %s. There is no floating point and no %n: such a conversion,
 * or any other unknown one, is copied to the output as written and takes
 * no argument.
 */

/* Receives the output piece by piece, in order; s is not NUL-terminated. */
typedef void (*fmt_sink)(void *ctx, const char *s, size_t n);

/*
 * Formats into sink; returns the number of characters produced (or
 * INT_MAX, should there be more).
 */
int vfmt(fmt_sink sink, void *ctx, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));

/*
 * C99's: writes at most size - 1 characters and a NUL (nothing at all when
 * size is 0, so buf may then be NULL), and returns the length the whole
 * output would have had.
 */
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(printf, 3, 0)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

#endif /* VRM_FMT_H */
