/* SPDX-License-Identifier: MIT */
/* Signal sets: signal n is bit n - 1 of the word. */

#include <errno.h>
#include <signal.h>

static int bad_signal(int sig)
{
	if (sig >= 1 && sig <= SIGMAX)
		return 0;
	errno = EINVAL;
	return 1;
}

static unsigned long bit(int sig)
{
	return 1ul << (sig - 1);
}

int sigemptyset(sigset_t *set)
{
	set->bits = 0;
	return 0;
}

int sigfillset(sigset_t *set)
{
	set->bits = bit(SIGMAX) | (bit(SIGMAX) - 1);
	return 0;
}

int sigaddset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->bits |= bit(sig);
	return 0;
}

int sigdelset(sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	set->bits &= ~bit(sig);
	return 0;
}

int sigismember(const sigset_t *set, int sig)
{
	if (bad_signal(sig))
		return -1;
	return (set->bits & bit(sig)) != 0;
}
