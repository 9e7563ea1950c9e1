// SPDX-License-Identifier: MIT
/* The initramfs as a read-only tree: an index over the cpio archive. */
#define pr_fmt "ramfs: "
#include <string.h>
#include <arch/memlayout.h>
#include <uapi/sys/file.h>
#include <vrm/cpio.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include <vrm/ramfs.h>

static struct ramfs_node *nodes;
static unsigned int nr_nodes;
static const struct ramfs_node root = { .path = "", .ino = 0, .mode = S_IFDIR | 0755 };

/* "./bin/sh" and "bin/sh/" name the node "bin/sh". */
static char *normalize(const char *name, size_t len)
{
	char *path;

	for (;;) {
		if (len >= 2 && name[0] == '.' && name[1] == '/') {
			name += 2;
			len -= 2;
		} else if (len && name[0] == '/') {
			name++;
			len--;
		} else if (len == 1 && name[0] == '.') {
			len = 0;
		} else {
			break;
		}
	}
	while (len && name[len - 1] == '/')
		len--;
	path = kmalloc(len + 1);
	if (path) {
		memcpy(path, name, len);
		path[len] = 0;
	}
	return path;
}

int ramfs_init(void)
{
	struct dt_node chosen = dt_find_by_path(dt_root(), "/chosen");
	uint64_t start, end;
	size_t off = 0, count = 0, len;
	struct cpio_entry e;
	const void *archive;
	int rc;

	if (dt_prop_u64(chosen, "linux,initrd-start", &start) ||
	    dt_prop_u64(chosen, "linux,initrd-end", &end) || end <= start)
		return -ENOENT;
	archive = va(start);
	len = end - start;
	while ((rc = cpio_next(archive, len, &off, &e)) > 0)
		count++;
	if (rc < 0) {
		pr_err("corrupt archive at offset %zu of %zu\n", off, len);
		return -EINVAL;
	}
	nodes = kzalloc(count * sizeof(*nodes));
	if (count && !nodes)
		return -ENOMEM;
	off = 0;
	while (cpio_next(archive, len, &off, &e) > 0) {
		char *path = normalize(e.name, e.namelen);

		if (!path)
			return -ENOMEM;
		if (!*path) {
			kfree(path);
			continue;
		}
		nodes[nr_nodes++] = (struct ramfs_node){ path, e.ino, e.mode, e.uid, e.gid,
							 e.data, e.size };
	}
	pr_info("%u files, %zu bytes\n", nr_nodes, len);
	return 0;
}

const struct ramfs_node *ramfs_lookup(const char *path)
{
	while (*path == '/')
		path++;
	if (!*path)
		return &root;
	for (unsigned int i = 0; i < nr_nodes; i++)
		if (!strcmp(nodes[i].path, path))
			return &nodes[i];
	return NULL;
}

static bool is_child(const struct ramfs_node *dir, const struct ramfs_node *n)
{
	size_t dl = strlen(dir->path);
	const char *rest = n->path;

	if (dl) {
		if (strncmp(n->path, dir->path, dl) || n->path[dl] != '/')
			return false;
		rest += dl + 1;
	}
	return *rest && !strchr(rest, '/');
}

const struct ramfs_node *ramfs_next_child(const struct ramfs_node *dir, unsigned int *cookie)
{
	while (*cookie < nr_nodes) {
		const struct ramfs_node *n = &nodes[(*cookie)++];

		if (is_child(dir, n))
			return n;
	}
	return NULL;
}

const char *ramfs_basename(const struct ramfs_node *n)
{
	const char *slash = strrchr(n->path, '/');

	return slash ? slash + 1 : n->path;
}
