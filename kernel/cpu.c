// SPDX-License-Identifier: MIT
/* A secondary CPU's start and the IPI actions: with kmain, what arch/ calls up into. */
#include <arch/irq.h>
#include <arch/percpu.h>
#include <arch/ppc.h>
#include <arch/smp.h>
#include <vrm/sched.h>

void kernel_secondary_start(void)
{
	this_cpu()->online = true;
	sched_cpu_start();
}

void ipi_handle(enum ipi_type type)
{
	switch (type) {
	case IPI_STOP:
		this_cpu()->online = false;
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
