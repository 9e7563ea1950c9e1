// SPDX-License-Identifier: MIT
/*
 * Paging space held in memory: the paging device behind working storage
 * until disks come. Each slot that has been written keeps its page in a
 * frame of its own, outside what segments may hold, so pressure on
 * segments really sends pages out and reads them back.
 */
#define pr_fmt "pgsp: "
#include <string.h>
#include <arch/memlayout.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include "vmm_impl.h"

#define PGSP_SLOTS	16384	/* 64 MiB */
#define PGSP_NBUFS	64

static uint64_t slot_frame[PGSP_SLOTS];		/* real address, 0: never written */
static uint64_t slot_used[PGSP_SLOTS / 64];	/* allocation bitmap */
static unsigned int next_slot;
static uint64_t frames_in_use;			/* slot_frame entries set */
static spinlock_t data_lock = SPINLOCK_INIT;	/* slot_frame; taken after vmm_lock */

static int strategy(struct buf *bp)
{
	uint64_t slot = bp->b_blkno / (PAGESIZE / UBSIZE);
	unsigned long ee;

	if (slot >= PGSP_SLOTS || bp->b_bcount != PAGESIZE) {
		bp->b_flags |= B_ERROR;
		bp->b_error = EINVAL;
		iodone(bp);
		return 0;
	}
	ee = spin_lock_irqsave(&data_lock);
	if (bp->b_flags & B_READ) {
		if (slot_frame[slot])
			memcpy(bp->b_baddr, va(slot_frame[slot]), PAGESIZE);
		else
			memset(bp->b_baddr, 0, PAGESIZE);
	} else {
		bool fresh = !slot_frame[slot];

		if (fresh && frame_alloc(0, &slot_frame[slot])) {
			slot_frame[slot] = 0;
			bp->b_flags |= B_ERROR;
			bp->b_error = ENOSPC;
		} else {
			frames_in_use += fresh;
			memcpy(va(slot_frame[slot]), bp->b_baddr, PAGESIZE);
		}
	}
	spin_unlock_irqrestore(&data_lock, ee);
	iodone(bp);
	return 0;
}

int pgsp_init(void)
{
	int err = pdt_mount(D_PAGING, strategy, PGSP_NBUFS);

	vmm_counters.pgsp_total = PGSP_SLOTS;
	return err ? -err : 0;
}

struct pdt_entry *pgsp_pdt(void)
{
	return pdt_find(D_PAGING, strategy);
}

/* Frames that hold written slots; read without the lock (one word). */
uint64_t pgsp_frames(void)
{
	return frames_in_use;
}

/* With vmm_lock held. */
int pgsp_slot_alloc(uint32_t *slot)
{
	for (unsigned int n = 0; n < PGSP_SLOTS; n++) {
		unsigned int i = (next_slot + n) % PGSP_SLOTS;

		if (!(slot_used[i / 64] & (1ul << (i % 64)))) {
			slot_used[i / 64] |= 1ul << (i % 64);
			next_slot = i + 1;
			vmm_counters.pgsp_used++;
			*slot = i;
			return 0;
		}
	}
	return -ENOSPC;
}

/* With vmm_lock held; the slot's page is forgotten. */
void pgsp_slot_free(uint32_t slot)
{
	uint64_t frame;

	spin_lock(&data_lock);
	frame = slot_frame[slot];
	slot_frame[slot] = 0;
	frames_in_use -= frame != 0;
	spin_unlock(&data_lock);
	if (frame)
		frame_free(frame, 0);
	slot_used[slot / 64] &= ~(1ul << (slot % 64));
	vmm_counters.pgsp_used--;
}
