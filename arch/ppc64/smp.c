// SPDX-License-Identifier: MIT
/* CPU enumeration from /cpus and start-up through RTAS start-cpu. */
#define pr_fmt "smp: "
#include <string.h>
#include <arch/hcall_cpu.h>
#include <arch/irq.h>
#include <arch/memlayout.h>
#include <arch/mmu_info.h>
#include <arch/paca.h>
#include <arch/rtas.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/log.h>

/* query-cpu-stopped-state results (LoPAR, "query-cpu-stopped-state"). */
#define CPU_STATE_STOPPED	0
#define CPU_STATE_RUNNING	2

struct paca paca_area[NR_CPUS];
char kstacks[NR_CPUS][KSTACK_SIZE] __attribute__((aligned(16)));
unsigned long stack_guard;
unsigned int nr_cpus_present;

extern char secondary_entry[];

static void paca_setup(unsigned int index, unsigned int server)
{
	struct paca *pc = paca_of(index);

	pc->canary = stack_guard;
	pc->index = index;
	pc->server = server;
	pc->kstack_top = (unsigned long)kstacks[index] + KSTACK_SIZE;
}

/* Adds every thread of one cpu node: its ibm,ppc-interrupt-server#s. */
static void add_cpu_node(struct dt_node node)
{
	const char *prop = "ibm,ppc-interrupt-server#s";
	int n = dt_prop_cells(node, prop, 0, NULL, 0);

	if (n == -ENOENT) {
		prop = "reg";
		n = dt_prop_cells(node, prop, 0, NULL, 0);
	}
	if (n < 1) {
		pr_warn("%s has no server number\n", dt_node_name(node));
		return;
	}
	for (int i = 0; i < n; i++) {
		uint32_t server;
		unsigned int index;

		dt_prop_cells(node, prop, i, &server, 1);
		if (nr_cpus_present >= NR_CPUS) {
			pr_warn("more than %d CPUs; server %u ignored\n", NR_CPUS, server);
			return;
		}
		if (server == paca_of(0)->server)
			continue;	/* the running thread, already CPU 0 */
		index = nr_cpus_present++;
		paca_setup(index, server);
	}
}

static int cpu_running(unsigned int server)
{
	uint32_t state;

	return rtas_call(RTAS_QUERY_CPU_STOPPED_STATE, 1, 2, &state, server) == 0 &&
	       state == CPU_STATE_RUNNING;
}

int smp_init(void)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus"), node;
	unsigned int boot_server = ~0u;

	if (!dt_node_ok(cpus))
		return -ENODEV;
	/* First pass: the thread that is running is this one. */
	dt_for_each_child(cpus, node) {
		uint32_t s;

		if (!dt_prop_is(node, "device_type", "cpu") ||
		    dt_prop_cells(node, "ibm,ppc-interrupt-server#s", 0, &s, 1) < 1)
			continue;
		if (boot_server == ~0u && cpu_running(s))
			boot_server = s;
	}
	if (boot_server == ~0u) {
		pr_err("cannot tell which CPU is running\n");
		return -ENODEV;
	}
	paca_setup(0, boot_server);
	nr_cpus_present = 1;
	dt_for_each_child(cpus, node)
		if (dt_prop_is(node, "device_type", "cpu"))
			add_cpu_node(node);
	paca_of(0)->online = true;
	return nr_cpus_present;
}

unsigned int smp_start_secondaries(void)
{
	unsigned int i, online = 1;

	for (i = 1; i < nr_cpus_present; i++) {
		struct paca *pc = paca_of(i);
		uint64_t give_up;
		int status;

		status = rtas_call(RTAS_START_CPU, 3, 1, NULL, pc->server,
				   (uint32_t)pa(secondary_entry), (uint32_t)pa(pc));
		if (status) {
			pr_err("start-cpu %u failed: %d\n", pc->server, status);
			continue;
		}
		/* A guard against a CPU that never arrives, not a measurement. */
		give_up = mftb() + 10 * tb_freq;
		while (!pc->online && mftb() < give_up)
			cpu_relax();
		if (pc->online)
			online++;
		else
			pr_err("CPU %u (server %u) did not come online\n", i, pc->server);
	}
	return online;
}

/* Entered from secondary_entry with r13 and the stack set up. */
void secondary_main(void);
void secondary_main(void)
{
	mmu_cpu_enable();
	xics_cpu_init();
	timer_cpu_start();
	kernel_secondary_start();
}

void arch_cpu_idle(void)
{
	/* H_CEDE returns at once if an interrupt is pending, and with MSR[EE]
	 * set, so the wake-up interrupt is taken here. */
	hv_cede();
	irq_disable();
}

void arch_cpu_stop(void)
{
	irq_disable();
	for (;;)
		cpu_relax();
}
