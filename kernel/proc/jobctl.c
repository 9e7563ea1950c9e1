// SPDX-License-Identifier: MIT
/* Job control at the console: its session, its foreground group, the rules for readers. */

/*
 * The console is the terminal of init's session (POSIX 11.1.3, 11.1.4):
 * what is typed to interrupt or suspend goes to its foreground process
 * group; a process of another group of the session that reads is
 * stopped with SIGTTIN, one that sets the foreground group with SIGTTOU
 * (docs/tty.md). fs/tty.c has the line discipline and asks these rules
 * through the struct tty_job_control given in tty_attach: proc/ calls
 * fs/, never the other way.
 */
#define pr_fmt "jobctl: "
#include <vrm/errno.h>
#include <vrm/tty.h>
#include "task_impl.h"

/* The console's session and its foreground group; under task_lock. */
static pid_t session, foreground;

static void signal_foreground(int sig)
{
	siginfo_t info = { .si_signo = sig, .si_code = SI_KERNEL };
	unsigned long ee = spin_lock_irqsave(&task_lock);

	signal_send_pgrp_locked(foreground, sig, &info);
	spin_unlock_irqrestore(&task_lock, ee);
}

/*
 * Job control for a caller u of the console's session outside its
 * foreground group (POSIX 11.1.4): 0 if it may go on; else its group gets
 * sig and the call runs again once continued (-ERESTART), or -EIO when
 * it would not stop: SIGTTIN blocked or ignored, or an orphaned group.
 * SIGTTOU blocked or ignored lets the call go on. task_lock held.
 */
static long background(struct uthread *u, int sig)
{
	struct task *t = u->task;
	siginfo_t info = { .si_signo = sig, .si_code = SI_KERNEL };

	if (t->sid != session || t->pgid == foreground)
		return 0;
	if (signal_refused(u, sig))
		return sig == SIGTTIN ? -EIO : 0;
	if (pgrp_orphaned(t->pgid))
		return -EIO;
	signal_send_pgrp_locked(t->pgid, sig, &info);
	return -ERESTART;
}

static long may_read(void)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	long err = background(current_uthread(), SIGTTIN);

	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}

static long get_foreground(pid_t *pgrp)
{
	struct task *me = current_task();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	bool mine = me->sid == session;

	*pgrp = foreground;
	spin_unlock_irqrestore(&task_lock, ee);
	return mine ? 0 : -ENOTTY;
}

static long set_foreground(pid_t pgrp)
{
	struct uthread *u = current_uthread();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	long err;

	if (u->task->sid != session)
		err = -ENOTTY;
	else if ((err = background(u, SIGTTOU)) != 0)
		;
	else if (!pgrp_in_session(pgrp, session))
		err = -EPERM;
	else
		foreground = pgrp;
	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}

static const struct tty_job_control console_rules = {
	.signal_foreground = signal_foreground,
	.may_read = may_read,
	.signal_pending = signal_pending,
	.get_foreground = get_foreground,
	.set_foreground = set_foreground,
};

void jobctl_attach_console(pid_t sid, pid_t pgrp)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);

	session = sid;
	foreground = pgrp;
	spin_unlock_irqrestore(&task_lock, ee);
	tty_attach(&console_rules);
}
