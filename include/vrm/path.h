/* SPDX-License-Identifier: MIT */
/* Path names: joining a relative path to the working directory and
 * folding "." and "..". Pure code: tested on the host. */
#ifndef VRM_PATH_H
#define VRM_PATH_H

#include <stddef.h>

/*
 * Writes the absolute, normalized form of `path` (relative to `cwd`,
 * itself absolute) into out: "/", or "/a/b" without a trailing '/'.
 * ".." at the root stays at the root. Returns its length, or
 * -ENAMETOOLONG when it needs more than size bytes, -ENOENT for "".
 */
long path_resolve(const char *cwd, const char *path, char *out, size_t size);
#endif
