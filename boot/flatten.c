// SPDX-License-Identifier: MIT
/* Flattens the firmware's device tree into an FDT with libfdt's sequential writer. */
#include <string.h>
#include <libfdt.h>
#include <arch/memlayout.h>
#include <vrm/endian.h>
#include "boot.h"
#include "of.h"

#define FDT_AREA_SIZE	(1024 * 1024)
#define PROP_MAX	(128 * 1024)
#define PATH_MAX	256
#define DEPTH_MAX	32

static char fdt_area[FDT_AREA_SIZE] __attribute__((aligned(8)));
static char prop_buf[PROP_MAX] __attribute__((aligned(8)));
static char path_buf[PATH_MAX];

extern char _image_start[], _image_end[];

static phandle_t rtas_node, chosen_node;

static void check(int err, const char *what)
{
	if (err < 0)
		of_fatal(what, err);
}

static void add_u32(void *fdt, const char *name, uint32_t v)
{
	check(fdt_property_u32(fdt, name, v), "fdt: cannot add a property");
}

/* Copies every property of `ph`; adds `phandle` where firmware has none,
 * so references between nodes resolve in the flat tree. */
static void flatten_props(void *fdt, phandle_t ph)
{
	char prev[OF_PROP_NAME_MAX] = "", name[OF_PROP_NAME_MAX];
	int has_phandle = 0;

	while (of_nextprop(ph, prev, name) == 1) {
		/* One call per value: getprop returns the property's whole
		 * length, whatever it copied (IEEE 1275 getprop). */
		int len = of_getprop(ph, name, prop_buf, PROP_MAX);

		if (len < 0 || len > PROP_MAX)
			of_fatal("device-tree property unreadable or too large", len);
		if (!strcmp(name, "phandle") || !strcmp(name, "linux,phandle"))
			has_phandle = 1;
		check(fdt_property(fdt, name, prop_buf, len), "fdt: property");
		memcpy(prev, name, sizeof(prev));
	}
	if (!has_phandle)
		add_u32(fdt, "phandle", ph);
}

static void flatten_node(void *fdt, phandle_t ph, const struct boot_params *bp, int depth)
{
	const char *unit = "";
	phandle_t child;
	int len;

	if (depth > DEPTH_MAX)
		of_fatal("device tree nested too deeply", depth);
	if (depth > 0) {
		len = of_package_to_path(ph, path_buf, sizeof(path_buf) - 1);
		if (len <= 0)
			of_fatal("package-to-path failed", len);
		if (len > (int)sizeof(path_buf) - 1)
			of_fatal("device-tree path too long", len);
		path_buf[len] = 0;
		unit = strrchr(path_buf, '/') + 1;
	}
	check(fdt_begin_node(fdt, unit), "fdt: begin node");
	flatten_props(fdt, ph);
	if (ph == rtas_node) {
		add_u32(fdt, "linux,rtas-base", bp->rtas_base);
		add_u32(fdt, "linux,rtas-entry", bp->rtas_entry);
	}
	if (ph == chosen_node)
		check(fdt_property_string(fdt, "vrm,firmware", bp->firmware), "fdt: firmware");
	for (child = of_child(ph); child && child != OF_FAILED; child = of_peer(child))
		flatten_node(fdt, child, bp, depth + 1);
	check(fdt_end_node(fdt), "fdt: end node");
}

void *boot_flatten(const struct boot_params *bp)
{
	void *fdt = fdt_area;
	phandle_t root = of_peer(0);

	rtas_node = of_finddevice("/rtas");
	chosen_node = of_finddevice("/chosen");
	check(fdt_create(fdt, FDT_AREA_SIZE), "fdt: create");
	check(fdt_add_reservemap_entry(fdt, pa(_image_start), _image_end - _image_start),
	      "fdt: reserve kernel");
	if (bp->initrd_size)
		check(fdt_add_reservemap_entry(fdt, bp->initrd_start, bp->initrd_size),
		      "fdt: reserve initrd");
	check(fdt_finish_reservemap(fdt), "fdt: finish reserve map");
	flatten_node(fdt, root, bp, 0);
	check(fdt_finish(fdt), "fdt: finish");
	return fdt;
}
