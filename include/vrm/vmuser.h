/* SPDX-License-Identifier: MIT */
/*
 * The AIX virtual memory kernel services (sys/vmuser.h): memory objects
 * are segments, a vmid_t is the segment id and the segment's VSID. As on
 * AIX, these services return 0 or a positive errno value.
 */
#ifndef VRM_VMUSER_H
#define VRM_VMUSER_H

#include <stdint.h>
#include <vrm/buf.h>
#include <vrm/gnode.h>

typedef long vmid_t;
typedef uint64_t vmhandle_t;
typedef char *caddr_t;

#define PAGESIZE	4096
#define PGSHIFT		12
#define SEGSIZE		(1ul << 28)		/* 256 MB */
#define PAGES_PER_SEG	(SEGSIZE / PAGESIZE)

/* vms_create type bits. */
#define V_CLIENT	0x1	/* client storage: pages come from a file system */
#define V_INTRSEG	0x2	/* a page wait on the object can be interrupted */
#define V_LARGE		0x4	/* size counts pages instead of bytes */

/* vm_mount device types. */
#define D_REMOTE	1	/* a file system's strategy routine */
#define D_PAGING	2	/* paging space (registered by the kernel) */

/* vm_handle keys. */
#define VM_KEY_UNLIMITED	0
#define VM_KEY_LIMITED		1	/* read-only access */

/*
 * Creates a client segment for the file of `gn`. `size` is the file size
 * in bytes (pages with V_LARGE) and bounds what vms_delete processes;
 * uplim and downlim are ignored. 0; EINVAL for a type without V_CLIENT,
 * unknown bits, a NULL gnode or a bad size; ENODEV when the paging device
 * table has no entry for the gnode's strategy; ENOMEM when no segment can
 * be had.
 */
int vms_create(vmid_t *vmid, int type, struct gnode *gn, int size, int uplim, int downlim);
/* Deletes the segment: its frames and paging-space copies are freed at
 * once; its id is reused after the last detach. 0 or EINVAL. */
int vms_delete(vmid_t vmid);

/* A handle for vm_att: the segment with an access key (0 unlimited, 1
 * read-only). */
vmhandle_t vm_handle(vmid_t vmid, int key);
/* Maps the handle's segment into a free region of the current address
 * space and returns the address of `offset` in it (its offset within the
 * 256 MB region). NULL, with a log line, for a deleted or unknown segment
 * and when no region is free (where AIX documents a crash). */
caddr_t vm_att(vmhandle_t handle, caddr_t offset);
/* Unmaps the region holding addr, on every CPU. */
void vm_det(caddr_t addr);

/* Adds a file system's strategy routine to the paging device table with
 * nbufs buf structures for its requests: 0, EINVAL for a bad type or a
 * strategy already mounted, ENOMEM. */
int vm_mount(int type, int (*strategy)(struct buf *), int nbufs);
/* Removes it once its I/O is finished: 0, EINVAL when never mounted,
 * EBUSY while a segment still uses it. */
int vm_umount(int type, int (*strategy)(struct buf *));

/* Makes page pno of a client segment resident without reading it: 0,
 * EINVAL for a bad segment type or page number, ENOMEM. */
int vm_makep(vmid_t vmid, int pno);
/* Starts write-back of the modified pages among npages from pfirst: 0 or
 * EINVAL. */
int vm_writep(vmid_t vmid, int pfirst, int npages);
/* Waits for the segment's page-outs in flight: 0, EIO if one failed,
 * EINVAL. */
int vms_iowait(vmid_t vmid);
/* Discards the frames of npages from pfirst without writing them: 0 or
 * EINVAL. */
int vm_releasep(vmid_t vmid, int pfirst, int npages);
#endif
