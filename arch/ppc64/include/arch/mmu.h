/* SPDX-License-Identifier: MIT */
/*
 * The hashed page table MMU as a PAPR partition sees it: SLB and HPTE
 * encodings (Power ISA 3.0 Book III, "Segment Lookaside Buffer" and
 * "Page Table Entry", in the pre-3.0 HPTE layout that the hcalls take:
 * papr-notes 3.3), the hash, and the SLB instructions.
 */
#ifndef ARCH_MMU_H
#define ARCH_MMU_H

#include <stdint.h>
#include <stdbool.h>

#define SEGMENT_SHIFT_256M	28
#define SEGMENT_SHIFT_1T	40
#define SEGMENT_SIZE_256M	(1ul << SEGMENT_SHIFT_256M)

/* SLB entry, ESID half (slbmte RB). */
#define SLB_ESID_V		0x08000000ul
/* SLB entry, VSID half (slbmte RS). */
#define SLB_VSID_B_1T		0x4000000000000000ul
#define SLB_VSID_SHIFT_256M	12
#define SLB_VSID_SHIFT_1T	24
#define SLB_VSID_KS		0x800ul	/* key for privileged accesses */
#define SLB_VSID_KP		0x400ul	/* key for problem-state accesses */
#define SLB_VSID_N		0x200ul	/* no execute */

/* HPTE doubleword 0 (V). */
#define HPTE_V_SSIZE_SHIFT	62
#define HPTE_V_AVPN		0x3fffffffffffff80ul
#define HPTE_V_BOLTED		0x10ul	/* software: never evicted */
#define HPTE_V_LARGE		0x4ul
#define HPTE_V_SECONDARY	0x2ul
#define HPTE_V_VALID		0x1ul
/* HPTE doubleword 1 (R). */
#define HPTE_R_RPN		0x0ffffffffffff000ul
#define HPTE_R_R		0x100ul	/* referenced */
#define HPTE_R_C		0x80ul	/* changed */
#define HPTE_R_M		0x10ul	/* memory coherence: what RAM must have */
#define HPTE_R_N		0x4ul	/* no execute */
#define HPTE_R_PP		0x3ul
/* Page protection with the segment's key (ISA "Storage Protection"):
 * PP 00 lets key 0 read and write and key 1 nothing; PP 01 lets key 0
 * read and write and key 1 read; PP 10 lets both read and write; PP 11
 * lets both read only. */
#define HPTE_PP_KEY0_RW		0x0ul
#define HPTE_PP_KEY1_RO		0x1ul
#define HPTE_PP_RW		0x2ul
#define HPTE_PP_RO		0x3ul

#define HPTES_PER_GROUP		8

/* One page size of a segment, as ibm,segment-page-sizes encodes it. */
struct mmu_page_size {
	unsigned int shift;
	unsigned long slb_enc;	/* SLB L||LP bits */
	unsigned int pte_enc;	/* LP bits in the RPN of an HPTE */
};

/* A segment as the MMU addresses it. */
struct mmu_segment {
	uint64_t vsid;
	bool one_tb;				/* 1 TB instead of 256 MB */
	const struct mmu_page_size *psize;	/* its base page size */
};

static inline unsigned int segment_shift(const struct mmu_segment *s)
{
	return s->one_tb ? SEGMENT_SHIFT_1T : SEGMENT_SHIFT_256M;
}

/* The VSID half of an SLB entry, without keys. */
static inline uint64_t slb_vsid_data(const struct mmu_segment *s)
{
	if (s->one_tb)
		return SLB_VSID_B_1T | s->vsid << SLB_VSID_SHIFT_1T | s->psize->slb_enc;
	return s->vsid << SLB_VSID_SHIFT_256M | s->psize->slb_enc;
}

static inline uint64_t slb_esid_data(uint64_t ea, const struct mmu_segment *s,
				     unsigned int slot)
{
	return (ea & ~((1ul << segment_shift(s)) - 1)) | SLB_ESID_V | slot;
}

