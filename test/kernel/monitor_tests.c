// SPDX-License-Identifier: MIT
/* The monitor suite: every command of the kernel monitor runs. */
#include <string.h>
#include <vrm/ktest.h>
#include <vrm/monitor.h>

static int run(const char *line)
{
	char buf[64];

	strlcpy(buf, line, sizeof(buf));
	return monitor_exec(buf);
}

KTEST(monitor, "help, cpus, mem and log run")
{
	KT_EXPECT_EQ(t, run("help"), 0);
	KT_EXPECT_EQ(t, run("cpus"), 0);
	KT_EXPECT_EQ(t, run("mem"), 0);
	KT_EXPECT_EQ(t, run("log"), 0);
}

KTEST(monitor, "dt prints the whole tree or one node, and rejects a bad path")
{
	extern void *kernel_fdt;

	KT_EXPECT_EQ(t, fdt_print(kernel_fdt, "/cpus"), 0);
	KT_EXPECT_EQ(t, fdt_print(kernel_fdt, NULL), 0);
	KT_EXPECT(t, fdt_print(kernel_fdt, "/no/such/node") < 0);
	KT_EXPECT_EQ(t, run("dt /rtas"), 0);
}

KTEST(monitor, "an unknown command is refused, blank lines are ignored")
{
	KT_EXPECT_EQ(t, run("frobnicate now"), -1);
	KT_EXPECT_EQ(t, run(""), 0);
	KT_EXPECT_EQ(t, run("   "), 0);
}
