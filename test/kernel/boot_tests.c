// SPDX-License-Identifier: MIT
/* The boot suite: the tree, RTAS, exceptions, time, interrupts, console. */
#include <string.h>
#include <arch/exception.h>
#include <arch/hcall_nested.h>
#include <arch/irq.h>
#include <arch/memlayout.h>
#include <arch/paca.h>
#include <arch/ppc.h>
#include <arch/reg.h>
#include <arch/rtas.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/cmdline.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/kernel.h>
#include <vrm/ktest.h>
#include <vrm/log.h>
#include <vrm/memmap.h>
#include <vrm/vty.h>

KTEST(boot, "the flattened tree is a valid FDT with the nodes the kernel needs")
{
	struct dt_node node;
	unsigned int memory = 0;

	KT_EXPECT_EQ(t, dt_check(), 0);
	KT_EXPECT(t, dt_node_ok(dt_find_by_path(dt_root(), "/cpus")));
	KT_EXPECT(t, dt_node_ok(dt_find_by_path(dt_root(), "/rtas")));
	KT_EXPECT(t, dt_node_ok(dt_find_by_path(dt_root(), "/chosen")));
	dt_for_each_child(dt_root(), node)
		memory += dt_prop_is(node, "device_type", "memory");
	KT_EXPECT(t, memory >= 1);
}

/* Byte n of the agreed option vector 5 (/chosen/ibm,architecture-vec-5
 * holds byte n at index n; bytes past its end are zero). */
static unsigned int ov5_byte(int n)
{
	struct dt_node chosen = dt_find_by_path(dt_root(), "/chosen");
	int len;
	const uint8_t *v = dt_prop_get(chosen, "ibm,architecture-vec-5", &len);

	return v && n < len ? v[n] : 0;
}

KTEST(boot, "CAS agreed on hash MMU, XICS, hot-plug events and DR memory")
{
	KT_EXPECT_EQ(t, ov5_byte(2) & 0x20, 0x20);	/* dynamic-reconfiguration memory */
	KT_EXPECT_EQ(t, ov5_byte(6) & 0x04, 0x04);	/* hot-plug event interrupt */
	KT_EXPECT_EQ(t, ov5_byte(22) & 0x80, 0x80);	/* ibm,dynamic-memory-v2 */
	KT_EXPECT_EQ(t, ov5_byte(23), 0);		/* XICS, not XIVE */
	KT_EXPECT_EQ(t, ov5_byte(24), 0);		/* hashed page table, not radix */
	KT_EXPECT(t, dt_node_ok(dt_find_compatible(dt_root(), DT_NONE, "IBM,ppc-xicp")));
}

KTEST(boot, "RTAS was instantiated inside the kernel image")
{
	extern char _image_start[], _image_end[];
	uint32_t base;

	KT_EXPECT_EQ(t, dt_prop_u32(dt_find_by_path(dt_root(), "/rtas"), "linux,rtas-base", &base), 0);
	KT_EXPECT_RANGE(t, base, pa(_image_start), pa(_image_end) - 1);
}

KTEST(boot, "an RTAS call with a bad parameter reports it, and nothing breaks")
{
	/* set-indicator on an indicator type that does not exist. */
	int status = rtas_call(RTAS_SET_INDICATOR, 3, 1, NULL, 0xdead, 0, 0);

	KT_EXPECT(t, status != 0);
	KT_EXPECT(t, rtas_errno(status) < 0);
	KT_EXPECT_EQ(t, rtas_errno(RTAS_PARAM_ERROR), -EINVAL);
}

KTEST(boot, "a deliberate bad access is dumped and caught")
{
	static struct fault_catch c;
	const unsigned long addr = 0x7fedcba987654320ul;
	uint64_t first = log_next_seq();
	struct log_record rec;
	bool dumped = false;

	KT_EXPECT_FAULT(t, &c, 0x380, arch_bad_access(addr));
	KT_EXPECT_EQ(t, c.dar, addr);
	for (uint64_t s = first; s < log_next_seq(); s++)
		if (!log_get(s, &rec) && strstr(rec.text, "exception 0x380 (data segment)"))
			dumped = true;
	KT_EXPECT(t, dumped);
}

