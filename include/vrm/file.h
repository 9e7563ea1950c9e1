/* SPDX-License-Identifier: MIT */
/* Open files behind a table of operations, and a task's descriptors. */
#ifndef VRM_FILE_H
#define VRM_FILE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <uapi/sys/file.h>
#include <uapi/sys/ioctl.h>
#include <uapi/sys/select.h>

/* The most a read or a write moves through a kernel buffer at a time. */
#define FILE_IO_CHUNK	512
#define FILES_MAX	32	/* descriptors of one task */
#define FS_PATH_MAX	256	/* a path a task names, and its working directory */

struct file;
struct ramfs_node;

/*
 * What one kind of file does: a file or a directory of the initramfs
 * (kernel/fs/ramfs.c), the terminal (kernel/fs/tty.c). Buffers are task
 * addresses: the caller has checked the descriptor's access mode and that
 * the range lies in task space, and the operation copies. read, write and
 * stat are always there; a missing lseek is -ESPIPE, a missing ioctl
 * -ENOTTY, a missing readdir -ENOTDIR, a missing poll always ready.
 */
#define POLL_IN		0x1	/* a read would not sleep */
#define POLL_OUT	0x2	/* a write would not sleep */
struct file_ops {
	long (*read)(struct file *f, char *ubuf, size_t n);
	long (*write)(struct file *f, const char *ubuf, size_t n);
	/* whence is SEEK_SET, SEEK_CUR or SEEK_END (checked); the new
	 * offset, or -EINVAL. */
	long (*lseek)(struct file *f, long off, int whence);
	/* A request (<uapi/sys/ioctl.h>) on a kernel copy of its argument,
	 * whose encoding gives its size and direction: copied in before
	 * (IOC_IN), out after (IOC_OUT). ioctl_check, which comes with
	 * ioctl and changes nothing, refuses an unknown request or a value
	 * that is wrong for it with -EINVAL. */
	long (*ioctl_check)(unsigned int request, const void *arg);
	long (*ioctl)(struct file *f, unsigned int request, void *arg);
	/* The next entry, into the task's *ud: 1, or 0 after the last. */
	long (*readdir)(struct file *f, struct dirent *ud);
	void (*stat)(const struct file *f, struct stat *st);
	/* What the file could do now: POLL_IN, POLL_OUT. A file whose
	 * answer changes calls fs_poll_wake when it does. */
	unsigned int (*poll)(struct file *f);
};

struct file {
	int refs;			/* atomic: descriptors in every task */
	const struct file_ops *ops;
	const void *data;		/* its file system's: a ramfs node */
	uint64_t pos;			/* offset, or the next directory entry */
	int flags;			/* open's */
};

/* Another reference to f; the last file_put frees it. */
void file_get(struct file *f);
void file_put(struct file *f);

/*
 * A task's descriptors and working directory. fs/ keeps them and knows
 * no task: the task (kernel/proc/) embeds this and passes it in.
 */
struct files {
	struct file *fd[FILES_MAX];
	uint32_t cloexec;		/* bit fd: FD_CLOEXEC, closed by exec */
	char cwd[FS_PATH_MAX];
};
_Static_assert(FILES_MAX <= 32, "a descriptor's bit fits files.cloexec");
_Static_assert(FILES_MAX == FD_SETSIZE, "select's sets hold every descriptor");

/* exit: every descriptor closed. */
void files_close_all(struct files *files);
/* fork: the child shares each open file and starts in the same directory. */
void files_inherit(struct files *child, const struct files *parent);
/* exec: the descriptors marked FD_CLOEXEC closed. */
void files_exec(struct files *files);

/* Wakes select's sleepers: some file's poll answer changed. */
void fs_poll_wake(void);
/* A count that fs_poll_wake moves on; read it before asking the files. */
unsigned long fs_poll_seen(void);
/* Sleeps interruptibly until fs_poll_wake after seen, or deadline (0:
 * none): 0, -ETIMEDOUT, -EINTR. */
int fs_poll_wait(unsigned long seen, uint64_t deadline);

