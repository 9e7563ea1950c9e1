/* SPDX-License-Identifier: MIT */
/* Signal tests: handlers, siginfo, masks, pending signals, default actions, stop and continue. */

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* What the handlers saw. A case runs in a process of its own, so the
 * record starts empty in each. */
static volatile int count[NSIG];
static volatile int depth, max_depth;
static volatile char order[16];
static volatile int order_len;
static siginfo_t last_info;
static sigset_t context_mask;
static volatile bool had_context, usr1_blocked_inside;

static void note(char c)
{
	if (order_len < (int)sizeof(order) - 1)
		order[order_len++] = c;
}

static void on_signal(int sig)
{
	count[sig]++;
}

static void on_info(int sig, siginfo_t *si, void *uc)
{
	count[sig]++;
	last_info = *si;
	had_context = uc != NULL;
	if (uc)
		context_mask = ((ucontext_t *)uc)->uc_sigmask;
}

static void handle(int sig, void (*fn)(int), int flags)
{
	struct sigaction sa = { .sa_handler = fn, .sa_flags = flags };

	sigemptyset(&sa.sa_mask);
	check_eq(sigaction(sig, &sa, NULL), 0);
}

static void handle_info(int sig)
{
	struct sigaction sa = { .sa_sigaction = on_info, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	check_eq(sigaction(sig, &sa, NULL), 0);
}

static void block(int how, int sig)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, sig);
	check_eq(sigprocmask(how, &set, NULL), 0);
}

static bool blocked(int sig)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	return sigismember(&now, sig) == 1;
}

static void handlers_run(void)
{
	handle(SIGUSR1, on_signal, 0);
	check_eq(raise(SIGUSR1), 0);
	check_eq(count[SIGUSR1], 1);
	check(signal(SIGRECONFIG, on_signal) == SIG_DFL);
	check_eq(kill(getpid(), SIGRECONFIG), 0);
	check_eq(count[SIGRECONFIG], 1);
	check(signal(SIGRECONFIG, SIG_DFL) == on_signal);
}

static void siginfo_from_kill(void)
{
	sigset_t old;
	pid_t pid;

	handle_info(SIGUSR2);
	check_eq(kill(getpid(), SIGUSR2), 0);
	check_eq(count[SIGUSR2], 1);
	check_eq(last_info.si_signo, SIGUSR2);
	check_eq(last_info.si_code, SI_USER);
	check_eq(last_info.si_pid, getpid());
	check_eq(last_info.si_uid, getuid());
	check(had_context);
	check(!sigismember(&context_mask, SIGUSR2));

	/* From another task: the handler names the sender. */
	block(SIG_BLOCK, SIGUSR2);
	sigprocmask(SIG_BLOCK, NULL, &old);
	sigdelset(&old, SIGUSR2);
	pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR2);
		_exit(0);
	}
	check(pid > 0);
	check_err(sigsuspend(&old), EINTR);
	check_eq(count[SIGUSR2], 2);
	check_eq(last_info.si_pid, pid);
	check_eq(last_info.si_code, SI_USER);
	check_eq(waitpid(pid, NULL, 0), pid);
}

static void blocked_signal_waits(void)
{
	handle(SIGUSR1, on_signal, 0);
	block(SIG_BLOCK, SIGUSR1);
	raise(SIGUSR1);
	raise(SIGUSR1);
	check_eq(count[SIGUSR1], 0);
	block(SIG_UNBLOCK, SIGUSR1);
	check_eq(count[SIGUSR1], 1);
	check(!blocked(SIGUSR1));
}

static void sigsuspend_waits(void)
{
	sigset_t wait_mask;
	pid_t pid;

	handle(SIGUSR1, on_signal, 0);
	block(SIG_BLOCK, SIGUSR1);
	sigemptyset(&wait_mask);
	pid = fork();
	if (pid == 0) {
		kill(getppid(), SIGUSR1);
		_exit(0);
	}
	check(pid > 0);
	check_err(sigsuspend(&wait_mask), EINTR);
	check_eq(count[SIGUSR1], 1);
	check(blocked(SIGUSR1));
	check_eq(waitpid(pid, NULL, 0), pid);
}

