/* SPDX-License-Identifier: MIT */
/* Inside kernel/dr/: what event.c hands the manager (manager.c). */
#ifndef KERNEL_DR_IMPL_H
#define KERNEL_DR_IMPL_H

#include <vrm/rtas_event.h>

/*
 * The files call one way: event.c (the interrupt, check-exception, the
 * decoder) calls manager.c (the queue of decoded events and the thread
 * that consumes it), never the reverse.
 */

/* Starts the manager's thread. 0 or -ENOMEM. */
int dr_manager_start(void);
/* Queues one decoded event for the manager; 0, or -ENOSPC when full. */
int dr_queue_put(const struct rtas_hotplug *ev);
#endif
