// SPDX-License-Identifier: MIT
/* Open files and the descriptor calls: the console (tty.c) and
 * the initramfs. */
#define pr_fmt "file: "
#include <string.h>
#include <uapi/sys/file.h>
#include <vrm/console.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/path.h>
#include <vrm/ramfs.h>
#include <vrm/tty.h>
#include <vrm/uaccess.h>
#include "../proc/task_impl.h"

#define IO_CHUNK	512

enum file_kind { FILE_CONSOLE, FILE_RAMFS };

struct file {
	int refs;		/* atomic: descriptors in every task */
	enum file_kind kind;
	const struct ramfs_node *node;
	uint64_t pos;		/* offset, or the next directory entry */
	int flags;
};

static struct file console_file = { .refs = 1, .kind = FILE_CONSOLE, .flags = O_RDWR };

void file_get(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *f)
{
	if (!__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		kfree(f);
}

struct file *file_console(void)
{
	file_get(&console_file);
	return &console_file;
}

void files_close_all(struct task *t)
{
	for (int fd = 0; fd < TASK_FILES; fd++)
		if (t->files[fd]) {
			file_put(t->files[fd]);
			t->files[fd] = NULL;
		}
}

void files_inherit(struct task *child, const struct task *parent)
{
	for (int fd = 0; fd < TASK_FILES; fd++)
		if (parent->files[fd]) {
			file_get(parent->files[fd]);
			child->files[fd] = parent->files[fd];
		}
}

static struct file *fd_file(long fd)
{
	struct task *t = current_task();

	return fd >= 0 && fd < TASK_FILES ? t->files[fd] : NULL;
}

long sys_read(const unsigned long *a)
{
	struct file *f = fd_file((long)a[0]);
	char buf[IO_CHUNK];
	size_t n = a[2], done = 0;
	long got;

	if (!f || (f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (!user_range_ok((void *)a[1], n))
		return -EFAULT;
	if (f->kind == FILE_RAMFS && S_ISDIR(f->node->mode))
		return -EISDIR;
	if (f->kind == FILE_CONSOLE) {
		got = tty_read(buf, n < sizeof(buf) ? n : sizeof(buf));
		if (got > 0 && copyout((void *)a[1], buf, (size_t)got))
			return -EFAULT;
		return got;
	}
	if (f->pos >= f->node->size)
		return 0;
	n = n < f->node->size - f->pos ? n : f->node->size - f->pos;
	while (done < n) {
		size_t chunk = n - done < sizeof(buf) ? n - done : sizeof(buf);

		memcpy(buf, (const char *)f->node->data + f->pos + done, chunk);
		if (copyout((char *)a[1] + done, buf, chunk))
			return -EFAULT;
		done += chunk;
	}
	f->pos += n;
	return (long)n;
}

long sys_write(const unsigned long *a)
{
	struct file *f = fd_file((long)a[0]);
	char buf[IO_CHUNK];
	size_t n = a[2], done = 0;

	if (!f || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!user_range_ok((void *)a[1], n))
		return -EFAULT;
	if (f->kind != FILE_CONSOLE)
		return -EROFS;
	while (done < n) {
		size_t chunk = n - done < sizeof(buf) ? n - done : sizeof(buf);

		if (copyin(buf, (const char *)a[1] + done, chunk))
			return done ? (long)done : -EFAULT;
		console_write(buf, chunk);
		done += chunk;
	}
	return (long)n;
}

/* Why a normalized path names nothing: a file where a directory should
 * be on the way (ENOTDIR), or no such entry (ENOENT). */
static long missing(char *abs)
{
	for (char *slash = strchr(abs + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
		const struct ramfs_node *n;

		*slash = 0;
		n = ramfs_lookup(abs);
		*slash = '/';
		if (!n)
			return -ENOENT;
		if (!S_ISDIR(n->mode))
			return -ENOTDIR;
	}
	return -ENOENT;
}

/* The node a user path names, resolved against the working directory. */
static long lookup(const char *upath, const struct ramfs_node **node)
{
	char path[TASK_CWD_MAX], abs[TASK_CWD_MAX];
	long len = copyinstr(path, upath, sizeof(path));

	if (len < 0)
		return len;
	len = path_resolve(current_task()->cwd, path, abs, sizeof(abs));
	if (len < 0)
		return len;
	*node = ramfs_lookup(abs);
	return *node ? 0 : missing(abs);
}

static int fd_alloc(struct task *t, int from)
{
	for (int fd = from; fd < TASK_FILES; fd++)
		if (!t->files[fd])
			return fd;
	return -EMFILE;
}

long sys_open(const unsigned long *a)
{
	struct task *t = current_task();
	const struct ramfs_node *node;
	int flags = (int)a[1], fd;
	struct file *f;
	long err = lookup((const char *)a[0], &node);

	if (err == -ENOENT && (flags & O_CREAT))
		return -EROFS;
	if (err)
		return err;
	if ((flags & O_ACCMODE) != O_RDONLY || (flags & O_TRUNC))
		return -EROFS;
	if ((flags & O_DIRECTORY) && !S_ISDIR(node->mode))
		return -ENOTDIR;
	if ((flags & O_CREAT) && (flags & O_EXCL))
		return -EEXIST;
	fd = fd_alloc(t, 0);
	if (fd < 0)
		return fd;
	f = kzalloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	*f = (struct file){ .refs = 1, .kind = FILE_RAMFS, .node = node, .flags = flags };
	t->files[fd] = f;
	return fd;
}

long sys_close(const unsigned long *a)
{
	struct task *t = current_task();
	struct file *f = fd_file((long)a[0]);

	if (!f)
		return -EBADF;
	t->files[a[0]] = NULL;
	file_put(f);
	return 0;
}

long sys_dup2(const unsigned long *a)
{
	struct task *t = current_task();
	struct file *f = fd_file((long)a[0]);
	long to = (long)a[1];

	if (!f || to < 0 || to >= TASK_FILES)
		return -EBADF;
	if (t->files[to] == f)
		return to;
	if (t->files[to])
		file_put(t->files[to]);
	file_get(f);
	t->files[to] = f;
	return to;
}

long sys_lseek(const unsigned long *a)
{
	struct file *f = fd_file((long)a[0]);
	long off = (long)a[1], base;

	if (!f)
		return -EBADF;
	if (f->kind != FILE_RAMFS || S_ISDIR(f->node->mode))
		return -ESPIPE;
	switch (a[2]) {
	case SEEK_SET:
		base = 0;
		break;
	case SEEK_CUR:
		base = (long)f->pos;
		break;
	case SEEK_END:
		base = (long)f->node->size;
		break;
	default:
		return -EINVAL;
	}
	if (off < -base)
		return -EINVAL;
	f->pos = (uint64_t)(base + off);
	return base + off;
}

/* Only the console is a terminal; the request is its to decode. */
long sys_ioctl(const unsigned long *a)
{
	struct file *f = fd_file((long)a[0]);

	if (!f)
		return -EBADF;
	if (f->kind != FILE_CONSOLE)
		return -ENOTTY;
	return tty_ioctl((unsigned int)a[1], a[2]);
}

static void stat_of(const struct file *f, struct stat *st)
{
	memset(st, 0, sizeof(*st));
	if (f->kind == FILE_CONSOLE) {
		st->st_mode = S_IFCHR | 0620;
		return;
	}
	st->st_ino = f->node->ino;
	st->st_mode = f->node->mode;
	st->st_uid = f->node->uid;
	st->st_gid = f->node->gid;
	st->st_size = (off_t)f->node->size;
}

long sys_fstat(const unsigned long *a)
{
	struct file *f = fd_file((long)a[0]);
	struct stat st;

	if (!f)
		return -EBADF;
	stat_of(f, &st);
	return copyout((void *)a[1], &st, sizeof(st));
}

long sys_stat(const unsigned long *a)
{
	const struct ramfs_node *node;
	struct file f = { .kind = FILE_RAMFS };
	struct stat st;
	long err = lookup((const char *)a[0], &node);

	if (err)
		return err;
	f.node = node;
	stat_of(&f, &st);
	return copyout((void *)a[1], &st, sizeof(st));
}

long sys_readdir(const unsigned long *a)
{
	struct file *f = fd_file((long)a[0]);
	const struct ramfs_node *child;
	unsigned int cookie;
	struct dirent d;
	const char *name;
	size_t len;

	if (!f)
		return -EBADF;
	if (f->kind != FILE_RAMFS || !S_ISDIR(f->node->mode))
		return -ENOTDIR;
	if (!user_range_ok((void *)a[1], sizeof(d)))
		return -EFAULT;
	cookie = (unsigned int)f->pos;
	child = ramfs_next_child(f->node, &cookie);
	if (!child)
		return 0;
	memset(&d, 0, sizeof(d));
	d.d_ino = child->ino;
	name = ramfs_basename(child);
	len = strlen(name);
	memcpy(d.d_name, name, len < NAME_MAX ? len : NAME_MAX);
	if (copyout((void *)a[1], &d, sizeof(d)))
		return -EFAULT;
	f->pos = cookie;
	return 1;
}

long sys_chdir(const unsigned long *a)
{
	char path[TASK_CWD_MAX], abs[TASK_CWD_MAX];
	struct task *t = current_task();
	long len = copyinstr(path, (const char *)a[0], sizeof(path));
	const struct ramfs_node *node;

	if (len < 0)
		return len;
	len = path_resolve(t->cwd, path, abs, sizeof(abs));
	if (len < 0)
		return len;
	node = ramfs_lookup(abs);
	if (!node)
		return -ENOENT;
	if (!S_ISDIR(node->mode))
		return -ENOTDIR;
	memcpy(t->cwd, abs, (size_t)len + 1);
	return 0;
}

long sys_getcwd(const unsigned long *a)
{
	struct task *t = current_task();
	size_t len = strlen(t->cwd);

	if (a[1] < len + 1)
		return -ERANGE;
	if (copyout((void *)a[0], t->cwd, len + 1))
		return -EFAULT;
	return (long)len;
}
