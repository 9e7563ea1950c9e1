/* SPDX-License-Identifier: MIT */
/* Host tests of mm/frame.c: edge cases and random sequences, checked each step. */

#include <stdint.h>
#include <stdlib.h>

#include <vrm/errno.h>
#include <vrm/frame.h>

#include "rng.h"
#include "tap.h"

#define MIB		(1ull << 20)
#define RANDOM_STEPS	20000
#define SET_STEPS	5000

/* The error hook's last report, and how many there were. */
static struct {
	int count;
	const char *what;
	uint64_t pa;
	unsigned int order;
} hook;

static void record(const char *what, uint64_t pa, unsigned int order)
{
	hook.count++;
	hook.what = what;
	hook.pa = pa;
	hook.order = order;
}

/* A zone and its meta array, which the test owns. */
struct tzone {
	struct zone z;
	void *meta;
};

static int tzone_init(struct tzone *t, uint64_t base, uint64_t size)
{
	t->meta = malloc(zone_meta_bytes(size) + 1);
	return zone_init(&t->z, base, size, t->meta);
}

static void tzone_fini(struct tzone *t)
{
	free(t->meta);
	t->meta = NULL;
}

static bool same_stats(const struct zone_stats *a, const struct zone_stats *b)
{
	return ref_memcmp(a, b, sizeof(*a)) == 0;
}

static struct zone_stats stats_of(struct zone *z)
{
	struct zone_stats s;

	zone_stats(z, &s);
	return s;
}

static void test_init(void)
{
	/* Frames 5, 6-7, 8-15, ... 2048-4095, 4096-4607, ... 5000-5003, 5004. */
	static const uint32_t odd_blocks[FRAME_ORDERS] = {
		2, 1, 1, 2, 1, 1, 1, 2, 2, 2, 1, 1, 0,
	};
	struct tzone t;
	struct zone z;
	uint64_t meta[4];
	struct zone_stats s;

	is_int(zone_meta_bytes(256 * MIB), 65536 * 9, "meta costs 9 bytes a frame");
	is_int(zone_init(&z, 0x1800, 0x4000, meta), -EINVAL, "unaligned base refused");
	is_int(zone_init(&z, 0x1000, 0x1800, meta), -EINVAL, "unaligned size refused");
	is_int(zone_init(&z, 0x1000, 0, meta), -EINVAL, "empty zone refused");
	is_int(zone_init(&z, 0x1000, 0x1000, NULL), -EINVAL, "missing meta refused");
	is_int(zone_init(&z, 0x1000, 0x1000, (char *)meta + 4), -EINVAL,
	       "misaligned meta refused");
	is_int(zone_init(&z, 0, FRAME_SIZE << 32, meta), -EINVAL,
	       "2^32 frames refused");
	is_int(zone_init(&z, -FRAME_SIZE, 2 * FRAME_SIZE, meta), -EINVAL,
	       "zone wrapping past 2^64 refused");

	is_int(tzone_init(&t, 256 * MIB, 256 * MIB), 0, "an LMB-sized zone");
	s = stats_of(&t.z);
	ok(s.total == 65536 && s.free == 65536 && s.used == 0 && s.reserved == 0,
	   "every frame of it free");
	is_int(s.free_blocks[MAX_ORDER], 16, "as 16 blocks of 16 MiB");
	is_int(zone_check(&t.z), 0, "and it checks");
	tzone_fini(&t);

	/* Frame 5 to 5 + 4999: alignment forces blocks of every order. */
	is_int(tzone_init(&t, 5 * FRAME_SIZE, 5000 * FRAME_SIZE), 0,
	       "an odd zone at an odd frame");
	s = stats_of(&t.z);
	is_int(s.free, 5000, "every frame of it free");
	ok(ref_memcmp(s.free_blocks, odd_blocks, sizeof(odd_blocks)) == 0,
	   "split into the largest naturally aligned blocks");
	is_int(zone_check(&t.z), 0, "and it checks");
	tzone_fini(&t);
}

