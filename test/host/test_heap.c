/* SPDX-License-Identifier: MIT */
/* Host tests of mm/heap.c over a counting page source, checked each step. */

#include <stdint.h>
#include <stdlib.h>

#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>

#include "glibc_ref.h"
#include "rng.h"
#include "tap.h"

#define RANDOM_STEPS	6000
#define MAX_LIVE	600

/*
 * The page source: aligned_alloc, with a count of frames out and a limit
 * to run it dry. Every block handed out is remembered, so a free of
 * something it never gave, or with another order, is noticed.
 */
#define SOURCE_BLOCKS	4096

static struct {
	size_t frames, limit, refused, bad_frees;
	void *block[SOURCE_BLOCKS];
	unsigned int order[SOURCE_BLOCKS];
} source = { .limit = SIZE_MAX };

static void *source_alloc(unsigned int order)
{
	size_t bytes = FRAME_SIZE << order;
	void *p;

	if (source.frames + (1u << order) > source.limit) {
		source.refused++;
		return NULL;
	}
	for (int i = 0; i < SOURCE_BLOCKS; i++)
		if (!source.block[i]) {
			p = aligned_alloc(bytes, bytes);
			source.block[i] = p;
			source.order[i] = order;
			source.frames += 1u << order;
			return p;
		}
	return NULL;
}

static void source_free(void *p, unsigned int order)
{
	for (int i = 0; i < SOURCE_BLOCKS; i++)
		if (source.block[i] == p && source.order[i] == order) {
			source.block[i] = NULL;
			source.frames -= 1u << order;
			free(p);
			return;
		}
	source.bad_frees++;
}

static const struct heap_pages source_ops = { source_alloc, source_free };

/* The error hook's last report. */
static struct {
	int count;
	const char *what;
	void *p;
} hook;

static void record(const char *what, void *p)
{
	hook.count++;
	hook.what = what;
	hook.p = p;
}

static struct heap_stats stats(void)
{
	struct heap_stats s;

	heap_stats(&s);
	return s;
}

static bool heap_empty(void)
{
	/* allocs only grows: an empty heap has any count of them. */
	struct heap_stats s = stats(), zero = { .allocs = s.allocs };

	return ref_memcmp(&s, &zero, sizeof(s)) == 0 && source.frames == 0 &&
	       source.bad_frees == 0;
}

/* What a request of size costs in bytes_in_use: its class, or its block. */
static size_t charged(size_t size)
{
	size_t c = (size_t)1 << HEAP_MIN_SHIFT, block = FRAME_SIZE << HEAP_SLAB_ORDER;

	if (size <= (size_t)1 << HEAP_MAX_SHIFT) {
		while (c < size)
			c *= 2;
		return c;
	}
	/* The large header, as heap.c lays it out: 192 bytes. */
	while (block - 192 < size)
		block *= 2;
	return block - 192;
}

static void test_basics(void)
{
	static const size_t sizes[] = {
		0, 1, 15, 16, 17, 100, 1024, 2047, 2048, 2049, 5000, 16192, 16193,
		1 << 20, (16u << 20) - 192,
	};
	void *p[sizeof(sizes) / sizeof(sizes[0])];
	struct tally tl = { 0 }, intact = { 0 };
	struct heap_stats s;
	size_t bytes = 0;

	ok(kmalloc(16) == NULL, "kmalloc before heap_init is NULL");
	is_int(heap_init(&source_ops), 0, "heap_init");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t align = charged(sizes[i]) <= 2048 ? charged(sizes[i]) : 64;

		p[i] = kmalloc(sizes[i]);
		bytes += charged(sizes[i]);
		if (p[i])
			ref_memset(p[i], (int)i, sizes[i]);
		if (tally_fail(&tl, p[i] && (uintptr_t)p[i] % align == 0 && heap_check() == 0))
			tally_diag(&tl, "kmalloc(%zu) = %p", sizes[i], p[i]);
	}
	tally_ok(&tl, "sizes from 0 to 16 MiB - 192, aligned, and the heap checks");
	s = stats();
	is_int(s.bytes_in_use, bytes, "bytes in use count class and block sizes");
	ok(s.objects[0] == 4 && s.objects[7] == 2 && s.large == 6,
	   "objects per class and large blocks counted");
	ok(s.slabs[0] == 1 && s.slabs[7] == 1, "a slab per class in use");
	is_int(heap_init(&source_ops), -EBUSY, "heap_init while in use is refused");
	ok(kmalloc(16u << 20) == NULL, "16 MiB needs more than the largest block");
	ok(kmalloc(SIZE_MAX) == NULL, "SIZE_MAX is refused");
	ok(kmalloc(SIZE_MAX - 100) == NULL, "and so is SIZE_MAX - 100");
	is_int(stats().allocs, sizeof(sizes) / sizeof(sizes[0]),
	       "allocs counts the kmallocs that succeeded, not those refused");
	for (size_t i = 0; i < sizeof(sizes) / sizeof(sizes[0]); i++) {
		size_t j = 0;

		while (j < sizes[i] && ((unsigned char *)p[i])[j] == i)
			j++;
		if (tally_fail(&intact, j == sizes[i]))
			tally_diag(&intact, "kmalloc(%zu) overwritten at %zu", sizes[i], j);
		kfree(p[i]);
	}
	tally_ok(&intact, "no object overlapped another");
	kfree(NULL);
	ok(heap_empty(), "everything freed, every frame is back");
	is_int(hook.count, 0, "no misuse reported");
}

