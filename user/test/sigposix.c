/* SPDX-License-Identifier: MIT */
/* POSIX signal calls beyond the basics: the alternate stack, sigpending and the sigwait family, SA_NOCLDWAIT, a nanosleep across a stop. */

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <stdint.h>
#include <sys/procinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

static char alt[SIGSTKSZ] __attribute__((aligned(16)));
static volatile uintptr_t usr1_local, usr2_local;
static volatile int usr1_flags, usr2_flags, usr1_count, usr2_count;
static volatile int eperm_errno, disable_errno;

static bool on_alt(uintptr_t addr)
{
	return addr >= (uintptr_t)alt && addr < (uintptr_t)alt + sizeof(alt);
}

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	check_eq(sigaction(sig, &sa, NULL), 0);
}

static sigset_t just(int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	return set;
}

static void block(int sig)
{
	sigset_t set = just(sig);

	check_eq(sigprocmask(SIG_BLOCK, &set, NULL), 0);
}

static void set_alt(void)
{
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt) };

	check_eq(sigaltstack(&ss, NULL), 0);
}

static void on_usr2(int sig)
{
	volatile char here;
	stack_t cur;

	(void)sig;
	usr2_count++;
	usr2_local = (uintptr_t)&here;
	sigaltstack(NULL, &cur);
	usr2_flags = cur.ss_flags;
}

static void on_usr1(int sig)
{
	volatile char here;
	stack_t cur, other = { .ss_sp = alt, .ss_size = sizeof(alt) };

	(void)sig;
	usr1_count++;
	usr1_local = (uintptr_t)&here;
	sigaltstack(NULL, &cur);
	usr1_flags = cur.ss_flags;
	if (sigaltstack(&other, NULL) < 0)
		eperm_errno = errno;
	other.ss_flags = SS_DISABLE;
	if (sigaltstack(&other, NULL) < 0)
		disable_errno = errno;
	raise(SIGUSR2);
}

static void handler_runs_on_the_alternate_stack(void)
{
	volatile char here;
	stack_t cur;

	set_alt();
	handle(SIGUSR1, on_usr1, SA_ONSTACK);
	handle(SIGUSR2, on_usr2, SA_ONSTACK);
	check_eq(raise(SIGUSR1), 0);
	check_eq(usr1_count, 1);
	check(on_alt(usr1_local));
	check_eq(usr1_flags, SS_ONSTACK);
	/* Nested: the second handler goes on below the first, same stack. */
	check_eq(usr2_count, 1);
	check(on_alt(usr2_local));
	check(usr2_local < usr1_local);
	check_eq(usr2_flags, SS_ONSTACK);
	/* Changing or disabling it while on it is refused. */
	check_eq(eperm_errno, EPERM);
	check_eq(disable_errno, EPERM);
	/* Back on the main stack. */
	check(!on_alt((uintptr_t)&here));
	check_eq(sigaltstack(NULL, &cur), 0);
	check_eq(cur.ss_flags, 0);
	check(cur.ss_sp == alt && cur.ss_size == sizeof(alt));
}

static void without_sa_onstack_the_handler_stays_on_the_stack(void)
{
	set_alt();
	handle(SIGUSR2, on_usr2, 0);
	check_eq(raise(SIGUSR2), 0);
	check_eq(usr2_count, 1);
	check(!on_alt(usr2_local));
	check_eq(usr2_flags, 0);
}

