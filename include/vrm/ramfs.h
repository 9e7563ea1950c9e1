/* SPDX-License-Identifier: MIT */
/* The initramfs: the cpio archive given with -initrd, read in place. */
#ifndef VRM_RAMFS_H
#define VRM_RAMFS_H

#include <stddef.h>
#include <stdint.h>

struct ramfs_node {
	const char *path;	/* without the leading '/': "" is the root */
	uint32_t ino, mode, uid, gid;
	const void *data;
	size_t size;
};

/* Indexes the archive /chosen names (linux,initrd-start/-end). 0, or a
 * negative errno: -ENOENT without an initrd, -EINVAL when it is corrupt
 * (logged with the offset). */
int ramfs_init(void);
/* The node of a normalized absolute path ("/bin/sh"), or NULL. */
const struct ramfs_node *ramfs_lookup(const char *path);
/* The directory's entries one by one: *cookie starts at 0; NULL at the end. */
const struct ramfs_node *ramfs_next_child(const struct ramfs_node *dir, unsigned int *cookie);
/* The last component of a node's path. */
const char *ramfs_basename(const struct ramfs_node *n);
#endif
