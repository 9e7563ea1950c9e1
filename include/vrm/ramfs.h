/* SPDX-License-Identifier: MIT */
/* The initramfs: the cpio archive given with -initrd, read in place. */
#ifndef VRM_RAMFS_H
#define VRM_RAMFS_H

#include <stddef.h>
#include <stdint.h>
#include <uapi/sys/file.h>

struct file_ops;

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
/* What stat says of a node. */
void ramfs_stat(const struct ramfs_node *n, struct stat *st);
/* The operations of an open node: a directory's or a regular file's. */
const struct file_ops *ramfs_ops(const struct ramfs_node *n);
#endif
