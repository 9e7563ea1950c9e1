// SPDX-License-Identifier: MIT
/*
 * The hashed page table as a cache of resident pages: entries go in
 * through H_ENTER, and a full pair of groups gives up one entry that is
 * not bolted (its page keeps its frame and simply faults again). All
 * under vmm_lock, except bolting, which happens before other CPUs run.
 */
#define pr_fmt "hpt: "
#include <arch/hcall_hpt.h>
#include <arch/mmu_info.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include "vmm_impl.h"

static const struct mmu_page_size *page_4k;

/* An hcall answered what the VMM did not expect: logged and counted
 * (tests require none). */
#define hpt_error(...)					\
	do {						\
		vmm_counters.hpt_errors++;		\
		pr_err(__VA_ARGS__);			\
	} while (0)
static unsigned int evict_hand;
/* QEMU 7.2 offers neither H_CLEAR_REF nor H_CLEAR_MOD; the first
 * H_FUNCTION switches to removing entries instead. */
static bool no_clear_ref, no_clear_mod;

void mmu_segment_of(const struct segment *s, struct mmu_segment *m)
{
	if (!page_4k)
		page_4k = mmu_page_size(PGSHIFT);
	m->vsid = (uint64_t)s->id;
	m->one_tb = false;
	m->psize = page_4k;
}

static uint64_t group_of(uint64_t hash, bool secondary)
{
	return (secondary ? ~hash : hash) & mmu.hash_mask;
}

/* Folds the referenced and changed bits of a removed entry into its page. */
static void fold_rc(struct vpage *vp, uint64_t r)
{
	if (r & HPTE_R_R)
		vp->flags |= VP_REF;
	if (r & HPTE_R_C)
		vp->flags |= VP_MOD;
}

/* The page an evicted entry mapped forgets it. */
static void evicted(uint64_t v, uint64_t r, uint64_t group)
{
	struct mmu_segment m;
	struct segment *s;
	struct vpage *vp;
	uint64_t pno;

	if (v & (1ul << HPTE_V_SSIZE_SHIFT))
		return;		/* a 1 TB segment: the linear map, never evicted */
	s = segment_get((vmid_t)((v >> SLB_VSID_SHIFT_256M) & ((1ul << MMU_SEGMENT_ID_BITS) - 1)));
	if (!s)
		return;
	mmu_segment_of(s, &m);
	pno = hpte_page_offset(&m, v, group, mmu.hash_mask) >> PGSHIFT;
	vp = segment_vpage(s, pno, false);
	if (vp && (vp->flags & VP_HPTE)) {
		vp->flags &= ~(VP_HPTE | VP_SECONDARY);
		fold_rc(vp, r);
	}
}

/* Frees one entry of the group that is not bolted; false if all are. */
static bool evict_one(uint64_t group)
{
	uint64_t vr[2 * HPTES_PER_GROUP];

	for (unsigned int half = 0; half < 2; half++)
		if (hv_read4(group * HPTES_PER_GROUP + 4 * half, &vr[8 * half]) != H_SUCCESS)
			return false;
	for (unsigned int n = 0; n < HPTES_PER_GROUP; n++) {
		unsigned int i = (evict_hand + n) % HPTES_PER_GROUP;
		uint64_t v = vr[2 * i], r, oldv;

		if (!(v & HPTE_V_VALID) || (v & HPTE_V_BOLTED))
			continue;
		if (hv_remove(group * HPTES_PER_GROUP + i, hpte_avpn(v), &oldv, &r) != H_SUCCESS)
			continue;
		evict_hand = i + 1;
		evicted(oldv, r, group);
		vmm_counters.hpte_evictions++;
		return true;
	}
	return false;
}

/* Enters v/r in the primary group, else the secondary, else evicts from
 * the primary and tries again. Returns the slot index, -ENOSPC when
 * nothing can be evicted, or the error of an unexpected H_ENTER answer. */
