// SPDX-License-Identifier: MIT
/* The device-tree layer: the one place in the kernel that calls libfdt. */
#define pr_fmt "dt: "
#include <string.h>
#include <libfdt.h>
#include <vrm/dt.h>
#include <vrm/endian.h>
#include <vrm/errno.h>
#include <vrm/log.h>

/* Bytes an edit adds beyond its name and value (tags, lengths, padding),
 * for the growth guess. */
#define EDIT_OVERHEAD	64

static struct dt_tree kernel_tree = { .lock = SPINLOCK_INIT };
static void *(*tree_alloc)(size_t size);
static void (*tree_free)(void *p);

/* libfdt's error codes stop here. */
static int to_errno(int fdt_err)
{
	switch (fdt_err) {
	case -FDT_ERR_NOTFOUND:
		return -ENOENT;
	case -FDT_ERR_EXISTS:
		return -EEXIST;
	case -FDT_ERR_NOSPACE:
		return -ENOMEM;
	default:	/* a bad offset, path or name, or a corrupt tree */
		return -EINVAL;
	}
}

/* The one place where a big-endian cell of the tree becomes a number.
 * Property values are only 4-byte aligned, and the copy says so. */
static uint32_t cell(const void *value, unsigned int i)
{
	be32 c;

	memcpy(&c, (const char *)value + 4 * i, sizeof(c));
	return be32_to_cpu(c);
}

static struct dt_node make_node(struct dt_tree *t, int off)
{
	return off >= 0 ? (struct dt_node){ t, off, t->gen } : DT_NONE;
}

/*
 * The node's offset, or -EINVAL for a handle that an edit since it was
 * made may have moved (whatever lies at its offset now is another node,
 * or none), or that is older than the edits remembered. The root never
 * moves. With the tree's lock held.
 */
static int node_off(struct dt_node n)
{
	const struct dt_tree *t = n.tree;
	bool moved = n.off && t->gen - n.gen > DT_EDIT_HISTORY;

	for (unsigned int g = n.gen; n.off && !moved && g != t->gen;)
		moved = n.off >= t->moved[++g % DT_EDIT_HISTORY];
	if (moved) {
		pr_err("stale node handle (offset %d, %u edits old)\n", n.off, t->gen - n.gen);
		return -EINVAL;
	}
	return n.off;
}

/* A property's value and length, or NULL with a negative errno in *len.
 * With the tree's lock held. */
static const void *get_prop(struct dt_node n, const char *name, int *len)
{
	int off = node_off(n);
	const void *v;

	if (off < 0) {
		*len = off;
		return NULL;
	}
	v = fdt_getprop(n.tree->fdt, off, name, len);
	if (!v)
		*len = to_errno(*len);
	return v;
}

static int open_tree(struct dt_tree *t, void *fdt, bool editable)
{
	if (fdt_check_header(fdt))
		return -EINVAL;
	*t = (struct dt_tree){
		.fdt = fdt,
		.size = fdt_totalsize(fdt),
		.editable = editable,
		.lock = SPINLOCK_INIT,
	};
	return 0;
}

int dt_init(void *fdt)
{
	return open_tree(&kernel_tree, fdt, true);
}

void dt_set_allocator(void *(*alloc)(size_t size), void (*free)(void *p))
{
	tree_alloc = alloc;
	tree_free = free;
}

int dt_tree_open(struct dt_tree *t, const void *blob)
{
	/* Never written through: edits refuse a tree that is not editable. */
	return open_tree(t, (void *)blob, false);
}

int dt_check(void)
{
	struct dt_tree *t = &kernel_tree;
	int err;

	spin_lock(&t->lock);
	err = fdt_check_full(t->fdt, t->size);
	spin_unlock(&t->lock);
	if (err) {
		pr_err("the tree is corrupt: %s\n", fdt_strerror(err));
		return -EINVAL;
	}
	return 0;
}

struct dt_node dt_tree_root(struct dt_tree *t)
{
	struct dt_node n = DT_NONE;

	if (!t->fdt)
		return n;
	spin_lock(&t->lock);
	n = make_node(t, 0);
	spin_unlock(&t->lock);
	return n;
}