static void pause_child(void)
{
	int r = pause();

	exit(r == -1 && errno == EINTR && count[SIGUSR1] == 1 ? 3 : 4);
}

static void pause_returns_after_a_handler(void)
{
	pid_t pid;
	int status;

	handle(SIGUSR1, on_signal, 0);
	pid = fork();
	if (pid == 0)
		pause_child();
	check(pid > 0);
	check(utest_wait_sleeping(pid));
	check_eq(kill(pid, SIGUSR1), 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 3);
}

static void on_usr1_nesting(int sig)
{
	(void)sig;
	note('(');
	raise(SIGUSR2);
	note(')');
}

static void on_usr2_note(int sig)
{
	(void)sig;
	note('2');
}

static void nested_handlers(void)
{
	handle(SIGUSR1, on_usr1_nesting, 0);
	handle(SIGUSR2, on_usr2_note, 0);
	raise(SIGUSR1);
	check(strcmp((const char *)order, "(2)") == 0);
}

static void sa_mask_defers(void)
{
	struct sigaction sa = { .sa_handler = on_usr1_nesting };

	sigemptyset(&sa.sa_mask);
	sigaddset(&sa.sa_mask, SIGUSR2);
	check_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	handle(SIGUSR2, on_usr2_note, 0);
	raise(SIGUSR1);
	check(strcmp((const char *)order, "()2") == 0);
	check(!blocked(SIGUSR2));
}

static void on_usr1_again(int sig)
{
	depth++;
	if (depth > max_depth)
		max_depth = depth;
	usr1_blocked_inside = blocked(SIGUSR1);
	if (count[sig]++ == 0)
		raise(SIGUSR1);
	depth--;
}

static void own_signal_masked_in_handler(void)
{
	handle(SIGUSR1, on_usr1_again, 0);
	raise(SIGUSR1);
	check_eq(count[SIGUSR1], 2);
	check_eq(max_depth, 1);
	check(usr1_blocked_inside);
	check(!blocked(SIGUSR1));
}

static void sa_nodefer_nests(void)
{
	handle(SIGUSR1, on_usr1_again, SA_NODEFER);
	raise(SIGUSR1);
	check_eq(count[SIGUSR1], 2);
	check_eq(max_depth, 2);
}

static void raise_usr1_again(void)
{
	raise(SIGUSR1);
	exit(5);
}

static void sa_resethand(void)
{
	struct sigaction old;

	handle(SIGUSR1, on_signal, SA_RESETHAND);
	raise(SIGUSR1);
	check_eq(count[SIGUSR1], 1);
	check_eq(sigaction(SIGUSR1, NULL, &old), 0);
	check(old.sa_handler == SIG_DFL);
	check_killed(utest_in_child(raise_usr1_again), SIGUSR1);
}

static void raise_term(void)
{
	raise(SIGTERM);
}

static void segfault(void)
{
	*(volatile int *)0 = 1;
}

static void ignored_by_default(void)
{
	raise(SIGCHLD);
	raise(SIGRECONFIG);
	exit(7);
}

static void default_actions(void)
{
	int status = utest_in_child(raise_term);

	check_killed(status, SIGTERM);
	check(!WCOREDUMP(status));
	status = utest_in_child(segfault);
	check_killed(status, SIGSEGV);
	check(WCOREDUMP(status));
	check_exited(utest_in_child(ignored_by_default), 7);
}

static void wait_forever(void)
{
	for (;;)
		pause();
}

