/* SPDX-License-Identifier: MIT */
/* Inside kernel/dr/: what event.c hands the manager (manager.c). */
#ifndef KERNEL_DR_IMPL_H
#define KERNEL_DR_IMPL_H

#include <stdint.h>
#include <vrm/rtas_event.h>

struct dr_cpu_ops;

/*
 * The files call one way: event.c (the interrupt, check-exception, the
 * decoder) calls manager.c (the queue of decoded events and the thread
 * that consumes it), never the reverse; the manager calls cpu.c for CPU
 * events, and cpu.c calls drc.c (the connector's states, drc.h).
 */

/* Starts the manager's thread. 0 or -ENOMEM. */
int dr_manager_start(void);
/* Queues one decoded event for the manager; 0, or -ENOSPC when full. */
int dr_queue_put(const struct rtas_hotplug *ev);

/* cpu.c: the kernel's CPU bring-up and take-down, from dr_init. */
void dr_cpu_init(const struct dr_cpu_ops *ops);
/* The manager's work for a core the platform adds or asks back, by the
 * index of its DR connector; each logs what it did or why it did not. */
void dr_cpu_add(uint32_t drc_index);
void dr_cpu_remove(uint32_t drc_index);
#endif
