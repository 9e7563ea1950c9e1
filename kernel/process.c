// SPDX-License-Identifier: MIT
/* Process system calls: life cycle, identity, the heap, binding, and
 * segments created for the caller. */
#define pr_fmt "process: "
#include <arch/irq.h>
#include <arch/paca.h>
#include <arch/smp.h>
#include <uapi/sys/processor.h>
#include <uapi/sys/vmseg.h>
#include <uapi/sys/wait.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/sched.h>
#include <vrm/uaccess.h>
#include <vrm/vmm.h>
#include <vrm/vmuser.h>
#include "syscalls.h"

long sys_exit(const unsigned long *a)
{
	task_exit((int)(a[0] & 0xff) << 8);
}

long sys_fork(const unsigned long *a)
{
	(void)a;
	return task_fork();
}

long sys_waitpid(const unsigned long *a)
{
	int *ustatus = (int *)a[1], status = 0;
	long pid;

	if (a[2] & ~(unsigned long)(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	/* Checked by a write before a child is reaped: a status that cannot
	 * be stored must not cost the caller its child. */
	if (ustatus && copyout(ustatus, &status, sizeof(status)))
		return -EFAULT;
	pid = task_wait((pid_t)a[0], &status, (int)a[2]);
	if (pid > 0 && ustatus && copyout(ustatus, &status, sizeof(status)))
		return -EFAULT;
	return pid;
}

long sys_getpid(const unsigned long *a)
{
	(void)a;
	return current_task()->pid;
}

long sys_getppid(const unsigned long *a)
{
	struct task *t = current_task();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	pid_t ppid = t->parent ? t->parent->pid : 0;

	(void)a;
	spin_unlock_irqrestore(&task_lock, ee);
	return ppid;
}

long sys_getuid(const unsigned long *a)
{
	(void)a;
	return current_task()->uid;
}

long sys_geteuid(const unsigned long *a)
{
	(void)a;
	return current_task()->euid;
}

long sys_setuid(const unsigned long *a)
{
	struct task *t = current_task();
	uid_t uid = (uid_t)a[0];

	if (t->euid == 0)
		t->uid = t->euid = uid;
	else if (uid == t->uid)
		t->euid = uid;
	else
		return -EPERM;
	return 0;
}

/* The heap grows and shrinks inside the data region; pages given back
 * come back zeroed. */
long sys_brk(const unsigned long *a)
{
	struct task *t = current_task();
	uint64_t base = (t->brk_start - 1) & ~(SEGSIZE - 1), want = a[0], limit = base + SEGSIZE;
	uint64_t old_end = (t->brk + PAGESIZE - 1) & ~(uint64_t)(PAGESIZE - 1);
	uint64_t new_end = (want + PAGESIZE - 1) & ~(uint64_t)(PAGESIZE - 1);
	vmid_t id;

	if (!t->brk_start || want < t->brk_start || want >= limit)
		return (long)t->brk;
	/* The heap's region is the data's: brk_start may be its very end. */
	aspace_set_window(t->as, base, 0, (new_end - base) >> PGSHIFT);
	if (new_end < old_end && !aspace_segment_at(t->as, base, &id))
		vm_releasep(id, (int)((new_end - base) >> PGSHIFT),
			    (int)((old_end - new_end) >> PGSHIFT));
	t->brk = want;
	return (long)want;
}

long sys_sched_yield(const unsigned long *a)
{
	(void)a;
	thread_yield();
	return 0;
}

/* A thread of any task, by its id; task_lock held. */
static struct uthread *find_any_thread(tid_t tid)
{
	for (struct task *t = task_list(); t; t = t->next)
		for (struct uthread *u = t->threads; u; u = u->next)
			if ((tid_t)u->th->tid == tid && !u->done)
				return u;
	return NULL;
}

/*
 * BINDPROCESS binds every thread of a task (and those it creates later),
 * BINDTHREAD one thread. The caller moves at once; another thread when it
 * is next switched.
 */
long sys_bindprocessor(const unsigned long *a)
{
	struct task *me = current_task(), *t;
	struct uthread *u = NULL;
	int what = (int)a[0], cpu = (int)(cpu_t)a[2], bound;
	bool moves_me;
	unsigned long ee;

	if (what != BINDPROCESS && what != BINDTHREAD)
		return -EINVAL;
	if (cpu != PROCESSOR_CLASS_ANY && (cpu < 0 || (unsigned int)cpu >= nr_cpus_present ||
					   !paca_of(cpu)->online))
		return -EINVAL;
	bound = cpu == PROCESSOR_CLASS_ANY ? CPU_ANY : cpu;
	ee = spin_lock_irqsave(&task_lock);
	if (what == BINDTHREAD) {
		u = find_any_thread((tid_t)a[1]);
		t = u ? u->task : NULL;
	} else {
		t = task_find((pid_t)a[1]);
	}
	if (!t || t->state == TASK_ZOMBIE) {
		spin_unlock_irqrestore(&task_lock, ee);
		return -ESRCH;
	}
	if (me->euid != 0 && me->uid != t->uid) {
		spin_unlock_irqrestore(&task_lock, ee);
		return -EPERM;
	}
	if (u) {
		u->th->bound = bound;
	} else {
		t->bound = bound;
		for (u = t->threads; u; u = u->next)
			u->th->bound = bound;
	}
	moves_me = current_thread()->bound == bound && bound != CPU_ANY;
	spin_unlock_irqrestore(&task_lock, ee);
	return moves_me ? thread_bind(bound) : 0;
}

long sys_vmseg_create(const unsigned long *a)
{
	struct task *t = current_task();
	uint64_t size = a[0], ea;
	unsigned long flags = a[1];
	vmid_t id;
	long err;

	if (!size || size > VMSEG_MAX || (flags & ~(unsigned long)VMSEG_RDONLY))
		return -EINVAL;
	if (a[2] && !user_range_ok((void *)a[2], sizeof(vmid_t)))
		return -EFAULT;
	ea = aspace_free_region(t->as);
	if (!ea)
		return -ENOMEM;
	err = vms_create_task(&id, (size + PAGESIZE - 1) >> PGSHIFT, !(flags & VMSEG_RDONLY));
	if (err)
		return -err;
	err = aspace_map(t->as, ea, id, 0);
	if (err) {
		vms_delete(id);
		return err;
	}
	aspace_set_window(t->as, ea, 0, (size + PAGESIZE - 1) >> PGSHIFT);
	if (a[2] && copyout((void *)a[2], &id, sizeof(id))) {
		aspace_unmap(t->as, ea, NULL);
		return -EFAULT;
	}
	return (long)ea;
}

long sys_vmseg_delete(const unsigned long *a)
{
	struct task *t = current_task();
	uint64_t ea = a[0];

	if ((ea & (SEGSIZE - 1)) || ea < ((uint64_t)USER_FIRST_FREE_REGION << REGION_SHIFT) ||
	    ea >= (uint64_t)USER_STACK_REGION << REGION_SHIFT)
		return -EINVAL;
	return aspace_unmap(t->as, ea, NULL);
}

long sys_getprocs(const unsigned long *a)
{
	int count = (int)a[1], n;
	struct procentry *buf;
	long err;

	if (count < 0)
		return -EINVAL;
	if (count > 256)
		count = 256;
	if (!user_range_ok((void *)a[0], (size_t)count * sizeof(*buf)))
		return -EFAULT;
	buf = kmalloc((size_t)(count ? count : 1) * sizeof(*buf));
	if (!buf)
		return -ENOMEM;
	n = task_snapshot(buf, count);
	err = copyout((void *)a[0], buf, (size_t)n * sizeof(*buf));
	kfree(buf);
	return err ? err : n;
}
