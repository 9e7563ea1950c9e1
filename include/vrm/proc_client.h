/* SPDX-License-Identifier: MIT */
/* How a room above kernel/proc/ serves tasks without proc/ calling it by name. */
#ifndef VRM_PROC_CLIENT_H
#define VRM_PROC_CLIENT_H

#include <stddef.h>
#include <vrm/syscall.h>

struct kcount;
struct task;

/*
 * Rooms above proc/ (ipc/ today) may call it; proc/ reaches them only
 * through one of these, which such a room registers at start-up, before
 * the first task: its system calls (each a decode and an invoke,
 * <vrm/syscall.h>) join the dispatch table, and proc/ calls it back when
 * a task ends and when kcount() counts.
 */
struct proc_client {
	const struct syscall_entry *calls;
	size_t ncalls;
	/* A task ends (its other threads are gone, its files closed): what
	 * it owns in the room goes. */
	void (*task_exit)(struct task *t);
	/* kcount(): the room's live objects into their fields. */
	void (*count)(struct kcount *k);
	struct proc_client *next;
};

/* Panics when a system call number is out of range or taken already. */
void proc_client_register(struct proc_client *c);
#endif
