// SPDX-License-Identifier: MIT
/* The in-memory file behind the VMM tests' client segments. */
#include <string.h>
#include <arch/spinlock.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/ktest.h>
#include <vrm/vmm.h>
#include "test_pager.h"

#define TP_HELD		64

static spinlock_t lock = SPINLOCK_INIT;
static struct tp_request log[TP_LOG];
static unsigned int nlog;
static bool defer;
static int error;
static struct buf *held[TP_HELD];
static unsigned int nheld;
static uint64_t *pages[TP_PAGES];

static void transfer(struct buf *bp)
{
	uint64_t p = bp->b_blkno / (PAGESIZE / UBSIZE);
	uint64_t *data = (uint64_t *)bp->b_baddr;

	if (error || p >= TP_PAGES || bp->b_bcount != PAGESIZE) {
		bp->b_flags |= B_ERROR;
		bp->b_error = error ? error : EIO;
		return;
	}
	if (bp->b_flags & B_READ) {
		for (unsigned int i = 0; i < PAGESIZE / 8; i++)
			data[i] = pages[p] ? pages[p][i] : tp_word(p, i);
		return;
	}
	if (!pages[p])
		pages[p] = kmalloc(PAGESIZE);
	if (!pages[p]) {
		bp->b_flags |= B_ERROR;
		bp->b_error = ENOMEM;
		return;
	}
	memcpy(pages[p], data, PAGESIZE);
}

int tp_strategy(struct buf *bp)
{
	unsigned long ee = spin_lock_irqsave(&lock);

	if (nlog < TP_LOG)
		log[nlog++] = (struct tp_request){ bp->b_flags & B_READ,
						   bp->b_blkno / (PAGESIZE / UBSIZE) };
	if (defer && nheld < TP_HELD) {
		held[nheld++] = bp;
		spin_unlock_irqrestore(&lock, ee);
		return 0;
	}
	transfer(bp);
	spin_unlock_irqrestore(&lock, ee);
	iodone(bp);
	return 0;
}

int tp_strategy_other(struct buf *bp)
{
	return tp_strategy(bp);
}

void tp_reset(void)
{
	unsigned long ee = spin_lock_irqsave(&lock);

	nlog = 0;
	defer = false;
	error = 0;
	for (unsigned int p = 0; p < TP_PAGES; p++) {
		kfree(pages[p]);
		pages[p] = NULL;
	}
	spin_unlock_irqrestore(&lock, ee);
}

void tp_set_defer(bool on)
{
	defer = on;
}

void tp_set_error(int err)
{
	error = err;
}

unsigned int tp_complete_held(void)
{
	unsigned int n = 0;

	for (;;) {
		unsigned long ee = spin_lock_irqsave(&lock);
		struct buf *bp = nheld ? held[--nheld] : NULL;

		if (bp)
			transfer(bp);
		spin_unlock_irqrestore(&lock, ee);
		if (!bp)
			return n;
		iodone(bp);
		n++;
	}
}

unsigned int tp_held(void)
{
	return nheld;
}

unsigned int tp_log(struct tp_request *out, unsigned int max)
{
	unsigned long ee = spin_lock_irqsave(&lock);
	unsigned int n = nlog < max ? nlog : max;

	memcpy(out, log, n * sizeof(*out));
	spin_unlock_irqrestore(&lock, ee);
	return n;
}

uint64_t tp_file_word(uint64_t p, uint64_t i)
{
	return pages[p] ? pages[p][i] : tp_word(p, i);
}

static struct gnode file = { .gn_strategy = tp_strategy };

caddr_t tp_client_open(struct ktest_run *t, int npages, vmid_t *id)
{
	tp_reset();
	KT_EXPECT_EQ(t, vm_mount(D_REMOTE, tp_strategy, 8), 0);
	KT_EXPECT_EQ(t, vms_create(id, V_CLIENT, &file, npages * PAGESIZE, 0, 0), 0);
	return vm_att(vm_handle(*id, VM_KEY_UNLIMITED), 0);
}

void tp_client_close(struct ktest_run *t, vmid_t id, caddr_t base)
{
	vm_det(base);
	KT_EXPECT_EQ(t, vms_delete(id), 0);
	KT_EXPECT_EQ(t, vm_umount(D_REMOTE, tp_strategy), 0);
}
