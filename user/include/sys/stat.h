/* SPDX-License-Identifier: MIT */
/* File status: type, mode bits, owner, size. */
#ifndef _SYS_STAT_H
#define _SYS_STAT_H

#include <uapi/sys/file.h>

int stat(const char *restrict path, struct stat *restrict st);
int fstat(int fd, struct stat *st);

#endif /* _SYS_STAT_H */
