// SPDX-License-Identifier: MIT
/* The initramfs as a read-only file system: an index over the cpio archive. */
#define pr_fmt "ramfs: "
#include <string.h>
#include <arch/memlayout.h>
#include <uapi/sys/file.h>
#include <vrm/cpio.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/file.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include <vrm/ramfs.h>
#include <vrm/uaccess.h>

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

/* The directory's entries one by one: *cookie starts at 0; NULL at the end. */
static const struct ramfs_node *next_child(const struct ramfs_node *dir, unsigned int *cookie)
{
	while (*cookie < nr_nodes) {
		const struct ramfs_node *n = &nodes[(*cookie)++];

		if (is_child(dir, n))
			return n;
	}
	return NULL;
}

/* The last component of a node's path. */
static const char *node_name(const struct ramfs_node *n)
{
	const char *slash = strrchr(n->path, '/');

	return slash ? slash + 1 : n->path;
}

void ramfs_stat(const struct ramfs_node *n, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	st->st_ino = n->ino;
	st->st_mode = n->mode;
	st->st_uid = n->uid;
	st->st_gid = n->gid;
	st->st_size = (off_t)n->size;
}

/* The open files: f->data is the node. */

static long reg_read(struct file *f, char *ubuf, size_t n)
{
	const struct ramfs_node *node = f->data;
	char buf[FILE_IO_CHUNK];
	size_t done = 0;

	if (f->pos >= node->size)
		return 0;
	n = n < node->size - f->pos ? n : node->size - f->pos;
	while (done < n) {
		size_t chunk = n - done < sizeof(buf) ? n - done : sizeof(buf);

		memcpy(buf, (const char *)node->data + f->pos + done, chunk);
		if (copyout(ubuf + done, buf, chunk))
			return -EFAULT;
		done += chunk;
	}
	f->pos += n;
	return (long)n;
}

static long dir_read(struct file *f, char *ubuf, size_t n)
{
	return -EISDIR;
}

static long read_only(struct file *f, const char *ubuf, size_t n)
{
	return -EROFS;
}

static long reg_lseek(struct file *f, long off, int whence)
{
	const struct ramfs_node *node = f->data;
	long base = whence == SEEK_SET ? 0 : whence == SEEK_CUR ? (long)f->pos : (long)node->size;

	if (off < -base)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return base + off;
}

static long dir_readdir(struct file *f, struct dirent *ud)
{
	unsigned int cookie = (unsigned int)f->pos;
	const struct ramfs_node *child = next_child(f->data, &cookie);
	struct dirent d;
	const char *name;
	size_t len;

	if (!child)
		return 0;
	memset(&d, 0, sizeof(d));
	d.d_ino = child->ino;
	name = node_name(child);
	len = strlen(name);
	memcpy(d.d_name, name, len < NAME_MAX ? len : NAME_MAX);
	if (copyout(ud, &d, sizeof(d)))
		return -EFAULT;
	f->pos = cookie;
	return 1;
}

static void node_stat(const struct file *f, struct stat *st)
{
	ramfs_stat(f->data, st);
}

static const struct file_ops reg_ops = {
	.read = reg_read, .write = read_only, .lseek = reg_lseek, .stat = node_stat,
};

static const struct file_ops dir_ops = {
	.read = dir_read, .write = read_only, .readdir = dir_readdir, .stat = node_stat,
};

const struct file_ops *ramfs_ops(const struct ramfs_node *n)
{
	return S_ISDIR(n->mode) ? &dir_ops : &reg_ops;
}
