// SPDX-License-Identifier: MIT
/* The dt suite: the device-tree layer's reads, iteration, edits and errors. */
#include <string.h>
#include <arch/memlayout.h>
#include <arch/paca.h>
#include <arch/ppc.h>
#include <arch/smp.h>
#include <arch/time.h>
#include <vrm/dt.h>
#include <vrm/endian.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/kernel.h>
#include <vrm/ktest.h>
#include <vrm/log.h>
#include <vrm/memmap.h>
#include <vrm/sched.h>

#define FIXTURE		"vrm,dt-test"

/* Whether n is a node whose name starts with `prefix` (or is it, when
 * whole): false for no node, so a failed lookup fails the check. */
static bool name_is(struct dt_node n, const char *prefix, bool whole)
{
	const char *name = dt_node_name(n);

	if (!name)
		return false;
	return whole ? !strcmp(name, prefix) : !strncmp(name, prefix, strlen(prefix));
}

/* A node under the root with a property of each shape the reads tell
 * apart. */
static struct dt_node make_fixture(struct ktest_run *t)
{
	static const uint8_t two[8] = { 0, 0, 0, 1, 0, 0, 0, 2 };
	static const uint8_t three[3] = { 1, 2, 3 };
	static const uint8_t cells[12] = { 0, 0, 0, 0xa, 0, 0, 0, 0xb, 0, 0, 0, 0xc };
	struct dt_node root = dt_root(), n = DT_NONE;

	KT_EXPECT_EQ(t, dt_add_node(&root, FIXTURE, &n), 0);
	KT_EXPECT_EQ(t, dt_set_prop_u32(&n, "one", 0x12345678), 0);
	KT_EXPECT_EQ(t, dt_set_prop(&n, "two", two, sizeof(two)), 0);
	KT_EXPECT_EQ(t, dt_set_prop(&n, "three", three, sizeof(three)), 0);
	KT_EXPECT_EQ(t, dt_set_prop(&n, "cells", cells, sizeof(cells)), 0);
	KT_EXPECT_EQ(t, dt_set_prop(&n, "str", "hello", 6), 0);
	KT_EXPECT_EQ(t, dt_set_prop(&n, "strs", "a\0b", 4), 0);
	KT_EXPECT_EQ(t, dt_set_prop(&n, "empty", NULL, 0), 0);
	return n;
}

