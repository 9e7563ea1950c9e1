/* SPDX-License-Identifier: MIT */
/* This processor and the partition's interrupt mode: H_CEDE, H_SET_MODE. */
#ifndef ARCH_HCALL_CPU_H
#define ARCH_HCALL_CPU_H

#include <arch/hcall.h>

/* LoPAR H_CEDE and H_SET_MODE (function set hcall-set-mode); QEMU
 * hw/ppc/spapr_hcall.c. */
#define H_CEDE			0xe0
#define H_SET_MODE		0x31c

/* H_SET_MODE resources and their mode flags: resource 4 sets LPCR[ILE],
 * the endianness interrupts are taken in; resource 3 sets LPCR[AIL]. */
#define H_SET_MODE_RESOURCE_ADDR_TRANS	3
#define H_SET_MODE_RESOURCE_LE		4
#define H_SET_MODE_ENDIAN_BIG		0
#define H_SET_MODE_ENDIAN_LITTLE	1

#ifndef __ASSEMBLY__
/* Gives the processor back until an interrupt or H_PROD; returns with
 * MSR[EE] set, so a pending interrupt is taken right after. */
static inline long hv_cede(void)
{
	return hcall_noret(H_CEDE, 0, 0, 0, 0, 0, 0);
}

static inline long hv_set_mode(unsigned long mflags, unsigned long resource,
			       unsigned long v1, unsigned long v2)
{
	return hcall_noret(H_SET_MODE, mflags, resource, v1, v2, 0, 0);
}
#endif /* __ASSEMBLY__ */
#endif