struct dt_node dt_root(void)
{
	return dt_tree_root(&kernel_tree);
}

struct dt_node dt_find_by_path(struct dt_node from, const char *path)
{
	struct dt_node found;
	int off;

	if (!dt_node_ok(from))
		return DT_NONE;
	spin_lock(&from.tree->lock);
	off = node_off(from);
	while (off >= 0 && *path) {
		const char *end = strchr(path, '/');
		size_t len = end ? (size_t)(end - path) : strlen(path);

		if (len)
			off = fdt_subnode_offset_namelen(from.tree->fdt, off, path, len);
		path += len + (end != NULL);
	}
	found = make_node(from.tree, off);
	spin_unlock(&from.tree->lock);
	return found;
}

const char *dt_node_name(struct dt_node n)
{
	const char *name = NULL;
	int off;

	if (!dt_node_ok(n))
		return NULL;
	spin_lock(&n.tree->lock);
	off = node_off(n);
	if (off >= 0)
		name = fdt_get_name(n.tree->fdt, off, NULL);
	spin_unlock(&n.tree->lock);
	return name;
}

bool dt_node_is_compatible(struct dt_node n, const char *compat)
{
	bool yes = false;
	int off;

	if (!dt_node_ok(n))
		return false;
	spin_lock(&n.tree->lock);
	off = node_off(n);
	if (off >= 0)
		yes = fdt_node_check_compatible(n.tree->fdt, off, compat) == 0;
	spin_unlock(&n.tree->lock);
	return yes;
}

/* The first child of a node, or the next sibling of one. */
static struct dt_node step(struct dt_node n, bool first)
{
	struct dt_node next;
	int off;

	if (!dt_node_ok(n))
		return DT_NONE;
	spin_lock(&n.tree->lock);
	off = node_off(n);
	if (off >= 0)
		off = first ? fdt_first_subnode(n.tree->fdt, off) : fdt_next_subnode(n.tree->fdt, off);
	next = make_node(n.tree, off);
	spin_unlock(&n.tree->lock);
	return next;
}

struct dt_node dt_first_child(struct dt_node parent)
{
	return step(parent, true);
}

struct dt_node dt_next_sibling(struct dt_node n)
{
	return step(n, false);
}

struct dt_node dt_find_compatible(struct dt_node root, struct dt_node prev, const char *compat)
{
	struct dt_node found;
	int off, depth;

	if (!dt_node_ok(root))
		return DT_NONE;
	spin_lock(&root.tree->lock);
	off = node_off(dt_node_ok(prev) ? prev : root);
	if (off >= 0)
		off = fdt_node_offset_by_compatible(root.tree->fdt, off, compat);
	/* Nodes follow their ancestors: the first match outside root's
	 * subtree ends the search. */
	if (off >= 0 && root.off != 0) {
		depth = fdt_node_depth(root.tree->fdt, root.off);
		if (fdt_supernode_atdepth_offset(root.tree->fdt, off, depth, NULL) != root.off)
			off = -1;
	}
	found = make_node(root.tree, off);
	spin_unlock(&root.tree->lock);
	return found;
}

const void *dt_prop_get(struct dt_node n, const char *name, int *len)
{
	const void *v;
	int l;

	if (!dt_node_ok(n))
		v = NULL;
	else {
		spin_lock(&n.tree->lock);
		v = get_prop(n, name, &l);
		spin_unlock(&n.tree->lock);
	}
	if (len)
		*len = v ? l : 0;
	return v;
}

const char *dt_prop_string(struct dt_node n, const char *name)
{
	const char *v;
	int len;

	if (!dt_node_ok(n))
		return NULL;
	spin_lock(&n.tree->lock);
	v = get_prop(n, name, &len);
	/* One string: the first NUL is the last byte. */
	if (v && (len < 1 || strnlen(v, len) != (size_t)len - 1))
		v = NULL;
	spin_unlock(&n.tree->lock);
	return v;
}

