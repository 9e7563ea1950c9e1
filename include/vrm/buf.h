/* SPDX-License-Identifier: MIT */
/* The I/O request a strategy routine receives (AIX sys/buf.h, the fields
 * the VMM uses). */
#ifndef VRM_BUF_H
#define VRM_BUF_H

#include <stdint.h>
#include <stddef.h>

struct gnode;

#define B_WRITE		0x0000
#define B_READ		0x0001
#define B_DONE		0x0002
#define B_ERROR		0x0004
#define B_PGIN		0x0010	/* a page-in for the VMM */
#define B_PGOUT		0x0020	/* a page-out for the VMM */

#define UBSIZE		512	/* b_blkno counts these */

struct buf {
	int b_flags;
	struct gnode *b_vp;		/* the file (client storage), or NULL */
	uint64_t b_blkno;		/* in UBSIZE units: page number * 8 */
	size_t b_bcount;
	char *b_baddr;			/* kernel address of the page's frame */
	int b_error;			/* errno when B_ERROR */
	void (*b_iodone)(struct buf *);
	struct buf *b_forw;		/* free list; the strategy may use it */
	void *b_vmm;			/* the VMM's own: the segment */
	uint64_t b_vmm_pno;		/* ... and the page */
};

/* Called by a strategy routine when a request is finished, from any
 * context, interrupts included. */
void iodone(struct buf *bp);
#endif
