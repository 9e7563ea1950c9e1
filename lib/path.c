// SPDX-License-Identifier: MIT
/* Path resolution against a working directory. */
#include <string.h>
#include <uapi/errno.h>
#include <vrm/path.h>

/* Appends one component to out (length *len), folding "." and "..". */
static int push(char *out, size_t size, size_t *len, const char *c, size_t n)
{
	if (n == 0 || (n == 1 && c[0] == '.'))
		return 0;
	if (n == 2 && c[0] == '.' && c[1] == '.') {
		while (*len > 0 && out[*len - 1] != '/')
			(*len)--;
		if (*len > 0)
			(*len)--;	/* the '/' before it */
		return 0;
	}
	if (*len + 1 + n + 1 > size)
		return -ENAMETOOLONG;
	out[(*len)++] = '/';
	memcpy(out + *len, c, n);
	*len += n;
	return 0;
}

static int push_all(char *out, size_t size, size_t *len, const char *p)
{
	while (*p) {
		const char *end = p;
		int err;

		while (*end && *end != '/')
			end++;
		err = push(out, size, len, p, (size_t)(end - p));
		if (err)
			return err;
		p = *end ? end + 1 : end;
	}
	return 0;
}

long path_resolve(const char *cwd, const char *path, char *out, size_t size)
{
	size_t len = 0;
	int err;

	if (!*path)
		return -ENOENT;
	if (size < 2)
		return -ENAMETOOLONG;
	if (*path != '/') {
		err = push_all(out, size, &len, cwd);
		if (err)
			return err;
	}
	err = push_all(out, size, &len, path);
	if (err)
		return err;
	if (len == 0)
		out[len++] = '/';
	out[len] = 0;
	return (long)len;
}
