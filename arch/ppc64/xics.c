// SPDX-License-Identifier: MIT
/* XICS interrupt presentation through hcalls, sources through RTAS. */
#define pr_fmt "xics: "
#include <string.h>
#include <arch/hcall_xics.h>
#include <arch/irq.h>
#include <arch/paca.h>
#include <arch/rtas.h>
#include <arch/slb.h>
#include <arch/spinlock.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/log.h>

/* Source numbers and priorities (LoPAR "Interrupt Source Numbers";
 * QEMU include/hw/ppc/spapr_irq.h). Lower priority values are more urgent. */
#define XICS_IPI		2
#define XICS_SOURCE_MASK	0x00ffffff
#define PRIO_IPI		4
#define PRIO_DEVICE		5
#define PRIO_MASKED		0xff
#define CPPR_ALL		0xff
#define MAX_HANDLERS		32

struct irq_slot {
	unsigned int irq;
	irq_handler_t handler;
	void *arg;
};

static struct irq_slot slots[MAX_HANDLERS];
static spinlock_t slots_lock = SPINLOCK_INIT;

int xics_init(void)
{
	if (!dt_node_ok(dt_find_compatible(dt_root(), DT_NONE, "IBM,ppc-xicp"))) {
		pr_err("no IBM,ppc-xicp interrupt controller (CAS chose XIVE?)\n");
		return -ENODEV;
	}
	return 0;
}

void xics_cpu_init(void)
{
	hv_cppr(CPPR_ALL);
	hv_ipi(this_paca()->server, PRIO_MASKED);
}

/*
 * vrm points every source at the boot CPU (irq_register) and never joins
 * a CPU to the global interrupt queue (LoPAR's indicator 9005, which QEMU
 * does not implement), so there is normally nothing to move; a registered
 * source that ibm,get-xive says is served here all the same moves to the
 * boot CPU, at its priority, before this CPU goes.
 */
void xics_cpu_offline(void)
{
	unsigned int me = this_paca()->server, irqs[MAX_HANDLERS], n = 0;
	unsigned long ee = spin_lock_irqsave(&slots_lock);

	for (int i = 0; i < MAX_HANDLERS; i++)
		if (slots[i].handler)
			irqs[n++] = slots[i].irq;
	spin_unlock_irqrestore(&slots_lock, ee);
	for (unsigned int i = 0; i < n; i++) {
		uint32_t out[2];

		if (rtas_call(RTAS_GET_XIVE, 1, 3, out, irqs[i]) == RTAS_OK && out[0] == me &&
		    out[1] != PRIO_MASKED)
			rtas_call(RTAS_SET_XIVE, 3, 1, NULL, irqs[i], paca_of(0)->server, out[1]);
	}
	hv_cppr(0);
	hv_ipi(me, PRIO_MASKED);
}

int irq_register(unsigned int irq, irq_handler_t handler, void *arg)
{
	struct irq_slot *free = NULL;
	unsigned long ee;
	int i, status;

	ee = spin_lock_irqsave(&slots_lock);
	for (i = 0; i < MAX_HANDLERS; i++) {
		if (slots[i].handler && slots[i].irq == irq) {
			spin_unlock_irqrestore(&slots_lock, ee);
			return -EBUSY;
		}
		if (!slots[i].handler && !free)
			free = &slots[i];
	}
	if (!free) {
		spin_unlock_irqrestore(&slots_lock, ee);
		return -ENOSPC;
	}
	*free = (struct irq_slot){ irq, handler, arg };
	spin_unlock_irqrestore(&slots_lock, ee);

	/* Sources start masked; route this one to the boot CPU. */
	status = rtas_call(RTAS_SET_XIVE, 3, 1, NULL, irq, paca_of(0)->server, PRIO_DEVICE);
	if (status) {
		pr_err("ibm,set-xive %#x failed: %d\n", irq, status);
		irq_unregister(irq);
		return rtas_errno(status);
	}
	return 0;
}

void irq_unregister(unsigned int irq)
{
	unsigned long ee;

	rtas_call(RTAS_SET_XIVE, 3, 1, NULL, irq, paca_of(0)->server, PRIO_MASKED);
	ee = spin_lock_irqsave(&slots_lock);
	for (int i = 0; i < MAX_HANDLERS; i++)
		if (slots[i].handler && slots[i].irq == irq)
			slots[i] = (struct irq_slot){ 0 };
	spin_unlock_irqrestore(&slots_lock, ee);
}

static void dispatch(unsigned int irq)
{
	struct irq_slot slot = { 0 };

	/* A copy taken under the lock: another CPU may be changing the table. */
	spin_lock(&slots_lock);
	for (int i = 0; i < MAX_HANDLERS; i++)
		if (slots[i].handler && slots[i].irq == irq)
			slot = slots[i];
	spin_unlock(&slots_lock);
	if (slot.handler)
		slot.handler(irq, slot.arg);
	else
		pr_warn("interrupt %#x has no handler\n", irq);
}

static void ipi_receive(void)
{
	struct paca *pc = this_paca();
	unsigned long pending;

	/* Clear the MFRR first: an IPI sent after this point raises a new one. */
	hv_ipi(pc->server, PRIO_MASKED);
	pc->ipi_count++;
	pending = __atomic_exchange_n(&pc->ipi_pending, 0, __ATOMIC_ACQUIRE);
	if (pending & (1ul << IPI_SLB_FLUSH))
		slb_flush_ack();
	pending &= ~(1ul << IPI_SLB_FLUSH);
	for (int t = 0; t < IPI_TYPE_COUNT; t++)
		if (pending & (1ul << t))
			ipi_handle(t);
}

void xics_external_interrupt(void)
{
	uint32_t xirr;

	for (;;) {
		if (hv_xirr(&xirr) != H_SUCCESS)
			return;
		unsigned int source = xirr & XICS_SOURCE_MASK;

		if (source == 0)
			return;
		if (source == XICS_IPI)
			ipi_receive();
		else
			dispatch(source);
		hv_eoi(xirr);
	}
}

void ipi_send(unsigned int cpu, enum ipi_type type)
{
	struct paca *pc = paca_of(cpu);

	__atomic_or_fetch(&pc->ipi_pending, 1ul << type, __ATOMIC_RELEASE);
	sync();
	hv_ipi(pc->server, PRIO_IPI);
}
