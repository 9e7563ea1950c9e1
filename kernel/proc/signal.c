// SPDX-License-Identifier: MIT
/* Signals: queueing, masks, default actions, delivery, and their system calls. */

/*
 * One pending instance per signal, with its siginfo; delivery on the way
 * back to problem state with a frame on the thread's stack that sigreturn
 * undoes. Handlers and stops belong to the task; masks to each thread. A
 * signal sent to the task is taken by one thread that does not block it;
 * a fault's signal and thread_kill's go to one thread. A default action
 * that ends the task calls task_exit (process.c): the one call in proc/
 * that goes back up, since a task's end in turn signals its parent.
 */
#define pr_fmt "signal: "
#include <string.h>
#include <arch/exception.h>
#include <arch/irq.h>
#include <arch/time.h>
#include <arch/user.h>
#include <uapi/sys/syscall.h>
#include <uapi/sys/wait.h>
#include <uapi/time.h>
#include <vrm/errno.h>
#include <vrm/kernel.h>
#include <vrm/log.h>
#include <vrm/panic.h>
#include <vrm/sched.h>
#include <vrm/timespec.h>
#include <vrm/uaccess.h>
#include "syscalls.h"

/* What a handler finds above its stack pointer. */
struct sigframe {
	siginfo_t info;
	ucontext_t uc;
};

enum default_action { ACT_TERM, ACT_CORE, ACT_IGNORE, ACT_STOP, ACT_CONT };

static enum default_action default_action(int sig)
{
	switch (sig) {
	case SIGQUIT: case SIGILL: case SIGTRAP: case SIGABRT: case SIGEMT: case SIGFPE:
	case SIGBUS: case SIGSEGV: case SIGSYS: case SIGXCPU: case SIGXFSZ:
		return ACT_CORE;
	case SIGCHLD: case SIGURG: case SIGWINCH: case SIGPWR: case SIGRECONFIG:
	case SIGDANGER: case SIGMIGRATE: case SIGPRE: case SIGVIRT: case SIGWAITING:
	case SIGCPUFAIL: case SIGMSG: case SIGSOUND: case SIGSAK: case SIGKAP: case SIGRETRACT:
		return ACT_IGNORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return ACT_STOP;
	case SIGCONT:
		return ACT_CONT;
	default:		/* SIGPOLL (AIX's SIGIO) too, as POSIX says */
		return ACT_TERM;
	}
}

#define UNBLOCKABLE	(sigbit(SIGKILL) | sigbit(SIGSTOP))
#define STOP_SIGNALS	(sigbit(SIGSTOP) | sigbit(SIGTSTP) | sigbit(SIGTTIN) | sigbit(SIGTTOU))

/* init takes only the signals it has handlers for: a default action
 * would end or stop the partition's first task. */
static bool ignored(const struct task *t, int sig)
{
	void (*h)(int) = t->actions[sig].sa_handler;

	return h == SIG_IGN ||
	       (h == SIG_DFL && (default_action(sig) == ACT_IGNORE || t->pid == 1));
}

static uint64_t deliverable(const struct uthread *u)
{
	return (u->task->pending | u->pending) & ~(u->blocked & ~UNBLOCKABLE);
}

/* What wakes u: those, and the signals its sigtimedwait takes. */
static uint64_t wakes(const struct uthread *u)
{
	return deliverable(u) | ((u->task->pending | u->pending) & u->waiting);
}

bool signal_pending(void)
{
	struct uthread *u = current_uthread();

	return u && (deliverable(u) || task_must_quit(u->task, u));
}

/* Every thread of t looks at its signals again; task_lock held. */
static void interrupt_all(struct task *t)
{
	for (struct uthread *u = t->threads; u; u = u->next)
		if (!u->done)
			thread_interrupt(u->th);
}

/* One thread that would take sig: the first not blocking it; task_lock
 * held. */
static void interrupt_one(struct task *t, int sig)
{
	for (struct uthread *u = t->threads; u; u = u->next)
		if (!u->done && (wakes(u) & sigbit(sig))) {
			thread_interrupt(u->th);
			return;
		}
}

/* Records sig with its info (NULL: SI_USER from the caller) in a pending
 * set, unless already there. */
