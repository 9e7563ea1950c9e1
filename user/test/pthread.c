/* SPDX-License-Identifier: MIT */
/*
 * POSIX threads beyond create and join: attributes, detached threads,
 * thread-specific data, once, condition variables, cancellation and its
 * cleanup handlers, unnamed semaphores, CPU sets.
 */

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/kcount.h>
#include <sys/procinfo.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

static volatile int flag, count;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;

static void wait_for(volatile int *v, int value)
{
	while (*v < value)
		sched_yield();
}

/* A deadline ms milliseconds from now on clock. */
static struct timespec in_ms(clockid_t clock, long ms)
{
	struct timespec ts;

	clock_gettime(clock, &ts);
	ts.tv_nsec += ms * 1000000;
	ts.tv_sec += ts.tv_nsec / 1000000000;
	ts.tv_nsec %= 1000000000;
	return ts;
}

static void attributes_keep_what_vrm_can_do(void)
{
	pthread_attr_t a;
	struct sched_param sp = { 0 };
	size_t size;
	void *addr;
	int v;

	check_eq(pthread_attr_init(&a), 0);
	check_eq(pthread_attr_getdetachstate(&a, &v), 0);
	check_eq(v, PTHREAD_CREATE_JOINABLE);
	check_eq(pthread_attr_getinheritsched(&a, &v), 0);
	check_eq(v, PTHREAD_INHERIT_SCHED);
	check_eq(pthread_attr_getschedpolicy(&a, &v), 0);
	check_eq(v, SCHED_OTHER);
	check_eq(pthread_attr_getscope(&a, &v), 0);
	check_eq(v, PTHREAD_SCOPE_SYSTEM);
	check_eq(pthread_attr_getstacksize(&a, &size), 0);
	check_eq(size, PTHREAD_STACK_DEFAULT);
	check_eq(pthread_attr_getguardsize(&a, &size), 0);
	check_eq(size, 0);
	check_eq(pthread_attr_getstack(&a, &addr, &size), 0);
	check(addr == NULL);

	check_eq(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED), 0);
	check_eq(pthread_attr_getdetachstate(&a, &v), 0);
	check_eq(v, PTHREAD_CREATE_DETACHED);
	check_eq(pthread_attr_setdetachstate(&a, 7), EINVAL);
	check_eq(pthread_attr_setinheritsched(&a, PTHREAD_EXPLICIT_SCHED), 0);
	check_eq(pthread_attr_getinheritsched(&a, &v), 0);
	check_eq(v, PTHREAD_EXPLICIT_SCHED);
	check_eq(pthread_attr_setinheritsched(&a, 7), EINVAL);
	check_eq(pthread_attr_setschedpolicy(&a, SCHED_FIFO), ENOTSUP);
	check_eq(pthread_attr_setschedpolicy(&a, SCHED_RR), ENOTSUP);
	check_eq(pthread_attr_setschedpolicy(&a, 77), EINVAL);
	check_eq(pthread_attr_setschedpolicy(&a, SCHED_OTHER), 0);
	check_eq(pthread_attr_setschedparam(&a, &sp), 0);
	sp.sched_priority = 1;
	check_eq(pthread_attr_setschedparam(&a, &sp), EINVAL);
	check_eq(pthread_attr_getschedparam(&a, &sp), 0);
	check_eq(sp.sched_priority, 0);
	check_eq(sched_get_priority_min(SCHED_OTHER), 0);
	check_eq(sched_get_priority_max(SCHED_OTHER), 0);
	check_err(sched_get_priority_max(SCHED_FIFO), EINVAL);
	check_eq(pthread_attr_setscope(&a, PTHREAD_SCOPE_PROCESS), ENOTSUP);
	check_eq(pthread_attr_setscope(&a, 7), EINVAL);
	check_eq(pthread_attr_setguardsize(&a, 4096), ENOTSUP);
	check_eq(pthread_attr_setguardsize(&a, 0), 0);
	check_eq(pthread_attr_setstacksize(&a, PTHREAD_STACK_MIN - 1), EINVAL);
	check_eq(pthread_attr_setstacksize(&a, PTHREAD_STACK_MIN), 0);
	check_eq(pthread_attr_getstacksize(&a, &size), 0);
	check_eq(size, PTHREAD_STACK_MIN);
	check_eq(pthread_attr_setstack(&a, &v, PTHREAD_STACK_MIN - 1), EINVAL);
	check_eq(pthread_attr_destroy(&a), 0);
	check_eq(sysconf(_SC_THREAD_STACK_MIN), PTHREAD_STACK_MIN);
}

