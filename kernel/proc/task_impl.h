/* SPDX-License-Identifier: MIT */
/* What the files of proc/ share, by file, lowest first: each calls only those above it here. */
#ifndef KERNEL_TASK_IMPL_H
#define KERNEL_TASK_IMPL_H

/*
 * Calls inside proc/ go one way, down this list: sched.c; task.c (the
 * table, who runs, a thread's end); session.c; signal.c; thread.c;
 * exec.c; jobctl.c; then process.c (fork, exit, wait, init), the system
 * call files and syscall.c's dispatch, which may call all of them. The
 * one call back up is signal.c's task_exit, for a signal whose default
 * action ends the task (and the end of a task signals its parent).
 */

#include <stdbool.h>
#include <vrm/proc_client.h>
#include <vrm/task.h>

/* Returned by a handler that has set the whole frame itself (sigreturn,
 * execve): the result register is left as it is. */
#define SYSCALL_FRAME_SET	(-4096L)

/* task.c */
/* The rooms registered above proc/, in registration order (syscall.c's
 * proc_client_register adds them). */
extern struct proc_client *proc_clients;
struct task *task_alloc(void);
void task_free(struct task *t);
/* Gives t a pid (and a group and session of its own unless set) and
 * puts it in the table. */
void task_link(struct task *t);
/* Takes t out of the table; task_lock held. */
void task_unlink(struct task *t);
/* A thread's first code: enters problem state through the frame prepared
 * for it. */
void task_enter_user(void *arg) __attribute__((noreturn));
/* Whether u must end because another thread of t exits or execs. */
bool task_must_quit(const struct task *t, const struct uthread *u);
/* A child of parent changed (ended, stopped, continued, or was handed
 * over): its waitpid looks again. */
void task_children_changed(struct task *parent);
/* The thread of t with that id; task_lock held. */
struct uthread *uthread_find(const struct task *t, tid_t tid);
/* Marks the calling thread u ended and ends it; task_lock held (taken
 * with ee), released here. */
void uthread_end_locked(struct uthread *u, unsigned long ee) __attribute__((noreturn));
/* Ends the calling thread alone. */
void uthread_quit(void) __attribute__((noreturn));
/* Takes u off its task's threads; task_lock held. */
void uthread_unlink(struct uthread *u);
/* Hands an ended detached thread to the reaper, a kernel thread that
 * frees it; task_lock held. */
void uthread_orphan_locked(struct uthread *u);
/* Starts the reaper; 0 or -ENOMEM. */
int threads_init(void);
/* User threads not yet freed, in every task. */
unsigned long uthread_count(void);

/* session.c, task_lock held */
/* Whether a task (a zombie too) of group pgid is in session sid. */
bool pgrp_in_session(pid_t pgid, pid_t sid);
/* Whether group pgid is orphaned: no member's parent could continue it. */
bool pgrp_orphaned(pid_t pgid);

/* signal.c */
void signals_init(void);
/* Queues sig for t with info (NULL: SI_USER from the caller); task_lock
 * not held. */
void signal_send(struct task *t, int sig, const siginfo_t *info);
/* The same for one thread of the task. */
void signal_send_thread_locked(struct uthread *u, int sig, const siginfo_t *info);
/* exec: caught signals go back to their default action, and no thread
 * keeps an alternate signal stack. */
void signals_reset_handlers(struct task *t);
/* Queues sig for every living task of group pgid; task_lock held. */
void signal_send_pgrp_locked(pid_t pgid, int sig, const siginfo_t *info);
/* Whether u's task would not act on sig: the thread blocks it or the
 * task ignores it; task_lock held. */
bool signal_refused(const struct uthread *u, int sig);
/* Whether t's children end without becoming zombies: SIGCHLD ignored or
 * SA_NOCLDWAIT (they go to init, which reaps them); task_lock held. */
bool signal_no_zombies(const struct task *t);

/* thread.c */
/* A user thread of t, not yet started or linked, whose scheduler thread
 * runs fn(t). */
struct uthread *uthread_new(struct task *t, void (*fn)(void *arg));
/* Counts it among t's threads; task_lock held. */
void uthread_link(struct uthread *u);
/* Frees t's ended threads but keep (NULL: all), waiting until each is off
 * its CPU. */
void task_reap_threads(struct task *t, const struct uthread *keep);
/* exit: ends every other thread and waits for them; the caller ends
 * instead when another thread's exit came first. */
void task_exit_others(struct task *t);
/* exec: the same, but -ERESTART (the caller then ends) when an exit or
 * another exec overtakes it. */
long task_single_thread(struct task *t);

/* exec.c */
long exec_program(struct task *t, const char *path, char *const argv[], size_t argc,
		  char *const envp[], size_t envc, struct trap_frame *f);

/* jobctl.c: the console becomes the terminal of session sid, group pgrp
 * in its foreground. */
void jobctl_attach_console(pid_t sid, pid_t pgrp);
#endif
