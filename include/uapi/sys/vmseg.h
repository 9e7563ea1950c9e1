/* SPDX-License-Identifier: MIT */
/*
 * vmseg_create(): a working-storage segment (a vms_create object of the
 * kernel's VMM, its VSID the returned vmid) attached to the caller at a
 * free 256 MB region. Not inherited over fork; detached and deleted by
 * vmseg_delete or at exit.
 */
#ifndef _UAPI_SYS_VMSEG_H
#define _UAPI_SYS_VMSEG_H

#define VMSEG_MAX	(256ul << 20)	/* at most one segment's size */
#define VMSEG_RDONLY	0x1		/* attach read-only */
#endif
