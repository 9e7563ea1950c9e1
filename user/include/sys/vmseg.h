/* SPDX-License-Identifier: MIT */
/* Working-storage segments of the VMM, attached to the caller. */
#ifndef _SYS_VMSEG_H
#define _SYS_VMSEG_H

#include <stddef.h>
#include <uapi/sys/types.h>
#include <uapi/sys/vmseg.h>

/* A segment of size bytes (at most VMSEG_MAX), zero-filled; returns its
 * address and, if vmid is not NULL, its id; NULL with errno on failure. */
void *vmseg_create(size_t size, int flags, vmid_t *vmid);
int vmseg_delete(void *addr);

#endif /* _SYS_VMSEG_H */
