// SPDX-License-Identifier: MIT
/* RAM ranges from memory@ nodes and ibm,dynamic-reconfiguration-memory. */
#define pr_fmt "memmap: "
#include <string.h>
#include <libfdt.h>
#include <vrm/endian.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include <vrm/memmap.h>

/* ibm,dynamic-memory flags (LoPAR, "ibm,dynamic-reconfiguration-memory"). */
#define DRCONF_ASSIGNED		0x08
#define DRCONF_RESERVED		0x80

struct memmap boot_memory;

static void add_range(struct memmap *map, uint64_t base, uint64_t size)
{
	if (!size)
		return;
	for (unsigned int i = 0; i < map->count; i++)
		if (base < map->range[i].base + map->range[i].size &&
		    map->range[i].base < base + size)
			return;	/* already described by a memory@ node */
	if (map->count == MEMMAP_MAX) {
		pr_warn("more than %d ranges; %#lx ignored\n", MEMMAP_MAX, (unsigned long)base);
		return;
	}
	map->range[map->count++] = (struct mem_range){ base, size };
	map->total += size;
}

static uint64_t read_cells(const fdt32_t *p, int cells)
{
	uint64_t v = 0;

	while (cells--)
		v = v << 32 | fdt32_to_cpu(*p++);
	return v;
}

static void add_memory_nodes(const void *fdt, struct memmap *map)
{
	int ac = fdt_address_cells(fdt, 0), sc = fdt_size_cells(fdt, 0);
	int node, len;

	fdt_for_each_subnode(node, fdt, 0) {
		const char *type = fdt_getprop(fdt, node, "device_type", NULL);
		const fdt32_t *reg = fdt_getprop(fdt, node, "reg", &len);

		if (!type || strcmp(type, "memory") || !reg)
			continue;
		for (int i = 0; i + (ac + sc) * 4 <= len; i += (ac + sc) * 4) {
			const fdt32_t *cell = reg + i / 4;

			add_range(map, read_cells(cell, ac), read_cells(cell + ac, sc));
		}
	}
}

/* ibm,dynamic-memory-v2: count, then runs of {#LMBs, address (2 cells),
 * first DRC index, associativity index, flags}. */
static void add_lmbs_v2(struct memmap *map, const fdt32_t *p, int len, uint64_t lmb)
{
	uint32_t runs = fdt32_to_cpu(p[0]);

	for (uint32_t r = 0; r < runs && (int)((1 + (r + 1) * 6) * 4) <= len; r++) {
		const fdt32_t *e = p + 1 + r * 6;
		uint32_t n = fdt32_to_cpu(e[0]);
		uint32_t flags = fdt32_to_cpu(e[5]);

		/* One range per LMB: each becomes a zone that can be removed. */
		for (uint32_t i = 0; (flags & DRCONF_ASSIGNED) && !(flags & DRCONF_RESERVED) && i < n; i++)
			add_range(map, read_cells(e + 1, 2) + i * lmb, lmb);
	}
}

/* ibm,dynamic-memory: count, then per LMB {address (2 cells), DRC index,
 * reserved, associativity index, flags}. */
static void add_lmbs_v1(struct memmap *map, const fdt32_t *p, int len, uint64_t lmb)
{
	uint32_t count = fdt32_to_cpu(p[0]);

	for (uint32_t i = 0; i < count && (int)((1 + (i + 1) * 6) * 4) <= len; i++) {
		const fdt32_t *e = p + 1 + i * 6;
		uint32_t flags = fdt32_to_cpu(e[5]);

		if ((flags & DRCONF_ASSIGNED) && !(flags & DRCONF_RESERVED))
			add_range(map, read_cells(e, 2), lmb);
	}
}

static void add_drconf(const void *fdt, struct memmap *map)
{
	int node = fdt_path_offset(fdt, "/ibm,dynamic-reconfiguration-memory");
	const fdt32_t *size, *p;
	int len;

	if (node < 0)
		return;
	size = fdt_getprop(fdt, node, "ibm,lmb-size", &len);
	if (!size || len != 8)
		return;
	if ((p = fdt_getprop(fdt, node, "ibm,dynamic-memory-v2", &len)) && len >= 4)
		add_lmbs_v2(map, p, len, read_cells(size, 2));
	else if ((p = fdt_getprop(fdt, node, "ibm,dynamic-memory", &len)) && len >= 4)
		add_lmbs_v1(map, p, len, read_cells(size, 2));
}

int memmap_from_fdt(const void *fdt, struct memmap *map)
{
	memset(map, 0, sizeof(*map));
	add_memory_nodes(fdt, map);
	add_drconf(fdt, map);
	return map->count ? 0 : -ENODEV;
}

int memmap_init(const void *fdt)
{
	int err = memmap_from_fdt(fdt, &boot_memory);

	if (err)
		pr_err("no memory described in the device tree\n");
	return err;
}