static void sigstop_and_sigcont(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		wait_forever();
	check(pid > 0);
	check_eq(kill(pid, SIGSTOP), 0);
	check_eq(waitpid(pid, &status, WUNTRACED), pid);
	check(WIFSTOPPED(status));
	check_eq(WSTOPSIG(status), SIGSTOP);
	check_eq(kill(pid, SIGCONT), 0);
	check_eq(waitpid(pid, &status, WCONTINUED), pid);
	check(WIFCONTINUED(status));
	check_eq(kill(pid, SIGKILL), 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_killed(status, SIGKILL);
}

static void sigkill_and_sigstop_cannot_be_caught(void)
{
	struct sigaction sa = { .sa_handler = on_signal };
	sigset_t all, now;

	sigemptyset(&sa.sa_mask);
	check_err(sigaction(SIGKILL, &sa, NULL), EINVAL);
	check_err(sigaction(SIGSTOP, &sa, NULL), EINVAL);
	check(signal(SIGKILL, SIG_IGN) == SIG_ERR && errno == EINVAL);
	check_err(sigaction(0, &sa, NULL), EINVAL);
	check_err(sigaction(NSIG, &sa, NULL), EINVAL);
	sigfillset(&all);
	check_eq(sigprocmask(SIG_SETMASK, &all, NULL), 0);
	check_eq(sigprocmask(SIG_SETMASK, NULL, &now), 0);
	check(!sigismember(&now, SIGKILL) && !sigismember(&now, SIGSTOP));
	check(sigismember(&now, SIGUSR1));
	check_err(sigprocmask(99, &all, NULL), EINVAL);
}

static void kill_errors(void)
{
	check_err(kill(999999, SIGTERM), ESRCH);
	check_err(kill(getpid(), NSIG), EINVAL);
	check_err(kill(getpid(), -1), EINVAL);
	check_eq(kill(getpid(), 0), 0);
}

/*
 * SA_RESTART, made deterministic: the parent blocks in waitpid for a
 * child that never ends by itself; a second child sends SIGUSR1 only once
 * the parent is seen sleeping there, then ends the first. Without
 * SA_RESTART waitpid must fail with EINTR; with it, waitpid goes on and
 * returns the first child, killed by the second.
 */
static void interrupt_parent(pid_t sleeper, bool end_sleeper)
{
	if (!utest_wait_sleeping(getppid()))
		_exit(1);
	kill(getppid(), SIGUSR1);
	if (end_sleeper) {
		/* Give the parent time to take the signal and go back to sleep;
		 * the result is the same if it has not yet. */
		usleep(100000);
		kill(sleeper, SIGKILL);
	}
	_exit(0);
}

static int interrupted_waitpid(int flags, pid_t *sleeper)
{
	pid_t interrupter;
	int status, r;

	handle(SIGUSR1, on_signal, flags);
	*sleeper = fork();
	if (*sleeper == 0)
		wait_forever();
	interrupter = fork();
	if (interrupter == 0)
		interrupt_parent(*sleeper, flags & SA_RESTART);
	check(*sleeper > 0 && interrupter > 0);
	r = waitpid(*sleeper, &status, 0);
	if (r < 0 && errno == EINTR)
		r = -EINTR;
	else if (r == *sleeper)
		check_killed(status, SIGKILL);
	check_eq(waitpid(interrupter, &status, 0), interrupter);
	check_exited(status, 0);
	check_eq(count[SIGUSR1], 1);
	return r;
}

static void waitpid_interrupted_without_sa_restart(void)
{
	pid_t sleeper;
	int status;

	check_eq(interrupted_waitpid(0, &sleeper), -EINTR);
	kill(sleeper, SIGKILL);
	check_eq(waitpid(sleeper, &status, 0), sleeper);
}

static void waitpid_restarted_with_sa_restart(void)
{
	pid_t sleeper;
	int r = interrupted_waitpid(SA_RESTART, &sleeper);

	check_eq(r, sleeper);
}

static const struct utest cases[] = {
	UTEST(handlers_run),
	UTEST(siginfo_from_kill),
	UTEST(blocked_signal_waits),
	UTEST(sigsuspend_waits),
	UTEST(pause_returns_after_a_handler),
	UTEST(nested_handlers),
	UTEST(sa_mask_defers),
	UTEST(own_signal_masked_in_handler),
	UTEST(sa_nodefer_nests),
	UTEST(sa_resethand),
	UTEST(default_actions),
	UTEST(sigstop_and_sigcont),
	UTEST(sigkill_and_sigstop_cannot_be_caught),
	UTEST(kill_errors),
	UTEST(waitpid_interrupted_without_sa_restart),
	UTEST(waitpid_restarted_with_sa_restart),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
