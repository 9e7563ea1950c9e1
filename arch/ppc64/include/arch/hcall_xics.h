/* SPDX-License-Identifier: MIT */
/* XICS interrupt presentation hcalls: H_XIRR, H_EOI, H_CPPR, H_IPI. */
#ifndef ARCH_HCALL_XICS_H
#define ARCH_HCALL_XICS_H

#include <arch/hcall.h>

/*
 * LoPAR "Interrupt Support hcalls" (function set hcall-interrupt); QEMU
 * hw/intc/xics_spapr.c. The calls act on the presentation controller of
 * the calling processor, except H_IPI, which names a server.
 */
#define H_EOI			0x64
#define H_CPPR			0x68
#define H_IPI			0x6c
#define H_XIRR			0x74

#ifndef __ASSEMBLY__
/* Accepts the most favoured pending interrupt: *xirr = CPPR << 24 | source. */
static inline long hv_xirr(uint32_t *xirr)
{
	unsigned long ret[4];
	long rc = hcall_ret4(H_XIRR, ret, 0, 0, 0, 0, 0, 0);

	*xirr = (uint32_t)ret[0];
	return rc;
}

/* Ends the interrupt H_XIRR gave and restores the CPPR it carried. */
static inline long hv_eoi(uint32_t xirr)
{
	return hcall_noret(H_EOI, xirr, 0, 0, 0, 0, 0);
}

/* Sets this processor's priority: sources less favoured wait. */
static inline long hv_cppr(uint8_t cppr)
{
	return hcall_noret(H_CPPR, cppr, 0, 0, 0, 0, 0);
}

/* Sets a server's MFRR: below 0xff it raises an IPI at that priority. */
static inline long hv_ipi(unsigned long server, uint8_t mfrr)
{
	return hcall_noret(H_IPI, server, mfrr, 0, 0, 0, 0);
}
#endif /* __ASSEMBLY__ */
#endif
