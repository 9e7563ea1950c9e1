/* SPDX-License-Identifier: MIT */
/* Host tests of the hash MMU encodings in arch/ppc64/include/arch/mmu.h:
 * known values from the Power ISA formulas, and the page an evicted HPTE
 * belonged to recovered from its V word and group, over random pages. */

#include <stdint.h>

#include <arch/mmu.h>

#include "rng.h"
#include "tap.h"

#define ROUND_TRIPS	200000

static const struct mmu_page_size p4k = { .shift = 12, .slb_enc = 0, .pte_enc = 0 };
static const struct mmu_page_size p64k = { .shift = 16, .slb_enc = 0x110, .pte_enc = 1 };

int main(void)
{
	struct mmu_segment s256 = { .vsid = 0x12345, .one_tb = false, .psize = &p4k };
	struct mmu_segment s1t = { .vsid = 0x7ff, .one_tb = true, .psize = &p64k };
	struct tally tl = { 0 };

	rng_init();
	/* 256 MB segment, 4 KiB page at offset 0x0abcd000. */
	ok(hpt_hash(&s256, 0x0abcd000) == (0x12345 ^ 0xabcd), "256 MB hash: VSID ^ page");
	ok(hpte_encode_v(&s256, 0x0abcd000) ==
	   ((0x12345ul << 12) | ((0x0abcd000ul >> 16) & 0xf80) | HPTE_V_VALID),
	   "256 MB V: VSID, offset bits from 2^23 up, valid");
	ok(slb_vsid_data(&s256) == 0x12345ul << 12, "256 MB SLB VSID half");
	ok(slb_esid_data(0xd000000012345678ul, &s256, 5) ==
	   (0xd000000010000000ul | SLB_ESID_V | 5), "256 MB SLB ESID half");
	/* 1 TB segment, 64 KiB page at offset 0x123450000. */
	ok(hpt_hash(&s1t, 0x123450000ul) == (0x7fful ^ (0x7fful << 25) ^ 0x12345),
	   "1 TB hash: VSID ^ VSID << 25 ^ page");
	ok(hpte_encode_v(&s1t, 0x123450000ul) ==
	   ((1ul << 62) | (0x7fful << 24) | ((0x123450000ul >> 16) & 0xffff80) |
	    HPTE_V_LARGE | HPTE_V_VALID),
	   "1 TB V: segment size, VSID, offset bits, large, valid");
	ok(slb_vsid_data(&s1t) == (SLB_VSID_B_1T | 0x7fful << 24 | 0x110), "1 TB SLB VSID half");
	ok(hpte_encode_r(0x123458000ul, &p64k, HPTE_PP_KEY0_RW, false) ==
	   (0x123450000ul | 0x1000 | HPTE_R_M), "64 KiB R: aligned RPN, LP encoding, M");
	ok(hpte_encode_r(0x5000, &p4k, HPTE_PP_KEY1_RO, true) ==
	   (0x5000 | HPTE_R_M | HPTE_R_N | HPTE_PP_KEY1_RO), "4 KiB R: RPN, M, N, PP");
	ok(hpte_avpn(0x123ff) == 0x12380, "AVPN drops the low seven bits");

	for (int i = 0; i < ROUND_TRIPS; i++) {
		bool one_tb = rng_one_in(4);
		const struct mmu_page_size *p = one_tb || rng_one_in(2) ? &p64k : &p4k;
		struct mmu_segment s = {
			.vsid = one_tb ? 1 + rng_below(0xfff) : 1 + rng_below((1ul << 20) - 1),
			.one_tb = one_tb,
			.psize = p,
		};
		unsigned int seg_shift = segment_shift(&s);
		uint64_t offset = rng_below(1ul << seg_shift) & ~((1ul << p->shift) - 1);
		uint64_t mask = (1ul << (11 + rng_below(10))) - 1;	/* 2^11..2^20 groups */
		bool secondary = rng_one_in(2);
		uint64_t hash = hpt_hash(&s, offset);
		uint64_t group = (secondary ? ~hash : hash) & mask;
		uint64_t v = hpte_encode_v(&s, offset) | (secondary ? HPTE_V_SECONDARY : 0);
		uint64_t back = hpte_page_offset(&s, v, group, mask);

		if (tally_fail(&tl, back == offset))
			tally_diag(&tl, "vsid %#lx %s %u KiB offset %#lx mask %#lx%s: got %#lx",
				   (unsigned long)s.vsid, one_tb ? "1T" : "256M", 1u << (p->shift - 10),
				   (unsigned long)offset, (unsigned long)mask,
				   secondary ? " secondary" : "", (unsigned long)back);
	}
	tally_ok(&tl, "an HPTE's page comes back from its V word and group");
	return done_testing();
}
