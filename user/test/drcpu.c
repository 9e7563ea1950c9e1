/* SPDX-License-Identifier: MIT */
/* A CPU that the platform adds and removes, as a task sees it: sysconf and bindprocessor. */

/*
 * Runs in a machine that boots one CPU with room for more cores (the
 * dr-user-vof row: -smp 1,maxcpus=3; QEMU 7.2 under TCG adds at most
 * maxcpus - smp cores in a run, removed ones counted, docs/dlpar.md), so
 * the core QEMU adds is core-id 1 and its thread takes CPU number 1. QEMU is asked through the
 * test runner: a line "@@host qmp <json>" on the console, answered with
 * "@@done qmp <status>" on the console's input. Waits are guards against
 * a hang only.
 */

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/procinfo.h>
#include <sys/processor.h>
#include <sys/thread.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define NEW_CPU		1
#define WAIT_S		30

#define ADD_CORE	"{\"execute\":\"device_add\",\"arguments\":{\"driver\":" \
			"\"power9_v2.0-spapr-cpu-core\",\"id\":\"ucore\",\"core-id\":1}}"
#define DEL_CORE	"{\"execute\":\"device_del\",\"arguments\":{\"id\":\"ucore\"}}"

/* One QMP command through the runner; its status (0: QEMU took it). */
static int host_qmp(const char *json)
{
	char line[128];

	printf("@@host qmp %s\n", json);
	fflush(stdout);
	while (fgets(line, sizeof(line), stdin))
		if (!strncmp(line, "@@done qmp ", 11))
			return atoi(line + 11);
	return -1;
}

static int counts_are(long cpus)
{
	return sysconf(_SC_NPROCESSORS_ONLN) == cpus && sysconf(_SC_NPROCESSORS_CONF) == cpus;
}

/*
 * Waits until sysconf counts `cpus` CPUs, online and configured; whether
 * it does. A CPU going offline stops being online first, and configured
 * only once it has stopped.
 */
static int await_cpus(long cpus)
{
	struct timespec nap = { 0, 10 * 1000 * 1000 };

	for (int i = 0; i < WAIT_S * 100 && !counts_are(cpus); i++)
		nanosleep(&nap, NULL);
	return counts_are(cpus);
}

/* The CPU getprocs says this task runs on. */
static int my_cpu(void)
{
	static struct procentry p[256];
	int n = getprocs(p, 256);

	for (int i = 0; i < n; i++)
		if (p[i].pi_pid == getpid())
			return p[i].pi_cpu;
	return -1;
}

static void an_added_cpu_is_counted_and_takes_a_bound_task(void)
{
	check(counts_are(1));
	check_eq(host_qmp(ADD_CORE), 0);
	check(await_cpus(2));
	check_eq(bindprocessor(BINDPROCESS, getpid(), NEW_CPU), 0);
	check_eq(my_cpu(), NEW_CPU);
	check_eq(bindprocessor(BINDPROCESS, getpid(), PROCESSOR_CLASS_ANY), 0);
}

static void a_removed_cpu_is_not_counted_and_cannot_be_bound(void)
{
	check(counts_are(2));
	check_eq(host_qmp(DEL_CORE), 0);
	check(await_cpus(1));
	check_err(bindprocessor(BINDPROCESS, getpid(), NEW_CPU), EINVAL);
	check_err(bindprocessor(BINDTHREAD, thread_self(), NEW_CPU), EINVAL);
	check(my_cpu() != NEW_CPU);
}

static const struct utest cases[] = {
	UTEST(an_added_cpu_is_counted_and_takes_a_bound_task),
	UTEST(a_removed_cpu_is_not_counted_and_cannot_be_bound),
};

/*
 * The kernel's device tree moves into a larger buffer of the heap at its
 * first edit, for good (docs/devicetree.md): one add and remove before
 * the counts of the leak check are taken, so that they compare what the
 * cases' own add and remove leave behind.
 */
static void first_cycle(void)
{
	if (host_qmp(ADD_CORE) || !await_cpus(2) || host_qmp(DEL_CORE) || !await_cpus(1))
		printf("# the first add and remove did not go through\n");
}

int main(void)
{
	first_cycle();
	return utest_main(cases, UTEST_COUNT(cases));
}
