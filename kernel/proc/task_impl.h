/* SPDX-License-Identifier: MIT */
/* What the files of the task layer share: files, signals, the program
 * loader, and the system call handlers' type. */
#ifndef KERNEL_TASK_IMPL_H
#define KERNEL_TASK_IMPL_H

#include <stdbool.h>
#include <vrm/proc_client.h>
#include <vrm/task.h>

/* Returned by a handler that has set the whole frame itself (sigreturn,
 * execve): the result register is left as it is. */
#define SYSCALL_FRAME_SET	(-4096L)

/* signal.c */
void signals_init(void);
/* Queues sig for t with info (NULL: SI_USER from the caller); task_lock
 * not held. */
void signal_send(struct task *t, int sig, const siginfo_t *info);
/* The same for one thread of the task. */
void signal_send_thread_locked(struct uthread *u, int sig, const siginfo_t *info);
/* exec: caught signals go back to their default action. */
void signals_reset_handlers(struct task *t);
/* Queues sig for every living task of group pgid; task_lock held. */
void signal_send_pgrp_locked(pid_t pgid, int sig, const siginfo_t *info);
/* Whether u's task would not act on sig: the thread blocks it or the
 * task ignores it; task_lock held. */
bool signal_refused(const struct uthread *u, int sig);

/* session.c, task_lock held */
/* Whether a task (a zombie too) of group pgid is in session sid. */
bool pgrp_in_session(pid_t pgid, pid_t sid);
/* Whether group pgid is orphaned: no member's parent could continue it. */
bool pgrp_orphaned(pid_t pgid);
/* POSIX _exit: a group left orphaned with a stopped member gets SIGHUP,
 * then SIGCONT, rather than staying stopped for ever. */
void pgrp_hangup_if_orphaned(pid_t pgid);

/* jobctl.c: the console becomes the terminal of session sid, group pgrp
 * in its foreground. */
void jobctl_attach_console(pid_t sid, pid_t pgrp);

/* exec.c */
long exec_program(struct task *t, const char *path, char *const argv[], size_t argc,
		  char *const envp[], size_t envc, struct trap_frame *f);

/* syscall.c: the rooms registered above proc/, in registration order. */
extern struct proc_client *proc_clients;

/* task.c */
struct task *task_alloc(void);
void task_free(struct task *t);
/* A thread's first code: enters problem state through the frame prepared
 * for it. */
void task_enter_user(void *arg) __attribute__((noreturn));

/* thread.c */
/* A user thread of t, not yet started or linked, whose scheduler thread
 * runs fn(t). */
struct uthread *uthread_new(struct task *t, void (*fn)(void *arg));
/* Counts it among t's threads; task_lock held. */
void uthread_link(struct uthread *u);
/* Frees t's ended threads but keep (NULL: all), waiting until each is off
 * its CPU. */
void task_reap_threads(struct task *t, const struct uthread *keep);
/* Whether u must end because another thread of t exits or execs. */
bool task_must_quit(const struct task *t, const struct uthread *u);
/* Ends the calling thread alone. */
void uthread_quit(void) __attribute__((noreturn));
/* exit: ends every other thread and waits for them; the caller ends
 * instead when another thread's exit came first. */
void task_exit_others(struct task *t);
/* exec: the same, but -ERESTART (the caller then ends) when an exit or
 * another exec overtakes it. */
long task_single_thread(struct task *t);
#endif
