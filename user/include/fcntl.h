/* SPDX-License-Identifier: MIT */
/* open() and its flags (AIX's values). */
#ifndef _FCNTL_H
#define _FCNTL_H

#include <uapi/sys/file.h>

/* mode is read only with O_CREAT; the initramfs's files are read-only. */
int open(const char *path, int flags, ...);

#endif /* _FCNTL_H */
