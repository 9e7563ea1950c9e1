/* SPDX-License-Identifier: MIT */
/* The virtual memory manager as the rest of the kernel sees it. */
#ifndef VRM_VMM_H
#define VRM_VMM_H

#include <stdint.h>
#include <stdbool.h>

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

/* Ends the page waits of this CPU on V_INTRSEG segments with EINTR, as a
 * signal will. Safe from interrupt handlers. */
void vmm_interrupt_waits(unsigned int cpu);
/* Consumes a pending interruption of this CPU's waits, as delivering the
 * signal will; true if there was one. */
bool vmm_take_interrupt(void);

/* Frames that segments hold (resident pages). */
uint64_t vmm_frames_held(void);
#endif
