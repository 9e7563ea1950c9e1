/* SPDX-License-Identifier: MIT */
/* open() and its flags, fcntl() and its commands (AIX's values). */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <uapi/sys/fcntl.h>
#include <uapi/sys/file.h>

/* mode is read only with O_CREAT; the initramfs's files are read-only. */
int open(const char *path, int flags, ...);
/* F_DUPFD, F_GETFD, F_SETFD (FD_CLOEXEC), F_GETFL, F_SETFL; arg an int. */
int fcntl(int fd, int cmd, ...);

#endif /* _FCNTL_H */
