/* SPDX-License-Identifier: MIT */
/* Host tests of the SDK's malloc (user/lib/malloc.c) over a fake sbrk. */

#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>

#include <uapi/errno.h>

#include "fake_waits.h"
#include "glibc_ref.h"
#include "rng.h"
#include "tap.h"


/* The SDK's functions, by the names test/host/user_names.h gives them. */
void *vrm_malloc(size_t size);
void vrm_free(void *p);
void *vrm_calloc(size_t n, size_t size);
void *vrm_realloc(void *p, size_t size);
int vrm_errno;

#define ARENA_SIZE	(16u << 20)
#define TRIM_BYTES	(128u << 10)	/* malloc.c's TRIM_UNITS, in bytes */

/*
 * The fake break: an arena whose first break is 8 bytes off a 16-byte
 * boundary, as a real one after the bss may be, and a limit that can be
 * lowered to make sbrk refuse.
 */
static _Alignas(16) unsigned char arena[ARENA_SIZE];
static struct {
	unsigned char *cur, *limit;
	unsigned long calls, refused;
} brk_state = { arena + 8, arena + ARENA_SIZE, 0, 0 };

/* Where the heap starts once malloc has aligned the break. */
#define HEAP_BASE (arena + 16)

void *vrm_sbrk(intptr_t incr)
{
	unsigned char *old = brk_state.cur;

	brk_state.calls++;
	if (incr > brk_state.limit - brk_state.cur || incr < arena - brk_state.cur) {
		brk_state.refused++;
		return (void *)-1;
	}
	brk_state.cur += incr;
	return old;
}

/* malloc.c's report of a bad free goes here, then abort() jumps back. */
static char written[256];
static jmp_buf abort_jump;
static int aborts;

long vrm_write(int fd, const void *buf, size_t n)
{
	if (fd == 2 && n < sizeof(written)) {
		ref_memcpy(written, buf, n);
		written[n] = '\0';
	}
	return (long)n;
}

void vrm_abort(void)
{
	aborts++;
	longjmp(abort_jump, 1);
}

static bool in_arena(const void *p, size_t size)
{
	const unsigned char *c = p;

	return c >= HEAP_BASE && c + size <= brk_state.cur;
}

static void fill(void *p, size_t size, unsigned char seed)
{
	for (size_t i = 0; i < size; i++)
		((unsigned char *)p)[i] = (unsigned char)(seed + i);
}

/* The index of the first byte that lost its pattern, or size. */
static size_t intact(const void *p, size_t size, unsigned char seed)
{
	size_t i = 0;

	while (i < size && ((const unsigned char *)p)[i] == (unsigned char)(seed + i))
		i++;
	return i;
}

static void test_basics(void)
{
	static const size_t sizes[] = {
		0, 1, 15, 16, 17, 31, 32, 100, 1000, 4096, 4097, 40000,
	};
	enum { N = sizeof(sizes) / sizeof(sizes[0]) };
	struct tally placed = { 0 }, kept = { 0 };
	void *p[N];
	unsigned long calls;
	unsigned char *top;

	for (size_t i = 0; i < N; i++) {
		p[i] = vrm_malloc(sizes[i]);
		if (tally_fail(&placed, p[i] && (uintptr_t)p[i] % 16 == 0 &&
					in_arena(p[i], sizes[i])))
			tally_diag(&placed, "malloc(%zu) = %p", sizes[i], p[i]);
		else
			fill(p[i], sizes[i], (unsigned char)i);
	}
	tally_ok(&placed, "sizes 0 to 40000: 16-byte aligned, inside the heap");
	ok(p[0] != p[1], "malloc(0) is a pointer of its own");
	for (size_t i = 0; i < N; i++) {
		size_t at = intact(p[i], sizes[i], (unsigned char)i);

		if (tally_fail(&kept, at == sizes[i]))
			tally_diag(&kept, "malloc(%zu) overwritten at %zu", sizes[i], at);
		vrm_free(p[i]);
	}
	tally_ok(&kept, "no block overlapped another");
	vrm_free(NULL);

	/* Less than malloc.c trims was used: all of it is one free block now. */
	top = brk_state.cur;
	calls = brk_state.calls;
	p[0] = vrm_malloc(top - HEAP_BASE - 16);
	ok(p[0] == HEAP_BASE + 16 && brk_state.cur == top,
	   "after freeing all, the whole heap is one block again");
	vrm_free(p[0]);
	ok(brk_state.calls - calls <= 2, "and malloc did not grow the heap for it");
}

static void test_realloc(void)
{
	char *p = vrm_realloc(NULL, 40), *q;

	ok(p != NULL, "realloc(NULL, 40) allocates");
	fill(p, 40, 7);
	q = vrm_realloc(p, 20);
	ok(q == p, "shrinking stays in place");
	q = vrm_realloc(p, 5000);
	ok(q && intact(q, 40, 7) == 40, "growing keeps the contents");
	vrm_errno = 0;
	ok(vrm_realloc(q, 0) == NULL && vrm_errno == 0, "realloc(p, 0) frees p");
}

static void test_calloc(void)
{
	struct tally zero = { 0 };

	/* Dirty the heap first, so calloc cannot count on fresh memory. */
	for (size_t size = 1; size < 20000; size = size * 3 + 1) {
		unsigned char *d = vrm_malloc(size), *c;

		fill(d, size, 0x5a);
		vrm_free(d);
		c = vrm_calloc(size, 1);
		for (size_t i = 0; i < size; i++)
			if (tally_fail(&zero, c && c[i] == 0))
				tally_diag(&zero, "calloc(%zu, 1)[%zu] = %#x", size, i,
					   c ? c[i] : 0);
		vrm_free(c);
	}
	tally_ok(&zero, "calloc memory is zero over reused blocks");
	vrm_errno = 0;
	ok(vrm_calloc(SIZE_MAX / 8, 16) == NULL && vrm_errno == ENOMEM,
	   "calloc whose product overflows: NULL, ENOMEM");
}

