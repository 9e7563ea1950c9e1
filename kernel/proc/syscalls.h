/* SPDX-License-Identifier: MIT */
/* The system calls of proc/, by the file that has them. */
#ifndef KERNEL_SYSCALLS_H
#define KERNEL_SYSCALLS_H

#include "task_impl.h"

/* A file's system calls, which syscall.c puts in its table. */
struct syscall_list {
	const struct syscall_entry *calls;
	size_t n;
};

extern const struct syscall_list process_calls, session_calls, signal_calls, thread_calls,
	exec_calls, files_calls, sysinfo_calls, mman_calls;

#endif
