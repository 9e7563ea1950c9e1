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
#include <uapi/sys/syscall.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/kernel.h>
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

struct thread_create_args {
	unsigned long entry, arg;
	unsigned long sp;		/* its first frame, below the stack's top */
};

/* EAGAIN when t has as many live threads as it may; task_lock held. */
static long room_for_a_thread(const struct task *t)
{
	return t->nthreads >= TASK_THREADS ? -EAGAIN : 0;
}

SYSCALL(thread_create, struct thread_create_args)

static long thread_create_decode(const unsigned long *a, struct thread_create_args *args)
{
	unsigned long entry = a[0], top = a[2], sp = (top & ~15ul) - STACK_FRAME_MIN, ee;
	long err;

	if (entry >= USER_TOP || top >= USER_TOP || top < STACK_FRAME_MIN)
		return -EINVAL;
	if (!user_writable((void *)sp, sizeof(unsigned long)))
		return -EFAULT;
	ee = spin_lock_irqsave(&task_lock);
	err = room_for_a_thread(current_task());
	spin_unlock_irqrestore(&task_lock, ee);
	*args = (struct thread_create_args){ entry, a[1], sp };
	return err;
}

static long thread_create_invoke(struct thread_create_args *args)
{
	struct uthread *me = current_uthread(), *u;
	struct task *t = me->task;
	unsigned long ee;
	long err;

	/* The first frame's back chain is 0: the new thread's stack ends there. */
	if (copyout((void *)args->sp, &(unsigned long){ 0 }, sizeof(unsigned long)))
		return -EFAULT;
	u = uthread_new(t, task_enter_user);
	if (!u)
		return -ENOMEM;
	frame_set_entry(user_frame(u->th->kstack_top), args->entry, args->sp, args->arg, 0, 0);
	u->blocked = me->blocked;
	ee = spin_lock_irqsave(&task_lock);
	err = room_for_a_thread(t);
	if (!err && task_must_quit(t, me))
		err = -ERESTART;
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

struct thread_exit_args {
	long value;
};

SYSCALL(thread_exit, struct thread_exit_args)

static long thread_exit_decode(const unsigned long *a, struct thread_exit_args *args)
{
	args->value = (long)a[0];
	return 0;
}

static long thread_exit_invoke(struct thread_exit_args *args)
{
	struct uthread *me = current_uthread();
	struct task *t = me->task;
	unsigned long ee = spin_lock_irqsave(&task_lock);

	me->value = args->value;
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

struct thread_join_args {
	tid_t tid;
	long *uvalue;			/* or NULL */
};

/* The thread of the caller's task that it may join: -ESRCH unknown (or
 * joined already), -EDEADLK itself, -EINVAL another thread joins it.
 * task_lock held. */
static long joinable(tid_t tid, struct uthread **u)
{
	struct uthread *me = current_uthread();

	*u = uthread_find(me->task, tid);
	if (!*u)
		return -ESRCH;
	return *u == me ? -EDEADLK : (*u)->joining ? -EINVAL : 0;
}

SYSCALL(thread_join, struct thread_join_args)

static long thread_join_decode(const unsigned long *a, struct thread_join_args *args)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct uthread *u;
	long err = joinable((tid_t)a[0], &u);

	spin_unlock_irqrestore(&task_lock, ee);
	if (err)
		return err;
	/* The value must have its place before the thread is freed. */
	if (a[1] && !user_writable((void *)a[1], sizeof(long)))
		return -EFAULT;
	*args = (struct thread_join_args){ (tid_t)a[0], (long *)a[1] };
	return 0;
}

static long thread_join_invoke(struct thread_join_args *args)
{
	struct task *t = current_task();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct uthread *u;
	long value, err = joinable(args->tid, &u);

	if (err) {
		spin_unlock_irqrestore(&task_lock, ee);
		return err;
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
	if (args->uvalue && copyout(args->uvalue, &value, sizeof(value)))
		return -EFAULT;
	return 0;
}

SYSCALL_NOARGS(thread_self)

static long thread_self_invoke(void)
{
	return (long)current_thread()->tid;
}

static const struct syscall_entry calls[] = {
	SYSCALL_ENTRY(SYS_thread_create, thread_create),
	SYSCALL_ENTRY(SYS_thread_exit, thread_exit),
	SYSCALL_ENTRY(SYS_thread_join, thread_join),
	SYSCALL_ENTRY_NOARGS(SYS_thread_self, thread_self),
};

const struct syscall_list thread_calls = { calls, ARRAY_SIZE(calls) };
