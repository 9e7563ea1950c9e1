/* SPDX-License-Identifier: MIT */
/* Inside kernel/dr/: a DR connector's states, for every kind of resource. */
#ifndef KERNEL_DR_DRC_H
#define KERNEL_DR_DRC_H

#include <stdint.h>
#include <vrm/dt.h>

/*
 * A logical DR connector (a CPU core, an LMB) moves through the states of
 * LoPAR's "Architectural Intent -- Logical DR Sequences": unusable, then
 * usable once the OS allocates it, unisolated once the OS owns it,
 * configured once ibm,configure-connector has reported its subtree; and
 * back. Each call logs what failed, with the connector's index and the
 * RTAS status, and returns 0 or a negative errno. From the manager's
 * thread only: the configure-connector work area is one.
 */

/* dr-entity-sense: *state gets RTAS_ENTITY_*. */
int drc_sense(uint32_t drc_index, uint32_t *state);
/*
 * Takes the connector from the platform ("Acquire Logical Resource from
 * Resource Pool"): it must sense unusable (-EBUSY when it is already the
 * OS's, -ENODEV when empty); then allocation-state usable and
 * isolation-state unisolate (the allocation is given back if that fails).
 */
int drc_acquire(uint32_t drc_index);
/*
 * Runs ibm,configure-connector to its end and adds the nodes and
 * properties it reports below `parent` in the kernel's tree; *first gets
 * the first node added at the top. On failure the nodes added so far are
 * deleted again and the connector is left as it was (acquired).
 */
int drc_configure(uint32_t drc_index, struct dt_node *parent, struct dt_node *first);
/*
 * Gives the connector back ("Release Logical Resource"): isolation-state
 * isolate, then allocation-state unusable. The resource must be out of
 * use first (a CPU's threads stopped). On QEMU this ends a removal the
 * platform asked for: it deletes the device.
 */
int drc_release(uint32_t drc_index);
/*
 * Declines a removal the platform asked for and keeps the resource: the
 * connector is set unisolated again, the state it already is in. QEMU
 * (since 6.0) takes this as the guest's refusal: it drops the pending
 * unplug and reports DEVICE_UNPLUG_GUEST_ERROR (docs/dlpar.md).
 */
int drc_decline_removal(uint32_t drc_index);
#endif
