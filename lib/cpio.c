// SPDX-License-Identifier: MIT
/* The cpio "newc" reader, for the initramfs. */

/* A 110-byte ASCII header, the name, the data, each of the three padded
 * to a multiple of 4 bytes from the start. */
#include <string.h>
#include <vrm/cpio.h>
#include <uapi/errno.h>

#define HEADER_SIZE	110
#define FIELD_CHARS	8
#define TRAILER		"TRAILER!!!"

enum field { F_INO, F_MODE, F_UID, F_GID, F_NLINK, F_MTIME, F_FILESIZE, F_DEVMAJOR,
	     F_DEVMINOR, F_RDEVMAJOR, F_RDEVMINOR, F_NAMESIZE, F_CHECK };

static int hex_field(const char *h, enum field f, uint32_t *out)
{
	const char *p = h + 6 + (size_t)f * FIELD_CHARS;
	uint32_t v = 0;

	for (int i = 0; i < FIELD_CHARS; i++) {
		char c = p[i];
		uint32_t d;

		if (c >= '0' && c <= '9')
			d = (uint32_t)(c - '0');
		else if (c >= 'a' && c <= 'f')
			d = (uint32_t)(c - 'a' + 10);
		else if (c >= 'A' && c <= 'F')
			d = (uint32_t)(c - 'A' + 10);
		else
			return -EINVAL;
		v = v << 4 | d;
	}
	*out = v;
	return 0;
}

static size_t align4(size_t n)
{
	return (n + 3) & ~(size_t)3;
}

int cpio_next(const void *archive, size_t len, size_t *offset, struct cpio_entry *e)
{
	const char *base = archive, *h;
	uint32_t namesize, filesize;
	size_t off = *offset, name_end, data_off;

	if (off > len || len - off < HEADER_SIZE)
		return -EINVAL;
	h = base + off;
	if (memcmp(h, "070701", 6) && memcmp(h, "070702", 6))
		return -EINVAL;
	if (hex_field(h, F_INO, &e->ino) || hex_field(h, F_MODE, &e->mode) ||
	    hex_field(h, F_UID, &e->uid) || hex_field(h, F_GID, &e->gid) ||
	    hex_field(h, F_FILESIZE, &filesize) || hex_field(h, F_NAMESIZE, &namesize))
		return -EINVAL;
	/* The name includes its NUL. */
	if (namesize == 0 || namesize > len - off - HEADER_SIZE)
		return -EINVAL;
	name_end = off + HEADER_SIZE + namesize;
	if (base[name_end - 1] != '\0')
		return -EINVAL;
	data_off = align4(name_end);
	if (data_off > len || filesize > len - data_off)
		return -EINVAL;
	e->name = h + HEADER_SIZE;
	e->namelen = namesize - 1;
	e->data = base + data_off;
	e->size = filesize;
	*offset = align4(data_off + filesize);
	if (e->namelen == sizeof(TRAILER) - 1 && !memcmp(e->name, TRAILER, e->namelen))
		return 0;
	return 1;
}
