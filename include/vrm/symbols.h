/* SPDX-License-Identifier: MIT */
/* The kernel's own symbol table, linked into the image for backtraces. */
#ifndef VRM_SYMBOLS_H
#define VRM_SYMBOLS_H

/* Name of the function containing `addr` and the offset into it, or NULL. */
const char *ksym_lookup(unsigned long addr, unsigned long *offset);
/* Address of a function by name, or 0. */
unsigned long ksym_address(const char *name);
#endif
