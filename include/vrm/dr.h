/* SPDX-License-Identifier: MIT */
/* The DLPAR manager (kernel/dr/): the platform's hot-plug events. */
#ifndef VRM_DR_H
#define VRM_DR_H

#include <stddef.h>
#include <stdint.h>

/* The most threads of a core the manager adds or removes at once. */
#define CPU_HOTPLUG_THREADS	8

/*
 * What the kernel's top lends the manager for CPUs (kernel/cpu.c), since a
 * room calls nothing of the top by name. add brings up hardware thread
 * `server` of a configured core: its CPU number, or a negative errno.
 * remove takes down the CPUs of one core, at most CPU_HOTPLUG_THREADS: 0,
 * or a negative errno with the reason in `why` (-EBUSY: a thread is bound
 * to one of them; nothing changed).
 */
struct dr_cpu_ops {
	int (*add)(uint32_t server);
	int (*remove)(const unsigned int *cpus, unsigned int n, char *why, size_t len);
};

/*
 * Starts the manager and the event path: logs whether CAS granted
 * hot-plug event interrupts, unmasks the interrupts of
 * /event-sources/hot-plug-events and starts the thread that fetches the
 * logs. The manager adds and removes CPUs through `cpu`. 0, or a negative
 * errno when events cannot be had (logged; the kernel runs on without
 * them). Called once, from a thread, after XICS.
 */
int dr_init(const struct dr_cpu_ops *cpu);

/*
 * The event path's step after check-exception, for one log of len bytes:
 * decoded and queued for the manager (0), or logged at warning level with
 * the reason and dropped (-EINVAL for a log that is not a hot-plug event
 * the kernel takes, -ENOSPC when the queue is full). From a thread.
 */
int dr_event_log(const void *log, size_t len);
#endif
