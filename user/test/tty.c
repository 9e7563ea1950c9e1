/* SPDX-License-Identifier: MIT */
/* Terminal tests: the console's foreground group, sessions, job control. */

/*
 * init runs this program in init's own session and process group, which
 * has the console (docs/tty.md). A case that moves the foreground puts it
 * back, and its parent checks that it did. Nothing here reads a byte of
 * console input: every read tried is one that job control refuses.
 */

#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <signal.h>
#include <stdbool.h>
#include <sys/ioctl.h>
#include <sys/procinfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define NO_GROUP	999999	/* no task has this pid: pids stay small here */

/* Polls cond(pid) for up to 10 seconds, yielding in between. */
static bool eventually(bool (*cond)(pid_t), pid_t pid)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		if (cond(pid))
			return true;
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec - start.tv_sec < 10);
	return false;
}

static bool leads_session(pid_t pid)
{
	return getsid(pid) == pid;
}

static bool leads_group(pid_t pid)
{
	return getpgid(pid) == pid;
}

static bool gone(pid_t pid)
{
	return kill(pid, 0) < 0 && errno == ESRCH;
}

/* The foreground back to this process's group, as a case found it. */
static void restore_foreground(void)
{
	sigset_t ttou, old;

	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, &old);
	tcsetpgrp(STDIN_FILENO, getpgrp());
	sigprocmask(SIG_SETMASK, &old, NULL);
}

static void sleep_forever(void)
{
	for (;;)
		pause();
}

static void end_child(pid_t pid)
{
	int status;

	kill(pid, SIGKILL);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
}

/*
 * waitpid(pid, &status, WUNTRACED) for at most `seconds`: a child that
 * blocks instead (in a read job control should have refused) is killed
 * and the case fails, rather than the whole program hanging.
 */
static int wait_stop_or_end_within(pid_t pid, long seconds)
{
	struct timespec start, now;
	int status;

	clock_gettime(CLOCK_MONOTONIC, &start);
	for (;;) {
		pid_t got = waitpid(pid, &status, WUNTRACED | WNOHANG);

		if (got == pid)
			return status;
		if (got < 0 && errno != EINTR)
			check_fail("waitpid(%d): errno %d", pid, errno);
		clock_gettime(CLOCK_MONOTONIC, &now);
		if (now.tv_sec - start.tv_sec >= seconds) {
			end_child(pid);
			check_fail("pid %d neither stopped nor ended in %ld s", pid, seconds);
		}
		usleep(10000);
	}
}

static int wait_stop_or_end(pid_t pid)
{
	return wait_stop_or_end_within(pid, 10);
}

static void the_console_is_the_terminal_of_this_group(void)
{
	pid_t pgrp;

	check_eq(tcgetpgrp(STDIN_FILENO), getpgrp());
	check_eq(ioctl(STDOUT_FILENO, TIOCGPGRP, &pgrp), 0);
	check_eq(pgrp, getpgrp());
	check_eq(getsid(0), 1);
	check_eq(getsid(getpid()), 1);
}

static void only_the_console_is_a_terminal(void)
{
	int fd = open("/etc/motd", O_RDONLY);
	pid_t pgrp = getpgrp();

	check(fd >= 0);
	check_err(tcgetpgrp(fd), ENOTTY);
	check_err(tcsetpgrp(fd, pgrp), ENOTTY);
	check_err(ioctl(fd, TIOCSPGRP, &pgrp), ENOTTY);
	check_err(tcgetpgrp(-1), EBADF);
	check_err(tcsetpgrp(20, pgrp), EBADF);
	check_err(ioctl(STDIN_FILENO, _IOR('t', 1, int), &pgrp), EINVAL);
	check_err(ioctl(STDIN_FILENO, TIOCGPGRP, (pid_t *)0), EFAULT);
	close(fd);
}

static void tcsetpgrp_rejects_ids_no_group_has(void)
{
	check_err(tcsetpgrp(STDIN_FILENO, 0), EINVAL);
	check_err(tcsetpgrp(STDIN_FILENO, -3), EINVAL);
	check_err(kill(-NO_GROUP, 0), ESRCH);
	check_err(tcsetpgrp(STDIN_FILENO, NO_GROUP), EPERM);
	check_eq(tcgetpgrp(STDIN_FILENO), getpgrp());
}