static void test_kzalloc(void)
{
	struct tally tl = { 0 };
	unsigned char *p;

	heap_set_poison(true);
	for (size_t size = 1; size < 10000; size = size * 3 + 1) {
		p = kzalloc(size);
		for (size_t i = 0; i < size; i++)
			if (tally_fail(&tl, p && p[i] == 0))
				tally_diag(&tl, "kzalloc(%zu)[%zu] = %#x", size, i, p[i]);
		kfree(p);
	}
	tally_ok(&tl, "kzalloc memory is zero, poisoning or not");
	heap_set_poison(false);
	ok(heap_empty(), "and all of it went back");
}

/* The page source runs dry: NULL, never a crash, and nothing leaks. */
static void test_enomem(void)
{
	static void *p[4096];
	size_t n = 0;

	source.limit = 0;
	ok(kmalloc(16) == NULL && kmalloc(100000) == NULL,
	   "with no frames at all, kmalloc is NULL");
	source.limit = 64;
	while (n < 4096 && (p[n] = kmalloc(n % 3 ? 100 : 9000)))
		n++;
	ok(n > 0 && n < 4096 && source.refused > 0, "NULL once 64 frames are used (%zu objects)", n);
	is_int(heap_check(), 0, "the heap still checks");
	while (n)
		kfree(p[--n]);
	ok(heap_empty(), "all freed, every frame is back");
	source.limit = SIZE_MAX;
}

/* One misuse: the hook sees it with the pointer, and the heap still checks. */
static void misuse(void *p, const char *want, const char *desc)
{
	int calls = hook.count;

	kfree(p);
	ok(hook.count == calls + 1 && hook.p == p && tap_streq(hook.what, want) &&
	   heap_check() == 0, "%s: \"%s\"", desc, hook.count > calls ? hook.what : "");
}

static void test_misuse(bool poison)
{
	char *a, *b, *big;

	heap_set_poison(poison);
	a = kmalloc(64);
	b = kmalloc(64);
	big = kmalloc(50000);
	kfree(a);
	misuse(a, "double free", "double free");
	misuse(b + 8, "kfree of a pointer that is not an object's start", "interior pointer");
	misuse(b - 16, "kfree of a pointer that is not an object's start",
	       "pointer before an object");
	misuse(big + 64, "kfree of a pointer inside a large block", "inside a large block");
	kfree(b);
	kfree(big);
	ok(heap_empty(), "poison %s: the good frees all went back", poison ? "on" : "off");
	if (poison) {
		/* Their slab and block are gone: only poisoning finds that out
		 * without reading freed memory. */
		misuse(b, "kfree of memory the heap does not own", "double free, slab gone");
		misuse(big, "kfree of memory the heap does not own",
		       "double free of a large block");
	}
	heap_set_poison(false);
}

