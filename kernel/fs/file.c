// SPDX-License-Identifier: MIT
/* Open files and a task's descriptors, each file through its file_ops. */

/*
 * fs/ knows no task: a task (kernel/proc/) embeds its struct files and
 * hands it to the calls here, with the arguments of its system call.
 */
#define pr_fmt "file: "
#include <string.h>
#include <uapi/sys/fcntl.h>
#include <uapi/sys/file.h>
#include <uapi/sys/ioctl.h>
#include <vrm/errno.h>
#include <vrm/file.h>
#include <vrm/heap.h>
#include <vrm/path.h>
#include <vrm/ramfs.h>
#include <vrm/uaccess.h>
#include <vrm/wait.h>

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
	files->cloexec = 0;
}

void files_exec(struct files *files)
{
	for (int fd = 0; fd < FILES_MAX; fd++)
		if (files->cloexec & (1u << fd)) {
			file_put(files->fd[fd]);
			files->fd[fd] = NULL;
		}
	files->cloexec = 0;
}

void files_inherit(struct files *child, const struct files *parent)
{
	for (int fd = 0; fd < FILES_MAX; fd++)
		if (parent->fd[fd]) {
			file_get(parent->fd[fd]);
			child->fd[fd] = parent->fd[fd];
		}
	child->cloexec = parent->cloexec;
	memcpy(child->cwd, parent->cwd, sizeof(child->cwd));
}

static struct file *fd_file(const struct files *files, long fd)
{
	return fd >= 0 && fd < FILES_MAX ? files->fd[fd] : NULL;
}

bool fs_fd_open(const struct files *files, long fd)
{
	return fd_file(files, fd) != NULL;
}

/* The file of fd unless it is closed or open only for refused_mode. */
static struct file *open_but(const struct files *files, long fd, int refused_mode)
{
	struct file *f = fd_file(files, fd);

	return f && (f->flags & O_ACCMODE) != refused_mode ? f : NULL;
}

static long io_decode(const struct files *files, long fd, int refused_mode, void *ubuf, size_t n,
		      struct fs_io *args)
{
	if (!open_but(files, fd, refused_mode))
		return -EBADF;
	if (!user_range_ok(ubuf, n))
		return -EFAULT;
	*args = (struct fs_io){ (int)fd, ubuf, n };
	return 0;
}

long fs_read_decode(const struct files *files, long fd, void *ubuf, size_t n, struct fs_io *args)
{
	return io_decode(files, fd, O_WRONLY, ubuf, n, args);
}

long fs_read(struct files *files, const struct fs_io *args)
{
	struct file *f = open_but(files, args->fd, O_WRONLY);

	return f ? f->ops->read(f, args->ubuf, args->n) : -EBADF;
}

long fs_write_decode(const struct files *files, long fd, const void *ubuf, size_t n,
		     struct fs_io *args)
{
	return io_decode(files, fd, O_RDONLY, (void *)ubuf, n, args);
}