static void queue(uint64_t *pending, siginfo_t *infos, int sig, const siginfo_t *info)
{
	struct task *me = current_task();

	if (*pending & sigbit(sig))
		return;
	*pending |= sigbit(sig);
	infos[sig] = info ? *info : (siginfo_t){ .si_signo = sig, .si_code = SI_USER,
						 .si_pid = me ? me->pid : 0,
						 .si_uid = me ? me->uid : 0 };
}

/* Whether a signal to t is kept; SIGCONT and SIGKILL end a stop. */
static bool accept(struct task *t, int sig, uint64_t blocked)
{
	if (t->state == TASK_ZOMBIE)
		return false;
	if (sig == SIGCONT || sig == SIGKILL) {
		t->pending &= ~STOP_SIGNALS;
		if (t->stopped) {
			t->stopped = false;
			t->report = 0xffff;
			task_notify_parent(t);
		}
		interrupt_all(t);
	}
	if (sigbit(sig) & STOP_SIGNALS)
		t->pending &= ~sigbit(SIGCONT);
	/* An ignored signal is dropped, unless blocked: the mask may change
	 * and a handler appear before it is unblocked. */
	return !ignored(t, sig) || (blocked & sigbit(sig));
}

/* The signals every thread of t blocks. */
static uint64_t blocked_by_all(const struct task *t)
{
	uint64_t all = ~0ul;

	for (const struct uthread *u = t->threads; u; u = u->next)
		if (!u->done)
			all &= u->blocked;
	return all;
}

/* task_lock held. */
static void send_locked(struct task *t, int sig, const siginfo_t *info)
{
	if (!accept(t, sig, blocked_by_all(t)))
		return;
	queue(&t->pending, t->info, sig, info);
	interrupt_one(t, sig);
}

void signal_send_thread_locked(struct uthread *u, int sig, const siginfo_t *info)
{
	if (!accept(u->task, sig, u->blocked))
		return;
	queue(&u->pending, u->info, sig, info);
	if (wakes(u) & sigbit(sig))
		thread_interrupt(u->th);
}

void signal_send_pgrp_locked(pid_t pgid, int sig, const siginfo_t *info)
{
	for (struct task *t = task_list(); t; t = t->next)
		if (t->pgid == pgid && t->state != TASK_ZOMBIE)
			send_locked(t, sig, info);
}

bool signal_refused(const struct uthread *u, int sig)
{
	return (u->blocked & sigbit(sig)) || ignored(u->task, sig);
}

void signal_send(struct task *t, int sig, const siginfo_t *info)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);

	send_locked(t, sig, info);
	spin_unlock_irqrestore(&task_lock, ee);
}

void signals_reset_handlers(struct task *t)
{
	for (int sig = 1; sig < NSIG; sig++) {
		struct sigaction *a = &t->actions[sig];

		if (a->sa_handler != SIG_IGN)
			*a = (struct sigaction){ 0 };
	}
	for (struct uthread *u = t->threads; u; u = u->next)
		u->altstack = (stack_t){ 0 };
}

bool signal_no_zombies(const struct task *t)
{
	const struct sigaction *a = &t->actions[SIGCHLD];

	return a->sa_handler == SIG_IGN || (a->sa_flags & SA_NOCLDWAIT);
}

/* The console record of a task killed with a core-style dump. */
static void dump_task(const struct task *t, int sig, const siginfo_t *info,
		      const struct trap_frame *f)
{
	pr_err("pid %d (%s): killed by signal %d at %#lx, address %p\n", t->pid, t->comm, sig,
	       f->nip, info->si_addr);
	pr_err("  lr %016lx ctr %016lx cr %08lx xer %016lx\n", f->lr, f->ctr, f->ccr, f->xer);
	dump_gprs(f, LOG_ERR);
}

long signal_wait_interrupted(uint64_t deadline)
{
	struct uthread *u = current_uthread();

	u->resume = true;
	u->resume_deadline = deadline;
	return -ERESTART;
}

uint64_t signal_wait_deadline(uint64_t fresh)
{
	struct uthread *u = current_uthread();

	if (!u->resume)
		return fresh;
	u->resume = false;
	return u->resume_deadline;
}

/*
 * A system call a signal interrupted: again, or EINTR when a handler runs
 * (handler, else NULL) without SA_RESTART, or at all for a wait of
 * signal_wait_interrupted.
 */
static void interrupted_call(struct trap_frame *f, const struct sigaction *handler)
{
	struct uthread *u = current_uthread();

	if (f->vector != 0xc00 || (long)f->gpr[3] != -ERESTART)
		return;
	if (!handler || (!u->resume && (handler->sa_flags & SA_RESTART))) {
		syscall_restart(f);
		return;
	}
	u->resume = false;
	syscall_set_result(f, -EINTR);
}

