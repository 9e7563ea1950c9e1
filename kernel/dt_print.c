// SPDX-License-Identifier: MIT
/* Prints the device tree in dts-like form, for the monitor's dt command. */
#include <ctype.h>
#include <string.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
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

static void print_value(const struct monitor_out *o, struct dt_node n, const struct dt_prop *p)
{
	const char *v = p->value;
	int len = p->len, shown = len < MAX_SHOWN ? len : MAX_SHOWN;

	if (len == 0) {
		monitor_printf(o, ";\n");
	} else if (printable_strings(v, len)) {
		monitor_printf(o, " = \"");
		for (int i = 0; i < len - 1; i++)
			monitor_printf(o, v[i] ? "%c" : "\", \"", v[i]);
		monitor_printf(o, "\";\n");
	} else if (len % 4 == 0) {
		uint32_t cells[MAX_SHOWN / 4];

		dt_prop_cells(n, p->name, 0, cells, shown / 4);
		monitor_printf(o, " = <");
		for (int i = 0; i < shown / 4; i++)
			monitor_printf(o, "%s0x%x", i ? " " : "", cells[i]);
		monitor_printf(o, "%s>;\n", shown < len ? " ..." : "");
	} else {
		monitor_printf(o, " = [");
		for (int i = 0; i < shown; i++)
			monitor_printf(o, "%s%02x", i ? " " : "", (unsigned char)v[i]);
		monitor_printf(o, "%s];\n", shown < len ? " ..." : "");
	}
}

static void indent(const struct monitor_out *o, int depth)
{
	for (int i = 0; i < depth; i++)
		monitor_printf(o, "  ");
}

static void print_node(const struct monitor_out *o, struct dt_node n, int depth)
{
	const char *name = dt_node_name(n);
	struct dt_node child;
	struct dt_prop p;

	indent(o, depth);
	monitor_printf(o, "%s {\n", *name ? name : "/");
	dt_for_each_prop(n, &p) {
		indent(o, depth + 1);
		monitor_printf(o, "%s", p.name);
		print_value(o, n, &p);
	}
	dt_for_each_child(n, child)
		print_node(o, child, depth + 1);
	indent(o, depth);
	monitor_printf(o, "};\n");
}

int dt_print(const char *path, const struct monitor_out *o)
{
	struct dt_node n;

	/* No edit may move the tree under the names and values printed. */
	dt_hold();
	n = dt_find_by_path(dt_root(), path ? path : "");
	if (dt_node_ok(n))
		print_node(o, n, 0);
	dt_release();
	return dt_node_ok(n) ? 0 : -ENOENT;
}
