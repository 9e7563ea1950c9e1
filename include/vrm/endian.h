/* SPDX-License-Identifier: MIT */
/* Big-endian types, converted at the one point where data crosses the edge. */
#ifndef VRM_ENDIAN_H
#define VRM_ENDIAN_H

#include <stdint.h>

typedef struct { uint16_t v; } be16;
typedef struct { uint32_t v; } be32;
typedef struct { uint64_t v; } be64;

static inline be16 cpu_to_be16(uint16_t x) { return (be16){ __builtin_bswap16(x) }; }
static inline be32 cpu_to_be32(uint32_t x) { return (be32){ __builtin_bswap32(x) }; }
static inline be64 cpu_to_be64(uint64_t x) { return (be64){ __builtin_bswap64(x) }; }
static inline uint16_t be16_to_cpu(be16 x) { return __builtin_bswap16(x.v); }
static inline uint32_t be32_to_cpu(be32 x) { return __builtin_bswap32(x.v); }
static inline uint64_t be64_to_cpu(be64 x) { return __builtin_bswap64(x.v); }

/* Reads of unaligned big-endian data in device-tree properties. */
static inline uint32_t get_be32(const void *p)
{
	const uint8_t *b = p;

	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static inline uint64_t get_be64(const void *p)
{
	return (uint64_t)get_be32(p) << 32 | get_be32((const uint8_t *)p + 4);
}
#endif
