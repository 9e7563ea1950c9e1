/* SPDX-License-Identifier: MIT */
/* Thread tests: create and join, shared memory under a mutex, errno and
 * signal masks per thread, signals to a task of threads and to one
 * thread, and exit, exec, fork and faults with several threads. */

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/processor.h>
#include <sys/procinfo.h>
#include <sys/thread.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define WORKERS		8
#define INCREMENTS	2000

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static volatile long counter;
static volatile bool stop;
static volatile pthread_t handled_by;
static volatile int handled;

/* The threads task pid has; -1 when it is gone. */
static int threads_of(pid_t pid)
{
	struct procentry p[64];
	int n = getprocs(p, 64);

	for (int i = 0; i < n; i++)
		if (p[i].pi_pid == pid)
			return p[i].pi_nthreads;
	return -1;
}

static void *return_arg_plus_one(void *arg)
{
	return (char *)arg + 1;
}

static void create_join_returns_the_value(void)
{
	pthread_t t;
	void *result;

	check_eq(pthread_create(&t, NULL, return_arg_plus_one, (void *)41), 0);
	check(t != pthread_self());
	check_eq(pthread_join(t, &result), 0);
	check_eq((long)result, 42);
}

static void *report_self(void *arg)
{
	*(pthread_t *)arg = pthread_self();
	return NULL;
}

static void each_thread_has_its_own_id(void)
{
	pthread_t t[4], seen[4];

	for (int i = 0; i < 4; i++)
		check_eq(pthread_create(&t[i], NULL, report_self, &seen[i]), 0);
	for (int i = 0; i < 4; i++) {
		check_eq(pthread_join(t[i], NULL), 0);
		check_eq(seen[i], t[i]);
		for (int j = 0; j < i; j++)
			check(t[i] != t[j]);
	}
	check_eq(pthread_self(), thread_self());
}

static void *add_under_lock(void *arg)
{
	(void)arg;
	for (int i = 0; i < INCREMENTS; i++) {
		check_eq(pthread_mutex_lock(&lock), 0);
		counter = counter + 1;
		if (i % 64 == 0)
			sched_yield();	/* hold the lock across a switch now and then */
		check_eq(pthread_mutex_unlock(&lock), 0);
	}
	return NULL;
}

static void threads_share_memory_under_a_mutex(void)
{
	pthread_t t[WORKERS];
	int threads;

	for (int i = 0; i < WORKERS; i++)
		check_eq(pthread_create(&t[i], NULL, add_under_lock, NULL), 0);
	threads = threads_of(getpid());
	check(threads >= 1 && threads <= WORKERS + 1);
	for (int i = 0; i < WORKERS; i++)
		check_eq(pthread_join(t[i], NULL), 0);
	check_eq(counter, WORKERS * INCREMENTS);
}

static void *bind_then_add(void *arg)
{
	check_eq(bindprocessor(BINDTHREAD, thread_self(), (cpu_t)(long)arg), 0);
	return add_under_lock(NULL);
}

/* One thread bound to each CPU: the mutex holds across CPUs too. */
static void threads_bound_to_every_cpu_share_a_mutex(void)
{
	long cpus = sysconf(_SC_NPROCESSORS_ONLN);
	pthread_t t[8];

	check(cpus >= 1);
	if (cpus > 8)
		cpus = 8;
	check_eq(bindprocessor(BINDTHREAD, 123456789, 0), -1);
	check_eq(errno, ESRCH);
	for (long i = 0; i < cpus; i++)
		check_eq(pthread_create(&t[i], NULL, bind_then_add, (void *)i), 0);
	for (long i = 0; i < cpus; i++)
		check_eq(pthread_join(t[i], NULL), 0);
	check_eq(counter, cpus * INCREMENTS);
}

static void *hold_lock(void *arg)
{
	(void)arg;
	check_eq(pthread_mutex_lock(&lock), 0);
	while (!stop)
		sched_yield();
	check_eq(pthread_mutex_unlock(&lock), 0);
	return NULL;
}

static void mutex_errors(void)
{
	pthread_t t;

	check_eq(pthread_mutex_lock(&lock), 0);
	check_eq(pthread_mutex_lock(&lock), EDEADLK);
	check_eq(pthread_mutex_trylock(&lock), EDEADLK);
	check_eq(pthread_mutex_destroy(&lock), EBUSY);
	check_eq(pthread_mutex_unlock(&lock), 0);
	check_eq(pthread_mutex_unlock(&lock), EPERM);
	check_eq(pthread_create(&t, NULL, hold_lock, NULL), 0);
	while (!lock.locked)
		sched_yield();
	check_eq(pthread_mutex_trylock(&lock), EBUSY);
	check_eq(pthread_mutex_unlock(&lock), EPERM);
	stop = true;
	check_eq(pthread_join(t, NULL), 0);
	check_eq(pthread_mutex_trylock(&lock), 0);
	check_eq(pthread_mutex_unlock(&lock), 0);
	check_eq(pthread_mutex_destroy(&lock), 0);
}

