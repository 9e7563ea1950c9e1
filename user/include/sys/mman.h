/* SPDX-License-Identifier: MIT */
/*
 * Anonymous memory mappings. Each mapping is a working segment of its own
 * in a free 256 MB region, so it is at most 256 MB and a task has at most
 * 60 (with its vmseg_create segments). Protection belongs to the whole
 * mapping: mprotect of part of one fails with ENOTSUP, munmap takes all
 * of a mapping or a run of pages at either end of it. File mappings are
 * not supported (ENODEV). MAP_SHARED mappings are shared with the
 * children fork makes; MAP_PRIVATE ones are copied.
 */
#ifndef _SYS_MMAN_H
#define _SYS_MMAN_H

#include <stddef.h>
#include <sys/types.h>
#include <uapi/sys/mman.h>

#define MAP_FAILED	((void *)-1)

void *mmap(void *addr, size_t len, int prot, int flags, int fd, off_t off);
int munmap(void *addr, size_t len);
int mprotect(void *addr, size_t len, int prot);

#endif /* _SYS_MMAN_H */
