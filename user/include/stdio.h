/* SPDX-License-Identifier: MIT */
/* Buffered streams over descriptors, and formatted print (no floating point). */
#ifndef _STDIO_H
#define _STDIO_H

#include <stdarg.h>
#include <stddef.h>
#include <uapi/sys/types.h>
#include <uapi/sys/file.h>

#define EOF	(-1)
#define BUFSIZ	1024

/*
 * A stream: a descriptor and a buffer. stdout is line-buffered (a newline
 * or a full buffer writes it out, and so does reading stdin), stderr is
 * unbuffered (each call is one write), files are fully buffered.
 */
typedef struct __file FILE;

extern FILE *const stdin;
extern FILE *const stdout;
extern FILE *const stderr;

/* Modes "r", "w", "a", each with an optional "+"; files of the initramfs
 * are read-only. */
FILE *fopen(const char *restrict path, const char *restrict mode);
int fclose(FILE *f);
/* Writes out what is buffered; fflush(NULL) does it for every stream. */
int fflush(FILE *f);
int fileno(FILE *f);
int feof(FILE *f);
int ferror(FILE *f);
void clearerr(FILE *f);

size_t fread(void *restrict buf, size_t size, size_t n, FILE *restrict f);
size_t fwrite(const void *restrict buf, size_t size, size_t n, FILE *restrict f);
int fgetc(FILE *f);
int getc(FILE *f);
int getchar(void);
/* Pushes one character back; EOF if one is already pushed back. */
int ungetc(int c, FILE *f);
/* Reads up to n - 1 bytes, through the first newline, and a NUL. */
char *fgets(char *restrict s, int n, FILE *restrict f);
int fputc(int c, FILE *f);
int putc(int c, FILE *f);
int putchar(int c);
int fputs(const char *restrict s, FILE *restrict f);
/* s and a newline, on stdout. */
int puts(const char *s);

/*
 * The conversions of the kernel's formatted print (lib/fmt.c): %d %i %u
 * %x %X %o %p %s %c %%, flags, width, precision, hh h l ll z t j. No
 * floating point. The stream functions return -1 on a write error.
 */
int printf(const char *restrict fmt, ...)
	__attribute__((format(__printf__, 1, 2)));
int fprintf(FILE *restrict f, const char *restrict fmt, ...)
	__attribute__((format(__printf__, 2, 3)));
int dprintf(int fd, const char *restrict fmt, ...)
	__attribute__((format(__printf__, 2, 3)));
int sprintf(char *restrict buf, const char *restrict fmt, ...)
	__attribute__((format(__printf__, 2, 3)));
int snprintf(char *buf, size_t size, const char *fmt, ...)
	__attribute__((format(__printf__, 3, 4)));
int vprintf(const char *restrict fmt, va_list ap)
	__attribute__((format(__printf__, 1, 0)));
int vfprintf(FILE *restrict f, const char *restrict fmt, va_list ap)
	__attribute__((format(__printf__, 2, 0)));
int vdprintf(int fd, const char *restrict fmt, va_list ap)
	__attribute__((format(__printf__, 2, 0)));
int vsprintf(char *restrict buf, const char *restrict fmt, va_list ap)
	__attribute__((format(__printf__, 2, 0)));
int vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__attribute__((format(__printf__, 3, 0)));

/* "s: <strerror(errno)>" on stderr, or only the message when s is NULL or "". */
void perror(const char *s);

#endif /* _STDIO_H */
