// SPDX-License-Identifier: MIT
/* The VMM's lock, counters and tunables, and bringing it up. */
#define pr_fmt "vmm: "
#include <arch/mmu_info.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include "vmm_impl.h"

spinlock_t vmm_lock = SPINLOCK_INIT;
struct vmstat vmm_counters;

/* As AIX's defaults scale: a few dozen frames of slack. */
static struct vmm_tunables tunables = { .minfree = 32, .maxfree = 64, .maxpages = 0 };

int vmm_init(void)
{
	int err;

	if (!mmu_page_size(PGSHIFT)) {
		pr_err("the partition offers no 4 KiB pages\n");
		return -ENODEV;
	}
	err = linear_map_all();
	if (!err)
		err = aspace_init();
	if (err)
		return err;
	fault_init();
	mmu_cpu_enable();
	err = pgsp_init();
	if (err)
		return err;
	pr_info("translation on: linear map bolted, %u KiB paging space in memory\n",
		(unsigned int)(vmm_counters.pgsp_total * PAGESIZE >> 10));
	return 0;
}

void vmm_stats(struct vmstat *out)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);

	*out = vmm_counters;
	spin_unlock_irqrestore(&vmm_lock, ee);
	out->pgsp_frames = pgsp_frames();
}

void vmm_get_tunables(struct vmm_tunables *t)
{
	*t = tunables;
}

int vmm_set_tunables(const struct vmm_tunables *t)
{
	unsigned long ee;

	if (t->minfree == 0 || t->maxfree <= t->minfree ||
	    (t->maxpages && t->maxpages <= t->maxfree))
		return -EINVAL;
	ee = spin_lock_irqsave(&vmm_lock);
	tunables = *t;
	spin_unlock_irqrestore(&vmm_lock, ee);
	return 0;
}

uint64_t vmm_frames_held(void)
{
	return frames_held;
}
