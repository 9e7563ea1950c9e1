// SPDX-License-Identifier: MIT
/* The cpus suite: per-CPU memory for every CPU the device tree says the
 * machine may have, hot-pluggable ones included. */
#include <arch/memlayout.h>
#include <arch/paca.h>
#include <arch/slb.h>
#include <arch/smp.h>
#include <vrm/bitmap.h>
#include <vrm/cpu.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/ktest.h>
#include <vrm/log.h>
#include <vrm/sched.h>

static void nothing(void *arg)
{
	(void)arg;
}

/* /cpus read afresh: hardware threads (a server number each), the most
 * threads a core has, and the count that starts ibm,drc-indexes. */
struct tree_cpus {
	unsigned int threads, per_core, drcs;
};

static struct tree_cpus tree_cpus(void)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus"), n;
	struct tree_cpus tc = { 0 };

	dt_for_each_child(cpus, n) {
		int servers = dt_prop_cells(n, "ibm,ppc-interrupt-server#s", 0, NULL, 0);

		if (!dt_prop_is(n, "device_type", "cpu"))
			continue;
		if (servers < 1)
			servers = 1;	/* its reg alone */
		tc.threads += (unsigned int)servers;
		if ((unsigned int)servers > tc.per_core)
			tc.per_core = (unsigned int)servers;
	}
	dt_prop_cells(cpus, "ibm,drc-indexes", 0, &tc.drcs, 1);
	return tc;
}

KTEST(cpus, "per-CPU memory is sized for the CPUs the tree says may ever be there")
{
	struct tree_cpus tc = tree_cpus();
	unsigned int possible = tc.drcs * tc.per_core;

	if (possible < tc.threads)
		possible = tc.threads;
	kprintf("# %u threads present; %u CPU DR connectors of %u threads: %u possible\n",
		tc.threads, tc.drcs, tc.per_core, possible);
	KT_EXPECT_EQ(t, nr_cpus_present, tc.threads);
	KT_EXPECT_EQ(t, nr_cpus_possible, possible);
}

KTEST(cpus, "every possible CPU has a paca of its own, numbered, below 4 GiB, and a struct cpu")
{
	const unsigned long canary = paca_of(0)->canary;
	unsigned int bad = 0;

	for (unsigned int i = 0; i < nr_cpus_possible; i++) {
		struct paca *pc = paca_of(i);

		bad += !pc || pc->index != i || pc->canary != canary || !pc->cpu ||
		       pa(pc) + sizeof(*pc) > 1ul << 32;
		for (unsigned int j = 0; pc && j < i; j++)
			bad += paca_of(j) == pc || paca_of(j)->cpu == pc->cpu;
	}
	KT_EXPECT_EQ(t, bad, 0);
}

KTEST(cpus, "a CPU that starts gets a stack from the allocator; one not present has none")
{
	extern char _image_start[], _image_end[];
	int absent = (int)nr_cpu_ids;
	unsigned int bad = 0;

	/* A secondary's idle thread runs on the stack the CPU started on. */
	for (unsigned int i = 1; i < nr_cpu_ids; i++) {
		unsigned long top = cpu_of(i)->idle_thread.kstack_top;

		bad += top % KSTACK_SIZE != 0 ||
		       (top > (unsigned long)_image_start && top <= (unsigned long)_image_end);
	}
	for (unsigned int i = nr_cpu_ids; i < nr_cpus_possible; i++)
		bad += paca_of(i)->kstack_top != 0 || paca_of(i)->online;
	KT_EXPECT_EQ(t, bad, 0);
	if (nr_cpus_possible > nr_cpu_ids) {
		KT_EXPECT(t, thread_create(nothing, NULL, PRIO_DEFAULT, absent, "absent") == NULL);
		KT_EXPECT_EQ(t, thread_bind(absent), -EINVAL);
	}
	KT_EXPECT(t, thread_create(nothing, NULL, PRIO_DEFAULT, (int)nr_cpus_possible,
				   "none") == NULL);
}

KTEST(cpus, "an SLB flush naming every possible CPU reaches every thread of the tree, no other")
{
	unsigned long *mask = kzalloc(BITMAP_WORDS(nr_cpus_possible) * sizeof(*mask));
	unsigned long *before = kzalloc(nr_cpus_possible * sizeof(*before));
	unsigned int flushed = 0, online = 0;

	if (!mask || !before) {
		ktest_fail(t, __FILE__, __LINE__, "no memory for %u CPUs", nr_cpus_possible);
		kfree(mask);
		kfree(before);
		return;
	}
	for (unsigned int i = 0; i < nr_cpus_possible; i++) {
		bitmap_set(mask, i);
		before[i] = paca_of(i)->slb_flushed;
	}
	slb_flush_cpus(mask);
	for (unsigned int i = 0; i < nr_cpus_possible; i++) {
		online += paca_of(i)->online;
		flushed += paca_of(i)->slb_flushed != before[i];
	}
	KT_EXPECT_EQ(t, online, tree_cpus().threads);
	KT_EXPECT_EQ(t, flushed, online);
	kfree(mask);
	kfree(before);
}
