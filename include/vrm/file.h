/* SPDX-License-Identifier: MIT */
/* Open files behind a table of operations, and a task's descriptors. */
#ifndef VRM_FILE_H
#define VRM_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <uapi/sys/file.h>

/* The most a read or a write moves through a kernel buffer at a time. */
#define FILE_IO_CHUNK	512
#define FILES_MAX	32	/* descriptors of one task */
#define FS_PATH_MAX	256	/* a path a task names, and its working directory */

struct file;

/*
 * What one kind of file does: a file or a directory of the initramfs
 * (kernel/fs/ramfs.c), the terminal (kernel/fs/tty.c). Buffers are task
 * addresses: the caller has checked the descriptor's access mode and that
 * the range lies in task space, and the operation copies. read, write and
 * stat are always there; a missing lseek is -ESPIPE, a missing ioctl
 * -ENOTTY, a missing readdir -ENOTDIR.
 */
struct file_ops {
	long (*read)(struct file *f, char *ubuf, size_t n);
	long (*write)(struct file *f, const char *ubuf, size_t n);
	/* whence is SEEK_SET, SEEK_CUR or SEEK_END (checked); the new
	 * offset, or -EINVAL. */
	long (*lseek)(struct file *f, long off, int whence);
	long (*ioctl)(struct file *f, unsigned int request, unsigned long arg);
	/* The next entry, into the task's *ud: 1, or 0 after the last. */
	long (*readdir)(struct file *f, struct dirent *ud);
	void (*stat)(const struct file *f, struct stat *st);
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
	char cwd[FS_PATH_MAX];
};

/* exit: every descriptor closed. */
void files_close_all(struct files *files);
/* fork: the child shares each open file and starts in the same directory. */
void files_inherit(struct files *child, const struct files *parent);

/*
 * The file system calls, with their arguments as the task gave them:
 * descriptors, task pointers and lengths are checked here. A result >= 0,
 * or -EBADF, -EFAULT and the errors of open(2) and the like.
 */
long fs_read(struct files *files, long fd, char *ubuf, size_t n);
long fs_write(struct files *files, long fd, const char *ubuf, size_t n);
long fs_open(struct files *files, const char *upath, int flags);
long fs_close(struct files *files, long fd);
long fs_dup2(struct files *files, long fd, long to);
long fs_lseek(struct files *files, long fd, long off, long whence);
long fs_ioctl(struct files *files, long fd, unsigned int request, unsigned long arg);
long fs_fstat(struct files *files, long fd, struct stat *ust);
long fs_stat(struct files *files, const char *upath, struct stat *ust);
long fs_readdir(struct files *files, long fd, struct dirent *ud);
long fs_chdir(struct files *files, const char *upath);
long fs_getcwd(const struct files *files, char *ubuf, size_t size);
#endif