KTEST(dt, "typed reads: one cell, one or two, a window of cells, strings and raw bytes")
{
	struct dt_node n = make_fixture(t);
	uint32_t v = 7, buf[4] = { 0, 0, 0, 99 };
	static const char *const names[] = { "one", "two", "three", "cells", "str", "strs", "empty" };
	unsigned int props = 0, seen = 0;
	uint64_t w = 7;
	const void *raw;
	struct dt_prop p;
	int len;

	KT_EXPECT(t, name_is(n, FIXTURE, true));
	KT_EXPECT(t, dt_prop_u32(n, "one", &v) == 0 && v == 0x12345678);
	KT_EXPECT(t, dt_prop_u64(n, "one", &w) == 0 && w == 0x12345678);
	KT_EXPECT(t, dt_prop_u64(n, "two", &w) == 0 && w == 0x100000002ull);
	/* The wrong size is refused and the value left alone. */
	v = 7;
	KT_EXPECT_EQ(t, dt_prop_u32(n, "two", &v), -EINVAL);
	KT_EXPECT_EQ(t, dt_prop_u32(n, "three", &v), -EINVAL);
	KT_EXPECT_EQ(t, dt_prop_u32(n, "empty", &v), -EINVAL);
	KT_EXPECT_EQ(t, v, 7);
	w = 7;
	KT_EXPECT_EQ(t, dt_prop_u64(n, "cells", &w), -EINVAL);
	KT_EXPECT_EQ(t, w, 7);
	KT_EXPECT_EQ(t, dt_prop_cells(n, "three", 0, buf, 1), -EINVAL);
	KT_EXPECT_EQ(t, dt_prop_cells(n, "empty", 0, buf, 1), 0);
	/* Windows: the whole, a tail, past the end; buf[3] is never reached. */
	KT_EXPECT_EQ(t, dt_prop_cells(n, "cells", 0, NULL, 0), 3);
	KT_EXPECT_EQ(t, dt_prop_cells(n, "cells", 0, buf, 4), 3);
	KT_EXPECT(t, buf[0] == 0xa && buf[1] == 0xb && buf[2] == 0xc && buf[3] == 99);
	KT_EXPECT_EQ(t, dt_prop_cells(n, "cells", 1, buf, 4), 3);
	KT_EXPECT(t, buf[0] == 0xb && buf[1] == 0xc && buf[2] == 0xc);
	buf[0] = 5;
	KT_EXPECT_EQ(t, dt_prop_cells(n, "cells", 3, buf, 1), 3);
	KT_EXPECT_EQ(t, buf[0], 5);

	KT_EXPECT(t, dt_prop_string(n, "str") && !strcmp(dt_prop_string(n, "str"), "hello"));
	KT_EXPECT(t, dt_prop_string(n, "strs") == NULL);	/* two strings */
	KT_EXPECT(t, dt_prop_string(n, "one") == NULL);	/* no NUL */
	KT_EXPECT(t, dt_prop_string(n, "empty") == NULL);
	KT_EXPECT(t, dt_prop_is(n, "str", "hello"));
	KT_EXPECT(t, !dt_prop_is(n, "str", "hell") && !dt_prop_is(n, "str", "hello!"));
	raw = dt_prop_get(n, "three", &len);
	KT_EXPECT(t, raw && len == 3 && !memcmp(raw, "\1\2\3", 3));
	KT_EXPECT(t, dt_prop_get(n, "empty", &len) != NULL && len == 0);
	/* Each property comes once (in stored order, which is libfdt's). */
	dt_for_each_prop(n, &p) {
		for (unsigned int j = 0; j < ARRAY_SIZE(names); j++)
			if (!strcmp(p.name, names[j]))
				seen |= 1u << j;
		props++;
	}
	KT_EXPECT_EQ(t, props, ARRAY_SIZE(names));
	KT_EXPECT_EQ(t, seen, (1u << ARRAY_SIZE(names)) - 1);
	KT_EXPECT_EQ(t, dt_del_node(&n), 0);
}

KTEST(dt, "a missing property keeps the default; a missing node reads as nothing")
{
	struct dt_node n = make_fixture(t), none = dt_find_by_path(dt_root(), "/no/such/node");
	struct dt_prop p;
	uint32_t v = 32;
	uint64_t w = 64;
	int len = 1;

	KT_EXPECT_EQ(t, dt_prop_u32(n, "absent", &v), -ENOENT);
	KT_EXPECT_EQ(t, dt_prop_u64(n, "absent", &w), -ENOENT);
	KT_EXPECT(t, v == 32 && w == 64);
	KT_EXPECT_EQ(t, dt_prop_cells(n, "absent", 0, NULL, 0), -ENOENT);
	KT_EXPECT(t, dt_prop_get(n, "absent", &len) == NULL && len == 0);
	KT_EXPECT(t, dt_prop_string(n, "absent") == NULL && !dt_prop_is(n, "absent", ""));

	KT_EXPECT(t, !dt_node_ok(none));
	KT_EXPECT(t, !dt_node_ok(dt_find_by_path(dt_root(), "/cpus/no-such-cpu")));
	KT_EXPECT(t, !dt_node_ok(dt_find_by_path(none, "cpus")));
	KT_EXPECT_EQ(t, dt_prop_u32(none, "one", &v), -ENOENT);
	KT_EXPECT_EQ(t, dt_prop_u64(none, "one", &w), -ENOENT);
	KT_EXPECT(t, v == 32 && w == 64);
	KT_EXPECT(t, dt_prop_get(none, "one", &len) == NULL && dt_prop_string(none, "str") == NULL);
	KT_EXPECT(t, dt_node_name(none) == NULL && !dt_node_is_compatible(none, "hvterm1"));
	KT_EXPECT(t, !dt_node_ok(dt_first_child(none)) && !dt_node_ok(dt_next_sibling(none)));
	KT_EXPECT(t, !dt_node_ok(dt_find_compatible(none, DT_NONE, "hvterm1")));
	p.cursor = -1;
	KT_EXPECT(t, !dt_next_prop(none, &p));
	KT_EXPECT_EQ(t, dt_del_node(&n), 0);
}