static char own_stack[64 * 1024] __attribute__((aligned(16)));

static volatile uintptr_t frame_seen;

static void *where_am_i(void *arg)
{
	frame_seen = (uintptr_t)__builtin_frame_address(0);
	return arg;
}

static void a_thread_runs_on_the_stack_it_is_given(void)
{
	pthread_attr_t a;
	pthread_t t;
	void *addr;
	size_t size;

	check_eq(pthread_attr_init(&a), 0);
	check_eq(pthread_attr_setstack(&a, own_stack, sizeof(own_stack)), 0);
	check_eq(pthread_attr_getstack(&a, &addr, &size), 0);
	check(addr == own_stack && size == sizeof(own_stack));
	check_eq(pthread_create(&t, &a, where_am_i, NULL), 0);
	check_eq(pthread_join(t, NULL), 0);
	check(frame_seen > (uintptr_t)own_stack &&
	      frame_seen < (uintptr_t)own_stack + sizeof(own_stack));
}

static void *wait_for_flag_then_count(void *arg)
{
	(void)arg;
	wait_for(&flag, 1);
	__atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
	return NULL;
}

static void detached_threads_cannot_be_joined(void)
{
	pthread_attr_t a;
	pthread_t t, u;

	check_eq(pthread_attr_init(&a), 0);
	check_eq(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED), 0);
	check_eq(pthread_create(&t, &a, wait_for_flag_then_count, NULL), 0);
	check_eq(pthread_join(t, NULL), EINVAL);
	check_eq(pthread_detach(t), EINVAL);
	check_eq(pthread_create(&u, NULL, wait_for_flag_then_count, NULL), 0);
	check_eq(pthread_detach(u), 0);
	check_eq(pthread_join(u, NULL), EINVAL);
	check_eq(pthread_detach(123456789), ESRCH);
	flag = 1;
	wait_for(&count, 2);
}

static void *count_and_end(void *arg)
{
	(void)arg;
	__atomic_add_fetch(&count, 1, __ATOMIC_RELAXED);
	return NULL;
}

/* 1200 stacks of 256 KiB are more than the heap's 256 MB: they must be
 * freed as the threads end, and so must their kernel threads. */
static void ended_detached_threads_are_reaped(void)
{
	pthread_attr_t a;
	pthread_t t;

	check_eq(pthread_attr_init(&a), 0);
	check_eq(pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED), 0);
	/* One at a time: a task has at most 64 threads alive. */
	for (int i = 0, n = 0; i < 1200; i++) {
		check_eq(pthread_create(&t, &a, count_and_end, NULL), 0);
		wait_for(&count, ++n);
		if (i % 2) {
			/* Detached after it ended, too. */
			check_eq(pthread_create(&t, NULL, count_and_end, NULL), 0);
			wait_for(&count, ++n);
			check_eq(pthread_detach(t), 0);
		}
	}
}

static pthread_key_t key;
static volatile int destroyed, destroyed_value_ok;

static void destroy(void *value)
{
	destroyed_value_ok += *(int *)value == 42;
	destroyed++;
}

static void *set_specific(void *arg)
{
	static int answer = 42;

	check(pthread_getspecific(key) == NULL);
	check_eq(pthread_setspecific(key, &answer), 0);
	check(pthread_getspecific(key) == &answer);
	return arg;
}

