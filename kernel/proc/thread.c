// SPDX-License-Identifier: MIT
/* The threads of a task: creation, thread_exit and join, ending the others. */

/*
 * The other threads end when one calls exit or exec. Each user thread is a
 * scheduler thread with its own kernel stack, trap frame, signal mask and
 * thread-directed signals; the task's space, files and handlers are
 * shared.
 */
#define pr_fmt "thread: "
#include <arch/user.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/sched.h>
#include <vrm/uaccess.h>
#include <vrm/vmm.h>
#include "syscalls.h"

struct uthread *uthread_new(struct task *t, void (*fn)(void *arg))
{
	struct uthread *u = kzalloc(sizeof(*u));

	if (!u)
		return NULL;
	u->th = thread_new(fn, t, TASK_PRIO, t->bound, t->comm, INTERRUPT_FRAME_SIZE);
	if (!u->th) {
		kfree(u);
		return NULL;
	}
	u->th->task = t;
	u->th->uthread = u;
	u->task = t;
	return u;
}

/* task_lock held. */
void uthread_link(struct uthread *u)
{
	struct task *t = u->task;

	u->next = t->threads;
	t->threads = u;
	t->nthreads++;
}

/* The remains of an ended thread, off every CPU once joined. */
static void uthread_free(struct uthread *u)
{
	thread_join(u->th);
	kfree(u);
}

void task_reap_threads(struct task *t, const struct uthread *keep)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct uthread *gone = NULL;

	for (struct uthread **link = &t->threads; *link;) {
		struct uthread *u = *link;

		if (u == keep || !u->done || u->joining) {
			link = &u->next;
			continue;
		}
		*link = u->next;
		u->next = gone;
		gone = u;
	}
	spin_unlock_irqrestore(&task_lock, ee);
	while (gone) {
		struct uthread *u = gone;

		gone = u->next;
		uthread_free(u);
	}
}

/* Sends every other thread of the task through its return path, where
 * task_must_quit ends it; task_lock held. */
static void interrupt_others(struct task *t, const struct uthread *me)
{
	for (struct uthread *u = t->threads; u; u = u->next)
		if (u != me && !u->done)
			thread_interrupt(u->th);
}

static bool alone(void *arg)
{
	const struct task *t = arg;

	return t->nthreads == 1;
}

static bool alone_or_exiting(void *arg)
{
	const struct task *t = arg;

	return t->nthreads == 1 || t->exiting;
}

/* Waits until done(t): the caller is the task's only live thread, or
 * (exec) an exit overtakes it; task_lock held on entry and on return. */
static unsigned long wait_others(struct task *t, bool (*done)(void *arg), unsigned long ee)
{
	while (!done(t)) {
		spin_unlock_irqrestore(&task_lock, ee);
		thread_sleep_until(&t->nthreads, done, t, 0);
		ee = spin_lock_irqsave(&task_lock);
	}
	return ee;
}

void task_exit_others(struct task *t)
{
	struct uthread *me = current_uthread();
	unsigned long ee = spin_lock_irqsave(&task_lock);

	if (task_must_quit(t, me))
		uthread_end_locked(me, ee);
	t->exiting = true;
	interrupt_others(t, me);
	ee = wait_others(t, alone, ee);
	spin_unlock_irqrestore(&task_lock, ee);
	task_reap_threads(t, me);
}

long task_single_thread(struct task *t)
{
	struct uthread *me = current_uthread();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	bool overtaken;

	if (task_must_quit(t, me)) {
		spin_unlock_irqrestore(&task_lock, ee);
		return -ERESTART;
	}
	if (t->nthreads > 1) {
		t->exec_survivor = me;
		interrupt_others(t, me);
		ee = wait_others(t, alone_or_exiting, ee);
		t->exec_survivor = NULL;
	}
	overtaken = t->exiting;
	spin_unlock_irqrestore(&task_lock, ee);
	if (overtaken)
		return -ERESTART;
	task_reap_threads(t, me);
	return 0;
}

long sys_thread_create(const unsigned long *a)
{
	struct uthread *me = current_uthread(), *u;
	struct task *t = me->task;
	unsigned long entry = a[0], arg = a[1], sp = (a[2] & ~15ul) - STACK_FRAME_MIN;
	unsigned long ee;
	long err;

	if (entry >= USER_TOP || a[2] >= USER_TOP || a[2] < STACK_FRAME_MIN)
		return -EINVAL;
	/* The first frame's back chain is 0: the new thread's stack ends there. */
	if (copyout((void *)sp, &(unsigned long){ 0 }, sizeof(unsigned long)))
		return -EFAULT;
	u = uthread_new(t, task_enter_user);
	if (!u)
		return -ENOMEM;
	frame_set_entry(user_frame(u->th->kstack_top), entry, sp, arg, 0, 0);
	u->blocked = me->blocked;
	ee = spin_lock_irqsave(&task_lock);
	err = t->nthreads >= TASK_THREADS ? -EAGAIN : task_must_quit(t, me) ? -ERESTART : 0;
	if (err) {
		spin_unlock_irqrestore(&task_lock, ee);
		thread_discard(u->th);
		kfree(u);
		return err;
	}
	uthread_link(u);
	spin_unlock_irqrestore(&task_lock, ee);
	thread_start(u->th);
	return (long)u->th->tid;
}

long sys_thread_exit(const unsigned long *a)
{
	struct uthread *me = current_uthread();
	struct task *t = me->task;
	unsigned long ee = spin_lock_irqsave(&task_lock);

	me->value = (long)a[0];
	if (t->nthreads > 1)
		uthread_end_locked(me, ee);
	spin_unlock_irqrestore(&task_lock, ee);
	/* The last thread goes on: its exit(0) (atexit handlers, streams
	 * flushed) is the task's end. */
	return 0;
}

static bool ended(void *arg)
{
	return ((const struct uthread *)arg)->done;
}

long sys_thread_join(const unsigned long *a)
{
	struct uthread *me = current_uthread(), *u;
	struct task *t = me->task;
	unsigned long ee = spin_lock_irqsave(&task_lock);
	long value;

	u = uthread_find(t, (tid_t)a[0]);
	if (!u || u->joining || u == me) {
		spin_unlock_irqrestore(&task_lock, ee);
		return !u ? -ESRCH : u == me ? -EDEADLK : -EINVAL;
	}
	u->joining = true;
	while (!u->done) {
		spin_unlock_irqrestore(&task_lock, ee);
		if (signal_pending()) {
			ee = spin_lock_irqsave(&task_lock);
			u->joining = false;
			spin_unlock_irqrestore(&task_lock, ee);
			return -ERESTART;
		}
		thread_sleep_until(u, ended, u, 0);
		ee = spin_lock_irqsave(&task_lock);
	}
	for (struct uthread **link = &t->threads; *link; link = &(*link)->next)
		if (*link == u) {
			*link = u->next;
			break;
		}
	spin_unlock_irqrestore(&task_lock, ee);
	value = u->value;
	uthread_free(u);
	if (a[1] && copyout((void *)a[1], &value, sizeof(value)))
		return -EFAULT;
	return 0;
}

long sys_thread_self(const unsigned long *a)
{
	(void)a;
	return (long)current_thread()->tid;
}