KTEST(dt, "paths resolve from any node, with or without a unit address")
{
	struct dt_node root = dt_root(), cpus = dt_find_by_path(root, "/cpus");
	struct dt_node vty = dt_find_compatible(root, DT_NONE, "hvterm1"), vdevice, memory;

	KT_EXPECT(t, name_is(cpus, "cpus", true));
	KT_EXPECT(t, name_is(dt_find_by_path(root, "cpus"), "cpus", true));
	KT_EXPECT(t, name_is(dt_find_by_path(root, "//cpus/"), "cpus", true));
	KT_EXPECT(t, name_is(dt_find_by_path(root, ""), "", true));
	/* "memory" names the first memory@ node. */
	memory = dt_find_by_path(root, "memory");
	KT_EXPECT(t, name_is(memory, "memory@", false));
	KT_EXPECT(t, dt_prop_is(memory, "device_type", "memory"));
	/* The console's vty, by its full name below /vdevice. */
	vdevice = dt_find_by_path(root, "/vdevice");
	KT_EXPECT(t, dt_node_ok(vty) && dt_node_ok(vdevice));
	if (dt_node_ok(vty))
		KT_EXPECT(t, dt_node_is_compatible(dt_find_by_path(vdevice, dt_node_name(vty)),
						   "hvterm1"));
}

KTEST(dt, "children, compatible nodes and properties are iterated in tree order")
{
	struct dt_node root = dt_root(), cpus = dt_find_by_path(root, "/cpus"), n;
	struct dt_node vdevice = dt_find_by_path(root, "/vdevice");
	unsigned int children = 0, cores = 0, everywhere = 0, below = 0, outside = 0, rtas = 0;
	uint32_t tb, base = 0;
	extern char _image_start[], _image_end[];
	struct dt_prop p;
	bool saw_base = false;

	dt_for_each_child(cpus, n) {
		children++;
		if (dt_prop_is(n, "device_type", "cpu") && !dt_prop_u32(n, "timebase-frequency", &tb))
			cores += tb == tb_freq;
	}
	KT_EXPECT(t, cores >= 1 && cores <= children && cores <= nr_cpus_present);
	dt_for_each_compatible(root, n, "hvterm1")
		everywhere += dt_node_is_compatible(n, "hvterm1");
	dt_for_each_compatible(vdevice, n, "hvterm1")
		below++;
	dt_for_each_compatible(cpus, n, "hvterm1")
		outside++;
	KT_EXPECT(t, everywhere >= 1);
	KT_EXPECT_EQ(t, below, everywhere);
	KT_EXPECT_EQ(t, outside, 0);
	/* A search never matches the node it searches below. */
	KT_EXPECT(t, !dt_node_ok(dt_find_compatible(dt_find_compatible(root, DT_NONE, "hvterm1"),
						    DT_NONE, "hvterm1")));

	dt_for_each_prop(dt_find_by_path(root, "/rtas"), &p) {
		rtas++;
		if (!strcmp(p.name, "linux,rtas-base")) {
			saw_base = p.len == 4;
			dt_prop_u32(dt_find_by_path(root, "/rtas"), p.name, &base);
		}
	}
	KT_EXPECT(t, rtas > 10 && saw_base);
	KT_EXPECT_RANGE(t, base, pa(_image_start), pa(_image_end) - 1);
}

/* A tree of nothing but an empty root, laid out by hand as the
 * devicetree specification's flattened format describes. */
