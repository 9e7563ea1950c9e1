// SPDX-License-Identifier: MIT
/* Open files and the descriptor calls, each file through its file_ops. */
#define pr_fmt "file: "
#include <string.h>
#include <uapi/sys/file.h>
#include <vrm/errno.h>
#include <vrm/file.h>
#include <vrm/heap.h>
#include <vrm/path.h>
#include <vrm/ramfs.h>
#include <vrm/uaccess.h>
#include "../proc/task_impl.h"

void file_get(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *f)
{
	if (!__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		kfree(f);
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

	if (!f || (f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (!user_range_ok((void *)a[1], a[2]))
		return -EFAULT;
	return f->ops->read(f, (char *)a[1], a[2]);
}

long sys_write(const unsigned long *a)
{
	struct file *f = fd_file((long)a[0]);

	if (!f || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!user_range_ok((void *)a[1], a[2]))
		return -EFAULT;
	return f->ops->write(f, (const char *)a[1], a[2]);
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
	*f = (struct file){ .refs = 1, .ops = ramfs_ops(node), .data = node, .flags = flags };
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

	if (!f)
		return -EBADF;
	if (!f->ops->lseek)
		return -ESPIPE;
	if (a[2] != SEEK_SET && a[2] != SEEK_CUR && a[2] != SEEK_END)
		return -EINVAL;
	return f->ops->lseek(f, (long)a[1], (int)a[2]);
}

/* The request is the file's to decode: only the terminal has any. */
long sys_ioctl(const unsigned long *a)
{
	struct file *f = fd_file((long)a[0]);

	if (!f)
		return -EBADF;
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, (unsigned int)a[1], a[2]);
}

long sys_fstat(const unsigned long *a)
{
	struct file *f = fd_file((long)a[0]);
	struct stat st;

	if (!f)
		return -EBADF;
	f->ops->stat(f, &st);
	return copyout((void *)a[1], &st, sizeof(st));
}

long sys_stat(const unsigned long *a)
{
	const struct ramfs_node *node;
	struct stat st;
	long err = lookup((const char *)a[0], &node);

	if (err)
		return err;
	ramfs_stat(node, &st);
	return copyout((void *)a[1], &st, sizeof(st));
}

long sys_readdir(const unsigned long *a)
{
	struct file *f = fd_file((long)a[0]);

	if (!f)
		return -EBADF;
	if (!f->ops->readdir)
		return -ENOTDIR;
	if (!user_range_ok((void *)a[1], sizeof(struct dirent)))
		return -EFAULT;
	return f->ops->readdir(f, (struct dirent *)a[1]);
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