static void tcsetpgrp_to_a_group_of_another_session_is_EPERM(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		setsid();
		sleep_forever();
	}
	check(pid > 0);
	check(eventually(leads_session, pid));
	check_err(tcsetpgrp(STDIN_FILENO, pid), EPERM);
	check_eq(tcgetpgrp(STDIN_FILENO), getpgrp());
	end_child(pid);
}

static void a_new_session_has_no_terminal(void)
{
	pid_t pgrp = getpgrp();

	check_eq(setsid(), getpid());
	check_eq(getsid(0), getpid());
	check_eq(getpgrp(), getpid());
	check_err(tcgetpgrp(STDIN_FILENO), ENOTTY);
	check_err(tcsetpgrp(STDIN_FILENO, getpid()), ENOTTY);
	check_err(tcsetpgrp(STDIN_FILENO, pgrp), ENOTTY);
}

static void setsid_and_getsid_errors(void)
{
	check_err(getsid(NO_GROUP), ESRCH);
	check_eq(setpgid(0, 0), 0);
	check_err(setsid(), EPERM);
}

static void setpgid_keeps_groups_inside_a_session(void)
{
	pid_t pid = fork();

	if (pid == 0) {
		setsid();
		sleep_forever();
	}
	check(pid > 0);
	check(eventually(leads_session, pid));
	check_err(setpgid(pid, 0), EPERM);
	check_err(setpgid(0, pid), EPERM);
	check_err(setpgid(0, NO_GROUP), EPERM);
	check_err(setpgid(0, -1), EINVAL);
	check_err(setpgid(1, 0), ESRCH);
	check_eq(setpgid(0, 0), 0);
	check_eq(getpgrp(), getpid());
	end_child(pid);
}

static void set_own_group_foreground(void)
{
	pid_t pgrp = getpgrp();

	setpgid(0, 0);
	tcsetpgrp(STDIN_FILENO, getpid());
	/* Reached only if the call did not stop this process. */
	tcsetpgrp(STDIN_FILENO, pgrp);
	_exit(3);
}

static void tcsetpgrp_from_the_background_stops_with_SIGTTOU(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		set_own_group_foreground();
	check(pid > 0);
	status = wait_stop_or_end(pid);
	check(WIFSTOPPED(status));
	check_eq(WSTOPSIG(status), SIGTTOU);
	check_eq(tcgetpgrp(STDIN_FILENO), getpgrp());
	end_child(pid);
}

static void take_and_give_back(void)
{
	pid_t parent_group = getpgid(getppid());
	sigset_t ttou;

	check_eq(setpgid(0, 0), 0);
	signal(SIGTTOU, SIG_IGN);
	check_eq(tcsetpgrp(STDIN_FILENO, getpid()), 0);
	check_eq(tcgetpgrp(STDIN_FILENO), getpid());
	/* From the foreground no SIGTTOU is needed to hand it on. */
	signal(SIGTTOU, SIG_DFL);
	check_eq(tcsetpgrp(STDIN_FILENO, parent_group), 0);
	check_eq(tcgetpgrp(STDIN_FILENO), parent_group);
	/* Blocking SIGTTOU lets a background group take it too. */
	sigemptyset(&ttou);
	sigaddset(&ttou, SIGTTOU);
	sigprocmask(SIG_BLOCK, &ttou, NULL);
	check_eq(tcsetpgrp(STDIN_FILENO, getpid()), 0);
	check_eq(tcgetpgrp(STDIN_FILENO), getpid());
	check_eq(tcsetpgrp(STDIN_FILENO, parent_group), 0);
}

static void tcsetpgrp_moves_the_foreground_when_SIGTTOU_is_ignored_or_blocked(void)
{
	pid_t pid = utest_spawn(take_and_give_back);
	int status;

	check(pid > 0);
	status = wait_stop_or_end(pid);
	if (WIFSTOPPED(status))
		end_child(pid);

	if (tcgetpgrp(STDIN_FILENO) != getpgrp()) {
		restore_foreground();
		check_fail("the foreground was not given back");
	}
	check_exited(status, 0);
}

static void read_from_the_background(void)
{
	char c;

	setpgid(0, 0);
	read(STDIN_FILENO, &c, 1);
	_exit(3);
}

static void a_background_read_stops_with_SIGTTIN(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0)
		read_from_the_background();
	check(pid > 0);
	status = wait_stop_or_end(pid);
	check(WIFSTOPPED(status));
	check_eq(WSTOPSIG(status), SIGTTIN);
	end_child(pid);
}

