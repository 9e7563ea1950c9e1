// SPDX-License-Identifier: MIT
/*
 * Segment control blocks: the id table (a segment's id is its VSID) and
 * each segment's page table, a directory of leaves that grows with the
 * highest page touched.
 */
#define pr_fmt "segment: "
#include <string.h>
#include <arch/mmu_info.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include "vmm_impl.h"

#define IDS			(1ul << MMU_SEGMENT_ID_BITS)
#define IDS_PER_CHUNK		512
#define CHUNKS			(IDS / IDS_PER_CHUNK)
#define MAX_LEAVES		(PAGES_PER_SEG / VPAGES_PER_LEAF)

static struct segment **chunks[CHUNKS];
static uint16_t chunk_used[CHUNKS];	/* ids taken in each; empty chunks go */
static unsigned long next_id = 1;	/* id 0 is never used */
struct segment *segment_list;

struct segment *segment_get(vmid_t id)
{
	struct segment **c;

	if (id <= 0 || (unsigned long)id >= IDS)
		return NULL;
	c = chunks[id / IDS_PER_CHUNK];
	return c ? c[id % IDS_PER_CHUNK] : NULL;
}

/* A free id, next-fit; its chunk exists on return. */
static int id_alloc(unsigned long *out)
{
	for (unsigned long n = 0; n < IDS; n++) {
		unsigned long id = (next_id + n) % IDS;
		struct segment ***c = &chunks[id / IDS_PER_CHUNK];

		if (id == 0)
			continue;
		if (!*c) {
			*c = kzalloc(IDS_PER_CHUNK * sizeof(**c));
			if (!*c)
				return -ENOMEM;
		}
		if (!(*c)[id % IDS_PER_CHUNK]) {
			next_id = id + 1;
			*out = id;
			return 0;
		}
	}
	return -ENOMEM;
}

int segment_alloc(unsigned int type, uint64_t npages, struct pdt_entry *pdt,
		  struct segment **out)
{
	struct segment *s = kzalloc(sizeof(*s));
	unsigned long id;

	if (!s)
		return -ENOMEM;
	if (id_alloc(&id)) {
		kfree(s);
		return -ENOMEM;
	}
	s->id = (vmid_t)id;
	s->type = type;
	s->npages = npages;
	s->pdt = pdt;
	chunks[id / IDS_PER_CHUNK][id % IDS_PER_CHUNK] = s;
	chunk_used[id / IDS_PER_CHUNK]++;
	if (segment_list) {
		s->next = segment_list;
		s->prev = segment_list->prev;
		s->prev->next = s;
		s->next->prev = s;
	} else {
		s->next = s->prev = s;
		segment_list = s;
	}
	vmm_counters.segments++;
	*out = s;
	return 0;
}

/* Takes a deleted segment off the live list (its id stays taken). */
void segment_unlink(struct segment *s)
{
	replace_forget(s);
	if (s->next == s) {
		segment_list = NULL;
	} else {
		s->prev->next = s->next;
		s->next->prev = s->prev;
		if (segment_list == s)
			segment_list = s->next;
	}
	s->next = s->prev = NULL;
	vmm_counters.segments--;
}

void segment_release(struct segment *s)
{
	unsigned long c = (unsigned long)s->id / IDS_PER_CHUNK;

	chunks[c][s->id % IDS_PER_CHUNK] = NULL;
	if (!--chunk_used[c]) {
		kfree(chunks[c]);
		chunks[c] = NULL;
	}
	kfree(s);
}

void segment_hold(struct segment *s)
{
	s->holds++;
}

void segment_drop(struct segment *s)
{
	if (!--s->holds && (s->flags & SEG_DELETED))
		segment_release(s);
}

static int grow_dir(struct segment *s, unsigned int leaf)
{
	unsigned int len = s->dir_len ? s->dir_len : 1;
	struct vpage **dir;

	while (len <= leaf)
		len *= 2;
	dir = kzalloc(len * sizeof(*dir));
	if (!dir)
		return -ENOMEM;
	if (s->dir)
		memcpy(dir, s->dir, s->dir_len * sizeof(*dir));
	kfree(s->dir);
	s->dir = dir;
	s->dir_len = len;
	return 0;
}

struct vpage *segment_vpage(struct segment *s, uint64_t pno, bool create)
{
	unsigned int leaf = (unsigned int)(pno / VPAGES_PER_LEAF);

	if (pno >= PAGES_PER_SEG)
		return NULL;
	if (leaf >= s->dir_len || !s->dir[leaf]) {
		if (!create)
			return NULL;
		if (leaf >= s->dir_len && grow_dir(s, leaf))
			return NULL;
		s->dir[leaf] = kzalloc(VPAGES_PER_LEAF * sizeof(struct vpage));
		if (!s->dir[leaf])
			return NULL;
	}
	return &s->dir[leaf][pno % VPAGES_PER_LEAF];
}

/* Calls fn for each page of the table in [first, first + count). */
void segment_for_pages(struct segment *s, uint64_t first, uint64_t count,
		       void (*fn)(struct segment *s, uint64_t pno, struct vpage *vp, void *arg),
		       void *arg)
{
	uint64_t end = first + count;

	for (uint64_t pno = first; pno < end && pno < PAGES_PER_SEG;) {
		unsigned int leaf = (unsigned int)(pno / VPAGES_PER_LEAF);

		if (leaf >= s->dir_len)
			return;
		if (!s->dir[leaf]) {
			pno = (uint64_t)(leaf + 1) * VPAGES_PER_LEAF;
			continue;
		}
		fn(s, pno, &s->dir[leaf][pno % VPAGES_PER_LEAF], arg);
		pno++;
	}
}

void segment_free_table(struct segment *s)
{
	for (unsigned int i = 0; i < s->dir_len; i++)
		kfree(s->dir[i]);
	kfree(s->dir);
	s->dir = NULL;
	s->dir_len = 0;
}
