// SPDX-License-Identifier: MIT
/* SLB entries beyond the bolted one: refill on a miss, flush on every CPU. */
#include <arch/irq.h>
#include <arch/mmu.h>
#include <arch/mmu_info.h>
#include <arch/paca.h>
#include <arch/ppc.h>
#include <arch/slb.h>
#include <arch/smp.h>
#include <vrm/bitmap.h>

static volatile unsigned long flush_generation;

/* Entry 0 is the linear map; the others are used round robin. */
void slb_refill(uint64_t ea, uint64_t vsid_data)
{
	struct paca *pc = this_paca();
	unsigned int slot = pc->slb_next;

	if (slot == 0 || slot >= mmu.slb_size)
		slot = 1;
	pc->slb_next = slot + 1;
	slb_insert((ea & ~(SEGMENT_SIZE_256M - 1)) | SLB_ESID_V | slot, vsid_data);
}

/* The IPI side: forget every refilled entry, then say so. */
void slb_flush_ack(void)
{
	struct paca *pc = this_paca();
	unsigned long gen = flush_generation;

	slb_invalidate_all();
	__atomic_store_n(&pc->slb_flushed, gen, __ATOMIC_RELEASE);
}

/* Full barriers here and in slb_flush_cpus: of a CPU coming online and a
 * flush beginning, at least one sees the other. */
void slb_flush_join(void)
{
	sync();
	slb_flush_ack();
}

/*
 * Waits until every other online CPU has flushed. A CPU that takes a
 * segment miss meanwhile finishes it before it sees the IPI (handlers run
 * with interrupts off), so whatever it loaded is flushed too. Two CPUs
 * flushing at once serve each other's request while they wait.
 */
void slb_flush_cpus(const unsigned long *mask)
{
	unsigned long gen = __atomic_add_fetch(&flush_generation, 1, __ATOMIC_ACQ_REL);
	unsigned int me = cpu_index(), i;

	/* Against slb_flush_join: a CPU coming online is seen online
	 * below, or it sees this generation. */
	sync();
	slb_flush_ack();
	bitmap_for_each_set(i, mask, nr_cpus_possible)
		if (i != me && paca_of(i)->online)
			ipi_send(i, IPI_SLB_FLUSH);
	bitmap_for_each_set(i, mask, nr_cpus_possible) {
		struct paca *pc = paca_of(i);

		if (i == me)
			continue;
		while (pc->online && (long)(__atomic_load_n(&pc->slb_flushed, __ATOMIC_ACQUIRE) - gen) < 0) {
			if (this_paca()->ipi_pending & (1ul << IPI_SLB_FLUSH)) {
				__atomic_and_fetch(&this_paca()->ipi_pending, ~(1ul << IPI_SLB_FLUSH),
						   __ATOMIC_ACQ_REL);
				slb_flush_ack();
			}
			cpu_relax();
		}
	}
}
