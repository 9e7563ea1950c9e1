/* SPDX-License-Identifier: MIT */
/* errno and its messages: strerror, perror. */

#include <errno.h>
#include <stdio.h>
#include <string.h>

static const char *const messages[] = {
	[0] = "Success",
	[EPERM] = "Operation not permitted",
	[ENOENT] = "No such file or directory",
	[ESRCH] = "No such process",
	[EINTR] = "Interrupted system call",
	[EIO] = "I/O error",
	[ENXIO] = "No such device or address",
	[E2BIG] = "Argument list too long",
	[ENOEXEC] = "Exec format error",
	[EBADF] = "Bad file descriptor",
	[ECHILD] = "No child processes",
	[EAGAIN] = "Resource temporarily unavailable",
	[ENOMEM] = "Not enough space",
	[EACCES] = "Permission denied",
	[EFAULT] = "Bad address",
	[ENOTBLK] = "Block device required",
	[EBUSY] = "Resource busy",
	[EEXIST] = "File exists",
	[EXDEV] = "Improper link",
	[ENODEV] = "No such device",
	[ENOTDIR] = "Not a directory",
	[EISDIR] = "Is a directory",
	[EINVAL] = "Invalid argument",
	[ENFILE] = "Too many open files in system",
	[EMFILE] = "Too many open files",
	[ENOTTY] = "Inappropriate I/O control operation",
	[ETXTBSY] = "Text file busy",
	[EFBIG] = "File too large",
	[ENOSPC] = "No space left on device",
	[ESPIPE] = "Invalid seek",
	[EROFS] = "Read-only file system",
	[EMLINK] = "Too many links",
	[EPIPE] = "Broken pipe",
	[EDOM] = "Domain error within math function",
	[ERANGE] = "Result too large",
	[EDEADLK] = "Resource deadlock avoided",
	[ETIMEDOUT] = "Connection timed out",
	[ENAMETOOLONG] = "File name too long",
	[ENOSYS] = "Function not implemented",
	[ENOTSUP] = "Unsupported attribute value",
	[EOVERFLOW] = "Value too large to be stored in data type",
};

char *strerror(int errnum)
{
	static char unknown[32];

	if (errnum >= 0 && (size_t)errnum < sizeof(messages) / sizeof(messages[0]) &&
	    messages[errnum])
		return (char *)messages[errnum];
	snprintf(unknown, sizeof(unknown), "Unknown error %d", errnum);
	return unknown;
}

void perror(const char *s)
{
	const char *msg = strerror(errno);

	if (s && *s)
		fprintf(stderr, "%s: %s\n", s, msg);
	else
		fprintf(stderr, "%s\n", msg);
}