static void refuse_ttin_then_read(void)
{
	sigset_t ttin;
	char c;

	check_eq(setpgid(0, 0), 0);
	signal(SIGTTIN, SIG_IGN);
	check_err(read(STDIN_FILENO, &c, 1), EIO);
	signal(SIGTTIN, SIG_DFL);
	sigemptyset(&ttin);
	sigaddset(&ttin, SIGTTIN);
	sigprocmask(SIG_BLOCK, &ttin, NULL);
	check_err(read(STDIN_FILENO, &c, 1), EIO);
}

static void a_background_read_is_EIO_when_SIGTTIN_is_ignored_or_blocked(void)
{
	pid_t pid = utest_spawn(refuse_ttin_then_read);

	check(pid > 0);
	check_exited(wait_stop_or_end(pid), 0);
}

/* In a group whose only parent left the session: nothing could continue
 * it, so it neither reads nor stops for the terminal's stop signals. */
static void orphan(void)
{
	pid_t parent = getppid();
	char c;

	check_eq(setpgid(0, 0), 0);
	check(eventually(leads_session, parent));
	check_err(read(STDIN_FILENO, &c, 1), EIO);
	check_eq(raise(SIGTSTP), 0);
	check_eq(raise(SIGTTIN), 0);
}

static void orphan_its_child(void)
{
	pid_t pid = utest_spawn(orphan);
	int status;

	check(pid > 0);
	check(eventually(leads_group, pid));
	check_eq(setsid(), getpid());
	status = wait_stop_or_end(pid);
	if (WIFSTOPPED(status)) {
		end_child(pid);
		check_fail("the orphaned group stopped with signal %d", WSTOPSIG(status));
	}
	check_exited(status, 0);
}

static void an_orphaned_group_gets_EIO_and_does_not_stop(void)
{
	pid_t pid = utest_spawn(orphan_its_child);

	check(pid > 0);
	check_exited(wait_stop_or_end_within(pid, 20), 0);
}

static void stop_a_child(void)
{
	pid_t pid = fork();
	int status;

	if (pid == 0) {
		setpgid(0, 0);
		raise(SIGSTOP);
		_exit(9);
	}
	check(pid > 0);
	status = wait_stop_or_end(pid);
	check(WIFSTOPPED(status));
	sleep_forever();
}

/* The stopped child of a, found with getprocs; 0 if there is none. */
static pid_t stopped_child_of(pid_t a)
{
	static struct procentry p[256];
	int n = getprocs(p, 256);

	for (int i = 0; i < n; i++)
		if (p[i].pi_ppid == a && p[i].pi_state == PROC_STOPPED)
			return p[i].pi_pid;
	return 0;
}

static bool has_stopped_child(pid_t a)
{
	return stopped_child_of(a) != 0;
}

static void an_exit_that_orphans_a_stopped_group_hangs_it_up(void)
{
	pid_t a = fork(), b;

	if (a == 0)
		stop_a_child();
	check(a > 0);
	check(eventually(has_stopped_child, a));
	b = stopped_child_of(a);
	end_child(a);
	/* init inherits b; SIGHUP and SIGCONT end it and init reaps it. */
	if (!eventually(gone, b)) {
		kill(b, SIGKILL);
		check_fail("pid %d is still there after its parent's exit", b);
	}
}

static const struct utest cases[] = {
	UTEST(the_console_is_the_terminal_of_this_group),
	UTEST(only_the_console_is_a_terminal),
	UTEST(tcsetpgrp_rejects_ids_no_group_has),
	UTEST(tcsetpgrp_to_a_group_of_another_session_is_EPERM),
	UTEST(a_new_session_has_no_terminal),
	UTEST(setsid_and_getsid_errors),
	UTEST(setpgid_keeps_groups_inside_a_session),
	UTEST(tcsetpgrp_from_the_background_stops_with_SIGTTOU),
	UTEST(tcsetpgrp_moves_the_foreground_when_SIGTTOU_is_ignored_or_blocked),
	UTEST(a_background_read_stops_with_SIGTTIN),
	UTEST(a_background_read_is_EIO_when_SIGTTIN_is_ignored_or_blocked),
	UTEST(an_orphaned_group_gets_EIO_and_does_not_stop),
	UTEST(an_exit_that_orphans_a_stopped_group_hangs_it_up),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
