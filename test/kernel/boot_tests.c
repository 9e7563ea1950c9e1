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

/*
 * The host runner passes QEMU's own device tree (dumped with
 * -M pseries,dumpdtb=) as the initrd, so the kernel's flattened tree can
 * be compared with what QEMU created.
 */
static const void *qemu_tree(struct ktest_run *t)
{
	int chosen = fdt_path_offset(kernel_fdt, "/chosen");
	const fdt32_t *start, *end;
	int len;

	start = fdt_getprop(kernel_fdt, chosen, "linux,initrd-start", &len);
	end = fdt_getprop(kernel_fdt, chosen, "linux,initrd-end", NULL);
	if (!start || !end) {
		ktest_fail(t, __FILE__, __LINE__, "no reference tree given as initrd");
		return NULL;
	}
	uint64_t s = len == 8 ? fdt64_to_cpu(*(const fdt64_t *)start) : fdt32_to_cpu(*start);
	const void *fdt = va(s);

	if (fdt_check_header(fdt)) {
		ktest_fail(t, __FILE__, __LINE__, "initrd at %#lx is not a device tree",
			   (unsigned long)s);
		return NULL;
	}
	return fdt;
}

KTEST(boot, "the flattened tree is a valid FDT with the nodes the kernel needs")
{
	KT_EXPECT_EQ(t, fdt_check_header(kernel_fdt), 0);
	KT_EXPECT(t, fdt_path_offset(kernel_fdt, "/cpus") >= 0);
	KT_EXPECT(t, fdt_path_offset(kernel_fdt, "/rtas") >= 0);
	KT_EXPECT(t, fdt_path_offset(kernel_fdt, "/chosen") >= 0);
	KT_EXPECT(t, fdt_node_offset_by_prop_value(kernel_fdt, -1, "device_type", "memory",
						   sizeof("memory")) >= 0);
}

KTEST(boot, "memory in the tree matches the memory QEMU created")
{
	const void *ref = qemu_tree(t);
	static struct memmap want;

	if (!ref)
		return;
	KT_EXPECT_EQ(t, memmap_from_fdt(ref, &want), 0);
	KT_EXPECT_EQ(t, boot_memory.total, want.total);
	KT_EXPECT_EQ(t, boot_memory.count, want.count);
	for (unsigned int i = 0; i < want.count && i < boot_memory.count; i++) {
		KT_EXPECT_EQ(t, boot_memory.range[i].base, want.range[i].base);
		KT_EXPECT_EQ(t, boot_memory.range[i].size, want.range[i].size);
	}
}

/* Every child of `path` in the reference with device_type `type` is in the
 * kernel's tree under the same name with the same `reg`. */
static unsigned int match_nodes(struct ktest_run *t, const void *ref, const char *path,
				const char *type)
{
	int rparent = fdt_path_offset(ref, path), kparent = fdt_path_offset(kernel_fdt, path);
	unsigned int n = 0;
	int rnode;

	KT_EXPECT(t, rparent >= 0 && kparent >= 0);
	if (rparent < 0 || kparent < 0)
		return 0;
	fdt_for_each_subnode(rnode, ref, rparent) {
		const char *rtype = fdt_getprop(ref, rnode, "device_type", NULL);
		const char *name = fdt_get_name(ref, rnode, NULL);
		int knode, rlen, klen;

		if (!rtype || strcmp(rtype, type))
			continue;
		n++;
		knode = fdt_subnode_offset(kernel_fdt, kparent, name);
		if (knode < 0) {
			ktest_fail(t, __FILE__, __LINE__, "%s/%s missing", path, name);
			continue;
		}
		const void *rreg = fdt_getprop(ref, rnode, "reg", &rlen);
		const void *kreg = fdt_getprop(kernel_fdt, knode, "reg", &klen);

		if (!rreg || !kreg || rlen != klen || memcmp(rreg, kreg, rlen))
			ktest_fail(t, __FILE__, __LINE__, "%s/%s: reg differs", path, name);
	}
	return n;
}

