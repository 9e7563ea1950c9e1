// SPDX-License-Identifier: MIT
/* Buddy frame allocator per zone, bookkeeping kept outside the frames. */
#include <string.h>
#include <vrm/errno.h>
#include <vrm/frame.h>

/*
 * Per frame the zone keeps 9 bytes in the caller's meta array: a pair of
 * 32-bit free-list links (used only by the first frame of a free block) and
 * a state byte. The state's high nibble says what the frame is, its low
 * nibble the order of the block it starts.
 */
struct frame_link {
	uint32_t next, prev;
};

#define NONE		UINT32_MAX	/* end of a free list */

#define ST_FREE		0x10	/* first frame of a free block */
#define ST_USED		0x20	/* first frame of an allocated block */
#define ST_RSVD		0x30	/* reserved, a block of its own, order 0 */
#define ST_TAIL		0x40	/* any later frame of a free or used block */
#define ST_KIND		0xf0
#define ST_ORDER	0x0f

static frame_error_hook_t *error_hook;

static spinlock_t set_lock = SPINLOCK_INIT;
static struct zone *zones;	/* the set, in the order zones were added */

void frame_set_error_hook(frame_error_hook_t *hook)
{
	error_hook = hook;
}

static void report(const char *what, uint64_t pa, unsigned int order)
{
	if (error_hook)
		error_hook(what, pa, order);
}

static inline uint32_t frames_in(unsigned int order)
{
	return 1u << order;
}

static inline uint64_t pa_of(const struct zone *z, uint32_t i)
{
	return (z->base_pfn + i) << FRAME_SHIFT;
}

size_t zone_meta_bytes(uint64_t size)
{
	uint64_t n = size >> FRAME_SHIFT;

	return n * (sizeof(struct frame_link) + 1);
}

bool zone_contains(const struct zone *z, uint64_t pa)
{
	uint64_t pfn = pa >> FRAME_SHIFT;

	return pfn >= z->base_pfn && pfn - z->base_pfn < z->nframes;
}

/* A block of 2^order frames from frame i: naturally aligned in physical
 * address, and all of it in the zone. */
static bool block_fits(const struct zone *z, uint32_t i, unsigned int order)
{
	return ((z->base_pfn + i) & (frames_in(order) - 1)) == 0 &&
	       (uint64_t)i + frames_in(order) <= z->nframes;
}

static void list_push(struct zone *z, uint32_t i, unsigned int order)
{
	uint32_t head = z->free_head[order];

	z->link[i] = (struct frame_link){ .next = head, .prev = NONE };
	if (head != NONE)
		z->link[head].prev = i;
	z->free_head[order] = i;
	z->free_blocks[order]++;
	z->state[i] = ST_FREE | order;
}

/* The caller gives frame i its next state. */
static void list_remove(struct zone *z, uint32_t i, unsigned int order)
{
	struct frame_link *l = &z->link[i];

	if (l->prev != NONE)
		z->link[l->prev].next = l->next;
	else
		z->free_head[order] = l->next;
	if (l->next != NONE)
		z->link[l->next].prev = l->prev;
	z->free_blocks[order]--;
}

/* The buddy of block (i, order) when it is a free block of that order
 * (and so could merge with it), else NONE. */
static uint32_t free_buddy(const struct zone *z, uint32_t i, unsigned int order)
{
	uint64_t pfn = (z->base_pfn + i) ^ frames_in(order);
	uint32_t b;

	if (order >= MAX_ORDER || pfn < z->base_pfn ||
	    pfn - z->base_pfn >= z->nframes)
		return NONE;
	b = pfn - z->base_pfn;
	if (!block_fits(z, b, order) || z->state[b] != (ST_FREE | order))
		return NONE;
	return b;
}

/*
 * The block holding frame i: its first frame into *head and its order into
 * *order; returns that frame's kind (ST_FREE or ST_USED), or 0 when i is
 * reserved. Blocks are naturally aligned, so for each order only one frame
 * can start a block of that order holding i.
 */