static void keys_are_per_thread_with_destructors(void)
{
	pthread_t t[4];
	int mine = 7;

	check_eq(pthread_key_create(&key, destroy), 0);
	check_eq(pthread_setspecific(key, &mine), 0);
	for (int i = 0; i < 4; i++)
		check_eq(pthread_create(&t[i], NULL, set_specific, NULL), 0);
	for (int i = 0; i < 4; i++)
		check_eq(pthread_join(t[i], NULL), 0);
	check_eq(destroyed, 4);
	check_eq(destroyed_value_ok, 4);
	check(pthread_getspecific(key) == &mine);
	check_eq(pthread_key_delete(key), 0);
	check_eq(pthread_key_delete(key), EINVAL);
	check_eq(pthread_setspecific(key, &mine), EINVAL);
	/* The slot comes back, NULL in this thread too. */
	check_eq(pthread_key_create(&key, NULL), 0);
	check(pthread_getspecific(key) == NULL);
}

static pthread_key_t again_key;
static volatile int again_runs;

static void set_again(void *value)
{
	again_runs++;
	pthread_setspecific(again_key, value);
}

static void *set_once(void *arg)
{
	pthread_setspecific(again_key, arg);
	return NULL;
}

static void destructors_run_up_to_the_limit_and_keys_run_out(void)
{
	pthread_key_t k;
	pthread_t t;
	int n = 0, err;

	check_eq(pthread_key_create(&again_key, set_again), 0);
	check_eq(pthread_create(&t, NULL, set_once, &n), 0);
	check_eq(pthread_join(t, NULL), 0);
	check_eq(again_runs, PTHREAD_DESTRUCTOR_ITERATIONS);
	while (!(err = pthread_key_create(&k, NULL)))
		n++;
	check_eq(err, EAGAIN);
	check_eq(n + 1, PTHREAD_KEYS_MAX);
	check_eq(sysconf(_SC_THREAD_KEYS_MAX), PTHREAD_KEYS_MAX);
}

static pthread_once_t once = PTHREAD_ONCE_INIT;
static volatile int inits;

static void init_slowly(void)
{
	inits++;
	for (int i = 0; i < 20; i++)
		sched_yield();
}

static void *call_once(void *arg)
{
	check_eq(pthread_once(&once, init_slowly), 0);
	check_eq(inits, 1);
	return arg;
}

static void once_runs_its_routine_once(void)
{
	pthread_t t[8];

	for (int i = 0; i < 8; i++)
		check_eq(pthread_create(&t[i], NULL, call_once, NULL), 0);
	for (int i = 0; i < 8; i++)
		check_eq(pthread_join(t[i], NULL), 0);
	call_once(NULL);
}

static volatile int woken;

static void *wait_on_cond(void *arg)
{
	check_eq(pthread_mutex_lock(&lock), 0);
	count++;
	check_eq(pthread_cond_wait(&cond, &lock), 0);
	woken++;
	check_eq(pthread_mutex_unlock(&lock), 0);
	return arg;
}

/* Each signal lets exactly one waiter return, broadcast the rest. */
static void signal_wakes_one_broadcast_all(void)
{
	pthread_t t[4];

	for (int i = 0; i < 4; i++)
		check_eq(pthread_create(&t[i], NULL, wait_on_cond, NULL), 0);
	/* Each counts under the mutex, which it gives up only in the queue. */
	wait_for(&count, 4);
	for (int round = 1; round <= 2; round++) {
		check_eq(pthread_mutex_lock(&lock), 0);
		check_eq(pthread_cond_signal(&cond), 0);
		check_eq(pthread_mutex_unlock(&lock), 0);
		wait_for(&woken, round);
		for (int i = 0; i < 100; i++)
			sched_yield();
		check_eq(woken, round);
	}
	check_eq(pthread_cond_destroy(&cond), EBUSY);
	check_eq(pthread_cond_broadcast(&cond), 0);
	for (int i = 0; i < 4; i++)
		check_eq(pthread_join(t[i], NULL), 0);
	check_eq(woken, 4);
	check_eq(pthread_cond_destroy(&cond), 0);
}