/*
 * The probe runs a tick at a time until two decrementer interrupts have
 * come in it: a host that holds the virtual CPU back for several ticks
 * delivers one interrupt for all of them, so a fixed span of time may
 * see only one. The bound only ends a probe that no interrupt reaches.
 */
KTEST(boot, "interrupts preserve the condition register of the code they interrupt")
{
	struct paca *pc = this_paca();
	unsigned long irqs = pc->dec_interrupts, changed = 0;

	for (unsigned int ticks = 0; ticks < 1000 && pc->dec_interrupts - irqs < 2; ticks++)
		changed += arch_cr_probe(mftb() + tb_per_tick);
	KT_EXPECT_EQ(t, changed, 0);
	KT_EXPECT(t, pc->dec_interrupts - irqs >= 2);
}

/*
 * The nested-hypervisor facility as the machine offers it: rows started
 * with cap-nested-hv=on say so with the bootarg "nested". A table too big
 * for QEMU is refused by value, and naming no table is taken; without
 * the capability the call does not exist.
 */
KTEST(boot, "H_SET_PARTITION_TABLE is answered as the machine offers nested partitions")
{
	char buf[4];
	uint64_t too_big = 0x1000000 | (PTCR_PATS_MAX + 1);

	if (cmdline_get("nested", buf, sizeof(buf))) {
		KT_EXPECT_EQ(t, hv_set_partition_table(too_big), H_PARAMETER);
		KT_EXPECT_EQ(t, hcall_errno(hv_set_partition_table(too_big)), -EINVAL);
		KT_EXPECT_EQ(t, hv_set_partition_table(0), H_SUCCESS);
	} else {
		KT_EXPECT_EQ(t, hv_set_partition_table(too_big), H_FUNCTION);
		KT_EXPECT_EQ(t, hcall_errno(hv_set_partition_table(0)), -ENOSYS);
	}
}

KTEST(boot, "an illegal instruction is a program interrupt, dumped and caught")
{
	static struct fault_catch c;

	KT_EXPECT_FAULT(t, &c, 0x700, arch_illegal_instruction());
	KT_EXPECT(t, c.msr & SRR1_PROG_ILL);
	KT_EXPECT_EQ(t, c.nip, (unsigned long)arch_illegal_instruction);
}

/* The tick state of this CPU, read at one instant. */
struct tick_snapshot {
	uint64_t tb, ticks, irqs, deadline;
	int64_t dec_before, dec_after;	/* DEC read on both sides of tb */
};

/* The decrementer is 32 bits wide (no large decrementer is asked for). */
static int64_t read_dec(void)
{
	return (int32_t)mfspr(SPR_DEC);
}

/* Waits for the next decrementer interrupt, then takes a snapshot with
 * interrupts off so the handler cannot run in between. */
static void snapshot_after_next_tick(struct paca *pc, struct tick_snapshot *s)
{
	unsigned long seen = pc->dec_interrupts;
	unsigned long flags;

	while (pc->dec_interrupts == seen)
		cpu_relax();
	flags = irq_save();
	s->dec_before = read_dec();
	s->tb = mftb();
	s->dec_after = read_dec();
	s->ticks = pc->ticks;
	s->irqs = pc->dec_interrupts;
	s->deadline = pc->tick_deadline;
	irq_restore(flags);
}

/* Everything checked here holds however long the host holds the guest up:
 * no bound depends on how fast the guest runs. */
