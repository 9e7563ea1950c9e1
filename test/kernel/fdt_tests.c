// SPDX-License-Identifier: MIT
/* The fdt suite: the kernel's flattened tree against the tree QEMU created. */
#include <string.h>
#include <arch/memlayout.h>
#include <arch/rtas.h>
#include <arch/smp.h>
#include <vrm/dt.h>
#include <vrm/ktest.h>
#include <vrm/log.h>
#include <vrm/memmap.h>

/*
 * The host runner passes QEMU's own device tree (dumped with
 * -M pseries,dumpdtb=) as the initrd, so the kernel's flattened tree can
 * be compared with what QEMU created. Returns its root, or DT_NONE.
 */
static struct dt_node qemu_tree(struct ktest_run *t)
{
	static struct dt_tree ref;
	struct dt_node chosen = dt_find_by_path(dt_root(), "/chosen");
	uint64_t start;

	if (dt_prop_u64(chosen, "linux,initrd-start", &start)) {
		ktest_fail(t, __FILE__, __LINE__, "no reference tree given as initrd");
		return DT_NONE;
	}
	if (dt_tree_open(&ref, va(start))) {
		ktest_fail(t, __FILE__, __LINE__, "initrd at %#lx is not a device tree",
			   (unsigned long)start);
		return DT_NONE;
	}
	return dt_tree_root(&ref);
}

KTEST(fdt, "memory in the tree matches the memory QEMU created")
{
	struct dt_node ref = qemu_tree(t);
	static struct memmap want;

	if (!dt_node_ok(ref))
		return;
	KT_EXPECT_EQ(t, memmap_from_dt(ref, &want), 0);
	KT_EXPECT_EQ(t, boot_memory.total, want.total);
	KT_EXPECT_EQ(t, boot_memory.count, want.count);
	for (unsigned int i = 0; i < want.count && i < boot_memory.count; i++) {
		KT_EXPECT_EQ(t, boot_memory.range[i].base, want.range[i].base);
		KT_EXPECT_EQ(t, boot_memory.range[i].size, want.range[i].size);
	}
}

/* Every child of `path` in the reference with device_type `type` is in the
 * kernel's tree under the same name with the same `reg`. */
static unsigned int match_nodes(struct ktest_run *t, struct dt_node ref, const char *path,
				const char *type)
{
	struct dt_node rparent = dt_find_by_path(ref, path);
	struct dt_node kparent = dt_find_by_path(dt_root(), path);
	struct dt_node rnode;
	unsigned int n = 0;

	KT_EXPECT(t, dt_node_ok(rparent) && dt_node_ok(kparent));
	dt_for_each_child(rparent, rnode) {
		const char *name = dt_node_name(rnode);
		struct dt_node knode;
		const void *rreg, *kreg;
		int rlen, klen;

		if (!dt_prop_is(rnode, "device_type", type))
			continue;
		n++;
		knode = dt_find_by_path(kparent, name);
		if (!dt_node_ok(knode)) {
			ktest_fail(t, __FILE__, __LINE__, "%s/%s missing", path, name);
			continue;
		}
		rreg = dt_prop_get(rnode, "reg", &rlen);
		kreg = dt_prop_get(knode, "reg", &klen);
		if (!rreg || !kreg || rlen != klen || memcmp(rreg, kreg, rlen))
			ktest_fail(t, __FILE__, __LINE__, "%s/%s: reg differs", path, name);
	}
	return n;
}

KTEST(fdt, "every cpu node QEMU created is in the tree, and every thread is known")
{
	struct dt_node ref = qemu_tree(t);

	if (!dt_node_ok(ref))
		return;
	unsigned int nodes = match_nodes(t, ref, "/cpus", "cpu");

	KT_EXPECT(t, nodes >= 1);
	KT_EXPECT(t, nr_cpus_present >= nodes);
}

KTEST(fdt, "memory nodes QEMU created are in the tree with the same reg")
{
	struct dt_node ref = qemu_tree(t);

	if (dt_node_ok(ref))
		KT_EXPECT(t, match_nodes(t, ref, "/", "memory") >= 1);
}

KTEST(fdt, "/rtas has every RTAS call QEMU offers, with the same token")
{
	struct dt_node ref = qemu_tree(t), rnode, knode;
	unsigned int calls = 0;
	struct dt_prop p;

	if (!dt_node_ok(ref))
		return;
	rnode = dt_find_by_path(ref, "/rtas");
	knode = dt_find_by_path(dt_root(), "/rtas");
	KT_EXPECT(t, dt_node_ok(rnode) && dt_node_ok(knode));
	dt_for_each_prop(rnode, &p) {
		uint32_t token, ktoken;

		/* Tokens are the single cells QEMU numbers from 0x2000. */
		if (dt_prop_u32(rnode, p.name, &token) || token < 0x2000 || token >= 0x3000)
			continue;
		calls++;
		if (dt_prop_u32(knode, p.name, &ktoken) || ktoken != token)
			ktest_fail(t, __FILE__, __LINE__, "/rtas %s: token %#x missing or different",
				   p.name, token);
	}
	KT_EXPECT(t, calls >= 10);
	KT_EXPECT(t, rtas_token(RTAS_POWER_OFF) != 0);
	KT_EXPECT(t, rtas_token(RTAS_GET_TIME_OF_DAY) != 0);
}

/* Every node below rnode is below knode under the same name; path is
 * rnode's, in a buffer of PATH_MAX bytes, extended in place. */
#define PATH_MAX	256

static unsigned int match_subtree(struct ktest_run *t, struct dt_node rnode,
				  struct dt_node knode, char *path)
{
	size_t len = strlen(path);
	unsigned int nodes = 1;
	struct dt_node rchild;

	dt_for_each_child(rnode, rchild) {
		const char *name = dt_node_name(rchild);
		struct dt_node kchild = dt_find_by_path(knode, name);

		if (len + 1 + strlen(name) >= PATH_MAX) {
			ktest_fail(t, __FILE__, __LINE__, "path of %s/%s too long", path, name);
			continue;
		}
		/* "/" + name below the root, "/cpus" + "/" + name below /cpus */
		path[len] = '/';
		strcpy(path + (len > 1 ? len + 1 : len), name);
		if (dt_node_ok(kchild))
			nodes += match_subtree(t, rchild, kchild, path);
		else
			ktest_fail(t, __FILE__, __LINE__, "%s missing", path);
		path[len] = 0;
	}
	return nodes;
}

KTEST(fdt, "every node QEMU created is in the flattened tree")
{
	struct dt_node ref = qemu_tree(t);
	static char path[PATH_MAX];
	unsigned int nodes;

	if (!dt_node_ok(ref))
		return;
	strcpy(path, "/");
	nodes = match_subtree(t, ref, dt_root(), path);
	kprintf("# %u nodes of QEMU's tree checked\n", nodes);
	KT_EXPECT(t, nodes > 10);
}
