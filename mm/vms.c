// SPDX-License-Identifier: MIT
/* The AIX services on segments: vms_create and vms_delete, vm_makep,
 * vm_writep, vms_iowait and vm_releasep. */
#define pr_fmt "vms: "
#include <vrm/errno.h>
#include <vrm/log.h>
#include "vmm_impl.h"

#define V_TYPE_BITS	(V_CLIENT | V_INTRSEG | V_LARGE)

static int create(unsigned int type, uint64_t npages, struct pdt_entry *pdt, struct gnode *gn,
		  vmid_t *vmid)
{
	struct segment *s;
	int err;

	err = segment_alloc(type, npages, pdt, &s);
	if (err)
		return ENOMEM;
	s->gnode = gn;
	pdt->users++;
	*vmid = s->id;
	return 0;
}

int vms_create(vmid_t *vmid, int type, struct gnode *gn, int size, int uplim, int downlim)
{
	uint64_t npages;
	struct pdt_entry *pdt;
	unsigned long ee;
	int err;

	(void)uplim;	/* file size limits come from the caller's limit */
	(void)downlim;
	if (!vmid || !(type & V_CLIENT) || (type & ~V_TYPE_BITS) || !gn || size < 0) {
		pr_warn("vms_create: bad arguments (type %#x, gnode %p, size %d)\n", type, gn, size);
		return EINVAL;
	}
	npages = (type & V_LARGE) ? (uint64_t)size : ((uint64_t)size + PAGESIZE - 1) / PAGESIZE;
	if (npages > PAGES_PER_SEG) {
		pr_warn("vms_create: size %d is more than a segment\n", size);
		return EINVAL;
	}
	ee = spin_lock_irqsave(&vmm_lock);
	pdt = gn->gn_strategy ? pdt_find(D_REMOTE, gn->gn_strategy) : NULL;
	if (!pdt)
		err = ENODEV;
	else
		err = create((unsigned int)type & (V_CLIENT | V_INTRSEG), npages, pdt, gn, vmid);
	spin_unlock_irqrestore(&vmm_lock, ee);
	return err;
}

int vms_create_working(vmid_t *vmid, uint64_t npages)
{
	unsigned long ee;
	int err;

	if (!vmid || npages > PAGES_PER_SEG)
		return EINVAL;
	ee = spin_lock_irqsave(&vmm_lock);
	err = create(SEG_WORKING, npages, pgsp_pdt(), NULL, vmid);
	spin_unlock_irqrestore(&vmm_lock, ee);
	return err;
}

int vms_create_task(vmid_t *vmid, uint64_t npages, bool writable)
{
	unsigned long ee;
	int err;

	if (!vmid || npages > PAGES_PER_SEG)
		return EINVAL;
	ee = spin_lock_irqsave(&vmm_lock);
	err = create(SEG_WORKING | (writable ? SEG_USER_WRITE | SEG_USER_NOEXEC : 0), npages,
		     pgsp_pdt(), NULL, vmid);
	spin_unlock_irqrestore(&vmm_lock, ee);
	return err;
}

/* A live segment, or NULL; with vmm_lock held. */
static struct segment *live(vmid_t vmid)
{
	struct segment *s = segment_get(vmid);

	return s && !(s->flags & SEG_DELETED) ? s : NULL;
}

/* A page range as vm_writep and vm_releasep take it. */
static bool range_ok(const struct segment *s, int pfirst, int npages)
{
	return pfirst >= 0 && npages >= 0 && !(pfirst == 0 && npages == 0) &&
	       (uint64_t)pfirst + (uint64_t)npages <= s->npages;
}

/* Frees a page's frame, HPTE and paging-space copy. */
static void discard_page(struct segment *s, uint64_t pno, struct vpage *vp, void *arg)
{
	(void)arg;
	page_drop(s, pno, vp);
	if (vp->slot) {
		pgsp_slot_free(vp->slot - 1);
		vp->slot = 0;
	}
}

/* Waits until no page of the segment is in I/O. The wait cannot be
 * interrupted (a page's I/O always ends, in success or in error). */
static void wait_idle(struct segment *s)
{
	while (s->pageins || s->pageouts)
		wait_for_event(0);
}

