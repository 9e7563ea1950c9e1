// SPDX-License-Identifier: MIT
/* CPU enumeration from /cpus, the pacas, and start-up through RTAS start-cpu. */
#define pr_fmt "smp: "
#include <string.h>
#include <arch/exception.h>
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

/* CPU 0's paca and stack, which head.S gives it before any C runs: long
 * before memory can be allocated. */
struct paca boot_paca;
char boot_kstack[KSTACK_SIZE] __attribute__((aligned(16)));
static struct paca *boot_paca_ptrs[1] = { &boot_paca };

struct paca **paca_ptrs = boot_paca_ptrs;
unsigned long stack_guard;
unsigned int nr_cpus_present = 1, nr_cpu_ids = 1, nr_cpus_possible = 1;
static unsigned int threads_in_tree;

extern char secondary_entry[];

/*
 * Calls fn with the server number of every hardware thread of the cpu
 * nodes of /cpus, in tree order: the cells of ibm,ppc-interrupt-server#s
 * (one per thread of the core), or the node's reg. Returns the most
 * threads one node has.
 */
static unsigned int for_each_thread(void (*fn)(uint32_t server, void *arg), void *arg)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus"), node;
	unsigned int most = 0;

	dt_for_each_child(cpus, node) {
		const char *prop = "ibm,ppc-interrupt-server#s";
		int n;

		if (!dt_prop_is(node, "device_type", "cpu"))
			continue;
		n = dt_prop_cells(node, prop, 0, NULL, 0);
		if (n == -ENOENT) {
			prop = "reg";
			n = dt_prop_cells(node, prop, 0, NULL, 0);
		}
		if (n < 1) {
			pr_warn("%s has no server number\n", dt_node_name(node));
			continue;
		}
		for (int i = 0; i < n; i++) {
			uint32_t server;

			dt_prop_cells(node, prop, i, &server, 1);
			fn(server, arg);
		}
		if ((unsigned int)n > most)
			most = (unsigned int)n;
	}
	return most;
}

static void count_thread(uint32_t server, void *arg)
{
	(void)server;
	++*(unsigned int *)arg;
}

/* The next logical number goes to each thread but the running one. */
static void number_thread(uint32_t server, void *arg)
{
	unsigned int *next = arg;

	if (server != boot_paca.server) {
		struct paca *pc = paca_of((*next)++);

		pc->server = server;
		pc->present = true;
	}
}

/*
 * Threads the machine can ever have: each CPU DR connector of /cpus is a
 * core, present or pluggable (ibm,drc-indexes holds their count, then
 * their indexes: LoPAR, "DR connector properties"; QEMU makes one per core
 * of -smp maxcpus), of `threads` threads each. Without the property there
 * is no hotplug (a tree made by hand, or another hypervisor): the present
 * threads are all there will be.
 */
static unsigned int possible_threads(unsigned int threads)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus");
	uint32_t drcs = 0;
	uint64_t possible;

	if (dt_prop_cells(cpus, "ibm,drc-indexes", 0, &drcs, 1) < 1)
		return threads_in_tree;
	possible = (uint64_t)drcs * threads;
	if (possible > UINT32_MAX)
		possible = UINT32_MAX;	/* more than memory can hold: cpus_init says so */
	return possible > threads_in_tree ? (unsigned int)possible : threads_in_tree;
}

static int cpu_running(unsigned int server)
{
	uint32_t state;

	return rtas_query_cpu_stopped_state(server, &state) == RTAS_OK &&
	       state == RTAS_CPU_RUNNING;
}

int smp_init(void)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus"), node;
	unsigned int boot_server = ~0u, threads;

	if (!dt_node_ok(cpus))
		return -ENODEV;
	/* The thread that is running is this one. */
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
	boot_paca.server = boot_server;
	boot_paca.kstack_top = (unsigned long)boot_kstack + KSTACK_SIZE;
	boot_paca.online = true;
	boot_paca.present = true;
	threads = for_each_thread(count_thread, &threads_in_tree);
	nr_cpus_possible = possible_threads(threads);
	return (int)threads_in_tree;
}

