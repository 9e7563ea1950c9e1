// SPDX-License-Identifier: MIT
/* The fdt suite: the kernel's flattened tree against the tree QEMU created. */
#include <string.h>
#include <libfdt.h>
#include <arch/memlayout.h>
#include <arch/rtas.h>
#include <arch/smp.h>
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

KTEST(fdt, "memory in the tree matches the memory QEMU created")
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

KTEST(fdt, "every cpu node QEMU created is in the tree, and every thread is known")
{
	const void *ref = qemu_tree(t);

	if (!ref)
		return;
	unsigned int nodes = match_nodes(t, ref, "/cpus", "cpu");

	KT_EXPECT(t, nodes >= 1);
	KT_EXPECT(t, nr_cpus_present >= nodes);
}

KTEST(fdt, "memory nodes QEMU created are in the tree with the same reg")
{
	const void *ref = qemu_tree(t);

	if (ref)
		KT_EXPECT(t, match_nodes(t, ref, "/", "memory") >= 1);
}

KTEST(fdt, "/rtas has every RTAS call QEMU offers, with the same token")
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


KTEST(fdt, "every node QEMU created is in the flattened tree")
{
	const void *ref = qemu_tree(t);
	char path[256];
	unsigned int nodes = 0;
	int node, depth = 0;

	if (!ref)
		return;
	for (node = 0; node >= 0 && depth >= 0; node = fdt_next_node(ref, node, &depth)) {
		if (fdt_get_path(ref, node, path, sizeof(path))) {
			ktest_fail(t, __FILE__, __LINE__, "path of node at %d too long", node);
			continue;
		}
		nodes++;
		if (fdt_path_offset(kernel_fdt, path) < 0)
			ktest_fail(t, __FILE__, __LINE__, "%s missing", path);
	}
	kprintf("# %u nodes of QEMU's tree checked\n", nodes);
	KT_EXPECT(t, nodes > 10);
}