static unsigned int find_block(const struct zone *z, uint32_t i,
			       uint32_t *head, unsigned int *order)
{
	uint64_t pfn = z->base_pfn + i;

	for (unsigned int k = 0; k <= MAX_ORDER; k++) {
		uint64_t h = pfn & ~((uint64_t)frames_in(k) - 1);
		uint8_t st;

		if (h < z->base_pfn)
			break;
		st = z->state[h - z->base_pfn];
		if (st == (ST_FREE | k) || st == (ST_USED | k)) {
			*head = h - z->base_pfn;
			*order = k;
			return st & ST_KIND;
		}
	}
	return 0;
}

int zone_init(struct zone *z, uint64_t base, uint64_t size, void *meta)
{
	uint64_t n = size >> FRAME_SHIFT;

	if (!meta || (uintptr_t)meta % 8 || base % FRAME_SIZE ||
	    size % FRAME_SIZE || n == 0 || n >= NONE || base + size < base)
		return -EINVAL;
	*z = (struct zone){ .lock = SPINLOCK_INIT };
	z->base_pfn = base >> FRAME_SHIFT;
	z->nframes = n;
	z->link = meta;
	z->state = (uint8_t *)meta + n * sizeof(struct frame_link);
	for (unsigned int k = 0; k <= MAX_ORDER; k++)
		z->free_head[k] = NONE;
	memset(z->state, ST_TAIL, n);
	/* Greedy largest aligned blocks: the same decomposition that freeing
	 * every frame one by one would reach by merging. */
	for (uint32_t i = 0; i < n; ) {
		unsigned int k = MAX_ORDER;

		while (!block_fits(z, i, k))
			k--;
		list_push(z, i, k);
		i += frames_in(k);
	}
	z->free_frames = n;
	return 0;
}

/* Whether [s, e) holds no allocated frame. */
static bool range_unused(const struct zone *z, uint32_t s, uint32_t e)
{
	uint32_t h;
	unsigned int k;

	for (uint32_t i = s; i < e; ) {
		if ((z->state[i] & ST_KIND) == ST_RSVD) {
			i++;
			continue;
		}
		if (find_block(z, i, &h, &k) != ST_FREE)
			return false;
		i = h + frames_in(k);
	}
	return true;
}

/* Splits free blocks that straddle the range's ends until every free frame
 * of [s, e) lies in a block inside it, and reserves those blocks. */
static void reserve_range(struct zone *z, uint32_t s, uint32_t e)
{
	uint32_t h;
	unsigned int k;

	for (uint32_t i = s; i < e; ) {
		if ((z->state[i] & ST_KIND) == ST_RSVD) {
			i++;
			continue;
		}
		find_block(z, i, &h, &k);
		list_remove(z, h, k);
		if (h >= s && h + frames_in(k) <= e) {
			for (uint32_t j = h; j < h + frames_in(k); j++)
				z->state[j] = ST_RSVD;
			z->free_frames -= frames_in(k);
			z->reserved_frames += frames_in(k);
			i = h + frames_in(k);
		} else {
			/* Order 0 cannot straddle, so k >= 1 here. */
			list_push(z, h, k - 1);
			list_push(z, h + frames_in(k - 1), k - 1);
		}
	}
}

int zone_reserve(struct zone *z, uint64_t base, uint64_t size)
{
	uint64_t zstart = z->base_pfn << FRAME_SHIFT;
	uint64_t zend = zstart + ((uint64_t)z->nframes << FRAME_SHIFT);
	uint64_t end = size > UINT64_MAX - base ? UINT64_MAX : base + size;
	uint32_t s, e;
	unsigned long flags;
	int err = 0;

	if (base < zstart)
		base = zstart;
	if (end > zend)
		end = zend;
	if (base >= end)
		return 0;
	s = (base >> FRAME_SHIFT) - z->base_pfn;
	e = ((end + FRAME_SIZE - 1) >> FRAME_SHIFT) - z->base_pfn;

	flags = spin_lock_irqsave(&z->lock);
	if (range_unused(z, s, e))
		reserve_range(z, s, e);
	else
		err = -EBUSY;
	spin_unlock_irqrestore(&z->lock, flags);
	return err;
}

