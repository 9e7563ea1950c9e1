/* SPDX-License-Identifier: MIT */
/* The kernel command line (/chosen/bootargs): space-separated key=value words. */
#ifndef VRM_CMDLINE_H
#define VRM_CMDLINE_H

#include <stddef.h>
#include <stdbool.h>

void cmdline_init(const void *fdt);
const char *cmdline(void);
/* Copies the value of `key` into buf; true when the key is present. */
bool cmdline_get(const char *key, char *buf, size_t size);
#endif
