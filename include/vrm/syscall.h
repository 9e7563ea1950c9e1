/* SPDX-License-Identifier: MIT */
/* A system call in two steps: decode checks the task's arguments into a typed structure, invoke acts on it. */
#ifndef VRM_SYSCALL_H
#define VRM_SYSCALL_H

#include <stddef.h>

/*
 * The dispatcher (kernel/proc/syscall.c) calls a call's decode with the
 * six argument registers (a[0..5] are r3..r8) and room for its argument
 * structure, and its invoke with that structure only when decode returned
 * 0 (docs/tasks.md, "Decode, then invoke"). A call without arguments has
 * no decode, and its invoke is given NULL.
 *
 * decode copies in what the call reads from the task (structures,
 * strings, paths), checks every argument (ranges, flags, that a
 * descriptor, pid, thread or port names something the caller may use,
 * that a result's place lies in task space and, when invoke acts before
 * it stores the result, that the task could store there) and fills the
 * structure. It returns 0 or -errno, and allocates nothing, takes no
 * reference and changes nothing: it may be left at any point.
 *
 * invoke acts and returns the call's result, >= 0 or -errno. It may fail
 * for want of a resource (ENOMEM, EAGAIN, ENOSPC), for what waiting
 * brings (EINTR, ETIMEDOUT, EPIPE), for a store into a page that turns
 * out not to take it, and where another thread or task changed what
 * decode found (a descriptor closed, a task gone) in between; never for
 * an argument that decode could have checked.
 */
#define SYSCALL_ARGS_MAX	4352	/* bytes of one call's argument structure */

typedef long syscall_decode_fn(const unsigned long *a, void *args);
typedef long syscall_invoke_fn(void *args);

struct syscall_entry {
	unsigned int nr;		/* SYS_* of <uapi/sys/syscall.h> */
	const char *name;
	syscall_decode_fn *decode;	/* NULL for a call without arguments */
	syscall_invoke_fn *invoke;
};

/*
 * SYSCALL(open, struct open_args) declares the two steps of open, which
 * the file then defines with their types,
 *
 *	static long open_decode(const unsigned long *a, struct open_args *args);
 *	static long open_invoke(struct open_args *args);
 *
 * checks that the structure fits SYSCALL_ARGS_MAX, and makes the untyped
 * forms that SYSCALL_ENTRY(SYS_open, open) puts in a table. SYSCALL_NOARGS
 * and SYSCALL_ENTRY_NOARGS do the same for a call without arguments,
 * whose invoke takes nothing.
 */
#define SYSCALL(call, type)							\
	_Static_assert(sizeof(type) <= SYSCALL_ARGS_MAX,			\
		       #call "'s arguments fit the dispatcher's room");		\
	static long call##_decode(const unsigned long *a, type *args);		\
	static long call##_invoke(type *args);					\
	static long call##_decode_step(const unsigned long *a, void *args)	\
	{									\
		return call##_decode(a, args);					\
	}									\
	static long call##_invoke_step(void *args)				\
	{									\
		return call##_invoke(args);					\
	}

#define SYSCALL_NOARGS(call)							\
	static long call##_invoke(void);					\
	static long call##_invoke_step(void *args)				\
	{									\
		return call##_invoke();						\
	}

#define SYSCALL_ENTRY(nr_, call)						\
	{ .nr = (nr_), .name = #call, .decode = call##_decode_step,		\
	  .invoke = call##_invoke_step }
#define SYSCALL_ENTRY_NOARGS(nr_, call)						\
	{ .nr = (nr_), .name = #call, .decode = NULL, .invoke = call##_invoke_step }

/* Runs one call: decode, then invoke when decode passed. */
long syscall_run(const struct syscall_entry *e, const unsigned long *a);
/* The call of that number, or NULL. */
const struct syscall_entry *syscall_lookup(unsigned long nr);
#endif
