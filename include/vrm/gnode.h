/* SPDX-License-Identifier: MIT */
/* A generic file node: what vms_create makes a client segment for. */
#ifndef VRM_GNODE_H
#define VRM_GNODE_H

struct buf;

struct gnode {
	long gn_seg;				/* its segment, set by the file system */
	int (*gn_strategy)(struct buf *);	/* the file system's, as vm_mount got it */
	void *gn_data;				/* the file system's own */
};
#endif
