/* SPDX-License-Identifier: MIT */
/* Reading a cpio archive in the "newc" format (what `cpio -H newc` writes
 * and what -initrd carries). Pure code: tested on the host. */
#ifndef VRM_CPIO_H
#define VRM_CPIO_H

#include <stddef.h>
#include <stdint.h>

struct cpio_entry {
	const char *name;	/* not NUL-terminated: namelen bytes */
	size_t namelen;
	uint32_t ino, mode, uid, gid;
	const void *data;
	size_t size;
};

/*
 * Reads the entry at *offset of the archive (len bytes) and moves *offset
 * past it. Returns 1 for an entry, 0 at the trailer, -EINVAL for a header
 * that is not newc, a field that is not hex, or a name or data running
 * past the end.
 */
int cpio_next(const void *archive, size_t len, size_t *offset, struct cpio_entry *e);
#endif
