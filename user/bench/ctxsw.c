/* SPDX-License-Identifier: MIT */
/*
 * Context switch: two tasks bound to CPU 0 calling sched_yield in turn.
 * vrm's scheduler hands the CPU to the other runnable task of the same
 * priority on every yield, so one yield of the timed task is two switches:
 * to its partner and back.
 */

#include <sched.h>
#include <signal.h>
#include <string.h>
#include <errno.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

static void op(long n)
{
	for (long i = 0; i < n; i++)
		sched_yield();
}

int main(int argc, char **argv)
{
	uint64_t ns;
	pid_t pid;

	bench_start(argc, argv);
	if (bench_bind_cpu0("ctxsw") < 0)
		return bench_end();
	pid = fork();
	if (pid == 0) {
		if (bench_bind_cpu0("ctxsw") < 0)
			_exit(1);
		for (;;)
			sched_yield();
	}
	if (pid < 0) {
		bench_fail("ctxsw", "fork: %s", strerror(errno));
		return bench_end();
	}
	ns = bench_best(op, 5000) / 2;
	kill(pid, SIGKILL);
	if (waitpid(pid, NULL, 0) != pid)
		bench_fail("ctxsw", "the partner was not reaped");
	else
		bench_report("ctxsw", ns, "us");
	return bench_end();
}
