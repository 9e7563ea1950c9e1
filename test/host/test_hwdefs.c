/* SPDX-License-Identifier: MIT */
/* Host tests of the hardware definitions in arch/ppc64/include: IBM bit
 * numbering and register fields against values from the Power ISA tables. */

#include <stdint.h>
#include <stdio.h>

#include <arch/bits.h>
#include <arch/reg.h>

#include "tap.h"

static void test_bits(void)
{
	struct tally tl = { 0 };

	is_hex(PPC_BIT(0), 0x8000000000000000ull, "PPC_BIT(0) is the most significant bit");
	is_hex(PPC_BIT(63), 1, "PPC_BIT(63) is the least significant bit");
	is_hex(PPC_BIT(32), 0x80000000, "PPC_BIT(32) starts the low word");
	is_hex(PPC_BITMASK(0, 63), ~0ull, "PPC_BITMASK(0, 63) is every bit");
	is_hex(PPC_BITMASK(5, 5), PPC_BIT(5), "a one-bit mask is that bit");
	is_hex(PPC_BITMASK(0, 1), 0xc000000000000000ull, "PPC_BITMASK(0, 1)");
	is_hex(PPC_BITMASK(8, 63), 0x00ffffffffffffffull, "PPC_BITMASK(8, 63)");
	is_hex(PPC_BITMASK(2, 56), 0x3fffffffffffff80ull, "PPC_BITMASK(2, 56): an HPTE's AVPN");
	is_hex(PPC_BITMASK(48, 63), 0xffff, "PPC_BITMASK(48, 63)");

	/* Every mask: b - a + 1 bits, from 2^(63-a) down to 2^(63-b). */
	for (unsigned int a = 0; a < 64; a++)
		for (unsigned int b = a; b < 64; b++) {
			uint64_t m = PPC_BITMASK(a, b);
			uint64_t want = (~0ull >> a) & (~0ull << (63 - b));

			if (tally_fail(&tl, m == want))
				tally_diag(&tl, "PPC_BITMASK(%u, %u) = %#llx", a, b,
					   (unsigned long long)m);
		}
	tally_ok(&tl, "PPC_BITMASK(a, b) for all 0 <= a <= b <= 63");
}

/* Power ISA Book III, "Machine State Register"; Linux's reg.h counts the
 * same bits from the right (MSR_EE_LG 15 and so on). */
static void test_msr(void)
{
	is_hex(MSR_EE, 1ull << 15, "MSR[EE]");
	is_hex(MSR_PR, 1ull << 14, "MSR[PR]");
	is_hex(MSR_ME, 1ull << 12, "MSR[ME]");
	is_hex(MSR_IR, 1ull << 5, "MSR[IR]");
	is_hex(MSR_DR, 1ull << 4, "MSR[DR]");
	is_hex(MSR_RI, 1ull << 1, "MSR[RI]");
	is_hex(MSR_LE, 1ull << 0, "MSR[LE]");
}

/* SPR numbers from the ISA's SPR table, and the SRR1 cause bits QEMU sets
 * (target/ppc/mmu-hash64.c, excp_helper.c; papr-notes 3.5). */
static void test_sprs(void)
{
	is_int(SPR_DSISR, 18, "DSISR is SPR 18");
	is_int(SPR_DAR, 19, "DAR is SPR 19");
	is_int(SPR_DEC, 22, "DEC is SPR 22");
	is_int(SPR_SRR0, 26, "SRR0 is SPR 26");
	is_int(SPR_SRR1, 27, "SRR1 is SPR 27");
	is_int(SPR_SPRG0, 272, "SPRG0 is SPR 272");
	is_int(SPR_SPRG1, 273, "SPRG1 is SPR 273");
	is_int(SPR_SPRG2, 274, "SPRG2 is SPR 274");
	is_hex(SRR1_ISI_NOPT, 0x40000000, "SRR1: instruction storage, no translation");
	is_hex(SRR1_ISI_N_G_OR_CIP, 0x10000000, "SRR1: no-execute or guarded fetch");
	is_hex(SRR1_ISI_PROT, 0x08000000, "SRR1: instruction storage, protection");
	is_hex(SRR1_PROG_ILL, 0x00080000, "SRR1: program, illegal instruction");
}

/* The storage-interrupt causes the VMM acts on (mm/fault.c), from the
 * DSISR and SRR1 values QEMU reports (papr-notes 3.5). */
static void test_fault_causes(void)
{
	is_hex(DSISR_NOHPTE, 0x40000000, "DSISR: no translation");
	is_hex(DSISR_PROTFAULT, 0x08000000, "DSISR: protection");
	ok(dsisr_no_translation(0x40000000) && !dsisr_protection(0x40000000),
	   "a DSI without an HPTE is a missing translation");
	ok(dsisr_protection(0x0a000000) && !dsisr_no_translation(0x0a000000),
	   "a store that PP forbids is a protection fault");
	ok(!dsisr_no_translation(0x02000000) && !dsisr_protection(0x02000000),
	   "the store bit alone is neither");
	ok(srr1_isi_no_translation(0x40000000) && !srr1_isi_protection(0x40000000),
	   "an ISI without an HPTE is a missing translation");
	ok(srr1_isi_protection(0x10000000) && srr1_isi_protection(0x08000000),
	   "a fetch from no-execute storage and one PP forbids are protection faults");
	ok(!srr1_isi_no_translation(MSR_PR | MSR_IR | MSR_DR | MSR_EE) &&
	   !srr1_isi_protection(MSR_PR | MSR_IR | MSR_DR | MSR_EE),
	   "the MSR bits SRR1 also holds say nothing about the cause");
}

int main(void)
{
	test_bits();
	test_msr();
	test_sprs();
	test_fault_causes();
	return done_testing();
}