/* A write after free, caught by heap_check and again by kmalloc. */
static void test_use_after_free(void)
{
	char *a, *b, *c;
	int calls, err;

	heap_set_poison(true);
	a = kmalloc(128);
	b = kmalloc(128);
	kfree(a);
	is_int(heap_check(), 0, "a poisoned free object checks");
	a[40] = 1;
	calls = hook.count;
	err = heap_check();
	ok(err == -EINVAL && hook.count == calls + 1 && hook.p == a,
	   "heap_check finds a write after free (%s)", hook.what);
	c = kmalloc(128);
	ok(c == a && hook.count == calls + 2 && hook.p == a &&
	   tap_streq(hook.what, "write to a free object"),
	   "kmalloc reports it when handing the object out again");
	ok((unsigned char)c[0] == 0xa5 && (unsigned char)c[127] == 0xa5,
	   "a new object holds the allocation pattern");
	kfree(c);
	kfree(b);
	heap_set_poison(false);

	a = kmalloc(128);
	b = kmalloc(128);
	kfree(a);
	a[40] = 1;
	calls = hook.count;
	c = kmalloc(128);
	ok(c == a && hook.count == calls && heap_check() == 0,
	   "without poisoning nothing is checked");
	kfree(c);
	kfree(b);
	ok(heap_empty(), "all freed");
}

/* Turned on with free objects about: they are poisoned on the spot. */
static void test_poison_later(void)
{
	void *p[40];

	for (int i = 0; i < 40; i++)
		p[i] = kmalloc(32 + i * 40);
	for (int i = 0; i < 40; i += 2)
		kfree(p[i]);
	heap_set_poison(true);
	is_int(heap_check(), 0, "poisoning turned on later covers earlier free objects");
	for (int i = 1; i < 40; i += 2)
		kfree(p[i]);
	heap_set_poison(false);
	ok(heap_empty(), "all freed");
}

/* Damage a slab header: heap_check must notice, then pass again. */
static void test_check_catches(void)
{
	char *p = kmalloc(256);
	uint32_t *magic = (uint32_t *)((uintptr_t)p & ~((FRAME_SIZE << HEAP_SLAB_ORDER) - 1));
	int calls = hook.count, err;

	*magic ^= 1;
	err = heap_check();
	ok(err == -EINVAL && hook.count == calls + 1,
	   "a damaged slab header is caught (%s)", hook.what);
	*magic ^= 1;
	is_int(heap_check(), 0, "repaired, it checks again");
	kfree(p);
}

/* Random sizes, random frees; each object holds a pattern of its own,
 * verified when freed, and the heap is checked after every step. */
static void test_random(bool poison)
{
	static unsigned char *live[MAX_LIVE];
	static size_t size[MAX_LIVE];
	struct tally tl = { 0 };
	size_t n = 0, bytes = 0;

	heap_set_poison(poison);
	for (int step = 0; step < RANDOM_STEPS; step++) {
		const char *err = NULL;

		if (n < MAX_LIVE && (n == 0 || rng_below(100) < 55)) {
			size[n] = rng_one_in(20) ? rng_below(70000) : rng_below(2100);
			live[n] = kmalloc(size[n]);
			if (!live[n]) {
				err = "kmalloc failed";
			} else {
				ref_memset(live[n], (unsigned char)((uintptr_t)live[n] >> 4), size[n]);
				bytes += charged(size[n++]);
			}
		} else {
			size_t j = rng_below(n);

			for (size_t i = 0; i < size[j] && !err; i++)
				if (live[j][i] != (unsigned char)((uintptr_t)live[j] >> 4))
					err = "an object was overwritten";
			kfree(live[j]);
			bytes -= charged(size[j]);
			live[j] = live[--n];
			size[j] = size[n];
		}
		if (!err && heap_check())
			err = hook.what;
		if (!err && stats().bytes_in_use != bytes)
			err = "bytes in use disagree";
		if (tally_fail(&tl, !err))
			tally_diag(&tl, "step %d: %s", step, err);
	}
	tally_ok(&tl, poison ? "random steps with poisoning check" :
			       "random steps without poisoning check");
	while (n)
		kfree(live[--n]);
	ok(heap_empty() && hook.count == 0, "poison %s: all freed, every frame back",
	   poison ? "on" : "off");
	heap_set_poison(false);
}

int main(void)
{
	rng_init();
	heap_set_error_hook(record);
	test_basics();
	test_kzalloc();
	test_enomem();
	test_random(false);
	test_random(true);
	test_use_after_free();
	test_misuse(false);
	test_misuse(true);
	test_poison_later();
	test_check_catches();
	return done_testing();
}
