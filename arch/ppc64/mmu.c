// SPDX-License-Identifier: MIT
/* What the hash MMU offers this partition, and turning translation on. */
#define pr_fmt "mmu: "
#include <arch/mmu.h>
#include <arch/mmu_info.h>
#include <arch/paca.h>
#include <arch/ppc.h>
#include <arch/reg.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/log.h>

/* Cells read of ibm,processor-segment-sizes (QEMU gives four) and of
 * ibm,segment-page-sizes (a few groups, tens of cells; groups past the
 * buffer are left out, as those past MMU_MAX_PAGE_SIZES are). */
#define SEGMENT_SIZES_MAX	8
#define PAGE_SIZE_CELLS_MAX	128

struct mmu_info mmu;

/*
 * ibm,segment-page-sizes (LoPAR "Segment Page Sizes"): groups of base page
 * shift, SLB encoding, count, then count pairs of actual page shift and
 * PTE encoding. A segment of one base size maps pages of that size only,
 * which is what vrm uses, so the pair whose shift equals the base is kept.
 */
static int read_page_sizes(const uint32_t *cell, int n)
{
	int i = 0;

	while (i + 3 <= n && mmu.nr_page_sizes < MMU_MAX_PAGE_SIZES) {
		unsigned int base = cell[i];
		unsigned long slb_enc = cell[i + 1];
		unsigned int count = cell[i + 2];

		i += 3;
		for (unsigned int j = 0; j < count && i + 2 <= n; j++, i += 2) {
			if (cell[i] != base)
				continue;
			mmu.page_sizes[mmu.nr_page_sizes++] = (struct mmu_page_size){
				.shift = base,
				.slb_enc = slb_enc,
				.pte_enc = cell[i + 1],
			};
		}
	}
	return mmu.nr_page_sizes ? 0 : -ENODEV;
}

const struct mmu_page_size *mmu_page_size(unsigned int shift)
{
	for (unsigned int i = 0; i < mmu.nr_page_sizes; i++)
		if (mmu.page_sizes[i].shift == shift)
			return &mmu.page_sizes[i];
	return NULL;
}

static bool has_1t_segments(struct dt_node cpu)
{
	uint32_t shifts[SEGMENT_SIZES_MAX];
	int n = dt_prop_cells(cpu, "ibm,processor-segment-sizes", 0, shifts, SEGMENT_SIZES_MAX);

	for (int i = 0; i < n && i < SEGMENT_SIZES_MAX; i++)
		if (shifts[i] == SEGMENT_SHIFT_1T)
			return true;
	return false;
}

int mmu_init(void)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus"), node;

	dt_for_each_child(cpus, node) {
		uint32_t pft[2], sps[PAGE_SIZE_CELLS_MAX];
		int n;

		if (!dt_prop_is(node, "device_type", "cpu"))
			continue;
		if (dt_prop_cells(node, "ibm,pft-size", 0, pft, 2) != 2) {
			pr_err("no ibm,pft-size: no hashed page table\n");
			return -ENODEV;
		}
		mmu.hpt_shift = pft[1];
		n = dt_prop_cells(node, "ibm,segment-page-sizes", 0, sps, PAGE_SIZE_CELLS_MAX);
		if (n < 0 || read_page_sizes(sps, n < PAGE_SIZE_CELLS_MAX ? n : PAGE_SIZE_CELLS_MAX)) {
			pr_err("no usable ibm,segment-page-sizes\n");
			return -ENODEV;
		}
		if (!has_1t_segments(node)) {
			pr_err("no 1 TB segments for the linear map\n");
			return -ENODEV;
		}
		mmu.slb_size = 32;	/* when the tree does not say */
		dt_prop_u32(node, "ibm,slb-size", &mmu.slb_size);
		break;
	}
	if (!mmu.hpt_shift)
		return -ENODEV;
	/* 128-byte groups of eight entries. */
	mmu.hpt_groups = 1ul << (mmu.hpt_shift - 7);
	mmu.hash_mask = mmu.hpt_groups - 1;
	mmu.linear.vsid = MMU_LINEAR_VSID;
	mmu.linear.one_tb = true;
	mmu.linear.psize = &mmu.page_sizes[0];
	for (unsigned int i = 1; i < mmu.nr_page_sizes; i++)
		if (mmu.page_sizes[i].shift > mmu.linear.psize->shift)
			mmu.linear.psize = &mmu.page_sizes[i];
	pr_info("HPT %lu KiB (%lu groups), SLB %u entries, linear map in %u KiB pages\n",
		(1ul << mmu.hpt_shift) >> 10, mmu.hpt_groups, mmu.slb_size,
		(1u << mmu.linear.psize->shift) >> 10);
	return 0;
}

/* Privileged accesses use key 0, problem-state ones key 1, which the
 * linear map's PP 00 denies. */
void mmu_cpu_enable(void)
{
	struct paca *pc = this_paca();

	slb_invalidate_all();
	slb_insert(slb_esid_data(KERNEL_LINEAR_BASE, &mmu.linear, 0),
		   slb_vsid_data(&mmu.linear) | SLB_VSID_KP);
	pc->kernel_msr |= MSR_IR | MSR_DR;
	mtmsrd(pc->kernel_msr | (mfmsr() & MSR_EE));
	isync();
}

bool mmu_enabled(void)
{
	return (mfmsr() & (MSR_IR | MSR_DR)) == (MSR_IR | MSR_DR);
}
