// SPDX-License-Identifier: MIT
/* RAM ranges from memory@ nodes and ibm,dynamic-reconfiguration-memory. */
#define pr_fmt "memmap: "
#include <string.h>
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

/* A number of one or two cells, most significant first. */
static uint64_t join_cells(const uint32_t *c, unsigned int cells)
{
	return cells == 2 ? (uint64_t)c[0] << 32 | c[1] : c[0];
}

/* The root's memory@ children: reg holds (address, size) pairs in the
 * root's #address-cells and #size-cells (IEEE 1275 defaults 2 and 1). */
static void add_memory_nodes(struct dt_node root, struct memmap *map)
{
	uint32_t ac = 2, sc = 1, c[4];
	struct dt_node node;

	dt_prop_u32(root, "#address-cells", &ac);
	dt_prop_u32(root, "#size-cells", &sc);
	if (ac < 1 || ac > 2 || sc < 1 || sc > 2) {
		pr_err("memory reg of %u+%u cells: not 64-bit numbers\n", ac, sc);
		return;
	}
	dt_for_each_child(root, node) {
		int cells;

		if (!dt_prop_is(node, "device_type", "memory"))
			continue;
		cells = dt_prop_cells(node, "reg", 0, NULL, 0);
		for (int i = 0; i + (int)(ac + sc) <= cells; i += ac + sc) {
			dt_prop_cells(node, "reg", i, c, ac + sc);
			add_range(map, join_cells(c, ac), join_cells(c + ac, sc));
		}
	}
}

/* ibm,dynamic-memory-v2: count, then runs of {#LMBs, address (2 cells),
 * first DRC index, associativity index, flags}. */
static void add_lmbs_v2(struct memmap *map, struct dt_node dr, int cells, uint64_t lmb)
{
	uint32_t runs, e[6];

	dt_prop_cells(dr, "ibm,dynamic-memory-v2", 0, &runs, 1);
	for (uint32_t r = 0; r < runs && (int)(1 + (r + 1) * 6) <= cells; r++) {
		dt_prop_cells(dr, "ibm,dynamic-memory-v2", 1 + r * 6, e, 6);
		/* One range per LMB: each becomes a zone that can be removed. */
		for (uint32_t i = 0; (e[5] & DRCONF_ASSIGNED) && !(e[5] & DRCONF_RESERVED) && i < e[0]; i++)
			add_range(map, join_cells(e + 1, 2) + i * lmb, lmb);
	}
}

/* ibm,dynamic-memory: count, then per LMB {address (2 cells), DRC index,
 * reserved, associativity index, flags}. */
static void add_lmbs_v1(struct memmap *map, struct dt_node dr, int cells, uint64_t lmb)
{
	uint32_t count, e[6];

	dt_prop_cells(dr, "ibm,dynamic-memory", 0, &count, 1);
	for (uint32_t i = 0; i < count && (int)(1 + (i + 1) * 6) <= cells; i++) {
		dt_prop_cells(dr, "ibm,dynamic-memory", 1 + i * 6, e, 6);
		if ((e[5] & DRCONF_ASSIGNED) && !(e[5] & DRCONF_RESERVED))
			add_range(map, join_cells(e, 2), lmb);
	}
}

static void add_drconf(struct dt_node root, struct memmap *map)
{
	struct dt_node dr = dt_find_by_path(root, "ibm,dynamic-reconfiguration-memory");
	uint32_t size[2];
	int cells;

	if (dt_prop_cells(dr, "ibm,lmb-size", 0, size, 2) != 2)
		return;
	if ((cells = dt_prop_cells(dr, "ibm,dynamic-memory-v2", 0, NULL, 0)) >= 1)
		add_lmbs_v2(map, dr, cells, join_cells(size, 2));
	else if ((cells = dt_prop_cells(dr, "ibm,dynamic-memory", 0, NULL, 0)) >= 1)
		add_lmbs_v1(map, dr, cells, join_cells(size, 2));
}

int memmap_from_dt(struct dt_node root, struct memmap *map)
{
	memset(map, 0, sizeof(*map));
	add_memory_nodes(root, map);
	add_drconf(root, map);
	return map->count ? 0 : -ENODEV;
}

int memmap_init(void)
{
	int err = memmap_from_dt(dt_root(), &boot_memory);

	if (err)
		pr_err("no memory described in the device tree\n");
	return err;
}
