// SPDX-License-Identifier: MIT
/*
 * The paging device table: one entry per file system strategy routine
 * (D_REMOTE, through vm_mount) or paging device (D_PAGING), each with the
 * buf structures its requests travel in.
 */
#define pr_fmt "pdt: "
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include "vmm_impl.h"

#define PDT_SIZE	16
#define NBUFS_MAX	1024

static struct pdt_entry table[PDT_SIZE];

struct pdt_entry *pdt_find(int type, int (*strategy)(struct buf *))
{
	for (unsigned int i = 0; i < PDT_SIZE; i++)
		if (table[i].strategy == strategy && table[i].type == type)
			return &table[i];
	return NULL;
}

/* The entry for a type and strategy; also what vm_mount of D_PAGING uses. */
int pdt_mount(int type, int (*strategy)(struct buf *), int nbufs)
{
	struct pdt_entry *free = NULL;
	struct buf *bufs;
	unsigned long ee;

	if ((type != D_REMOTE && type != D_PAGING) || !strategy || nbufs <= 0 ||
	    nbufs > NBUFS_MAX) {
		pr_warn("vm_mount: bad type %d, strategy or nbufs %d\n", type, nbufs);
		return EINVAL;
	}
	bufs = kzalloc((size_t)nbufs * sizeof(*bufs));
	if (!bufs)
		return ENOMEM;
	ee = spin_lock_irqsave(&vmm_lock);
	for (unsigned int i = 0; i < PDT_SIZE; i++) {
		if (table[i].strategy == strategy) {
			spin_unlock_irqrestore(&vmm_lock, ee);
			kfree(bufs);
			pr_warn("vm_mount: strategy %p is already mounted\n", strategy);
			return EINVAL;
		}
		if (!table[i].strategy && !free)
			free = &table[i];
	}
	if (!free) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		kfree(bufs);
		return ENOMEM;
	}
	*free = (struct pdt_entry){ .type = type, .strategy = strategy,
				    .nbufs = (unsigned int)nbufs, .bufs = bufs };
	for (int i = 0; i < nbufs; i++) {
		bufs[i].b_forw = free->free_bufs;
		free->free_bufs = &bufs[i];
	}
	spin_unlock_irqrestore(&vmm_lock, ee);
	return 0;
}

int vm_mount(int type, int (*strategy)(struct buf *), int nbufs)
{
	if (type != D_REMOTE) {
		pr_warn("vm_mount: type %d is not D_REMOTE\n", type);
		return EINVAL;
	}
	return pdt_mount(type, strategy, nbufs);
}

int vm_umount(int type, int (*strategy)(struct buf *))
{
	struct pdt_entry *e;
	struct buf *bufs;
	unsigned long ee;

	ee = spin_lock_irqsave(&vmm_lock);
	e = strategy ? pdt_find(type, strategy) : NULL;
	if (!e || type != D_REMOTE) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		pr_warn("vm_umount: strategy %p was never mounted\n", strategy);
		return EINVAL;
	}
	if (e->users) {
		spin_unlock_irqrestore(&vmm_lock, ee);
		return EBUSY;
	}
	/* No segment uses it, so none of its bufs is out. */
	bufs = e->bufs;
	*e = (struct pdt_entry){ 0 };
	spin_unlock_irqrestore(&vmm_lock, ee);
	kfree(bufs);
	return 0;
}

struct buf *pdt_buf_get(struct pdt_entry *e)
{
	struct buf *bp = e->free_bufs;

	if (bp)
		e->free_bufs = bp->b_forw;
	return bp;
}

void pdt_buf_put(struct pdt_entry *e, struct buf *bp)
{
	bp->b_forw = e->free_bufs;
	e->free_bufs = bp;
}
