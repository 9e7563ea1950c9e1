// SPDX-License-Identifier: MIT
/* Sessions and process groups: their system calls and what job control asks of them. */

/*
 * POSIX 2.2.2 "Process Group", "Session": setsid, getsid, setpgid,
 * getpgid. init (pid 1) leads session 1, the console's; every task
 * inherits its parent's session and group, and a group never spans two
 * sessions.
 */
#define pr_fmt "session: "
#include <vrm/errno.h>
#include "syscalls.h"

/* Whether some task, a zombie included (it keeps its group until it is
 * reaped, as POSIX counts it), is in group pgid of session sid; task_lock
 * held. */
bool pgrp_in_session(pid_t pgid, pid_t sid)
{
	for (struct task *t = task_list(); t; t = t->next)
		if (t->pgid == pgid && t->sid == sid)
			return true;
	return false;
}

/*
 * An orphaned group: no living member has a parent in another group of
 * the same session (POSIX 3.262), so nothing is left that would continue
 * it after a stop. init counts as no such parent (as in Linux): it does
 * no job control, and the children it inherits from a shell that exits
 * are thereby orphans. task_lock held.
 */
bool pgrp_orphaned(pid_t pgid)
{
	for (struct task *t = task_list(); t; t = t->next) {
		const struct task *p = t->parent;

		if (t->pgid == pgid && t->state != TASK_ZOMBIE && p && p->pid != 1 &&
		    p->pgid != pgid && p->sid == t->sid)
			return false;
	}
	return true;
}

/* The group leader's pid is the group's id; task_lock held. */
static bool leads_a_group(const struct task *t)
{
	for (struct task *o = task_list(); o; o = o->next)
		if (o->pgid == t->pid)
			return true;
	return false;
}

long sys_setsid(const unsigned long *a)
{
	struct task *me = current_task();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	long ret = me->pid;

	(void)a;
	/* A group leader that left would leave its group in the old session
	 * under an id the new one uses: POSIX refuses. */
	if (leads_a_group(me))
		ret = -EPERM;
	else
		me->sid = me->pgid = me->pid;
	spin_unlock_irqrestore(&task_lock, ee);
	return ret;
}

long sys_getsid(const unsigned long *a)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct task *t = a[0] ? task_find((pid_t)a[0]) : current_task();
	long sid = t ? t->sid : -ESRCH;

	spin_unlock_irqrestore(&task_lock, ee);
	return sid;
}

long sys_getpgid(const unsigned long *a)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct task *t = a[0] ? task_find((pid_t)a[0]) : current_task();
	long pgid = t ? t->pgid : -ESRCH;

	spin_unlock_irqrestore(&task_lock, ee);
	return pgid;
}

/*
 * The caller or one of its children joins group pgid (0: its own pid, a
 * new group) of the caller's session. EPERM for a session leader, a child
 * in another session, or a group that does not exist in the session.
 */
long sys_setpgid(const unsigned long *a)
{
	struct task *me = current_task(), *t;
	pid_t pgid = (pid_t)a[1];
	unsigned long ee;
	long err = 0;

	if (pgid < 0)
		return -EINVAL;
	ee = spin_lock_irqsave(&task_lock);
	t = a[0] ? task_find((pid_t)a[0]) : me;
	if (!t || (t != me && t->parent != me)) {
		err = -ESRCH;
	} else {
		pgid = pgid ? pgid : t->pid;
		if (t->sid == t->pid || t->sid != me->sid ||
		    (pgid != t->pid && !pgrp_in_session(pgid, me->sid)))
			err = -EPERM;
		else
			t->pgid = pgid;
	}
	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}
