// SPDX-License-Identifier: MIT
/* The file system calls: each decodes its arguments for fs/, with the caller's files. */
#include <vrm/file.h>
#include "syscalls.h"

static struct files *mine(void)
{
	return &current_task()->files;
}

long sys_read(const unsigned long *a)
{
	return fs_read(mine(), (long)a[0], (char *)a[1], a[2]);
}

long sys_write(const unsigned long *a)
{
	return fs_write(mine(), (long)a[0], (const char *)a[1], a[2]);
}

long sys_open(const unsigned long *a)
{
	return fs_open(mine(), (const char *)a[0], (int)a[1]);
}

long sys_close(const unsigned long *a)
{
	return fs_close(mine(), (long)a[0]);
}

long sys_dup2(const unsigned long *a)
{
	return fs_dup2(mine(), (long)a[0], (long)a[1]);
}

long sys_lseek(const unsigned long *a)
{
	return fs_lseek(mine(), (long)a[0], (long)a[1], (long)a[2]);
}

long sys_ioctl(const unsigned long *a)
{
	return fs_ioctl(mine(), (long)a[0], (unsigned int)a[1], a[2]);
}

long sys_fstat(const unsigned long *a)
{
	return fs_fstat(mine(), (long)a[0], (struct stat *)a[1]);
}

long sys_stat(const unsigned long *a)
{
	return fs_stat(mine(), (const char *)a[0], (struct stat *)a[1]);
}

long sys_readdir(const unsigned long *a)
{
	return fs_readdir(mine(), (long)a[0], (struct dirent *)a[1]);
}

long sys_chdir(const unsigned long *a)
{
	return fs_chdir(mine(), (const char *)a[0]);
}

long sys_getcwd(const unsigned long *a)
{
	return fs_getcwd(mine(), (char *)a[0], a[1]);
}