static long insert(const struct mmu_segment *m, uint64_t offset, uint64_t v, uint64_t r,
		   bool *secondary)
{
	uint64_t hash = hpt_hash(m, offset);

	for (int attempt = 0; attempt < 2; attempt++) {
		for (int sec = 0; sec < 2; sec++) {
			uint64_t group = group_of(hash, sec);
			unsigned long ptex;
			long rc = hv_enter(0, group * HPTES_PER_GROUP,
					   v | (sec ? HPTE_V_SECONDARY : 0), r, &ptex);

			if (rc == H_SUCCESS) {
				*secondary = sec;
				vmm_counters.hpte_inserts++;
				return (long)(ptex % HPTES_PER_GROUP);
			}
			if (rc != H_PTEG_FULL) {
				hpt_error("H_ENTER %#lx %#lx: %ld\n", (unsigned long)v,
				       (unsigned long)r, rc);
				return hcall_errno(rc);
			}
		}
		if (!evict_one(group_of(hash, false)) && !evict_one(group_of(hash, true)))
			break;
	}
	return -ENOSPC;
}

int hpt_bolt(const struct mmu_segment *m, uint64_t offset, uint64_t r)
{
	bool sec;
	long slot = insert(m, offset, hpte_encode_v(m, offset) | HPTE_V_BOLTED, r, &sec);

	return slot < 0 ? (int)slot : 0;
}

int hpt_map(struct segment *s, uint64_t pno, struct vpage *vp)
{
	struct mmu_segment m;
	uint64_t offset = pno << PGSHIFT;
	bool sec;
	long slot;

	mmu_segment_of(s, &m);
	/* Segment pages: key 0 reads and writes, key 1 (a limited handle;
	 * a task's space, for the task and the kernel's copies alike) only
	 * reads, unless tasks may write the segment, or may not touch it at
	 * all (mprotect's PROT_NONE). What tasks may not execute is marked
	 * in the HPTE too, not only the SLB entry: TCG takes the permission
	 * of a page it caches from the HPTE. */
	slot = insert(&m, offset, hpte_encode_v(&m, offset),
		      hpte_encode_r((uint64_t)vp->frame << PGSHIFT, m.psize,
				    s->type & SEG_USER_NONE ? HPTE_PP_KEY0_RW :
				    s->type & SEG_USER_WRITE ? HPTE_PP_RW : HPTE_PP_KEY1_RO,
				    s->type & SEG_USER_NOEXEC),
		      &sec);
	if (slot < 0)
		return (int)slot;
	vp->flags = (vp->flags & ~VP_SECONDARY) | VP_HPTE | (sec ? VP_SECONDARY : 0);
	vp->hslot = (uint8_t)slot;
	return 0;
}

static unsigned long ptex_of(const struct mmu_segment *m, uint64_t pno, const struct vpage *vp)
{
	uint64_t hash = hpt_hash(m, pno << PGSHIFT);

	return group_of(hash, vp->flags & VP_SECONDARY) * HPTES_PER_GROUP + vp->hslot;
}

void hpt_unmap(struct segment *s, uint64_t pno, struct vpage *vp)
{
	struct mmu_segment m;
	uint64_t v, r;
	long rc;

	if (!(vp->flags & VP_HPTE))
		return;
	mmu_segment_of(s, &m);
	v = hpte_encode_v(&m, pno << PGSHIFT) | ((vp->flags & VP_SECONDARY) ? HPTE_V_SECONDARY : 0);
	rc = hv_remove(ptex_of(&m, pno, vp), hpte_avpn(v), &v, &r);
	if (rc == H_SUCCESS)
		fold_rc(vp, r);
	else
		hpt_error("H_REMOVE of segment %ld page %lu: %ld\n", (long)s->id,
		       (unsigned long)pno, rc);
	vp->flags &= ~(VP_HPTE | VP_SECONDARY);
}

/*
 * Reads and clears the referenced (H_CLEAR_REF) or changed (H_CLEAR_MOD)
 * bit of the page's entry, together with what the page already recorded.
 * Without the hcall the entry is removed instead: its bits are folded
 * into the page and the next access faults it back in.
 */
