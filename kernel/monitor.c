// SPDX-License-Identifier: MIT
/* The kernel monitor: a few commands on the console for `make run`. */
#include <string.h>
#include <arch/percpu.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/console.h>
#include <vrm/kernel.h>
#include <vrm/log.h>
#include <vrm/memmap.h>
#include <vrm/monitor.h>
#include <vrm/vmm.h>
#include <vrm/panic.h>

struct command {
	const char *name;
	const char *help;
	void (*run)(char *args);
};

static void cmd_help(char *args);

static void cmd_dt(char *args)
{
	int err = fdt_print(kernel_fdt, args);

	if (err < 0)
		kprintf("dt: no node %s\n", args);
}

static void cmd_cpus(char *args)
{
	for (unsigned int i = 0; i < nr_cpus_present; i++) {
		struct percpu *pc = &percpu_area[i];

		kprintf("cpu %u: server %u %s, %lu ticks, %lu IPIs\n", i, pc->server,
			pc->online ? "online" : "offline", (unsigned long)pc->ticks, pc->ipi_count);
	}
}

static void cmd_mem(char *args)
{
	for (unsigned int i = 0; i < boot_memory.count; i++) {
		const struct mem_range *r = &boot_memory.range[i];

		kprintf("0x%012lx-0x%012lx %6lu MiB\n", (unsigned long)r->base,
			(unsigned long)(r->base + r->size - 1), (unsigned long)(r->size >> 20));
	}
	kprintf("total %lu MiB\n", (unsigned long)(boot_memory.total >> 20));
}

static void print_text(const char *text, void *arg)
{
	kprintf("%s\n", text);
}

static void cmd_vmstat(char *args)
{
	vmstat_report(print_text, NULL);
}

static void print_line(const char *line)
{
	kprintf("%s%s", line, line[0] && line[strlen(line) - 1] == '\n' ? "" : "\n");
}

static void cmd_log(char *args)
{
	log_replay(0, LOG_DEBUG, print_line);
}

static void cmd_reboot(char *args)
{
	machine_reboot();
}

static void cmd_poweroff(char *args)
{
	machine_power_off();
}

static const struct command commands[] = {
	{ "help", "list the commands", cmd_help },
	{ "dt", "[path]: print the device tree", cmd_dt },
	{ "cpus", "list the CPUs", cmd_cpus },
	{ "mem", "list the memory ranges", cmd_mem },
	{ "vmstat", "VMM counters and frames per zone", cmd_vmstat },
	{ "log", "print the kernel log", cmd_log },
	{ "reboot", "restart the machine (RTAS system-reboot)", cmd_reboot },
	{ "poweroff", "power the machine off (RTAS power-off)", cmd_poweroff },
};

static void cmd_help(char *args)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		kprintf("  %-9s %s\n", commands[i].name, commands[i].help);
}

int monitor_exec(char *line)
{
	char *args;

	while (*line == ' ')
		line++;
	if (!*line)
		return 0;
	args = strchr(line, ' ');
	if (args) {
		*args++ = 0;
		while (*args == ' ')
			args++;
	} else {
		args = line + strlen(line);
	}
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++) {
		if (!strcmp(line, commands[i].name)) {
			commands[i].run(args);
			return 0;
		}
	}
	kprintf("%s: unknown command (try help)\n", line);
	return -1;
}

void monitor_run(void)
{
	char line[128];

	kprintf("vrm monitor; type help for commands\n");
	for (;;) {
		kprintf("vrm> ");
		console_readline(line, sizeof(line), true);
		monitor_exec(line);
	}
}
