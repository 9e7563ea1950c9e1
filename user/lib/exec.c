/* SPDX-License-Identifier: MIT */
/* execv and execvp: execve with this environment, and the /bin search. */

#include <errno.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

int execv(const char *path, char *const argv[])
{
	return execve(path, argv, environ);
}

/* vrm has one directory of commands, so there is no PATH to walk. */
int execvp(const char *file, char *const argv[])
{
	static const char dir[] = "/bin/";
	char path[PATH_MAX];
	size_t len = strlen(file);

	if (strchr(file, '/'))
		return execv(file, argv);
	if (len == 0 || len >= sizeof(path) - (sizeof(dir) - 1)) {
		errno = len ? ENAMETOOLONG : ENOENT;
		return -1;
	}
	memcpy(path, dir, sizeof(dir) - 1);
	memcpy(path + sizeof(dir) - 1, file, len + 1);
	return execv(path, argv);
}
