/* SPDX-License-Identifier: MIT */
/* The virtual memory manager as the rest of the kernel sees it. */
#ifndef VRM_VMM_H
#define VRM_VMM_H

#include <stdint.h>
#include <stdbool.h>
#include <arch/memlayout.h>

/*
 * Bolts the linear map of all memory, turns translation on for this CPU,
 * installs the storage and segment interrupt handlers and the in-memory
 * paging space. 0 or a negative errno.
 */
int vmm_init(void);

/* Counters since boot (vmstat). */
struct vmstat {
	uint64_t faults;		/* storage interrupts resolved */
	uint64_t zero_fills;
	uint64_t page_ins;
	uint64_t page_outs;
	uint64_t page_steals;		/* frames taken by the clock */
	uint64_t clock_scans;		/* pages the clock looked at */
	uint64_t hpte_inserts;
	uint64_t hpte_evictions;
	uint64_t slb_misses;
	uint64_t hpt_errors;		/* page-table hcalls that failed unexpectedly */
	uint64_t segments;		/* live segments */
	uint64_t resident;		/* resident segment pages */
	uint64_t pgsp_used;		/* paging-space slots in use */
	uint64_t pgsp_total;
	uint64_t pgsp_frames;		/* frames holding paging-space copies */
};

void vmm_stats(struct vmstat *out);
/* The counters, then free and used frames per zone, one line each. */
void vmstat_report(void (*line)(const char *text, void *arg), void *arg);
/* Counts one SLB miss, HPTE insert or eviction; for arch-level callers. */
extern struct vmstat vmm_counters;

/*
 * Page replacement tunables, in pages: the clock runs when fewer than
 * minfree frames are available to segments and stops at maxfree.
 * maxpages caps the frames segments may hold at once (0: all memory), so
 * tests can create pressure without exhausting the machine.
 */
struct vmm_tunables {
	uint64_t minfree, maxfree, maxpages;
};
void vmm_get_tunables(struct vmm_tunables *t);
int vmm_set_tunables(const struct vmm_tunables *t);

/* Working storage for the kernel and, later, tasks: a segment backed by
 * paging space. 0 (positive errno otherwise, as the AIX services). */
int vms_create_working(long *vmid, uint64_t npages);

/* Working storage for a task: writable by the task itself when asked
 * (its data and stack), else only readable by it (its text). */
int vms_create_task(long *vmid, uint64_t npages, bool writable);

/*
 * Task address spaces: the regions of arch/memlayout.h (USER_REGIONS of
 * 256 MB from address 0). The SLB is flushed when a CPU switches spaces.
 */
/* Region flags: what fork does with the region. Every region holds its
 * segment; the last region to go deletes it. */
#define ASPACE_SHARE		0x1	/* the child maps the same segment */
#define ASPACE_COPY		0x2	/* the child gets a copy */
#define ASPACE_MMAP		0x4	/* mmap made it: munmap and mprotect act on it */

struct aspace;
struct aspace *aspace_create(void);
/* 0, -EINVAL (no such region, region 0, no such segment), -EEXIST. */
int aspace_map(struct aspace *as, uint64_t ea, long vmid, unsigned int flags);
/* Forgets the region at ea (flushing every CPU's SLB); its id in *vmid. */
int aspace_unmap(struct aspace *as, uint64_t ea, long *vmid);
/* Limits the region at ea to pages [lo, hi) of its segment: a touch
 * outside faults (a stack's limit, a heap's break, an object's size).
 * Mapping a region opens all of it. 0 or -EINVAL. */
int aspace_set_window(struct aspace *as, uint64_t ea, uint64_t lo, uint64_t hi);
/* Whether the task space this CPU runs lets the task store into [ea, ea +
 * n), ea + n <= USER_TOP: every page inside its region's window, of a
 * segment the task may write. */
bool aspace_user_writable(uint64_t ea, uint64_t n);
/* The segment mapped at ea: 0 or -EINVAL. */
int aspace_segment_at(struct aspace *as, uint64_t ea, long *vmid);
/* The address of a free region for an attachment, or 0. */
uint64_t aspace_free_region(struct aspace *as);
/* What the region at ea holds: 0, -ENOENT when it is free, -EINVAL when
 * ea lies outside the space. */
struct aspace_region {
	long vmid;
	unsigned int flags;		/* ASPACE_* */
	uint64_t lo, hi;		/* its window */
};
int aspace_region_info(struct aspace *as, uint64_t ea, struct aspace_region *out);
/* Sets what the task may do with the segment mapped at ea, for every
 * region that maps it: reading (implied by the others), writing,
 * executing; 0 for nothing. 0 or -EINVAL. */
#define ASPACE_PROT_READ	0x1
#define ASPACE_PROT_WRITE	0x2
#define ASPACE_PROT_EXEC	0x4
int aspace_protect(struct aspace *as, uint64_t ea, unsigned int prot);
/* Makes `as` (NULL for none) the task space this CPU translates. */
void aspace_switch(struct aspace *as);
/* Unmaps everything and frees the space; no other CPU may run it. */
void aspace_destroy(struct aspace *as);
/* A copy for a child: shared and copied regions as their flags say. */
int aspace_fork(struct aspace *src, struct aspace **out);
/* Resident pages of its segments. */
uint64_t aspace_resident(struct aspace *as);

/* Frames that segments hold (resident pages). */
uint64_t vmm_frames_held(void);
#endif
