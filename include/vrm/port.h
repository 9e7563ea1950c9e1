/* SPDX-License-Identifier: MIT */
/* IPC ports (kernel/ipc/): what the rest of the kernel calls. */
#ifndef VRM_PORT_H
#define VRM_PORT_H

/* The port system calls join the dispatch, and a task's ports go with
 * it; once, at start-up, before the first task. */
void ports_init(void);
#endif
