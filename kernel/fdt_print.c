// SPDX-License-Identifier: MIT
/* Prints a flattened device tree in dts-like form, through libfdt. */
#include <ctype.h>
#include <string.h>
#include <libfdt.h>
#include <vrm/monitor.h>

#define MAX_SHOWN	64	/* bytes of one property shown before "..." */

static bool printable_strings(const char *p, int len)
{
	if (len == 0 || p[len - 1] != 0 || p[0] == 0)
		return false;
	for (int i = 0; i < len; i++) {
		if (p[i] == 0) {
			if (i + 1 < len && p[i + 1] == 0)
				return false;
		} else if (!isprint((unsigned char)p[i])) {
			return false;
		}
	}
	return true;
}

static void print_value(const struct monitor_out *o, const char *p, int len)
{
	int shown = len < MAX_SHOWN ? len : MAX_SHOWN;

	if (len == 0) {
		monitor_printf(o, ";\n");
	} else if (printable_strings(p, len)) {
		monitor_printf(o, " = \"");
		for (int i = 0; i < len - 1; i++)
			monitor_printf(o, p[i] ? "%c" : "\", \"", p[i]);
		monitor_printf(o, "\";\n");
	} else if (len % 4 == 0) {
		monitor_printf(o, " = <");
		for (int i = 0; i < shown; i += 4)
			monitor_printf(o, "%s0x%x", i ? " " : "", fdt32_to_cpu(*(const fdt32_t *)(p + i)));
		monitor_printf(o, "%s>;\n", shown < len ? " ..." : "");
	} else {
		monitor_printf(o, " = [");
		for (int i = 0; i < shown; i++)
			monitor_printf(o, "%s%02x", i ? " " : "", (unsigned char)p[i]);
		monitor_printf(o, "%s];\n", shown < len ? " ..." : "");
	}
}

static void indent(const struct monitor_out *o, int depth)
{
	for (int i = 0; i < depth; i++)
		monitor_printf(o, "  ");
}

int fdt_print(const void *fdt, const char *path, const struct monitor_out *o)
{
	int node = fdt_path_offset(fdt, path && *path ? path : "/");
	int depth = 0, prop;

	if (node < 0)
		return node;
	for (;;) {
		int next_depth = depth, closes;
		bool done;

		indent(o, depth);
		monitor_printf(o, "%s {\n", node == 0 ? "/" : fdt_get_name(fdt, node, NULL));
		fdt_for_each_property_offset(prop, fdt, node) {
			const char *pname;
			int len;
			const char *val = fdt_getprop_by_offset(fdt, prop, &pname, &len);

			indent(o, depth + 1);
			monitor_printf(o, "%s", pname);
			print_value(o, val, len);
		}
		/* Close every node between this one and the next in the walk. */
		node = fdt_next_node(fdt, node, &next_depth);
		done = node < 0 || next_depth <= 0;
		closes = done ? depth + 1 : depth + 1 - next_depth;
		for (int i = 0; i < closes; i++) {
			indent(o, depth - i);
			monitor_printf(o, "};\n");
		}
		if (done)
			return 0;
		depth = next_depth;
	}
}
