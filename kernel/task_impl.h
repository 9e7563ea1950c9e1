/* SPDX-License-Identifier: MIT */
/* What the files of the task layer share: files, signals, the program
 * loader, and the system call handlers' type. */
#ifndef KERNEL_TASK_IMPL_H
#define KERNEL_TASK_IMPL_H

#include <stdbool.h>
#include <vrm/task.h>

/* A system call handler: the six argument registers in, a result >= 0
 * or -errno out. */
typedef long syscall_fn(const unsigned long *a);
/* Returned by a handler that has set the whole frame itself (sigreturn,
 * execve): the result register is left as it is. */
#define SYSCALL_FRAME_SET	(-4096L)

/* file.c */
struct file *file_console(void);
void file_get(struct file *f);
void file_put(struct file *f);
void files_close_all(struct task *t);
void files_inherit(struct task *child, const struct task *parent);

/* signal.c */
void signals_init(void);
/* Queues sig for t with info (NULL: SI_USER from the caller); task_lock
 * not held. */
void signal_send(struct task *t, int sig, const siginfo_t *info);
/* Whether a signal the task would act on is pending: sleeping calls end
 * with -ERESTART then. */
bool signal_pending(void);
/* exec: caught signals go back to their default action. */
void signals_reset_handlers(struct task *t);

/* exec.c */
long exec_program(struct task *t, const char *path, char *const argv[], size_t argc,
		  char *const envp[], size_t envc, struct trap_frame *f);

/* port.c: the task's ports go, their senders see EPIPE. */
void ports_release(struct task *t);

/* task.c */
struct task *task_alloc(void);
void task_free(struct task *t);
struct thread *task_thread_new(struct task *t, void (*fn)(void *arg));
#endif
