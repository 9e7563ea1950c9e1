/* SPDX-License-Identifier: MIT */
/*
 * What the Linux programs (bench/linux/) and vrm's (user/bench/) share:
 * code over the POSIX calls that glibc and vrm's SDK both have. Each side
 * includes it after its own bench.h, whose bench_fail() it uses.
 */
#ifndef BENCH_COMMON_H
#define BENCH_COMMON_H

#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

/* fork, _exit(0) in the child, waitpid: n times; how many failed. */
static inline long bench_fork_exit_wait(long n)
{
	long failed = 0;

	for (long i = 0; i < n; i++) {
		int status;
		pid_t pid = fork();

		if (pid == 0)
			_exit(0);
		if (pid < 0 || waitpid(pid, &status, 0) != pid ||
		    !WIFEXITED(status) || WEXITSTATUS(status))
			failed++;
	}
	return failed;
}

/* kill(getpid(), sig), n times. */
static inline void bench_kill_self(long n, int sig)
{
	pid_t self = getpid();

	for (long i = 0; i < n; i++)
		kill(self, sig);
}

/*
 * What each init does per program: runs /bench/<name> without arguments
 * and waits for it, reaping the other children that end meanwhile
 * (orphans come to init); "@@bench-fail <name> <reason>" unless it
 * exits 0.
 */
static inline void bench_run_program(const char *name)
{
	char path[256];
	int status;
	pid_t pid, got;

	snprintf(path, sizeof(path), "/bench/%s", name);
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		char *argv[] = { path, NULL };

		execv(path, argv);
		_exit(127);
	}
	if (pid < 0) {
		bench_fail(name, "fork: %s", strerror(errno));
		return;
	}
	while ((got = waitpid(-1, &status, 0)) != pid)
		if (got < 0 && errno != EINTR) {
			bench_fail(name, "waitpid: %s", strerror(errno));
			return;
		}
	if (WIFSIGNALED(status))
		bench_fail(name, "killed by signal %d", WTERMSIG(status));
	else if (WEXITSTATUS(status) == 127)
		bench_fail(name, "cannot run %s", path);
	else if (WEXITSTATUS(status))
		bench_fail(name, "exit status %d", WEXITSTATUS(status));
}

#endif