static void test_alloc_edges(void)
{
	struct tzone t;
	struct tally tl = { 0 };
	uint64_t pa;

	tzone_init(&t, 3 * FRAME_SIZE, 100 * FRAME_SIZE);
	is_int(zone_alloc(&t.z, MAX_ORDER + 1, &pa), -EINVAL, "order above MAX_ORDER");
	is_int(zone_alloc(&t.z, 7, &pa), -ENOMEM, "order 7 cannot fit 100 frames");
	for (unsigned int k = 0; k <= 5; k++) {
		int err = zone_alloc(&t.z, k, &pa);

		if (tally_fail(&tl, err == 0 && pa % (FRAME_SIZE << k) == 0 &&
				    zone_contains(&t.z, pa) &&
				    zone_contains(&t.z, pa + (FRAME_SIZE << k) - 1) &&
				    zone_check(&t.z) == 0))
			tally_diag(&tl, "order %u: err %d pa %#llx", k, err,
				   (unsigned long long)pa);
	}
	tally_ok(&tl, "each order comes aligned and inside the zone");
	tzone_fini(&t);
}

/* Blocks below a limit: only they are handed out, split where a free
 * block straddles the limit, and the zone keeps checking. */
static void test_alloc_below(void)
{
	const uint64_t base = 0x100000, limit = base + 20 * FRAME_SIZE;
	struct tzone t;
	struct tally tl = { 0 };
	uint64_t pa;
	unsigned int n = 0;

	tzone_init(&t, base, 64 * FRAME_SIZE);
	is_int(zone_alloc_below(&t.z, MAX_ORDER + 1, limit, &pa), -EINVAL,
	       "below: an order above MAX_ORDER");
	is_int(zone_alloc_below(&t.z, 0, base, &pa), -ENOMEM, "below the zone: nothing");
	is_int(zone_alloc_below(&t.z, 5, limit, &pa), -ENOMEM,
	       "an order-5 block cannot end below frame 20");
	while (zone_alloc_below(&t.z, 0, limit, &pa) == 0) {
		n++;
		if (tally_fail(&tl, pa >= base && pa + FRAME_SIZE <= limit && zone_check(&t.z) == 0))
			tally_diag(&tl, "frame %u at %#llx", n, (unsigned long long)pa);
	}
	tally_ok(&tl, "each frame lies below the limit, and the zone checks");
	is_int(n, 20, "every frame below the limit, and no more");
	is_int(stats_of(&t.z).free, 44, "the frames above stay free");
	is_int(zone_alloc(&t.z, 0, &pa), 0, "zone_alloc still takes one of them");
	ok(pa >= limit, "from above the limit");
	tzone_fini(&t);
}

/* Until -ENOMEM, then everything back in random order. */
static void test_exhaust(unsigned int order_mask, const char *what)
{
	static uint64_t pas[6000];
	static unsigned int orders[6000];
	struct tzone t;
	struct zone_stats start, end;
	struct tally tl = { 0 };
	size_t n = 0;
	uint64_t pa;

	tzone_init(&t, 7 * FRAME_SIZE, 5001 * FRAME_SIZE);
	start = stats_of(&t.z);
	for (int order = MAX_ORDER; order >= 0; ) {
		if (!(order_mask >> order & 1) || zone_alloc(&t.z, order, &pa)) {
			order--;
			continue;
		}
		orders[n] = order;
		pas[n++] = pa;
		if (tally_fail(&tl, zone_check(&t.z) == 0))
			tally_diag(&tl, "after alloc %zu: %s", n, hook.what);
	}
	end = stats_of(&t.z);
	ok(end.free == 0 && end.used == 5001 && zone_alloc(&t.z, 0, &pa) == -ENOMEM,
	   "%s: allocated until -ENOMEM, every frame used", what);
	for (size_t i = n; i > 0; i--) {
		size_t j = rng_below(i);
		uint64_t p = pas[j];
		unsigned int o = orders[j];

		pas[j] = pas[i - 1];
		orders[j] = orders[i - 1];
		if (tally_fail(&tl, zone_free(&t.z, p, o) == 0 && zone_check(&t.z) == 0))
			tally_diag(&tl, "free %#llx order %u: %s", (unsigned long long)p, o,
				   hook.what);
	}
	tally_ok(&tl, "every step checks");
	end = stats_of(&t.z);
	ok(end.free == start.free && end.used == 0 &&
	   ref_memcmp(end.free_blocks, start.free_blocks, sizeof(end.free_blocks)) == 0,
	   "%s: freed, the zone has its starting blocks again", what);
	ok(end.allocs == n && end.frees == n, "allocs and frees counted");
	tzone_fini(&t);
}