/* The first free block of order k whose lowest 2^order frames end at or
 * below limit, or NONE. */
static uint32_t block_below(const struct zone *z, unsigned int k, unsigned int order,
			    uint64_t limit)
{
	for (uint32_t h = z->free_head[k]; h != NONE; h = z->link[h].next)
		if (pa_of(z, h) < limit && limit - pa_of(z, h) >= FRAME_SIZE << order)
			return h;
	return NONE;
}

int zone_alloc_below(struct zone *z, unsigned int order, uint64_t limit, uint64_t *pa)
{
	unsigned long flags;
	unsigned int k;
	uint32_t h = NONE;

	if (order > MAX_ORDER)
		return -EINVAL;
	flags = spin_lock_irqsave(&z->lock);
	for (k = order; k <= MAX_ORDER && (h = block_below(z, k, order, limit)) == NONE; k++)
		;
	if (k > MAX_ORDER) {
		spin_unlock_irqrestore(&z->lock, flags);
		return -ENOMEM;
	}
	list_remove(z, h, k);
	/* Keep the lower half each time; the upper halves go back free. */
	while (k > order) {
		k--;
		list_push(z, h + frames_in(k), k);
	}
	z->state[h] = ST_USED | order;
	z->free_frames -= frames_in(order);
	z->used_frames += frames_in(order);
	z->allocs++;
	*pa = pa_of(z, h);
	spin_unlock_irqrestore(&z->lock, flags);
	return 0;
}

int zone_alloc(struct zone *z, unsigned int order, uint64_t *pa)
{
	return zone_alloc_below(z, order, UINT64_MAX, pa);
}

/* Why frame i cannot be freed at this order, or NULL when it can. */
static const char *free_refusal(const struct zone *z, uint32_t i, unsigned int order)
{
	uint8_t st = z->state[i];

	if (st == (ST_USED | order))
		return NULL;
	switch (st & ST_KIND) {
	case ST_USED:
		return "frame free with the wrong order";
	case ST_FREE:
		return "frame freed twice";
	case ST_RSVD:
		return "free of a reserved frame";
	default:
		return "free of a frame inside a block";
	}
}

/* zone_free with the zone's lock taken here; the refusal for the caller to
 * report once it holds no lock. */
static const char *free_block(struct zone *z, uint64_t pa, unsigned int order)
{
	const char *what;
	unsigned long flags;
	uint32_t i, b;

	if (order > MAX_ORDER || pa % FRAME_SIZE || !zone_contains(z, pa))
		return "frame free of a bad address or order";
	i = (pa >> FRAME_SHIFT) - z->base_pfn;
	flags = spin_lock_irqsave(&z->lock);
	what = free_refusal(z, i, order);
	if (!what) {
		z->used_frames -= frames_in(order);
		z->free_frames += frames_in(order);
		z->frees++;
		z->state[i] = ST_TAIL;
		while ((b = free_buddy(z, i, order)) != NONE) {
			list_remove(z, b, order);
			z->state[b] = ST_TAIL;
			i = b < i ? b : i;
			order++;
		}
		list_push(z, i, order);
	}
	spin_unlock_irqrestore(&z->lock, flags);
	return what;
}

int zone_free(struct zone *z, uint64_t pa, unsigned int order)
{
	const char *what = free_block(z, pa, order);

	if (!what)
		return 0;
	report(what, pa, order);
	return -EINVAL;
}

void zone_stats(struct zone *z, struct zone_stats *s)
{
	unsigned long flags = spin_lock_irqsave(&z->lock);

	*s = (struct zone_stats){
		.base = z->base_pfn << FRAME_SHIFT,
		.size = (uint64_t)z->nframes << FRAME_SHIFT,
		.total = z->nframes,
		.free = z->free_frames,
		.used = z->used_frames,
		.reserved = z->reserved_frames,
		.allocs = z->allocs,
		.frees = z->frees,
	};
	for (unsigned int k = 0; k <= MAX_ORDER; k++)
		s->free_blocks[k] = z->free_blocks[k];
	spin_unlock_irqrestore(&z->lock, flags);
}

