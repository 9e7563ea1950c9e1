/* SPDX-License-Identifier: MIT */
/* Directory streams over the readdir system call. */
#ifndef _DIRENT_H
#define _DIRENT_H

#include <uapi/sys/file.h>

typedef struct __dir DIR;

/* NULL with errno when path cannot be opened or is no directory. */
DIR *opendir(const char *path);
/* The next entry (valid until the next call), or NULL at the end. */
struct dirent *readdir(DIR *d);
int closedir(DIR *d);

/* The system call itself: the next entry of the directory open on fd into
 * *ent; 1 when there was one, 0 at the end, -1 with errno. */
int fdreaddir(int fd, struct dirent *ent);

#endif /* _DIRENT_H */
