/* SPDX-License-Identifier: MIT */
/* Tasks: a process of one or more threads in problem state, with its
 * address space of segments, files, credentials and signal state. */
#ifndef VRM_TASK_H
#define VRM_TASK_H

#include <stdbool.h>
#include <stdint.h>
#include <uapi/signal.h>
#include <uapi/sys/types.h>
#include <uapi/sys/procinfo.h>
#include <vrm/file.h>
#include <vrm/wait.h>

#define TASK_COMM_MAX	32
#define TASK_PRIO	16
#define TASK_THREADS	64	/* threads alive at once in one task */

struct thread;
struct aspace;
struct trap_frame;

/* A thread of a task: what the task layer keeps beside the scheduler's
 * thread. Fields under task_lock. */
struct uthread {
	struct thread *th;
	struct task *task;
	uint64_t blocked;		/* its signal mask */
	uint64_t pending;		/* signals sent to this thread alone */
	siginfo_t info[NSIG];		/* of each of those */
	uint64_t saved_mask;		/* sigsuspend's caller's mask, restored */
	bool saved_mask_valid;		/* ... after the handler it waited for */
	stack_t altstack;		/* sigaltstack's; ss_size 0: none */
	uint64_t waiting;		/* the set sigtimedwait takes from */
	bool resume;			/* an interrupted wait restarts, unless a
					   handler runs, and goes on ... */
	uint64_t resume_deadline;	/* ... until this timebase (0: none) */
	bool done;			/* has ended; waits for a join or the reap */
	bool joining;			/* a thread waits in thread_join for it */
	bool detached;			/* its end frees it: no join */
	bool posted;			/* thread_post came: its address wait ends */
	long value;			/* thread_exit's */
	struct uthread *next;		/* the task's threads */
};

enum task_state {
	TASK_ALIVE,
	TASK_ZOMBIE,	/* exited; its status waits for the parent */
};

struct task {
	pid_t pid, pgid, sid;		/* sid: its session, the leader's pid */
	struct task *parent;
	uid_t uid, euid;
	enum task_state state;
	int status;			/* wait status once a zombie */
	struct uthread *threads;	/* every thread not yet reaped */
	unsigned int nthreads;		/* how many of them have not ended */
	bool exiting;			/* exit in progress: the others end */
	struct uthread *exec_survivor;	/* exec in progress: the others end */
	struct aspace *as;
	uint64_t brk_start, brk;	/* the heap: data region from brk_start */
	struct files files;		/* descriptors, working directory */
	char comm[TASK_COMM_MAX];
	int bound;			/* bindprocessor CPU, or -1 */
	/* signals, under task_lock */
	struct sigaction actions[NSIG];
	uint64_t pending;		/* signals for any of its threads */
	siginfo_t info[NSIG];		/* of each of those */
	bool stopped;			/* by SIGSTOP/SIGTSTP, until SIGCONT */
	int report;			/* a stop or continue for waitpid, or 0 */
	unsigned long child_events;	/* changes of its children, for waitpid */
	struct wait_queue children;	/* waitpid waits here for such a change */
	struct task *next;		/* all tasks */
	/* CPU time in timebase ticks, under task_lock: of its reaped threads,
	 * and (user, system) of the children it reaped, with their children's. */
	uint64_t utime, stime, cutime, cstime;
};

/* Guards the task list, parents and children, and signal state. */
#include <arch/spinlock.h>
extern spinlock_t task_lock;

static inline uint64_t sigbit(int sig)
{
	return 1ul << (sig - 1);
}

/* The running thread's task and user thread (NULL for a kernel thread). */
struct task *current_task(void);
struct uthread *current_uthread(void);

/* Installs the system call entry and the signal hooks. */
void syscalls_init(void);
/* Starts /sbin/init as pid 1 with argv; 0 or a negative errno. */
int task_start_init(const char *const argv[]);
/* Ends the calling task with a wait status: its other threads end first. */
void task_exit(int status) __attribute__((noreturn));
/* A task's user and system time in timebase ticks: its reaped threads'
 * and its live ones'. task_lock held. */
void task_cputime(const struct task *t, uint64_t *utime, uint64_t *stime);
/* The first of all tasks (then ->next); task_lock held. */
struct task *task_list(void);
/* The task with that pid (alive or zombie), or NULL; task_lock held. */
struct task *task_find(pid_t pid);
/* Wakes the parent waiting for a child's change. task_lock held. */
void task_notify_parent(struct task *t);
/* Fills up to count entries of ps information; returns how many. */
int task_snapshot(struct procentry *out, int count);
/* Free frames before and after: whether the task table is empty apart
 * from init (for tests). */
unsigned int task_count(void);

/* Whether a signal the calling thread would act on is pending, or the
 * thread must end: sleeping calls end with -ERESTART (or -EINTR) then. */
bool signal_pending(void);
/*
 * A wait a signal interrupted, to go on until deadline (0: none) if no
 * handler runs: returns -ERESTART, and the call restarted then gets that
 * deadline back from signal_wait_deadline. A handler makes it EINTR
 * whether or not SA_RESTART (POSIX's nanosleep, sigtimedwait).
 */
long signal_wait_interrupted(uint64_t deadline);
/* The deadline of a restarted wait, or fresh for a new one. */
uint64_t signal_wait_deadline(uint64_t fresh);
/* sigsuspend's and pselect's mask: bits blocked until the return to user
 * space, which puts the caller's mask back (after a handler, from its
 * frame). */
void signal_mask_swap(uint64_t bits);

/* The trap frame of the calling task's system call or interrupt. */
struct trap_frame *current_frame(void);

/* Processes (kernel/proc/process.c) */
long task_fork(void);
long task_wait(pid_t pid, int *status, int options);
#endif