/* Whether sp lies on u's alternate signal stack. */
static bool on_altstack(const struct uthread *u, unsigned long sp)
{
	unsigned long base = (unsigned long)u->altstack.ss_sp;

	return u->altstack.ss_size && sp > base && sp - base <= u->altstack.ss_size;
}

/* Where a handler's frame goes below: the alternate stack's top for
 * SA_ONSTACK unless already on it, else below the interrupted code's
 * red zone. */
static unsigned long frame_top(const struct trap_frame *f, const struct sigaction *act)
{
	const struct uthread *u = current_uthread();
	unsigned long sp = frame_user_sp(f);

	if ((act->sa_flags & SA_ONSTACK) && u->altstack.ss_size && !on_altstack(u, sp))
		return (unsigned long)u->altstack.ss_sp + u->altstack.ss_size;
	return sp - USER_STACK_RESERVE;
}

/* Builds the handler's frame; false if the stack cannot take it. */
static bool setup_frame(struct trap_frame *f, int sig,
			const struct sigaction *act, const siginfo_t *info, uint64_t old_mask)
{
	struct sigframe sf = { .info = *info };
	unsigned long addr = (frame_top(f, act) - sizeof(sf)) & ~15ul;
	unsigned long sp = addr - STACK_FRAME_MIN;
	unsigned long zero = 0;

	sf.uc.uc_sigmask.bits = old_mask;
	mcontext_save(f, &sf.uc.uc_mcontext);
	if (copyout((void *)addr, &sf, sizeof(sf)) || copyout((void *)sp, &zero, sizeof(zero)))
		return false;
	frame_set_handler(f, (unsigned long)act->sa_handler, (unsigned long)act->sa_restorer, sp,
			  sig, addr + offsetof(struct sigframe, info),
			  addr + offsetof(struct sigframe, uc));
	return true;
}

/* Takes the lowest signal of among (pending for u), the thread's own
 * first, off its pending set. */
static int take(struct uthread *u, uint64_t among, siginfo_t *info)
{
	struct task *t = u->task;
	int sig = __builtin_ctzl(among) + 1;

	if (u->pending & sigbit(sig)) {
		u->pending &= ~sigbit(sig);
		*info = u->info[sig];
	} else {
		t->pending &= ~sigbit(sig);
		*info = t->info[sig];
	}
	return sig;
}

/* Takes the lowest deliverable signal and acts on it; false if none. */
static bool deliver_one(struct trap_frame *f)
{
	struct uthread *u = current_uthread();
	struct task *t = u->task;
	unsigned long ee = spin_lock_irqsave(&task_lock);
	uint64_t old_mask;
	struct sigaction act;
	siginfo_t info;
	int sig;

	if (!deliverable(u)) {
		spin_unlock_irqrestore(&task_lock, ee);
		return false;
	}
	sig = take(u, deliverable(u), &info);
	act = t->actions[sig];
	old_mask = u->saved_mask_valid ? u->saved_mask : u->blocked;
	u->saved_mask_valid = false;
	if (ignored(t, sig) || (act.sa_handler == SIG_DFL && default_action(sig) == ACT_CONT)) {
		u->blocked = old_mask;
		spin_unlock_irqrestore(&task_lock, ee);
		return true;
	}
	if (act.sa_handler == SIG_DFL) {
		enum default_action a = default_action(sig);

		/* POSIX 2.4.3: a group no shell could continue does not stop
		 * for the terminal's stop signals. */
		if (a == ACT_STOP && sig != SIGSTOP && pgrp_orphaned(t->pgid)) {
			u->blocked = old_mask;
			spin_unlock_irqrestore(&task_lock, ee);
			return true;
		}
		if (a == ACT_STOP) {
			u->blocked = old_mask;
			t->stopped = true;
			t->report = sig << 8 | 0x7f;
			task_notify_parent(t);
			interrupt_all(t);
			spin_unlock_irqrestore(&task_lock, ee);
			return true;
		}
		spin_unlock_irqrestore(&task_lock, ee);
		if (a == ACT_CORE)
			dump_task(t, sig, &info, f);
		task_exit(sig | (a == ACT_CORE ? 0x80 : 0));
	}
	u->blocked |= act.sa_mask.bits | ((act.sa_flags & SA_NODEFER) ? 0 : sigbit(sig));
	u->blocked &= ~UNBLOCKABLE;
	if (act.sa_flags & SA_RESETHAND)
		t->actions[sig] = (struct sigaction){ 0 };
	spin_unlock_irqrestore(&task_lock, ee);
	interrupted_call(f, &act);
	if (!setup_frame(f, sig, &act, &info, old_mask)) {
		pr_warn("pid %d: no room for a signal frame below %#lx\n", t->pid,
			frame_user_sp(f));
		dump_task(t, SIGSEGV, &info, f);
		task_exit(SIGSEGV | 0x80);
	}
	return true;
}

