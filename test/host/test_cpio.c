/* SPDX-License-Identifier: MIT */
/* Host tests of lib/cpio.c: archives built here, then every kind of
 * damage a header can have. */

#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <vrm/cpio.h>
#include <uapi/errno.h>

#include "tap.h"

static char archive[4096];
static size_t used;

/* Appends one newc entry as `cpio -H newc` writes it. */
static void add(const char *name, unsigned int mode, const char *data)
{
	size_t namesize = strlen(name) + 1, size = strlen(data);

	used += (size_t)ref_snprintf(archive + used, sizeof(archive) - used,
				     "070701%08X%08X%08X%08X%08X%08X%08zX%08X%08X%08X%08X%08zX%08X",
				     7u, mode, 0u, 0u, 1u, 0u, size, 0u, 0u, 0u, 0u, namesize, 0u);
	memcpy(archive + used, name, namesize);
	used = (used + namesize + 3) & ~(size_t)3;
	memcpy(archive + used, data, size);
	used = (used + size + 3) & ~(size_t)3;
}

static void build(void)
{
	memset(archive, 0, sizeof(archive));
	used = 0;
	add(".", 040755, "");
	add("bin", 040755, "");
	add("bin/sh", 0100755, "#!shell");
	add("etc/motd", 0100644, "hello\n");
	add("TRAILER!!!", 0, "");
}

static void test_walk(void)
{
	struct cpio_entry e;
	size_t off = 0;
	int n = 0, rc;

	build();
	while ((rc = cpio_next(archive, used, &off, &e)) > 0) {
		n++;
		if (n == 3) {
			ok(e.namelen == 6 && !memcmp(e.name, "bin/sh", 6), "third entry is bin/sh");
			ok(e.mode == 0100755 && e.size == 7 && !memcmp(e.data, "#!shell", 7),
			   "its mode, size and data");
		}
		if (n == 4)
			ok(e.size == 6 && !memcmp(e.data, "hello\n", 6), "data padded to 4 bytes");
	}
	is_int(rc, 0, "the trailer ends the walk");
	is_int(n, 4, "four entries before it");
	ok(off == used, "the offset is past the trailer");
}

static int parse_first(size_t len)
{
	struct cpio_entry e;
	size_t off = 0;

	return cpio_next(archive, len, &off, &e);
}

static void test_damage(void)
{
	build();
	archive[0] = '1';
	is_int(parse_first(used), -EINVAL, "bad magic");
	build();
	archive[6 + 8] = 'x';	/* the mode field */
	is_int(parse_first(used), -EINVAL, "a field that is not hex");
	build();
	is_int(parse_first(50), -EINVAL, "archive shorter than a header");
	build();
	/* namesize (field 11) larger than what is left */
	memcpy(archive + 6 + 11 * 8, "0000FFFF", 8);
	is_int(parse_first(used), -EINVAL, "name running past the end");
	build();
	memcpy(archive + 6 + 11 * 8, "00000000", 8);
	is_int(parse_first(used), -EINVAL, "empty name");
	build();
	/* filesize (field 6) of the third entry past the end */
	{
		size_t off = 0;
		struct cpio_entry e;

		cpio_next(archive, used, &off, &e);
		cpio_next(archive, used, &off, &e);
		memcpy(archive + off + 6 + 6 * 8, "7FFFFFFF", 8);
		ok(cpio_next(archive, used, &off, &e) == -EINVAL, "data running past the end");
	}
	build();
	archive[110 + 1] = 'X';	/* "." loses its NUL: namesize 2 covers ".X" */
	is_int(parse_first(used), -EINVAL, "name without its terminator");
}

int main(void)
{
	test_walk();
	test_damage();
	return done_testing();
}
