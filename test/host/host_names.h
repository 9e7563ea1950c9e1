/* SPDX-License-Identifier: MIT */
/* Host tests: gives lib/'s C library functions vrm_ names beside glibc's. */
#ifndef VRM_HOST_NAMES_H
#define VRM_HOST_NAMES_H

/*
 * Forced with -include into every file of a host test, the code under test
 * and the test alike, so both agree on the names. Tests reach glibc's
 * functions through glibc_ref.h.
 */

/*
 * Fortified glibc headers define inline wrappers for snprintf and friends;
 * under the names below those would stand in for the functions under test.
 */
#undef _FORTIFY_SOURCE

#define memchr vrm_memchr
#define memcmp vrm_memcmp
#define memcpy vrm_memcpy
#define memmove vrm_memmove
#define memset vrm_memset
#define strcpy vrm_strcpy
#define strchr vrm_strchr
#define strrchr vrm_strrchr
#define strlen vrm_strlen
#define strnlen vrm_strnlen
#define strcmp vrm_strcmp
#define strncmp vrm_strncmp
#define strlcpy vrm_strlcpy
#define strstr vrm_strstr

#define strtoul vrm_strtoul
#define strtoull vrm_strtoull

#define isdigit vrm_isdigit
#define isxdigit vrm_isxdigit
#define isspace vrm_isspace
#define isalpha vrm_isalpha
#define isalnum vrm_isalnum
#define isprint vrm_isprint
#define isupper vrm_isupper
#define islower vrm_islower
#define tolower vrm_tolower
#define toupper vrm_toupper

#define vsnprintf vrm_vsnprintf
#define snprintf vrm_snprintf

#endif /* VRM_HOST_NAMES_H */
