/* SPDX-License-Identifier: MIT */
/* Interrupt sources and inter-processor interrupts (XICS through hcalls). */
#ifndef ARCH_IRQ_H
#define ARCH_IRQ_H

#include <stdint.h>

typedef void (*irq_handler_t)(unsigned int irq, void *arg);

/* Finds the XICS presentation controller in the tree. 0 or -ENODEV. */
int xics_init(void);
/* Opens this CPU to every priority (H_CPPR 0xff). */
void xics_cpu_init(void);
/* Before this CPU stops: a source the platform presents to it moves to
 * the boot CPU, and it takes no interrupt any more (H_CPPR 0). */
void xics_cpu_offline(void);
/* Registers a handler for `irq` and unmasks it towards the boot CPU.
 * 0, -EBUSY when taken, -ENOSPC when the table is full, -EIO from RTAS. */
int irq_register(unsigned int irq, irq_handler_t handler, void *arg);
/* Masks `irq` and forgets its handler. */
void irq_unregister(unsigned int irq);
/* The external interrupt (0x500): accept, dispatch and EOI until idle. */
void xics_external_interrupt(void);

/* Inter-processor interrupts: a bit per reason, one XICS IPI to deliver. */
enum ipi_type {
	IPI_PING,	/* no action: wakes the CPU and counts (tests) */
	IPI_STOP,	/* stop this CPU (panic) */
	IPI_RESCHEDULE,
	IPI_SLB_FLUSH,	/* drop refilled SLB entries (arch/ppc64/slb.c) */
	IPI_TYPE_COUNT
};

void ipi_send(unsigned int cpu, enum ipi_type type);
/* Called for each IPI type received; defined by the generic kernel. */
void ipi_handle(enum ipi_type type);
#endif
