/* SPDX-License-Identifier: MIT */
/* Host tests of lib/cmdline.c: the kernel's words and init's after "--". */

#include <string.h>

#include <uapi/errno.h>
#include <vrm/cmdline.h>

#include "tap.h"

static void test_get(void)
{
	char buf[8];

	cmdline_set("  loglevel=3 heap_poison run=/a,/b init=/bench/init");
	ok(cmdline_get("loglevel", buf, sizeof(buf)), "key with a value");
	is_str(buf, "3", "its value");
	ok(cmdline_get("heap_poison", buf, sizeof(buf)), "key without a value");
	is_str(buf, "", "an empty value");
	ok(!cmdline_get("heap", buf, sizeof(buf)), "a prefix of a key is not the key");
	ok(!cmdline_get("run=/a", NULL, 0), "a key with its value is not a key");
	ok(cmdline_get("init", buf, sizeof(buf)), "last word");
	is_str(buf, "/bench/", "a long value is cut to the buffer");
	ok(cmdline_get("run", NULL, 0), "presence without a buffer");
}

static void test_init_words(void)
{
	char buf[32], small[8], value[8];
	const char *words[4];

	cmdline_set("loglevel=3 init=/x --  syscall  fork run=1");
	is_int(cmdline_init_words(buf, sizeof(buf), words, 4), 3, "three words after --");
	is_str(words[0], "syscall", "first");
	is_str(words[1], "fork", "second");
	is_str(words[2], "run=1", "a key=value after -- is init's");
	ok(!cmdline_get("run", value, sizeof(value)), "and not the kernel's");
	is_int(cmdline_init_words(buf, sizeof(buf), words, 2), -E2BIG, "too many words");
	is_int(cmdline_init_words(small, sizeof(small), words, 4), -E2BIG, "too few bytes");

	cmdline_set("loglevel=3 --");
	is_int(cmdline_init_words(buf, sizeof(buf), words, 4), 0, "nothing after --");
	cmdline_set("loglevel=3 --x a");
	is_int(cmdline_init_words(buf, sizeof(buf), words, 4), 0, "--x is not the separator");
	ok(cmdline_get("--x", NULL, 0), "it is a kernel word");
	cmdline_set("");
	is_int(cmdline_init_words(buf, sizeof(buf), words, 4), 0, "empty line");
	ok(!cmdline_get("loglevel", value, sizeof(value)), "no keys in an empty line");
}

static void test_truncation(void)
{
	char longline[700];

	memset(longline, 'a', sizeof(longline) - 1);
	longline[sizeof(longline) - 1] = 0;
	cmdline_set(longline);
	is_int((int)strlen(cmdline()), 511, "a long line is cut to 511 bytes");
}

int main(void)
{
	test_get();
	test_init_words();
	test_truncation();
	return done_testing();
}
