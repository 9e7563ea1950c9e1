/* SPDX-License-Identifier: MIT */
/* Physical memory at boot: zones from the memory map, the heap on top. */
#ifndef VRM_PHYS_H
#define VRM_PHYS_H

#include <stdint.h>

/* Low real memory kept from the allocator: the interrupt vectors live at
 * 0..0x1100 and real-mode conventions reserve the first 64 KiB. */
#define PHYS_LOW_RESERVED	0x10000ul

/* Makes a zone of every range of boot_memory, takes out what the tree's
 * reserve map names (kernel, FDT, RTAS, initrd), the low vectors and each
 * zone's own metadata, then starts the heap. 0 or a negative errno. */
int phys_init(void);

/*
 * 2^order frames for what is used with translation off or named to
 * firmware by a 32-bit real address: the per-CPU areas the interrupt
 * vectors save registers in, the stack a starting CPU runs on before its
 * MMU is on. They lie in the real mode area (a partition's real-mode
 * accesses reach no further) and below 4 GiB. 0, or -ENOMEM (also before
 * phys_init).
 */
int phys_alloc_real(unsigned int order, uint64_t *pa);

/* Frames taken out at boot: metadata, image, low memory. */
uint64_t phys_reserved_frames(void);
/* Puts back the hooks that panic on allocator misuse (tests replace them). */
void phys_restore_error_hooks(void);
#endif