static void test_trim(void)
{
	unsigned char *top = brk_state.cur;
	void *big = vrm_malloc(1u << 20), *small;

	ok(big && brk_state.cur >= top + (1u << 20), "malloc(1 MiB) grows the break");
	vrm_free(big);
	ok(brk_state.cur <= top, "freeing it gives the memory back (break %td above the start)",
	   brk_state.cur - HEAP_BASE);

	big = vrm_malloc(TRIM_BYTES * 2);
	small = vrm_malloc(16);
	top = brk_state.cur;
	vrm_free(big);
	ok(brk_state.cur == top, "a free block below a used one stays");
	vrm_free(small);
	ok(brk_state.cur < top - TRIM_BYTES, "freeing the block above gives both back");
}

struct live {
	unsigned char *p;
	size_t size;
	unsigned char seed;
};

/* A size mostly small, sometimes a page or two, now and then 300 KiB. */
static size_t random_size(void)
{
	uint64_t r = rng_below(100);

	if (r < 80)
		return rng_below(300);
	if (r < 98)
		return rng_below(10000);
	return rng_below(300000);
}

/* Random malloc, calloc, realloc and free, every block's bytes checked. */
static void test_random(void)
{
	enum { STEPS = 30000, MAX_LIVE = 400 };
	static struct live live[MAX_LIVE];
	struct tally t = { 0 };
	size_t n = 0;

	for (int step = 0; step < STEPS; step++) {
		uint64_t op = rng_below(10);

		if (n > 0 && (op < 4 || n == MAX_LIVE)) {
			size_t i = rng_below(n);
			size_t at = intact(live[i].p, live[i].size, live[i].seed);

			if (tally_fail(&t, at == live[i].size))
				tally_diag(&t, "step %d: block of %zu overwritten at %zu",
					   step, live[i].size, at);
			vrm_free(live[i].p);
			live[i] = live[--n];
		} else if (n > 0 && op < 6) {
			size_t i = rng_below(n), size = random_size();
			size_t keep = size < live[i].size ? size : live[i].size;
			unsigned char *q = vrm_realloc(live[i].p, size ? size : 1);

			if (tally_fail(&t, q && (uintptr_t)q % 16 == 0 &&
					       intact(q, keep, live[i].seed) == keep)) {
				tally_diag(&t, "step %d: realloc to %zu lost the contents",
					   step, size);
				continue;
			}
			live[i].p = q;
			live[i].size = size;
			fill(q, size, live[i].seed);
		} else {
			size_t size = random_size();
			bool zeroed = op == 6;
			unsigned char *p = zeroed ? vrm_calloc(1, size) : vrm_malloc(size);

			if (tally_fail(&t, p && (uintptr_t)p % 16 == 0 && in_arena(p, size) &&
					       (!zeroed || size == 0 || p[size - 1] == 0))) {
				tally_diag(&t, "step %d: %s(%zu) = %p", step,
					   zeroed ? "calloc" : "malloc", size, (void *)p);
				continue;
			}
			live[n] = (struct live){ p, size, (unsigned char)rng_next() };
			fill(p, size, live[n].seed);
			n++;
		}
	}
	while (n > 0) {
		n--;
		if (tally_fail(&t, intact(live[n].p, live[n].size, live[n].seed) == live[n].size))
			tally_diag(&t, "a block of %zu overwritten", live[n].size);
		vrm_free(live[n].p);
	}
	tally_ok(&t, "30000 random steps keep every block's bytes");
	ok(brk_state.cur == HEAP_BASE,
	   "all freed: the break is back at the heap's start (%td above)",
	   brk_state.cur - HEAP_BASE);
}

static void test_enomem(void)
{
	void *small;

	/* Room for a small block, not for the 64 KiB malloc asks for first. */
	brk_state.limit = brk_state.cur + 1000;
	small = vrm_malloc(100);
	ok(small != NULL, "near the limit, the heap grows by just what is needed");
	vrm_errno = 0;
	ok(vrm_malloc(5000) == NULL && vrm_errno == ENOMEM,
	   "past the limit: NULL, ENOMEM");
	brk_state.limit = arena + ARENA_SIZE;
	vrm_errno = 0;
	ok(vrm_malloc(SIZE_MAX) == NULL && vrm_errno == ENOMEM, "malloc(SIZE_MAX): NULL, ENOMEM");
	vrm_errno = 0;
	ok(vrm_malloc(PTRDIFF_MAX) == NULL && vrm_errno == ENOMEM,
	   "malloc(PTRDIFF_MAX): NULL, ENOMEM");
	vrm_free(small);
}

/* Last: the heap cannot be trusted after it. */
static void test_double_free(void)
{
	void *volatile p = vrm_malloc(32);

	vrm_free(p);
	if (setjmp(abort_jump) == 0)
		vrm_free(p);
	ok(aborts == 1, "a double free aborts");
	is_str(written, "free: invalid pointer or double free\n", "and says why on stderr");
}

int main(void)
{
	rng_init();
	test_basics();
	test_realloc();
	test_calloc();
	test_trim();
	test_random();
	test_enomem();
	test_double_free();
	return done_testing();
}
