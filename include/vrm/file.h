/* SPDX-License-Identifier: MIT */
/* Open files: what each kind of file does, behind a table of operations. */
#ifndef VRM_FILE_H
#define VRM_FILE_H

#include <stddef.h>
#include <stdint.h>
#include <uapi/sys/file.h>

/* The most a read or a write moves through a kernel buffer at a time. */
#define FILE_IO_CHUNK	512

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
#endif
