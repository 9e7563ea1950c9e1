/* SPDX-License-Identifier: MIT */
/* The machine's RAM as the device tree describes it. */
#ifndef VRM_MEMMAP_H
#define VRM_MEMMAP_H

#include <stdint.h>
#include <vrm/dt.h>

#define MEMMAP_MAX	256

struct mem_range {
	uint64_t base, size;
};

struct memmap {
	unsigned int count;
	struct mem_range range[MEMMAP_MAX];
	uint64_t total;
};

extern struct memmap boot_memory;

/* Fills boot_memory from the memory@ nodes and the assigned LMBs of
 * ibm,dynamic-reconfiguration-memory. 0, or -ENODEV when there is none. */
int memmap_init(void);
/* The same, for any tree given by its root: what tests compare with
 * QEMU's own tree. */
int memmap_from_dt(struct dt_node root, struct memmap *map);
#endif