/* Whether a stopped thread may go on: SIGCONT, SIGKILL or its end. */
static bool may_go_on(void *arg)
{
	const struct uthread *u = arg;
	const struct task *t = u->task;

	return !t->stopped || (t->pending & sigbit(SIGKILL)) || task_must_quit(t, u);
}

/* Before each return to problem state, interrupts off. */
static void user_return(struct trap_frame *f)
{
	struct uthread *u = current_uthread();
	struct task *t = u ? u->task : NULL;

	for (;;) {
		thread_preempt_point();
		if (!t)
			return;
		if (task_must_quit(t, u)) {
			irq_enable();
			uthread_quit();
		}
		if (!may_go_on(u)) {
			irq_enable();
			thread_sleep_until(t, may_go_on, u, 0);
			irq_disable();
			continue;
		}
		if (!deliverable(u))
			break;
		irq_enable();
		deliver_one(f);
		irq_disable();
	}
	if (u->saved_mask_valid) {
		u->blocked = u->saved_mask;
		u->saved_mask_valid = false;
	}
	/* No handler ran: an interrupted call runs again. */
	interrupted_call(f, NULL);
}

/* An exception in problem state that no handler resolved. */
static void user_fault(struct trap_frame *f, int error)
{
	struct uthread *u = current_uthread();
	struct task *t = u->task;
	siginfo_t info = { .si_addr = (void *)frame_fault_address(f), .si_errno = -error };
	int sig;

	switch (f->vector) {
	case 0x300: case 0x380: case 0x400: case 0x480:
		sig = SIGSEGV;
		info.si_code = error == -EACCES ? SEGV_ACCERR : SEGV_MAPERR;
		break;
	case 0x600:
		sig = SIGBUS;
		break;
	case 0x700:
		sig = SIGILL;
		info.si_code = ILL_ILLOPC;
		info.si_addr = (void *)f->nip;
		break;
	default:
		sig = SIGILL;
		info.si_addr = (void *)f->nip;
		break;
	}
	info.si_signo = sig;
	/* A fault cannot be held back: blocked or ignored, it kills. */
	spin_lock(&task_lock);
	if ((u->blocked & sigbit(sig)) || t->actions[sig].sa_handler == SIG_IGN) {
		u->blocked &= ~sigbit(sig);
		t->actions[sig].sa_handler = SIG_DFL;
	}
	if (t->pid == 1 && t->actions[sig].sa_handler == SIG_DFL) {
		spin_unlock(&task_lock);
		dump_task(t, sig, &info, f);
		panic("init took signal %d it cannot survive", sig);
	}
	signal_send_thread_locked(u, sig, &info);
	spin_unlock(&task_lock);
}

void signals_init(void)
{
	exception_set_user_hooks(user_fault, user_return);
}

/* System calls */

struct sigaction_args {
	int sig;
	bool set;			/* act is the new action */
	struct sigaction act;
	struct sigaction *uold;		/* or NULL */
};

SYSCALL(sigaction, struct sigaction_args)

static long sigaction_decode(const unsigned long *a, struct sigaction_args *args)
{
	int sig = (int)a[0];

	if (sig < 1 || sig >= NSIG)
		return -EINVAL;
	if (a[1] && copyin(&args->act, (void *)a[1], sizeof(args->act)))
		return -EFAULT;
	if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	if (a[2] && !user_writable((void *)a[2], sizeof(struct sigaction)))
		return -EFAULT;
	args->sig = sig;
	args->set = a[1] != 0;
	args->uold = (struct sigaction *)a[2];
	return 0;
}