bool dt_prop_is(struct dt_node n, const char *name, const char *value)
{
	const char *v;
	bool yes;
	int len;

	if (!dt_node_ok(n))
		return false;
	spin_lock(&n.tree->lock);
	v = get_prop(n, name, &len);
	yes = v && (size_t)len == strlen(value) + 1 && !memcmp(v, value, len);
	spin_unlock(&n.tree->lock);
	return yes;
}

int dt_prop_cells(struct dt_node n, const char *name, unsigned int first, uint32_t *cells,
		  unsigned int count)
{
	const void *v;
	int len;

	if (!dt_node_ok(n))
		return -ENOENT;
	spin_lock(&n.tree->lock);
	v = get_prop(n, name, &len);
	if (v && len % 4 == 0)
		for (unsigned int i = first; i < (unsigned int)len / 4 && i - first < count; i++)
			cells[i - first] = cell(v, i);
	spin_unlock(&n.tree->lock);
	if (!v)
		return len;
	return len % 4 ? -EINVAL : len / 4;
}

int dt_prop_u32(struct dt_node n, const char *name, uint32_t *val)
{
	uint32_t c;
	int cells = dt_prop_cells(n, name, 0, &c, 1);

	if (cells < 0)
		return cells;
	if (cells != 1)
		return -EINVAL;
	*val = c;
	return 0;
}

int dt_prop_u64(struct dt_node n, const char *name, uint64_t *val)
{
	uint32_t c[2];
	int cells = dt_prop_cells(n, name, 0, c, 2);

	if (cells < 0)
		return cells;
	if (cells == 1)
		*val = c[0];
	else if (cells == 2)
		*val = (uint64_t)c[0] << 32 | c[1];
	else
		return -EINVAL;
	return 0;
}

bool dt_next_prop(struct dt_node n, struct dt_prop *p)
{
	int off;

	if (!dt_node_ok(n))
		return false;
	spin_lock(&n.tree->lock);
	off = node_off(n);
	if (off >= 0 && p->cursor < 0)
		off = fdt_first_property_offset(n.tree->fdt, off);
	else if (off >= 0)
		off = fdt_next_property_offset(n.tree->fdt, p->cursor);
	if (off >= 0) {
		p->value = fdt_getprop_by_offset(n.tree->fdt, off, &p->name, &p->len);
		if (!p->value)
			off = -1;
	}
	spin_unlock(&n.tree->lock);
	p->cursor = off;
	return off >= 0;
}

int dt_reserved_range(unsigned int i, uint64_t *base, uint64_t *size)
{
	struct dt_tree *t = &kernel_tree;
	int err = -ENOENT;

	spin_lock(&t->lock);
	if ((int)i < fdt_num_mem_rsv(t->fdt) && !fdt_get_mem_rsv(t->fdt, i, base, size))
		err = 0;
	spin_unlock(&t->lock);
	return err;
}

void dt_hold(void)
{
	spin_lock(&kernel_tree.lock);
	kernel_tree.holders++;
	spin_unlock(&kernel_tree.lock);
}

void dt_release(void)
{
	spin_lock(&kernel_tree.lock);
	kernel_tree.holders--;
	spin_unlock(&kernel_tree.lock);
}

/*
 * Edits. The lock is taken only once no dt_hold() is in force, and kept
 * for the whole edit, so a reader sees the tree before it or after it.
 * A holder that is preempted runs again while the editor spins here with
 * the lock released, so the wait ends.
 */
static void edit_begin(struct dt_tree *t)
{
	for (;;) {
		spin_lock(&t->lock);
		if (!t->holders)
			return;
		spin_unlock(&t->lock);
		while (__atomic_load_n(&t->holders, __ATOMIC_RELAXED))
			cpu_relax();
	}
}

/*
 * Moves the tree into a buffer with room for `need` more bytes, and at
 * least twice as large, so a run of edits moves it seldom. Offsets are
 * kept: they count from the start of the structure block. With the lock
 * held, which kmalloc may be called under.
 */
