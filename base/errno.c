// SPDX-License-Identifier: MIT
/* Names for kernel error numbers, for log lines. */
#include <vrm/errno.h>
#include <vrm/kernel.h>

static const char *const names[] = {
	[EPERM] = "EPERM", [ENOENT] = "ENOENT", [EINTR] = "EINTR", [EIO] = "EIO",
	[EBADF] = "EBADF", [EAGAIN] = "EAGAIN", [ENOMEM] = "ENOMEM", [EFAULT] = "EFAULT",
	[EBUSY] = "EBUSY", [EEXIST] = "EEXIST", [ENODEV] = "ENODEV", [EINVAL] = "EINVAL",
	[ENOSPC] = "ENOSPC", [ERANGE] = "ERANGE", [ETIMEDOUT] = "ETIMEDOUT",
	[ENOSYS] = "ENOSYS", [ENAMETOOLONG] = "ENAMETOOLONG", [ERESTART] = "ERESTART",
	[ESRCH] = "ESRCH", [ECHILD] = "ECHILD", [ENOEXEC] = "ENOEXEC",
	[E2BIG] = "E2BIG", [EMFILE] = "EMFILE", [ENOTDIR] = "ENOTDIR", [EISDIR] = "EISDIR",
	[ESPIPE] = "ESPIPE", [EROFS] = "EROFS",
};

const char *strerror(int err)
{
	if (err < 0)
		err = -err;
	if ((unsigned int)err < ARRAY_SIZE(names) && names[err])
		return names[err];
	return "unknown error";
}