/* One refused free: -EINVAL, the hook told, the zone unchanged. */
static void bad_free(struct zone *z, uint64_t pa, unsigned int order, const char *what)
{
	struct zone_stats before = stats_of(z), after;
	int calls = hook.count;
	int err = zone_free(z, pa, order);

	after = stats_of(z);
	ok(err == -EINVAL && hook.count == calls + 1 && hook.pa == pa &&
	   same_stats(&before, &after) && zone_check(z) == 0,
	   "%s: refused (%s)", what, hook.what);
}

static void test_free_errors(void)
{
	struct tzone t;
	uint64_t a, b, r = 0x40000;

	tzone_init(&t, 0x10000, 0x100000);
	zone_alloc(&t.z, 2, &a);
	zone_alloc(&t.z, 0, &b);
	zone_reserve(&t.z, r, FRAME_SIZE);
	bad_free(&t.z, a, 1, "order too small");
	bad_free(&t.z, a, 3, "order too big");
	bad_free(&t.z, a + FRAME_SIZE, 0, "a frame inside an allocated block");
	bad_free(&t.z, a + 8, 2, "an unaligned address");
	bad_free(&t.z, 0x8000, 0, "an address below the zone");
	bad_free(&t.z, 0x110000, 0, "an address past the zone");
	bad_free(&t.z, r, 0, "a reserved frame");
	bad_free(&t.z, a, MAX_ORDER + 1, "an order above MAX_ORDER");
	is_int(zone_free(&t.z, b, 0), 0, "a good free");
	bad_free(&t.z, b, 0, "the same frame again");
	bad_free(&t.z, 0x81000, 0, "a frame inside a free block");
	is_int(zone_free(&t.z, a, 2), 0, "the order-2 block with its order");
	tzone_fini(&t);
}

static void test_reserve(void)
{
	struct tzone t;
	struct zone_stats s, before;
	struct tally tl = { 0 };
	uint64_t pa, base = 0x1000000;
	int n = 0;

	tzone_init(&t, base, 16 * MIB);
	is_int(zone_reserve(&t.z, base + 8 * MIB + 0x1234, 0x2000), 0,
	       "an unaligned range in the middle of a 16 MiB block");
	s = stats_of(&t.z);
	ok(s.reserved == 3 && s.free == 4093, "rounded outwards to 3 frames");
	is_int(zone_check(&t.z), 0, "the block split around it checks");
	while (zone_alloc(&t.z, 0, &pa) == 0) {
		n++;
		if (tally_fail(&tl, pa < base + 8 * MIB + 0x1000 || pa >= base + 8 * MIB + 0x4000))
			tally_diag(&tl, "got reserved %#llx", (unsigned long long)pa);
	}
	tally_ok(&tl, "no reserved frame is handed out");
	is_int(n, 4093, "every other frame is");
	tzone_fini(&t);

	tzone_init(&t, base, 16 * MIB);
	zone_reserve(&t.z, base + 0x5000, 0x3000);
	is_int(zone_reserve(&t.z, base + 0x3000, 0x4000), 0, "overlapping reserve");
	is_int(stats_of(&t.z).reserved, 5, "reserves the union");
	before = stats_of(&t.z);
	is_int(zone_reserve(&t.z, 0, base), 0, "a range below the zone");
	is_int(zone_reserve(&t.z, base + 0x100000, 0), 0, "an empty range");
	s = stats_of(&t.z);
	ok(same_stats(&s, &before), "change nothing");
	zone_alloc(&t.z, 4, &pa);
	before = stats_of(&t.z);
	is_int(zone_reserve(&t.z, pa + 15 * FRAME_SIZE, 2 * FRAME_SIZE), -EBUSY,
	       "a range over an allocated frame is busy");
	s = stats_of(&t.z);
	ok(same_stats(&s, &before), "and the zone is unchanged");
	is_int(zone_reserve(&t.z, 0, UINT64_MAX), -EBUSY, "so is the whole zone");
	zone_free(&t.z, pa, 4);
	is_int(zone_reserve(&t.z, 0x1000, UINT64_MAX), 0,
	       "a range past the top of memory is clipped");
	s = stats_of(&t.z);
	ok(s.reserved == 4096 && s.free == 0 && zone_check(&t.z) == 0,
	   "and takes every frame");
	is_int(zone_alloc(&t.z, 0, &pa), -ENOMEM, "nothing left to allocate");
	tzone_fini(&t);
}

