/* SPDX-License-Identifier: MIT */
/* Raw copies between kernel and user memory; callers check the range. */
#ifndef ARCH_UACCESS_H
#define ARCH_UACCESS_H

#include <stddef.h>
#include <stdbool.h>

/* 0, or -EFAULT when part of the user side cannot be accessed. */
long arch_copy_user(void *dst, const void *src, size_t n);
/* The length of the string copied (NUL included in the copy), size when
 * no NUL came within size bytes, or -EFAULT. */
long arch_copy_string_user(char *dst, const char *src, size_t size);

/* True when a fault at nip is one of the copies above (exception.c). */
bool uaccess_fixup(unsigned long *nip);
#endif