/*
 * The file system calls in the two steps of <vrm/syscall.h>. Each decode
 * takes the arguments as the task gave them, checks them against its
 * files (descriptors open with the access the call needs, task pointers
 * and lengths, paths resolved to what they name) and fills the call's
 * structure; it allocates nothing and takes no reference. The call then
 * acts on that structure: it looks a descriptor up again, and -EBADF
 * there means another thread closed it in between.
 */

/* read, write, fstat, readdir, getcwd: a descriptor and a task buffer. */
struct fs_io {
	int fd;
	void *ubuf;
	size_t n;
};

struct fs_open {
	const struct ramfs_node *node;	/* lives as long as the kernel */
	int flags;
};

/* close (fd), dup2 (fd onto to). */
struct fs_fds {
	int fd, to;
};

struct fs_seek {
	int fd, whence;
	long off;
};

struct fs_ioctl {
	int fd;
	unsigned int request;
	void *uarg;
	unsigned char arg[IOCPARM_MASK + 1] __attribute__((aligned(8)));
};

struct fs_stat {
	const struct ramfs_node *node;
	struct stat *ust;
};

/* select: nfds and the sets of readers, writers and exceptions asked about. */
struct fs_select {
	int nfds;
	fd_set in[3];
	fd_set *usets[3];		/* the task's, or NULL */
};

/* fcntl (fd, cmd, arg), the commands of <uapi/sys/fcntl.h>. */
struct fs_fcntl {
	int fd, cmd;
	long arg;
};

struct fs_cwd {
	char path[FS_PATH_MAX];		/* resolved */
};

/* Whether fd is an open descriptor. */
bool fs_fd_open(const struct files *files, long fd);
long fs_read_decode(const struct files *files, long fd, void *ubuf, size_t n, struct fs_io *args);
long fs_read(struct files *files, const struct fs_io *args);
long fs_write_decode(const struct files *files, long fd, const void *ubuf, size_t n,
		     struct fs_io *args);
long fs_write(struct files *files, const struct fs_io *args);
long fs_open_decode(const struct files *files, const char *upath, int flags, struct fs_open *args);
long fs_open(struct files *files, const struct fs_open *args);
long fs_close_decode(const struct files *files, long fd, struct fs_fds *args);
long fs_close(struct files *files, const struct fs_fds *args);
long fs_dup2_decode(const struct files *files, long fd, long to, struct fs_fds *args);
long fs_dup2(struct files *files, const struct fs_fds *args);
long fs_lseek_decode(const struct files *files, long fd, long off, long whence,
		     struct fs_seek *args);
long fs_lseek(struct files *files, const struct fs_seek *args);
long fs_ioctl_decode(const struct files *files, long fd, unsigned int request, unsigned long uarg,
		     struct fs_ioctl *args);
long fs_ioctl(struct files *files, struct fs_ioctl *args);
long fs_fstat_decode(const struct files *files, long fd, struct stat *ust, struct fs_io *args);
long fs_fstat(struct files *files, const struct fs_io *args);
long fs_stat_decode(const struct files *files, const char *upath, struct stat *ust,
		    struct fs_stat *args);
long fs_stat(const struct fs_stat *args);
long fs_readdir_decode(const struct files *files, long fd, struct dirent *ud, struct fs_io *args);
long fs_readdir(struct files *files, const struct fs_io *args);
long fs_chdir_decode(const struct files *files, const char *upath, struct fs_cwd *args);
void fs_chdir(struct files *files, const struct fs_cwd *args);
long fs_getcwd_decode(const struct files *files, char *ubuf, size_t size, struct fs_io *args);
long fs_getcwd(const struct files *files, const struct fs_io *args);
/* usets are the task's three sets (each may be NULL): copied in, nfds
 * checked (-EINVAL) and each descriptor asked about open (-EBADF). */
long fs_select_decode(const struct files *files, long nfds, fd_set *const usets[3],
		      struct fs_select *args);
/* The ready descriptors of args into out: how many, or -EBADF for one
 * closed since. */
long fs_select_scan(const struct files *files, const struct fs_select *args, fd_set out[3]);
/* out stored in the task's sets: 0 or -EFAULT. */
long fs_select_store(const struct fs_select *args, const fd_set out[3]);
long fs_fcntl_decode(const struct files *files, long fd, long cmd, long arg,
		     struct fs_fcntl *args);
long fs_fcntl(struct files *files, const struct fs_fcntl *args);
#endif
