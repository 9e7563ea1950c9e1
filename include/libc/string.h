/* SPDX-License-Identifier: MIT */
/* Memory and string functions of the freestanding C library (lib/string.c). */
#ifndef VRM_LIBC_STRING_H
#define VRM_LIBC_STRING_H

#include <stddef.h>

void *memchr(const void *s, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);
void *memcpy(void *restrict dst, const void *restrict src, size_t n);
void *memmove(void *dst, const void *src, size_t n);
void *memset(void *s, int c, size_t n);

char *strcpy(char *dst, const char *src);
char *strchr(const char *s, int c);
char *strrchr(const char *s, int c);
size_t strlen(const char *s);
size_t strnlen(const char *s, size_t max);
int strcmp(const char *a, const char *b);
int strncmp(const char *a, const char *b, size_t n);
char *strstr(const char *haystack, const char *needle);

/*
 * BSD strlcpy: copies at most size - 1 bytes, always NUL-terminates when
 * size > 0, and returns strlen(src) so that a result >= size means the
 * copy was cut short.
 */
size_t strlcpy(char *restrict dst, const char *restrict src, size_t size);

#endif /* VRM_LIBC_STRING_H */
