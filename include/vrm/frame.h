/* SPDX-License-Identifier: MIT */
/* Physical frames: a buddy allocator per zone of RAM, and the set of zones. */
#ifndef VRM_FRAME_H
#define VRM_FRAME_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include <arch/spinlock.h>

#define FRAME_SHIFT	12
#define FRAME_SIZE	(1ul << FRAME_SHIFT)
/* Blocks of 2^0 .. 2^MAX_ORDER frames: the largest is 16 MiB. */
#define MAX_ORDER	12
#define FRAME_ORDERS	(MAX_ORDER + 1)

/*
 * A zone is one physically contiguous range of RAM (a memory@ range or one
 * LMB). Every block is naturally aligned in physical address, whatever the
 * zone's own alignment. All bookkeeping lives in the caller's meta array
 * (zone_meta_bytes), never in the frames: the allocator does not touch the
 * memory it manages, so it works before any mapping exists and on the host.
 *
 * Fields are read through zone_stats(); the rest is the allocator's.
 */
struct zone {
	spinlock_t lock;
	uint64_t base_pfn;		/* first frame number */
	uint32_t nframes;
	struct frame_link *link;	/* per frame: free-list neighbours */
	uint8_t *state;			/* per frame: what it is, block order */
	uint32_t free_head[FRAME_ORDERS];
	uint32_t free_blocks[FRAME_ORDERS];
	uint64_t free_frames, used_frames, reserved_frames;
	uint64_t allocs, frees;		/* successful calls, since zone_init */
	struct zone *next;		/* in the zone set */
	bool in_set;
};

struct zone_stats {
	uint64_t base, size;		/* bytes */
	uint64_t total, free, used, reserved;	/* frames */
	uint64_t allocs, frees;
	uint32_t free_blocks[FRAME_ORDERS];
};

/* The order of the smallest block of frames that holds `bytes`. */
static inline unsigned int frame_order_of(size_t bytes)
{
	unsigned int order = 0;

	while ((FRAME_SIZE << order) < bytes)
		order++;
	return order;
}

/* Bytes of meta array that zone_init needs for a zone of size bytes. */
size_t zone_meta_bytes(uint64_t size);

/*
 * Makes z manage [base, base + size), all of it free. base and size are
 * multiples of FRAME_SIZE, size under 2^32 - 1 frames; meta holds
 * zone_meta_bytes(size) bytes, 8-byte aligned, and lives as long as z.
 * 0, or -EINVAL for a bad range or meta.
 */
int zone_init(struct zone *z, uint64_t base, uint64_t size, void *meta);

/*
 * Takes [base, base + size), clipped to the zone and rounded outwards to
 * whole frames, out of the free pool for good (the kernel image, the FDT,
 * RTAS, the initrd). Frames already reserved may be reserved again. 0, or
 * -EBUSY (nothing changed) when a frame in the range is allocated.
 */
int zone_reserve(struct zone *z, uint64_t base, uint64_t size);

/* 2^order naturally aligned frames into *pa. 0, -EINVAL for an order
 * above MAX_ORDER, or -ENOMEM when no free block is big enough. */
int zone_alloc(struct zone *z, unsigned int order, uint64_t *pa);
/* The same, but the block ends at or below the physical address limit:
 * -ENOMEM also when no free block starts low enough. */
int zone_alloc_below(struct zone *z, unsigned int order, uint64_t limit, uint64_t *pa);

/*
 * Gives back a block from zone_alloc and merges it with free buddies. 0, or
 * -EINVAL, with the zone unchanged and the error hook told, when pa is not
 * the start of an allocated block of exactly that order.
 */
int zone_free(struct zone *z, uint64_t pa, unsigned int order);

void zone_stats(struct zone *z, struct zone_stats *s);

/* True when pa lies inside the zone. */
bool zone_contains(const struct zone *z, uint64_t pa);

/*
 * Verifies every invariant: each frame in exactly one block or reserved,
 * blocks aligned to their order and inside the zone, free lists doubly
 * linked and holding exactly the free blocks, no two free buddies of the
 * same order, counters matching the frames. 0, or -EINVAL after telling
 * the error hook what is wrong. Takes the zone's lock, so it may run while
 * other CPUs allocate; it costs one pass over the frames.
 */
int zone_check(struct zone *z);

/*
 * Told of every refused zone_free/frame_free and every zone_check failure,
 * with a fixed description, the address and the order concerned. Called
 * with no lock held; NULL (the default) tells nobody.
 */
typedef void frame_error_hook_t(const char *what, uint64_t pa, unsigned int order);
void frame_set_error_hook(frame_error_hook_t *hook);

/*
 * The zone set: what the rest of the kernel allocates from. Zones are tried
 * in the order they were added. A zone is added after zone_init and its
 * reservations, and stays the caller's storage.
 */

/* 0, -EINVAL if z is uninitialised or already in the set, -EEXIST if it
 * overlaps a zone of the set. */
int frames_add_zone(struct zone *z);

/* Takes z out of the set (DLPAR memory removal). 0, -EBUSY when a frame of
 * it is allocated or reserved, -ENOENT when it is not in the set. */
int frames_remove_zone(struct zone *z);

/* From the first zone with a big enough block: 0, -EINVAL or -ENOMEM. */
int frame_alloc(unsigned int order, uint64_t *pa);
/* The same, below a physical address: zone_alloc_below in each zone. */
int frame_alloc_below(unsigned int order, uint64_t limit, uint64_t *pa);

/* To the zone holding pa: 0, or -EINVAL (hook told) when no zone holds it
 * or zone_free refuses it. */
int frame_free(uint64_t pa, unsigned int order);

uint64_t frames_free_count(void);	/* frames, over every zone */
uint64_t frames_total_count(void);	/* frames, reserved ones included */

/*
 * Calls fn for each zone in order with the set's lock held, so zones can
 * neither come nor go meanwhile (fn must not add or remove zones). Stops at
 * and returns the first non-zero return of fn; 0 otherwise.
 */
int frames_for_each_zone(int (*fn)(struct zone *z, void *arg), void *arg);
#endif
