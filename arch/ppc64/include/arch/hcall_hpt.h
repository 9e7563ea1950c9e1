/* SPDX-License-Identifier: MIT */
/* Hashed page table hcalls: H_ENTER, H_REMOVE, H_READ, H_CLEAR_REF/MOD, H_BULK_REMOVE. */
#ifndef ARCH_HCALL_HPT_H
#define ARCH_HCALL_HPT_H

#include <arch/bits.h>
#include <arch/hcall.h>

/*
 * LoPAR "Page Frame Table Access" (function sets hcall-pft and
 * hcall-bulk); QEMU hw/ppc/spapr_softmmu.c. Entries go in and out in the
 * pre-ISA-3.0 HPTE layout (arch/mmu.h). H_PROTECT is not called: nothing
 * changes the protection of a live entry (docs/vmm.md).
 */
#define H_REMOVE		0x04
#define H_ENTER			0x08
#define H_READ			0x0c
#define H_CLEAR_MOD		0x10
#define H_CLEAR_REF		0x14
#define H_BULK_REMOVE		0x124

/* The flags argument of the page-table hcalls. */
#define H_EXACT			PPC_BIT(24)	/* H_ENTER: this slot, not any in the group */
#define H_READ_4		PPC_BIT(26)	/* H_READ: four entries from an aligned PTEX */
#define H_AVPN			PPC_BIT(32)	/* only if the entry's AVPN matches */

/* H_BULK_REMOVE: up to four {tsh, tsl} pairs; tsl is the AVPN, tsh
 * carries the request and comes back with the response. */
#define H_BULK_PAIRS		4
#define H_BULK_TYPE		PPC_BITMASK(0, 1)
#define   H_BULK_REQUEST	PPC_BIT(1)		/* 01 */
#define   H_BULK_RESPONSE	PPC_BIT(0)		/* 10 */
#define   H_BULK_END		PPC_BITMASK(0, 1)	/* 11: no more pairs */
#define H_BULK_CODE		PPC_BITMASK(2, 3)	/* in a response */
#define   H_BULK_CODE_SUCCESS	0ul
#define   H_BULK_CODE_NOT_FOUND	PPC_BIT(3)
#define H_BULK_AVPN		PPC_BIT(6)		/* flags 10: match the AVPN */
#define H_BULK_PTEX		PPC_BITMASK(8, 63)
/* The removed entry's R and C bits, as QEMU returns them: HPTE_R_R and
 * HPTE_R_C shifted left this far (LoPAR draws them at tsh bits 4-5). */
#define H_BULK_RC_SHIFT		43

#ifndef __ASSEMBLY__
/* Enters v/r in a free slot of the group of `ptex` (or in that slot with
 * H_EXACT); *slot is the PTEX used. H_PTEG_FULL when the group is full. */
static inline long hv_enter(unsigned long flags, unsigned long ptex, uint64_t v, uint64_t r,
			    unsigned long *slot)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_ENTER, ret, flags, ptex, v, r, 0, 0);

	*slot = ret[0];
	return rc;
}

/* Removes the entry if its AVPN matches; returns its last V and R (R
 * carries the referenced and changed bits). H_NOT_FOUND otherwise. */
static inline long hv_remove(unsigned long ptex, uint64_t avpn, uint64_t *v, uint64_t *r)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_REMOVE, ret, H_AVPN, ptex, avpn, 0, 0, 0);

	*v = ret[0];
	*r = ret[1];
	return rc;
}

/* Reads the four entries from `ptex` (a multiple of four): V, R pairs. */
static inline long hv_read4(unsigned long ptex, uint64_t vr[static 8])
{
	unsigned long ret[9];
	long rc = hcall_ret9(H_READ, ret, H_READ_4, ptex, 0, 0, 0, 0);

	for (int i = 0; i < 8; i++)
		vr[i] = ret[i];
	return rc;
}

/* {tsh, tsl} pairs, an unused tsh set to H_BULK_END; each tsh comes
 * back with its response. */
static inline long hv_bulk_remove(uint64_t pairs[static 2 * H_BULK_PAIRS])
{
	return hcall_inout8(H_BULK_REMOVE, pairs);
}

/* Clears the referenced (changed) bit of an entry and returns the old R. */
static inline long hv_clear_ref(unsigned long ptex, uint64_t *r)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_CLEAR_REF, ret, 0, ptex, 0, 0, 0, 0);

	*r = ret[0];
	return rc;
}

static inline long hv_clear_mod(unsigned long ptex, uint64_t *r)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_CLEAR_MOD, ret, 0, ptex, 0, 0, 0, 0);

	*r = ret[0];
	return rc;
}
#endif /* __ASSEMBLY__ */
#endif
