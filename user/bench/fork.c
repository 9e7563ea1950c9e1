/* SPDX-License-Identifier: MIT */
/* fork + _exit + waitpid: creating and reaping a process. */

#include "bench.h"
#include "bench/common.h"

static long failed;

static void op(long n)
{
	failed += bench_fork_exit_wait(n);
}

int main(int argc, char **argv)
{
	uint64_t ns;

	bench_start(argc, argv);
	ns = bench_best(op, 40);
	if (failed)
		bench_fail("fork", "a fork, exit or wait failed");
	else
		bench_report("fork", ns, "us");
	return bench_end();
}
