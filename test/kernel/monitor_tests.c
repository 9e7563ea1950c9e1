// SPDX-License-Identifier: MIT
/* The monitor suite: every command of the kernel monitor runs. */
#include <string.h>
#include <vrm/fmt.h>
#include <vrm/ktest.h>
#include <vrm/memmap.h>
#include <vrm/vmm.h>
#include <vrm/monitor.h>
#include <arch/paca.h>
#include <arch/smp.h>

struct report {
	char text[8192];
	size_t len;
	unsigned int lines;
};

static void collect(const char *text, void *arg)
{
	struct report *r = arg;

	r->len += (size_t)snprintf(r->text + r->len, sizeof(r->text) - r->len, "%s\n", text);
	r->lines++;
}

/* Output pieces as they come, without a line end added. */
static void append(const char *text, void *arg)
{
	struct report *r = arg;

	r->len += strlcpy(r->text + r->len, text, sizeof(r->text) - r->len);
	if (r->len >= sizeof(r->text))
		r->len = sizeof(r->text) - 1;
}

/* Runs a command line into r (emptied first); the command's result. */
static int run(struct report *r, const char *line)
{
	const struct monitor_out out = { append, r };
	char buf[64];

	r->len = 0;
	r->text[0] = 0;
	strlcpy(buf, line, sizeof(buf));
	return monitor_exec(buf, &out);
}

KTEST(monitor, "help lists every command")
{
	static struct report r;
	static const char *const names[] = {
		"help", "dt", "cpus", "mem", "vmstat", "log", "reboot", "poweroff",
	};

	KT_EXPECT_EQ(t, run(&r, "help"), 0);
	for (size_t i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		char want[16];

		snprintf(want, sizeof(want), "  %s ", names[i]);
		KT_EXPECT(t, strstr(r.text, want) != NULL);
	}
}

KTEST(monitor, "cpus shows each present CPU, online, and mem the memory total")
{
	static struct report r;
	char want[64];

	KT_EXPECT_EQ(t, run(&r, "cpus"), 0);
	for (unsigned int i = 0; i < nr_cpu_ids; i++) {
		snprintf(want, sizeof(want), "cpu %u: server %u online,", i,
			 paca_of(i)->server);
		KT_EXPECT(t, strstr(r.text, want) != NULL);
	}
	KT_EXPECT(t, strstr(r.text, "offline") == NULL);
	KT_EXPECT_EQ(t, run(&r, "mem"), 0);
	snprintf(want, sizeof(want), "total %lu MiB\n",
		 (unsigned long)(boot_memory.total >> 20));
	KT_EXPECT(t, strstr(r.text, want) != NULL);
	KT_EXPECT(t, strstr(r.text, "0x000000000000-") != NULL);
}

KTEST(monitor, "log prints the kernel log, the banner first")
{
	static struct report r;

	KT_EXPECT_EQ(t, run(&r, "log"), 0);
	KT_EXPECT(t, strstr(r.text, "vrm: " VRM_VERSION " firmware=") != NULL);
}

KTEST(monitor, "vmstat reports the VMM counters as they are, and every zone")
{
	static struct report r;
	struct vmstat v;
	char want[64];

	vmm_stats(&v);
	r.len = 0;
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
	static struct report r;
	const struct monitor_out out = { append, &r };

	r.len = 0;
	KT_EXPECT_EQ(t, dt_print("/cpus", &out), 0);
	KT_EXPECT(t, strncmp(r.text, "cpus {\n", 7) == 0);
	KT_EXPECT(t, strstr(r.text, "  PowerPC,") != NULL);
	KT_EXPECT(t, strstr(r.text, "device_type = \"cpu\";\n") != NULL);
	r.len = 0;
	KT_EXPECT_EQ(t, dt_print(NULL, &out), 0);
	KT_EXPECT(t, strncmp(r.text, "/ {\n", 4) == 0);
	KT_EXPECT(t, r.len == sizeof(r.text) - 1 || strstr(r.text, "\n};\n") != NULL);
	KT_EXPECT(t, dt_print("/no/such/node", &out) < 0);
	KT_EXPECT_EQ(t, run(&r, "dt /no/such/node"), 0);
	KT_EXPECT(t, strcmp(r.text, "dt: no node /no/such/node\n") == 0);
	KT_EXPECT_EQ(t, run(&r, "dt /rtas"), 0);
	KT_EXPECT(t, strncmp(r.text, "rtas {\n", 7) == 0);
	KT_EXPECT(t, strstr(r.text, "  rtas-size = <") != NULL);
}

KTEST(monitor, "an unknown command is refused, blank lines are ignored")
{
	static struct report r;

	KT_EXPECT_EQ(t, run(&r, "frobnicate now"), -1);
	KT_EXPECT(t, strcmp(r.text, "frobnicate: unknown command (try help)\n") == 0);
	KT_EXPECT_EQ(t, run(&r, ""), 0);
	KT_EXPECT_EQ(t, run(&r, "   "), 0);
	KT_EXPECT_EQ(t, r.len, 0);
}
