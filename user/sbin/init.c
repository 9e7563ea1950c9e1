/* SPDX-License-Identifier: MIT */
/* pid 1: keeps a shell on the console, reaps orphans, re-IPLs or powers off. */

/*
 * The kernel starts init with descriptors 0, 1 and 2 on the console, the
 * terminal of init's session, init's group in its foreground.
 *
 *   init              starts /bin/sh and starts it again whenever it ends,
 *                     each time in a process group of its own that has
 *                     the console.
 *   init -t PROG...   test mode: runs each PROG (a path, no arguments) in
 *                     order, each to its end, then powers the partition
 *                     off. After each program init prints one line for
 *                     the test runner, "@@exit PROG status N" or
 *                     "@@exit PROG signal N" (status 127: it could not be
 *                     executed); otherwise the console carries only the
 *                     programs' own output.
 *
 * In both modes every child is reaped, the orphans the kernel gives to
 * init included. SIGQUIT re-IPLs the partition (reboot(RB_AUTOBOOT)),
 * SIGTERM powers it off; each prints one line first.
 */

#include <errno.h>
#include <signal.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#define SHELL "/bin/sh"

/* A handler does the whole job: reboot() never returns when it works,
 * and nothing else in init needs to know. write() is safe here. */
static void on_signal(int sig)
{
	static const char quit[] = "init: SIGQUIT, re-IPL\n";
	static const char term[] = "init: SIGTERM, power off\n";
	static const char failed[] = "init: reboot failed\n";

	if (sig == SIGQUIT)
		write(STDOUT_FILENO, quit, sizeof(quit) - 1);
	else
		write(STDOUT_FILENO, term, sizeof(term) - 1);
	reboot(sig == SIGQUIT ? RB_AUTOBOOT : RB_POWEROFF);
	write(STDERR_FILENO, failed, sizeof(failed) - 1);
}

/* The shell's process group gets the console (docs/tty.md). The child
 * and init both ask, so it is done before the shell's first look. The
 * child ignores SIGTTOU meanwhile: it asks from the background. */
static void give_console(pid_t pid, bool child)
{
	setpgid(pid, pid);
	if (child)
		signal(SIGTTOU, SIG_IGN);
	tcsetpgrp(STDIN_FILENO, pid);
	if (child)
		signal(SIGTTOU, SIG_DFL);
}

/* Starts path in a child (exec resets the handlers), in a process group
 * of its own with the console if asked; -1 if fork failed. */
static pid_t spawn(const char *path, bool console)
{
	char *argv[] = { (char *)path, NULL };
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		if (console)
			give_console(getpid(), true);
		execv(path, argv);
		fprintf(stderr, "init: %s: %s\n", path, strerror(errno));
		_exit(127);
	}
	if (pid < 0)
		fprintf(stderr, "init: fork: %s\n", strerror(errno));
	else if (console)
		give_console(pid, false);
	return pid;
}

/* Reaps children until pid ends (or there are none); its status. */
static int reap_until(pid_t pid)
{
	int status = 0;

	for (;;) {
		pid_t got = waitpid(-1, &status, 0);

		if (got == pid)
			return status;
		if (got < 0 && errno == ECHILD)
			return -1;
	}
}

static long now_seconds(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec;
}

static void run_tests(int n, char **paths)
{
	for (int i = 0; i < n; i++) {
		pid_t pid = spawn(paths[i], false);
		int status;

		if (pid <= 0)
			continue;
		status = reap_until(pid);
		if (WIFSIGNALED(status))
			printf("@@exit %s signal %d\n", paths[i], WTERMSIG(status));
		else
			printf("@@exit %s status %d\n", paths[i], WEXITSTATUS(status));
		fflush(stdout);
	}
	reboot(RB_POWEROFF);
	fprintf(stderr, "init: power off failed: %s\n", strerror(errno));
}

static void run_shell(void)
{
	for (;;) {
		long started = now_seconds();
		pid_t sh;
		int status;

		printf("init: starting %s\n", SHELL);
		sh = spawn(SHELL, true);
		status = sh > 0 ? reap_until(sh) : -1;
		if (sh > 0 && WIFSIGNALED(status))
			printf("init: %s killed by signal %d, starting it again\n",
			       SHELL, WTERMSIG(status));
		else if (sh > 0)
			printf("init: %s exited with status %d, starting it again\n",
			       SHELL, WEXITSTATUS(status));
		/* A shell that cannot start must not make init spin. */
		if (now_seconds() - started < 1)
			sleep(1);
	}
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = on_signal };

	sigemptyset(&sa.sa_mask);
	sigaction(SIGQUIT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);

	if (argc > 1 && strcmp(argv[1], "-t") == 0) {
		run_tests(argc - 2, argv + 2);
	} else {
		printf("init: vrm user space, pid %d\n", getpid());
		run_shell();
	}
	for (;;)
		pause();
}