KTEST(boot, "the decrementer fires at the rate the timebase implies")
{
	struct paca *pc = this_paca();
	const uint64_t periods = 20;
	/* QEMU derives DEC and TB from one clock in nanoseconds; the two may
	 * round differently by a few timebase ticks. */
	const int64_t slop = 16;
	struct tick_snapshot s0, s1;
	uint64_t ticks, irqs;

	KT_EXPECT(t, irqs_enabled());
	snapshot_after_next_tick(pc, &s0);
	while (mftb() - s0.tb < periods * tb_per_tick)
		cpu_relax();
	snapshot_after_next_tick(pc, &s1);
	ticks = s1.ticks - s0.ticks;
	irqs = s1.irqs - s0.irqs;
	kprintf("# %lu ticks and %lu interrupts; DEC %ld..%ld with the deadline %ld ahead, of %lu\n",
		(unsigned long)ticks, (unsigned long)irqs, (long)s1.dec_after,
		(long)s1.dec_before, (long)(s1.deadline - s1.tb), (unsigned long)tb_per_tick);

	/* The decrementer never fires before the deadline, and the deadline
	 * is never more than one period ahead of the last interrupt. */
	KT_EXPECT(t, (int64_t)(s1.deadline - s1.tb) <= s1.dec_before + slop);
	KT_EXPECT(t, s1.dec_after <= (int64_t)tb_per_tick + slop);
	KT_EXPECT(t, s1.deadline <= s1.tb + tb_per_tick);
	/* Each tick moves the deadline by exactly one period, and the last
	 * interrupt came after the wait, so at least that many ticks passed. */
	KT_EXPECT_EQ(t, (s1.deadline - s0.deadline) % tb_per_tick, 0);
	KT_EXPECT_EQ(t, ticks, (s1.deadline - s0.deadline) / tb_per_tick);
	KT_EXPECT(t, ticks >= periods);
	/* An interrupt may cover several ticks when the host held the guest
	 * up, but an early interrupt would count none. */
	KT_EXPECT_RANGE(t, irqs, 1, ticks);
}

KTEST(boot, "get-time-of-day returns a plausible date")
{
	struct rtc_time tm;

	KT_EXPECT_EQ(t, rtas_get_time_of_day(&tm), 0);
	kprintf("# %04u-%02u-%02u %02u:%02u:%02u\n", tm.year, tm.month, tm.day, tm.hour,
		tm.min, tm.sec);
	KT_EXPECT_RANGE(t, tm.year, 2024, 2100);
	KT_EXPECT_RANGE(t, tm.month, 1, 12);
	KT_EXPECT_RANGE(t, tm.day, 1, 31);
	KT_EXPECT_RANGE(t, tm.hour, 0, 23);
	KT_EXPECT_RANGE(t, tm.min, 0, 59);
	KT_EXPECT_RANGE(t, tm.sec, 0, 60);
}

KTEST(boot, "every CPU in the tree came online")
{
	unsigned int online = 0;

	for (unsigned int i = 0; i < nr_cpu_ids; i++)
		online += paca_of(i)->online;
	KT_EXPECT_EQ(t, online, nr_cpus_present);
}

KTEST(boot, "an IPI reaches every online CPU, this one included")
{
	for (unsigned int i = 0; i < nr_cpu_ids; i++) {
		struct paca *pc = paca_of(i);
		unsigned long before = pc->ipi_count;
		uint64_t give_up = mftb() + 10 * tb_freq;	/* a hang guard only */

		if (!pc->online)
			continue;
		ipi_send(i, IPI_PING);
		while (pc->ipi_count == before && mftb() < give_up)
			cpu_relax();
		if (pc->ipi_count == before)
			ktest_fail(t, __FILE__, __LINE__, "cpu %u got no IPI", i);
	}
}

KTEST(boot, "the kernel log keeps level, CPU and timebase")
{
	uint64_t seq = log_next_seq(), tb = mftb();
	struct log_record rec;

	klog(LOG_DEBUG, "ktest marker %lu\n", (unsigned long)seq);
	KT_EXPECT_EQ(t, log_get(seq, &rec), 0);
	KT_EXPECT_EQ(t, rec.level, LOG_DEBUG);
	KT_EXPECT_EQ(t, rec.cpu, cpu_index());
	KT_EXPECT(t, rec.tb >= tb);
	KT_EXPECT(t, strstr(rec.text, "ktest marker") != NULL);
}

KTEST(boot, "the host runner answers requests over the console, by interrupt")
{
	unsigned long irqs = vty_input_interrupts();

	KT_EXPECT_EQ(t, ktest_host("sleep", "0"), 0);
	KT_EXPECT(t, ktest_host("no-such-verb", NULL) != 0);
	KT_EXPECT(t, vty_input_interrupts() > irqs);
}