#define BE32(x)	{ __builtin_bswap32(x) }
static const be32 empty_tree[] __attribute__((aligned(8))) = {
	/* magic, totalsize, off_dt_struct, off_dt_strings, off_mem_rsvmap */
	BE32(0xd00dfeed), BE32(72), BE32(56), BE32(72), BE32(40),
	/* version, last_comp_version, boot_cpuid_phys, size_dt_strings, size_dt_struct */
	BE32(17), BE32(16), BE32(0), BE32(0), BE32(16),
	BE32(0), BE32(0), BE32(0), BE32(0),	/* the reserve map's end */
	BE32(1), BE32(0), BE32(2), BE32(9),	/* BEGIN_NODE "", END_NODE, END */
};

KTEST(dt, "a second tree opens read-only; what is not a tree is refused")
{
	static const uint64_t garbage[16] = { 0x1234 };
	static struct dt_tree tree, bad;
	struct dt_node root, child = DT_NONE;
	struct dt_prop p;

	KT_EXPECT_EQ(t, dt_tree_open(&bad, garbage), -EINVAL);
	KT_EXPECT_EQ(t, dt_tree_open(&tree, empty_tree), 0);
	root = dt_tree_root(&tree);
	KT_EXPECT(t, name_is(root, "", true));
	KT_EXPECT(t, !dt_node_ok(dt_first_child(root)));
	p.cursor = -1;
	KT_EXPECT(t, !dt_next_prop(root, &p));
	KT_EXPECT_EQ(t, dt_add_node(&root, "x", &child), -EROFS);
	KT_EXPECT_EQ(t, dt_set_prop_u32(&root, "x", 1), -EROFS);
	KT_EXPECT(t, !dt_node_ok(child));
	/* The kernel's tree is a different one. */
	KT_EXPECT(t, dt_node_ok(dt_find_by_path(dt_root(), "/cpus")));
	KT_EXPECT(t, !dt_node_ok(dt_find_by_path(root, "/cpus")));
}

#define BIG	(256 * 1024)	/* larger than any tree QEMU makes, grown or not */

KTEST(dt, "a node added with properties reads back, outgrows the buffer, and is deleted")
{
	extern char _image_start[], _image_end[];
	static uint8_t big[BIG];
	static struct memmap after;
	struct dt_node root = dt_root(), n = DT_NONE, probe;
	const void *compat, *v;
	uint32_t one = 0;
	int len;

	for (unsigned int i = 0; i < BIG; i++)
		big[i] = i * 7 + (i >> 12);
	KT_EXPECT_EQ(t, dt_add_node(&root, FIXTURE, &n), 0);
	KT_EXPECT_EQ(t, dt_set_prop_u32(&n, "one", 1), 0);
	KT_EXPECT(t, dt_node_ok(dt_find_by_path(root, "/" FIXTURE)));
	/* The first edit of the tree firmware handed over moved it out of the
	 * kernel image: it had no room to spare. */
	compat = dt_prop_get(root, "compatible", &len);
	KT_EXPECT(t, compat && ((const char *)compat < _image_start ||
				(const char *)compat >= _image_end));
	KT_EXPECT_EQ(t, dt_set_prop(&n, "big", big, BIG), 0);
	/* Nothing is inserted before the root's own properties: a new place
	 * is a new buffer. */
	KT_EXPECT(t, dt_prop_get(root, "compatible", &len) != compat);
	v = dt_prop_get(n, "big", &len);
	KT_EXPECT(t, v && len == BIG && !memcmp(v, big, BIG));
	KT_EXPECT(t, dt_prop_u32(n, "one", &one) == 0 && one == 1);
	KT_EXPECT_EQ(t, dt_check(), 0);
	/* The rest of the tree came along. */
	KT_EXPECT(t, dt_node_ok(dt_find_by_path(root, "/rtas")));
	KT_EXPECT_EQ(t, memmap_from_dt(dt_root(), &after), 0);
	KT_EXPECT_EQ(t, after.total, boot_memory.total);
	KT_EXPECT_EQ(t, after.count, boot_memory.count);

	probe = dt_find_by_path(root, "/cpus");
	KT_EXPECT_EQ(t, dt_del_node(&n), 0);
	KT_EXPECT(t, !dt_node_ok(n));
	KT_EXPECT(t, !dt_node_ok(dt_find_by_path(root, "/" FIXTURE)));
	KT_EXPECT_EQ(t, dt_check(), 0);
	/* Handles from before the edit are refused, not misread. */
	KT_EXPECT_EQ(t, dt_prop_u32(probe, "#address-cells", &one), -EINVAL);
	KT_EXPECT(t, dt_node_ok(dt_find_by_path(dt_root(), "/cpus")));
}

