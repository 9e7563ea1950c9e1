// SPDX-License-Identifier: MIT
/*
 * Address spaces: a table of 256 MB regions, each mapping one segment
 * with the keys of the handle it was attached with. The SLB caches it:
 * a segment miss loads the region's entry, a detach flushes every CPU.
 * The kernel's own space lies at KERNEL_ATTACH_BASE; task spaces come
 * with tasks.
 */
#define pr_fmt "aspace: "
#include <arch/mmu_info.h>
#include <arch/slb.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include <vrm/panic.h>
#include "vmm_impl.h"

#define KERNEL_ATTACH_BASE	0xd000000000000000ul
#define KERNEL_REGIONS		4096
#define HANDLE_KEYS		(SLB_VSID_KS | SLB_VSID_KP)

struct region {
	vmid_t id;		/* 0: free */
	uint64_t keys;		/* SLB Ks/Kp */
};

struct aspace {
	uint64_t base;
	unsigned int nregions, next;
	struct region *regions;
};

static struct region kernel_regions[KERNEL_REGIONS];
static struct aspace kernel_aspace = {
	.base = KERNEL_ATTACH_BASE,
	.nregions = KERNEL_REGIONS,
	.regions = kernel_regions,
};

static struct aspace *current_aspace(void)
{
	return &kernel_aspace;
}

static struct region *region_of(struct aspace *as, uint64_t ea)
{
	uint64_t index;

	if (ea < as->base)
		return NULL;
	index = (ea - as->base) >> SEGMENT_SHIFT_256M;
	return index < as->nregions ? &as->regions[index] : NULL;
}

/* The handle is the VSID half of an SLB entry (what AIX's handle is:
 * a segment register value): the id, and key 1 for privileged accesses
 * when limited. Problem-state accesses always use key 1. */
vmhandle_t vm_handle(vmid_t vmid, int key)
{
	return (uint64_t)vmid << SLB_VSID_SHIFT_256M | SLB_VSID_KP |
	       (key ? SLB_VSID_KS : 0);
}

caddr_t vm_att(vmhandle_t handle, caddr_t offset)
{
	struct aspace *as = current_aspace();
	vmid_t id = (vmid_t)((handle >> SLB_VSID_SHIFT_256M) & ((1ul << MMU_SEGMENT_ID_BITS) - 1));
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct segment *s = segment_get(id);
	unsigned int i;

	if (!s || (s->flags & SEG_DELETED)) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		pr_err("vm_att: no segment %ld\n", (long)id);
		return NULL;
	}
	for (i = 0; i < as->nregions; i++) {
		unsigned int r = (as->next + i) % as->nregions;

		if (!as->regions[r].id) {
			as->regions[r] = (struct region){ id, handle & HANDLE_KEYS };
			as->next = r + 1;
			segment_hold(s);
			spin_unlock_irqrestore(&vmm_lock, ee);
			return (caddr_t)(as->base + ((uint64_t)r << SEGMENT_SHIFT_256M) +
					 ((uint64_t)offset & (SEGSIZE - 1)));
		}
	}
	spin_unlock_irqrestore(&vmm_lock, ee);
	panic("vm_att: no free region in the address space");
}

void vm_det(caddr_t addr)
{
	struct aspace *as = current_aspace();
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct region *r = region_of(as, (uint64_t)addr);
	struct segment *s;
	vmid_t id;

	if (!r || !r->id) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		pr_err("vm_det: nothing attached at %p\n", addr);
		return;
	}
	id = r->id;
	*r = (struct region){ 0 };
	spin_unlock_irqrestore(&vmm_lock, ee);
	/* No CPU may keep translating the region once the id can be reused. */
	slb_flush_all_cpus();
	ee = spin_lock_irqsave(&vmm_lock);
	s = segment_get(id);
	if (s)
		segment_drop(s);
	spin_unlock_irqrestore(&vmm_lock, ee);
}

/* Called with vmm_lock held. */
int aspace_fault_segment(uint64_t ea, struct segment **s, uint64_t *pno)
{
	struct region *r = region_of(current_aspace(), ea);

	if (!r || !r->id)
		return -EFAULT;
	*s = segment_get(r->id);
	if (!*s || ((*s)->flags & SEG_DELETED))
		return -EFAULT;
	*pno = (ea & (SEGSIZE - 1)) >> PGSHIFT;
	return 0;
}

int aspace_slb_miss(uint64_t ea)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct region *r = region_of(current_aspace(), ea);
	struct segment *s = r && r->id ? segment_get(r->id) : NULL;
	struct mmu_segment m;

	if (!s) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		return -EFAULT;
	}
	mmu_segment_of(s, &m);
	slb_refill(ea, slb_vsid_data(&m) | r->keys);
	vmm_counters.slb_misses++;
	spin_unlock_irqrestore(&vmm_lock, ee);
	return 0;
}
