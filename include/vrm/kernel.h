/* SPDX-License-Identifier: MIT */
/* What the rest of the kernel knows about the machine it booted on. */
#ifndef VRM_KERNEL_H
#define VRM_KERNEL_H

#include <stdint.h>

/* "slof" or "vof": set by kmain, kept in kernel/proc/sysinfo.c for uname. */
extern const char *boot_firmware_name;

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#endif
