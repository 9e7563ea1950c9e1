// SPDX-License-Identifier: MIT
/*
 * Storage and segment interrupts: a miss in the SLB loads the segment of
 * the current address space; a miss in the HPT resolves through the
 * segment (resident: H_ENTER; else zero-fill or page-in). What cannot be
 * resolved goes back to the exception code as an error: for the kernel,
 * the dump and panic (or an armed fault catch).
 */
#define pr_fmt "fault: "
#include <arch/cache.h>
#include <arch/exception.h>
#include <arch/memlayout.h>
#include <arch/reg.h>
#include <vrm/errno.h>
#include "vmm_impl.h"

static int page_fault(uint64_t ea, bool exec)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct segment *s;
	struct vpage *vp;
	uint64_t pno;
	int err;

	for (;;) {
		err = aspace_fault_segment(ea, &s, &pno);
		if (err)
			break;
		vp = segment_vpage(s, pno, true);
		if (!vp) {
			err = -ENOMEM;
			break;
		}
		if (vp->flags & VP_ERROR) {
			vp->flags &= ~VP_ERROR;
			err = -EIO;
			break;
		}
		if (vp->flags & VP_IO) {
			err = page_wait(s, vp);
			if (err)
				break;
			continue;
		}
		if (!(vp->flags & VP_RESIDENT)) {
			err = pagein(s, pno, vp, false, &ee);
			if (err)
				break;
			continue;	/* the lock was given up: look again */
		}
		if (!(vp->flags & VP_HPTE)) {
			/* The frame was filled by data stores (zero-fill, a
			 * pager's copy): instruction fetch must see them. */
			if (exec)
				icache_sync_range((unsigned long)va((uint64_t)vp->frame << PGSHIFT),
						  (unsigned long)va(((uint64_t)vp->frame + 1) << PGSHIFT));
			err = hpt_map(s, pno, vp);
		}
		vp->flags |= VP_REF;
		vmm_counters.faults++;
		break;
	}
	spin_unlock_irqrestore(&vmm_lock, ee);
	return err;
}

static int data_segment(struct trap_frame *f)
{
	return aspace_slb_miss(f->dar);
}

static int instruction_segment(struct trap_frame *f)
{
	return aspace_slb_miss(f->nip);
}

static int data_storage(struct trap_frame *f)
{
	if (dsisr_protection(f->dsisr))
		return -EACCES;
	if (dsisr_no_translation(f->dsisr))
		return page_fault(f->dar, false);
	return -EFAULT;
}

static int instruction_storage(struct trap_frame *f)
{
	if (srr1_isi_protection(f->msr))
		return -EACCES;
	if (srr1_isi_no_translation(f->msr))
		return page_fault(f->nip, true);
	return -EFAULT;
}

void fault_init(void)
{
	exception_set_handler(0x300, data_storage);
	exception_set_handler(0x380, data_segment);
	exception_set_handler(0x400, instruction_storage);
	exception_set_handler(0x480, instruction_segment);
}
