// SPDX-License-Identifier: MIT
/* Tasks: the table of all tasks, pids, who runs now, and a thread's end. */

/*
 * The bottom of proc/ but for the scheduler: it calls nothing else in
 * proc/. A task starts with one thread (thread.c makes more); each
 * thread's trap frame sits at the top of its kernel stack and is where it
 * enters problem state from. Creating, ending and waiting for tasks is
 * process.c's.
 */
#define pr_fmt "task: "
#include <string.h>
#include <arch/exception.h>
#include <arch/irq.h>
#include <arch/user.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/sched.h>
#include <vrm/vmm.h>
#include <vrm/wait.h>
#include "task_impl.h"

spinlock_t task_lock = SPINLOCK_INIT;
struct proc_client *proc_clients;
static struct task *tasks;
static pid_t next_pid = 1;
static unsigned int nr_tasks;

struct task *current_task(void)
{
	struct thread *th = current_thread();

	return th ? th->task : NULL;
}

struct uthread *current_uthread(void)
{
	struct thread *th = current_thread();

	return th ? th->uthread : NULL;
}

bool task_must_quit(const struct task *t, const struct uthread *u)
{
	return t->exiting || (t->exec_survivor && t->exec_survivor != u);
}

/* Ended detached threads, which the reaper frees; under task_lock. */
static struct uthread *orphans;
static struct wait_queue orphans_wait = WAIT_QUEUE_INIT;

static bool orphans_waiting(void *arg)
{
	(void)arg;
	return __atomic_load_n(&orphans, __ATOMIC_ACQUIRE) != NULL;
}

static void __attribute__((noreturn)) reaper(void *arg)
{
	(void)arg;
	for (;;) {
		unsigned long ee;
		struct uthread *gone;

		wait_event(&orphans_wait, orphans_waiting, NULL, 0, 0);
		ee = spin_lock_irqsave(&task_lock);
		gone = orphans;
		orphans = NULL;
		spin_unlock_irqrestore(&task_lock, ee);
		while (gone) {
			struct uthread *u = gone;

			gone = u->next;
			thread_join(u->th);
			kfree(u);
		}
	}
}

int threads_init(void)
{
	return thread_create(reaper, NULL, PRIO_DEFAULT, CPU_ANY, "thread-reaper") ? 0 : -ENOMEM;
}

void uthread_unlink(struct uthread *u)
{
	for (struct uthread **link = &u->task->threads; *link; link = &(*link)->next)
		if (*link == u) {
			*link = u->next;
			return;
		}
}

void uthread_orphan_locked(struct uthread *u)
{
	uthread_unlink(u);
	u->next = orphans;
	__atomic_store_n(&orphans, u, __ATOMIC_RELEASE);
	wake_all(&orphans_wait);
}

unsigned long uthread_count(void)
{
	unsigned long ee = spin_lock_irqsave(&task_lock), n = 0;

	for (struct task *t = task_list(); t; t = t->next)
		for (struct uthread *u = t->threads; u; u = u->next)
			n++;
	for (struct uthread *u = orphans; u; u = u->next)
		n++;
	spin_unlock_irqrestore(&task_lock, ee);
	return n;
}

void uthread_end_locked(struct uthread *u, unsigned long ee)
{
	struct task *t = u->task;

	u->done = true;
	t->nthreads--;
	if (u->detached)
		uthread_orphan_locked(u);
	spin_unlock_irqrestore(&task_lock, ee);
	wakeup(u);
	wakeup(&t->nthreads);
	thread_exit();
}

void uthread_quit(void)
{
	uthread_end_locked(current_uthread(), spin_lock_irqsave(&task_lock));
}

struct uthread *uthread_find(const struct task *t, tid_t tid)
{
	for (struct uthread *u = t->threads; u; u = u->next)
		if ((tid_t)u->th->tid == tid)
			return u;
	return NULL;
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

void task_link(struct task *t)
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

/* task_lock held. */
void task_unlink(struct task *t)
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

void task_children_changed(struct task *parent)
{
	__atomic_add_fetch(&parent->child_events, 1, __ATOMIC_RELEASE);
	wake_all(&parent->children);
}

void task_notify_parent(struct task *t)
{
	if (t->parent)
		task_children_changed(t->parent);
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