static int grow(struct dt_tree *t, size_t need)
{
	size_t size = t->size * 2 > t->size + need ? t->size * 2 : t->size + need;
	void *buf;
	int err;

	if (!tree_alloc || size > INT32_MAX || !(buf = tree_alloc(size)))
		return -ENOMEM;
	err = fdt_open_into(t->fdt, buf, size);
	if (err) {
		tree_free(buf);
		return to_errno(err);
	}
	/* The tree firmware handed over lies in the kernel image: not ours. */
	if (t->owned)
		tree_free(t->fdt);
	t->fdt = buf;
	t->size = size;
	t->owned = true;
	return 0;
}

enum edit_op { ADD_NODE, SET_PROP, DEL_NODE };

static const char *const op_names[] = {
	[ADD_NODE] = "add node", [SET_PROP] = "set property", [DEL_NODE] = "delete node",
};

/* One libfdt edit: the new node's offset, 0, or a libfdt error. */
static int apply(struct dt_tree *t, enum edit_op op, int off, const char *name,
		 const void *value, int len)
{
	switch (op) {
	case ADD_NODE:
		return fdt_add_subnode(t->fdt, off, name);
	case SET_PROP:
		return fdt_setprop(t->fdt, off, name, value, len);
	case DEL_NODE:
		return fdt_del_node(t->fdt, off);
	}
	return -FDT_ERR_INTERNAL;
}

/*
 * Runs an edit on *n, growing the tree as often as libfdt finds it full
 * (a failed libfdt edit changes nothing). 0 or a negative errno. When the
 * edit is made, *n is refreshed (or, deleted, becomes DT_NONE) and *added
 * is the node added.
 */
static int edit(struct dt_node *n, enum edit_op op, const char *name, const void *value,
		int len, struct dt_node *added)
{
	struct dt_tree *t = n->tree;
	int off, rc;

	if (!dt_node_ok(*n)) {
		rc = -ENOENT;
	} else if (!t->editable) {
		rc = -EROFS;
	} else {
		edit_begin(t);
		rc = off = node_off(*n);
		while (off >= 0) {
			int err = apply(t, op, off, name, value, len);

			if (err != -FDT_ERR_NOSPACE) {
				rc = err < 0 ? to_errno(err) : err;
				break;
			}
			rc = grow(t, (name ? strlen(name) : 0) + (size_t)len + EDIT_OVERHEAD);
			if (rc)
				break;
		}
		if (rc >= 0) {
			/* libfdt inserts or removes bytes after the node's
			 * start; a deleted node itself is gone. */
			t->gen++;
			t->moved[t->gen % DT_EDIT_HISTORY] = op == DEL_NODE ? off : off + 1;
			*n = op == DEL_NODE ? DT_NONE : make_node(t, off);
			if (added)
				*added = make_node(t, rc);
			rc = 0;
		}
		spin_unlock(&t->lock);
	}
	if (rc < 0)
		pr_warn("%s %s: %s\n", op_names[op], name ? name : "", strerror(rc));
	return rc;
}

int dt_add_node(struct dt_node *parent, const char *name, struct dt_node *child)
{
	/* libfdt would take a '/' into the name, and a path through it
	 * would then never find the node. */
	if (!*name || strchr(name, '/')) {
		pr_warn("add node: bad name \"%s\"\n", name);
		return -EINVAL;
	}
	return edit(parent, ADD_NODE, name, NULL, 0, child);
}

int dt_set_prop(struct dt_node *n, const char *name, const void *value, int len)
{
	if (!*name || len < 0 || (len && !value)) {
		pr_warn("set property: bad name or value for \"%s\"\n", name);
		return -EINVAL;
	}
	return edit(n, SET_PROP, name, value, len, NULL);
}

/* The one place where a number becomes a big-endian cell of the tree. */
int dt_set_prop_u32(struct dt_node *n, const char *name, uint32_t val)
{
	be32 c = cpu_to_be32(val);

	return dt_set_prop(n, name, &c, sizeof(c));
}

int dt_del_node(struct dt_node *n)
{
	/* libfdt would cut the root out too, leaving no tree at all. */
	if (dt_node_ok(*n) && n->off == 0) {
		pr_warn("delete node: not the root\n");
		return -EINVAL;
	}
	return edit(n, DEL_NODE, NULL, NULL, 0, NULL);
}
