// SPDX-License-Identifier: MIT
/* The system call entry: `sc` from problem state, a bounds-checked table rooms above join. */
#define pr_fmt "syscall: "
#include <arch/exception.h>
#include <arch/irq.h>
#include <arch/user.h>
#include <uapi/sys/syscall.h>
#include <vrm/errno.h>
#include <vrm/kernel.h>
#include <vrm/log.h>
#include <vrm/panic.h>
#include "syscalls.h"
#include "task_impl.h"

/* proc/'s own calls, by the file that has them; a room above adds its
 * calls with proc_client_register. */
static const struct syscall_list *const proc_calls[] = {
	&process_calls, &session_calls, &signal_calls, &thread_calls, &exec_calls,
	&files_calls, &sysinfo_calls, &mman_calls,
};

/* Indexed by number; an entry without invoke is no call. */
static struct syscall_entry table[NR_SYSCALLS];

static void add_calls(const struct syscall_entry *calls, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned int nr = calls[i].nr;

		if (nr >= NR_SYSCALLS || table[nr].invoke)
			panic("system call %s (%u) registered twice or out of range",
			      calls[i].name, nr);
		table[nr] = calls[i];
	}
}

void proc_client_register(struct proc_client *c)
{
	struct proc_client **link = &proc_clients;

	add_calls(c->calls, c->ncalls);
	while (*link)
		link = &(*link)->next;
	c->next = NULL;
	*link = c;
}

/* A call with arguments: room for them on this stack, decode, and invoke
 * only when decode passed. Out of line, so that calls without arguments
 * (getppid and the like) take no room and no time for them. */
static long __attribute__((noinline)) decode_then_invoke(const struct syscall_entry *e,
							const unsigned long *a)
{
	union {
		unsigned char bytes[SYSCALL_ARGS_MAX];
		unsigned long align;
	} args __attribute__((aligned(16)));
	long err = e->decode(a, &args);

	return err ? err : e->invoke(&args);
}

long syscall_run(const struct syscall_entry *e, const unsigned long *a)
{
	return e->decode ? decode_then_invoke(e, a) : e->invoke(NULL);
}

const struct syscall_entry *syscall_lookup(unsigned long nr)
{
	return nr < NR_SYSCALLS && table[nr].invoke ? &table[nr] : NULL;
}

/* 0xc00 from problem state; runs with interrupts on. */
static int syscall_trap(struct trap_frame *f)
{
	unsigned long n = syscall_number(f), a[6];
	const struct syscall_entry *e = syscall_lookup(n);
	long r;

	if (!frame_from_user(f))
		return -ENOSYS;
	syscall_save_args(f);
	for (unsigned int i = 0; i < 6; i++)
		a[i] = syscall_arg(f, i);
	irq_enable();
	if (e) {
		r = syscall_run(e, a);
	} else {
		pr_debug("pid %d: no system call %lu\n", current_task()->pid, n);
		r = -ENOSYS;
	}
	if (r != SYSCALL_FRAME_SET)
		syscall_set_result(f, r);
	irq_disable();
	return 0;
}

void syscalls_init(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(proc_calls); i++)
		add_calls(proc_calls[i]->calls, proc_calls[i]->n);
	exception_set_handler(0xc00, syscall_trap);
	signals_init();
	if (threads_init())
		panic("no thread to reap detached threads");
}
