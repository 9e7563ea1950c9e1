// SPDX-License-Identifier: MIT
/*
 * The kernel's linear map: all RAM at KERNEL_LINEAR_BASE + real address,
 * one 1 TB segment with the largest page size the partition offers,
 * every page bolted in the HPT so the kernel never faults on its own
 * memory (interrupt handlers included).
 */
#define pr_fmt "linear: "
#include <arch/mmu_info.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include <vrm/memmap.h>
#include "vmm_impl.h"

int linear_map_range(uint64_t base, uint64_t size)
{
	const struct mmu_page_size *p = mmu.linear.psize;
	uint64_t step = 1ul << p->shift;
	uint64_t start = base & ~(step - 1), end = base + size;

	if (end > (1ul << SEGMENT_SHIFT_1T)) {
		pr_err("memory above 1 TB is not mapped\n");
		return -ERANGE;
	}
	for (uint64_t real = start; real < end; real += step) {
		int err = hpt_bolt(&mmu.linear, real,
				   hpte_encode_r(real, p, HPTE_PP_KEY0_RW, false));

		if (err) {
			pr_err("cannot bolt %#lx: %d\n", (unsigned long)real, err);
			return err;
		}
	}
	return 0;
}

int linear_map_all(void)
{
	for (unsigned int i = 0; i < boot_memory.count; i++) {
		int err = linear_map_range(boot_memory.range[i].base, boot_memory.range[i].size);

		if (err)
			return err;
	}
	return 0;
}
