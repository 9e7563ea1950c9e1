// SPDX-License-Identifier: MIT
/* The file system calls: each hands its registers and the caller's files to fs/'s two steps. */
#include <uapi/sys/syscall.h>
#include <vrm/file.h>
#include <vrm/kernel.h>
#include "syscalls.h"

static struct files *mine(void)
{
	return &current_task()->files;
}

SYSCALL(read, struct fs_io)

static long read_decode(const unsigned long *a, struct fs_io *args)
{
	return fs_read_decode(mine(), (long)a[0], (void *)a[1], a[2], args);
}

static long read_invoke(struct fs_io *args)
{
	return fs_read(mine(), args);
}

SYSCALL(write, struct fs_io)

static long write_decode(const unsigned long *a, struct fs_io *args)
{
	return fs_write_decode(mine(), (long)a[0], (const void *)a[1], a[2], args);
}

static long write_invoke(struct fs_io *args)
{
	return fs_write(mine(), args);
}

SYSCALL(open, struct fs_open)

static long open_decode(const unsigned long *a, struct fs_open *args)
{
	return fs_open_decode(mine(), (const char *)a[0], (int)a[1], args);
}

static long open_invoke(struct fs_open *args)
{
	return fs_open(mine(), args);
}

SYSCALL(close, struct fs_fds)

static long close_decode(const unsigned long *a, struct fs_fds *args)
{
	return fs_close_decode(mine(), (long)a[0], args);
}

static long close_invoke(struct fs_fds *args)
{
	return fs_close(mine(), args);
}

SYSCALL(dup2, struct fs_fds)

static long dup2_decode(const unsigned long *a, struct fs_fds *args)
{
	return fs_dup2_decode(mine(), (long)a[0], (long)a[1], args);
}

static long dup2_invoke(struct fs_fds *args)
{
	return fs_dup2(mine(), args);
}

SYSCALL(lseek, struct fs_seek)

static long lseek_decode(const unsigned long *a, struct fs_seek *args)
{
	return fs_lseek_decode(mine(), (long)a[0], (long)a[1], (long)a[2], args);
}

static long lseek_invoke(struct fs_seek *args)
{
	return fs_lseek(mine(), args);
}

SYSCALL(ioctl, struct fs_ioctl)

static long ioctl_decode(const unsigned long *a, struct fs_ioctl *args)
{
	return fs_ioctl_decode(mine(), (long)a[0], (unsigned int)a[1], a[2], args);
}

static long ioctl_invoke(struct fs_ioctl *args)
{
	return fs_ioctl(mine(), args);
}

SYSCALL(fstat, struct fs_io)

static long fstat_decode(const unsigned long *a, struct fs_io *args)
{
	return fs_fstat_decode(mine(), (long)a[0], (struct stat *)a[1], args);
}

static long fstat_invoke(struct fs_io *args)
{
	return fs_fstat(mine(), args);
}

SYSCALL(stat, struct fs_stat)

static long stat_decode(const unsigned long *a, struct fs_stat *args)
{
	return fs_stat_decode(mine(), (const char *)a[0], (struct stat *)a[1], args);
}

static long stat_invoke(struct fs_stat *args)
{
	return fs_stat(args);
}

SYSCALL(readdir, struct fs_io)

static long readdir_decode(const unsigned long *a, struct fs_io *args)
{
	return fs_readdir_decode(mine(), (long)a[0], (struct dirent *)a[1], args);
}

static long readdir_invoke(struct fs_io *args)
{
	return fs_readdir(mine(), args);
}

SYSCALL(chdir, struct fs_cwd)

static long chdir_decode(const unsigned long *a, struct fs_cwd *args)
{
	return fs_chdir_decode(mine(), (const char *)a[0], args);
}

static long chdir_invoke(struct fs_cwd *args)
{
	fs_chdir(mine(), args);
	return 0;
}

SYSCALL(getcwd, struct fs_io)

static long getcwd_decode(const unsigned long *a, struct fs_io *args)
{
	return fs_getcwd_decode(mine(), (char *)a[0], a[1], args);
}

static long getcwd_invoke(struct fs_io *args)
{
	return fs_getcwd(mine(), args);
}

static const struct syscall_entry calls[] = {
	SYSCALL_ENTRY(SYS_read, read),
	SYSCALL_ENTRY(SYS_write, write),
	SYSCALL_ENTRY(SYS_open, open),
	SYSCALL_ENTRY(SYS_close, close),
	SYSCALL_ENTRY(SYS_dup2, dup2),
	SYSCALL_ENTRY(SYS_lseek, lseek),
	SYSCALL_ENTRY(SYS_ioctl, ioctl),
	SYSCALL_ENTRY(SYS_fstat, fstat),
	SYSCALL_ENTRY(SYS_stat, stat),
	SYSCALL_ENTRY(SYS_readdir, readdir),
	SYSCALL_ENTRY(SYS_chdir, chdir),
	SYSCALL_ENTRY(SYS_getcwd, getcwd),
};

const struct syscall_list files_calls = { calls, ARRAY_SIZE(calls) };
