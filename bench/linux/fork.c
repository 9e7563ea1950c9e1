// SPDX-License-Identifier: MIT
/* fork + _exit + waitpid: creating and reaping a process. */
#include "bench.h"
#include "bench/common.h"

static long failed;

static void op(long n)
{
	failed += bench_fork_exit_wait(n);
}

int main(void)
{
	double us = bench_best(op, 5, 40);

	if (failed) {
		bench_fail("fork", "a fork, exit or wait failed");
		return 1;
	}
	bench_report("fork", us, "us");
	return 0;
}
