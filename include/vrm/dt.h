/* SPDX-License-Identifier: MIT */
/* The device tree: typed reads and run-time edits over the flattened tree. */
#ifndef VRM_DT_H
#define VRM_DT_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arch/spinlock.h>

/*
 * base/dt.c is the only code that calls libfdt (boot/, which writes the
 * tree before the kernel runs, aside). docs/devicetree.md has the rules;
 * in short:
 *
 * - Reads return 0 or a negative errno and leave *val untouched on
 *   failure, so a default is set by storing it first. A missing node or
 *   property is -ENOENT, a property of the wrong size -EINVAL.
 * - Every call is atomic against every other (one lock per tree). A node
 *   handle stays good across edits that change the tree only inside it or
 *   after it (in tree order): the root always, a parent while its children
 *   are edited. A handle an edit may have moved is refused (-EINVAL,
 *   logged), never misread. Pointers into the tree (dt_prop_get,
 *   dt_prop_string, dt_node_name, struct dt_prop) are good until the next
 *   edit. Code that may run while the tree is edited brackets its reads
 *   with dt_hold() and dt_release(): edits wait until nobody holds it.
 * - Not from interrupt handlers: the lock does not mask interrupts.
 */

/* Edits remembered to tell whether a handle may have moved; a handle
 * older than that (the root aside) is refused. */
#define DT_EDIT_HISTORY	64

/* A flattened tree. Its members are dt.c's: callers only name it, to read
 * a second tree (dt_tree_open) beside the kernel's. */
struct dt_tree {
	void *fdt;
	size_t size;		/* bytes of the buffer the tree lies in */
	unsigned int gen;	/* edits so far */
	/* Edit g moved every node at or past moved[g % DT_EDIT_HISTORY]. */
	int moved[DT_EDIT_HISTORY];
	unsigned int holders;	/* dt_hold()s in force: edits wait */
	bool editable;
	bool owned;		/* fdt came from the allocator, free it on growth */
	spinlock_t lock;
};

/* A node of a tree, or none (dt_node_ok() false). */
struct dt_node {
	struct dt_tree *tree;
	int off;
	unsigned int gen;
};

#define DT_NONE		((struct dt_node){ .tree = NULL, .off = -1, .gen = 0 })

static inline bool dt_node_ok(struct dt_node n)
{
	return n.tree && n.off >= 0;
}

/* The kernel's tree, from kmain: 0, or -EINVAL when fdt is not a valid
 * flattened tree. Edits need an allocator (dt_set_allocator) to grow it. */
int dt_init(void *fdt);
/* Where grown trees come from (the kernel heap, once it exists); until
 * then an edit that does not fit fails with -ENOMEM. */
void dt_set_allocator(void *(*alloc)(size_t size), void (*free)(void *p));
/* Another tree, read-only, read in place: 0, or -EINVAL. */
int dt_tree_open(struct dt_tree *t, const void *blob);
/* A full structural check of the kernel's tree: 0, or -EINVAL. */
int dt_check(void);

/* The root of the kernel's tree, and of another one. */
struct dt_node dt_root(void);
struct dt_node dt_tree_root(struct dt_tree *t);

/* The node `path` names below `from`: "/cpus" or "cpus" from the root,
 * "vty@71000000" from /vdevice. A component without a unit address
 * matches a node with one ("memory" finds "memory@0"). No aliases. */
struct dt_node dt_find_by_path(struct dt_node from, const char *path);

/* Name with unit address ("cpus", "PowerPC,POWER9@0"); "" for the root,
 * NULL for no node. */
const char *dt_node_name(struct dt_node n);
bool dt_node_is_compatible(struct dt_node n, const char *compat);

struct dt_node dt_first_child(struct dt_node parent);
struct dt_node dt_next_sibling(struct dt_node n);
#define dt_for_each_child(parent, child)				\
	for ((child) = dt_first_child(parent); dt_node_ok(child);	\
	     (child) = dt_next_sibling(child))

/* The next node after `prev` (or the first, for DT_NONE) below `root`,
 * in tree order, whose compatible list holds `compat`; root itself is
 * not searched. */
struct dt_node dt_find_compatible(struct dt_node root, struct dt_node prev,
				  const char *compat);
#define dt_for_each_compatible(root, node, compat)			\
	for ((node) = dt_find_compatible(root, DT_NONE, compat);	\
	     dt_node_ok(node); (node) = dt_find_compatible(root, node, compat))

/* A property's bytes as stored (NULL when missing); *len gets its length,
 * 0 when missing. Cells in it are big-endian: use the typed reads. */
const void *dt_prop_get(struct dt_node n, const char *name, int *len);
/* A property that is one NUL-terminated string, or NULL. */
const char *dt_prop_string(struct dt_node n, const char *name);
/* Whether the property is exactly the string `value` ("device_type" is
 * "cpu"). */
bool dt_prop_is(struct dt_node n, const char *name, const char *value);
/* One cell. */
int dt_prop_u32(struct dt_node n, const char *name, uint32_t *val);
/* One cell or two (most significant first): /chosen's linux,initrd-start
 * is written either way. */
int dt_prop_u64(struct dt_node n, const char *name, uint64_t *val);
/*
 * Cells first..first+count-1 into cells[], as far as the property goes.
 * Returns how many cells the whole property has (so first read with
 * count 0 to size a buffer), or -ENOENT, or -EINVAL when its length is
 * not a whole number of cells.
 */
int dt_prop_cells(struct dt_node n, const char *name, unsigned int first,
		  uint32_t *cells, unsigned int count);

/* Properties of a node in stored order: dt_for_each_prop(node, &p) sets
 * p.name, p.value and p.len. */
struct dt_prop {
	const char *name;
	const void *value;
	int len;
	int cursor;		/* dt.c's */
};
bool dt_next_prop(struct dt_node n, struct dt_prop *p);
#define dt_for_each_prop(node, p)					\
	for ((p)->cursor = -1; dt_next_prop(node, p);)

/* Entry i of the kernel tree's reserve map: 0, or -ENOENT past its end. */
int dt_reserved_range(unsigned int i, uint64_t *base, uint64_t *size);

/* Keeps edits of the kernel's tree out until the matching release, so the
 * handles and pointers taken meanwhile stay good. Holds nest. Never edit
 * while holding: the edit would wait for itself. */
void dt_hold(void);
void dt_release(void);

/*
 * Edits, for DLPAR; the kernel's tree only (another is -EROFS). A tree
 * that is full moves into a larger buffer from the allocator, keeping
 * every handle. 0, or -EINVAL (bad name, stale handle), -EEXIST, -ENOMEM,
 * -EROFS, -ENOENT (no node), each logged.
 */
int dt_add_node(struct dt_node *parent, const char *name, struct dt_node *child);
int dt_set_prop(struct dt_node *n, const char *name, const void *value, int len);
int dt_set_prop_u32(struct dt_node *n, const char *name, uint32_t val);
/* Removes the node and everything below it; *n becomes DT_NONE. */
int dt_del_node(struct dt_node *n);
#endif
