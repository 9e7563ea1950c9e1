/* SPDX-License-Identifier: MIT */
/* Scheduler tests: a spinner starves no one, yielding tasks alternate, bound tasks stay put. */

#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <stdlib.h>
#include <sys/port.h>
#include <sys/procinfo.h>
#include <sys/processor.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vrm/timebase.h>

#include "utest.h"

static void bind_to(cpu_t cpu)
{
	check_eq(bindprocessor(BINDPROCESS, getpid(), cpu), 0);
}

static void spin(void)
{
	bind_to(0);
	for (;;)
		;
}

/* Both on CPU 0: the parent still wakes from its sleeps and ends the spinner. */
static void spinner_cannot_starve_others(void)
{
	struct timespec nap = { 0, 20 * 1000 * 1000 };
	pid_t pid;
	int status;

	bind_to(0);
	pid = utest_spawn(spin);
	check(pid > 0);
	for (int i = 0; i < 3; i++) {
		check_eq(nanosleep(&nap, NULL), 0);
		sched_yield();
	}
	check_eq(kill(pid, SIGKILL), 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_killed(status, SIGKILL);
}

#define ROUNDS 200

static int port;

/* Stamps each turn on the CPU, yielding in between. */
static void take_turns(uint64_t *stamps)
{
	for (int i = 0; i < ROUNDS; i++) {
		stamps[i] = read_timebase();
		sched_yield();
	}
}

static void child_turns(void)
{
	uint64_t stamps[ROUNDS];
	char ready = 1;

	bind_to(0);
	/* Running on CPU 0 now: say so, and start once the parent answers. */
	check_eq(port_send(port, &ready, 1, NULL, 0, PORT_WAIT_FOREVER), 0);
	take_turns(stamps);
	check_eq(port_send(port, stamps, sizeof(stamps), NULL, 0, PORT_WAIT_FOREVER), 0);
}

/*
 * Where both ran, each two turns of the parent hold a turn of the child
 * between them. A tick may preempt a task between its stamp and its yield,
 * so a few misses are allowed.
 */
static void two_yielding_tasks_alternate(void)
{
	uint64_t mine[ROUNDS], theirs[ROUNDS], from, to;
	int pairs = 0, alternated = 0, j = 0, status;
	char ready;
	long msgid;
	pid_t pid;

	port = port_create(PORT_PUBLIC);
	check(port >= 0);
	bind_to(0);
	pid = utest_spawn(child_turns);
	check(pid > 0);
	/* The turns start once both tasks run on CPU 0: the child says so
	 * from there (being bound is not yet being there). */
	check_eq(port_receive(port, &ready, 1, &msgid, NULL, PORT_WAIT_FOREVER), 1);
	check_eq(port_reply(msgid, NULL, 0), 0);
	take_turns(mine);
	check_eq(port_receive(port, theirs, sizeof(theirs), &msgid, NULL, PORT_WAIT_FOREVER),
		 sizeof(theirs));
	check_eq(port_reply(msgid, NULL, 0), 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 0);
	check_eq(port_destroy(port), 0);

	from = mine[0] > theirs[0] ? mine[0] : theirs[0];
	to = mine[ROUNDS - 1] < theirs[ROUNDS - 1] ? mine[ROUNDS - 1] : theirs[ROUNDS - 1];
	for (int i = 0; i + 1 < ROUNDS; i++) {
		if (mine[i] < from || mine[i + 1] > to)
			continue;
		pairs++;
		while (j < ROUNDS && theirs[j] < mine[i])
			j++;
		alternated += j < ROUNDS && theirs[j] < mine[i + 1];
	}
	utest_note("%d of %d turns alternated", alternated, pairs);
	check(pairs >= ROUNDS / 2);
	check(alternated >= pairs * 95 / 100);
}

static cpu_t my_cpu;

/* Every look at getprocs finds this task on its CPU. */
static void stay_on_my_cpu(void)
{
	static struct procentry p[256];

	bind_to(my_cpu);
	for (int round = 0; round < 50; round++) {
		int n = getprocs(p, 256), i = 0;

		while (i < n && p[i].pi_pid != getpid())
			i++;
		check(i < n);
		check_eq(p[i].pi_bound, my_cpu);
		check_eq(p[i].pi_cpu, my_cpu);
		sched_yield();
	}
}

static void each_cpu_runs_a_bound_task(void)
{
	long ncpus = sysconf(_SC_NPROCESSORS_ONLN);
	pid_t *pids = malloc((size_t)(ncpus > 0 ? ncpus : 1) * sizeof(*pids));
	int status;

	check(ncpus >= 1 && pids);
	if (!pids)
		return;
	for (my_cpu = 0; my_cpu < ncpus; my_cpu++) {
		pids[my_cpu] = utest_spawn(stay_on_my_cpu);
		check(pids[my_cpu] > 0);
	}
	for (long cpu = 0; cpu < ncpus; cpu++) {
		check_eq(waitpid(pids[cpu], &status, 0), pids[cpu]);
		check_exited(status, 0);
	}
	free(pids);
}

static const struct utest cases[] = {
	UTEST(spinner_cannot_starve_others),
	UTEST(two_yielding_tasks_alternate),
	UTEST(each_cpu_runs_a_bound_task),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
