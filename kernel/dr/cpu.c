// SPDX-License-Identifier: MIT
/* CPU cores that the platform adds and removes: connector, tree, threads. */

/*
 * LoPAR's logical DR sequences (ch_dynamic_reconfig.xml, "Architectural
 * Intent -- Logical DR Sequences") for a processor:
 *
 * add: acquire the connector (drc.c), configure it into the tree below
 * /cpus, then start-cpu each thread of the new cpu node and give it to
 * the scheduler (the kernel's top does that through cpu_ops).
 *
 * remove: move every thread off the core's CPUs and stop each with
 * stop-self, then (all in the RTAS stopped state: "Isolation of CPUs")
 * release the connector and delete the node. A thread bound to one of the
 * CPUs makes the kernel refuse; the refusal sets the connector unisolated
 * again, which QEMU takes as the guest declining the unplug.
 */
#define pr_fmt "dr: "
#include <string.h>
#include <arch/paca.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/dr.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include "dr_impl.h"
#include "drc.h"

static const struct dr_cpu_ops *cpu_ops;

/* What one core is in the tree: its node and its threads' server numbers. */
struct core {
	struct dt_node node;
	uint32_t server[CPU_HOTPLUG_THREADS];
	unsigned int threads;
};

void dr_cpu_init(const struct dr_cpu_ops *ops)
{
	cpu_ops = ops;
}

static unsigned long us_since(uint64_t start)
{
	return (unsigned long)((mftb() - start) * 1000000 / tb_freq);
}

/* Whether /cpus lists the index among its DR connectors. */
static bool cpu_connector(struct dt_node cpus, uint32_t drc_index)
{
	uint32_t count = 0, drc;

	dt_prop_cells(cpus, "ibm,drc-indexes", 0, &count, 1);
	for (uint32_t i = 0; i < count; i++)
		if (dt_prop_cells(cpus, "ibm,drc-indexes", 1 + i, &drc, 1) > (int)i + 1 &&
		    drc == drc_index)
			return true;
	return false;
}

/* The cpu node of /cpus that owns the connector (ibm,my-drc-index). */
static struct dt_node core_node(struct dt_node cpus, uint32_t drc_index)
{
	struct dt_node n;

	dt_for_each_child(cpus, n) {
		uint32_t mine;

		if (dt_prop_is(n, "device_type", "cpu") &&
		    !dt_prop_u32(n, "ibm,my-drc-index", &mine) && mine == drc_index)
			return n;
	}
	return DT_NONE;
}

/* A core's threads: ibm,ppc-interrupt-server#s, or reg for one thread. */
static int core_read(struct dt_node node, struct core *c)
{
	int n = dt_prop_cells(node, "ibm,ppc-interrupt-server#s", 0, c->server,
			      CPU_HOTPLUG_THREADS);

	if (n == -ENOENT)
		n = dt_prop_cells(node, "reg", 0, c->server, 1);
	if (n < 1 || n > CPU_HOTPLUG_THREADS)
		return -EINVAL;
	c->node = node;
	c->threads = (unsigned int)n;
	return 0;
}

/* The CPU numbers of the core's threads that are present, and their
 * server numbers, in the same order. */
static unsigned int core_cpus(const struct core *c, unsigned int *cpus, uint32_t *servers)
{
	unsigned int n = 0;

	for (unsigned int t = 0; t < c->threads; t++)
		for (unsigned int i = 0; i < nr_cpu_ids; i++)
			if (paca_of(i)->present && paca_of(i)->server == c->server[t]) {
				servers[n] = c->server[t];
				cpus[n++] = i;
			}
	return n;
}

void dr_cpu_add(uint32_t drc_index)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus");
	unsigned int up[CPU_HOTPLUG_THREADS], n = 0;
	uint64_t start = mftb();
	struct core c;
	char why[80];
	int err;

	if (!cpu_connector(cpus, drc_index)) {
		pr_warn("cpu add drc-index 0x%08x: not a CPU connector of /cpus\n", drc_index);
		return;
	}
	if (dt_node_ok(core_node(cpus, drc_index))) {
		pr_warn("cpu add drc-index 0x%08x: its core is present already\n", drc_index);
		return;
	}
	err = drc_acquire(drc_index);
	if (!err)
		err = drc_configure(drc_index, &cpus, &c.node);
	if (err) {
		pr_warn("cpu add drc-index 0x%08x failed: the connector: %s\n", drc_index,
			strerror(err));
		if (err != -EBUSY && err != -ENODEV)
			drc_release(drc_index);
		return;
	}
	err = core_read(c.node, &c);
	for (unsigned int t = 0; !err && t < c.threads; t++) {
		int cpu = cpu_ops->add(c.server[t]);

		if (cpu < 0)
			err = cpu;
		else
			up[n++] = (unsigned int)cpu;
	}
	if (err) {
		pr_warn("cpu add drc-index 0x%08x failed: %s\n", drc_index, strerror(err));
		if (n && cpu_ops->remove(up, n, why, sizeof(why))) {
			pr_err("cpu add drc-index 0x%08x: its started CPUs stay: %s\n", drc_index,
			       why);
			return;
		}
		c.node = core_node(dt_find_by_path(dt_root(), "/cpus"), drc_index);
		dt_del_node(&c.node);
		drc_release(drc_index);
		return;
	}
	for (unsigned int t = 0; t < n; t++)
		pr_info("cpu add drc-index 0x%08x: CPU %u (server %u) online, %lu us\n", drc_index,
			up[t], c.server[t], us_since(start));
}

void dr_cpu_remove(uint32_t drc_index)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus");
	unsigned int down[CPU_HOTPLUG_THREADS], n;
	uint32_t servers[CPU_HOTPLUG_THREADS];
	uint64_t start = mftb();
	struct core c;
	char why[80];
	int err;

	if (core_read(core_node(cpus, drc_index), &c)) {
		pr_info("cpu remove drc-index 0x%08x: no core of the tree owns it\n", drc_index);
		return;
	}
	n = core_cpus(&c, down, servers);
	err = cpu_ops->remove(down, n, why, sizeof(why));
	if (err) {
		pr_warn("cpu remove drc-index 0x%08x refused: %s\n", drc_index, why);
		drc_decline_removal(drc_index);
		return;
	}
	err = drc_release(drc_index);
	if (err)
		pr_err("cpu remove drc-index 0x%08x: its CPUs stopped, the connector stays: %s\n",
		       drc_index, strerror(err));
	/* Found again: the handles are older than the wait for the CPUs. */
	c.node = core_node(dt_find_by_path(dt_root(), "/cpus"), drc_index);
	dt_del_node(&c.node);
	for (unsigned int t = 0; t < n; t++)
		pr_info("cpu remove drc-index 0x%08x: CPU %u (server %u) offline, %lu us\n",
			drc_index, down[t], servers[t], us_since(start));
}
