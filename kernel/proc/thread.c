// SPDX-License-Identifier: MIT
/* The threads of a task: creation, thread_exit and join, ending the others. */

/*
 * The other threads end when one calls exit or exec. Each user thread is a
 * scheduler thread with its own kernel stack, trap frame, signal mask and
 * thread-directed signals; the task's space, files and handlers are
 * shared.
 */
#define pr_fmt "thread: "
#include <arch/time.h>
#include <arch/user.h>
#include <uapi/time.h>
#include <uapi/sys/syscall.h>
#include <vrm/errno.h>
#include <vrm/heap.h>
#include <vrm/kernel.h>
#include <vrm/sched.h>
#include <vrm/timespec.h>
#include <vrm/uaccess.h>
#include <vrm/vmm.h>
#include <vrm/wait.h>
#include "syscalls.h"

#define NSEC_PER_SEC	1000000000ull

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
	uint64_t utime, stime;
	unsigned long ee;

	thread_wait_ended(u->th);
	thread_cputime(u->th, &utime, &stime);
	ee = spin_lock_irqsave(&task_lock);
	u->task->utime += utime;
	u->task->stime += stime;
	spin_unlock_irqrestore(&task_lock, ee);
	thread_discard(u->th);
	kfree(u);
}

void task_cputime(const struct task *t, uint64_t *utime, uint64_t *stime)
{
	*utime = t->utime;
	*stime = t->stime;
	for (const struct uthread *u = t->threads; u; u = u->next) {
		uint64_t tu, ts;

		thread_cputime(u->th, &tu, &ts);
		*utime += tu;
		*stime += ts;
	}
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
	int *ustack_left;		/* set to 0 once off the user stack, or NULL */
};

SYSCALL(thread_exit, struct thread_exit_args)

static long thread_exit_decode(const unsigned long *a, struct thread_exit_args *args)
{
	if (a[1] && (a[1] & 3))
		return -EINVAL;
	if (a[1] && !user_writable((void *)a[1], sizeof(int)))
		return -EFAULT;
	*args = (struct thread_exit_args){ (long)a[0], (int *)a[1] };
	return 0;
}

static long thread_exit_invoke(struct thread_exit_args *args)
{
	struct uthread *me = current_uthread();
	struct task *t = me->task;
	unsigned long ee;

	/* The thread runs no more user code: its stack may go. */
	if (args->ustack_left)
		copyout(args->ustack_left, &(int){ 0 }, sizeof(int));
	ee = spin_lock_irqsave(&task_lock);

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
	return *u == me ? -EDEADLK : (*u)->joining || (*u)->detached ? -EINVAL : 0;
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
	uthread_unlink(u);
	spin_unlock_irqrestore(&task_lock, ee);
	value = u->value;
	uthread_free(u);
	if (args->uvalue && copyout(args->uvalue, &value, sizeof(value)))
		return -EFAULT;
	return 0;
}

struct tid_args {
	tid_t tid;
};

/* A thread of the caller's task by its id; -ESRCH for none. */
static long tid_decode(const unsigned long *a, struct tid_args *args)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	bool found = uthread_find(current_task(), (tid_t)a[0]) != NULL;

	spin_unlock_irqrestore(&task_lock, ee);
	args->tid = (tid_t)a[0];
	return found ? 0 : -ESRCH;
}

SYSCALL(thread_detach, struct tid_args)

static long thread_detach_decode(const unsigned long *a, struct tid_args *args)
{
	unsigned long ee;
	struct uthread *u;
	long err = tid_decode(a, args);

	if (err)
		return err;
	ee = spin_lock_irqsave(&task_lock);
	u = uthread_find(current_task(), args->tid);
	err = !u ? -ESRCH : u->detached || u->joining ? -EINVAL : 0;
	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}

static long thread_detach_invoke(struct tid_args *args)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct uthread *u = uthread_find(current_task(), args->tid);
	long err = !u ? -ESRCH : u->detached || u->joining ? -EINVAL : 0;

	if (!err) {
		u->detached = true;
		if (u->done)
			uthread_orphan_locked(u);
	}
	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}

/*
 * Waiting on a user address: thread_waitaddr sleeps while the int there
 * holds the expected value, thread_wakeaddr wakes sleepers on it. A
 * sleeper is keyed by its address space and the address, and waits on
 * its own node, on its kernel stack, in one of the buckets. The value is
 * read before the bucket's lock is taken (a read may fault); a wake
 * between that read and the sleep is not lost because every wake counts
 * in its bucket, and a waiter that sees the count move returns at once.
 */
#define ADDR_BUCKETS	64

struct addr_waiter {
	const struct aspace *as;
	unsigned long addr;
	bool woken;
	struct wait_queue wq;
	struct addr_waiter *next;
};

static struct addr_bucket {
	spinlock_t lock;
	unsigned long wakes;		/* thread_wakeaddr calls on it */
	struct addr_waiter *waiters;
} buckets[ADDR_BUCKETS];

static struct addr_bucket *bucket_of(const struct aspace *as, unsigned long addr)
{
	return &buckets[((unsigned long)as / 64 + addr / 4) % ADDR_BUCKETS];
}

