// SPDX-License-Identifier: MIT
/*
 * Tasks: creation, the table of all tasks, exit, and init. A task starts
 * with one thread (thread.c makes more); each thread's trap frame
 * sits at the top of its kernel stack and is where it enters problem
 * state from.
 */
#define pr_fmt "task: "
#include <string.h>
#include <arch/exception.h>
#include <arch/irq.h>
#include <arch/user.h>
#include <uapi/sys/wait.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/log.h>
#include <vrm/panic.h>
#include <vrm/sched.h>
#include <vrm/tty.h>
#include <vrm/vmm.h>
#include "task_impl.h"

spinlock_t task_lock = SPINLOCK_INIT;
static struct task *tasks;
static pid_t next_pid = 1;
static unsigned int nr_tasks;

struct task *current_task(void)
{
	struct thread *th = current_thread();

	return th ? th->task : NULL;
}

struct trap_frame *current_frame(void)
{
	return user_frame(current_thread()->kstack_top);
}

struct task *task_list(void)
{
	return tasks;
}

struct task *task_find(pid_t pid)
{
	for (struct task *t = tasks; t; t = t->next)
		if (t->pid == pid)
			return t;
	return NULL;
}

/* A free pid; task_lock held. Pids count up and wrap below 2^30. */
static pid_t pid_alloc(void)
{
	for (;;) {
		pid_t pid = next_pid;

		next_pid = next_pid >= (1 << 30) ? 2 : next_pid + 1;
		if (!task_find(pid))
			return pid;
	}
}

struct task *task_alloc(void)
{
	struct task *t = kzalloc(sizeof(*t));

	if (!t)
		return NULL;
	t->bound = -1;
	strcpy(t->files.cwd, "/");
	return t;
}

void task_free(struct task *t)
{
	kfree(t);
}

static void task_link(struct task *t)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);

	t->pid = pid_alloc();
	if (!t->pgid)
		t->pgid = t->pid;
	if (!t->sid)
		t->sid = t->pid;
	t->next = tasks;
	tasks = t;
	nr_tasks++;
	spin_unlock_irqrestore(&task_lock, ee);
}

static void task_unlink(struct task *t)
{
	for (struct task **link = &tasks; *link; link = &(*link)->next)
		if (*link == t) {
			*link = t->next;
			nr_tasks--;
			return;
		}
}

void task_enter_user(void *arg)
{
	(void)arg;
	irq_disable();
	arch_user_enter(current_frame());
}

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

void task_notify_parent(struct task *t)
{
	if (t->parent) {
		__atomic_add_fetch(&t->parent->child_events, 1, __ATOMIC_RELEASE);
		wakeup(t->parent);
	}
}

struct child_wait {
	struct task *parent;
	unsigned long seen;
};

/* Checked under the sleep lock, which wakeup takes too: a child's change
 * between the parent's look and its sleep is not lost. */
static bool child_changed(void *arg)
{
	struct child_wait *w = arg;

	return __atomic_load_n(&w->parent->child_events, __ATOMIC_ACQUIRE) != w->seen;
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
	for (struct task *c = tasks; c; c = c->next)
		if (c->parent == t) {
			c->parent = init;
			orphans |= c->state == TASK_ZOMBIE;
			pgrp_hangup_if_orphaned(c->pgid);
		}
	pgrp_hangup_if_orphaned(t->pgid);
	current_uthread()->done = true;
	t->nthreads = 0;
	spin_unlock_irqrestore(&task_lock, ee);
	if (orphans) {
		__atomic_add_fetch(&init->child_events, 1, __ATOMIC_RELEASE);
		wakeup(init);
	}
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

		for (struct task *c = tasks; c; c = c->next) {
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
		thread_sleep_until(me, child_changed, &w, 0);
	}
}

int task_snapshot(struct procentry *out, int count)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	int n = 0;

	for (struct task *t = tasks; t && n < count; t = t->next, n++) {
		struct procentry *p = &out[n];
		bool awake = false;

		memset(p, 0, sizeof(*p));
		p->pi_pid = t->pid;
		p->pi_ppid = t->parent ? t->parent->pid : 0;
		p->pi_pgid = t->pgid;
		p->pi_uid = t->uid;
		p->pi_cpu = -1;
		for (struct uthread *u = t->threads; u; u = u->next) {
			if (u->done)
				continue;
			awake |= u->th->state != THREAD_SLEEPING;
			if (p->pi_cpu < 0 || u->th->state == THREAD_RUNNING)
				p->pi_cpu = (int)u->th->cpu;
		}
		p->pi_state = t->state == TASK_ZOMBIE ? PROC_ZOMBIE : t->stopped ? PROC_STOPPED :
			      awake ? PROC_RUNNING : PROC_SLEEPING;
		p->pi_bound = t->bound;
		p->pi_nthreads = (int)t->nthreads;
		p->pi_size = t->as ? aspace_resident(t->as) : 0;
		memcpy(p->pi_comm, t->comm, sizeof(p->pi_comm));
	}
	spin_unlock_irqrestore(&task_lock, ee);
	return n;
}

unsigned int task_count(void)
{
	return nr_tasks;
}
