// SPDX-License-Identifier: MIT
/* The system call entry: `sc` from problem state, a bounds-checked table rooms above join. */
#define pr_fmt "syscall: "
#include <arch/exception.h>
#include <arch/irq.h>
#include <arch/user.h>
#include <uapi/sys/syscall.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include <vrm/panic.h>
#include "syscalls.h"
#include "task_impl.h"

/* proc/'s own calls; a room above adds its calls with proc_client_register. */
static syscall_fn *table[NR_SYSCALLS] = {
	[SYS_exit] = sys_exit,
	[SYS_fork] = sys_fork,
	[SYS_execve] = sys_execve,
	[SYS_waitpid] = sys_waitpid,
	[SYS_getpid] = sys_getpid,
	[SYS_getppid] = sys_getppid,
	[SYS_getuid] = sys_getuid,
	[SYS_geteuid] = sys_geteuid,
	[SYS_setuid] = sys_setuid,
	[SYS_kill] = sys_kill,
	[SYS_sigaction] = sys_sigaction,
	[SYS_sigprocmask] = sys_sigprocmask,
	[SYS_sigreturn] = sys_sigreturn,
	[SYS_sigsuspend] = sys_sigsuspend,
	[SYS_brk] = sys_brk,
	[SYS_read] = sys_read,
	[SYS_write] = sys_write,
	[SYS_open] = sys_open,
	[SYS_close] = sys_close,
	[SYS_lseek] = sys_lseek,
	[SYS_nanosleep] = sys_nanosleep,
	[SYS_clock_gettime] = sys_clock_gettime,
	[SYS_sched_yield] = sys_sched_yield,
	[SYS_bindprocessor] = sys_bindprocessor,
	[SYS_vmseg_create] = sys_vmseg_create,
	[SYS_vmseg_delete] = sys_vmseg_delete,
	[SYS_fstat] = sys_fstat,
	[SYS_stat] = sys_stat,
	[SYS_readdir] = sys_readdir,
	[SYS_chdir] = sys_chdir,
	[SYS_getcwd] = sys_getcwd,
	[SYS_uname] = sys_uname,
	[SYS_sysconf] = sys_sysconf,
	[SYS_getprocs] = sys_getprocs,
	[SYS_klog_read] = sys_klog_read,
	[SYS_reboot] = sys_reboot,
	[SYS_vmgetinfo] = sys_vmgetinfo,
	[SYS_kcount] = sys_kcount,
	[SYS_dup2] = sys_dup2,
	[SYS_getpgid] = sys_getpgid,
	[SYS_setpgid] = sys_setpgid,
	[SYS_thread_create] = sys_thread_create,
	[SYS_thread_exit] = sys_thread_exit,
	[SYS_thread_join] = sys_thread_join,
	[SYS_thread_self] = sys_thread_self,
	[SYS_thread_kill] = sys_thread_kill,
	[SYS_setsid] = sys_setsid,
	[SYS_getsid] = sys_getsid,
	[SYS_ioctl] = sys_ioctl,
};

void proc_client_register(struct proc_client *c)
{
	struct proc_client **link = &proc_clients;

	for (size_t i = 0; i < c->ncalls; i++) {
		unsigned int nr = c->calls[i].nr;

		if (nr >= NR_SYSCALLS || table[nr])
			panic("system call %u registered twice or out of range", nr);
		table[nr] = c->calls[i].fn;
	}
	while (*link)
		link = &(*link)->next;
	c->next = NULL;
	*link = c;
}

/* 0xc00 from problem state; runs with interrupts on. */
static int syscall_entry(struct trap_frame *f)
{
	unsigned long n = syscall_number(f), a[6];
	long r;

	if (!frame_from_user(f))
		return -ENOSYS;
	syscall_save_args(f);
	for (unsigned int i = 0; i < 6; i++)
		a[i] = syscall_arg(f, i);
	irq_enable();
	if (n < NR_SYSCALLS && table[n]) {
		r = table[n](a);
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
	exception_set_handler(0xc00, syscall_entry);
	signals_init();
}
