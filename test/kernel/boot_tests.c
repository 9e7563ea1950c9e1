// SPDX-License-Identifier: MIT
/* The boot suite: the tree, RTAS, exceptions, time, interrupts, console. */
#include <string.h>
#include <libfdt.h>
#include <arch/exception.h>
#include <arch/irq.h>
#include <arch/memlayout.h>
#include <arch/percpu.h>
#include <arch/ppc.h>
#include <arch/rtas.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/errno.h>
#include <vrm/kernel.h>
#include <vrm/ktest.h>
#include <vrm/log.h>
#include <vrm/memmap.h>
#include <vrm/vty.h>

KTEST(boot, "the flattened tree is a valid FDT with the nodes the kernel needs")
{
	KT_EXPECT_EQ(t, fdt_check_header(kernel_fdt), 0);
	KT_EXPECT(t, fdt_path_offset(kernel_fdt, "/cpus") >= 0);
	KT_EXPECT(t, fdt_path_offset(kernel_fdt, "/rtas") >= 0);
	KT_EXPECT(t, fdt_path_offset(kernel_fdt, "/chosen") >= 0);
	KT_EXPECT(t, fdt_node_offset_by_prop_value(kernel_fdt, -1, "device_type", "memory",
						   sizeof("memory")) >= 0);
}

/* Byte n of the agreed option vector 5 (/chosen/ibm,architecture-vec-5
 * holds byte n at index n; bytes past its end are zero). */
static unsigned int ov5_byte(int n)
{
	int chosen = fdt_path_offset(kernel_fdt, "/chosen"), len;
	const uint8_t *v = fdt_getprop(kernel_fdt, chosen, "ibm,architecture-vec-5", &len);

	return v && n < len ? v[n] : 0;
}

KTEST(boot, "CAS agreed on hash MMU, XICS, hot-plug events and DR memory")
{
	KT_EXPECT_EQ(t, ov5_byte(2) & 0x20, 0x20);	/* dynamic-reconfiguration memory */
	KT_EXPECT_EQ(t, ov5_byte(6) & 0x04, 0x04);	/* hot-plug event interrupt */
	KT_EXPECT_EQ(t, ov5_byte(22) & 0x80, 0x80);	/* ibm,dynamic-memory-v2 */
	KT_EXPECT_EQ(t, ov5_byte(23), 0);		/* XICS, not XIVE */
	KT_EXPECT_EQ(t, ov5_byte(24), 0);		/* hashed page table, not radix */
	KT_EXPECT(t, fdt_node_offset_by_compatible(kernel_fdt, -1, "IBM,ppc-xicp") >= 0);
}

KTEST(boot, "RTAS was instantiated inside the kernel image")
{
	extern char _image_start[], _image_end[];
	int node = fdt_path_offset(kernel_fdt, "/rtas");
	const fdt32_t *base = fdt_getprop(kernel_fdt, node, "linux,rtas-base", NULL);

	KT_EXPECT(t, base != NULL);
	if (base)
		KT_EXPECT_RANGE(t, fdt32_to_cpu(*base), pa(_image_start), pa(_image_end) - 1);
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

KTEST(boot, "interrupts preserve the condition register of the code they interrupt")
{
	struct percpu *pc = this_cpu();
	unsigned long irqs = pc->dec_interrupts;

	KT_EXPECT_EQ(t, arch_cr_probe(mftb() + 10 * tb_per_tick), 0);
	KT_EXPECT(t, pc->dec_interrupts - irqs >= 2);
}

KTEST(boot, "an illegal instruction is a program interrupt, dumped and caught")
{
	static struct fault_catch c;

	KT_EXPECT_FAULT(t, &c, 0x700, arch_illegal_instruction());
	KT_EXPECT(t, c.msr & SRR1_PROG_ILL);
	KT_EXPECT_EQ(t, c.nip, (unsigned long)arch_illegal_instruction);
}

/* Waits for the next decrementer interrupt: afterwards every tick whose
 * deadline has passed is counted, and the next deadline lies ahead. */
static uint64_t after_next_tick(struct percpu *pc)
{
	unsigned long seen = pc->dec_interrupts;

	while (pc->dec_interrupts == seen)
		cpu_relax();
	return mftb();
}

KTEST(boot, "the decrementer fires at the rate the timebase implies")
{
	struct percpu *pc = this_cpu();
	const uint64_t periods = 20;
	uint64_t t0, t1, ticks0, irq0, ticks, irqs, expected;

	KT_EXPECT(t, irqs_enabled());
	t0 = after_next_tick(pc);
	ticks0 = pc->ticks;
	irq0 = pc->dec_interrupts;
	while (mftb() - t0 < periods * tb_per_tick)
		cpu_relax();
	t1 = after_next_tick(pc);
	ticks = pc->ticks - ticks0;
	irqs = pc->dec_interrupts - irq0;
	expected = (t1 - t0) / tb_per_tick;
	kprintf("# %lu ticks and %lu interrupts in %lu periods of %lu timebase ticks\n",
		(unsigned long)ticks, (unsigned long)irqs, (unsigned long)expected,
		(unsigned long)tb_per_tick);
	/* Ticks follow the timebase whatever the host does. An interrupt may
	 * cover several ticks when the host held the guest up, so the count of
	 * interrupts gets a wide margin below, but a decrementer programmed for
	 * the wrong rate falls far outside it. */
	KT_EXPECT_RANGE(t, ticks, expected, expected + 1);
	KT_EXPECT_RANGE(t, irqs, (ticks + 1) / 2, ticks);
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

	for (unsigned int i = 0; i < nr_cpus_present; i++)
		online += percpu_area[i].online;
	KT_EXPECT_EQ(t, online, nr_cpus_present);
}

KTEST(boot, "an IPI reaches every online CPU, this one included")
{
	for (unsigned int i = 0; i < nr_cpus_present; i++) {
		struct percpu *pc = &percpu_area[i];
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