static void timedwait_times_out_with_the_mutex_held(void)
{
	pthread_condattr_t ca;
	pthread_cond_t mono;
	struct timespec deadline = in_ms(CLOCK_REALTIME, 20), bad = { 0, 1000000000 };
	clockid_t clock;

	check_eq(pthread_cond_timedwait(&cond, &lock, &deadline), EPERM);
	check_eq(pthread_mutex_lock(&lock), 0);
	check_eq(pthread_cond_timedwait(&cond, &lock, &deadline), ETIMEDOUT);
	check_eq(pthread_mutex_lock(&lock), EDEADLK);
	check_eq(pthread_cond_timedwait(&cond, &lock, &bad), EINVAL);

	check_eq(pthread_condattr_init(&ca), 0);
	check_eq(pthread_condattr_getclock(&ca, &clock), 0);
	check_eq(clock, CLOCK_REALTIME);
	check_eq(pthread_condattr_setclock(&ca, 12345), EINVAL);
	check_eq(pthread_condattr_setclock(&ca, CLOCK_MONOTONIC), 0);
	check_eq(pthread_cond_init(&mono, &ca), 0);
	check_eq(pthread_condattr_destroy(&ca), 0);
	deadline = in_ms(CLOCK_MONOTONIC, 20);
	check_eq(pthread_cond_timedwait(&mono, &lock, &deadline), ETIMEDOUT);
	check_eq(pthread_mutex_unlock(&lock), 0);
	check_eq(pthread_cond_destroy(&mono), 0);
}

static volatile int cleanup_order;

static void note_cleanup(void *arg)
{
	cleanup_order = cleanup_order * 10 + (int)(intptr_t)arg;
}

static void *test_cancel_in_a_loop(void *arg)
{
	(void)arg;
	pthread_cleanup_push(note_cleanup, (void *)1);
	pthread_cleanup_push(note_cleanup, (void *)2);
	flag = 1;
	for (;;)
		pthread_testcancel();
	pthread_cleanup_pop(0);
	pthread_cleanup_pop(0);
	return NULL;
}

/* Starts fn, waits until it sets flag, cancels it (then sends it sig if
 * not 0) and checks that it ended cancelled. */
static void cancel_when_ready(void *(*fn)(void *), void *arg, int sig)
{
	pthread_t t;
	void *result;

	flag = 0;
	check_eq(pthread_create(&t, NULL, fn, arg), 0);
	wait_for(&flag, 1);
	check_eq(pthread_cancel(t), 0);
	if (sig)
		check_eq(pthread_kill(t, sig), 0);
	check_eq(pthread_join(t, &result), 0);
	check(result == PTHREAD_CANCELED);
}

static void cancel_acts_at_testcancel_and_runs_cleanup(void)
{
	int old;

	cancel_when_ready(test_cancel_in_a_loop, NULL, 0);
	check_eq(cleanup_order, 21);
	check_eq(pthread_cancel(123456789), ESRCH);
	check_eq(pthread_setcanceltype(PTHREAD_CANCEL_ASYNCHRONOUS, &old), ENOTSUP);
	check_eq(pthread_setcanceltype(7, &old), EINVAL);
	check_eq(pthread_setcanceltype(PTHREAD_CANCEL_DEFERRED, &old), 0);
	check_eq(old, PTHREAD_CANCEL_DEFERRED);
	check_eq(pthread_setcancelstate(7, &old), EINVAL);
}

static void *disable_then_enable(void *arg)
{
	int old;

	(void)arg;
	check_eq(pthread_setcancelstate(PTHREAD_CANCEL_DISABLE, &old), 0);
	check_eq(old, PTHREAD_CANCEL_ENABLE);
	flag = 1;
	wait_for(&flag, 2);
	pthread_testcancel();
	count = 1;	/* got past it: cancellation was disabled */
	pthread_cleanup_push(note_cleanup, (void *)3);
	pthread_cleanup_pop(1);
	check_eq(pthread_setcancelstate(PTHREAD_CANCEL_ENABLE, &old), 0);
	check_eq(old, PTHREAD_CANCEL_DISABLE);
	pthread_testcancel();
	return NULL;
}

static void a_disabled_cancel_waits_until_enabled(void)
{
	pthread_t t;
	void *result;

	check_eq(pthread_create(&t, NULL, disable_then_enable, NULL), 0);
	wait_for(&flag, 1);
	check_eq(pthread_cancel(t), 0);
	flag = 2;
	check_eq(pthread_join(t, &result), 0);
	check(result == PTHREAD_CANCELED);
	check_eq(count, 1);
	check_eq(cleanup_order, 3);
}

