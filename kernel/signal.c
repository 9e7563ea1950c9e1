// SPDX-License-Identifier: MIT
/*
 * Signals: queueing (one pending instance per signal, with its siginfo),
 * masks, default actions, and delivery on the way back to problem state
 * with a frame on the task's stack that sigreturn undoes.
 */
#define pr_fmt "signal: "
#include <string.h>
#include <arch/exception.h>
#include <arch/irq.h>
#include <arch/user.h>
#include <uapi/sys/wait.h>
#include <vrm/errno.h>
#include <vrm/log.h>
#include <vrm/panic.h>
#include <vrm/sched.h>
#include <vrm/uaccess.h>
#include "task_impl.h"

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
	case SIGCHLD: case SIGURG: case SIGWINCH: case SIGPWR: case SIGIO: case SIGRECONFIG:
	case SIGDANGER: case SIGMIGRATE: case SIGPRE: case SIGVIRT: case SIGWAITING:
	case SIGCPUFAIL: case SIGMSG: case SIGSOUND: case SIGSAK: case SIGKAP: case SIGRETRACT:
		return ACT_IGNORE;
	case SIGSTOP: case SIGTSTP: case SIGTTIN: case SIGTTOU:
		return ACT_STOP;
	case SIGCONT:
		return ACT_CONT;
	default:
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

static uint64_t deliverable(const struct task *t)
{
	return t->pending & ~(t->blocked & ~UNBLOCKABLE);
}

bool signal_pending(void)
{
	struct task *t = current_task();

	return t && deliverable(t);
}

