/* SPDX-License-Identifier: MIT */
/* Integer limits for the freestanding kernel (GCC's own header wants a libc one). */
#ifndef _LIBC_LIMITS_H
#define _LIBC_LIMITS_H

#define CHAR_BIT	8
#define SCHAR_MIN	(-128)
#define SCHAR_MAX	127
#define UCHAR_MAX	255
#define CHAR_MIN	0	/* char is unsigned on PowerPC */
#define CHAR_MAX	UCHAR_MAX
#define SHRT_MIN	(-SHRT_MAX - 1)
#define SHRT_MAX	__SHRT_MAX__
#define USHRT_MAX	(SHRT_MAX * 2 + 1)
#define INT_MIN		(-INT_MAX - 1)
#define INT_MAX		__INT_MAX__
#define UINT_MAX	(INT_MAX * 2u + 1u)
#define LONG_MIN	(-LONG_MAX - 1l)
#define LONG_MAX	__LONG_MAX__
#define ULONG_MAX	(LONG_MAX * 2ul + 1ul)
#define LLONG_MIN	(-LLONG_MAX - 1ll)
#define LLONG_MAX	__LONG_LONG_MAX__
#define ULLONG_MAX	(LLONG_MAX * 2ull + 1ull)
#endif