static void unlock_on_cancel(void *arg)
{
	/* The mutex is held again when a cancelled wait's handlers run. */
	check_eq(pthread_mutex_unlock(arg), 0);
	count = 1;
}

static void *wait_forever(void *arg)
{
	check_eq(pthread_mutex_lock(&lock), 0);
	pthread_cleanup_push(unlock_on_cancel, &lock);
	flag = 1;
	for (;;)
		pthread_cond_wait(&cond, &lock);
	pthread_cleanup_pop(0);
	return arg;
}

static void *sem_wait_forever(void *arg)
{
	flag = 1;
	sem_wait(arg);
	return NULL;
}

static void on_usr1(int sig)
{
	(void)sig;
}

static void *pause_forever(void *arg)
{
	(void)arg;
	flag = 1;
	for (;;)
		pause();
	return NULL;
}

/* Waits in a condition variable and a semaphore end at once; pause ends
 * when a handled signal interrupts it. */
static void cancel_reaches_waiting_threads(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };
	sem_t sem;

	cancel_when_ready(wait_forever, NULL, 0);
	check_eq(count, 1);
	check_eq(pthread_cond_destroy(&cond), 0);
	check_eq(pthread_mutex_trylock(&lock), 0);
	check_eq(sem_init(&sem, 0, 0), 0);
	cancel_when_ready(sem_wait_forever, &sem, 0);
	check_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	cancel_when_ready(pause_forever, NULL, SIGUSR1);
}

#define ROUNDS 2000

static void *post_rounds(void *arg)
{
	for (int i = 0; i < ROUNDS; i++) {
		check_eq(sem_post(arg), 0);
		if (i % 64 == 0)
			sched_yield();
	}
	return NULL;
}

static void *wait_rounds(void *arg)
{
	for (int i = 0; i < ROUNDS; i++)
		check_eq(sem_wait(arg), 0);
	return NULL;
}

static void semaphores_count_across_threads(void)
{
	pthread_t t[4];
	sem_t sem;
	int v;

	check_eq(sem_init(&sem, 0, 0), 0);
	for (int i = 0; i < 2; i++) {
		check_eq(pthread_create(&t[i], NULL, wait_rounds, &sem), 0);
		check_eq(pthread_create(&t[i + 2], NULL, post_rounds, &sem), 0);
	}
	for (int i = 0; i < 4; i++)
		check_eq(pthread_join(t[i], NULL), 0);
	check_eq(sem_getvalue(&sem, &v), 0);
	check_eq(v, 0);
	check_eq(sem_destroy(&sem), 0);
}

static void semaphore_errors(void)
{
	struct timespec deadline = in_ms(CLOCK_REALTIME, 20), bad = { 0, -1 };
	sem_t sem;
	int v;

	check_err(sem_init(&sem, 0, (unsigned int)SEM_VALUE_MAX + 1), EINVAL);
	check_eq(sem_init(&sem, 1, 2), 0);
	check_eq(sem_trywait(&sem), 0);
	check_eq(sem_timedwait(&sem, &bad), 0);	/* no wait: the deadline is not read */
	check_err(sem_trywait(&sem), EAGAIN);
	check_err(sem_timedwait(&sem, &bad), EINVAL);
	check_err(sem_timedwait(&sem, &deadline), ETIMEDOUT);
	check_eq(sem_init(&sem, 0, SEM_VALUE_MAX), 0);
	check_err(sem_post(&sem), EOVERFLOW);
	check_eq(sem_getvalue(&sem, &v), 0);
	check_eq(v, SEM_VALUE_MAX);
	check_eq(sysconf(_SC_SEM_VALUE_MAX), SEM_VALUE_MAX);
}

