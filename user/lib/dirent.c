/* SPDX-License-Identifier: MIT */
/* Directory streams: one descriptor and one entry per DIR. */

#include <dirent.h>
#include <fcntl.h>
#include <stdlib.h>
#include <unistd.h>

struct __dir {
	int fd;
	struct dirent ent;
};

DIR *opendir(const char *path)
{
	int fd = open(path, O_RDONLY | O_DIRECTORY);
	DIR *d;

	if (fd < 0)
		return NULL;
	d = malloc(sizeof(*d));
	if (!d) {
		close(fd);
		return NULL;
	}
	d->fd = fd;
	return d;
}

struct dirent *readdir(DIR *d)
{
	return fdreaddir(d->fd, &d->ent) == 1 ? &d->ent : NULL;
}

int closedir(DIR *d)
{
	int r = close(d->fd);

	free(d);
	return r;
}
