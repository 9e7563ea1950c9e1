/* SPDX-License-Identifier: MIT */
/* ls [-l] [path...]: the names in directories, one per line, sorted. */

/*
 * With -l each line is "mode uid size name", the mode as ls prints it
 * (drwxr-xr-x). A path that is a file lists that file.
 */

#include <dirent.h>
#include <errno.h>
#include <limits.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static bool long_form;

static void mode_string(mode_t mode, char *s)
{
	static const char rwx[] = "rwxrwxrwx";

	s[0] = S_ISDIR(mode) ? 'd' : S_ISCHR(mode) ? 'c' : '-';
	for (int i = 0; i < 9; i++)
		s[i + 1] = mode & (0400 >> i) ? rwx[i] : '-';
	s[10] = '\0';
}

/* One line for name; path is where to stat it. */
static void show(const char *path, const char *name)
{
	struct stat st;
	char mode[11];

	if (!long_form) {
		printf("%s\n", name);
		return;
	}
	if (stat(path, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return;
	}
	mode_string(st.st_mode, mode);
	printf("%s %5u %8ld %s\n", mode, st.st_uid, (long)st.st_size, name);
}

static int by_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Lists a directory's entries, "." and ".." left out. */
static int list_dir(const char *dir)
{
	char **names = NULL, path[PATH_MAX];
	size_t n = 0, room = 0;
	struct dirent *e;
	DIR *d = opendir(dir);

	if (!d) {
		fprintf(stderr, "ls: %s: %s\n", dir, strerror(errno));
		return 1;
	}
	while ((e = readdir(d))) {
		if (strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0)
			continue;
		if (n == room) {
			char **more = realloc(names, (room = room ? 2 * room : 32) * sizeof(*names));

			if (!more)
				break;
			names = more;
		}
		names[n] = strdup(e->d_name);
		if (names[n])
			n++;
	}
	closedir(d);
	qsort(names, n, sizeof(*names), by_name);
	for (size_t i = 0; i < n; i++) {
		snprintf(path, sizeof(path), "%s%s%s", dir,
			 dir[strlen(dir) - 1] == '/' ? "" : "/", names[i]);
		show(path, names[i]);
		free(names[i]);
	}
	free(names);
	return 0;
}

static int list(const char *path, bool heading)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		fprintf(stderr, "ls: %s: %s\n", path, strerror(errno));
		return 1;
	}
	if (!S_ISDIR(st.st_mode)) {
		show(path, path);
		return 0;
	}
	if (heading)
		printf("%s:\n", path);
	return list_dir(path);
}

int main(int argc, char **argv)
{
	int i = 1, status = 0;

	if (argc > 1 && strcmp(argv[1], "-l") == 0) {
		long_form = true;
		i++;
	}
	if (i == argc)
		return list(".", false);
	for (int first = i; i < argc; i++)
		status |= list(argv[i], argc - first > 1);
	return status;
}