static void cpu_sets_and_signal_names(void)
{
	cpu_set_t set;
	stack_t ss = { .ss_flags = SS_DISABLE };

	CPU_ZERO(&set);
	check_eq(CPU_COUNT(&set), 0);
	CPU_SET(0, &set);
	CPU_SET(63, &set);
	CPU_SET(64, &set);
	CPU_SET(CPU_SETSIZE - 1, &set);
	CPU_SET(CPU_SETSIZE, &set);
	CPU_SET(-1, &set);
	check_eq(CPU_COUNT(&set), 4);
	check(CPU_ISSET(63, &set) && CPU_ISSET(64, &set) && !CPU_ISSET(1, &set));
	check(!CPU_ISSET(CPU_SETSIZE, &set) && !CPU_ISSET(-1, &set));
	CPU_CLR(63, &set);
	check(!CPU_ISSET(63, &set));
	check_eq(CPU_COUNT(&set), 3);
	check_eq(SIGPOLL, SIGIO);
	check(ss.ss_flags == SS_DISABLE && SS_ONSTACK != SS_DISABLE);
	check(SIGSTKSZ >= MINSIGSTKSZ);
}

/* The state getprocs gives task pid. */
static int state_of(pid_t pid)
{
	static struct procentry p[64];
	int n = getprocs(p, 64);

	for (int i = 0; i < n; i++)
		if (p[i].pi_pid == pid)
			return p[i].pi_state;
	return 0;
}

/*
 * Runs fn in a child whose every thread ends up waiting for another, and
 * checks that the child comes to sleep: a thread that yielded between
 * looks would keep it runnable. The wait for it is bounded only so that
 * a failure ends; nothing here measures time.
 */
static void all_threads_come_to_sleep(void (*fn)(void))
{
	pid_t pid = utest_spawn(fn);
	int status, i;

	check(pid > 0);
	for (i = 0; i < 3000 && state_of(pid) != PROC_SLEEPING; i++)
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	check_eq(state_of(pid), PROC_SLEEPING);
	kill(pid, SIGKILL);
	check_eq(waitpid(pid, &status, 0), pid);
	check_killed(status, SIGKILL);
}

static void *lock_it(void *arg)
{
	pthread_mutex_lock(arg);
	return NULL;
}

static void *wait_on_it(void *arg)
{
	pthread_mutex_lock(&lock);
	pthread_cond_wait(arg, &lock);
	return NULL;
}

static void *sem_wait_on_it(void *arg)
{
	sem_wait(arg);
	return NULL;
}

static pthread_once_t held_once = PTHREAD_ONCE_INIT;

static void never(void)
{
}

static void *once_it(void *arg)
{
	(void)arg;
	pthread_once(&held_once, never);
	return NULL;
}

/* Creates a thread running fn(arg) and joins it: both sleep. */
static void join_one(void *(*fn)(void *), void *arg)
{
	pthread_t t;

	check_eq(pthread_create(&t, NULL, fn, arg), 0);
	pthread_join(t, NULL);
}

static void blocked_on_a_mutex(void)
{
	static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;

	pthread_mutex_lock(&m);
	join_one(lock_it, &m);
}

static void blocked_on_a_cond(void)
{
	static pthread_cond_t c = PTHREAD_COND_INITIALIZER;

	join_one(wait_on_it, &c);
}

static void blocked_on_a_semaphore(void)
{
	static sem_t sem;

	sem_init(&sem, 0, 0);
	join_one(sem_wait_on_it, &sem);
}

static void held_in_once(void)
{
	join_one(once_it, NULL);
}

static void blocked_in_once(void)
{
	pthread_once(&held_once, held_in_once);
}

static void waiting_threads_sleep_in_the_kernel(void)
{
	all_threads_come_to_sleep(blocked_on_a_mutex);
	all_threads_come_to_sleep(blocked_on_a_cond);
	all_threads_come_to_sleep(blocked_on_a_semaphore);
	all_threads_come_to_sleep(blocked_in_once);
}

static int word;
static volatile int waits_ended;

static void note_usr1(int sig)
{
	(void)sig;
}

static void *wait_on_word(void *arg)
{
	long r = __syscall(SYS_thread_waitaddr, (long)&word, 0, 0, 0, 0, 0);

	(void)arg;
	__atomic_add_fetch(&waits_ended, 1, __ATOMIC_SEQ_CST);
	return (void *)r;
}

