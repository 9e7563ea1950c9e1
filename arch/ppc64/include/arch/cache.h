/* SPDX-License-Identifier: MIT */
/* Making stores visible to instruction fetch (Power ISA Book II,
 * "Instruction Storage"): the instruction cache is not kept coherent. */
#ifndef ARCH_CACHE_H
#define ARCH_CACHE_H

#include <arch/ppc.h>

#define CACHE_LINE	128

static inline void icache_sync_range(unsigned long start, unsigned long end)
{
	for (unsigned long p = start & ~(CACHE_LINE - 1ul); p < end; p += CACHE_LINE)
		asm volatile("dcbst 0,%0" : : "r"(p) : "memory");
	sync();
	for (unsigned long p = start & ~(CACHE_LINE - 1ul); p < end; p += CACHE_LINE)
		asm volatile("icbi 0,%0" : : "r"(p) : "memory");
	sync();
	isync();
}
#endif
