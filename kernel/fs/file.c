// SPDX-License-Identifier: MIT
/* Open files and a task's descriptors, each file through its file_ops. */

/*
 * fs/ knows no task: a task (kernel/proc/) embeds its struct files and
 * hands it to the calls here, with the arguments of its system call.
 */
#define pr_fmt "file: "
#include <string.h>
#include <uapi/sys/file.h>
#include <vrm/errno.h>
#include <vrm/file.h>
#include <vrm/heap.h>
#include <vrm/path.h>
#include <vrm/ramfs.h>
#include <vrm/uaccess.h>

void file_get(struct file *f)
{
	__atomic_add_fetch(&f->refs, 1, __ATOMIC_RELAXED);
}

void file_put(struct file *f)
{
	if (!__atomic_sub_fetch(&f->refs, 1, __ATOMIC_ACQ_REL))
		kfree(f);
}

void files_close_all(struct files *files)
{
	for (int fd = 0; fd < FILES_MAX; fd++)
		if (files->fd[fd]) {
			file_put(files->fd[fd]);
			files->fd[fd] = NULL;
		}
}

void files_inherit(struct files *child, const struct files *parent)
{
	for (int fd = 0; fd < FILES_MAX; fd++)
		if (parent->fd[fd]) {
			file_get(parent->fd[fd]);
			child->fd[fd] = parent->fd[fd];
		}
	memcpy(child->cwd, parent->cwd, sizeof(child->cwd));
}

static struct file *fd_file(const struct files *files, long fd)
{
	return fd >= 0 && fd < FILES_MAX ? files->fd[fd] : NULL;
}

long fs_read(struct files *files, long fd, char *ubuf, size_t n)
{
	struct file *f = fd_file(files, fd);

	if (!f || (f->flags & O_ACCMODE) == O_WRONLY)
		return -EBADF;
	if (!user_range_ok(ubuf, n))
		return -EFAULT;
	return f->ops->read(f, ubuf, n);
}

long fs_write(struct files *files, long fd, const char *ubuf, size_t n)
{
	struct file *f = fd_file(files, fd);

	if (!f || (f->flags & O_ACCMODE) == O_RDONLY)
		return -EBADF;
	if (!user_range_ok(ubuf, n))
		return -EFAULT;
	return f->ops->write(f, ubuf, n);
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

/* The node a task's path names, resolved against the working directory. */
static long lookup(const struct files *files, const char *upath,
		   const struct ramfs_node **node)
{
	char path[FS_PATH_MAX], abs[FS_PATH_MAX];
	long len = copyinstr(path, upath, sizeof(path));

	if (len < 0)
		return len;
	len = path_resolve(files->cwd, path, abs, sizeof(abs));
	if (len < 0)
		return len;
	*node = ramfs_lookup(abs);
	return *node ? 0 : missing(abs);
}

static int fd_alloc(const struct files *files, int from)
{
	for (int fd = from; fd < FILES_MAX; fd++)
		if (!files->fd[fd])
			return fd;
	return -EMFILE;
}

long fs_open(struct files *files, const char *upath, int flags)
{
	const struct ramfs_node *node;
	struct file *f;
	int fd;
	long err = lookup(files, upath, &node);

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
	fd = fd_alloc(files, 0);
	if (fd < 0)
		return fd;
	f = kzalloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	*f = (struct file){ .refs = 1, .ops = ramfs_ops(node), .data = node, .flags = flags };
	files->fd[fd] = f;
	return fd;
}

long fs_close(struct files *files, long fd)
{
	struct file *f = fd_file(files, fd);

	if (!f)
		return -EBADF;
	files->fd[fd] = NULL;
	file_put(f);
	return 0;
}

long fs_dup2(struct files *files, long fd, long to)
{
	struct file *f = fd_file(files, fd);

	if (!f || to < 0 || to >= FILES_MAX)
		return -EBADF;
	if (files->fd[to] == f)
		return to;
	if (files->fd[to])
		file_put(files->fd[to]);
	file_get(f);
	files->fd[to] = f;
	return to;
}

long fs_lseek(struct files *files, long fd, long off, long whence)
{
	struct file *f = fd_file(files, fd);

	if (!f)
		return -EBADF;
	if (!f->ops->lseek)
		return -ESPIPE;
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		return -EINVAL;
	return f->ops->lseek(f, off, (int)whence);
}

/* The request is the file's to decode: only the terminal has any. */
long fs_ioctl(struct files *files, long fd, unsigned int request, unsigned long arg)
{
	struct file *f = fd_file(files, fd);

	if (!f)
		return -EBADF;
	if (!f->ops->ioctl)
		return -ENOTTY;
	return f->ops->ioctl(f, request, arg);
}

long fs_fstat(struct files *files, long fd, struct stat *ust)
{
	struct file *f = fd_file(files, fd);
	struct stat st;

	if (!f)
		return -EBADF;
	f->ops->stat(f, &st);
	return copyout(ust, &st, sizeof(st));
}

long fs_stat(struct files *files, const char *upath, struct stat *ust)
{
	const struct ramfs_node *node;
	struct stat st;
	long err = lookup(files, upath, &node);

	if (err)
		return err;
	ramfs_stat(node, &st);
	return copyout(ust, &st, sizeof(st));
}

long fs_readdir(struct files *files, long fd, struct dirent *ud)
{
	struct file *f = fd_file(files, fd);

	if (!f)
		return -EBADF;
	if (!f->ops->readdir)
		return -ENOTDIR;
	if (!user_range_ok(ud, sizeof(*ud)))
		return -EFAULT;
	return f->ops->readdir(f, ud);
}

long fs_chdir(struct files *files, const char *upath)
{
	char path[FS_PATH_MAX], abs[FS_PATH_MAX];
	long len = copyinstr(path, upath, sizeof(path));
	const struct ramfs_node *node;

	if (len < 0)
		return len;
	len = path_resolve(files->cwd, path, abs, sizeof(abs));
	if (len < 0)
		return len;
	node = ramfs_lookup(abs);
	if (!node)
		return -ENOENT;
	if (!S_ISDIR(node->mode))
		return -ENOTDIR;
	memcpy(files->cwd, abs, (size_t)len + 1);
	return 0;
}

long fs_getcwd(const struct files *files, char *ubuf, size_t size)
{
	size_t len = strlen(files->cwd);

	if (size < len + 1)
		return -ERANGE;
	if (copyout(ubuf, files->cwd, len + 1))
		return -EFAULT;
	return (long)len;
}
