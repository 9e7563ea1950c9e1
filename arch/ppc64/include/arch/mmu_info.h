/* SPDX-License-Identifier: MIT */
/* The hash MMU of this partition, read from the device tree by mmu_init. */
#ifndef ARCH_MMU_INFO_H
#define ARCH_MMU_INFO_H

#include <arch/memlayout.h>
#include <arch/mmu.h>

#define MMU_MAX_PAGE_SIZES	8

/*
 * Virtual address space layout (a VA is VSID || segment offset): 256 MB
 * segments take VSIDs below 2^MMU_SEGMENT_ID_BITS, so their VAs lie below
 * 2^48; the kernel's linear map is one 1 TB segment whose VA lies above.
 */
#define MMU_SEGMENT_ID_BITS	20
#define MMU_LINEAR_VSID		0x7fful
#define KERNEL_LINEAR_BASE	KERNEL_BASE

struct mmu_info {
	unsigned int hpt_shift;		/* log2 of the HPT size in bytes */
	unsigned long hpt_groups;
	unsigned long hash_mask;	/* hash -> group index */
	unsigned int slb_size;
	unsigned int nr_page_sizes;
	struct mmu_page_size page_sizes[MMU_MAX_PAGE_SIZES];
	struct mmu_segment linear;	/* the kernel's linear map */
};

extern struct mmu_info mmu;

/* Reads ibm,pft-size, ibm,segment-page-sizes, ibm,processor-segment-sizes
 * and ibm,slb-size: 0, or -ENODEV when the MMU cannot be used. */
int mmu_init(void);
/* The page size with this shift, or NULL if the partition lacks it. */
const struct mmu_page_size *mmu_page_size(unsigned int shift);
/* On the calling CPU: bolts the linear segment in SLB entry 0 and turns
 * translation on, here and in every interrupt handler from now on. The
 * linear map must already have its HPTEs. */
void mmu_cpu_enable(void);
bool mmu_enabled(void);
#endif