/* zone_check on a zone damaged by the caller: refused, and reported. */
static void caught(struct zone *z, const char *what)
{
	int calls = hook.count;
	int err = zone_check(z);

	ok(err == -EINVAL && hook.count == calls + 1, "%s is caught (%s)", what,
	   hook.count > calls ? hook.what : "nothing reported");
}

/* Damage a zone's bookkeeping: zone_check must notice, then pass again. */
static void test_check_catches(void)
{
	struct tzone t;
	uint32_t head;

	tzone_init(&t, 0, 32 * MIB);
	t.z.free_frames++;
	caught(&t.z, "a wrong free count");
	t.z.free_frames--;
	head = t.z.free_head[MAX_ORDER];
	t.z.free_head[MAX_ORDER] = UINT32_MAX;
	caught(&t.z, "a lost free list");
	t.z.free_head[MAX_ORDER] = head;
	t.z.free_blocks[MAX_ORDER]++;
	caught(&t.z, "a wrong block count");
	t.z.free_blocks[MAX_ORDER]--;
	t.z.allocs++;
	caught(&t.z, "a wrong alloc count");
	t.z.allocs--;
	is_int(zone_check(&t.z), 0, "repaired, it checks again");
	tzone_fini(&t);
}

/* What the test believes about each frame. */
enum { F_FREE, F_USED, F_RSVD };

struct model {
	struct tzone t;
	uint8_t *frame;
	uint64_t base;
	uint32_t n;
	uint64_t *pa;
	unsigned int *order;
	size_t live;
	unsigned long allocs, nomem;	/* to show what was exercised */
};

static void model_mark(struct model *m, uint64_t pa, unsigned int order, uint8_t v)
{
	for (uint32_t i = 0; i < 1u << order; i++)
		m->frame[(pa - m->base) / FRAME_SIZE + i] = v;
}

/* Whether some naturally aligned run of 2^order frames is free: if so,
 * -ENOMEM at that order would be a lie. */
static bool model_has_run(const struct model *m, unsigned int order)
{
	uint64_t step = 1ull << order, first = m->base / FRAME_SIZE;

	for (uint64_t pfn = (first + step - 1) & ~(step - 1);
	     pfn + step <= first + m->n; pfn += step) {
		uint64_t i = pfn - first, j = 0;

		while (j < step && m->frame[i + j] == F_FREE)
			j++;
		if (j == step)
			return true;
	}
	return false;
}

static const char *random_alloc(struct model *m)
{
	unsigned int order = rng_one_in(4) ? rng_below(MAX_ORDER + 1) : rng_below(3);
	uint64_t pa;
	int err = zone_alloc(&m->t.z, order, &pa);

	m->allocs++;
	if (err == -ENOMEM) {
		m->nomem++;
		return model_has_run(m, order) ? "-ENOMEM with a free run" : NULL;
	}
	if (err)
		return "alloc failed";
	if (pa % (FRAME_SIZE << order) || pa < m->base ||
	    (pa - m->base) / FRAME_SIZE + (1u << order) > m->n)
		return "block misaligned or outside";
	for (uint32_t i = 0; i < 1u << order; i++)
		if (m->frame[(pa - m->base) / FRAME_SIZE + i] != F_FREE)
			return "block overlaps a used or reserved frame";
	model_mark(m, pa, order, F_USED);
	m->pa[m->live] = pa;
	m->order[m->live++] = order;
	return NULL;
}

static const char *random_free(struct model *m)
{
	size_t j = rng_below(m->live);
	uint64_t pa = m->pa[j];
	unsigned int order = m->order[j];

	/* Now and then a wrong order first: it must be refused. */
	if (rng_one_in(20) && zone_free(&m->t.z, pa, order ^ 1) != -EINVAL)
		return "wrong-order free accepted";
	if (zone_free(&m->t.z, pa, order))
		return "free refused";
	model_mark(m, pa, order, F_FREE);
	m->pa[j] = m->pa[--m->live];
	m->order[j] = m->order[m->live];
	return NULL;
}