static bool test_clear(struct segment *s, uint64_t pno, struct vpage *vp, uint16_t flag)
{
	bool *missing = flag == VP_REF ? &no_clear_ref : &no_clear_mod;
	bool was = vp->flags & flag;

	vp->flags &= ~flag;
	if (!(vp->flags & VP_HPTE))
		return was;
	if (!*missing) {
		struct mmu_segment m;
		unsigned long ptex;
		uint64_t r;
		long rc;

		mmu_segment_of(s, &m);
		ptex = ptex_of(&m, pno, vp);
		rc = flag == VP_REF ? hv_clear_ref(ptex, &r) : hv_clear_mod(ptex, &r);
		if (rc == H_SUCCESS)
			return was || (r & (flag == VP_REF ? HPTE_R_R : HPTE_R_C));
		if (rc != H_FUNCTION)
			hpt_error("H_CLEAR_%s: %ld\n", flag == VP_REF ? "REF" : "MOD", rc);
		*missing = true;
		pr_info("no H_CLEAR_%s: the bit comes from removing entries\n",
			flag == VP_REF ? "REF" : "MOD");
	}
	hpt_unmap(s, pno, vp);
	was = was || (vp->flags & flag);
	vp->flags &= ~flag;
	return was;
}

bool hpt_test_clear_ref(struct segment *s, uint64_t pno, struct vpage *vp)
{
	return test_clear(s, pno, vp, VP_REF);
}

bool hpt_test_clear_mod(struct segment *s, uint64_t pno, struct vpage *vp)
{
	return test_clear(s, pno, vp, VP_MOD);
}

/* Gathers mapped pages for H_BULK_REMOVE, H_BULK_PAIRS at a time. */
struct bulk {
	uint64_t pairs[2 * H_BULK_PAIRS];
	struct vpage *vp[H_BULK_PAIRS];
	unsigned int n;
	struct segment *s;
};

static void bulk_flush(struct bulk *b)
{
	long rc;

	if (!b->n)
		return;
	for (unsigned int i = b->n; i < H_BULK_PAIRS; i++)
		b->pairs[2 * i] = H_BULK_END;
	rc = hv_bulk_remove(b->pairs);
	if (rc != H_SUCCESS)
		hpt_error("H_BULK_REMOVE: %ld\n", rc);
	for (unsigned int i = 0; i < b->n; i++) {
		uint64_t tsh = b->pairs[2 * i];

		if (rc == H_SUCCESS && (tsh & H_BULK_CODE) == H_BULK_CODE_SUCCESS)
			fold_rc(b->vp[i], (tsh >> H_BULK_RC_SHIFT) & (HPTE_R_R | HPTE_R_C));
		else
			hpt_error("H_BULK_REMOVE of segment %ld: response %#lx\n", (long)b->s->id,
			       (unsigned long)tsh);
		b->vp[i]->flags &= ~(VP_HPTE | VP_SECONDARY);
	}
	b->n = 0;
}

static void bulk_add(struct segment *s, uint64_t pno, struct vpage *vp, void *arg)
{
	struct bulk *b = arg;
	struct mmu_segment m;
	uint64_t v;

	if (!(vp->flags & VP_HPTE))
		return;
	mmu_segment_of(s, &m);
	v = hpte_encode_v(&m, pno << PGSHIFT) | ((vp->flags & VP_SECONDARY) ? HPTE_V_SECONDARY : 0);
	b->pairs[2 * b->n] = H_BULK_REQUEST | H_BULK_AVPN | ptex_of(&m, pno, vp);
	b->pairs[2 * b->n + 1] = hpte_avpn(v);
	b->vp[b->n++] = vp;
	if (b->n == H_BULK_PAIRS)
		bulk_flush(b);
}

void hpt_unmap_range(struct segment *s, uint64_t first, uint64_t count)
{
	struct bulk b = { .n = 0, .s = s };

	segment_for_pages(s, first, count, bulk_add, &b);
	bulk_flush(&b);
}
