/* SPDX-License-Identifier: MIT */
/*
 * The VMM's own structures, shared by the files of mm/. One lock, vmm_lock,
 * guards them all (segments, page tables, HPTEs of segment pages, the
 * paging device table); it is never held while a strategy routine runs or
 * while a caller waits for I/O.
 */
#ifndef MM_VMM_IMPL_H
#define MM_VMM_IMPL_H

#include <stdbool.h>
#include <stdint.h>
#include <arch/mmu.h>
#include <arch/spinlock.h>
#include <vrm/vmm.h>
#include <vrm/vmuser.h>

extern spinlock_t vmm_lock;

/* The state of one virtual page of a segment. */
struct vpage {
	uint32_t frame;		/* real address >> PGSHIFT, while VP_RESIDENT */
	uint32_t slot;		/* paging-space slot + 1, 0 for none (working storage) */
	uint16_t flags;
	uint8_t hslot;		/* HPTE slot in its group, while VP_HPTE */
	uint8_t pad[5];
};

#define VP_RESIDENT	0x0001
#define VP_HPTE		0x0002	/* an HPTE maps it */
#define VP_SECONDARY	0x0004	/* ... in the secondary group */
#define VP_REF		0x0008	/* referenced since the clock last looked */
#define VP_MOD		0x0010	/* changed since it was last written out */
#define VP_PAGEIN	0x0020	/* being read */
#define VP_PAGEOUT	0x0040	/* being written */
#define VP_STEAL	0x0080	/* its frame goes when the page-out ends */
#define VP_ERROR	0x0100	/* the last page-in failed; the waiter reports it */

#define VP_IO		(VP_PAGEIN | VP_PAGEOUT)
#define VPAGES_PER_LEAF	128

/* Segment types beyond the vms_create bits. */
#define SEG_WORKING	0x100
#define SEG_USER_WRITE	0x200	/* a task's: problem state may write it too */
#define SEG_USER_NOEXEC	0x400	/* a task's: problem state may not execute it */
#define SEG_USER_NONE	0x800	/* a task's: problem state may not touch it (PP 00) */
#define SEG_USER_ACCESS	(SEG_USER_WRITE | SEG_USER_NOEXEC | SEG_USER_NONE)

/* Segment flags. */
#define SEG_DELETED	0x1	/* deleted, waiting for its last hold to go */

struct pdt_entry;

/* A segment control block. */
struct segment {
	vmid_t id;			/* = VSID */
	unsigned int type;		/* V_CLIENT or SEG_WORKING, V_INTRSEG */
	unsigned int flags;
	uint64_t npages;		/* its size, the range vms_delete processes */
	unsigned int holds;		/* regions mapping it, services waiting on it */
	unsigned int pageouts;		/* page-outs in flight */
	unsigned int pageins;		/* page-ins in flight */
	int io_error;			/* of a page-out, for vms_iowait */
	struct pdt_entry *pdt;		/* its pager */
	struct gnode *gnode;		/* client storage: the file */
	uint64_t resident;		/* resident pages */
	struct vpage **dir;		/* page table: leaves of VPAGES_PER_LEAF */
	unsigned int dir_len;
	struct segment *next, *prev;	/* live segments, for the clock */
};

/* A paging device table entry. */
struct pdt_entry {
	int type;			/* D_REMOTE or D_PAGING */
	int (*strategy)(struct buf *);
	unsigned int nbufs, users;
	struct buf *bufs, *free_bufs;
};

/* segment.c */
struct segment *segment_get(vmid_t id);	/* live or deleted, or NULL */
int segment_alloc(unsigned int type, uint64_t npages, struct pdt_entry *pdt,
		  struct segment **out);
void segment_unlink(struct segment *s);	/* off the live list */
void segment_release(struct segment *s);	/* frees id and block */
/* Keeps the block alive across a wait (and for each attachment); the last
 * drop of a deleted segment releases it. */
void segment_hold(struct segment *s);
void segment_drop(struct segment *s);
void segment_for_pages(struct segment *s, uint64_t first, uint64_t count,
		       void (*fn)(struct segment *s, uint64_t pno, struct vpage *vp, void *arg),
		       void *arg);
struct vpage *segment_vpage(struct segment *s, uint64_t pno, bool create);
void segment_free_table(struct segment *s);
extern struct segment *segment_list;	/* live ones, circular */
void mmu_segment_of(const struct segment *s, struct mmu_segment *m);

/* hpt.c */
int hpt_map(struct segment *s, uint64_t pno, struct vpage *vp);
void hpt_unmap(struct segment *s, uint64_t pno, struct vpage *vp);
/* Unmaps every mapped page of the range, a few per hcall. */
void hpt_unmap_range(struct segment *s, uint64_t first, uint64_t count);
bool hpt_test_clear_ref(struct segment *s, uint64_t pno, struct vpage *vp);
bool hpt_test_clear_mod(struct segment *s, uint64_t pno, struct vpage *vp);
int hpt_bolt(const struct mmu_segment *m, uint64_t offset, uint64_t r);

/* linear.c */
int linear_map_range(uint64_t base, uint64_t size);
int linear_map_all(void);

/* pageio.c */
int page_wait(struct segment *s, struct vpage *vp);
int frame_get(uint64_t *real, unsigned long *ee);
void frame_put(uint64_t real);
int pagein(struct segment *s, uint64_t pno, struct vpage *vp, bool no_read, unsigned long *ee);
int pageout_start(struct segment *s, uint64_t pno, struct vpage *vp, bool steal,
		  struct buf **queue);
void pageio_submit(struct buf *queue, unsigned long *ee);
void page_drop(struct segment *s, uint64_t pno, struct vpage *vp);
void page_make_resident(struct segment *s, struct vpage *vp, uint64_t real);
int wait_for_event(unsigned int intr);
extern uint64_t frames_held;

/* pdt.c */
struct pdt_entry *pdt_find(int type, int (*strategy)(struct buf *));
int pdt_mount(int type, int (*strategy)(struct buf *), int nbufs);
struct buf *pdt_buf_get(struct pdt_entry *e);
void pdt_buf_put(struct pdt_entry *e, struct buf *bp);

/* pgsp.c */
int pgsp_init(void);
struct pdt_entry *pgsp_pdt(void);
int pgsp_slot_alloc(uint32_t *slot);
void pgsp_slot_free(uint32_t slot);
uint64_t pgsp_frames(void);

/* replace.c */
void replace_frames(uint64_t want, struct buf **queue);
void replace_forget(struct segment *s);

/* fault.c */
void fault_init(void);

/* aspace.c */
/* The kernel space's bitmaps of the CPUs that loaded each region, for
 * nr_cpus_possible CPUs. 0 or -ENOMEM. */
int aspace_init(void);
int aspace_fault_segment(uint64_t ea, struct segment **s, uint64_t *pno);
int aspace_slb_miss(uint64_t ea);
#endif
