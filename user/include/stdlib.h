/* SPDX-License-Identifier: MIT */
/* Memory allocation, process exit, number conversion, sorting. */
#ifndef _STDLIB_H
#define _STDLIB_H

#include <stddef.h>
#include <libc/stdlib.h>

#define EXIT_SUCCESS	0
#define EXIT_FAILURE	1

/*
 * A free-list allocator over brk: 16-byte aligned blocks, first fit,
 * neighbours merged on free, and the top of the heap given back to the
 * kernel once 128 KiB of it is free. Failures return NULL with ENOMEM.
 */
void *malloc(size_t size);
void free(void *p);
void *calloc(size_t n, size_t size);
/* realloc(p, 0) frees p and returns NULL. */
void *realloc(void *p, size_t size);

/* Runs the atexit() functions (last registered first), flushes stdio,
 * then ends the task. */
void exit(int status) __attribute__((noreturn));
/* Up to 32 functions; -1 when full. */
int atexit(void (*fn)(void));
/* Raises SIGABRT; ends the task even if a handler returns. */
void abort(void) __attribute__((noreturn));

/* strtol and strtoll saturate at LONG_MIN/LONG_MAX with ERANGE. */
long strtol(const char *restrict s, char **restrict endptr, int base);
long long strtoll(const char *restrict s, char **restrict endptr, int base);
int atoi(const char *s);
long atol(const char *s);
int abs(int n);
long labs(long n);

/* In place, not stable, O(n log n) (a heapsort). */
void qsort(void *base, size_t n, size_t size,
	   int (*cmp)(const void *, const void *));

/* The value of name in the environment, or NULL. */
char *getenv(const char *name);

#endif /* _STDLIB_H */
