/* SPDX-License-Identifier: MIT */
/* File system calls: descriptors, status, directories, the working
 * directory, and the terminal's ioctl. */

#include <dirent.h>
#include <fcntl.h>
#include <stdarg.h>
#include <sys/ioctl.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <unistd.h>

#include "stdio_impl.h"
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
	pthread_testcancel();
	return cancel_point_end(sys3(SYS_open, path, flags, mode));
}

/* read and write without cancellation, for stdio, which holds a lock. */
ssize_t __read(int fd, void *buf, size_t count)
{
	return sys3(SYS_read, fd, buf, count);
}

ssize_t __write(int fd, const void *buf, size_t count)
{
	return sys3(SYS_write, fd, buf, count);
}

ssize_t read(int fd, void *buf, size_t count)
{
	pthread_testcancel();
	return cancel_point_end(__read(fd, buf, count));
}

ssize_t write(int fd, const void *buf, size_t count)
{
	pthread_testcancel();
	return cancel_point_end(__write(fd, buf, count));
}

int close(int fd)
{
	pthread_testcancel();
	return sys1(SYS_close, fd);
}

off_t lseek(int fd, off_t offset, int whence)
{
	return sys3(SYS_lseek, fd, offset, whence);
}

int fcntl(int fd, int cmd, ...)
{
	va_list ap;
	int arg;

	va_start(ap, cmd);
	arg = va_arg(ap, int);
	va_end(ap);
	return sys3(SYS_fcntl, fd, cmd, arg);
}

int select(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
	   fd_set *restrict exceptfds, struct timeval *restrict timeout)
{
	pthread_testcancel();
	return cancel_point_end(sys6(SYS_select, nfds, readfds, writefds, exceptfds, timeout, 0));
}

int pselect(int nfds, fd_set *restrict readfds, fd_set *restrict writefds,
	    fd_set *restrict exceptfds, const struct timespec *restrict timeout,
	    const sigset_t *restrict mask)
{
	pthread_testcancel();
	return cancel_point_end(sys6(SYS_pselect, nfds, readfds, writefds, exceptfds, timeout,
				     mask));
}

int dup2(int oldfd, int newfd)
{
	return sys2(SYS_dup2, oldfd, newfd);
}

int ioctl(int fd, unsigned long request, ...)
{
	va_list ap;
	void *arg;

	va_start(ap, request);
	arg = va_arg(ap, void *);
	va_end(ap);
	return sys3(SYS_ioctl, fd, request, arg);
}

pid_t tcgetpgrp(int fd)
{
	pid_t pgrp;

	return ioctl(fd, TIOCGPGRP, &pgrp) < 0 ? -1 : pgrp;
}

int tcsetpgrp(int fd, pid_t pgrp)
{
	return ioctl(fd, TIOCSPGRP, &pgrp);
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
