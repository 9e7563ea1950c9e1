/* SPDX-License-Identifier: MIT */
/* The printf family over the kernel's formatter (lib/fmt.c's vfmt). */

#include <limits.h>
#include <stdarg.h>
#include <vrm/fmt.h>

#include "stdio_impl.h"

static void stream_sink(void *ctx, const char *s, size_t n)
{
	__stdio_put(ctx, s, n);
}

/*
 * An unbuffered stream borrows a buffer for the length of the call, so
 * one printf is one write (lines from several tasks on the console do not
 * interleave within a line).
 */
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
{
	unsigned char tmp[BUFSIZ];
	unsigned int old_err = f->flags & F_ERR;
	int borrowed = f->size == 0, n;

	if (borrowed) {
		f->buf = tmp;
		f->size = sizeof(tmp);
	}
	f->flags &= ~F_ERR;
	n = vfmt(stream_sink, f, fmt, ap);
	if (borrowed) {
		if (f->flags & F_OUT)
			__stdio_flush_out(f);
		f->buf = NULL;
		f->size = 0;
	}
	if (f->flags & F_ERR)
		n = -1;
	f->flags |= old_err;
	return n;
}

int fprintf(FILE *restrict f, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(f, fmt, ap);
	va_end(ap);
	return n;
}

int vprintf(const char *restrict fmt, va_list ap)
{
	return vfprintf(stdout, fmt, ap);
}

int printf(const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vfprintf(stdout, fmt, ap);
	va_end(ap);
	return n;
}

/* A stream on the stack for one call: unbuffered, so written at once. */
int vdprintf(int fd, const char *restrict fmt, va_list ap)
{
	FILE f = { .fd = fd, .flags = F_WRITE, .unget = EOF };

	return vfprintf(&f, fmt, ap);
}

int dprintf(int fd, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vdprintf(fd, fmt, ap);
	va_end(ap);
	return n;
}

/* No bound is given: the longest output printf can count is INT_MAX. */
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
{
	return vsnprintf(buf, (size_t)INT_MAX + 1, fmt, ap);
}

int sprintf(char *restrict buf, const char *restrict fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsprintf(buf, fmt, ap);
	va_end(ap);
	return n;
}
