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
#include <uapi/sys/syscall.h>
#include <uapi/sys/vmseg.h>
#include <uapi/sys/wait.h>
#include <vrm/errno.h>
#include <vrm/file.h>
#include <vrm/heap.h>
#include <vrm/kernel.h>
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
	struct task *t = current_task(), *init, *parent;
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
	/* A parent that wants no zombies does not wait for this one: its
	 * wait looks again, and fails once no child is left. */
	parent = t->parent;
	if (signal_no_zombies(parent)) {
		t->parent = init;
		orphans = true;
		task_children_changed(parent);
	}
	spin_unlock_irqrestore(&task_lock, ee);
	if (orphans)
		task_children_changed(init);
	signal_send(parent, SIGCHLD, &(siginfo_t){
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
	u->altstack = current_uthread()->altstack;
	files_inherit(&child->files, &parent->files);
	*user_frame(u->th->kstack_top) = *current_frame();
	syscall_set_result(user_frame(u->th->kstack_top), 0);
	uthread_link(u);
	task_link(child);
	thread_start(u->th);
	return child->pid;
}

/* A zombie's last remains; its threads must be off every CPU. */
static void reap(struct task *parent, struct task *z)
{
	unsigned long ee;

	task_reap_threads(z, NULL);
	ee = spin_lock_irqsave(&task_lock);
	parent->cutime += z->utime + z->cutime;
	parent->cstime += z->stime + z->cstime;
	spin_unlock_irqrestore(&task_lock, ee);
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
				reap(me, c);
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

struct exit_args {
	int status;			/* a wait status */
};

SYSCALL(exit, struct exit_args)

static long exit_decode(const unsigned long *a, struct exit_args *args)
{
	args->status = (int)(a[0] & 0xff) << 8;
	return 0;
}

static long exit_invoke(struct exit_args *args)
{
	task_exit(args->status);
}

SYSCALL_NOARGS(fork)

static long fork_invoke(void)
{
	return task_fork();
}

/* Whether me has a child that waitpid's pid names. */
static bool has_child(const struct task *me, pid_t pid)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	bool any = false;

	for (struct task *c = task_list(); c && !any; c = c->next)
		any = matches(c, me, pid);
	spin_unlock_irqrestore(&task_lock, ee);
	return any;
}

struct waitpid_args {
	pid_t pid;
	int *ustatus;			/* or NULL */
	int options;
};

SYSCALL(waitpid, struct waitpid_args)

static long waitpid_decode(const unsigned long *a, struct waitpid_args *args)
{
	int *ustatus = (int *)a[1];

	if (a[2] & ~(unsigned long)(WNOHANG | WUNTRACED | WCONTINUED))
		return -EINVAL;
	/* A status that cannot be stored must not cost the caller its child. */
	if (ustatus && !user_writable(ustatus, sizeof(*ustatus)))
		return -EFAULT;
	if (!has_child(current_task(), (pid_t)a[0]))
		return -ECHILD;
	*args = (struct waitpid_args){ (pid_t)a[0], ustatus, (int)a[2] };
	return 0;
}

static long waitpid_invoke(struct waitpid_args *args)
{
	int status = 0;
	long pid = task_wait(args->pid, &status, args->options);

	if (pid > 0 && args->ustatus && copyout(args->ustatus, &status, sizeof(status)))
		return -EFAULT;
	return pid;
}

SYSCALL_NOARGS(getpid)

static long getpid_invoke(void)
{
	return current_task()->pid;
}

SYSCALL_NOARGS(getppid)

static long getppid_invoke(void)
{
	struct task *t = current_task();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	pid_t ppid = t->parent ? t->parent->pid : 0;

	spin_unlock_irqrestore(&task_lock, ee);
	return ppid;
}

SYSCALL_NOARGS(getuid)

static long getuid_invoke(void)
{
	return current_task()->uid;
}

SYSCALL_NOARGS(geteuid)

static long geteuid_invoke(void)
{
	return current_task()->euid;
}

struct setuid_args {
	uid_t uid;
};

SYSCALL(setuid, struct setuid_args)

/* root sets both ids; any other task only its effective id, to its real one. */
static long setuid_decode(const unsigned long *a, struct setuid_args *args)
{
	const struct task *t = current_task();

	if (t->euid != 0 && (uid_t)a[0] != t->uid)
		return -EPERM;
	args->uid = (uid_t)a[0];
	return 0;
}

static long setuid_invoke(struct setuid_args *args)
{
	struct task *t = current_task();

	if (t->euid == 0)
		t->uid = args->uid;
	t->euid = args->uid;
	return 0;
}

struct brk_args {
	uint64_t want;
};

SYSCALL(brk, struct brk_args)

/* Any address: one outside the heap's room asks for the break as it is. */
static long brk_decode(const unsigned long *a, struct brk_args *args)
{
	args->want = a[0];
	return 0;
}

/* The heap grows and shrinks inside the data region; pages given back
 * come back zeroed. */
static long brk_invoke(struct brk_args *args)
{
	struct task *t = current_task();
	uint64_t base = (t->brk_start - 1) & ~(SEGSIZE - 1), want = args->want;
	uint64_t limit = base + SEGSIZE;
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

SYSCALL_NOARGS(sched_yield)

static long sched_yield_invoke(void)
{
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

struct bind_args {
	int what;			/* BINDPROCESS or BINDTHREAD */
	long who;			/* a pid or a thread id */
	int bound;			/* a CPU, or CPU_ANY */
};

/* The task (and for BINDTHREAD the thread) the caller may bind: 0,
 * -ESRCH or -EPERM; task_lock held. */
static long bind_target(const struct bind_args *b, struct task **t, struct uthread **u)
{
	const struct task *me = current_task();

	*u = NULL;
	if (b->what == BINDTHREAD) {
		*u = find_any_thread((tid_t)b->who);
		*t = *u ? (*u)->task : NULL;
	} else {
		*t = task_find((pid_t)b->who);
	}
	if (!*t || (*t)->state == TASK_ZOMBIE)
		return -ESRCH;
	return me->euid != 0 && me->uid != (*t)->uid ? -EPERM : 0;
}

SYSCALL(bindprocessor, struct bind_args)

static long bindprocessor_decode(const unsigned long *a, struct bind_args *args)
{
	int what = (int)a[0], cpu = (int)(cpu_t)a[2];
	struct uthread *u;
	struct task *t;
	unsigned long ee;
	long err;

	if (what != BINDPROCESS && what != BINDTHREAD)
		return -EINVAL;
	if (cpu != PROCESSOR_CLASS_ANY && (cpu < 0 || (unsigned int)cpu >= nr_cpu_ids ||
					   !paca_of(cpu)->online))
		return -EINVAL;
	*args = (struct bind_args){ what, (long)a[1], cpu == PROCESSOR_CLASS_ANY ? CPU_ANY : cpu };
	ee = spin_lock_irqsave(&task_lock);
	err = bind_target(args, &t, &u);
	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}

/*
 * BINDPROCESS binds every thread of a task (and those it creates later),
 * BINDTHREAD one thread. The caller moves at once; another thread when it
 * is next switched.
 */
static long bindprocessor_invoke(struct bind_args *args)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct uthread *u;
	struct task *t;
	long err = bind_target(args, &t, &u);
	bool moves_me;

	if (err) {
		spin_unlock_irqrestore(&task_lock, ee);
		return err;
	}
	if (u) {
		u->th->bound = args->bound;
	} else {
		t->bound = args->bound;
		for (u = t->threads; u; u = u->next)
			u->th->bound = args->bound;
	}
	moves_me = current_thread()->bound == args->bound && args->bound != CPU_ANY;
	spin_unlock_irqrestore(&task_lock, ee);
	return moves_me ? thread_bind(args->bound) : 0;
}

struct vmseg_create_args {
	uint64_t pages;
	bool writable;
	vmid_t *uvmid;			/* or NULL */
};

SYSCALL(vmseg_create, struct vmseg_create_args)

static long vmseg_create_decode(const unsigned long *a, struct vmseg_create_args *args)
{
	uint64_t size = a[0];
	unsigned long flags = a[1];
	vmid_t *uvmid = (vmid_t *)a[2];

	if (!size || size > VMSEG_MAX || (flags & ~(unsigned long)VMSEG_RDONLY))
		return -EINVAL;
	if (uvmid && !user_writable(uvmid, sizeof(*uvmid)))
		return -EFAULT;
	if (!aspace_free_region(current_task()->as))
		return -ENOMEM;
	*args = (struct vmseg_create_args){ (size + PAGESIZE - 1) >> PGSHIFT,
					    !(flags & VMSEG_RDONLY), uvmid };
	return 0;
}

static long vmseg_create_invoke(struct vmseg_create_args *args)
{
	struct task *t = current_task();
	uint64_t ea = aspace_free_region(t->as);
	vmid_t id;
	long err;

	if (!ea)
		return -ENOMEM;
	err = vms_create_task(&id, args->pages, args->writable);
	if (err)
		return -err;
	err = aspace_map(t->as, ea, id, 0);
	if (err) {
		vms_delete(id);
		return err;
	}
	aspace_set_window(t->as, ea, 0, args->pages);
	if (args->uvmid && copyout(args->uvmid, &id, sizeof(id))) {
		aspace_unmap(t->as, ea, NULL);
		return -EFAULT;
	}
	return (long)ea;
}

struct vmseg_delete_args {
	uint64_t ea;
};

SYSCALL(vmseg_delete, struct vmseg_delete_args)

/* The start of a region vmseg_create can give, holding a segment. */
static long vmseg_delete_decode(const unsigned long *a, struct vmseg_delete_args *args)
{
	uint64_t ea = a[0];
	vmid_t id;

	if ((ea & (SEGSIZE - 1)) || ea < ((uint64_t)USER_FIRST_FREE_REGION << REGION_SHIFT) ||
	    ea >= (uint64_t)USER_STACK_REGION << REGION_SHIFT)
		return -EINVAL;
	if (aspace_segment_at(current_task()->as, ea, &id))
		return -EINVAL;
	args->ea = ea;
	return 0;
}

static long vmseg_delete_invoke(struct vmseg_delete_args *args)
{
	return aspace_unmap(current_task()->as, args->ea, NULL);
}

#define GETPROCS_MAX	256	/* entries one call returns */

struct getprocs_args {
	struct procentry *ubuf;
	int count;
};

SYSCALL(getprocs, struct getprocs_args)

static long getprocs_decode(const unsigned long *a, struct getprocs_args *args)
{
	int count = (int)a[1];

	if (count < 0)
		return -EINVAL;
	if (count > GETPROCS_MAX)
		count = GETPROCS_MAX;
	if (!user_writable((void *)a[0], (size_t)count * sizeof(struct procentry)))
		return -EFAULT;
	*args = (struct getprocs_args){ (struct procentry *)a[0], count };
	return 0;
}

static long getprocs_invoke(struct getprocs_args *args)
{
	struct procentry *buf = kmalloc((size_t)(args->count ? args->count : 1) * sizeof(*buf));
	long err;
	int n;

	if (!buf)
		return -ENOMEM;
	n = task_snapshot(buf, args->count);
	err = copyout(args->ubuf, buf, (size_t)n * sizeof(*buf));
	kfree(buf);
	return err ? err : n;
}

static const struct syscall_entry calls[] = {
	SYSCALL_ENTRY(SYS_exit, exit),
	SYSCALL_ENTRY_NOARGS(SYS_fork, fork),
	SYSCALL_ENTRY(SYS_waitpid, waitpid),
	SYSCALL_ENTRY_NOARGS(SYS_getpid, getpid),
	SYSCALL_ENTRY_NOARGS(SYS_getppid, getppid),
	SYSCALL_ENTRY_NOARGS(SYS_getuid, getuid),
	SYSCALL_ENTRY_NOARGS(SYS_geteuid, geteuid),
	SYSCALL_ENTRY(SYS_setuid, setuid),
	SYSCALL_ENTRY(SYS_brk, brk),
	SYSCALL_ENTRY_NOARGS(SYS_sched_yield, sched_yield),
	SYSCALL_ENTRY(SYS_bindprocessor, bindprocessor),
	SYSCALL_ENTRY(SYS_vmseg_create, vmseg_create),
	SYSCALL_ENTRY(SYS_vmseg_delete, vmseg_delete),
	SYSCALL_ENTRY(SYS_getprocs, getprocs),
};

const struct syscall_list process_calls = { calls, ARRAY_SIZE(calls) };