static const char *random_reserve(struct model *m)
{
	uint64_t off = rng_below((uint64_t)m->n * FRAME_SIZE);
	uint64_t len = rng_below(8 * FRAME_SIZE);
	uint64_t first = off / FRAME_SIZE, last = (off + len + FRAME_SIZE - 1) / FRAME_SIZE;
	bool busy = false;
	int err;

	if (last > m->n)
		last = m->n;
	if (!len)
		last = first;
	for (uint64_t i = first; i < last; i++)
		busy |= m->frame[i] == F_USED;
	err = zone_reserve(&m->t.z, m->base + off, len);
	if (err != (busy ? -EBUSY : 0))
		return "reserve disagrees with the model";
	for (uint64_t i = first; i < last && !busy; i++)
		m->frame[i] = F_RSVD;
	return NULL;
}

static bool model_counts_match(struct model *m)
{
	struct zone_stats s = stats_of(&m->t.z);
	uint64_t count[3] = { 0 };

	for (uint32_t i = 0; i < m->n; i++)
		count[m->frame[i]]++;
	return s.free == count[F_FREE] && s.used == count[F_USED] &&
	       s.reserved == count[F_RSVD];
}

/* Random allocs, frees and rare reserves on one zone, every step checked
 * against zone_check and against the test's own map of the frames. */
static void test_random(uint64_t base, uint32_t n)
{
	struct model m = { .base = base, .n = n };
	struct tally tl = { 0 };

	tzone_init(&m.t, base, (uint64_t)n * FRAME_SIZE);
	m.frame = calloc(n, 1);
	m.pa = calloc(n, sizeof(*m.pa));
	m.order = calloc(n, sizeof(*m.order));
	for (int step = 0; step < RANDOM_STEPS; step++) {
		/* Lean towards allocs in the first half, frees after. */
		bool alloc = m.live == 0 || rng_below(100) < (step < RANDOM_STEPS / 2 ? 60 : 40);
		const char *err = rng_one_in(200) ? random_reserve(&m) :
				  alloc ? random_alloc(&m) : random_free(&m);

		if (!err && zone_check(&m.t.z))
			err = hook.what;
		if (!err && !model_counts_match(&m))
			err = "counters disagree with the model";
		if (tally_fail(&tl, !err))
			tally_diag(&tl, "step %d: %s", step, err);
	}
	diag("%lu allocs, %lu of them -ENOMEM", m.allocs, m.nomem);
	tally_ok(&tl, "random steps on an odd zone agree with the model and check");
	while (m.live)
		random_free(&m);
	ok(zone_check(&m.t.z) == 0 && model_counts_match(&m) &&
	   stats_of(&m.t.z).used == 0, "everything freed, only reservations remain");
	free(m.frame);
	free(m.pa);
	free(m.order);
	tzone_fini(&m.t);
}

static int count_zone(struct zone *z, void *arg)
{
	uint64_t *seen = arg;

	seen[seen[0]++ + 1] = stats_of(z).base;
	return seen[0] == 2 ? 7 : 0;
}

