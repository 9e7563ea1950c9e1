// SPDX-License-Identifier: MIT
/*
 * Frames for segment pages and the page I/O that fills and empties them:
 * requests go to the segment's pager (its paging device table entry's
 * strategy routine) in the entry's bufs, and come back through iodone.
 * A thread that waits for page I/O (or for a buf) sleeps on one queue,
 * and every finished request wakes the queue: each sleeper looks at its
 * page again.
 */
#define pr_fmt "pageio: "
#include <string.h>
#include <arch/irq.h>
#include <arch/memlayout.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/log.h>
#include <vrm/wait.h>
#include "vmm_impl.h"

uint64_t frames_held;

static struct wait_queue io_done = WAIT_QUEUE_INIT;

/*
 * Called with vmm_lock held and interrupts off; sleeps until a page I/O
 * ends, with the lock given up meanwhile. -EINTR when the wait may be
 * interrupted (intr: a V_INTRSEG segment) and thread_interrupt() came.
 */
int wait_for_event(unsigned int intr)
{
	return wait_event_locked(&io_done, &vmm_lock, NULL, NULL,
				 intr ? WAIT_INTERRUPTIBLE : 0, 0);
}

/* Waits while the page is in I/O; the caller looks it up again after. */
int page_wait(struct segment *s, struct vpage *vp)
{
	if (!(vp->flags & VP_IO))
		return 0;
	return wait_for_event(s->type & V_INTRSEG);
}

static uint64_t frames_available(const struct vmm_tunables *t)
{
	uint64_t free = frames_free_count();

	if (t->maxpages) {
		uint64_t room = t->maxpages > frames_held ? t->maxpages - frames_held : 0;

		if (room < free)
			free = room;
	}
	return free;
}

static unsigned int pageouts_in_flight;

/* A frame for a segment page, running the clock when frames run short
 * and waiting for its page-outs. -ENOMEM when nothing can be freed. */
int frame_get(uint64_t *real, unsigned long *ee)
{
	struct vmm_tunables t;

	vmm_get_tunables(&t);
	for (;;) {
		uint64_t avail = frames_available(&t);
		struct buf *queue = NULL;

		if (avail < t.minfree) {
			replace_frames(t.maxfree - avail, &queue);
			if (queue)
				pageio_submit(queue, ee);
			avail = frames_available(&t);
		}
		if (avail && !frame_alloc(0, real)) {
			frames_held++;
			return 0;
		}
		if (!pageouts_in_flight)
			return -ENOMEM;
		wait_for_event(0);
	}
}

void frame_put(uint64_t real)
{
	frame_free(real, 0);
	frames_held--;
}

/* The page's frame goes back; its backing copy (if any) stays. */
void page_drop(struct segment *s, uint64_t pno, struct vpage *vp)
{
	hpt_unmap(s, pno, vp);
	if (vp->flags & VP_RESIDENT) {
		frame_put((uint64_t)vp->frame << PGSHIFT);
		s->resident--;
		vmm_counters.resident--;
	}
	vp->flags &= ~(VP_RESIDENT | VP_REF | VP_MOD);
	vp->frame = 0;
}

void page_make_resident(struct segment *s, struct vpage *vp, uint64_t real)
{
	vp->frame = (uint32_t)(real >> PGSHIFT);
	vp->flags |= VP_RESIDENT;
	s->resident++;
	vmm_counters.resident++;
}

static void fill_buf(struct buf *bp, struct segment *s, uint64_t pno, const struct vpage *vp,
		     int flags)
{
	bool client = s->type & V_CLIENT;

	*bp = (struct buf){
		.b_flags = flags,
		.b_vp = client ? s->gnode : NULL,
		.b_blkno = (client ? pno : vp->slot - 1) * (PAGESIZE / UBSIZE),
		.b_bcount = PAGESIZE,
		.b_baddr = va((uint64_t)vp->frame << PGSHIFT),
		.b_iodone = iodone,
		.b_vmm = s,
		.b_vmm_pno = pno,
	};
}

void pageio_submit(struct buf *queue, unsigned long *ee)
{
	spin_unlock_irqrestore(&vmm_lock, *ee);
	while (queue) {
		struct buf *bp = queue;
		struct segment *s = bp->b_vmm;

		queue = bp->b_forw;
		bp->b_forw = NULL;
		s->pdt->strategy(bp);
	}
	*ee = spin_lock_irqsave(&vmm_lock);
}

/*
 * Makes a page that is not resident resident: zero-filled for working
 * storage never paged out (or when no_read asks for a page made without
 * reading it), else read through the pager. The lock is given up
 * meanwhile, so the caller holds the segment and looks the page up again
 * when this returns 0.
 */
