// SPDX-License-Identifier: MIT
/* DR connectors: acquire, configure into the device tree, release, decline. */

/*
 * The RTAS side of LoPAR's logical DR sequences (ch_dynamic_reconfig.xml,
 * "Architectural Intent -- Logical DR Sequences"), the same for CPU cores
 * and LMBs: get-sensor-state (dr-entity-sense, 9003), set-indicator
 * (isolation-state 9001, allocation-state 9003) and
 * ibm,configure-connector. RTAS statuses are logged raw and turn into
 * errnos here.
 */
#define pr_fmt "dr: "
#include <stddef.h>
#include <string.h>
#include <arch/rtas.h>
#include <vrm/dt.h>
#include <vrm/endian.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include "drc.h"

#define MAX_DEPTH	8	/* nodes nested below the parent */
#define MAX_TOP		8	/* nodes added directly below the parent */
#define MAX_STEPS	100000	/* a connector that never ends is an error */

/* In the image, so RTAS reaches it in real mode (below 4 GiB, in the RMA). */
static struct rtas_cc_work_area work_area __attribute__((aligned(RTAS_CC_WORK_AREA_SIZE)));

static int failed(uint32_t drc_index, const char *what, int status)
{
	pr_warn("drc-index 0x%08x: %s: RTAS status %d\n", drc_index, what, status);
	return rtas_errno(status);
}

int drc_sense(uint32_t drc_index, uint32_t *state)
{
	int status = rtas_get_sensor_state(RTAS_SENSOR_DR_ENTITY, drc_index, state);

	return status ? failed(drc_index, "get-sensor-state dr-entity-sense", status) : 0;
}

int drc_acquire(uint32_t drc_index)
{
	uint32_t state = RTAS_ENTITY_EMPTY;
	int status, err = drc_sense(drc_index, &state);

	if (err)
		return err;
	if (state != RTAS_ENTITY_UNUSABLE) {
		pr_warn("drc-index 0x%08x: dr-entity-sense %u (%s), not unusable: not acquired\n",
			drc_index, state, state == RTAS_ENTITY_PRESENT ? "the OS's already" :
			state == RTAS_ENTITY_EMPTY ? "empty" : "not offered to the OS");
		return state == RTAS_ENTITY_PRESENT ? -EBUSY : -ENODEV;
	}
	status = rtas_set_indicator(RTAS_INDICATOR_ALLOCATION, drc_index, RTAS_ALLOC_USABLE);
	if (status)
		return failed(drc_index, "set-indicator allocation-state usable", status);
	status = rtas_set_indicator(RTAS_INDICATOR_ISOLATION, drc_index, RTAS_UNISOLATE);
	if (status) {
		err = failed(drc_index, "set-indicator isolation-state unisolate", status);
		rtas_set_indicator(RTAS_INDICATOR_ALLOCATION, drc_index, RTAS_ALLOC_UNUSABLE);
		return err;
	}
	return 0;
}

/* A NUL-terminated string at `offset` of the work area, or NULL. */
static const char *wa_string(uint32_t offset)
{
	const char *s = (const char *)&work_area + offset;

	if (offset < offsetof(struct rtas_cc_work_area, data) || offset >= sizeof(work_area) ||
	    !memchr(s, 0, sizeof(work_area) - offset))
		return NULL;
	return s;
}

/* Where the reported nodes go: the parent, then one node per level. */
struct cc_walk {
	struct dt_node level[MAX_DEPTH + 1];
	unsigned int depth;
	struct dt_node top[MAX_TOP];
	unsigned int tops;
};

static int add_node(struct cc_walk *w, uint32_t drc_index, const char *name)
{
	struct dt_node child;
	int err;

	if (!name || w->depth == MAX_DEPTH || (w->depth == 0 && w->tops == MAX_TOP)) {
		pr_warn("drc-index 0x%08x: configure-connector: %s\n", drc_index,
			name ? "nodes nested too deep or too many" : "node name outside the work area");
		return -EINVAL;
	}
	err = dt_add_node(&w->level[w->depth], name, &child);
	if (err)
		return err;
	if (w->depth == 0)
		w->top[w->tops++] = child;
	w->level[++w->depth] = child;
	return 0;
}