int vms_delete(vmid_t vmid)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct segment *s = live(vmid);

	if (!s) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		pr_warn("vms_delete: no segment %ld\n", (long)vmid);
		return EINVAL;
	}
	s->flags |= SEG_DELETED;
	wait_idle(s);
	hpt_unmap_range(s, 0, PAGES_PER_SEG);
	segment_for_pages(s, 0, PAGES_PER_SEG, discard_page, NULL);
	segment_free_table(s);
	segment_unlink(s);
	s->pdt->users--;
	if (!s->holds)
		segment_release(s);
	spin_unlock_irqrestore(&vmm_lock, ee);
	return 0;
}

int vm_makep(vmid_t vmid, int pno)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct segment *s = live(vmid);
	struct vpage *vp;
	int err = 0;

	if (!s || !(s->type & V_CLIENT) || pno < 0 || (uint64_t)pno >= PAGES_PER_SEG) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		return EINVAL;
	}
	segment_hold(s);
	/* AIX leaves the contents undefined; vrm zeroes them rather than hand
	 * out stale data. */
	while (!(s->flags & SEG_DELETED)) {
		vp = segment_vpage(s, (uint64_t)pno, true);
		if (!vp) {
			err = ENOMEM;
			break;
		}
		if (vp->flags & VP_IO)
			err = -page_wait(s, vp);
		else if (!(vp->flags & VP_RESIDENT))
			err = -pagein(s, (uint64_t)pno, vp, true, &ee);
		else
			break;
		if (err)
			break;
	}
	if (!err && (s->flags & SEG_DELETED))
		err = EINVAL;
	segment_drop(s);
	spin_unlock_irqrestore(&vmm_lock, ee);
	return err;
}

struct writep {
	struct buf *queue;
	unsigned int busy;	/* modified pages left for want of a buf */
};

static void write_page(struct segment *s, uint64_t pno, struct vpage *vp, void *arg)
{
	struct writep *w = arg;

	if (!(vp->flags & VP_RESIDENT) || (vp->flags & VP_IO))
		return;
	hpt_test_clear_ref(s, pno, vp);
	if (!hpt_test_clear_mod(s, pno, vp))
		return;
	if (pageout_start(s, pno, vp, false, &w->queue)) {
		vp->flags |= VP_MOD;
		w->busy++;
	}
}

int vm_writep(vmid_t vmid, int pfirst, int npages)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct segment *s = live(vmid);
	struct writep w = { 0 };

	if (!s || !range_ok(s, pfirst, npages)) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		return EINVAL;
	}
	segment_hold(s);
	/* Pages that find no free buf are written once bufs come back. */
	do {
		w.busy = 0;
		segment_for_pages(s, (uint64_t)pfirst, (uint64_t)npages, write_page, &w);
		if (w.queue)
			pageio_submit(w.queue, &ee);
		w.queue = NULL;
		if (w.busy)
			wait_for_event(0);
	} while (w.busy && !(s->flags & SEG_DELETED));
	segment_drop(s);
	spin_unlock_irqrestore(&vmm_lock, ee);
	return 0;
}

int vms_iowait(vmid_t vmid)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct segment *s = live(vmid);
	int err;

	if (!s) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		return EINVAL;
	}
	segment_hold(s);
	while (s->pageouts)
		wait_for_event(0);
	err = s->io_error;
	s->io_error = 0;
	segment_drop(s);
	spin_unlock_irqrestore(&vmm_lock, ee);
	return err ? EIO : 0;
}

int vm_releasep(vmid_t vmid, int pfirst, int npages)
{
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct segment *s = live(vmid);

	if (!s || !range_ok(s, pfirst, npages)) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		return EINVAL;
	}
	/* Pages in I/O are waited for, then discarded like the others. */
	segment_hold(s);
	wait_idle(s);
	if (!(s->flags & SEG_DELETED)) {
		hpt_unmap_range(s, (uint64_t)pfirst, (uint64_t)npages);
		segment_for_pages(s, (uint64_t)pfirst, (uint64_t)npages, discard_page, NULL);
	}
	segment_drop(s);
	spin_unlock_irqrestore(&vmm_lock, ee);
	return 0;
}