static void *fail_a_call(void *arg)
{
	(void)arg;
	errno = 0;
	check_err(close(-1), EBADF);
	return NULL;
}

static void errno_is_per_thread(void)
{
	pthread_t t;

	errno = ENOENT;
	check_eq(pthread_create(&t, NULL, fail_a_call, NULL), 0);
	check_eq(pthread_join(t, NULL), 0);
	check_eq(errno, ENOENT);
}

static void *sleep_briefly(void *arg)
{
	struct timespec ts = { 0, 10 * 1000 * 1000 };

	(void)arg;
	nanosleep(&ts, NULL);
	return NULL;
}

static void join_errors(void)
{
	pthread_t t;
	pthread_attr_t attr;

	check_eq(pthread_join(pthread_self(), NULL), EDEADLK);
	check_eq(pthread_join(123456789, NULL), ESRCH);
	check_eq(pthread_create(&t, NULL, sleep_briefly, NULL), 0);
	check_eq(pthread_join(t, NULL), 0);
	check_eq(pthread_join(t, NULL), ESRCH);
	check_eq(pthread_attr_init(&attr), 0);
	check_eq(pthread_attr_setstacksize(&attr, 1024), EINVAL);
	check_eq(pthread_kill(123456789, 0), ESRCH);
	check_eq(pthread_kill(pthread_self(), NSIG), EINVAL);
}

static void *spin_until_stopped(void *arg)
{
	(void)arg;
	while (!stop)
		sched_yield();
	return NULL;
}

static void thread_count_is_limited(void)
{
	pthread_attr_t attr;
	pthread_t t[80];
	int made = 0, err = 0;

	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, PTHREAD_STACK_MIN);
	while (made < 80 && !(err = pthread_create(&t[made], &attr, spin_until_stopped, NULL)))
		made++;
	check_eq(err, EAGAIN);
	check_eq(made, 63);	/* 64 threads a task, this one included */
	stop = true;
	for (int i = 0; i < made; i++)
		check_eq(pthread_join(t[i], NULL), 0);
}

static void note_handler(int sig)
{
	(void)sig;
	handled_by = thread_self();
	handled++;
}

static void *spin_unblocked(void *arg)
{
	sigset_t none;

	sigemptyset(&none);
	check_eq(pthread_sigmask(SIG_SETMASK, &none, NULL), 0);
	*(volatile bool *)arg = true;
	while (!handled)
		sched_yield();
	return NULL;
}

/* The task's signal goes to the one thread that does not block it. */
static void a_signal_to_the_task_finds_the_thread_not_blocking_it(void)
{
	struct sigaction sa = { .sa_handler = note_handler };
	sigset_t usr1, mask;
	volatile bool ready = false;
	pthread_t t;

	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	check_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	check_eq(pthread_sigmask(SIG_BLOCK, &usr1, NULL), 0);
	check_eq(pthread_create(&t, NULL, spin_unblocked, (void *)&ready), 0);
	while (!ready)
		sched_yield();
	check_eq(kill(getpid(), SIGUSR1), 0);
	check_eq(pthread_join(t, NULL), 0);
	check_eq(handled, 1);
	check_eq(handled_by, t);
	/* The worker's empty mask did not change this thread's. */
	check_eq(pthread_sigmask(SIG_SETMASK, NULL, &mask), 0);
	check(sigismember(&mask, SIGUSR1));
}

static void *wait_for_handler(void *arg)
{
	(void)arg;
	while (!handled)
		sched_yield();
	return NULL;
}

static void pthread_kill_signals_one_thread(void)
{
	struct sigaction sa = { .sa_handler = note_handler };
	pthread_t t;

	check_eq(sigaction(SIGUSR2, &sa, NULL), 0);
	check_eq(pthread_create(&t, NULL, wait_for_handler, NULL), 0);
	check_eq(pthread_kill(t, SIGUSR2), 0);
	check_eq(pthread_join(t, NULL), 0);
	check_eq(handled_by, t);
	check_eq(handled, 1);
}

static void *sleep_long(void *arg)
{
	struct timespec ts = { 1000, 0 };

	(void)arg;
	for (;;)
		nanosleep(&ts, NULL);
	return NULL;
}

static void *spin_forever(void *arg)
{
	(void)arg;
	for (;;)
		;
	return NULL;
}

static void start_busy_threads(void)
{
	pthread_t t;

	for (int i = 0; i < 3; i++) {
		check_eq(pthread_create(&t, NULL, sleep_long, NULL), 0);
		check_eq(pthread_create(&t, NULL, spin_forever, NULL), 0);
	}
}