/* What zone_check found; the first failure wins. */
struct check {
	const char *what;
	uint64_t pa;
	unsigned int order;
	uint64_t free, used, reserved, used_blocks;
	uint32_t free_blocks[FRAME_ORDERS];
};

static bool check_fail(struct check *c, const struct zone *z, const char *what,
		       uint32_t i, unsigned int order)
{
	c->what = what;
	c->pa = pa_of(z, i);
	c->order = order;
	return false;
}

/* One block starting at frame i: shape, tails, buddy; counted into c. */
static bool check_block(const struct zone *z, struct check *c, uint32_t i)
{
	unsigned int k = z->state[i] & ST_ORDER;

	if (k > MAX_ORDER || !block_fits(z, i, k))
		return check_fail(c, z, "block misaligned or outside the zone", i, k);
	for (uint32_t j = i + 1; j < i + frames_in(k); j++)
		if (z->state[j] != ST_TAIL)
			return check_fail(c, z, "blocks overlap", i, k);
	if ((z->state[i] & ST_KIND) == ST_USED) {
		c->used += frames_in(k);
		c->used_blocks++;
		return true;
	}
	if (free_buddy(z, i, k) != NONE)
		return check_fail(c, z, "free buddies not merged", i, k);
	c->free += frames_in(k);
	c->free_blocks[k]++;
	return true;
}

/* Every frame belongs to exactly one block or is reserved. */
static bool check_frames(const struct zone *z, struct check *c)
{
	for (uint32_t i = 0; i < z->nframes; ) {
		switch (z->state[i] & ST_KIND) {
		case ST_RSVD:
			if (z->state[i] != ST_RSVD)
				return check_fail(c, z, "reserved frame with an order", i, 0);
			c->reserved++;
			i++;
			break;
		case ST_FREE:
		case ST_USED:
			if (!check_block(z, c, i))
				return false;
			i += frames_in(z->state[i] & ST_ORDER);
			break;
		default:
			return check_fail(c, z, "frame outside any block", i, 0);
		}
	}
	return true;
}

/* Each list is doubly linked, finite, and holds free blocks of its order
 * only; with the counts below, it then holds every one of them. */
static bool check_list(const struct zone *z, struct check *c, unsigned int k)
{
	uint32_t prev = NONE, n = 0;

	for (uint32_t i = z->free_head[k]; i != NONE; i = z->link[i].next) {
		if (i >= z->nframes)
			return check_fail(c, z, "free list leaves the zone", i, k);
		if (++n > z->free_blocks[k])
			return check_fail(c, z, "free list longer than its count", i, k);
		if (z->state[i] != (ST_FREE | k))
			return check_fail(c, z, "free list holds a non-free block", i, k);
		if (z->link[i].prev != prev)
			return check_fail(c, z, "free list back link broken", i, k);
		prev = i;
	}
	if (n != z->free_blocks[k] || n != c->free_blocks[k])
		return check_fail(c, z, "free list misses free blocks", 0, k);
	return true;
}

static bool check_zone(const struct zone *z, struct check *c)
{
	if (!check_frames(z, c))
		return false;
	for (unsigned int k = 0; k <= MAX_ORDER; k++)
		if (!check_list(z, c, k))
			return false;
	if (c->free != z->free_frames || c->used != z->used_frames ||
	    c->reserved != z->reserved_frames ||
	    z->allocs - z->frees != c->used_blocks)
		return check_fail(c, z, "zone counters disagree with its frames", 0, 0);
	return true;
}

int zone_check(struct zone *z)
{
	struct check c = { 0 };
	unsigned long flags = spin_lock_irqsave(&z->lock);
	bool good = check_zone(z, &c);

	spin_unlock_irqrestore(&z->lock, flags);
	if (good)
		return 0;
	report(c.what, c.pa, c.order);
	return -EINVAL;
}