/* task_lock held. */
static void send_locked(struct task *t, int sig, const siginfo_t *info)
{
	struct task *me = current_task();
	bool wake = false;

	if (t->state == TASK_ZOMBIE)
		return;
	if (sig == SIGCONT || sig == SIGKILL) {
		t->pending &= ~STOP_SIGNALS;
		if (t->stopped) {
			t->stopped = false;
			t->report = 0xffff;
			task_notify_parent(t);
		}
		wake = true;
	}
	if (sigbit(sig) & STOP_SIGNALS)
		t->pending &= ~sigbit(SIGCONT);
	/* An ignored signal is dropped, unless blocked: the mask may change
	 * and a handler appear before it is unblocked. */
	if (!ignored(t, sig) || (t->blocked & sigbit(sig))) {
		if (!(t->pending & sigbit(sig))) {
			t->pending |= sigbit(sig);
			if (info)
				t->info[sig] = *info;
			else
				t->info[sig] = (siginfo_t){ .si_signo = sig, .si_code = SI_USER,
							    .si_pid = me ? me->pid : 0,
							    .si_uid = me ? me->uid : 0 };
		}
		wake |= (deliverable(t) & sigbit(sig)) != 0;
	}
	if (wake)
		thread_interrupt(t->thread);
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

/* A system call a signal interrupted: again, or EINTR. */
static void interrupted_call(struct trap_frame *f, bool restart)
{
	if (f->vector != 0xc00 || (long)f->gpr[3] != -ERESTART)
		return;
	if (restart)
		syscall_restart(f);
	else
		syscall_set_result(f, -EINTR);
}

/* Builds the handler's frame; false if the stack cannot take it. */
static bool setup_frame(struct trap_frame *f, int sig,
			const struct sigaction *act, const siginfo_t *info, uint64_t old_mask)
{
	struct sigframe sf = { .info = *info };
	unsigned long addr = (frame_user_sp(f) - USER_STACK_RESERVE - sizeof(sf)) & ~15ul;
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

/* Takes the lowest deliverable signal and acts on it; false if none. */
static bool deliver_one(struct trap_frame *f)
{
	struct task *t = current_task();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	uint64_t ready = deliverable(t), old_mask;
	struct sigaction act;
	siginfo_t info;
	int sig;

	if (!ready) {
		spin_unlock_irqrestore(&task_lock, ee);
		return false;
	}
	sig = __builtin_ctzl(ready) + 1;
	t->pending &= ~sigbit(sig);
	info = t->info[sig];
	act = t->actions[sig];
	old_mask = t->saved_mask_valid ? t->saved_mask : t->blocked;
	t->saved_mask_valid = false;
	if (ignored(t, sig) || (act.sa_handler == SIG_DFL && default_action(sig) == ACT_CONT)) {
		t->blocked = old_mask;
		spin_unlock_irqrestore(&task_lock, ee);
		interrupted_call(f, true);
		return true;
	}
	if (act.sa_handler == SIG_DFL) {
		enum default_action a = default_action(sig);

		if (a == ACT_STOP) {
			t->blocked = old_mask;
			t->stopped = true;
			t->report = sig << 8 | 0x7f;
			task_notify_parent(t);
			spin_unlock_irqrestore(&task_lock, ee);
			interrupted_call(f, true);
			return true;
		}
		spin_unlock_irqrestore(&task_lock, ee);
		if (a == ACT_CORE)
			dump_task(t, sig, &info, f);
		task_exit(sig | (a == ACT_CORE ? 0x80 : 0));
	}
	t->blocked |= act.sa_mask.bits | ((act.sa_flags & SA_NODEFER) ? 0 : sigbit(sig));
	t->blocked &= ~UNBLOCKABLE;
	if (act.sa_flags & SA_RESETHAND)
		t->actions[sig] = (struct sigaction){ 0 };
	spin_unlock_irqrestore(&task_lock, ee);
	interrupted_call(f, act.sa_flags & SA_RESTART);
	if (!setup_frame(f, sig, &act, &info, old_mask)) {
		pr_warn("pid %d: no room for a signal frame below %#lx\n", t->pid,
			frame_user_sp(f));
		dump_task(t, SIGSEGV, &info, f);
		task_exit(SIGSEGV | 0x80);
	}
	return true;
}

/* Waits while stopped; SIGCONT or SIGKILL ends it. */
static bool stopped(void *arg)
{
	struct task *t = arg;

	return !t->stopped;
}

/* Before each return to problem state, interrupts off. */
static void user_return(struct trap_frame *f)
{
	struct task *t = current_task();

	for (;;) {
		thread_preempt_point();
		if (!t)
			return;
		if (t->stopped) {
			irq_enable();
			while (t->stopped && !(t->pending & sigbit(SIGKILL)))
				thread_sleep_until(t, stopped, t, 0);
			irq_disable();
			continue;
		}
		if (!deliverable(t))
			break;
		irq_enable();
		deliver_one(f);
		irq_disable();
	}
	if (t->saved_mask_valid) {
		t->blocked = t->saved_mask;
		t->saved_mask_valid = false;
	}
	interrupted_call(f, true);
}

/* An exception in problem state that no handler resolved. */
static void user_fault(struct trap_frame *f, int error)
{
	struct task *t = current_task();
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
	if ((t->blocked & sigbit(sig)) || t->actions[sig].sa_handler == SIG_IGN) {
		t->blocked &= ~sigbit(sig);
		t->actions[sig].sa_handler = SIG_DFL;
	}
	if (t->pid == 1 && t->actions[sig].sa_handler == SIG_DFL) {
		spin_unlock(&task_lock);
		dump_task(t, sig, &info, f);
		panic("init took signal %d it cannot survive", sig);
	}
	send_locked(t, sig, &info);
	spin_unlock(&task_lock);
}

void signals_init(void)
{
	exception_set_user_hooks(user_fault, user_return);
}

/* System calls */

long sys_sigaction(const unsigned long *a)
{
	struct task *t = current_task();
	int sig = (int)a[0];
	struct sigaction act, old;
	unsigned long ee;

	if (sig < 1 || sig >= NSIG)
		return -EINVAL;
	if (a[1] && copyin(&act, (void *)a[1], sizeof(act)))
		return -EFAULT;
	if (a[1] && (sig == SIGKILL || sig == SIGSTOP))
		return -EINVAL;
	ee = spin_lock_irqsave(&task_lock);
	old = t->actions[sig];
	if (a[1]) {
		act.sa_mask.bits &= ~UNBLOCKABLE;
		t->actions[sig] = act;
		if (ignored(t, sig))
			t->pending &= ~sigbit(sig);
	}
	spin_unlock_irqrestore(&task_lock, ee);
	if (a[2] && copyout((void *)a[2], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_sigprocmask(const unsigned long *a)
{
	struct task *t = current_task();
	int how = (int)a[0];
	sigset_t set, old;
	unsigned long ee;

	if (a[1] && copyin(&set, (void *)a[1], sizeof(set)))
		return -EFAULT;
	if (a[1] && how != SIG_BLOCK && how != SIG_UNBLOCK && how != SIG_SETMASK)
		return -EINVAL;
	ee = spin_lock_irqsave(&task_lock);
	old.bits = t->blocked;
	if (a[1]) {
		if (how == SIG_BLOCK)
			t->blocked |= set.bits;
		else if (how == SIG_UNBLOCK)
			t->blocked &= ~set.bits;
		else
			t->blocked = set.bits;
		t->blocked &= ~UNBLOCKABLE;
	}
	spin_unlock_irqrestore(&task_lock, ee);
	if (a[2] && copyout((void *)a[2], &old, sizeof(old)))
		return -EFAULT;
	return 0;
}

long sys_sigsuspend(const unsigned long *a)
{
	struct task *t = current_task();
	sigset_t set;
	unsigned long ee;

	if (copyin(&set, (void *)a[0], sizeof(set)))
		return -EFAULT;
	ee = spin_lock_irqsave(&task_lock);
	t->saved_mask = t->blocked;
	t->saved_mask_valid = true;
	t->blocked = set.bits & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&task_lock, ee);
	while (!signal_pending())
		thread_sleep_until(t, NULL, NULL, 0);
	/* Never restarted; the old mask returns after the handler. */
	return -EINTR;
}

long sys_sigreturn(const unsigned long *a)
{
	struct task *t = current_task();
	struct trap_frame *f = current_frame();
	unsigned long addr = frame_user_sp(f) + STACK_FRAME_MIN;
	struct sigframe sf;
	unsigned long ee;

	(void)a;
	if (copyin(&sf, (void *)addr, sizeof(sf))) {
		signal_send(t, SIGSEGV, &(siginfo_t){ .si_signo = SIGSEGV, .si_code = SEGV_MAPERR,
						      .si_addr = (void *)addr });
		return SYSCALL_FRAME_SET;
	}
	mcontext_restore(f, &sf.uc.uc_mcontext);
	/* Not a system call to restart any more: the frame is the
	 * interrupted context's. */
	f->vector = 0;
	ee = spin_lock_irqsave(&task_lock);
	t->blocked = sf.uc.uc_sigmask.bits & ~UNBLOCKABLE;
	spin_unlock_irqrestore(&task_lock, ee);
	return SYSCALL_FRAME_SET;
}

static bool may_signal(const struct task *from, const struct task *to)
{
	return from->euid == 0 || from->uid == to->uid || from->euid == to->uid;
}

long sys_kill(const unsigned long *a)
{
	struct task *me = current_task();
	pid_t pid = (pid_t)a[0];
	int sig = (int)a[1], sent = 0, denied = 0;
	unsigned long ee;

	if (sig < 0 || sig >= NSIG)
		return -EINVAL;
	ee = spin_lock_irqsave(&task_lock);
	for (struct task *t = task_list(); t; t = t->next) {
		bool match = pid > 0 ? t->pid == pid : pid == 0 ? t->pgid == me->pgid :
			     pid == -1 ? t->pid != 1 && t != me : t->pgid == -pid;

		if (!match || t->state == TASK_ZOMBIE)
			continue;
		if (!may_signal(me, t)) {
			denied++;
			continue;
		}
		if (sig)
			send_locked(t, sig, NULL);
		sent++;
	}
	spin_unlock_irqrestore(&task_lock, ee);
	if (!sent)
		return denied ? -EPERM : -ESRCH;
	return 0;
}
