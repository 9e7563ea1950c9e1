/* SPDX-License-Identifier: MIT */
/* Figures: the cost in timebase ticks of a syscall, a switch, a signal, an IPC and a fork. */

/*
 * Each figure is the least of 1000 timed iterations, printed as the TAP
 * comment "# figure <name> <ticks>" before its "ok" line; the fork figure
 * times 10 runs of 100 (each run starts from a heap and a page table that
 * the previous one left). There are no thresholds: a figure's test fails
 * only when the operation it times did not work (every timed call's result
 * is checked) or the measurement could not be made.
 */

#include <sched.h>
#include <signal.h>
#include <stdint.h>
#include <sys/port.h>
#include <sys/processor.h>
#include <sys/wait.h>
#include <unistd.h>
#include <vrm/timebase.h>

#include "utest.h"

#define ITERATIONS 1000

static void figure(const char *name, uint64_t ticks)
{
	utest_note("figure %s %llu", name, (unsigned long long)ticks);
}

static void null_syscall(void)
{
	uint64_t best = UINT64_MAX;
	pid_t parent = getppid(), got = parent;

	for (int i = 0; i < ITERATIONS && got == parent; i++) {
		uint64_t t0 = read_timebase(), t;

		got = getppid();
		t = read_timebase() - t0;
		if (t < best)
			best = t;
	}
	check(parent > 1);
	check_eq(got, parent);
	figure("null_syscall", best);
}

static void yield_forever(void)
{
	check_eq(bindprocessor(BINDPROCESS, getpid(), 0), 0);
	for (;;)
		sched_yield();
}

/* Two tasks on CPU 0 yielding to each other: a yield is two switches. */
static void context_switch(void)
{
	uint64_t best = UINT64_MAX;
	pid_t pid;

	check_eq(bindprocessor(BINDPROCESS, getpid(), 0), 0);
	pid = utest_spawn(yield_forever);
	check(pid > 0);
	for (int i = 0; i < 10; i++)
		sched_yield();
	for (int i = 0; i < ITERATIONS; i++) {
		uint64_t t0 = read_timebase(), t;
		int r = sched_yield();

		t = (read_timebase() - t0) / 2;
		check_eq(r, 0);
		if (t < best)
			best = t;
	}
	check_eq(kill(pid, 0), 0);	/* the partner was there all along */
	kill(pid, SIGKILL);
	check_eq(waitpid(pid, NULL, 0), pid);
	figure("context_switch", best);
}

static volatile int handled;

static void on_usr1(int sig)
{
	if (sig == SIGUSR1)
		handled++;
}

static void signal_round_trip(void)
{
	uint64_t best = UINT64_MAX;

	check(signal(SIGUSR1, on_usr1) != SIG_ERR);
	for (int i = 0; i < ITERATIONS; i++) {
		uint64_t t0 = read_timebase(), t;
		int r = kill(getpid(), SIGUSR1);

		t = read_timebase() - t0;
		check_eq(r, 0);
		if (t < best)
			best = t;
	}
	/* Each kill ran the handler before it returned. */
	check_eq(handled, ITERATIONS);
	figure("signal_round_trip", best);
}

static int port;

/* The client times each send, which waits for the server's reply. */
static void ipc_client(void)
{
	uint64_t best = UINT64_MAX;
	long word = 0;

	for (int i = 0; i < ITERATIONS; i++) {
		uint64_t t0 = read_timebase(), t;

		check_eq(port_send(port, &word, sizeof(word), &word, sizeof(word),
				   PORT_WAIT_FOREVER), sizeof(word));
		t = read_timebase() - t0;
		if (t < best)
			best = t;
	}
	figure("ipc_round_trip", best);
}

static void ipc_round_trip(void)
{
	long word, msgid;
	pid_t pid;
	int status;

	port = port_create(PORT_PUBLIC);
	check(port >= 0);
	pid = utest_spawn(ipc_client);
	check(pid > 0);
	for (int i = 0; i < ITERATIONS; i++) {
		check_eq(port_receive(port, &word, sizeof(word), &msgid, NULL, PORT_WAIT_FOREVER),
			 sizeof(word));
		word++;
		check_eq(port_reply(msgid, &word, sizeof(word)), 0);
	}
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 0);
	check_eq(port_destroy(port), 0);
}

static void fork_exit_wait(void)
{
	uint64_t best = UINT64_MAX;

	for (int run = 0; run < 10; run++)
		for (int i = 0; i < ITERATIONS / 10; i++) {
			uint64_t t0 = read_timebase(), t;
			pid_t pid = fork();
			int status = -1;

			if (pid == 0)
				_exit(7);
			check(pid > 0);
			check_eq(waitpid(pid, &status, 0), pid);
			t = read_timebase() - t0;
			check_exited(status, 7);
			if (t < best)
				best = t;
		}
	figure("fork_exit_wait", best);
}

static const struct utest cases[] = {
	UTEST(null_syscall),
	UTEST(context_switch),
	UTEST(signal_round_trip),
	UTEST(ipc_round_trip),
	UTEST(fork_exit_wait),
};

int main(void)
{
	utest_note("timebase %ld ticks per second", sysconf(_SC_VRM_TIMEBASE_FREQ));
	return utest_main(cases, UTEST_COUNT(cases));
}
