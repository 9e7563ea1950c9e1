/* SPDX-License-Identifier: MIT */
/* printf conversions for the <stdint.h> types (LP64: 64-bit is long). */
#ifndef _INTTYPES_H
#define _INTTYPES_H

#include <stdint.h>

#define PRId8	"d"
#define PRId16	"d"
#define PRId32	"d"
#define PRId64	"ld"
#define PRIi32	"i"
#define PRIi64	"li"
#define PRIu8	"u"
#define PRIu16	"u"
#define PRIu32	"u"
#define PRIu64	"lu"
#define PRIx32	"x"
#define PRIx64	"lx"
#define PRIX32	"X"
#define PRIX64	"lX"
#define PRIo32	"o"
#define PRIo64	"lo"
#define PRIdMAX	"jd"
#define PRIuMAX	"ju"
#define PRIxMAX	"jx"
#define PRIdPTR	"ld"
#define PRIuPTR	"lu"
#define PRIxPTR	"lx"

#endif /* _INTTYPES_H */