/* Wakes up to n sleepers on word once there is one: how many. */
static long wake_word(int n)
{
	long woken;

	while (!(woken = __syscall(SYS_thread_wakeaddr, (long)&word, n, 0, 0, 0, 0)))
		sched_yield();
	return woken;
}

static void waitaddr_wakes_times_out_and_is_interrupted(void)
{
	struct timespec ms = { 0, 1000000 };
	struct sigaction sa = { .sa_handler = note_usr1 };
	pthread_t a, b;
	void *r;

	/* A word that does not hold the value, and a timeout. */
	check_eq(__syscall(SYS_thread_waitaddr, (long)&word, 1, 0, 0, 0, 0), -EAGAIN);
	check_eq(__syscall(SYS_thread_waitaddr, (long)&word, 0, (long)&ms, 0, 0, 0), -ETIMEDOUT);
	check_eq(__syscall(SYS_thread_wakeaddr, (long)&word, 5, 0, 0, 0, 0), 0);

	/* Two sleepers: a wake of one, then of the rest. */
	check_eq(pthread_create(&a, NULL, wait_on_word, NULL), 0);
	check_eq(pthread_create(&b, NULL, wait_on_word, NULL), 0);
	check_eq(wake_word(1), 1);
	wait_for(&waits_ended, 1);
	check_eq(wake_word(9), 1);
	check_eq(pthread_join(a, &r), 0);
	check(r == NULL);
	check_eq(pthread_join(b, &r), 0);
	check(r == NULL);

	/* A handled signal ends the wait with EINTR. */
	sigaction(SIGUSR1, &sa, NULL);
	check_eq(pthread_create(&a, NULL, wait_on_word, NULL), 0);
	while (waits_ended < 3) {
		pthread_kill(a, SIGUSR1);
		nanosleep(&ms, NULL);
	}
	check_eq(pthread_join(a, &r), 0);
	check_eq((long)r, -EINTR);
}

static void *just_end(void *arg)
{
	(void)arg;
	__atomic_store_n(&flag, 1, __ATOMIC_SEQ_CST);
	return NULL;
}

static unsigned long threads_now(void)
{
	struct kcount k;

	check_eq(kcount(&k, sizeof(k)), 0);
	return k.threads;
}

static void the_kernel_frees_a_detached_thread_when_it_ends(void)
{
	pthread_attr_t a;
	pthread_t t;
	unsigned long before = threads_now();
	int i;

	pthread_attr_init(&a);
	pthread_attr_setdetachstate(&a, PTHREAD_CREATE_DETACHED);
	check_eq(pthread_create(&t, &a, just_end, NULL), 0);
	wait_for(&flag, 1);
	/* Bounded only so that a failure ends. */
	for (i = 0; i < 3000 && threads_now() != before; i++)
		nanosleep(&(struct timespec){ 0, 10000000 }, NULL);
	check_eq(threads_now(), before);
	check_eq(pthread_join(t, NULL), ESRCH);
}

static const struct utest cases[] = {
	UTEST(waiting_threads_sleep_in_the_kernel),
	UTEST(waitaddr_wakes_times_out_and_is_interrupted),
	UTEST(the_kernel_frees_a_detached_thread_when_it_ends),
	UTEST(attributes_keep_what_vrm_can_do),
	UTEST(a_thread_runs_on_the_stack_it_is_given),
	UTEST(detached_threads_cannot_be_joined),
	UTEST(ended_detached_threads_are_reaped),
	UTEST(keys_are_per_thread_with_destructors),
	UTEST(destructors_run_up_to_the_limit_and_keys_run_out),
	UTEST(once_runs_its_routine_once),
	UTEST(signal_wakes_one_broadcast_all),
	UTEST(timedwait_times_out_with_the_mutex_held),
	UTEST(cancel_acts_at_testcancel_and_runs_cleanup),
	UTEST(a_disabled_cancel_waits_until_enabled),
	UTEST(cancel_reaches_waiting_threads),
	UTEST(semaphores_count_across_threads),
	UTEST(semaphore_errors),
	UTEST(cpu_sets_and_signal_names),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
