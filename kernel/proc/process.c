// SPDX-License-Identifier: MIT
/* Processes: init, fork, exit and waitpid, and the process system calls. */

/*
 * The top of proc/: a task's life calls on everything below it (threads,
 * signals, sessions, exec, the terminal, files) and on the rooms above
 * proc/ through their struct proc_client. The system calls: life cycle,
 * identity, the heap, binding, and segments created for the caller.
 */
#define pr_fmt "process: "
#include <string.h>
#include <arch/exception.h>
#include <arch/irq.h>
#include <arch/paca.h>
#include <arch/smp.h>
#include <arch/user.h>
#include <uapi/sys/processor.h>
#include <uapi/sys/vmseg.h>
#include <uapi/sys/wait.h>
#include <vrm/errno.h>
#include <vrm/file.h>
#include <vrm/heap.h>
#include <vrm/panic.h>
#include <vrm/sched.h>
#include <vrm/tty.h>
#include <vrm/uaccess.h>
#include <vrm/vmm.h>
#include <vrm/vmuser.h>
#include <vrm/wait.h>
#include "syscalls.h"

/* init's thread: loads the program, then runs it. */
static void init_main(void *arg)
{
	static const char *const envp[] = { "PATH=/bin", "HOME=/", NULL };
	const char *const *argv = arg;
	struct task *t = current_task();
	size_t argc = 0;
	long err;

	while (argv[argc])
		argc++;
	err = exec_program(t, argv[0], (char *const *)argv, argc, (char *const *)envp, 2,
			   current_frame());
	if (err)
		panic("cannot start %s: %s", argv[0], strerror((int)err));
	task_enter_user(NULL);
}

int task_start_init(const char *const argv[])
{
	struct task *t = task_alloc();
	struct uthread *u;

	if (!t)
		return -ENOMEM;
	t->as = aspace_create();
	for (int fd = 0; fd < 3; fd++)
		t->files.fd[fd] = tty_console_file();
	strcpy(t->comm, "init");
	if (!t->as || !(u = uthread_new(t, task_enter_user))) {
		files_close_all(&t->files);
		if (t->as)
			aspace_destroy(t->as);
		task_free(t);
		return -ENOMEM;
	}
	u->th->fn = init_main;
	u->th->arg = (void *)argv;
	uthread_link(u);
	task_link(t);
	if (t->pid != 1)
		panic("init got pid %d", t->pid);
	/* Like a session leader opening its terminal: the console becomes
	 * the terminal of init's session, init's group in its foreground. */
	jobctl_attach_console(t->sid, t->pgid);
	thread_start(u->th);
	return 0;
}

struct child_wait {
	struct task *parent;
	unsigned long seen;
};

/* Checked by wait_event atomically against wake_all: a child's change
 * between the parent's look and its sleep is not lost. */
static bool child_changed(void *arg)
{
	struct child_wait *w = arg;

	return __atomic_load_n(&w->parent->child_events, __ATOMIC_ACQUIRE) != w->seen;
}

/* POSIX _exit: a group left orphaned with a stopped member gets SIGHUP,
 * then SIGCONT, rather than staying stopped for ever; task_lock held. */
static void pgrp_hangup_if_orphaned(pid_t pgid)
{
	siginfo_t info = { .si_code = SI_KERNEL };
	bool stopped = false;

	for (struct task *t = task_list(); t; t = t->next)
		stopped |= t->pgid == pgid && t->state != TASK_ZOMBIE && t->stopped;
	if (!stopped || !pgrp_orphaned(pgid))
		return;
	info.si_signo = SIGHUP;
	signal_send_pgrp_locked(pgid, SIGHUP, &info);
	info.si_signo = SIGCONT;
	signal_send_pgrp_locked(pgid, SIGCONT, &info);
}

