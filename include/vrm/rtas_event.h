/* SPDX-License-Identifier: MIT */
/* Decoding an RTAS hot-plug event log (LoPAR version 6) into one event.
 * Pure code: tested on the host (test/host/test_rtas_event.c). */
#ifndef VRM_RTAS_EVENT_H
#define VRM_RTAS_EVENT_H

#include <stddef.h>
#include <stdint.h>

/* The values are LoPAR's, from the Hotplug section of the Platform Event
 * Log (Hotplug Resource Type, Hotplug Action, Hotplug Identifier Type). */
enum rtas_hp_resource {
	RTAS_HP_CPU = 1,
	RTAS_HP_MEMORY = 2,
};

enum rtas_hp_action {
	RTAS_HP_ADD = 1,
	RTAS_HP_REMOVE = 2,
};

enum rtas_hp_ident {
	RTAS_HP_BY_INDEX = 2,		/* one DRC, by its index */
	RTAS_HP_BY_COUNT = 3,		/* so many DRCs, the kernel's choice */
	RTAS_HP_BY_COUNT_INDEX = 4,	/* so many DRCs from this index on */
};

struct rtas_hotplug {
	enum rtas_hp_resource resource;
	enum rtas_hp_action action;
	enum rtas_hp_ident ident;
	uint32_t count;		/* DRCs to act on: 1 when by index */
	uint32_t index;		/* the DRC index, or the first; 0 when by count */
};

/*
 * Decodes the log check-exception or event-scan returned: len bytes from
 * the start of the buffer (the fixed part, then the extended log).
 * Returns 0 with *ev filled in for a hot-plug event of a CPU or memory,
 * or -EINVAL with the reason in why (why_size bytes, NUL-terminated; may
 * be 0) for anything else: another version or event type, a truncated
 * log, a section running past the end, an unknown or unhandled resource,
 * action or identifier. Reads nothing outside the len bytes.
 */
int rtas_hotplug_decode(const void *log, size_t len, struct rtas_hotplug *ev,
			char *why, size_t why_size);

/*
 * One line for the log: "cpu add drc-index 0x10000002", "memory remove
 * count 2", "memory add count 2 from drc-index 0x80000004". Returns what
 * snprintf returns.
 */
int rtas_hotplug_describe(const struct rtas_hotplug *ev, char *buf, size_t size);
#endif
