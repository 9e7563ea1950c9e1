/* SPDX-License-Identifier: MIT */
/* Nested-hypervisor hcalls: the partition table a partition keeps for the partitions it runs. */
#ifndef ARCH_HCALL_NESTED_H
#define ARCH_HCALL_NESTED_H

#include <arch/bits.h>
#include <arch/hcall.h>

/*
 * The KVM-HV nested API (QEMU hw/ppc/spapr_nested.c, offered with the
 * machine's cap-nested-hv=on; answered H_FUNCTION without it). A
 * partition that runs partitions of its own first names its partition
 * table with H_SET_PARTITION_TABLE, in the form of the ISA's Partition
 * Table Control Register (Power ISA 3.0, "Partition Table Control
 * Register"): the table's real address and its size, 2^(12 + PATS)
 * bytes. QEMU takes PATS up to 4 (64 KiB) and answers H_PARAMETER above.
 * The calls that enter and leave a nested partition come with the
 * partition manager that uses them.
 */
#define H_SET_PARTITION_TABLE	0xf800

#define PTCR_PATB		PPC_BITMASK(4, 51)	/* the table's real address */
#define PTCR_PATS		PPC_BITMASK(59, 63)	/* log2(size) - 12 */
#define PTCR_PATS_MAX		4

#ifndef __ASSEMBLY__
/* Names the partition table (0: none). */
static inline long hv_set_partition_table(uint64_t ptcr)
{
	return hcall_noret(H_SET_PARTITION_TABLE, ptcr, 0, 0, 0, 0, 0);
}
#endif /* __ASSEMBLY__ */
#endif
