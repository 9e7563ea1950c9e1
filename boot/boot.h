/* SPDX-License-Identifier: MIT */
/* The firmware phase: everything done while Open Firmware is still alive. */
#ifndef BOOT_BOOT_H
#define BOOT_BOOT_H

#include <stdint.h>

struct boot_params {
	const char *firmware;		/* "slof" or "vof" */
	uint64_t initrd_start, initrd_size;
	uint32_t rtas_base, rtas_entry, rtas_size;
};

void boot_cas(void);
void boot_rtas(struct boot_params *bp);
void *boot_flatten(const struct boot_params *bp);
void *boot_firmware(unsigned long r3, unsigned long r4, unsigned long ci_entry);
#endif
