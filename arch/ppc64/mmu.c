// SPDX-License-Identifier: MIT
/* What the hash MMU offers this partition, and turning translation on. */
#define pr_fmt "mmu: "
#include <string.h>
#include <libfdt.h>
#include <arch/mmu.h>
#include <arch/mmu_info.h>
#include <arch/percpu.h>
#include <arch/ppc.h>
#include <arch/reg.h>
#include <vrm/errno.h>
#include <vrm/log.h>

struct mmu_info mmu;

/*
 * ibm,segment-page-sizes (LoPAR "Segment Page Sizes"): groups of base page
 * shift, SLB encoding, count, then count pairs of actual page shift and
 * PTE encoding. A segment of one base size maps pages of that size only,
 * which is what vrm uses, so the pair whose shift equals the base is kept.
 */
static int read_page_sizes(const fdt32_t *cell, int len)
{
	int n = len / 4, i = 0;

	while (i + 3 <= n && mmu.nr_page_sizes < MMU_MAX_PAGE_SIZES) {
		unsigned int base = fdt32_to_cpu(cell[i]);
		unsigned long slb_enc = fdt32_to_cpu(cell[i + 1]);
		unsigned int count = fdt32_to_cpu(cell[i + 2]);

		i += 3;
		for (unsigned int j = 0; j < count && i + 2 <= n; j++, i += 2) {
			if (fdt32_to_cpu(cell[i]) != base)
				continue;
			mmu.page_sizes[mmu.nr_page_sizes++] = (struct mmu_page_size){
				.shift = base,
				.slb_enc = slb_enc,
				.pte_enc = fdt32_to_cpu(cell[i + 1]),
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

static bool has_1t_segments(const fdt32_t *cell, int len)
{
	for (int i = 0; cell && i < len / 4; i++)
		if (fdt32_to_cpu(cell[i]) == SEGMENT_SHIFT_1T)
			return true;
	return false;
}

int mmu_init(const void *fdt)
{
	int cpus = fdt_path_offset(fdt, "/cpus"), node, len;

	fdt_for_each_subnode(node, fdt, cpus) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *pft, *sps, *segs, *slb;
		int sps_len, segs_len;

		if (!type || strcmp(type, "cpu"))
			continue;
		pft = fdt_getprop(fdt, node, "ibm,pft-size", &len);
		if (!pft || len != 8) {
			pr_err("no ibm,pft-size: no hashed page table\n");
			return -ENODEV;
		}
		mmu.hpt_shift = fdt32_to_cpu(pft[1]);
		sps = fdt_getprop(fdt, node, "ibm,segment-page-sizes", &sps_len);
		if (!sps || read_page_sizes(sps, sps_len)) {
			pr_err("no usable ibm,segment-page-sizes\n");
			return -ENODEV;
		}
		segs = fdt_getprop(fdt, node, "ibm,processor-segment-sizes", &segs_len);
		if (!has_1t_segments(segs, segs_len)) {
			pr_err("no 1 TB segments for the linear map\n");
			return -ENODEV;
		}
		slb = fdt_getprop(fdt, node, "ibm,slb-size", &len);
		mmu.slb_size = slb && len == 4 ? fdt32_to_cpu(*slb) : 32;
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
	struct percpu *pc = this_cpu();

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
