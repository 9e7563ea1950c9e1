/* SPDX-License-Identifier: MIT */
/* Memory and string functions: the kernel's lib/string.c and a few more. */
#ifndef _STRING_H
#define _STRING_H

#include <stddef.h>
#include <libc/string.h>

char *strncpy(char *restrict dst, const char *restrict src, size_t n);
char *strcat(char *restrict dst, const char *restrict src);
char *strncat(char *restrict dst, const char *restrict src, size_t n);
size_t strspn(const char *s, const char *accept);
size_t strcspn(const char *s, const char *reject);
char *strpbrk(const char *s, const char *accept);
char *strtok_r(char *restrict s, const char *restrict delim, char **restrict save);
char *strtok(char *restrict s, const char *restrict delim);
/* A copy in memory from malloc(); NULL (ENOMEM) when there is none. */
char *strdup(const char *s);
char *strndup(const char *s, size_t n);

/* The text for an error number, or "Unknown error <n>". */
char *strerror(int errnum);
/* The description of a signal ("Segmentation fault"), or "Unknown signal <n>". */
char *strsignal(int sig);

#endif /* _STRING_H */
