/* SPDX-License-Identifier: MIT */
/* The kernel heap: kmalloc and kfree over slabs of frames. */
#ifndef VRM_HEAP_H
#define VRM_HEAP_H

#include <stdbool.h>
#include <stddef.h>

/*
 * Requests up to 2048 bytes come from size classes of 16, 32, ... 2048
 * bytes, each carved from slabs of 2^HEAP_SLAB_ORDER frames; larger ones
 * get a block of their own. Objects of a class are aligned to their size;
 * large blocks to 64 bytes. A slab that empties goes straight back to the
 * page source, so freeing everything returns every page.
 */
#define HEAP_MIN_SHIFT	4
#define HEAP_MAX_SHIFT	11
#define HEAP_CLASSES	(HEAP_MAX_SHIFT - HEAP_MIN_SHIFT + 1)
#define HEAP_SLAB_ORDER	2

/*
 * Where the heap's pages come from. alloc returns 2^order frames aligned to
 * their size, as a kernel pointer, or NULL; free takes back exactly such a
 * block. Both are called with the heap's lock held and must not use the
 * heap.
 */
struct heap_pages {
	void *(*alloc)(unsigned int order);
	void (*free)(void *p, unsigned int order);
};

struct heap_stats {
	size_t bytes_in_use;		/* class sizes, and large usable sizes */
	unsigned long allocs;		/* kmallocs that succeeded, ever */
	size_t objects[HEAP_CLASSES];	/* live objects per class */
	size_t slabs[HEAP_CLASSES];
	size_t large;			/* live large blocks */
	size_t frames;			/* held from the page source */
};

/* Sets the page source. 0, or -EBUSY while anything is allocated. */
int heap_init(const struct heap_pages *ops);

/* NULL when the page source is out of frames or size is too big for any
 * block; never panics. kmalloc(0) returns a distinct smallest object. */
void *kmalloc(size_t size);
void *kzalloc(size_t size);
/* NULL is ignored. A pointer that is not a live object is reported to the
 * error hook and otherwise ignored. */
void kfree(void *p);

/*
 * Poisoning, off by default: free objects are filled with a pattern that
 * kmalloc checks before handing one out (a write after free), new objects
 * with another pattern (reads of uninitialised memory stand out), and
 * kfree finds a pointer's slab by lookup instead of trusting memory that
 * may be freed, so double frees are caught even once their slab is gone.
 * Without it kfree still catches a double free or an interior pointer as
 * long as the object's slab lives.
 */
void heap_set_poison(bool on);
/* Whether poisoning is on (the heap_poison boot word, or a test's choice). */
bool heap_poisoning(void);

/*
 * Told, with no lock held, of every misuse found: a write after free, a
 * double free, a pointer that is not an object's start, a heap_check
 * failure. NULL (the default) tells nobody.
 */
typedef void heap_error_hook_t(const char *what, void *p);
void heap_set_error_hook(heap_error_hook_t *hook);

void heap_stats(struct heap_stats *s);

/* Verifies every slab, list, bitmap, owner-table entry and counter (and,
 * when poisoning, every free object's pattern). 0, or -EINVAL after telling
 * the error hook what is wrong. */
int heap_check(void);
#endif