static void *exit_seven(void *arg)
{
	(void)arg;
	sched_yield();
	exit(7);
}

static void exit_in_thread(void)
{
	pthread_t t;

	start_busy_threads();
	check_eq(pthread_create(&t, NULL, exit_seven, NULL), 0);
	sleep_long(NULL);
}

static void exit_from_a_thread_ends_every_thread(void)
{
	check_exited(utest_in_child(exit_in_thread), 7);
}

/* Region 0 of a task's space is never mapped. */
static volatile int *const unmapped = (volatile int *)0x1000;

static void *fault(void *arg)
{
	(void)arg;
	*unmapped = 1;
	return NULL;
}

static void fault_in_thread(void)
{
	pthread_t t;

	start_busy_threads();
	check_eq(pthread_create(&t, NULL, fault, NULL), 0);
	sleep_long(NULL);
}

static void a_fault_in_a_thread_kills_the_task(void)
{
	check_killed(utest_in_child(fault_in_thread), SIGSEGV);
}

static void *exec_true(void *arg)
{
	static char *const argv[] = { "echo", "# exec from a thread", NULL };

	(void)arg;
	execve("/bin/echo", argv, NULL);
	exit(99);
}

static void exec_in_thread(void)
{
	pthread_t t;

	start_busy_threads();
	check_eq(pthread_create(&t, NULL, exec_true, NULL), 0);
	sleep_long(NULL);
}

static void exec_from_a_thread_ends_the_others(void)
{
	check_exited(utest_in_child(exec_in_thread), 0);
}

static void *return_after_main(void *arg)
{
	struct timespec ts = { 0, 20 * 1000 * 1000 };

	(void)arg;
	nanosleep(&ts, NULL);
	return NULL;
}

static void on_exit_status_five(void)
{
	_exit(5);
}

static void main_thread_exits_first(void)
{
	pthread_t t;

	check_eq(atexit(on_exit_status_five), 0);
	check_eq(pthread_create(&t, NULL, return_after_main, NULL), 0);
	pthread_exit(NULL);
}

/* The last thread to end runs exit(0): here its atexit handler's _exit(5). */
static void the_last_thread_to_end_exits_the_task(void)
{
	check_exited(utest_in_child(main_thread_exits_first), 5);
}

static void *fork_from_thread(void *arg)
{
	int status, threads;
	pid_t child = fork();

	(void)arg;
	if (child == 0) {
		threads = threads_of(getpid());
		_exit(threads == 1 ? 0 : 10 + threads);
	}
	check(child > 0);
	check_eq(waitpid(child, &status, 0), child);
	check_exited(status, 0);
	return NULL;
}

static void fork_in_a_thread_copies_only_that_thread(void)
{
	pthread_t t[3];

	stop = false;
	check_eq(pthread_create(&t[0], NULL, spin_until_stopped, NULL), 0);
	check_eq(pthread_create(&t[1], NULL, spin_until_stopped, NULL), 0);
	check_eq(pthread_create(&t[2], NULL, fork_from_thread, NULL), 0);
	check_eq(pthread_join(t[2], NULL), 0);
	stop = true;
	check_eq(pthread_join(t[0], NULL), 0);
	check_eq(pthread_join(t[1], NULL), 0);
}

static void kill_busy(void)
{
	start_busy_threads();
	sleep_long(NULL);
}

static void sigkill_ends_a_task_of_threads(void)
{
	pid_t child = utest_spawn(kill_busy);
	int status;

	check(child > 0);
	while (threads_of(child) < 7)
		sched_yield();
	check_eq(kill(child, SIGKILL), 0);
	check_eq(waitpid(child, &status, 0), child);
	check_killed(status, SIGKILL);
}

static const struct utest cases[] = {
	UTEST(create_join_returns_the_value),
	UTEST(each_thread_has_its_own_id),
	UTEST(threads_share_memory_under_a_mutex),
	UTEST(threads_bound_to_every_cpu_share_a_mutex),
	UTEST(mutex_errors),
	UTEST(errno_is_per_thread),
	UTEST(join_errors),
	UTEST(thread_count_is_limited),
	UTEST(a_signal_to_the_task_finds_the_thread_not_blocking_it),
	UTEST(pthread_kill_signals_one_thread),
	UTEST(exit_from_a_thread_ends_every_thread),
	UTEST(a_fault_in_a_thread_kills_the_task),
	UTEST(exec_from_a_thread_ends_the_others),
	UTEST(the_last_thread_to_end_exits_the_task),
	UTEST(fork_in_a_thread_copies_only_that_thread),
	UTEST(sigkill_ends_a_task_of_threads),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
