// SPDX-License-Identifier: MIT
/* Slab-style kernel heap: size classes in slabs, large blocks on their own. */
#include <stdint.h>
#include <string.h>
#include <arch/spinlock.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>

#define SLAB_SIZE	(FRAME_SIZE << HEAP_SLAB_ORDER)
#define SLAB_FRAMES	(1u << HEAP_SLAB_ORDER)
#define MAX_OBJECTS	(SLAB_SIZE >> HEAP_MIN_SHIFT)
#define MAP_WORDS	(MAX_OBJECTS / 64)
#define LARGE		0xff	/* the class of a large block */

#define SLAB_MAGIC	0x534c4142u	/* "SLAB" */
#define POISON_FREE	0x6b
#define POISON_WORD	0x6b6b6b6b6b6b6b6bull
#define POISON_NEW	0xa5

/*
 * Every slab and large block starts with this header; objects follow it.
 * Blocks are aligned to at least SLAB_SIZE, so masking an object's address
 * finds its header (a large block's payload starts in its first SLAB_SIZE
 * bytes). No link is kept inside objects: a write after free can damage
 * only the object itself, where poisoning finds it.
 */
struct slab {
	uint32_t magic;
	uint8_t cls;		/* size class, or LARGE */
	uint8_t order;		/* 2^order frames from the page source */
	uint16_t nobj;		/* objects it holds */
	uint16_t nfree;
	uint16_t first;		/* offset of object 0 */
	struct slab *next, *prev;	/* its class's partial or full list, or large */
	struct slab *owner_next, **owner_pprev;	/* in owners[] */
	/* A bit per object, set while allocated; also set beyond nobj, so a
	 * search for a clear bit never needs a bound. */
	uint64_t used[MAP_WORDS];
};

#define LARGE_OFFSET	((sizeof(struct slab) + 63) & ~(size_t)63)

struct size_class {
	struct slab *partial;	/* slabs with a free object */
	struct slab *full;
	size_t objects, slabs;
};

#define OWNER_BITS	10
#define OWNER_BUCKETS	(1u << OWNER_BITS)

static spinlock_t heap_lock = SPINLOCK_INIT;
static const struct heap_pages *pages;
static bool poison;
static heap_error_hook_t *error_hook;
static struct size_class classes[HEAP_CLASSES];
static struct slab *large;
static size_t large_count, bytes_in_use, frames_held;
static unsigned long allocs;
/* Every live slab and large block by address, so kfree (when poisoning)
 * and heap_check can tell a header from memory already given back. */
static struct slab *owners[OWNER_BUCKETS];

void heap_set_error_hook(heap_error_hook_t *hook)
{
	error_hook = hook;
}

static void report(const char *what, void *p)
{
	if (error_hook)
		error_hook(what, p);
}

static inline size_t class_size(unsigned int c)
{
	return (size_t)1 << (c + HEAP_MIN_SHIFT);
}

static inline size_t round_up(size_t n, size_t align)
{
	return (n + align - 1) & ~(align - 1);
}

static inline size_t large_usable(const struct slab *s)
{
	return (FRAME_SIZE << s->order) - LARGE_OFFSET;
}

static inline void *object(const struct slab *s, unsigned int i)
{
	return (char *)s + s->first + i * class_size(s->cls);
}

static inline void *payload(const struct slab *large_block)
{
	return (char *)large_block + LARGE_OFFSET;
}

static inline bool object_used(const struct slab *s, unsigned int i)
{
	return s->used[i / 64] >> (i % 64) & 1;
}

static void list_add(struct slab **head, struct slab *s)
{
	s->prev = NULL;
	s->next = *head;
	if (*head)
		(*head)->prev = s;
	*head = s;
}

static void list_del(struct slab **head, struct slab *s)
{
	if (s->prev)
		s->prev->next = s->next;
	else
		*head = s->next;
	if (s->next)
		s->next->prev = s->prev;
}

static struct slab **owner_bucket(const void *block)
{
	uint64_t key = (uintptr_t)block / SLAB_SIZE;

	return &owners[(key * 0x9e3779b97f4a7c15ull) >> (64 - OWNER_BITS)];
}

