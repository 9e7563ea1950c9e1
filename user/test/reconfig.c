/* SPDX-License-Identifier: MIT */
/* The test of docs/porting.md: CPU counts from sysconf, and SIGRECONFIG's handler and default. */

#include <signal.h>
#include <unistd.h>

#include "utest.h"

static volatile sig_atomic_t events;
static siginfo_t last;

static void on_reconfig(int sig, siginfo_t *info, void *context)
{
	(void)sig;
	(void)context;
	last = *info;
	events++;
}

static void sysconf_counts_cpus(void)
{
	long online = sysconf(_SC_NPROCESSORS_ONLN);

	check(online >= 1);
	check(sysconf(_SC_NPROCESSORS_CONF) >= online);
}

static void sigreconfig_reaches_its_handler(void)
{
	struct sigaction sa = { .sa_sigaction = on_reconfig, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	check_eq(sigaction(SIGRECONFIG, &sa, NULL), 0);
	check_eq(raise(SIGRECONFIG), 0);
	check_eq(events, 1);
	check_eq(last.si_signo, SIGRECONFIG);
	check_eq(last.si_code, SI_USER);
}

static void raise_reconfig(void)
{
	raise(SIGRECONFIG);
}

static void sigreconfig_is_ignored_by_default(void)
{
	check_exited(utest_in_child(raise_reconfig), 0);
}

static const struct utest cases[] = {
	UTEST(sysconf_counts_cpus),
	UTEST(sigreconfig_reaches_its_handler),
	UTEST(sigreconfig_is_ignored_by_default),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
