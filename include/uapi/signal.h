/* SPDX-License-Identifier: MIT */
/*
 * Signals: AIX's numbers (so SIGRECONFIG is 58 as on AIX), POSIX
 * sigaction with SA_SIGINFO and SA_RESTART, and the frame a handler sees.
 */
#ifndef _UAPI_SIGNAL_H
#define _UAPI_SIGNAL_H

#include <uapi/sys/types.h>

#define SIGHUP		1
#define SIGINT		2
#define SIGQUIT		3	/* to init: sync and re-IPL */
#define SIGILL		4
#define SIGTRAP		5
#define SIGABRT		6
#define SIGEMT		7
#define SIGFPE		8
#define SIGKILL		9
#define SIGBUS		10
#define SIGSEGV		11
#define SIGSYS		12
#define SIGPIPE		13
#define SIGALRM		14
#define SIGTERM		15
#define SIGURG		16
#define SIGSTOP		17
#define SIGTSTP		18
#define SIGCONT		19
#define SIGCHLD		20
#define SIGTTIN		21
#define SIGTTOU		22
#define SIGIO		23
#define SIGPOLL		SIGIO	/* AIX's other name for it; ends the task
				   by default, as POSIX says of SIGPOLL */
#define SIGXCPU		24
#define SIGXFSZ		25
#define SIGMSG		27
#define SIGWINCH	28
#define SIGPWR		29
#define SIGUSR1		30
#define SIGUSR2		31
#define SIGPROF		32
#define SIGDANGER	33
#define SIGVTALRM	34
#define SIGMIGRATE	35
#define SIGPRE		36
#define SIGVIRT		37
#define SIGTALRM	38
#define SIGWAITING	39
#define SIGRECONFIG	58	/* DLPAR: check, pre and post phases; default ignore */
#define SIGCPUFAIL	59
#define SIGKAP		60
#define SIGRETRACT	61
#define SIGSOUND	62
#define SIGSAK		63
#define SIGMAX		63
#define NSIG		64

/* A set holds signal n at bit n - 1. */
typedef struct {
	unsigned long bits;
} sigset_t;

#define SIG_BLOCK	0
#define SIG_UNBLOCK	1
#define SIG_SETMASK	2

#define SIG_DFL		((void (*)(int))0)
#define SIG_IGN		((void (*)(int))1)
#define SIG_ERR		((void (*)(int))-1)

#define SA_ONSTACK	0x0001
#define SA_RESETHAND	0x0002
#define SA_NOCLDSTOP	0x0004
#define SA_RESTART	0x0008
#define SA_SIGINFO	0x0100
#define SA_NODEFER	0x0200
#define SA_NOCLDWAIT	0x0400

union sigval {
	int sival_int;
	void *sival_ptr;
};

typedef struct {
	int si_signo;
	int si_errno;
	int si_code;
	pid_t si_pid;
	uid_t si_uid;
	int si_status;
	void *si_addr;		/* SIGSEGV, SIGBUS, SIGILL: the faulting address */
	long si_band;
	union sigval si_value;
} siginfo_t;

/* si_code values */
#define SI_USER		0	/* kill() */
#define SI_KERNEL	0x7fffffff
#define SEGV_MAPERR	50	/* nothing mapped at si_addr */
#define SEGV_ACCERR	51	/* mapped, access not allowed */
#define ILL_ILLOPC	30
#define ILL_PRVOPC	34
#define CLD_EXITED	10
#define CLD_KILLED	11
#define CLD_DUMPED	12
#define CLD_STOPPED	14
#define CLD_CONTINUED	15

struct sigaction {
	union {
		void (*sa_handler)(int);
		void (*sa_sigaction)(int, siginfo_t *, void *);
	};
	sigset_t sa_mask;
	int sa_flags;
	/* Where the handler returns: a function that calls SYS_sigreturn.
	 * The SDK's sigaction() fills it in. */
	void (*sa_restorer)(void);
};

/*
 * An alternate signal stack (AIX's values), one per thread, set with
 * SYS_sigaltstack: handlers with SA_ONSTACK run on it unless the thread
 * is on it already.
 */
typedef struct {
	void *ss_sp;
	size_t ss_size;
	int ss_flags;		/* SS_ONSTACK, SS_DISABLE */
} stack_t;

#define SS_ONSTACK	0x1	/* the thread runs on it now */
#define SS_DISABLE	0x2	/* there is none */
#define MINSIGSTKSZ	1200
#define SIGSTKSZ	4096

/* The machine state a handler may inspect (third argument with SA_SIGINFO
 * points at the ucontext). */
struct mcontext {
	unsigned long gpr[32];
	unsigned long nip, msr, lr, ctr, xer, ccr;
};

typedef struct ucontext {
	sigset_t uc_sigmask;	/* mask to restore on sigreturn */
	struct mcontext uc_mcontext;
} ucontext_t;
#endif
