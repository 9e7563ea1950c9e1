// SPDX-License-Identifier: MIT
/* The kernel monitor: a few commands on the console for `make run`. */
#include <stdarg.h>
#include <string.h>
#include <arch/paca.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/console.h>
#include <vrm/fmt.h>
#include <vrm/kernel.h>
#include <vrm/log.h>
#include <vrm/memmap.h>
#include <vrm/monitor.h>
#include <vrm/vmm.h>
#include <vrm/panic.h>

struct command {
	const char *name;
	const char *help;
	void (*run)(char *args, const struct monitor_out *o);
};

static void cmd_help(char *args, const struct monitor_out *o);

void monitor_printf(const struct monitor_out *o, const char *fmt, ...)
{
	char text[256];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(text, sizeof(text), fmt, ap);
	va_end(ap);
	if (o)
		o->write(text, o->arg);
	else
		kprintf("%s", text);
}

static void cmd_dt(char *args, const struct monitor_out *o)
{
	int err = dt_print(args, o);

	if (err < 0)
		monitor_printf(o, "dt: no node %s\n", args);
}

static void cmd_cpus(char *args, const struct monitor_out *o)
{
	for (unsigned int i = 0; i < nr_cpu_ids; i++) {
		struct paca *pc = paca_of(i);

		if (!pc->present)
			continue;
		monitor_printf(o, "cpu %u: server %u %s, %lu ticks, %lu IPIs\n", i, pc->server,
			pc->online ? "online" : "offline", (unsigned long)pc->ticks, pc->ipi_count);
	}
}

static void cmd_mem(char *args, const struct monitor_out *o)
{
	for (unsigned int i = 0; i < boot_memory.count; i++) {
		const struct mem_range *r = &boot_memory.range[i];

		monitor_printf(o, "0x%012lx-0x%012lx %6lu MiB\n", (unsigned long)r->base,
			(unsigned long)(r->base + r->size - 1), (unsigned long)(r->size >> 20));
	}
	monitor_printf(o, "total %lu MiB\n", (unsigned long)(boot_memory.total >> 20));
}

static void print_text(const char *text, void *arg)
{
	monitor_printf(arg, "%s\n", text);
}

static void cmd_vmstat(char *args, const struct monitor_out *o)
{
	vmstat_report(print_text, (void *)o);
}

/* The log's replay calls back without an argument: one output at a time. */
static const struct monitor_out *log_out;

static void print_log_line(const char *line)
{
	monitor_printf(log_out, "%s%s", line,
		       line[0] && line[strlen(line) - 1] == '\n' ? "" : "\n");
}

static void cmd_log(char *args, const struct monitor_out *o)
{
	log_out = o;
	log_replay(0, LOG_DEBUG, print_log_line);
	log_out = NULL;
}

static void cmd_reboot(char *args, const struct monitor_out *o)
{
	machine_reboot();
}

static void cmd_poweroff(char *args, const struct monitor_out *o)
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

static void cmd_help(char *args, const struct monitor_out *o)
{
	for (size_t i = 0; i < ARRAY_SIZE(commands); i++)
		monitor_printf(o, "  %-9s %s\n", commands[i].name, commands[i].help);
}

int monitor_exec(char *line, const struct monitor_out *o)
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
			commands[i].run(args, o);
			return 0;
		}
	}
	monitor_printf(o, "%s: unknown command (try help)\n", line);
	return -1;
}

void monitor_run(void)
{
	char line[128];

	kprintf("vrm monitor; type help for commands\n");
	for (;;) {
		kprintf("vrm> ");
		console_readline(line, sizeof(line), true);
		monitor_exec(line, NULL);
	}
}
