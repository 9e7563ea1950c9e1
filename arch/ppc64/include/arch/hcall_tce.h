/* SPDX-License-Identifier: MIT */
/* DMA translation hcalls: H_PUT_TCE, H_STUFF_TCE, for devices behind a PHB or on VIO. */
#ifndef ARCH_HCALL_TCE_H
#define ARCH_HCALL_TCE_H

#include <arch/bits.h>
#include <arch/hcall.h>

/*
 * LoPAR "Translation Control Entry Access" (function sets hcall-tce and
 * hcall-multi-tce); QEMU hw/ppc/spapr_iommu.c. A DMA window is named by
 * its LIOBN (the PHB's ibm,dma-window, a VIO node's ibm,my-dma-window);
 * each TCE translates one 4 KiB page of I/O bus addresses to a real page.
 */
#define H_PUT_TCE		0x20
#define H_STUFF_TCE		0x138

#define TCE_SHIFT		12
#define TCE_RPN			PPC_BITMASK(0, 51)	/* real address of the page */
#define TCE_WRITE		PPC_BIT(62)		/* the device may write it */
#define TCE_READ		PPC_BIT(63)		/* the device may read it */

#ifndef __ASSEMBLY__
/* Sets the TCE for I/O bus address `ioba` of window `liobn`; a TCE of 0
 * takes the page away from the device. */
static inline long hv_put_tce(unsigned long liobn, unsigned long ioba, uint64_t tce)
{
	return hcall_noret(H_PUT_TCE, liobn, ioba, tce, 0, 0, 0);
}

/* Sets `count` consecutive TCEs from `ioba` to the same value: 0 clears
 * a range of the window at once. */
static inline long hv_stuff_tce(unsigned long liobn, unsigned long ioba, uint64_t tce,
				unsigned long count)
{
	return hcall_noret(H_STUFF_TCE, liobn, ioba, tce, count, 0, 0);
}
#endif /* __ASSEMBLY__ */
#endif
