// SPDX-License-Identifier: MIT
/* The mm suite: zones from the tree, reservations, exhaustion, the heap. */
#include <string.h>
#include <arch/memlayout.h>
#include <vrm/cmdline.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/kernel.h>
#include <vrm/ktest.h>
#include <vrm/log.h>
#include <vrm/memmap.h>
#include <vrm/phys.h>

KTEST(mm, "the zones cover exactly the memory the tree describes")
{
	KT_EXPECT_EQ(t, frames_total_count(), boot_memory.total >> FRAME_SHIFT);
	KT_EXPECT(t, frames_free_count() + phys_reserved_frames() <= frames_total_count());
	KT_EXPECT(t, phys_reserved_frames() > 0);
}

static int check_zone(struct zone *z, void *arg)
{
	return zone_check(z);
}

static bool in_reserved(uint64_t base, uint64_t size)
{
	uint64_t addr, len;

	if (base < PHYS_LOW_RESERVED)
		return true;
	for (unsigned int i = 0; !dt_reserved_range(i, &addr, &len); i++)
		if (base < addr + len && addr < base + size)
			return true;
	return false;
}

/*
 * Takes every free frame, largest blocks first, chaining the blocks through
 * their own first words; checks none lies in a reservation, that the next
 * request fails with -ENOMEM, then gives everything back.
 */
KTEST(mm, "exhausting memory gives ENOMEM, never reserved frames, and all comes back")
{
	uint64_t before = frames_free_count(), head = 0, pa, blocks = 0, frames = 0;
	unsigned int bad = 0;

	for (int order = MAX_ORDER; order >= 0; order--) {
		while (frame_alloc(order, &pa) == 0) {
			*(uint64_t *)va(pa) = head;
			*((uint64_t *)va(pa) + 1) = order;
			head = pa;
			blocks++;
			frames += 1ul << order;
			bad += in_reserved(pa, (1ul << order) << FRAME_SHIFT);
		}
	}
	KT_EXPECT_EQ(t, frame_alloc(0, &pa), -ENOMEM);
	KT_EXPECT_EQ(t, frames_free_count(), 0);
	KT_EXPECT_EQ(t, frames, before);
	KT_EXPECT_EQ(t, bad, 0);
	while (head) {
		uint64_t next = *(uint64_t *)va(head);
		unsigned int order = *((uint64_t *)va(head) + 1);

		KT_EXPECT_EQ(t, frame_free(head, order), 0);
		head = next;
	}
	kprintf("# %lu blocks, %lu frames taken and given back\n", (unsigned long)blocks,
		(unsigned long)frames);
	KT_EXPECT_EQ(t, frames_free_count(), before);
	KT_EXPECT_EQ(t, frames_for_each_zone(check_zone, NULL), 0);
}

KTEST(mm, "kmalloc and kfree return memory to where it started")
{
	static void *obj[1500];
	static size_t len[1500];
	uint64_t frames = frames_free_count();
	struct heap_stats before, after;
	uint32_t seed = 12345;
	unsigned int corrupt = 0;

	heap_stats(&before);
	for (unsigned int i = 0; i < 1500; i++) {
		seed = seed * 1103515245 + 12345;
		len[i] = 1 + (seed >> 8) % (i % 10 == 0 ? 70000 : 3000);
		obj[i] = kmalloc(len[i]);
		KT_EXPECT(t, obj[i] != NULL);
		if (obj[i])
			memset(obj[i], (int)(i & 0xff), len[i]);
	}
	for (unsigned int i = 0; i < 1500; i++) {
		const unsigned char *p = obj[i];

		for (size_t j = 0; p && j < len[i]; j++)
			corrupt += p[j] != (i & 0xff);
		kfree(obj[i]);
	}
	heap_stats(&after);
	KT_EXPECT_EQ(t, corrupt, 0);
	KT_EXPECT_EQ(t, after.bytes_in_use, before.bytes_in_use);
	KT_EXPECT_EQ(t, heap_check(), 0);
	KT_EXPECT_EQ(t, frames_free_count(), frames);
}

static unsigned int heap_errors;

static void count_heap_error(const char *what, void *p)
{
	kprintf("# heap reported: %s (%p)\n", what, p);
	heap_errors++;
}

KTEST(mm, "heap poisoning catches a use-after-free write and a double free")
{
	char *keep, *p;

	bool was_on = heap_poisoning();

	heap_set_error_hook(count_heap_error);
	heap_set_poison(true);
	heap_errors = 0;
	keep = kmalloc(48);	/* keeps the slab alive once p is freed */
	p = kmalloc(48);
	KT_EXPECT(t, p != NULL);
	kfree(p);
	kfree(p);
	KT_EXPECT_EQ(t, heap_errors, 1);
	p[5] = 1;	/* deliberate: written after it was freed */
	KT_EXPECT(t, heap_check() != 0);
	KT_EXPECT_EQ(t, heap_errors, 2);
	p[5] = 0x6b;	/* the poison pattern, restored so the heap is whole */
	kfree(keep);
	heap_set_poison(was_on);
	phys_restore_error_hooks();
	KT_EXPECT_EQ(t, heap_check(), 0);
}

/* A row that boots with heap_poison wants every later test poisoned too:
 * the test above must leave the setting as it found it. */
KTEST(mm, "heap poisoning stays as the command line set it, after the test above")
{
	KT_EXPECT_EQ(t, heap_poisoning(), cmdline_get("heap_poison", NULL, 0));
}