static void owner_add(struct slab *s)
{
	struct slab **b = owner_bucket(s);

	s->owner_next = *b;
	s->owner_pprev = b;
	if (*b)
		(*b)->owner_pprev = &s->owner_next;
	*b = s;
}

static void owner_del(struct slab *s)
{
	*s->owner_pprev = s->owner_next;
	if (s->owner_next)
		s->owner_next->owner_pprev = s->owner_pprev;
}

static struct slab *owner_find(const void *block)
{
	for (struct slab *s = *owner_bucket(block); s; s = s->owner_next)
		if (s == block)
			return s;
	return NULL;
}

static bool holds_poison(const void *p, size_t n)
{
	const uint64_t *w = p;

	for (size_t i = 0; i < n / 8; i++)
		if (w[i] != POISON_WORD)
			return false;
	return true;
}

static void poison_free_objects(struct slab *s)
{
	for (unsigned int i = 0; i < s->nobj; i++)
		if (!object_used(s, i))
			memset(object(s, i), POISON_FREE, class_size(s->cls));
}

static struct slab *slab_new(unsigned int c)
{
	size_t size = class_size(c);
	struct slab *s = pages->alloc(HEAP_SLAB_ORDER);

	if (!s)
		return NULL;
	*s = (struct slab){ .magic = SLAB_MAGIC, .cls = c, .order = HEAP_SLAB_ORDER };
	s->first = round_up(sizeof(*s), size);
	s->nobj = (SLAB_SIZE - s->first) / size;
	s->nfree = s->nobj;
	for (unsigned int i = s->nobj; i < MAX_OBJECTS; i++)
		s->used[i / 64] |= 1ull << (i % 64);
	if (poison)
		poison_free_objects(s);
	list_add(&classes[c].partial, s);
	owner_add(s);
	classes[c].slabs++;
	frames_held += SLAB_FRAMES;
	return s;
}

static void slab_destroy(struct slab *s)
{
	list_del(&classes[s->cls].partial, s);
	owner_del(s);
	classes[s->cls].slabs--;
	frames_held -= SLAB_FRAMES;
	s->magic = 0;	/* a stale pointer into it no longer finds a header */
	pages->free(s, HEAP_SLAB_ORDER);
}

/* An object of class c; *what set when poisoning shows it was written
 * while free. */
static void *slab_take(unsigned int c, const char **what)
{
	struct size_class *sc = &classes[c];
	struct slab *s = sc->partial ? sc->partial : slab_new(c);
	unsigned int w = 0, i;
	void *p;

	if (!s)
		return NULL;
	while (!~s->used[w])
		w++;
	i = w * 64 + __builtin_ctzll(~s->used[w]);
	s->used[w] |= 1ull << (i % 64);
	if (--s->nfree == 0) {
		list_del(&sc->partial, s);
		list_add(&sc->full, s);
	}
	sc->objects++;
	bytes_in_use += class_size(c);
	p = object(s, i);
	if (poison) {
		if (!holds_poison(p, class_size(c)))
			*what = "write to a free object";
		memset(p, POISON_NEW, class_size(c));
	}
	return p;
}

static void *large_take(size_t size)
{
	unsigned int order = HEAP_SLAB_ORDER;
	struct slab *s;

	while ((FRAME_SIZE << order) - LARGE_OFFSET < size)
		if (++order > MAX_ORDER)
			return NULL;
	s = pages->alloc(order);
	if (!s)
		return NULL;
	*s = (struct slab){ .magic = SLAB_MAGIC, .cls = LARGE, .order = order,
			    .nobj = 1, .first = LARGE_OFFSET };
	list_add(&large, s);
	owner_add(s);
	large_count++;
	frames_held += 1u << order;
	bytes_in_use += large_usable(s);
	if (poison)
		memset(payload(s), POISON_NEW, large_usable(s));
	return payload(s);
}

void *kmalloc(size_t size)
{
	const char *what = NULL;
	unsigned long flags = spin_lock_irqsave(&heap_lock);
	unsigned int c = 0;
	void *p = NULL;

	if (pages && size <= class_size(HEAP_CLASSES - 1)) {
		while (class_size(c) < size)
			c++;
		p = slab_take(c, &what);
	} else if (pages) {
		p = large_take(size);
	}
	allocs += p != NULL;
	spin_unlock_irqrestore(&heap_lock, flags);
	if (what)
		report(what, p);
	return p;
}

