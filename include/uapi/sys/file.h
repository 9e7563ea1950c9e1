/* SPDX-License-Identifier: MIT */
/* Files: open flags (AIX's values), seek, stat, directory entries. The
 * files are those of the initramfs, read-only; descriptors 0, 1 and 2 of
 * init are the console. */
#ifndef _UAPI_SYS_FILE_H
#define _UAPI_SYS_FILE_H

#include <uapi/sys/types.h>

#define O_RDONLY	0x0
#define O_WRONLY	0x1
#define O_RDWR		0x2
#define O_ACCMODE	0x3
#define O_NONBLOCK	0x4	/* the terminal's read: EAGAIN, not a sleep */
#define O_APPEND	0x8
#define O_CREAT		0x100
#define O_TRUNC		0x200
#define O_EXCL		0x400
#define O_DIRECTORY	0x80000

#define SEEK_SET	0
#define SEEK_CUR	1
#define SEEK_END	2

#define S_IFMT		0170000
#define S_IFDIR		0040000
#define S_IFCHR		0020000
#define S_IFREG		0100000
#define S_ISDIR(m)	(((m) & S_IFMT) == S_IFDIR)
#define S_ISREG(m)	(((m) & S_IFMT) == S_IFREG)
#define S_ISCHR(m)	(((m) & S_IFMT) == S_IFCHR)

struct stat {
	ino_t st_ino;
	mode_t st_mode;		/* type and permission bits, as in the cpio */
	uid_t st_uid;
	gid_t st_gid;
	off_t st_size;
};

#define NAME_MAX	255
#define PATH_MAX	1024

struct dirent {
	ino_t d_ino;
	char d_name[NAME_MAX + 1];
};
#endif
