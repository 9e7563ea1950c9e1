/* SPDX-License-Identifier: MIT */
/* Signals: AIX's numbers, POSIX sigaction, sets and masks. */
#ifndef _SIGNAL_H
#define _SIGNAL_H

#include <uapi/signal.h>
#include <uapi/time.h>

typedef void (*sighandler_t)(int);
/* What a handler may store to and main code read without tearing. */
typedef int sig_atomic_t;

/*
 * The handler returns to act->sa_restorer, which this function sets to
 * the SDK's own (it calls SYS_sigreturn); whatever the caller put there
 * is ignored. SIGKILL and SIGSTOP cannot be caught (EINVAL).
 */
int sigaction(int sig, const struct sigaction *restrict act,
	      struct sigaction *restrict old);
/* BSD semantics: the handler stays installed, interrupted calls restart
 * (SA_RESTART). Returns the previous handler, or SIG_ERR. */
sighandler_t signal(int sig, sighandler_t handler);

int sigprocmask(int how, const sigset_t *restrict set, sigset_t *restrict old);
/* Waits with *mask in force until a handler has run; returns -1, EINTR. */
int sigsuspend(const sigset_t *mask);
/* The pending signals the thread blocks. */
int sigpending(sigset_t *set);
/*
 * Take a pending signal of set (which should be blocked) without running
 * its handler, waiting for one: sigwaitinfo and sigtimedwait return it
 * (-1 and EAGAIN when timeout passes, EINTR when a handler for another
 * signal ran), sigwait stores it and returns 0 or an error number.
 */
int sigwait(const sigset_t *restrict set, int *restrict sig);
int sigwaitinfo(const sigset_t *restrict set, siginfo_t *restrict info);
int sigtimedwait(const sigset_t *restrict set, siginfo_t *restrict info,
		 const struct timespec *restrict timeout);
/*
 * The calling thread's alternate stack for handlers installed with
 * SA_ONSTACK (fork keeps it, exec drops it): EINVAL for flags other than
 * SS_DISABLE, ENOMEM below MINSIGSTKSZ, EPERM while running on it.
 */
int sigaltstack(const stack_t *restrict ss, stack_t *restrict old);
int kill(pid_t pid, int sig);
int raise(int sig);

/* Signal n is member n - 1 of a set; sig outside 1..SIGMAX gives EINVAL. */
int sigemptyset(sigset_t *set);
int sigfillset(sigset_t *set);
int sigaddset(sigset_t *set, int sig);
int sigdelset(sigset_t *set, int sig);
int sigismember(const sigset_t *set, int sig);

/*
 * Names without "SIG" ("SEGV", "RECONFIG"), as in POSIX 2024: sig2str
 * writes one (or the number in decimal) into str, str2sig reads a name
 * (with or without "SIG") or a number. Both return 0, or -1 for no valid
 * signal.
 */
#define SIG2STR_MAX	16
int sig2str(int sig, char *str);
int str2sig(const char *restrict str, int *restrict sig);

#endif /* _SIGNAL_H */
