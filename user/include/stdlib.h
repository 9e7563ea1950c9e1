/* SPDX-License-Identifier: MIT */
/* Memory allocation, process exit, number conversion, sorting, random
 * numbers, the environment. */
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
/* Up to ATEXIT_MAX (<limits.h>) functions; -1 when full. */
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

/*
 * The C standard's example generator (AIX's RAND_MAX): rand() starts as
 * if srand(1) had been called; rand_r keeps its state in *seed, so
 * threads can each have their own.
 */
#define RAND_MAX	32767
int rand(void);
void srand(unsigned int seed);
int rand_r(unsigned int *seed);

/* The value of name in the environment (environ, <unistd.h>), or NULL. */
char *getenv(const char *name);
/*
 * setenv adds name=value or, if overwrite is not 0, replaces the value;
 * unsetenv removes name. Both fail with EINVAL for a name that is empty
 * or holds '='. A string getenv returned stays valid until its variable
 * is set again or unset.
 */
int setenv(const char *name, const char *value, int overwrite);
int unsetenv(const char *name);

#endif /* _STDLIB_H */
