// SPDX-License-Identifier: MIT
/*
 * IPC reference: a one-byte ping-pong over two pipes between two processes
 * on CPU 0. The figure is one round trip (two messages, two switches).
 */
#include "bench.h"

#include <signal.h>
#include <sys/wait.h>

static int to_child[2], to_parent[2];
static int failed;

static void op(long n)
{
	char c = 'x';

	for (long i = 0; i < n; i++)
		if (write(to_child[1], &c, 1) != 1 ||
		    read(to_parent[0], &c, 1) != 1)
			failed = 1;
}

int main(void)
{
	double us;
	char c;
	pid_t pid;

	if (pin_cpu0() < 0 || pipe(to_child) < 0 || pipe(to_parent) < 0) {
		bench_fail("ipc", "set-up: %s", strerror(errno));
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		close(to_child[1]);
		close(to_parent[0]);
		while (read(to_child[0], &c, 1) == 1)
			if (write(to_parent[1], &c, 1) != 1)
				break;
		_exit(0);
	}
	if (pid < 0) {
		bench_fail("ipc", "fork: %s", strerror(errno));
		return 1;
	}
	close(to_child[0]);
	close(to_parent[1]);
	us = bench_best(op, 5, 1000);
	close(to_child[1]);
	waitpid(pid, NULL, 0);
	if (failed) {
		bench_fail("ipc", "a read or write failed");
		return 1;
	}
	bench_report("ipc", us, "us");
	return 0;
}