static bool zones_overlap(const struct zone *a, const struct zone *b)
{
	return a->base_pfn < b->base_pfn + b->nframes &&
	       b->base_pfn < a->base_pfn + a->nframes;
}

int frames_add_zone(struct zone *z)
{
	unsigned long flags;
	struct zone **pp;
	int err = 0;

	if (!z->nframes || z->in_set)
		return -EINVAL;
	flags = spin_lock_irqsave(&set_lock);
	for (pp = &zones; *pp; pp = &(*pp)->next)
		if (zones_overlap(*pp, z))
			err = -EEXIST;
	if (!err) {
		z->next = NULL;
		z->in_set = true;
		*pp = z;
	}
	spin_unlock_irqrestore(&set_lock, flags);
	return err;
}

int frames_remove_zone(struct zone *z)
{
	unsigned long flags = spin_lock_irqsave(&set_lock);
	struct zone **pp = &zones;
	int err = 0;

	while (*pp && *pp != z)
		pp = &(*pp)->next;
	if (!*pp) {
		err = -ENOENT;
	} else {
		/* Holding the set's lock keeps frame_alloc away from z, so
		 * nothing can be allocated between this test and the unlink. */
		unsigned long zflags = spin_lock_irqsave(&z->lock);

		if (z->used_frames || z->reserved_frames)
			err = -EBUSY;
		spin_unlock_irqrestore(&z->lock, zflags);
	}
	if (!err) {
		*pp = z->next;
		z->next = NULL;
		z->in_set = false;
	}
	spin_unlock_irqrestore(&set_lock, flags);
	return err;
}

int frame_alloc_below(unsigned int order, uint64_t limit, uint64_t *pa)
{
	unsigned long flags;
	int err = -ENOMEM;

	if (order > MAX_ORDER)
		return -EINVAL;
	/* The set's lock is held throughout so no zone can be removed while
	 * it is being allocated from. */
	flags = spin_lock_irqsave(&set_lock);
	for (struct zone *z = zones; z && err; z = z->next)
		if ((z->base_pfn << FRAME_SHIFT) < limit)
			err = zone_alloc_below(z, order, limit, pa);
	spin_unlock_irqrestore(&set_lock, flags);
	return err;
}

int frame_alloc(unsigned int order, uint64_t *pa)
{
	return frame_alloc_below(order, UINT64_MAX, pa);
}

int frame_free(uint64_t pa, unsigned int order)
{
	const char *what = "frame free outside every zone";
	unsigned long flags = spin_lock_irqsave(&set_lock);

	for (struct zone *z = zones; z; z = z->next)
		if (zone_contains(z, pa)) {
			what = free_block(z, pa, order);
			break;
		}
	spin_unlock_irqrestore(&set_lock, flags);
	if (!what)
		return 0;
	report(what, pa, order);
	return -EINVAL;
}

/* The counters are read without the zones' locks: each is one aligned
 * doubleword, and a sum over moving zones is a snapshot anyway. */
static uint64_t sum_over_zones(uint64_t (*count)(const struct zone *z))
{
	unsigned long flags = spin_lock_irqsave(&set_lock);
	uint64_t n = 0;

	for (struct zone *z = zones; z; z = z->next)
		n += count(z);
	spin_unlock_irqrestore(&set_lock, flags);
	return n;
}

static uint64_t zone_free_frames(const struct zone *z)
{
	return z->free_frames;
}

static uint64_t zone_all_frames(const struct zone *z)
{
	return z->nframes;
}

uint64_t frames_free_count(void)
{
	return sum_over_zones(zone_free_frames);
}

uint64_t frames_total_count(void)
{
	return sum_over_zones(zone_all_frames);
}

int frames_for_each_zone(int (*fn)(struct zone *z, void *arg), void *arg)
{
	unsigned long flags = spin_lock_irqsave(&set_lock);
	int ret = 0;

	for (struct zone *z = zones; z && !ret; z = z->next)
		ret = fn(z, arg);
	spin_unlock_irqrestore(&set_lock, flags);
	return ret;
}