void *kzalloc(size_t size)
{
	void *p = kmalloc(size);

	if (p)
		memset(p, 0, size);
	return p;
}

static const char *large_release(struct slab *s, void *p)
{
	if (p != payload(s))
		return "kfree of a pointer inside a large block";
	list_del(&large, s);
	owner_del(s);
	large_count--;
	frames_held -= 1u << s->order;
	bytes_in_use -= large_usable(s);
	s->magic = 0;
	pages->free(s, s->order);
	return NULL;
}

static const char *slab_release(struct slab *s, void *p)
{
	struct size_class *sc = &classes[s->cls];
	size_t size = class_size(s->cls);
	uintptr_t start = (uintptr_t)object(s, 0);
	uintptr_t off = (uintptr_t)p - start;
	unsigned int i = off / size;

	if ((uintptr_t)p < start || off % size || i >= s->nobj)
		return "kfree of a pointer that is not an object's start";
	if (!object_used(s, i))
		return "double free";
	s->used[i / 64] &= ~(1ull << (i % 64));
	sc->objects--;
	bytes_in_use -= size;
	if (s->nfree++ == 0) {
		list_del(&sc->full, s);
		list_add(&sc->partial, s);
	}
	if (s->nfree == s->nobj)
		slab_destroy(s);
	else if (poison)
		memset(p, POISON_FREE, size);
	return NULL;
}

/* The header of the block holding p, or NULL. Without poisoning the magic
 * number is trusted, which reads p's block even if it was given back. */
static struct slab *owner_of(void *p)
{
	struct slab *s = (struct slab *)((uintptr_t)p & ~(uintptr_t)(SLAB_SIZE - 1));

	if (poison)
		return owner_find(s);
	return s->magic == SLAB_MAGIC ? s : NULL;
}

void kfree(void *p)
{
	const char *what = "kfree of memory the heap does not own";
	unsigned long flags;
	struct slab *s;

	if (!p)
		return;
	flags = spin_lock_irqsave(&heap_lock);
	s = owner_of(p);
	if (s && s->cls == LARGE)
		what = large_release(s, p);
	else if (s)
		what = slab_release(s, p);
	spin_unlock_irqrestore(&heap_lock, flags);
	if (what)
		report(what, p);
}

int heap_init(const struct heap_pages *ops)
{
	unsigned long flags = spin_lock_irqsave(&heap_lock);
	bool busy = frames_held != 0;

	if (!busy)
		pages = ops;
	spin_unlock_irqrestore(&heap_lock, flags);
	return busy ? -EBUSY : 0;
}

bool heap_poisoning(void)
{
	return poison;
}

void heap_set_poison(bool on)
{
	unsigned long flags = spin_lock_irqsave(&heap_lock);

	/* From now on every free object must hold the pattern. */
	if (on && !poison)
		for (unsigned int c = 0; c < HEAP_CLASSES; c++)
			for (struct slab *s = classes[c].partial; s; s = s->next)
				poison_free_objects(s);
	poison = on;
	spin_unlock_irqrestore(&heap_lock, flags);
}

void heap_stats(struct heap_stats *st)
{
	unsigned long flags = spin_lock_irqsave(&heap_lock);

	*st = (struct heap_stats){ .bytes_in_use = bytes_in_use, .allocs = allocs,
				   .large = large_count, .frames = frames_held };
	for (unsigned int c = 0; c < HEAP_CLASSES; c++) {
		st->objects[c] = classes[c].objects;
		st->slabs[c] = classes[c].slabs;
	}
	spin_unlock_irqrestore(&heap_lock, flags);
}

/* What heap_check counts, and the first failure it finds. */
struct check {
	const char *what;
	void *p;
	size_t slabs, objects, bytes, frames, blocks;
};

static bool check_fail(struct check *k, const char *what, const void *p)
{
	k->what = what;
	k->p = (void *)p;
	return false;
}

