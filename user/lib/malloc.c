/* SPDX-License-Identifier: MIT */
/* malloc and friends: an address-ordered free list over sbrk, one lock
 * for the threads of a task. */

#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "lock.h"

/*
 * Every block, free or in use, starts with this header; the caller's
 * memory follows it. Sizes count 16-byte units, the header's own unit
 * included, so blocks and the pointers handed out stay 16-byte aligned.
 * Free blocks are listed by address, so free() finds both neighbours in
 * one walk and merges with them, and the heap never holds two adjacent
 * free blocks.
 */
struct block {
	struct block *next;	/* free: the next free block up */
	size_t units;		/* the block's size, header included */
};

#define UNIT		sizeof(struct block)
#define GROW_UNITS	(64 * 1024 / UNIT)	/* the least asked of sbrk */
#define TRIM_UNITS	(128 * 1024 / UNIT)	/* free at the top: given back */
/* Larger requests fail at once: no unit arithmetic can overflow below it. */
#define SIZE_LIMIT	(PTRDIFF_MAX / 2)

_Static_assert(sizeof(struct block) == 16, "a header is one 16-byte unit");

static struct block *free_list;
static int heap_lock;

/* A pointer that malloc never handed out, or a double free: the heap
 * cannot be trusted any more. */
static void corrupt(void)
{
	static const char msg[] = "free: invalid pointer or double free\n";

	write(2, msg, sizeof(msg) - 1);
	abort();
}

/*
 * Puts b in the free list, merged with the free blocks next to it.
 * Returns the free block that now holds b, and in *pred the free block
 * before that one (NULL if there is none).
 */
static struct block *insert(struct block *b, struct block **pred)
{
	struct block *prev = NULL, *next = free_list, *before = NULL;

	while (next && next < b) {
		before = prev;
		prev = next;
		next = next->next;
	}
	if (b == next || (prev && prev + prev->units > b) ||
	    (next && b + b->units > next))
		corrupt();

	if (next && b + b->units == next) {
		b->units += next->units;
		b->next = next->next;
	} else {
		b->next = next;
	}
	if (prev && prev + prev->units == b) {
		prev->units += b->units;
		prev->next = b->next;
		*pred = before;
		return prev;
	}
	if (prev)
		prev->next = b;
	else
		free_list = b;
	*pred = prev;
	return b;
}

static void free_locked(void *p)
{
	struct block *top, *pred;

	top = insert((struct block *)p - 1, &pred);
	/* The last free block goes back to the kernel when it is big and
	 * ends at the break. */
	if (top->next || top->units < TRIM_UNITS ||
	    (char *)(top + top->units) != sbrk(0))
		return;
	if (sbrk(-(intptr_t)(top->units * UNIT)) == (void *)-1)
		return;
	if (pred)
		pred->next = NULL;
	else
		free_list = NULL;
}

/* Adds at least units to the heap, as a free block; false with ENOMEM. */
static bool grow(size_t units)
{
	size_t ask = units < GROW_UNITS ? GROW_UNITS : units;
	uintptr_t top = (uintptr_t)sbrk(0);
	size_t pad = -top & (UNIT - 1);	/* the first break may be unaligned */
	struct block *b, *pred;
	char *p;

	if (top == (uintptr_t)-1)
		return false;
	p = sbrk(pad + ask * UNIT);
	if (p == (void *)-1 && ask > units) {
		ask = units;
		p = sbrk(pad + ask * UNIT);
	}
	if (p == (void *)-1) {
		errno = ENOMEM;
		return false;
	}
	b = (struct block *)(p + pad);
	b->units = ask;
	/* Merged with a free block that ends at the old break, if any. */
	insert(b, &pred);
	return true;
}

void free(void *p)
{
	if (!p)
		return;
	__lock(&heap_lock);
	free_locked(p);
	__unlock(&heap_lock);
}

static void *malloc_locked(size_t units)
{
	for (;;) {
		struct block **link = &free_list;

		for (struct block *b = free_list; b; link = &b->next, b = b->next) {
			if (b->units < units)
				continue;
			if (b->units == units) {
				*link = b->next;
				return b + 1;
			}
			/* The tail is handed out: the free block only shrinks. */
			b->units -= units;
			b += b->units;
			b->units = units;
			return b + 1;
		}
		if (!grow(units))
			return NULL;
	}
}

void *malloc(size_t size)
{
	void *p;

	if (size > SIZE_LIMIT) {
		errno = ENOMEM;
		return NULL;
	}
	__lock(&heap_lock);
	p = malloc_locked((size + UNIT - 1) / UNIT + 1 + (size == 0));
	__unlock(&heap_lock);
	return p;
}

void *calloc(size_t n, size_t size)
{
	void *p;

	if (size && n > SIZE_LIMIT / size) {
		errno = ENOMEM;
		return NULL;
	}
	p = malloc(n * size);
	if (p)
		memset(p, 0, n * size);
	return p;
}

void *realloc(void *p, size_t size)
{
	size_t have;
	void *q;

	if (!p)
		return malloc(size);
	if (size == 0) {
		free(p);
		return NULL;
	}
	have = (((struct block *)p - 1)->units - 1) * UNIT;
	if (size <= have)
		return p;
	q = malloc(size);
	if (q) {
		memcpy(q, p, have);
		free(p);
	}
	return q;
}