int pagein(struct segment *s, uint64_t pno, struct vpage *vp, bool no_read, unsigned long *ee)
{
	uint64_t real;
	struct buf *bp;
	int err = frame_get(&real, ee);

	if (err)
		return err;
	/* frame_get may have waited: the page may have changed meanwhile. */
	if ((s->flags & SEG_DELETED) || (vp->flags & (VP_RESIDENT | VP_IO))) {
		frame_put(real);
		return 0;
	}
	if (no_read || ((s->type & SEG_WORKING) && !vp->slot)) {
		memset(va(real), 0, PAGESIZE);
		page_make_resident(s, vp, real);
		vmm_counters.zero_fills += !no_read;
		return 0;
	}
	while (!(bp = pdt_buf_get(s->pdt))) {
		err = wait_for_event(s->type & V_INTRSEG);
		if (err || (s->flags & SEG_DELETED) || (vp->flags & (VP_RESIDENT | VP_IO))) {
			frame_put(real);
			return err;
		}
	}
	vp->frame = (uint32_t)(real >> PGSHIFT);
	vp->flags |= VP_PAGEIN;
	s->pageins++;
	fill_buf(bp, s, pno, vp, B_READ | B_PGIN);
	pageio_submit(bp, ee);
	return 0;
}

/*
 * Queues a write of a resident page to its pager (allocating a paging
 * space slot for working storage). With steal, its frame goes when the
 * write is done. -EBUSY when no buf is free, -ENOSPC when paging space is
 * full: the page then stays as it is.
 */
int pageout_start(struct segment *s, uint64_t pno, struct vpage *vp, bool steal,
		  struct buf **queue)
{
	struct buf *bp;

	if ((s->type & SEG_WORKING) && !vp->slot) {
		uint32_t slot;

		if (pgsp_slot_alloc(&slot))
			return -ENOSPC;
		vp->slot = slot + 1;
	}
	bp = pdt_buf_get(s->pdt);
	if (!bp)
		return -EBUSY;
	if (steal)
		hpt_unmap(s, pno, vp);
	vp->flags = (vp->flags & ~VP_MOD) | VP_PAGEOUT | (steal ? VP_STEAL : 0);
	s->pageouts++;
	pageouts_in_flight++;
	fill_buf(bp, s, pno, vp, B_WRITE | B_PGOUT);
	bp->b_forw = *queue;
	*queue = bp;
	return 0;
}

static void pagein_done(struct segment *s, struct vpage *vp, struct buf *bp)
{
	vp->flags &= ~VP_PAGEIN;
	s->pageins--;
	if (bp->b_flags & B_ERROR) {
		frame_put((uint64_t)vp->frame << PGSHIFT);
		vp->frame = 0;
		vp->flags |= VP_ERROR;
		pr_warn("page-in of segment %ld page %lu failed: %d\n", (long)s->id,
			(unsigned long)bp->b_vmm_pno, bp->b_error);
		return;
	}
	page_make_resident(s, vp, (uint64_t)vp->frame << PGSHIFT);
	vmm_counters.page_ins++;
}

static void pageout_done(struct segment *s, uint64_t pno, struct vpage *vp, struct buf *bp)
{
	bool steal = vp->flags & VP_STEAL;

	vp->flags &= ~(VP_PAGEOUT | VP_STEAL);
	s->pageouts--;
	pageouts_in_flight--;
	if (bp->b_flags & B_ERROR) {
		vp->flags |= VP_MOD;	/* still to be written */
		s->io_error = bp->b_error ? bp->b_error : EIO;
		pr_warn("page-out of segment %ld page %lu failed: %d\n", (long)s->id,
			(unsigned long)pno, bp->b_error);
		return;
	}
	vmm_counters.page_outs++;
	if (steal && !(vp->flags & VP_MOD))
		page_drop(s, pno, vp);
}

void iodone(struct buf *bp)
{
	struct segment *s = bp->b_vmm;
	unsigned long ee = spin_lock_irqsave(&vmm_lock);
	struct vpage *vp = segment_vpage(s, bp->b_vmm_pno, false);

	bp->b_flags |= B_DONE;
	if (!vp)
		pr_err("iodone for segment %ld page %lu, which has no entry\n", (long)s->id,
		       (unsigned long)bp->b_vmm_pno);
	else if (bp->b_flags & B_PGIN)
		pagein_done(s, vp, bp);
	else
		pageout_done(s, bp->b_vmm_pno, vp, bp);
	pdt_buf_put(s->pdt, bp);
	wake_all(&io_done);
	spin_unlock_irqrestore(&vmm_lock, ee);
}
