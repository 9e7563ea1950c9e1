/* SPDX-License-Identifier: MIT */
/*
 * mmap, munmap and mprotect (AIX's values). A mapping is anonymous
 * working storage: one segment of the VMM in a 256 MB region of its own,
 * so it is at most 256 MB, and its protection is the segment's, for the
 * whole mapping (docs/tasks.md, "Mappings").
 */
#ifndef _UAPI_SYS_MMAN_H
#define _UAPI_SYS_MMAN_H

#define PROT_NONE	0x0
#define PROT_READ	0x1
#define PROT_WRITE	0x2
#define PROT_EXEC	0x4

#define MAP_SHARED	0x1	/* fork shares it */
#define MAP_PRIVATE	0x2	/* fork copies it */
#define MAP_ANONYMOUS	0x10
#define MAP_ANON	MAP_ANONYMOUS
#define MAP_FIXED	0x100
#endif
