/* SPDX-License-Identifier: MIT */
/* The DLPAR manager (kernel/dr/): the platform's hot-plug events. */
#ifndef VRM_DR_H
#define VRM_DR_H

#include <stddef.h>

/*
 * Starts the manager and the event path: logs whether CAS granted
 * hot-plug event interrupts, unmasks the interrupts of
 * /event-sources/hot-plug-events and starts the thread that fetches the
 * logs. 0, or a negative errno when events cannot be had (logged; the
 * kernel runs on without them). Called once, from a thread, after XICS.
 */
int dr_init(void);

/*
 * The event path's step after check-exception, for one log of len bytes:
 * decoded and queued for the manager (0), or logged at warning level with
 * the reason and dropped (-EINVAL for a log that is not a hot-plug event
 * the kernel takes, -ENOSPC when the queue is full). From a thread.
 */
int dr_event_log(const void *log, size_t len);
#endif