static bool addr_woken(void *arg)
{
	return ((const struct addr_waiter *)arg)->woken;
}

static bool take_post(struct uthread *me)
{
	return __atomic_exchange_n(&me->posted, false, __ATOMIC_ACQ_REL);
}

struct waitaddr_args {
	int *uaddr;
	int expected;
	uint64_t ticks;			/* of the timebase; 0: no timeout */
	bool timed;
};

/* An int's place: aligned, in task space. */
static long addr_decode(unsigned long addr)
{
	if (addr & 3)
		return -EINVAL;
	return user_range_ok((void *)addr, sizeof(int)) ? 0 : -EFAULT;
}

SYSCALL(thread_waitaddr, struct waitaddr_args)

static long thread_waitaddr_decode(const unsigned long *a, struct waitaddr_args *args)
{
	struct timespec ts;
	long err = addr_decode(a[0]);

	if (err)
		return err;
	*args = (struct waitaddr_args){ (int *)a[0], (int)a[1], 0, a[2] != 0 };
	if (!a[2])
		return 0;
	if (copyin(&ts, (void *)a[2], sizeof(ts)))
		return -EFAULT;
	if (timespec_check(&ts))
		return -EINVAL;
	args->ticks = timespec_to_tb(&ts);
	return 0;
}

static long thread_waitaddr_invoke(struct waitaddr_args *args)
{
	struct uthread *me = current_uthread();
	struct addr_waiter w = {
		.as = me->task->as, .addr = (unsigned long)args->uaddr, .wq = WAIT_QUEUE_INIT,
	};
	struct addr_bucket *b = bucket_of(w.as, w.addr);
	uint64_t deadline = args->timed ? mftb() + args->ticks : 0;
	unsigned long seen = __atomic_load_n(&b->wakes, __ATOMIC_ACQUIRE), ee;
	int value, why = 0;

	__atomic_thread_fence(__ATOMIC_SEQ_CST);
	if (copyin(&value, args->uaddr, sizeof(value)))
		return -EFAULT;
	if (value != args->expected)
		return -EAGAIN;
	if (args->timed && !args->ticks)
		return -ETIMEDOUT;
	ee = spin_lock_irqsave(&b->lock);
	if (b->wakes != seen || take_post(me)) {
		spin_unlock_irqrestore(&b->lock, ee);
		return 0;
	}
	w.next = b->waiters;
	b->waiters = &w;
	while (!w.woken) {
		why = wait_event_locked(&w.wq, &b->lock, addr_woken, &w, WAIT_INTERRUPTIBLE,
					deadline);
		if (w.woken || why == -ETIMEDOUT || take_post(me) || signal_pending())
			break;
	}
	if (!w.woken)
		for (struct addr_waiter **link = &b->waiters; *link; link = &(*link)->next)
			if (*link == &w) {
				*link = w.next;
				break;
			}
	spin_unlock_irqrestore(&b->lock, ee);
	if (w.woken || !why)
		return 0;
	return why == -ETIMEDOUT ? -ETIMEDOUT : signal_pending() ? -EINTR : 0;
}

struct wakeaddr_args {
	unsigned long addr;
	int n;
};

SYSCALL(thread_wakeaddr, struct wakeaddr_args)

static long thread_wakeaddr_decode(const unsigned long *a, struct wakeaddr_args *args)
{
	long err = addr_decode(a[0]);

	if (err)
		return err;
	if ((long)a[1] <= 0 || (long)a[1] > INT32_MAX)
		return -EINVAL;
	*args = (struct wakeaddr_args){ a[0], (int)a[1] };
	return 0;
}

static long thread_wakeaddr_invoke(struct wakeaddr_args *args)
{
	const struct aspace *as = current_task()->as;
	struct addr_bucket *b = bucket_of(as, args->addr);
	unsigned long ee = spin_lock_irqsave(&b->lock);
	struct addr_waiter **link = &b->waiters;
	int n = 0;

	b->wakes++;
	while (*link && n < args->n) {
		struct addr_waiter *w = *link;

		if (w->as != as || w->addr != args->addr) {
			link = &w->next;
			continue;
		}
		*link = w->next;
		w->woken = true;
		wake_one(&w->wq);
		n++;
	}
	spin_unlock_irqrestore(&b->lock, ee);
	return n;
}

SYSCALL(thread_post, struct tid_args)

static long thread_post_decode(const unsigned long *a, struct tid_args *args)
{
	return tid_decode(a, args);
}

static long thread_post_invoke(struct tid_args *args)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct uthread *u = uthread_find(current_task(), args->tid);

	if (u && !u->done) {
		__atomic_store_n(&u->posted, true, __ATOMIC_RELEASE);
		thread_interrupt(u->th);
	}
	spin_unlock_irqrestore(&task_lock, ee);
	return u ? 0 : -ESRCH;
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
	SYSCALL_ENTRY(SYS_thread_detach, thread_detach),
	SYSCALL_ENTRY(SYS_thread_waitaddr, thread_waitaddr),
	SYSCALL_ENTRY(SYS_thread_wakeaddr, thread_wakeaddr),
	SYSCALL_ENTRY(SYS_thread_post, thread_post),
};

const struct syscall_list thread_calls = { calls, ARRAY_SIZE(calls) };
