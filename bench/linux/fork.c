// SPDX-License-Identifier: MIT
/* fork + _exit + waitpid: creating and reaping a process. */
#include "bench.h"

#include <sys/wait.h>

static int failed;

static void op(long n)
{
	for (long i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			failed = 1;
	}
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