static int add_property(struct cc_walk *w, uint32_t drc_index)
{
	const char *name = wa_string(be32_to_cpu(work_area.name_offset));
	uint32_t len = be32_to_cpu(work_area.length);
	uint32_t at = be32_to_cpu(work_area.value_offset);

	if (!name || w->depth == 0 || at < offsetof(struct rtas_cc_work_area, data) ||
	    at > sizeof(work_area) || len > sizeof(work_area) - at) {
		pr_warn("drc-index 0x%08x: configure-connector: a property %s\n", drc_index,
			w->depth ? "outside the work area" : "before any node");
		return -EINVAL;
	}
	return dt_set_prop(&w->level[w->depth], name, (const uint8_t *)&work_area + at, (int)len);
}

static int bad_order(uint32_t drc_index, const char *what)
{
	pr_warn("drc-index 0x%08x: configure-connector reported %s\n", drc_index, what);
	return -EINVAL;
}

/* One step of the walk for a status of configure-connector: 1 when the
 * subtree is complete, 0 to go on, or a negative errno. */
static int cc_step(struct cc_walk *w, uint32_t drc_index, int status)
{
	switch (status) {
	case RTAS_CC_DONE:
		/* It closes the nodes still open: QEMU reports the end of the
		 * top node this way, not as a previous parent. */
		return 1;
	case RTAS_CC_NEXT_SIBLING:
		if (w->depth == 0)
			return bad_order(drc_index, "a sibling before any node");
		w->depth--;
		return add_node(w, drc_index, wa_string(be32_to_cpu(work_area.name_offset)));
	case RTAS_CC_NEXT_CHILD:
		return add_node(w, drc_index, wa_string(be32_to_cpu(work_area.name_offset)));
	case RTAS_CC_NEXT_PROPERTY:
		return add_property(w, drc_index);
	case RTAS_CC_PREV_PARENT:
		if (w->depth == 0)
			return bad_order(drc_index, "a parent above the connector's");
		w->depth--;
		return 0;
	case RTAS_CC_MORE_MEMORY:
		pr_warn("drc-index 0x%08x: configure-connector wants more than one page\n",
			drc_index);
		return -ENOMEM;
	default:
		return failed(drc_index, "ibm,configure-connector", status);
	}
}

int drc_configure(uint32_t drc_index, struct dt_node *parent, struct dt_node *first)
{
	struct cc_walk w = { .level = { *parent } };
	int done = 0;

	/* LoPAR "Initial Work Area Initialization": the index, then 0; RTAS
	 * keeps its state in the rest, which is handed back untouched. */
	memset(&work_area, 0, sizeof(work_area));
	work_area.drc_index = cpu_to_be32(drc_index);
	for (unsigned int step = 0; !done && step < MAX_STEPS; step++)
		done = cc_step(&w, drc_index, rtas_configure_connector(&work_area));
	if (done == 0) {
		pr_warn("drc-index 0x%08x: configure-connector did not end\n", drc_index);
		done = -EIO;
	}
	if (done > 0 && w.tops == 0) {
		pr_warn("drc-index 0x%08x: configure-connector reported no node\n", drc_index);
		done = -ENOENT;
	}
	if (done < 0) {
		while (w.tops)
			dt_del_node(&w.top[--w.tops]);
		return done;
	}
	*parent = w.level[0];
	*first = w.top[0];
	return 0;
}

int drc_release(uint32_t drc_index)
{
	int status = rtas_set_indicator(RTAS_INDICATOR_ISOLATION, drc_index, RTAS_ISOLATE);

	if (status)
		return failed(drc_index, "set-indicator isolation-state isolate", status);
	status = rtas_set_indicator(RTAS_INDICATOR_ALLOCATION, drc_index, RTAS_ALLOC_UNUSABLE);
	if (status)
		return failed(drc_index, "set-indicator allocation-state unusable", status);
	return 0;
}

int drc_decline_removal(uint32_t drc_index)
{
	int status = rtas_set_indicator(RTAS_INDICATOR_ISOLATION, drc_index, RTAS_UNISOLATE);

	return status ? failed(drc_index, "set-indicator isolation-state unisolate", status) : 0;
}