static void sigaltstack_refuses_bad_arguments(void)
{
	stack_t ss = { .ss_sp = alt, .ss_size = sizeof(alt), .ss_flags = SS_ONSTACK };
	stack_t cur;

	check_eq(sigaltstack(NULL, &cur), 0);
	check_eq(cur.ss_flags, SS_DISABLE);
	check_err(sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = 0x40;
	check_err(sigaltstack(&ss, NULL), EINVAL);
	ss.ss_flags = 0;
	ss.ss_size = MINSIGSTKSZ - 1;
	check_err(sigaltstack(&ss, NULL), ENOMEM);
	check_eq(sigaltstack(NULL, &cur), 0);
	check_eq(cur.ss_flags, SS_DISABLE);
	ss.ss_size = MINSIGSTKSZ;
	check_eq(sigaltstack(&ss, &cur), 0);
	check_eq(cur.ss_flags, SS_DISABLE);
	/* A small size is no matter once disabled. */
	ss = (stack_t){ .ss_flags = SS_DISABLE };
	check_eq(sigaltstack(&ss, &cur), 0);
	check(cur.ss_sp == alt && cur.ss_size == MINSIGSTKSZ && cur.ss_flags == 0);
	check_eq(sigaltstack(NULL, &cur), 0);
	check_eq(cur.ss_flags, SS_DISABLE);
}

static void *query_thread(void *arg)
{
	stack_t cur;

	(void)arg;
	if (sigaltstack(NULL, &cur) < 0)
		return (void *)-1l;
	return (void *)(long)cur.ss_flags;
}

static void in_fork_child(void)
{
	stack_t cur;

	check_eq(sigaltstack(NULL, &cur), 0);
	check(cur.ss_sp == alt && cur.ss_size == sizeof(alt) && cur.ss_flags == 0);
	check_eq(raise(SIGUSR2), 0);
	check(on_alt(usr2_local));
}

static void the_alternate_stack_is_per_thread_and_kept_by_fork(void)
{
	pthread_t th;
	void *flags;

	set_alt();
	handle(SIGUSR2, on_usr2, SA_ONSTACK);
	check_eq(pthread_create(&th, NULL, query_thread, NULL), 0);
	check_eq(pthread_join(th, &flags), 0);
	check_eq((long)flags, SS_DISABLE);
	check_exited(utest_in_child(in_fork_child), 0);
}

static void sigpending_lists_blocked_pending_signals(void)
{
	sigset_t set;

	block(SIGUSR1);
	block(SIGUSR2);
	check_eq(sigpending(&set), 0);
	check_eq(sigismember(&set, SIGUSR1), 0);
	check_eq(raise(SIGUSR1), 0);
	check_eq(sigpending(&set), 0);
	check_eq(sigismember(&set, SIGUSR1), 1);
	check_eq(sigismember(&set, SIGUSR2), 0);
	check_err(sigpending(NULL), EFAULT);
}

static void on_count(int sig)
{
	if (sig == SIGUSR1)
		usr1_count++;
	else
		usr2_count++;
}

static void sigwait_takes_a_pending_signal_of_the_set(void)
{
	sigset_t set, pending;
	int sig = 0;

	handle(SIGUSR1, on_count, 0);
	handle(SIGUSR2, on_count, 0);
	block(SIGUSR1);
	block(SIGUSR2);
	check_eq(raise(SIGUSR1), 0);
	check_eq(raise(SIGUSR2), 0);
	set = just(SIGUSR2);
	check_eq(sigwait(&set, &sig), 0);
	check_eq(sig, SIGUSR2);
	check_eq(sigpending(&pending), 0);
	check_eq(sigismember(&pending, SIGUSR1), 1);
	check_eq(sigismember(&pending, SIGUSR2), 0);
	sigaddset(&set, SIGUSR1);
	check_eq(sigwait(&set, &sig), 0);
	check_eq(sig, SIGUSR1);
	check_eq(usr1_count + usr2_count, 0);
}

static void sigwaitinfo_fills_in_the_info(void)
{
	sigset_t set = just(SIGUSR1);
	siginfo_t info = { 0 };

	block(SIGUSR1);
	check_eq(raise(SIGUSR1), 0);
	check_eq(sigwaitinfo(&set, &info), SIGUSR1);
	check_eq(info.si_signo, SIGUSR1);
	check_eq(info.si_code, SI_USER);
	check_eq(info.si_pid, getpid());
	check_eq(info.si_uid, getuid());
}

static long ns_since(const struct timespec *a)
{
	struct timespec b;

	clock_gettime(CLOCK_MONOTONIC, &b);
	return (b.tv_sec - a->tv_sec) * 1000000000l + (b.tv_nsec - a->tv_nsec);
}

static void sigtimedwait_times_out(void)
{
	sigset_t set = just(SIGUSR1);
	struct timespec zero = { 0, 0 }, wait = { 0, 50000000 }, start;
	struct timespec bad = { 0, 1000000000 }, negative = { -1, 0 };

	block(SIGUSR1);
	check_err(sigtimedwait(&set, NULL, &zero), EAGAIN);
	clock_gettime(CLOCK_MONOTONIC, &start);
	check_err(sigtimedwait(&set, NULL, &wait), EAGAIN);
	/* Not before the time asked for. */
	check(ns_since(&start) >= 50000000);
	check_err(sigtimedwait(&set, NULL, &bad), EINVAL);
	check_err(sigtimedwait(&set, NULL, &negative), EINVAL);
}

static pid_t waiter;

static void send_usr1_when_asleep(void)
{
	check(utest_wait_sleeping(waiter));
	check_eq(kill(waiter, SIGUSR1), 0);
}

static void send_usr2_when_asleep(void)
{
	check(utest_wait_sleeping(waiter));
	check_eq(kill(waiter, SIGUSR2), 0);
}

static void sigtimedwait_wakes_for_a_signal_of_the_set(void)
{
	sigset_t set = just(SIGUSR1);
	struct timespec wait = { 10, 0 };
	siginfo_t info = { 0 };
	pid_t child;
	int status;

	block(SIGUSR1);
	waiter = getpid();
	child = utest_spawn(send_usr1_when_asleep);
	check(child > 0);
	check_eq(sigtimedwait(&set, &info, &wait), SIGUSR1);
	check_eq(info.si_pid, child);
	check_eq(waitpid(child, &status, 0), child);
	check_exited(status, 0);
}

static void a_handled_signal_interrupts_sigtimedwait(void)
{
	sigset_t set = just(SIGUSR1);
	struct timespec wait = { 10, 0 };
	pid_t child;
	int status;

	block(SIGUSR1);
	handle(SIGUSR2, on_count, SA_RESTART);
	waiter = getpid();
	child = utest_spawn(send_usr2_when_asleep);
	check(child > 0);
	check_err(sigtimedwait(&set, NULL, &wait), EINTR);
	check_eq(usr2_count, 1);
	check_eq(waitpid(child, &status, 0), child);
	check_exited(status, 0);
}

static void exit_soon(void)
{
	struct timespec t = { 0, 100000000 };

	nanosleep(&t, NULL);
}

/* No task left whose parent is this one. */
static bool no_children_listed(void)
{
	struct procentry procs[64];
	int n = getprocs(procs, 64);

	for (int i = 0; i < n; i++)
		if (procs[i].pi_ppid == getpid())
			return false;
	return n > 0;
}

static void wait_fails_when_children_leave_no_zombie(int flags, void (*action)(int))
{
	struct sigaction sa = { .sa_handler = action, .sa_flags = flags };
	pid_t a, b;
	int status;

	sigemptyset(&sa.sa_mask);
	check_eq(sigaction(SIGCHLD, &sa, NULL), 0);
	a = utest_spawn(exit_soon);
	b = utest_spawn(exit_soon);
	check(a > 0 && b > 0);
	/* Waits until both are gone, then has nothing to report. */
	check_err(wait(&status), ECHILD);
	check_err(kill(a, 0), ESRCH);
	check_err(kill(b, 0), ESRCH);
	check(no_children_listed());
}

static void sa_nocldwait_leaves_no_zombie(void)
{
	wait_fails_when_children_leave_no_zombie(SA_NOCLDWAIT, SIG_DFL);
}

static void sigchld_ignored_leaves_no_zombie(void)
{
	wait_fails_when_children_leave_no_zombie(0, SIG_IGN);
}

#define SLEEP_NS	600000000l	/* the sleeper's request */
#define STOPPED_NS	300000000l	/* how long it is held stopped */

static void sleep_and_report(void)
{
	struct timespec req = { 0, SLEEP_NS }, start;

	clock_gettime(CLOCK_MONOTONIC, &start);
	check_eq(nanosleep(&req, NULL), 0);
	check(ns_since(&start) >= SLEEP_NS);
}

static volatile long rem_ns, slept_ns;

static void sleep_until_interrupted(void)
{
	struct timespec req = { 0, SLEEP_NS + STOPPED_NS }, rem, start;

	handle(SIGUSR1, on_count, SA_RESTART);
	clock_gettime(CLOCK_MONOTONIC, &start);
	check_err(nanosleep(&req, &rem), EINTR);
	slept_ns = ns_since(&start);
	rem_ns = rem.tv_sec * 1000000000l + rem.tv_nsec;
	check_eq(usr1_count, 1);
	/* rem counts from the first call's deadline, not from the restart:
	 * slept and left add up to the request, give or take the time the
	 * calls took, far less than the stop. */
	check(rem_ns > 0 && rem_ns <= SLEEP_NS + STOPPED_NS);
	check(slept_ns + rem_ns < SLEEP_NS + STOPPED_NS + STOPPED_NS / 2);
}

/* Stops pid once it sleeps, holds it stopped, continues it. */
static void stop_and_continue(pid_t pid)
{
	struct timespec held = { 0, STOPPED_NS };
	int status;

	check(utest_wait_sleeping(pid));
	check_eq(kill(pid, SIGSTOP), 0);
	check_eq(waitpid(pid, &status, WUNTRACED), pid);
	check(WIFSTOPPED(status));
	nanosleep(&held, NULL);
	check_eq(kill(pid, SIGCONT), 0);
}

static void nanosleep_goes_on_across_stop_and_continue(void)
{
	pid_t child = utest_spawn(sleep_and_report);
	int status;

	check(child > 0);
	stop_and_continue(child);
	check_eq(waitpid(child, &status, 0), child);
	check_exited(status, 0);
}

static void nanosleep_rem_counts_from_the_first_deadline(void)
{
	struct timespec settle = { 0, 100000000 };
	pid_t child = utest_spawn(sleep_until_interrupted);
	int status;

	check(child > 0);
	stop_and_continue(child);
	/* Back in its sleep, continued, when the handled signal comes. */
	nanosleep(&settle, NULL);
	check(utest_wait_sleeping(child));
	check_eq(kill(child, SIGUSR1), 0);
	check_eq(waitpid(child, &status, 0), child);
	check_exited(status, 0);
}

static void raise_sigpoll(void)
{
	raise(SIGPOLL);
}

static void sigpoll_ends_the_task_by_default(void)
{
	check_killed(utest_in_child(raise_sigpoll), SIGPOLL);
}

static const struct utest cases[] = {
	UTEST(handler_runs_on_the_alternate_stack),
	UTEST(without_sa_onstack_the_handler_stays_on_the_stack),
	UTEST(sigaltstack_refuses_bad_arguments),
	UTEST(the_alternate_stack_is_per_thread_and_kept_by_fork),
	UTEST(sigpending_lists_blocked_pending_signals),
	UTEST(sigwait_takes_a_pending_signal_of_the_set),
	UTEST(sigwaitinfo_fills_in_the_info),
	UTEST(sigtimedwait_times_out),
	UTEST(sigtimedwait_wakes_for_a_signal_of_the_set),
	UTEST(a_handled_signal_interrupts_sigtimedwait),
	UTEST(sa_nocldwait_leaves_no_zombie),
	UTEST(sigchld_ignored_leaves_no_zombie),
	UTEST(nanosleep_goes_on_across_stop_and_continue),
	UTEST(nanosleep_rem_counts_from_the_first_deadline),
	UTEST(sigpoll_ends_the_task_by_default),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
