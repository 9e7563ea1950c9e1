/* SPDX-License-Identifier: MIT */
/* Kernel threads and the scheduler: per-CPU run queues by priority,
 * preemption at the tick, sleep and wake-up on a channel. */
#ifndef VRM_SCHED_H
#define VRM_SCHED_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <arch/context.h>
#include <arch/spinlock.h>
#include <vrm/sleep.h>

struct task;
struct uthread;

#define SCHED_PRIORITIES	32	/* 0 is the most urgent */
#define PRIO_DEFAULT		16
#define THREAD_STACK_ORDER	3	/* 32 KiB kernel stacks */
#define CPU_ANY			(-1)

enum thread_state {
	THREAD_RUNNABLE,	/* on a run queue */
	THREAD_RUNNING,
	THREAD_SLEEPING,
	THREAD_DEAD,		/* its exit is done; waiting to be reaped */
};

struct thread {
	unsigned long tid;
	const char *name;
	unsigned int prio;
	volatile enum thread_state state;
	unsigned int cpu;		/* where it runs or last ran */
	int bound;			/* CPU it must run on, or CPU_ANY */
	volatile bool on_cpu;		/* its context is not saved yet */
	struct arch_context ctx;
	uint64_t kstack;		/* real address of its stack, 0 for boot stacks */
	uint64_t kstack_top;
	void (*fn)(void *arg);
	void *arg;
	const void *wchan;		/* what it sleeps on */
	struct thread *next;		/* run queue or sleep list */
	struct thread *all_next, *all_prev;	/* every thread but the idle ones */
	unsigned long switches;		/* times it was switched in */
	/* CPU time: timebase ticks run, counted at each switch (and since
	 * `charged`, the switch in, while it runs); the scheduler ticks it
	 * was caught in problem state and in the kernel. */
	uint64_t runtime, charged;
	unsigned long user_ticks, system_ticks;
	uint64_t shown_utime, shown_stime;	/* what thread_cputime last gave */
	volatile bool exited;
	volatile bool interrupted;	/* thread_interrupt came: end the sleep */
	uint64_t timeout_deadline;	/* timebase, while a timed sleep waits */
	struct thread *timeout_next;
	struct task *task;		/* the task it belongs to, NULL for the kernel's */
	struct uthread *uthread;	/* its user-thread state in that task */
};

/*
 * CPU time costs nothing on the way into and out of the kernel: the time
 * a thread runs is measured at context switches, and each scheduler tick
 * notes whether it caught the running thread in problem state or in the
 * kernel. The run time is split between user and system in the ratio of
 * those ticks (a thread no tick has caught yet counts as system), as
 * tick-based Unix accounting does, without its tick-sized steps in the
 * total.
 *
 * A thread's user and system time so far in timebase ticks, its current
 * run counted when t is the caller. */
void thread_cputime(struct thread *t, uint64_t *utime, uint64_t *stime);

/* Makes the running code of each CPU a thread (its idle thread): the
 * boot CPU before anything else is created, each secondary as it starts. */
void sched_init(void);
void sched_cpu_start(void) __attribute__((noreturn));

/*
 * CPU hotplug. sched_cpu_prepare readies the queue of a CPU that is about
 * to start (again): before its start-cpu, from another CPU.
 *
 * sched_cpus_drain takes CPUs (the threads of one core) out of use: no
 * thread is placed on them from then on, the threads queued there move to
 * other CPUs, each running thread moves at its next switch (a reschedule
 * IPI makes that soon), and then each CPU's idle thread stops its CPU
 * (arch_cpu_offline) once nothing is queued there. It refuses, with
 * -EBUSY and nothing changed, while any thread that has not exited is
 * bound to one of them (*why says which: the first found); -EINVAL when
 * one of them takes no threads (not online, or already leaving).
 */
struct sched_bound {
	unsigned long tid;
	char name[24];
	unsigned int cpu;
};
void sched_cpu_prepare(unsigned int cpu);
int sched_cpus_drain(const unsigned int *cpus, unsigned int n, struct sched_bound *why);

/* A new runnable thread running fn(arg) at prio, on `cpu` only (or
 * CPU_ANY). NULL when memory is short. */
struct thread *thread_create(void (*fn)(void *arg), void *arg, unsigned int prio, int cpu,
			     const char *name);
/* The same in two steps: a thread not yet runnable, whose start-up code
 * begins `reserve` bytes below its stack top (a task keeps its trap
 * frame there), then made runnable. */
struct thread *thread_new(void (*fn)(void *arg), void *arg, unsigned int prio, int cpu,
			  const char *name, size_t reserve);
void thread_start(struct thread *t);
/* Frees a thread made by thread_new that was never started. */
void thread_discard(struct thread *t);
/* Switches if a reschedule is due; interrupts off. */
void thread_preempt_point(void);
/* Ends the calling thread. */
void thread_exit(void) __attribute__((noreturn));
/* Waits for a thread to exit and be off every CPU (its times final). */
void thread_wait_ended(struct thread *t);
/* The same, then frees it. */
void thread_join(struct thread *t);

struct thread *current_thread(void);
/* Gives the CPU to another runnable thread of the same or higher priority. */
void thread_yield(void);
/* Sleeps until wakeup(chan); returns at once if cond() is already true,
 * with the check and the sleep atomic against wakeup. */
void thread_sleep(const void *chan, bool (*cond)(void *arg), void *arg);
/*
 * One sleep, ended by wakeup(chan), thread_interrupt(), the timebase
 * reaching deadline (0: none) or cond() being true already; the caller
 * looks at what it waits for again, since any of them may have ended it.
 * (thread_sleep_on, <vrm/sleep.h>, also says why it ended.)
 */
int thread_sleep_until(const void *chan, bool (*cond)(void *arg), void *arg, uint64_t deadline);
/* Ends the thread's sleep, or its next one if it is not sleeping (a
 * signal for it); a thread running on another CPU is sent through its
 * interrupt exit at once. */
void thread_interrupt(struct thread *t);
/* Binds the calling thread to a CPU (CPU_ANY unbinds) and moves it there. */
int thread_bind(int cpu);

struct sched_stats {
	unsigned long switches, preemptions, steals;
};
void sched_stats(struct sched_stats *out);
#endif