KTEST(dt, "edits refuse bad names, duplicates, the root and stale handles")
{
	struct dt_node root = dt_root(), n = DT_NONE, old, later, none = DT_NONE, x = DT_NONE;
	uint32_t v;

	KT_EXPECT_EQ(t, dt_add_node(&root, FIXTURE, &n), 0);
	if (!dt_node_ok(n))
		return;	/* the checks below would edit the tree's own nodes */
	KT_EXPECT_EQ(t, dt_add_node(&root, FIXTURE, &x), -EEXIST);
	KT_EXPECT_EQ(t, dt_add_node(&root, "a/b", &x), -EINVAL);
	KT_EXPECT_EQ(t, dt_add_node(&root, "", &x), -EINVAL);
	KT_EXPECT(t, !dt_node_ok(x));
	KT_EXPECT_EQ(t, dt_set_prop(&n, "", "x", 2), -EINVAL);
	KT_EXPECT_EQ(t, dt_set_prop(&n, "x", "x", -1), -EINVAL);
	KT_EXPECT_EQ(t, dt_set_prop(&n, "x", NULL, 4), -EINVAL);
	KT_EXPECT_EQ(t, dt_del_node(&root), -EINVAL);
	KT_EXPECT_EQ(t, dt_check(), 0);

	/* The fixture is the root's first child: an edit in it moves every
	 * node after it, and a handle to one of those is refused; a copy of
	 * the fixture's own handle, and the root's, stay good. */
	old = n;
	later = dt_find_by_path(root, "/cpus");
	KT_EXPECT_EQ(t, dt_set_prop_u32(&n, "x", 1), 0);
	KT_EXPECT_EQ(t, dt_prop_u32(later, "#address-cells", &v), -EINVAL);
	KT_EXPECT_EQ(t, dt_set_prop_u32(&later, "y", 2), -EINVAL);
	KT_EXPECT_EQ(t, dt_del_node(&later), -EINVAL);
	KT_EXPECT(t, dt_prop_u32(old, "x", &v) == 0 && v == 1);
	KT_EXPECT(t, dt_node_ok(dt_find_by_path(root, "/cpus")));
	KT_EXPECT_EQ(t, dt_prop_u32(dt_find_by_path(root, "/cpus"), "y", &v), -ENOENT);

	/* Edits inside a child leave its parent good, as long as they are
	 * remembered. */
	KT_EXPECT_EQ(t, dt_add_node(&n, "child", &x), 0);
	old = n;
	for (int i = 0; i < DT_EDIT_HISTORY; i++)
		KT_EXPECT_EQ(t, dt_set_prop_u32(&x, "count", i), 0);
	KT_EXPECT(t, dt_prop_u32(old, "x", &v) == 0 && v == 1);
	KT_EXPECT_EQ(t, dt_set_prop_u32(&x, "count", 0), 0);
	KT_EXPECT_EQ(t, dt_prop_u32(old, "x", &v), -EINVAL);
	KT_EXPECT(t, dt_prop_u32(root, "#address-cells", &v) == 0);

	n = dt_find_by_path(root, FIXTURE);
	KT_EXPECT_EQ(t, dt_del_node(&n), 0);
	KT_EXPECT_EQ(t, dt_del_node(&n), -ENOENT);
	KT_EXPECT_EQ(t, dt_set_prop_u32(&none, "x", 1), -ENOENT);
	KT_EXPECT_EQ(t, dt_add_node(&none, "x", &x), -ENOENT);
	KT_EXPECT_EQ(t, dt_check(), 0);
}