static long sigaction_invoke(struct sigaction_args *args)
{
	struct task *t = current_task();
	struct sigaction old;
	unsigned long ee = spin_lock_irqsave(&task_lock);

	old = t->actions[args->sig];
	if (args->set) {
		args->act.sa_mask.bits &= ~UNBLOCKABLE;
		t->actions[args->sig] = args->act;
		if (ignored(t, args->sig))
			t->pending &= ~sigbit(args->sig);
	}
	spin_unlock_irqrestore(&task_lock, ee);
	if (args->uold && copyout(args->uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

struct sigprocmask_args {
	bool set;			/* how and bits change the mask */
	int how;
	uint64_t bits;
	sigset_t *uold;			/* or NULL */
};

SYSCALL(sigprocmask, struct sigprocmask_args)

static long sigprocmask_decode(const unsigned long *a, struct sigprocmask_args *args)
{
	int how = (int)a[0];
	sigset_t set;

	if (a[1] && copyin(&set, (void *)a[1], sizeof(set)))
		return -EFAULT;
	if (a[1] && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	if (a[2] && !user_writable((void *)a[2], sizeof(sigset_t)))
		return -EFAULT;
	*args = (struct sigprocmask_args){ a[1] != 0, how, a[1] ? set.bits : 0, (sigset_t *)a[2] };
	return 0;
}

static long sigprocmask_invoke(struct sigprocmask_args *args)
{
	struct uthread *u = current_uthread();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	sigset_t old = { u->blocked };

	if (args->set) {
		if (args->how == SIG_BLOCK)
			u->blocked |= args->bits;
		else if (args->how == SIG_UNBLOCK)
			u->blocked &= ~args->bits;
		else
			u->blocked = args->bits;
		u->blocked &= ~UNBLOCKABLE;
	}
	spin_unlock_irqrestore(&task_lock, ee);
	if (args->uold && copyout(args->uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

void signal_mask_swap(uint64_t bits)
{
	struct uthread *u = current_uthread();
	unsigned long ee = spin_lock_irqsave(&task_lock);

	u->saved_mask = u->blocked;
	u->saved_mask_valid = true;
	u->blocked = bits & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&task_lock, ee);
}

struct sigsuspend_args {
	uint64_t bits;
};

SYSCALL(sigsuspend, struct sigsuspend_args)

static long sigsuspend_decode(const unsigned long *a, struct sigsuspend_args *args)
{
	sigset_t set;

	if (copyin(&set, (void *)a[0], sizeof(set)))
		return -EFAULT;
	args->bits = set.bits;
	return 0;
}

static long sigsuspend_invoke(struct sigsuspend_args *args)
{
	struct uthread *u = current_uthread();

	signal_mask_swap(args->bits);
	while (!signal_pending())
		thread_sleep_until(u, NULL, NULL, 0);
	/* Never restarted; the old mask returns after the handler. */
	return -EINTR;
}

SYSCALL_NOARGS(sigreturn)

/* No argument to refuse: the frame is where the handler's stack pointer
 * says, as the kernel wrote it, and one that cannot be read is answered
 * with SIGSEGV, not an error. */
static long sigreturn_invoke(void)
{
	struct uthread *u = current_uthread();
	struct trap_frame *f = current_frame();
	unsigned long addr = frame_user_sp(f) + STACK_FRAME_MIN;
	struct sigframe sf;
	unsigned long ee;

	if (copyin(&sf, (void *)addr, sizeof(sf))) {
		ee = spin_lock_irqsave(&task_lock);
		signal_send_thread_locked(u, SIGSEGV, &(siginfo_t){ .si_signo = SIGSEGV,
			.si_code = SEGV_MAPERR, .si_addr = (void *)addr });
		spin_unlock_irqrestore(&task_lock, ee);
		return SYSCALL_FRAME_SET;
	}
	mcontext_restore(f, &sf.uc.uc_mcontext);
	/* Not a system call to restart any more: the frame is the
	 * interrupted context's. */
	f->vector = 0;
	ee = spin_lock_irqsave(&task_lock);
	u->blocked = sf.uc.uc_sigmask.bits & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&task_lock, ee);
	return SYSCALL_FRAME_SET;
}

struct sigaltstack_args {
	bool set;			/* ss is the new stack */
	stack_t ss;
	stack_t *uold;			/* or NULL */
};

SYSCALL(sigaltstack, struct sigaltstack_args)

/* EPERM for a change while the thread runs on its alternate stack. */
static long sigaltstack_decode(const unsigned long *a, struct sigaltstack_args *args)
{
	if (a[0] && copyin(&args->ss, (void *)a[0], sizeof(args->ss)))
		return -EFAULT;
	if (a[0] && (args->ss.ss_flags & ~SS_DISABLE))
		return -EINVAL;
	if (a[0] && !(args->ss.ss_flags & SS_DISABLE) && args->ss.ss_size < MINSIGSTKSZ)
		return -ENOMEM;
	if (a[0] && !(args->ss.ss_flags & SS_DISABLE) &&
	    !user_range_ok(args->ss.ss_sp, args->ss.ss_size))
		return -EFAULT;
	if (a[0] && on_altstack(current_uthread(), frame_user_sp(current_frame())))
		return -EPERM;
	if (a[1] && !user_writable((void *)a[1], sizeof(stack_t)))
		return -EFAULT;
	args->set = a[0] != 0;
	args->uold = (stack_t *)a[1];
	return 0;
}

static long sigaltstack_invoke(struct sigaltstack_args *args)
{
	struct uthread *u = current_uthread();
	stack_t old = u->altstack;

	old.ss_flags = !old.ss_size ? SS_DISABLE :
		       on_altstack(u, frame_user_sp(current_frame())) ? SS_ONSTACK : 0;
	if (args->set)
		u->altstack = (args->ss.ss_flags & SS_DISABLE) ? (stack_t){ 0 } : args->ss;
	u->altstack.ss_flags = 0;
	if (args->uold && copyout(args->uold, &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

struct sigpending_args {
	sigset_t *uset;
};

SYSCALL(sigpending, struct sigpending_args)

static long sigpending_decode(const unsigned long *a, struct sigpending_args *args)
{
	if (!user_writable((void *)a[0], sizeof(sigset_t)))
		return -EFAULT;
	args->uset = (sigset_t *)a[0];
	return 0;
}

/* The pending signals the thread blocks. */
static long sigpending_invoke(struct sigpending_args *args)
{
	struct uthread *u = current_uthread();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	sigset_t set = { (u->task->pending | u->pending) & u->blocked };

	spin_unlock_irqrestore(&task_lock, ee);
	return copyout(args->uset, &set, sizeof(set));
}

struct sigtimedwait_args {
	uint64_t bits;			/* the set, without SIGKILL and SIGSTOP */
	siginfo_t *uinfo;		/* or NULL */
	bool timed;
	uint64_t ticks;			/* of the timebase, when timed */
};

SYSCALL(sigtimedwait, struct sigtimedwait_args)

static long sigtimedwait_decode(const unsigned long *a, struct sigtimedwait_args *args)
{
	struct timespec ts;
	sigset_t set;

	if (copyin(&set, (void *)a[0], sizeof(set)))
		return -EFAULT;
	if (a[1] && !user_writable((void *)a[1], sizeof(siginfo_t)))
		return -EFAULT;
	if (a[2] && copyin(&ts, (void *)a[2], sizeof(ts)))
		return -EFAULT;
	if (a[2] && timespec_check(&ts))
		return -EINVAL;
	*args = (struct sigtimedwait_args){
		.bits = set.bits & ~UNBLOCKABLE,
		.uinfo = (siginfo_t *)a[1],
		.timed = a[2] != 0,
	};
	if (a[2])
		args->ticks = timespec_to_tb(&ts);
	return 0;
}

/* Takes a signal of the set off the pending ones, blocked or not, with
 * no handler run: its number, or -EAGAIN at the deadline. */
static long sigtimedwait_invoke(struct sigtimedwait_args *args)
{
	struct uthread *u = current_uthread();
	struct task *t = u->task;
	uint64_t deadline = signal_wait_deadline(args->timed ? mftb() + args->ticks : 0);
	unsigned long ee = spin_lock_irqsave(&task_lock);
	siginfo_t info;
	long r;

	u->waiting = args->bits;
	for (;;) {
		uint64_t mine = (t->pending | u->pending) & args->bits;

		if (mine) {
			r = take(u, mine, &info);
			break;
		}
		if (deliverable(u) || task_must_quit(t, u)) {
			r = signal_wait_interrupted(deadline);
			break;
		}
		if (args->timed && mftb() >= deadline) {
			r = -EAGAIN;
			break;
		}
		spin_unlock_irqrestore(&task_lock, ee);
		thread_sleep_until(u, NULL, NULL, deadline);
		ee = spin_lock_irqsave(&task_lock);
	}
	u->waiting = 0;
	spin_unlock_irqrestore(&task_lock, ee);
	if (r > 0 && args->uinfo && copyout(args->uinfo, &info, sizeof(info)))
		return -EFAULT;
	return r;
}

static bool may_signal(const struct task *from, const struct task *to)
{
	return from->euid == 0 || from->uid == to->uid || from->euid == to->uid;
}

/* kill and thread_kill: a signal (0 only checks) to a target. */
struct kill_args {
	long who;			/* kill's pid, thread_kill's tid */
	int sig;
};

/*
 * kill's targets: pid > 0 that task, 0 the caller's group, -1 every task
 * but init and the caller, < -1 group -pid. Sends sig to those the caller
 * may signal when send, else only looks: 0 when one at least was (or
 * would be) signalled, else -EPERM when one was refused, else -ESRCH.
 * task_lock held.
 */
static long kill_targets(const struct kill_args *k, bool send)
{
	struct task *me = current_task();
	pid_t pid = (pid_t)k->who;
	int sent = 0, denied = 0;

	for (struct task *t = task_list(); t; t = t->next) {
		bool match = pid > 0 ? t->pid == pid : pid == 0 ? t->pgid == me->pgid :
			     pid == -1 ? t->pid != 1 && t != me : t->pgid == -pid;

		if (!match || t->state == TASK_ZOMBIE)
			continue;
		if (!may_signal(me, t)) {
			denied++;
			continue;
		}
		if (send && k->sig)
			send_locked(t, k->sig, NULL);
		sent++;
	}
	if (!sent)
		return denied ? -EPERM : -ESRCH;
	return 0;
}

/* EINVAL for a signal number out of range; else the targets as look says
 * (kill_targets, or thread_target), without sending. The caller itself
 * (self: kill's pid, thread_kill's tid) is there and may signal itself:
 * that needs no lookup. */
static long kill_decode_with(const unsigned long *a, struct kill_args *args, long self,
			     long (*look)(const struct kill_args *k, bool send))
{
	unsigned long ee;
	long err;

	*args = (struct kill_args){ (long)a[0], (int)a[1] };
	if (args->sig < 0 || args->sig >= NSIG)
		return -EINVAL;
	if (args->who == self)
		return 0;
	ee = spin_lock_irqsave(&task_lock);
	err = look(args, false);
	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}

static long kill_invoke_with(const struct kill_args *args,
			     long (*look)(const struct kill_args *k, bool send))
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	long err = look(args, true);

	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}

SYSCALL(kill, struct kill_args)

static long kill_decode(const unsigned long *a, struct kill_args *args)
{
	return kill_decode_with(a, args, current_task()->pid, kill_targets);
}

static long kill_invoke(struct kill_args *args)
{
	return kill_invoke_with(args, kill_targets);
}

/* thread_kill's target, a live thread of the caller's task, sent sig
 * when send: 0 or -ESRCH. task_lock held. */
static long thread_target(const struct kill_args *k, bool send)
{
	struct uthread *u = uthread_find(current_task(), (tid_t)k->who);

	if (!u || u->done)
		return -ESRCH;
	if (send && k->sig)
		signal_send_thread_locked(u, k->sig, NULL);
	return 0;
}

SYSCALL(thread_kill, struct kill_args)

static long thread_kill_decode(const unsigned long *a, struct kill_args *args)
{
	return kill_decode_with(a, args, (long)current_thread()->tid, thread_target);
}

static long thread_kill_invoke(struct kill_args *args)
{
	return kill_invoke_with(args, thread_target);
}

static const struct syscall_entry calls[] = {
	SYSCALL_ENTRY(SYS_sigaction, sigaction),
	SYSCALL_ENTRY(SYS_sigprocmask, sigprocmask),
	SYSCALL_ENTRY(SYS_sigsuspend, sigsuspend),
	SYSCALL_ENTRY_NOARGS(SYS_sigreturn, sigreturn),
	SYSCALL_ENTRY(SYS_kill, kill),
	SYSCALL_ENTRY(SYS_thread_kill, thread_kill),
	SYSCALL_ENTRY(SYS_sigaltstack, sigaltstack),
	SYSCALL_ENTRY(SYS_sigpending, sigpending),
	SYSCALL_ENTRY(SYS_sigtimedwait, sigtimedwait),
};

const struct syscall_list signal_calls = { calls, ARRAY_SIZE(calls) };
