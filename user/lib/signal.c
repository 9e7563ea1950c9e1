/* SPDX-License-Identifier: MIT */
/* Signal calls: sigaction with the SDK's restorer, masks, the alternate stack, waiting, sending. */

#include <signal.h>
#include <stdlib.h>
#include <unistd.h>

#include "sys.h"

/* sigreturn.S: `li r0, SYS_sigreturn; sc`. */
void __sigreturn(void);

int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict old)
{
	struct sigaction k;

	if (act) {
		k = *act;
		k.sa_restorer = __sigreturn;
	}
	return sys3(SYS_sigaction, sig, act ? &k : NULL, old);
}

sighandler_t signal(int sig, sighandler_t handler)
{
	struct sigaction act = { .sa_handler = handler, .sa_flags = SA_RESTART };
	struct sigaction old;

	sigemptyset(&act.sa_mask);
	if (sigaction(sig, &act, &old) < 0)
		return SIG_ERR;
	return old.sa_handler;
}

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old)
{
	return sys3(SYS_sigprocmask, how, set, old);
}

int sigsuspend(const sigset_t *mask)
{
	pthread_testcancel();
	return cancel_point_end(sys1(SYS_sigsuspend, mask));
}

int sigaltstack(const stack_t *restrict ss, stack_t *restrict old)
{
	return sys2(SYS_sigaltstack, ss, old);
}

int sigpending(sigset_t *set)
{
	return sys1(SYS_sigpending, set);
}

int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout)
{
	pthread_testcancel();
	return cancel_point_end(sys3(SYS_sigtimedwait, set, info, timeout));
}

int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info)
{
	return sigtimedwait(set, info, NULL);
}

int sigwait(const sigset_t *restrict set, int *restrict sig)
{
	int got;

	/* POSIX: no EINTR; a handler that ran does not end the wait. */
	while ((got = sigwaitinfo(set, NULL)) < 0)
		if (errno != EINTR)
			return errno;
	*sig = got;
	return 0;
}

int raise(int sig)
{
	return kill(getpid(), sig);
}

int pause(void)
{
	sigset_t now;

	sigprocmask(SIG_BLOCK, NULL, &now);
	return sigsuspend(&now);
}

void abort(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGABRT);
	sigprocmask(SIG_UNBLOCK, &set, NULL);
	raise(SIGABRT);
	/* A handler returned: the default action must happen all the same. */
	signal(SIGABRT, SIG_DFL);
	raise(SIGABRT);
	_exit(127);
}
