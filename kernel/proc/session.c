// SPDX-License-Identifier: MIT
/* Sessions and process groups: their system calls and what job control asks of them. */

/*
 * POSIX 2.2.2 "Process Group", "Session": setsid, getsid, setpgid,
 * getpgid. init (pid 1) leads session 1, the console's; every task
 * inherits its parent's session and group, and a group never spans two
 * sessions.
 */
#define pr_fmt "session: "
#include <uapi/sys/syscall.h>
#include <vrm/errno.h>
#include <vrm/kernel.h>
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

SYSCALL_NOARGS(setsid)

static long setsid_invoke(void)
{
	struct task *me = current_task();
	unsigned long ee = spin_lock_irqsave(&task_lock);
	long ret = me->pid;

	/* A group leader that left would leave its group in the old session
	 * under an id the new one uses: POSIX refuses. */
	if (leads_a_group(me))
		ret = -EPERM;
	else
		me->sid = me->pgid = me->pid;
	spin_unlock_irqrestore(&task_lock, ee);
	return ret;
}

/* getsid and getpgid: the task asked about. */
struct pid_args {
	pid_t pid;			/* 0: the caller */
};

/* The task pid names; task_lock held. */
static struct task *named(pid_t pid)
{
	return pid ? task_find(pid) : current_task();
}

/* ESRCH unless a[0] names a task. */
static long pid_decode(const unsigned long *a, struct pid_args *args)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	bool found = named((pid_t)a[0]) != NULL;

	spin_unlock_irqrestore(&task_lock, ee);
	args->pid = (pid_t)a[0];
	return found ? 0 : -ESRCH;
}

/* Its session's id (of its group when group). */
static long pid_invoke(const struct pid_args *args, bool group)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct task *t = named(args->pid);
	long id = !t ? -ESRCH : group ? t->pgid : t->sid;

	spin_unlock_irqrestore(&task_lock, ee);
	return id;
}

SYSCALL(getsid, struct pid_args)

static long getsid_decode(const unsigned long *a, struct pid_args *args)
{
	return pid_decode(a, args);
}

static long getsid_invoke(struct pid_args *args)
{
	return pid_invoke(args, false);
}

SYSCALL(getpgid, struct pid_args)

static long getpgid_decode(const unsigned long *a, struct pid_args *args)
{
	return pid_decode(a, args);
}

static long getpgid_invoke(struct pid_args *args)
{
	return pid_invoke(args, true);
}

struct setpgid_args {
	pid_t pid;			/* 0: the caller */
	pid_t pgid;			/* 0: pid's own */
};

/*
 * The task that joins, when the caller may move it: itself or one of its
 * children, into group pgid (0: its own pid, a new group) of the caller's
 * session. -ESRCH; -EPERM for a session leader, a child in another
 * session, or a group that does not exist in the session. task_lock held.
 */
static long setpgid_target(const struct setpgid_args *s, struct task **t, pid_t *pgid)
{
	struct task *me = current_task();

	*t = s->pid ? task_find(s->pid) : me;
	if (!*t || (*t != me && (*t)->parent != me))
		return -ESRCH;
	*pgid = s->pgid ? s->pgid : (*t)->pid;
	if ((*t)->sid == (*t)->pid || (*t)->sid != me->sid ||
	    (*pgid != (*t)->pid && !pgrp_in_session(*pgid, me->sid)))
		return -EPERM;
	return 0;
}

SYSCALL(setpgid, struct setpgid_args)

static long setpgid_decode(const unsigned long *a, struct setpgid_args *args)
{
	unsigned long ee;
	struct task *t;
	pid_t pgid;
	long err;

	if ((pid_t)a[1] < 0)
		return -EINVAL;
	*args = (struct setpgid_args){ (pid_t)a[0], (pid_t)a[1] };
	ee = spin_lock_irqsave(&task_lock);
	err = setpgid_target(args, &t, &pgid);
	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}

static long setpgid_invoke(struct setpgid_args *args)
{
	unsigned long ee = spin_lock_irqsave(&task_lock);
	struct task *t;
	pid_t pgid;
	long err = setpgid_target(args, &t, &pgid);

	if (!err)
		t->pgid = pgid;
	spin_unlock_irqrestore(&task_lock, ee);
	return err;
}

static const struct syscall_entry calls[] = {
	SYSCALL_ENTRY_NOARGS(SYS_setsid, setsid),
	SYSCALL_ENTRY(SYS_getsid, getsid),
	SYSCALL_ENTRY(SYS_getpgid, getpgid),
	SYSCALL_ENTRY(SYS_setpgid, setpgid),
};

const struct syscall_list session_calls = { calls, ARRAY_SIZE(calls) };
