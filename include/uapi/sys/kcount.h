/* SPDX-License-Identifier: MIT */
/* kcount(): how many of each kernel object exist now; vrm's own call. */
#ifndef _UAPI_SYS_KCOUNT_H
#define _UAPI_SYS_KCOUNT_H

/*
 * A snapshot of the kernel's live objects. Test programs take one before
 * and one after a run: a resource that a call forgets to give back shows
 * as a count that does not return.
 *
 * kernel_frames counts the frames the kernel uses for itself (heap, stacks,
 * tables): every frame is free, a resident page of a segment, a paging
 * space copy, or one of these. Pages of live segments move between memory
 * and paging space as they please; a frame lost by the kernel stays here.
 *
 * heap_allocs only grows: it moves with every allocation, even one given
 * back at once, so a call that should allocate nothing (one refused for
 * its arguments) is seen to keep to that.
 */
struct kcount {
	unsigned long tasks;		/* tasks, zombies included */
	unsigned long ports;		/* IPC ports */
	unsigned long segments;		/* VMM segments */
	unsigned long kernel_frames;	/* frames the kernel itself holds */
	unsigned long heap_bytes;	/* kernel heap bytes in use */
	unsigned long free_frames;	/* free page frames */
	unsigned long heap_allocs;	/* kernel heap allocations since boot */
	unsigned long threads;		/* user threads not yet freed */
};
#endif
