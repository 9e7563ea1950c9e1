/* SPDX-License-Identifier: MIT */
/* Host tests: glibc's own functions under ref_ names, to compare against. */
#ifndef VRM_GLIBC_REF_H
#define VRM_GLIBC_REF_H

/*
 * host_names.h takes the plain names (memcpy means vrm_memcpy), so these
 * declarations bind to glibc's symbols by assembler name instead.
 */

#include <stdarg.h>
#include <stddef.h>

void *ref_memchr(const void *s, int c, size_t n) __asm__("memchr");
int ref_memcmp(const void *a, const void *b, size_t n) __asm__("memcmp");
void *ref_memcpy(void *dst, const void *src, size_t n) __asm__("memcpy");
void *ref_memmove(void *dst, const void *src, size_t n) __asm__("memmove");
void *ref_memset(void *s, int c, size_t n) __asm__("memset");
char *ref_strchr(const char *s, int c) __asm__("strchr");
char *ref_strrchr(const char *s, int c) __asm__("strrchr");
size_t ref_strlen(const char *s) __asm__("strlen");
size_t ref_strnlen(const char *s, size_t max) __asm__("strnlen");
int ref_strcmp(const char *a, const char *b) __asm__("strcmp");
int ref_strncmp(const char *a, const char *b, size_t n) __asm__("strncmp");
char *ref_strstr(const char *haystack, const char *needle) __asm__("strstr");

unsigned long ref_strtoul(const char *s, char **end, int base) __asm__("strtoul");
unsigned long long ref_strtoull(const char *s, char **end, int base)
	__asm__("strtoull");

int ref_isdigit(int c) __asm__("isdigit");
int ref_isxdigit(int c) __asm__("isxdigit");
int ref_isspace(int c) __asm__("isspace");
int ref_isalpha(int c) __asm__("isalpha");
int ref_isalnum(int c) __asm__("isalnum");
int ref_isprint(int c) __asm__("isprint");
int ref_isupper(int c) __asm__("isupper");
int ref_islower(int c) __asm__("islower");
int ref_tolower(int c) __asm__("tolower");
int ref_toupper(int c) __asm__("toupper");

int ref_vsnprintf(char *buf, size_t size, const char *fmt, va_list ap)
	__asm__("vsnprintf") __attribute__((format(printf, 3, 0)));
int ref_snprintf(char *buf, size_t size, const char *fmt, ...)
	__asm__("snprintf") __attribute__((format(printf, 3, 4)));

/* For tap.h's fork, without glibc's process headers (their signal.h
 * would meet the SDK's in the tests of user/lib). */
int ref_fork(void) __asm__("fork");
int ref_waitpid(int pid, int *status, int options) __asm__("waitpid");
int ref_dup2(int oldfd, int newfd) __asm__("dup2");
void ref__exit(int status) __asm__("_exit") __attribute__((noreturn));

#endif /* VRM_GLIBC_REF_H */