/*
 * Readers on every CPU take the tree (dt_hold) and check that what they
 * read stays put while it is held: the bytes of a property they point
 * into, the number of /cpus children, a value read twice. Meanwhile this
 * thread adds, fills and deletes a node, moving everything after the
 * root's properties each time.
 */
#define READS	300

struct reader {
	uint32_t rtas_base;
	unsigned int cpus;
	unsigned int bad;
	volatile unsigned int *finished;
};

static void read_tree(void *arg)
{
	struct reader *r = arg;

	for (int i = 0; i < READS; i++) {
		struct dt_node rtas, cpus, c;
		uint8_t before[4];
		const void *p;
		uint32_t v = 0;
		unsigned int n = 0;
		int len;

		dt_hold();
		rtas = dt_find_by_path(dt_root(), "/rtas");
		cpus = dt_find_by_path(dt_root(), "/cpus");
		p = dt_prop_get(rtas, "linux,rtas-base", &len);
		if (p)
			memcpy(before, p, sizeof(before));
		dt_for_each_child(cpus, c)
			n++;
		/* A window for an edit to land in, were the hold not kept. */
		for (int k = 0; k < 1000; k++)
			cpu_relax();
		dt_prop_u32(rtas, "linux,rtas-base", &v);
		if (!p || len != 4 || memcmp(before, p, 4) || v != r->rtas_base || n != r->cpus)
			r->bad++;
		dt_release();
		/* Room for the editor between holds. */
		for (int k = 0; k < 2000; k++)
			cpu_relax();
		thread_yield();
	}
	__atomic_add_fetch(r->finished, 1, __ATOMIC_RELEASE);
}

KTEST(dt, "readers holding the tree see it whole while another CPU edits it")
{
	struct reader *readers = kzalloc(nr_cpu_ids * sizeof(*readers));
	struct thread **threads = kzalloc(nr_cpu_ids * sizeof(*threads));
	static uint8_t fill[4096];
	struct dt_node root = dt_root(), rtas = dt_find_by_path(root, "/rtas"), c;
	volatile unsigned int finished = 0;
	unsigned int nthreads = 0, cpus = 0, edits = 0, bad = 0;
	uint32_t base = 0;

	if (!readers || !threads) {
		ktest_fail(t, __FILE__, __LINE__, "no memory for %u readers", nr_cpu_ids);
		kfree(readers);
		kfree(threads);
		return;
	}
	dt_prop_u32(rtas, "linux,rtas-base", &base);
	dt_for_each_child(dt_find_by_path(root, "/cpus"), c)
		cpus++;
	for (unsigned int i = 0; i < nr_cpu_ids; i++) {
		if (!paca_of(i)->online)
			continue;
		readers[nthreads] = (struct reader){ base, cpus, 0, &finished };
		threads[nthreads] = thread_create(read_tree, &readers[nthreads], PRIO_DEFAULT, i,
						  "dt-reader");
		KT_EXPECT(t, threads[nthreads] != NULL);
		if (threads[nthreads])
			nthreads++;
	}
	while (__atomic_load_n(&finished, __ATOMIC_ACQUIRE) < nthreads) {
		struct dt_node n = DT_NONE;

		root = dt_root();
		if (dt_add_node(&root, "vrm,dt-race", &n) || dt_set_prop(&n, "fill", fill, sizeof(fill)) ||
		    dt_del_node(&n))
			bad++;
		edits++;
		thread_yield();
	}
	for (unsigned int i = 0; i < nthreads; i++) {
		thread_join(threads[i]);
		bad += readers[i].bad;
	}
	kfree(readers);
	kfree(threads);
	kprintf("# %u readers, %u rounds of edits\n", nthreads, edits);
	KT_EXPECT_EQ(t, bad, 0);
	KT_EXPECT(t, edits >= 10);
	KT_EXPECT_EQ(t, dt_check(), 0);
}