long fs_write(struct files *files, const struct fs_io *args)
{
	struct file *f = open_but(files, args->fd, O_RDONLY);

	return f ? f->ops->write(f, args->ubuf, args->n) : -EBADF;
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

/* A task's path, copied in and resolved against the working directory
 * into abs: its length, or -EFAULT, -ENAMETOOLONG. */
static long resolve(const struct files *files, const char *upath, char abs[FS_PATH_MAX])
{
	char path[FS_PATH_MAX];
	long len = copyinstr(path, upath, sizeof(path));

	if (len < 0)
		return len;
	return path_resolve(files->cwd, path, abs, FS_PATH_MAX);
}

/* The node a task's path names. */
static long lookup(const struct files *files, const char *upath,
		   const struct ramfs_node **node)
{
	char abs[FS_PATH_MAX];
	long len = resolve(files, upath, abs);

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

long fs_open_decode(const struct files *files, const char *upath, int flags, struct fs_open *args)
{
	const struct ramfs_node *node;
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
	if (fd_alloc(files, 0) < 0)
		return -EMFILE;
	*args = (struct fs_open){ node, flags };
	return 0;
}

long fs_open(struct files *files, const struct fs_open *args)
{
	int fd = fd_alloc(files, 0);
	struct file *f;

	if (fd < 0)
		return fd;
	f = kzalloc(sizeof(*f));
	if (!f)
		return -ENOMEM;
	*f = (struct file){ .refs = 1, .ops = ramfs_ops(args->node), .data = args->node,
			    .flags = args->flags };
	files->fd[fd] = f;
	return fd;
}

long fs_close_decode(const struct files *files, long fd, struct fs_fds *args)
{
	if (!fd_file(files, fd))
		return -EBADF;
	*args = (struct fs_fds){ (int)fd, (int)fd };
	return 0;
}

long fs_close(struct files *files, const struct fs_fds *args)
{
	struct file *f = fd_file(files, args->fd);

	if (!f)
		return -EBADF;
	files->fd[args->fd] = NULL;
	files->cloexec &= ~(1u << args->fd);
	file_put(f);
	return 0;
}

long fs_dup2_decode(const struct files *files, long fd, long to, struct fs_fds *args)
{
	if (!fd_file(files, fd) || to < 0 || to >= FILES_MAX)
		return -EBADF;
	*args = (struct fs_fds){ (int)fd, (int)to };
	return 0;
}

long fs_dup2(struct files *files, const struct fs_fds *args)
{
	struct file *f = fd_file(files, args->fd);

	if (!f)
		return -EBADF;
	if (files->fd[args->to] == f)
		return args->to;
	if (files->fd[args->to])
		file_put(files->fd[args->to]);
	file_get(f);
	files->fd[args->to] = f;
	files->cloexec &= ~(1u << args->to);
	return args->to;
}

/* A file that can seek: -EBADF, -ESPIPE. */
static long seekable(const struct files *files, long fd, struct file **f)
{
	*f = fd_file(files, fd);
	if (!*f)
		return -EBADF;
	return (*f)->ops->lseek ? 0 : -ESPIPE;
}

long fs_lseek_decode(const struct files *files, long fd, long off, long whence,
		     struct fs_seek *args)
{
	struct file *f;
	long err = seekable(files, fd, &f);

	if (err)
		return err;
	if (whence != SEEK_SET && whence != SEEK_CUR && whence != SEEK_END)
		return -EINVAL;
	*args = (struct fs_seek){ (int)fd, (int)whence, off };
	return 0;
}

long fs_lseek(struct files *files, const struct fs_seek *args)
{
	struct file *f;
	long err = seekable(files, args->fd, &f);

	return err ? err : f->ops->lseek(f, args->off, args->whence);
}

/* The size of a request's argument, from its encoding. */
static size_t ioc_len(unsigned int request)
{
	return (request >> 16) & IOCPARM_MASK;
}

/* The request is the file's to check: only the terminal has any. */
long fs_ioctl_decode(const struct files *files, long fd, unsigned int request, unsigned long uarg,
		     struct fs_ioctl *args)
{
	const struct file *f = fd_file(files, fd);
	size_t len = ioc_len(request);

	if (!f)
		return -EBADF;
	if (!f->ops->ioctl)
		return -ENOTTY;
	if ((request & IOC_IN) && copyin(args->arg, (const void *)uarg, len))
		return -EFAULT;
	if ((request & IOC_OUT) && !user_range_ok((void *)uarg, len))
		return -EFAULT;
	args->fd = (int)fd;
	args->request = request;
	args->uarg = (void *)uarg;
	return f->ops->ioctl_check(request, args->arg);
}

long fs_ioctl(struct files *files, struct fs_ioctl *args)
{
	struct file *f = fd_file(files, args->fd);
	long ret;

	if (!f || !f->ops->ioctl)
		return f ? -ENOTTY : -EBADF;
	ret = f->ops->ioctl(f, args->request, args->arg);
	if (ret >= 0 && (args->request & IOC_OUT) &&
	    copyout(args->uarg, args->arg, ioc_len(args->request)))
		return -EFAULT;
	return ret;
}

long fs_fstat_decode(const struct files *files, long fd, struct stat *ust, struct fs_io *args)
{
	if (!fd_file(files, fd))
		return -EBADF;
	if (!user_range_ok(ust, sizeof(*ust)))
		return -EFAULT;
	*args = (struct fs_io){ (int)fd, ust, sizeof(*ust) };
	return 0;
}

long fs_fstat(struct files *files, const struct fs_io *args)
{
	struct file *f = fd_file(files, args->fd);
	struct stat st;

	if (!f)
		return -EBADF;
	f->ops->stat(f, &st);
	return copyout(args->ubuf, &st, sizeof(st));
}

long fs_stat_decode(const struct files *files, const char *upath, struct stat *ust,
		    struct fs_stat *args)
{
	long err = lookup(files, upath, &args->node);

	if (err)
		return err;
	if (!user_range_ok(ust, sizeof(*ust)))
		return -EFAULT;
	args->ust = ust;
	return 0;
}

long fs_stat(const struct fs_stat *args)
{
	struct stat st;

	ramfs_stat(args->node, &st);
	return copyout(args->ust, &st, sizeof(st));
}

/* A directory open at fd: -EBADF, -ENOTDIR. */
static long listable(const struct files *files, long fd, struct file **f)
{
	*f = fd_file(files, fd);
	if (!*f)
		return -EBADF;
	return (*f)->ops->readdir ? 0 : -ENOTDIR;
}

long fs_readdir_decode(const struct files *files, long fd, struct dirent *ud, struct fs_io *args)
{
	struct file *f;
	long err = listable(files, fd, &f);

	if (err)
		return err;
	if (!user_range_ok(ud, sizeof(*ud)))
		return -EFAULT;
	*args = (struct fs_io){ (int)fd, ud, sizeof(*ud) };
	return 0;
}

long fs_readdir(struct files *files, const struct fs_io *args)
{
	struct file *f;
	long err = listable(files, args->fd, &f);

	return err ? err : f->ops->readdir(f, args->ubuf);
}

long fs_chdir_decode(const struct files *files, const char *upath, struct fs_cwd *args)
{
	long len = resolve(files, upath, args->path);
	const struct ramfs_node *node;

	if (len < 0)
		return len;
	node = ramfs_lookup(args->path);
	if (!node)
		return -ENOENT;
	if (!S_ISDIR(node->mode))
		return -ENOTDIR;
	return 0;
}

void fs_chdir(struct files *files, const struct fs_cwd *args)
{
	strcpy(files->cwd, args->path);
}

/* ERANGE when the working directory and its NUL do not fit size bytes. */
static long cwd_fits(const struct files *files, size_t size)
{
	return size < strlen(files->cwd) + 1 ? -ERANGE : 0;
}

long fs_getcwd_decode(const struct files *files, char *ubuf, size_t size, struct fs_io *args)
{
	long err = cwd_fits(files, size);

	if (err)
		return err;
	if (!user_range_ok(ubuf, strlen(files->cwd) + 1))
		return -EFAULT;
	*args = (struct fs_io){ -1, ubuf, size };
	return 0;
}

long fs_getcwd(const struct files *files, const struct fs_io *args)
{
	size_t len = strlen(files->cwd);
	long err = cwd_fits(files, args->n);

	if (err)
		return err;
	if (copyout(args->ubuf, files->cwd, len + 1))
		return -EFAULT;
	return (long)len;
}

/* select's sleepers, woken when a file's poll answer may have changed. */
static struct wait_queue pollers = WAIT_QUEUE_INIT;
static unsigned long poll_events;

void fs_poll_wake(void)
{
	__atomic_add_fetch(&poll_events, 1, __ATOMIC_RELEASE);
	wake_all(&pollers);
}

unsigned long fs_poll_seen(void)
{
	return __atomic_load_n(&poll_events, __ATOMIC_ACQUIRE);
}

static bool poll_moved(void *arg)
{
	return fs_poll_seen() != *(const unsigned long *)arg;
}

int fs_poll_wait(unsigned long seen, uint64_t deadline)
{
	return wait_event(&pollers, poll_moved, &seen, WAIT_INTERRUPTIBLE, deadline);
}

static bool fd_isset(const fd_set *set, int fd)
{
	return set->fds_bits[fd / 64] & (1ul << (fd % 64));
}

/* Each descriptor below nfds in a set must be open. */
static long sets_open(const struct files *files, const struct fs_select *args)
{
	for (int fd = 0; fd < args->nfds; fd++)
		for (int i = 0; i < 3; i++)
			if (fd_isset(&args->in[i], fd) && !files->fd[fd])
				return -EBADF;
	return 0;
}

long fs_select_decode(const struct files *files, long nfds, fd_set *const usets[3],
		      struct fs_select *args)
{
	if (nfds < 0 || nfds > FD_SETSIZE)
		return -EINVAL;
	memset(args, 0, sizeof(*args));
	args->nfds = (int)nfds;
	for (int i = 0; i < 3; i++) {
		args->usets[i] = usets[i];
		if (usets[i] && copyin(&args->in[i], usets[i], sizeof(fd_set)))
			return -EFAULT;
	}
	return sets_open(files, args);
}

long fs_select_scan(const struct files *files, const struct fs_select *args, fd_set out[3])
{
	long ready = 0, err = sets_open(files, args);

	if (err)
		return err;
	memset(out, 0, 3 * sizeof(fd_set));
	for (int fd = 0; fd < args->nfds; fd++) {
		struct file *f = files->fd[fd];
		unsigned int can;

		if (!fd_isset(&args->in[0], fd) && !fd_isset(&args->in[1], fd))
			continue;
		if (!f)
			return -EBADF;
		can = f->ops->poll ? f->ops->poll(f) : POLL_IN | POLL_OUT;
		/* No file has an exceptional condition. */
		for (int i = 0; i < 2; i++)
			if (fd_isset(&args->in[i], fd) && (can & (i ? POLL_OUT : POLL_IN))) {
				out[i].fds_bits[fd / 64] |= 1ul << (fd % 64);
				ready++;
			}
	}
	return ready;
}

long fs_select_store(const struct fs_select *args, const fd_set out[3])
{
	for (int i = 0; i < 3; i++)
		if (args->usets[i] && copyout(args->usets[i], &out[i], sizeof(fd_set)))
			return -EFAULT;
	return 0;
}

long fs_fcntl_decode(const struct files *files, long fd, long cmd, long arg,
		     struct fs_fcntl *args)
{
	if (!fd_file(files, fd))
		return -EBADF;
	switch (cmd) {
	case F_DUPFD:
		if (arg < 0 || arg >= FILES_MAX)
			return -EINVAL;
		break;
	case F_GETFD:
	case F_GETFL:
		break;
	case F_SETFD:
		if (arg & ~(long)FD_CLOEXEC)
			return -EINVAL;
		break;
	case F_SETFL:
		break;
	default:
		return -EINVAL;
	}
	*args = (struct fs_fcntl){ (int)fd, (int)cmd, arg };
	return 0;
}

/* The flags F_SETFL changes; it leaves the others as open set them. */
#define SETFL_FLAGS	(O_NONBLOCK | O_APPEND)

long fs_fcntl(struct files *files, const struct fs_fcntl *args)
{
	struct file *f = fd_file(files, args->fd);
	int to;

	if (!f)
		return -EBADF;
	switch (args->cmd) {
	case F_DUPFD:
		to = fd_alloc(files, (int)args->arg);
		if (to < 0)
			return to;
		file_get(f);
		files->fd[to] = f;
		files->cloexec &= ~(1u << to);
		return to;
	case F_GETFD:
		return files->cloexec & (1u << args->fd) ? FD_CLOEXEC : 0;
	case F_SETFD:
		if (args->arg & FD_CLOEXEC)
			files->cloexec |= 1u << args->fd;
		else
			files->cloexec &= ~(1u << args->fd);
		return 0;
	case F_GETFL:
		return f->flags;
	default:
		f->flags = (f->flags & ~SETFL_FLAGS) | ((int)args->arg & SETFL_FLAGS);
		return 0;
	}
}
