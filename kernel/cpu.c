// SPDX-License-Identifier: MIT
/* Every possible CPU's memory, a secondary CPU's start, CPUs that hotplug
 * adds and removes, and the IPI actions (with kmain, what arch/ calls up
 * into). */
#define pr_fmt "cpus: "
#include <arch/irq.h>
#include <arch/memlayout.h>
#include <arch/paca.h>
#include <arch/ppc.h>
#include <arch/slb.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/cpu.h>
#include <vrm/dr.h>
#include <vrm/errno.h>
#include <vrm/fmt.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include <vrm/phys.h>
#include <vrm/sched.h>
#include <vrm/wait.h>

#define STOP_WAIT_S	10	/* a guard against a CPU that never stops */

_Static_assert(KSTACK_SIZE == FRAME_SIZE << KSTACK_ORDER, "a CPU's stack is whole frames");

/*
 * Sized for every possible CPU, present or hot-pluggable: the pacas in
 * real-mode memory, their pointers and each CPU's struct cpu from the
 * heap, about 1 KiB a CPU. A CPU's own stack, 32 times that, is allocated
 * only for a CPU that will start: the present ones here, and one that
 * hotplug adds when it is added. Room for 1,024 CPUs then costs about
 * 1 MiB, where a stack each would make it 33.
 */
int cpus_init(void)
{
	unsigned int n = nr_cpus_possible;
	struct paca **ptrs = kzalloc(n * sizeof(*ptrs));
	struct cpu *cpus = kzalloc(n * sizeof(*cpus));
	uint64_t pacas = 0, stack;

	if (!ptrs || !cpus ||
	    (n > 1 && phys_alloc_real(frame_order_of((n - 1) * sizeof(struct paca)), &pacas)))
		return -ENOMEM;
	smp_pacas_init(ptrs, va(pacas));
	for (unsigned int i = 0; i < n; i++)
		paca_of(i)->cpu = &cpus[i];
	for (unsigned int i = 1; i < nr_cpus_present; i++) {
		if (phys_alloc_real(KSTACK_ORDER, &stack))
			return -ENOMEM;
		paca_of(i)->kstack_top = (unsigned long)va(stack) + KSTACK_SIZE;
	}
	pr_info("%u present, %u possible; %zu bytes each, and a %u KiB stack once started\n",
		nr_cpus_present, n, sizeof(struct paca) + sizeof(*ptrs) + sizeof(struct cpu),
		KSTACK_SIZE >> 10);
	return 0;
}

void kernel_secondary_start(void)
{
	__atomic_store_n(&this_paca()->online, true, __ATOMIC_RELEASE);
	slb_flush_join();
	sched_cpu_start();
}

static void free_stack(unsigned int cpu)
{
	frame_free(pa((void *)(paca_of(cpu)->kstack_top - KSTACK_SIZE)), KSTACK_ORDER);
}

/*
 * A hardware thread that DLPAR has just configured: a number, its stack
 * (as a present secondary gets at boot), a queue ready for it, then
 * start-cpu; it joins the scheduler from kernel_secondary_start. Returns
 * its CPU number, or a negative errno with nothing left behind (unless it
 * started and never arrived: it keeps its number and stack then).
 */
static int cpu_add(uint32_t server)
{
	int cpu = smp_cpu_add(server), err;
	uint64_t stack;

	if (cpu < 0)
		return cpu;
	if (phys_alloc_real(KSTACK_ORDER, &stack)) {
		smp_cpu_remove((unsigned int)cpu);
		return -ENOMEM;
	}
	paca_of(cpu)->kstack_top = (unsigned long)va(stack) + KSTACK_SIZE;
	sched_cpu_prepare((unsigned int)cpu);
	err = smp_cpu_start((unsigned int)cpu);
	if (err == -ETIMEDOUT && !smp_cpu_stopped((unsigned int)cpu))
		return err;
	if (err) {
		free_stack((unsigned int)cpu);
		smp_cpu_remove((unsigned int)cpu);
		return err;
	}
	return cpu;
}

static bool all_stopped(const unsigned int *cpus, unsigned int n)
{
	for (unsigned int i = 0; i < n; i++)
		if (!smp_cpu_stopped(cpus[i]))
			return false;
	return true;
}

/*
 * The threads of one core, going: the scheduler drains them (or refuses,
 * while a thread is bound to one), each stops itself from its idle thread
 * (arch_cpu_offline), and once all are in the RTAS stopped state their
 * stacks and numbers are free. `why` gets the reason of a refusal.
 */
static int cpu_remove(const unsigned int *cpus, unsigned int n, char *why, size_t len)
{
	static struct wait_queue nobody = WAIT_QUEUE_INIT;
	uint64_t give_up = mftb() + STOP_WAIT_S * tb_freq;
	struct sched_bound bound;
	int err;

	for (unsigned int i = 0; i < n; i++) {
		if (cpus[i] == 0) {
			snprintf(why, len, "CPU 0 is the boot CPU, which takes every interrupt");
			return -EBUSY;
		}
	}
	err = sched_cpus_drain(cpus, n, &bound);
	if (err == -EBUSY)
		snprintf(why, len, "thread %lu (%s) is bound to CPU %u", bound.tid, bound.name,
			 bound.cpu);
	else if (err)
		snprintf(why, len, "a CPU of it is not online");
	if (err)
		return err;
	/* Polled: the stopped state is RTAS's, and nothing signals it. */
	while (!all_stopped(cpus, n)) {
		if (mftb() >= give_up) {
			snprintf(why, len, "a CPU did not stop within %u s", STOP_WAIT_S);
			return -ETIMEDOUT;
		}
		wait_event(&nobody, NULL, NULL, 0, mftb() + tb_freq / 1000);
	}
	for (unsigned int i = 0; i < n; i++) {
		free_stack(cpus[i]);
		smp_cpu_remove(cpus[i]);
	}
	return 0;
}

const struct dr_cpu_ops cpu_hotplug = { .add = cpu_add, .remove = cpu_remove };

void ipi_handle(enum ipi_type type)
{
	switch (type) {
	case IPI_STOP:
		this_paca()->online = false;
		arch_cpu_stop();
	case IPI_RESCHEDULE:
		this_cpu()->need_resched = true;
		break;
	case IPI_PING:
	case IPI_SLB_FLUSH:
	case IPI_TYPE_COUNT:
		break;
	}
}
