// SPDX-License-Identifier: MIT
/* Every possible CPU's memory, a secondary CPU's start and the IPI actions
 * (with kmain, what arch/ calls up into). */
#define pr_fmt "cpus: "
#include <arch/irq.h>
#include <arch/memlayout.h>
#include <arch/paca.h>
#include <arch/ppc.h>
#include <arch/smp.h>
#include <vrm/cpu.h>
#include <vrm/errno.h>
#include <vrm/frame.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include <vrm/phys.h>
#include <vrm/sched.h>

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
	this_paca()->online = true;
	sched_cpu_start();
}

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