KTEST(boot, "every cpu node QEMU created is in the tree, and every thread is known")
{
	const void *ref = qemu_tree(t);

	if (!ref)
		return;
	unsigned int nodes = match_nodes(t, ref, "/cpus", "cpu");

	KT_EXPECT(t, nodes >= 1);
	KT_EXPECT(t, nr_cpus_present >= nodes);
}

KTEST(boot, "memory nodes QEMU created are in the tree with the same reg")
{
	const void *ref = qemu_tree(t);

	if (ref)
		KT_EXPECT(t, match_nodes(t, ref, "/", "memory") >= 1);
}

KTEST(boot, "/rtas has every RTAS call QEMU offers, with the same token")
{
	const void *ref = qemu_tree(t);
	int rnode, knode, prop;
	unsigned int calls = 0;

	if (!ref)
		return;
	rnode = fdt_path_offset(ref, "/rtas");
	knode = fdt_path_offset(kernel_fdt, "/rtas");
	KT_EXPECT(t, rnode >= 0 && knode >= 0);
	if (rnode < 0 || knode < 0)
		return;
	fdt_for_each_property_offset(prop, ref, rnode) {
		const char *name;
		int len, klen;
		const fdt32_t *v = fdt_getprop_by_offset(ref, prop, &name, &len);
		const fdt32_t *kv;

		/* Tokens are the single cells QEMU numbers from 0x2000. */
		if (len != 4 || fdt32_to_cpu(*v) < 0x2000 || fdt32_to_cpu(*v) >= 0x3000)
			continue;
		calls++;
		kv = fdt_getprop(kernel_fdt, knode, name, &klen);
		if (!kv || klen != 4 || *kv != *v)
			ktest_fail(t, __FILE__, __LINE__, "/rtas %s: token %#x missing or different",
				   name, fdt32_to_cpu(*v));
	}
	KT_EXPECT(t, calls >= 10);
	KT_EXPECT(t, rtas_token(RTAS_POWER_OFF) != 0);
	KT_EXPECT(t, rtas_token(RTAS_GET_TIME_OF_DAY) != 0);
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
	KT_EXPECT(t, this_cpu()->fault_catch == NULL);
}

KTEST(boot, "an illegal instruction is a program interrupt, dumped and caught")
{
	static struct fault_catch c;

	KT_EXPECT_FAULT(t, &c, 0x700, arch_illegal_instruction());
	KT_EXPECT(t, c.msr & SRR1_PROG_ILL);
	KT_EXPECT_EQ(t, c.nip, (unsigned long)arch_illegal_instruction);
}

KTEST(boot, "the decrementer fires at the rate the timebase implies")
{
	struct percpu *pc = this_cpu();
	const uint64_t periods = 20;
	uint64_t start, irq0, ticks0, irqs, ticks;

	KT_EXPECT(t, irqs_enabled());
	start = mftb();
	irq0 = pc->dec_interrupts;
	ticks0 = pc->ticks;
	while (mftb() - start < periods * tb_per_tick)
		cpu_relax();
	irqs = pc->dec_interrupts - irq0;
	ticks = pc->ticks - ticks0;
	kprintf("# %lu decrementer interrupts, %lu ticks in %lu periods of %lu timebase ticks\n",
		(unsigned long)irqs, (unsigned long)ticks, (unsigned long)periods,
		(unsigned long)tb_per_tick);
	/* Ticks follow the timebase exactly; interrupts may be fewer when the
	 * host delays the guest, never more. */
	KT_EXPECT_RANGE(t, ticks, periods - 1, periods + 1);
	KT_EXPECT_RANGE(t, irqs, periods / 2, periods + 1);
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

KTEST(boot, "the host runner answers requests over the console")
{
	KT_EXPECT_EQ(t, ktest_host("sleep", "0"), 0);
	KT_EXPECT(t, ktest_host("no-such-verb", NULL) != 0);
}