static void test_set(void)
{
	struct tzone a, b, c, d;
	uint64_t pa, pb, pc, seen[4] = { 0 };
	int calls;

	tzone_init(&a, 0x100000, 0x8000);
	tzone_init(&b, 0x3000, 0x1000);
	tzone_init(&c, 0x104000, 0x8000);
	zone_reserve(&c.z, 0x104000, 1);
	is_int(frames_add_zone(&a.z), 0, "add a zone");
	is_int(frames_add_zone(&a.z), -EINVAL, "the same zone twice is refused");
	is_int(frames_add_zone(&c.z), -EEXIST, "an overlapping zone is refused");
	is_int(frames_add_zone(&b.z), 0, "add a second zone");
	d.z.nframes = 0;
	is_int(frames_add_zone(&d.z), -EINVAL, "an uninitialised zone is refused");
	is_int(frames_total_count(), 9, "total frames over the set");
	is_int(frames_free_count(), 9, "free frames over the set");
	is_int(frames_for_each_zone(count_zone, seen), 7, "iteration stops at non-zero");
	ok(seen[0] == 2 && seen[1] == 0x100000 && seen[2] == 0x3000,
	   "and visits zones in the order added");

	is_int(frame_alloc(MAX_ORDER + 1, &pa), -EINVAL, "frame_alloc of a bad order");
	is_int(frame_alloc(3, &pa), 0, "an order-3 block");
	ok(zone_contains(&a.z, pa), "from the first zone");
	is_int(frame_alloc(0, &pb), 0, "one more frame");
	ok(zone_contains(&b.z, pb), "from the second, the first being full");
	frame_free(pb, 0);
	is_int(frame_alloc_below(0, 0x100000, &pb), 0, "below the first zone's base");
	ok(zone_contains(&b.z, pb), "from the second zone, which lies lower");
	is_int(frame_alloc_below(0, 0x3000, &pc), -ENOMEM, "below both: nothing");
	is_int(frame_alloc(0, &pb), -ENOMEM, "then -ENOMEM");
	is_int(frames_free_count(), 0, "no free frames left");

	is_int(frames_remove_zone(&b.z), -EBUSY, "a zone in use cannot go");
	calls = hook.count;
	is_int(frame_free(0x200000, 0), -EINVAL, "freeing outside every zone");
	ok(hook.count == calls + 1 && hook.pa == 0x200000, "is reported");
	is_int(frame_free(pa, 2), -EINVAL, "freeing with the wrong order");
	is_int(frame_free(0x3000, 0), 0, "frame_free finds the zone");
	is_int(frames_remove_zone(&b.z), 0, "an idle zone goes");
	is_int(frames_remove_zone(&b.z), -ENOENT, "and is gone");
	is_int(frames_total_count(), 8, "its frames leave the total");
	is_int(frame_free(pa, 3), 0, "free the first block");
	is_int(frames_remove_zone(&a.z), 0, "the last zone goes");
	is_int(frame_alloc(0, &pa), -ENOMEM, "an empty set gives -ENOMEM");

	is_int(frames_add_zone(&c.z), 0, "a zone with a reserved frame");
	is_int(frames_remove_zone(&c.z), -EBUSY, "cannot go either");
	/* Nothing gives a reservation back; forge it so the set ends empty. */
	c.z.reserved_frames = 0;
	is_int(frames_remove_zone(&c.z), 0, "without it, it goes");
	tzone_fini(&a);
	tzone_fini(&b);
	tzone_fini(&c);
}

/* frame_alloc and frame_free at random over three odd zones. */
static void test_set_random(void)
{
	static const uint64_t base[3] = { 0x3000, 0x1001000, 0x40005000 };
	static const uint64_t size[3] = { 0x3d000, 0x1000, 0x2ff000 };
	static uint64_t pas[4096];
	static unsigned int orders[4096];
	struct tzone t[3];
	struct tally tl = { 0 };
	uint64_t total = 0;
	size_t live = 0;

	for (int i = 0; i < 3; i++) {
		tzone_init(&t[i], base[i], size[i]);
		frames_add_zone(&t[i].z);
		total += size[i] / FRAME_SIZE;
	}
	for (int step = 0; step < SET_STEPS; step++) {
		const char *err = NULL;
		size_t j;

		if (live < 4096 && (live == 0 || rng_one_in(2))) {
			orders[live] = rng_below(6);
			if (frame_alloc(orders[live], &pas[live]) == 0)
				live++;
		} else {
			j = rng_below(live);
			if (frame_free(pas[j], orders[j]))
				err = "frame_free refused a live block";
			pas[j] = pas[--live];
			orders[j] = orders[live];
		}
		for (int i = 0; i < 3 && !err; i++)
			if (zone_check(&t[i].z))
				err = hook.what;
		if (tally_fail(&tl, !err))
			tally_diag(&tl, "step %d: %s", step, err);
	}
	tally_ok(&tl, "random steps over the set check in every zone");
	while (live--)
		frame_free(pas[live], orders[live]);
	is_int(frames_free_count(), total, "all frames free again");
	for (int i = 0; i < 3; i++) {
		frames_remove_zone(&t[i].z);
		tzone_fini(&t[i]);
	}
}

int main(void)
{
	rng_init();
	frame_set_error_hook(record);
	test_init();
	test_alloc_edges();
	test_alloc_below();
	test_exhaust(1u << 0, "order 0");
	test_exhaust((1u << FRAME_ORDERS) - 1, "every order");
	test_free_errors();
	test_reserve();
	test_check_catches();
	test_random(0x7000, 3001);
	test_random(0x40000000, 5000);
	test_set();
	test_set_random();
	return done_testing();
}
