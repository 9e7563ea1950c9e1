/* SPDX-License-Identifier: MIT */
/* The address map, kernel and user: the one place that states it. */
#ifndef ARCH_MEMLAYOUT_H
#define ARCH_MEMLAYOUT_H

/*
 * Read by C, by assembly (__ASSEMBLY__) and by the two linker scripts,
 * which the build makes from this file with the preprocessor
 * (arch/ppc64/kernel.lds.S, user/user.lds.S): UL() drops the C suffix
 * where the assembler or the linker would not take it.
 */
#ifdef __ASSEMBLY__
#define UL(x)			x
#else
#define UL_PASTE(x)		x##ul
#define UL(x)			UL_PASTE(x)	/* x expanded first */
#endif

#define REGION_SHIFT		28		/* a region is one 256 MB segment */

/*
 * The kernel. Kernel addresses are real addresses with the top nibble set.
 * With the MMU off the top four bits of an effective address are ignored
 * (Power ISA, "Real Addressing Mode"), so the same pointers work before
 * and after the linear map at KERNEL_BASE exists.
 */
#define KERNEL_BASE		UL(0xc000000000000000)	/* the linear map of all memory */
#define KERNEL_LOAD_PA		UL(0x400000)	/* where QEMU and SLOF place the image */
#define KERNEL_ATTACH_BASE	UL(0xd000000000000000)	/* vm_att's regions */
#define KERNEL_REGIONS		4096		/* of 256 MB each */

/*
 * A task's address space: USER_REGIONS regions of 256 MB from address 0.
 * Region 0 stays empty, so a NULL pointer faults; the text of a program is
 * linked into region 1, its data, bss and heap into region 2; vmseg_create
 * takes free regions from 3; the stack grows down from USER_TOP in the
 * last region.
 */
#define USER_REGIONS		64
#define USER_TOP		(UL(USER_REGIONS) << REGION_SHIFT)
#define USER_TEXT_REGION	1
#define USER_DATA_REGION	2
#define USER_FIRST_FREE_REGION	3
#define USER_STACK_REGION	(USER_REGIONS - 1)
#define USER_TEXT_BASE		(UL(USER_TEXT_REGION) << REGION_SHIFT)
#define USER_DATA_BASE		(UL(USER_DATA_REGION) << REGION_SHIFT)

#if !defined(__ASSEMBLY__)
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