/* The hash that picks a page's primary group; the secondary group is its
 * complement. */
static inline uint64_t hpt_hash(const struct mmu_segment *s, uint64_t offset)
{
	uint64_t page = offset >> s->psize->shift;

	if (s->one_tb)
		return s->vsid ^ (s->vsid << 25) ^ page;
	return s->vsid ^ page;
}

/* HPTE V for the page at `offset` in the segment: the segment size, the
 * abbreviated virtual page number (virtual address bits above 2^23) and
 * the valid bit; the caller adds HPTE_V_SECONDARY and HPTE_V_BOLTED. */
static inline uint64_t hpte_encode_v(const struct mmu_segment *s, uint64_t offset)
{
	uint64_t v = (uint64_t)s->one_tb << HPTE_V_SSIZE_SHIFT;

	v |= s->one_tb ? s->vsid << SLB_VSID_SHIFT_1T : s->vsid << SLB_VSID_SHIFT_256M;
	v |= (offset >> 16) & HPTE_V_AVPN & ((1ul << (segment_shift(s) - 16)) - 1);
	if (s->psize->shift > 12)
		v |= HPTE_V_LARGE;
	return v | HPTE_V_VALID;
}

/* The AVPN that H_REMOVE and H_PROTECT compare (V without its low bits). */
static inline uint64_t hpte_avpn(uint64_t v)
{
	return v & ~0x7ful;
}

/* HPTE R for a page of RAM at real address `real`. */
static inline uint64_t hpte_encode_r(uint64_t real, const struct mmu_page_size *p,
				     uint64_t pp, bool no_exec)
{
	uint64_t r = real & ~((1ul << p->shift) - 1);

	if (p->shift > 12)
		r |= (uint64_t)p->pte_enc << 12;
	return r | HPTE_R_M | pp | (no_exec ? HPTE_R_N : 0);
}

/*
 * Recovers the segment offset of the page an HPTE maps from its V word
 * and the group it sits in: the AVPN holds the offset bits from 2^23 up,
 * the hash the page-number bits below (the group index is wide enough for
 * any HPT PAPR allows, 2^18 bytes and more). Used when an HPTE is evicted
 * to find the page that owned it.
 */
static inline uint64_t hpte_page_offset(const struct mmu_segment *s, uint64_t v,
					uint64_t group, uint64_t hash_mask)
{
	unsigned int pshift = s->psize->shift;
	uint64_t hash = (v & HPTE_V_SECONDARY) ? ~group : group;
	uint64_t high = ((v & HPTE_V_AVPN) << 16) & ((1ul << segment_shift(s)) - 1) &
			~((1ul << 23) - 1);
	uint64_t vsid_part = s->one_tb ? s->vsid ^ (s->vsid << 25) : s->vsid;
	uint64_t low_pages = ((hash ^ vsid_part) & hash_mask) &
			     ((1ul << (23 - pshift)) - 1);

	return high | low_pages << pshift;
}

#ifndef HOST_TEST
#include <arch/ppc.h>

static inline void slb_insert(uint64_t esid_data, uint64_t vsid_data)
{
	asm volatile("slbmte %0,%1; isync" : : "r"(vsid_data), "r"(esid_data) : "memory");
}

/* Invalidates every SLB entry but entry 0, which holds the kernel's
 * linear segment (slbia with IH = 0). */
static inline void slb_invalidate_all(void)
{
	asm volatile("isync; slbia; isync" : : : "memory");
}

static inline uint64_t slb_read_esid(unsigned int slot)
{
	uint64_t v;

	asm volatile("slbmfee %0,%1" : "=r"(v) : "r"((uint64_t)slot));
	return v;
}

static inline uint64_t slb_read_vsid(unsigned int slot)
{
	uint64_t v;

	asm volatile("slbmfev %0,%1" : "=r"(v) : "r"((uint64_t)slot));
	return v;
}
#endif
#endif
