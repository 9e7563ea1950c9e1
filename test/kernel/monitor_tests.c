// SPDX-License-Identifier: MIT
/* The monitor suite: every command of the kernel monitor runs. */
#include <string.h>
#include <vrm/fmt.h>
#include <vrm/ktest.h>
#include <vrm/memmap.h>
#include <vrm/vmm.h>
#include <vrm/monitor.h>

static int run(const char *line)
{
	char buf[64];

	strlcpy(buf, line, sizeof(buf));
	return monitor_exec(buf);
}

KTEST(monitor, "help, cpus, mem, vmstat and log run")
{
	KT_EXPECT_EQ(t, run("help"), 0);
	KT_EXPECT_EQ(t, run("cpus"), 0);
	KT_EXPECT_EQ(t, run("mem"), 0);
	KT_EXPECT_EQ(t, run("vmstat"), 0);
	KT_EXPECT_EQ(t, run("log"), 0);
}

struct report {
	char text[2048];
	size_t len;
	unsigned int lines;
};

static void collect(const char *text, void *arg)
{
	struct report *r = arg;

	r->len += (size_t)snprintf(r->text + r->len, sizeof(r->text) - r->len, "%s\n", text);
	r->lines++;
}

KTEST(monitor, "vmstat reports the VMM counters as they are, and every zone")
{
	struct report r = { .len = 0 };
	struct vmstat v;
	char want[64];

	vmm_stats(&v);
	vmstat_report(collect, &r);
	snprintf(want, sizeof(want), "segments        %lu\n", (unsigned long)v.segments);
	KT_EXPECT(t, strstr(r.text, want) != NULL);
	snprintf(want, sizeof(want), "pgsp-total      %lu\n", (unsigned long)v.pgsp_total);
	KT_EXPECT(t, strstr(r.text, want) != NULL);
	KT_EXPECT(t, strstr(r.text, "zero-fills") && strstr(r.text, "slb-misses") &&
		     strstr(r.text, "hpte-evictions") && strstr(r.text, "page-outs"));
	KT_EXPECT(t, strstr(r.text, "zone 0 ") != NULL);
	KT_EXPECT_EQ(t, r.lines, 15 + boot_memory.count);
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
