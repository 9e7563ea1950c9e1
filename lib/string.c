/* SPDX-License-Identifier: MIT */
/* Memory and string functions for the kernel and for libfdt. */

#include <stdint.h>
#include <string.h>

/*
 * gcc's loop distribution replaces byte copy and fill loops by calls to
 * memcpy and memset, which here would be endless recursion. gcc 12 holds
 * back under -fno-builtin, but nothing promises that for other versions
 * or flags, so it is switched off for this file outright.
 */
#pragma GCC optimize("no-tree-loop-distribute-patterns")

/* A machine word that may alias any object, so word copies are legal C. */
typedef unsigned long __attribute__((may_alias)) word_t;

#define WSIZE sizeof(word_t)

static inline int word_aligned(const void *p)
{
	return ((uintptr_t)p & (WSIZE - 1)) == 0;
}

/* Word copies need both pointers to reach a word boundary together. */
static inline int same_misalignment(const void *a, const void *b)
{
	return (((uintptr_t)a ^ (uintptr_t)b) & (WSIZE - 1)) == 0;
}

/*
 * Copies from the lowest address up. Each word and byte is read before the
 * store that could overwrite it, so this is also memmove's path when dst
 * lies below src.
 */
static void copy_forward(unsigned char *d, const unsigned char *s, size_t n)
{
	if (same_misalignment(d, s)) {
		for (; n > 0 && !word_aligned(d); n--)
			*d++ = *s++;
		for (; n >= 4 * WSIZE; n -= 4 * WSIZE) {
			word_t *dw = (word_t *)d;
			const word_t *sw = (const word_t *)s;

			dw[0] = sw[0];
			dw[1] = sw[1];
			dw[2] = sw[2];
			dw[3] = sw[3];
			d += 4 * WSIZE;
			s += 4 * WSIZE;
		}
		for (; n >= WSIZE; n -= WSIZE) {
			*(word_t *)d = *(const word_t *)s;
			d += WSIZE;
			s += WSIZE;
		}
	}
	for (; n > 0; n--)
		*d++ = *s++;
}

/* Copies from the highest address down: memmove when dst lies above src. */
static void copy_backward(unsigned char *d, const unsigned char *s, size_t n)
{
	d += n;
	s += n;
	if (same_misalignment(d, s)) {
		for (; n > 0 && !word_aligned(d); n--)
			*--d = *--s;
		for (; n >= WSIZE; n -= WSIZE) {
			d -= WSIZE;
			s -= WSIZE;
			*(word_t *)d = *(const word_t *)s;
		}
	}
	for (; n > 0; n--)
		*--d = *--s;
}

void *memcpy(void *restrict dst, const void *restrict src, size_t n)
{
	copy_forward(dst, src, n);
	return dst;
}

void *memmove(void *dst, const void *src, size_t n)
{
	/*
	 * Unsigned arithmetic: the difference is below n only when dst starts
	 * inside [src, src + n), the one case a forward copy would read bytes
	 * it has already overwritten.
	 */
	if ((uintptr_t)dst - (uintptr_t)src >= n)
		copy_forward(dst, src, n);
	else
		copy_backward(dst, src, n);
	return dst;
}

void *memset(void *s, int c, size_t n)
{
	unsigned char *d = s;
	unsigned char byte = (unsigned char)c;
	/* ~0 / 0xff is 0x0101...01: one copy of the byte in every lane. */
	word_t pattern = byte * (~(word_t)0 / 0xff);

	for (; n > 0 && !word_aligned(d); n--)
		*d++ = byte;
	for (; n >= 4 * WSIZE; n -= 4 * WSIZE) {
		word_t *dw = (word_t *)d;

		dw[0] = pattern;
		dw[1] = pattern;
		dw[2] = pattern;
		dw[3] = pattern;
		d += 4 * WSIZE;
	}
	for (; n >= WSIZE; n -= WSIZE) {
		*(word_t *)d = pattern;
		d += WSIZE;
	}
	for (; n > 0; n--)
		*d++ = byte;
	return s;
}

int memcmp(const void *a, const void *b, size_t n)
{
	const unsigned char *p = a, *q = b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
	}
	return 0;
}

void *memchr(const void *s, int c, size_t n)
{
	const unsigned char *p = s;

	for (; n > 0; n--, p++) {
		if (*p == (unsigned char)c)
			return (void *)p;
	}
	return NULL;
}

/*
 * The string functions go a byte at a time: reading a word could run past
 * the terminator into memory the caller does not own.
 */

size_t strlen(const char *s)
{
	const char *p = s;

	while (*p)
		p++;
	return p - s;
}

size_t strnlen(const char *s, size_t max)
{
	size_t n = 0;

	while (n < max && s[n])
		n++;
	return n;
}

char *strcpy(char *dst, const char *src)
{
	return memcpy(dst, src, strlen(src) + 1);
}

/* As in C, the terminator is part of the string: strchr(s, 0) finds it. */
char *strchr(const char *s, int c)
{
	for (;; s++) {
		if (*s == (char)c)
			return (char *)s;
		if (!*s)
			return NULL;
	}
}

char *strrchr(const char *s, int c)
{
	const char *last = NULL;

	for (;; s++) {
		if (*s == (char)c)
			last = s;
		if (!*s)
			return (char *)last;
	}
}

/* Characters compare as unsigned char, as C requires. */
int strcmp(const char *a, const char *b)
{
	return strncmp(a, b, SIZE_MAX);
}

int strncmp(const char *a, const char *b, size_t n)
{
	const unsigned char *p = (const unsigned char *)a;
	const unsigned char *q = (const unsigned char *)b;

	for (; n > 0; n--, p++, q++) {
		if (*p != *q)
			return *p - *q;
		if (!*p)
			return 0;
	}
	return 0;
}

/* Plain quadratic search: the kernel only looks for short needles. */
char *strstr(const char *haystack, const char *needle)
{
	size_t len = strlen(needle);

	for (; *haystack; haystack++) {
		if (strncmp(haystack, needle, len) == 0)
			return (char *)haystack;
	}
	return len == 0 ? (char *)haystack : NULL;
}

size_t strlcpy(char *restrict dst, const char *restrict src, size_t size)
{
	size_t len = strlen(src);

	if (size > 0) {
		size_t n = len < size - 1 ? len : size - 1;

		memcpy(dst, src, n);
		dst[n] = '\0';
	}
	return len;
}
