// SPDX-License-Identifier: MIT
/* Generic per-CPU life: each CPU's struct cpu, a secondary's idle loop and
 * the IPI actions. */
#include <arch/irq.h>
#include <arch/paca.h>
#include <arch/ppc.h>
#include <arch/smp.h>
#include <vrm/cpu.h>
#include <vrm/sched.h>

static struct cpu cpu_area[NR_CPUS];

void cpus_init(void)
{
	for (unsigned int i = 0; i < NR_CPUS; i++)
		paca_of(i)->cpu = &cpu_area[i];
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
