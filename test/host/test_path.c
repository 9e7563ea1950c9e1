/* SPDX-License-Identifier: MIT */
/* Host tests of lib/path.c: joining, ".", "..", limits. */

#include <string.h>

#include <uapi/errno.h>
#include <vrm/path.h>

#include "tap.h"

static void check(const char *cwd, const char *path, const char *want)
{
	char out[64];
	long len = path_resolve(cwd, path, out, sizeof(out));

	if (len < 0) {
		ok(0, "%s + %s -> %s (error %ld)", cwd, path, want, len);
		return;
	}
	is_str(out, want, "%s + %s", cwd, path);
	ok((size_t)len == strlen(want), "length of %s", want);
}

int main(void)
{
	char out[8];

	check("/", "/bin/sh", "/bin/sh");
	check("/", "bin/sh", "/bin/sh");
	check("/etc", "motd", "/etc/motd");
	check("/etc", "../bin/./sh", "/bin/sh");
	check("/", "..", "/");
	check("/a/b", "../../..", "/");
	check("/a/b", ".", "/a/b");
	check("/", "//bin///sh/", "/bin/sh");
	check("/x", "/", "/");
	is_int(path_resolve("/", "", out, sizeof(out)), -ENOENT, "empty path");
	is_int(path_resolve("/", "/abcdefgh", out, sizeof(out)), -ENAMETOOLONG, "too long");
	is_int(path_resolve("/", "/abcdef", out, sizeof(out)), 7, "exactly fits");
	return done_testing();
}
