/* SPDX-License-Identifier: MIT */
/* The kernel's address map: where it is linked and how it reaches real memory. */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

/*
 * Kernel addresses are real addresses with the top nibble set. With the MMU
 * off the top four bits of an effective address are ignored (Power ISA,
 * "Real Addressing Mode"), so the same pointers work before and after the
 * linear map at KERNEL_BASE exists.
 */
#define KERNEL_BASE		0xc000000000000000ul
#define KERNEL_LOAD_PA		0x400000ul	/* where QEMU and SLOF place the image */

#ifndef __ASSEMBLY__
#include <stdint.h>

/* Real (physical) address of a kernel pointer: what firmware, RTAS and
 * hcalls are given. */
static inline uint64_t pa(const volatile void *p)
{
	return (uint64_t)(uintptr_t)p & ~0xf000000000000000ul;
}

/* Kernel pointer for a real address. */
static inline void *va(uint64_t real)
{
	return (void *)(uintptr_t)(real | KERNEL_BASE);
}
#endif
#endif