void smp_pacas_init(struct paca **ptrs, struct paca *more)
{
	unsigned int next = 1;

	ptrs[0] = &boot_paca;
	for (unsigned int i = 1; i < nr_cpus_possible; i++) {
		struct paca *pc = &more[i - 1];

		*pc = (struct paca){ .canary = stack_guard, .index = i };
		exception_paca_init(pc);
		ptrs[i] = pc;
	}
	paca_ptrs = ptrs;
	for_each_thread(number_thread, &next);
	nr_cpus_present = nr_cpu_ids = threads_in_tree;
}

int smp_cpu_start(unsigned int cpu)
{
	struct paca *pc = paca_of(cpu);
	uint64_t give_up;
	int status;

	status = rtas_start_cpu(pc->server, (uint32_t)pa(secondary_entry), (uint32_t)pa(pc));
	if (status) {
		pr_err("start-cpu %u failed: %d\n", pc->server, status);
		return rtas_errno(status);
	}
	/* A guard against a CPU that never arrives, not a measurement. */
	give_up = mftb() + 10 * tb_freq;
	while (!pc->online && mftb() < give_up)
		cpu_relax();
	if (pc->online)
		return 0;
	pr_err("CPU %u (server %u) did not come online\n", cpu, pc->server);
	return -ETIMEDOUT;
}

unsigned int smp_start_secondaries(void)
{
	unsigned int online = 1;

	for (unsigned int i = 1; i < nr_cpus_present; i++)
		online += smp_cpu_start(i) == 0;
	return online;
}

int smp_cpu_add(uint32_t server)
{
	unsigned int n;
	struct paca *pc;

	for (n = 0; n < nr_cpu_ids; n++)
		if (paca_of(n)->present && paca_of(n)->server == server)
			return -EEXIST;
	for (n = 1; n < nr_cpus_possible && paca_of(n)->present; n++)
		;
	if (n == nr_cpus_possible)
		return -ENOSPC;
	/* Nothing of a CPU that had the number before stays. */
	pc = paca_of(n);
	*pc = (struct paca){ .canary = stack_guard, .index = n, .server = server,
			     .present = true, .cpu = pc->cpu };
	exception_paca_init(pc);
	nr_cpus_present++;
	if (n >= nr_cpu_ids)
		__atomic_store_n(&nr_cpu_ids, n + 1, __ATOMIC_RELEASE);
	return (int)n;
}

bool smp_cpu_stopped(unsigned int cpu)
{
	struct paca *pc = paca_of(cpu);
	uint32_t state;

	/* QEMU reports a thread that waits in H_CEDE as stopped too: only
	 * once the CPU has said it is offline (its last step before
	 * stop-self, with interrupts off: no cede after it) does the RTAS
	 * state tell stop-self done. */
	return !__atomic_load_n(&pc->online, __ATOMIC_ACQUIRE) &&
	       rtas_query_cpu_stopped_state(pc->server, &state) == RTAS_OK &&
	       state == RTAS_CPU_STOPPED;
}

void smp_cpu_remove(unsigned int cpu)
{
	struct paca *pc = paca_of(cpu);

	pc->present = false;
	pc->kstack_top = 0;
	nr_cpus_present--;
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

void arch_cpu_offline(void)
{
	struct paca *pc = this_paca();
	int status;

	/* Timer events queued here run first: whoever queued them waits for
	 * them. The decrementer ends each cede. */
	while (pc->timer_events)
		arch_cpu_idle();
	xics_cpu_offline();
	__atomic_store_n(&pc->online, false, __ATOMIC_SEQ_CST);
	/* LoPAR "stop-self": the thread stops until a start-cpu. */
	status = rtas_stop_self();
	pr_err("CPU %u: stop-self returned %d; halted\n", pc->index, status);
	arch_cpu_stop();
}

void arch_cpu_stop(void)
{
	irq_disable();
	for (;;)
		cpu_relax();
}