static bool check_slab(const struct slab *s, unsigned int c, struct check *k)
{
	size_t size = class_size(c);
	unsigned int used = 0;

	if (s->magic != SLAB_MAGIC || s->cls != c || s->order != HEAP_SLAB_ORDER ||
	    s->first != round_up(sizeof(*s), size) ||
	    s->nobj != (SLAB_SIZE - s->first) / size)
		return check_fail(k, "slab header damaged", s);
	if (owner_find(s) != s)
		return check_fail(k, "slab missing from the owner table", s);
	for (unsigned int i = 0; i < MAX_OBJECTS; i++) {
		if (i >= s->nobj && !object_used(s, i))
			return check_fail(k, "slab bitmap clear beyond its objects", s);
		if (i >= s->nobj)
			continue;
		if (object_used(s, i))
			used++;
		else if (poison && !holds_poison(object(s, i), size))
			return check_fail(k, "write to a free object", object(s, i));
	}
	if (used + s->nfree != s->nobj)
		return check_fail(k, "slab free count wrong", s);
	k->objects += used;
	return true;
}

/* A partial or full list of class c: linked both ways, and holding only
 * slabs that belong on it. */
static bool check_list(const struct slab *head, unsigned int c, bool full,
		       struct check *k)
{
	const struct slab *prev = NULL;

	for (const struct slab *s = head; s; prev = s, s = s->next) {
		if (++k->slabs > classes[c].slabs)
			return check_fail(k, "slab list longer than its count", s);
		if (s->prev != prev)
			return check_fail(k, "slab list back link broken", s);
		if (!check_slab(s, c, k))
			return false;
		if (full ? s->nfree != 0 : s->nfree == 0 || s->nfree == s->nobj)
			return check_fail(k, "slab on the wrong list", s);
	}
	return true;
}

static bool check_class(unsigned int c, struct check *k)
{
	k->slabs = 0;
	k->objects = 0;
	if (!check_list(classes[c].partial, c, false, k) ||
	    !check_list(classes[c].full, c, true, k))
		return false;
	if (k->slabs != classes[c].slabs || k->objects != classes[c].objects)
		return check_fail(k, "class counters disagree with its slabs", NULL);
	k->bytes += k->objects * class_size(c);
	k->frames += k->slabs * SLAB_FRAMES;
	k->blocks += k->slabs;
	return true;
}

static bool check_large(struct check *k)
{
	const struct slab *prev = NULL;
	size_t n = 0;

	for (const struct slab *s = large; s; prev = s, s = s->next) {
		if (++n > large_count)
			return check_fail(k, "large list longer than its count", s);
		if (s->prev != prev || s->magic != SLAB_MAGIC || s->cls != LARGE ||
		    s->order < HEAP_SLAB_ORDER || s->order > MAX_ORDER ||
		    s->first != LARGE_OFFSET)
			return check_fail(k, "large block header damaged", s);
		if (owner_find(s) != s)
			return check_fail(k, "large block missing from the owner table", s);
		k->bytes += large_usable(s);
		k->frames += 1u << s->order;
	}
	if (n != large_count)
		return check_fail(k, "large count disagrees with its list", NULL);
	k->blocks += n;
	return true;
}

/* Each owner table entry sits in its own bucket, linked both ways, and
 * there are as many as live blocks (each of which was found above). */
static bool check_owners(struct check *k)
{
	size_t n = 0;

	for (size_t b = 0; b < OWNER_BUCKETS; b++) {
		struct slab *const *pp = &owners[b];

		for (const struct slab *s = *pp; s; pp = &s->owner_next, s = *pp) {
			if (++n > k->blocks || owner_bucket(s) != &owners[b] ||
			    s->owner_pprev != pp)
				return check_fail(k, "owner table damaged", s);
		}
	}
	if (n != k->blocks)
		return check_fail(k, "owner table misses blocks", NULL);
	return true;
}

static bool check_heap(struct check *k)
{
	for (unsigned int c = 0; c < HEAP_CLASSES; c++)
		if (!check_class(c, k))
			return false;
	if (!check_large(k) || !check_owners(k))
		return false;
	if (k->bytes != bytes_in_use || k->frames != frames_held)
		return check_fail(k, "heap counters disagree with its blocks", NULL);
	return true;
}

int heap_check(void)
{
	struct check k = { 0 };
	unsigned long flags = spin_lock_irqsave(&heap_lock);
	bool good = check_heap(&k);

	spin_unlock_irqrestore(&heap_lock, flags);
	if (good)
		return 0;
	report(k.what, k.p);
	return -EINVAL;
}