void task_exit(int status)
{
	struct task *t = current_task(), *init;
	struct aspace *as;
	unsigned long ee;
	bool orphans = false;

	if (t->pid == 1)
		panic("init exited with status %#x", status);
	task_exit_others(t);
	files_close_all(&t->files);
	for (struct proc_client *c = proc_clients; c; c = c->next)
		if (c->task_exit)
			c->task_exit(t);
	ee = spin_lock_irqsave(&task_lock);
	as = t->as;
	t->as = NULL;
	spin_unlock_irqrestore(&task_lock, ee);
	aspace_destroy(as);
	ee = spin_lock_irqsave(&task_lock);
	init = task_find(1);
	t->state = TASK_ZOMBIE;
	t->status = status;
	for (struct task *c = task_list(); c; c = c->next)
		if (c->parent == t) {
			c->parent = init;
			orphans |= c->state == TASK_ZOMBIE;
			pgrp_hangup_if_orphaned(c->pgid);
		}
	pgrp_hangup_if_orphaned(t->pgid);
	current_uthread()->done = true;
	t->nthreads = 0;
	spin_unlock_irqrestore(&task_lock, ee);
	if (orphans)
		task_children_changed(init);
	signal_send(t->parent, SIGCHLD, &(siginfo_t){
		.si_signo = SIGCHLD, .si_pid = t->pid, .si_uid = t->uid,
		.si_code = WIFSIGNALED(status) ? (WCOREDUMP(status) ? CLD_DUMPED : CLD_KILLED)
					       : CLD_EXITED,
		.si_status = WIFSIGNALED(status) ? WTERMSIG(status) : WEXITSTATUS(status) });
	ee = spin_lock_irqsave(&task_lock);
	task_notify_parent(t);
	spin_unlock_irqrestore(&task_lock, ee);
	thread_exit();
}

/* The child's thread returns from fork with 0, in a copy of the frame. */
long task_fork(void)
{
	struct task *parent = current_task(), *child = task_alloc();
	struct uthread *u;
	long err;

	if (!child)
		return -ENOMEM;
	err = aspace_fork(parent->as, &child->as);
	if (err) {
		task_free(child);
		return err;
	}
	u = uthread_new(child, task_enter_user);
	if (!u) {
		aspace_destroy(child->as);
		task_free(child);
		return -ENOMEM;
	}
	child->parent = parent;
	child->pgid = parent->pgid;
	child->sid = parent->sid;
	child->uid = parent->uid;
	child->euid = parent->euid;
	child->brk_start = parent->brk_start;
	child->brk = parent->brk;
	memcpy(child->comm, parent->comm, sizeof(child->comm));
	memcpy(child->actions, parent->actions, sizeof(child->actions));
	u->blocked = current_uthread()->blocked;
	files_inherit(&child->files, &parent->files);
	*user_frame(u->th->kstack_top) = *current_frame();
	syscall_set_result(user_frame(u->th->kstack_top), 0);
	uthread_link(u);
	task_link(child);
	thread_start(u->th);
	return child->pid;
}

/* A zombie's last remains; its threads must be off every CPU. */
static void reap(struct task *z)
{
	task_reap_threads(z, NULL);
	task_free(z);
}

static bool matches(const struct task *c, const struct task *me, pid_t pid)
{
	if (c->parent != me)
		return false;
	if (pid > 0)
		return c->pid == pid;
	if (pid == 0)
		return c->pgid == me->pgid;
	if (pid < -1)
		return c->pgid == -pid;
	return true;
}

long task_wait(pid_t pid, int *status, int options)
{
	struct task *me = current_task();

	for (;;) {
		struct child_wait w = { me, __atomic_load_n(&me->child_events, __ATOMIC_ACQUIRE) };
		unsigned long ee = spin_lock_irqsave(&task_lock);
		bool any = false;

		for (struct task *c = task_list(); c; c = c->next) {
			pid_t cpid = c->pid;

			if (!matches(c, me, pid))
				continue;
			any = true;
			if (c->state == TASK_ZOMBIE) {
				*status = c->status;
				task_unlink(c);
				spin_unlock_irqrestore(&task_lock, ee);
				reap(c);
				return cpid;
			}
			if (c->report && (options & (c->report == 0xffff ? WCONTINUED : WUNTRACED))) {
				*status = c->report;
				c->report = 0;
				spin_unlock_irqrestore(&task_lock, ee);
				return cpid;
			}
		}
		spin_unlock_irqrestore(&task_lock, ee);
		if (!any)
			return -ECHILD;
		if (options & WNOHANG)
			return 0;
		if (signal_pending())
			return -ERESTART;
		wait_event(&me->children, child_changed, &w, WAIT_INTERRUPTIBLE, 0);
	}
}

/* System calls */

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
	if (cpu != PROCESSOR_CLASS_ANY && (cpu < 0 || (unsigned int)cpu >= nr_cpu_ids ||
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
