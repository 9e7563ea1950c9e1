/* SPDX-License-Identifier: MIT */
/* File system calls: descriptors, status, directories, the working directory. */

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/stat.h>
#include <unistd.h>

#include "sys.h"

int open(const char *path, int flags, ...)
{
	mode_t mode = 0;

	if (flags & O_CREAT) {
		va_list ap;

		va_start(ap, flags);
		mode = va_arg(ap, mode_t);
		va_end(ap);
	}
	return sys3(SYS_open, path, flags, mode);
}

ssize_t read(int fd, void *buf, size_t count)
{
	return sys3(SYS_read, fd, buf, count);
}

ssize_t write(int fd, const void *buf, size_t count)
{
	return sys3(SYS_write, fd, buf, count);
}

int close(int fd)
{
	return sys1(SYS_close, fd);
}

off_t lseek(int fd, off_t offset, int whence)
{
	return sys3(SYS_lseek, fd, offset, whence);
}

int dup2(int oldfd, int newfd)
{
	return sys2(SYS_dup2, oldfd, newfd);
}

int fstat(int fd, struct stat *st)
{
	return sys2(SYS_fstat, fd, st);
}

int stat(const char *path, struct stat *st)
{
	return sys2(SYS_stat, path, st);
}

int fdreaddir(int fd, struct dirent *ent)
{
	return sys2(SYS_readdir, fd, ent);
}

int chdir(const char *path)
{
	return sys1(SYS_chdir, path);
}

char *getcwd(char *buf, size_t size)
{
	return sys2(SYS_getcwd, buf, size) < 0 ? NULL : buf;
}
