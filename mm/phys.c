// SPDX-License-Identifier: MIT
/* Boot-time physical memory: one zone per memory range, reservations, heap. */
#define pr_fmt "phys: "
#include <arch/memlayout.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include <vrm/memmap.h>
#include <vrm/panic.h>
#include <vrm/phys.h>

/* Real addresses at and above this one are not for phys_alloc_real. */
#define REAL_ADDR_LIMIT		(1ul << 32)

static struct zone zones[MEMMAP_MAX];
static uint64_t reserved_at_boot;
static uint64_t real_limit;

struct span {
	uint64_t base, end;
};

static bool overlaps(struct span a, struct span b)
{
	return a.base < b.end && b.base < a.end;
}

/* The ranges nothing may be allocated from: the reserve map and low memory. */
static unsigned int reserved_spans(struct span *out, unsigned int max)
{
	uint64_t addr, size;
	unsigned int n = 0;

	out[n++] = (struct span){ 0, PHYS_LOW_RESERVED };
	for (unsigned int i = 0; n < max && !dt_reserved_range(i, &addr, &size); i++)
		if (size)
			out[n++] = (struct span){ addr, addr + size };
	return n;
}

/* Where a zone keeps its metadata: the highest frames of the range that
 * touch no reservation, so the zone owns (and can give back) its own. */
static int place_meta(struct span range, uint64_t bytes, const struct span *rsv,
		      unsigned int nrsv, uint64_t *at)
{
	const uint64_t frame = 1ul << FRAME_SHIFT;
	uint64_t size = (bytes + frame - 1) & ~(frame - 1);
	uint64_t end = range.end;
	bool moved = true;

	while (moved) {
		moved = false;
		if (end < range.base + size)
			return -ENOMEM;
		for (unsigned int i = 0; i < nrsv && !moved; i++) {
			if (overlaps((struct span){ end - size, end }, rsv[i])) {
				end = rsv[i].base & ~(frame - 1);
				moved = true;
			}
		}
	}
	*at = end - size;
	return 0;
}

static int make_zone(struct zone *z, const struct mem_range *r, const struct span *rsv,
		     unsigned int nrsv)
{
	struct span range = { r->base, r->base + r->size };
	uint64_t bytes = zone_meta_bytes(r->size), meta;
	struct zone_stats st;
	int err;

	err = place_meta(range, bytes, rsv, nrsv, &meta);
	if (!err)
		err = zone_init(z, r->base, r->size, va(meta));
	if (!err)
		err = zone_reserve(z, meta, bytes);
	for (unsigned int i = 0; !err && i < nrsv; i++)
		if (overlaps(range, rsv[i]))
			err = zone_reserve(z, rsv[i].base, rsv[i].end - rsv[i].base);
	if (!err)
		err = frames_add_zone(z);
	if (err)
		return err;
	zone_stats(z, &st);
	reserved_at_boot += st.reserved;
	return 0;
}

static void frame_error(const char *what, uint64_t pa, unsigned int order)
{
	panic("frame allocator: %s (frame %#lx, order %u)", what, (unsigned long)pa, order);
}

static void heap_error(const char *what, void *p)
{
	panic("heap: %s (%p)", what, p);
}

static void *heap_page_alloc(unsigned int order)
{
	uint64_t at;

	return frame_alloc(order, &at) ? NULL : va(at);
}

static void heap_page_free(void *p, unsigned int order)
{
	frame_free(pa(p), order);
}

static const struct heap_pages heap_pages = {
	.alloc = heap_page_alloc,
	.free = heap_page_free,
};

int phys_init(void)
{
	struct span rsv[32];
	unsigned int nrsv = reserved_spans(rsv, 32), made = 0;

	phys_restore_error_hooks();
	for (unsigned int i = 0; i < boot_memory.count; i++) {
		int err = make_zone(&zones[made], &boot_memory.range[i], rsv, nrsv);

		if (err)
			pr_err("range %#lx+%#lx left out: %d\n",
			       (unsigned long)boot_memory.range[i].base,
			       (unsigned long)boot_memory.range[i].size, err);
		else
			made++;
	}
	if (!made)
		return -ENOMEM;
	/* The real mode area is the memory@ range at 0: QEMU sizes that node
	 * to its RMA (hw/ppc/spapr.c, spapr_dt_memory). */
	for (unsigned int i = 0; i < boot_memory.count; i++)
		if (boot_memory.range[i].base == 0)
			real_limit = boot_memory.range[i].size < REAL_ADDR_LIMIT ?
				     boot_memory.range[i].size : REAL_ADDR_LIMIT;
	pr_info("%u zones, %lu MiB free of %lu MiB\n", made,
		(unsigned long)(frames_free_count() >> (20 - FRAME_SHIFT)),
		(unsigned long)(frames_total_count() >> (20 - FRAME_SHIFT)));
	return heap_init(&heap_pages);
}

int phys_alloc_real(unsigned int order, uint64_t *pa)
{
	return frame_alloc_below(order, real_limit, pa);
}

void phys_restore_error_hooks(void)
{
	frame_set_error_hook(frame_error);
	heap_set_error_hook(heap_error);
}

uint64_t phys_reserved_frames(void)
{
	return reserved_at_boot;
}
