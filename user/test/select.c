/* SPDX-License-Identifier: MIT */
/* select, pselect and fcntl: readiness of the initramfs and the console,
 * timeouts, signals, and descriptor flags. */

/*
 * Nothing is typed at the console while this runs: its standard input is
 * never readable here. A case that changes the console's flags (shared
 * with every task) puts them back.
 */

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/select.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define FILE_PATH	"/etc/motd"

static volatile int usr1_count;

static void on_usr1(int sig)
{
	(void)sig;
	usr1_count++;
}

static void catch_usr1(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };

	sigaction(SIGUSR1, &sa, NULL);
}

static sigset_t just_usr1(void)
{
	sigset_t set;

	sigemptyset(&set);
	sigaddset(&set, SIGUSR1);
	return set;
}

static void ramfs_file_ready_at_once(void)
{
	int fd = open(FILE_PATH, O_RDONLY);
	fd_set rd, wr;

	check(fd >= 0);
	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(fd, &rd);
	FD_SET(fd, &wr);
	check_eq(select(fd + 1, &rd, &wr, NULL, NULL), 2);
	check(FD_ISSET(fd, &rd));
	check(FD_ISSET(fd, &wr));
	close(fd);
}

static void directory_ready_at_once(void)
{
	int fd = open("/", O_RDONLY | O_DIRECTORY);
	fd_set rd;

	check(fd >= 0);
	FD_ZERO(&rd);
	FD_SET(fd, &rd);
	check_eq(select(fd + 1, &rd, NULL, NULL, NULL), 1);
	check(FD_ISSET(fd, &rd));
	close(fd);
}

static void console_poll_nothing_typed(void)
{
	struct timeval zero = { 0, 0 };
	fd_set rd, wr;

	FD_ZERO(&rd);
	FD_ZERO(&wr);
	FD_SET(STDIN_FILENO, &rd);
	FD_SET(STDOUT_FILENO, &wr);
	/* Writable, never readable. */
	check_eq(select(STDOUT_FILENO + 1, &rd, &wr, NULL, &zero), 1);
	check(!FD_ISSET(STDIN_FILENO, &rd));
	check(FD_ISSET(STDOUT_FILENO, &wr));
	FD_SET(STDIN_FILENO, &rd);
	check_eq(select(STDIN_FILENO + 1, &rd, NULL, NULL, &zero), 0);
	check(!FD_ISSET(STDIN_FILENO, &rd));
}

static void timeout_expires(void)
{
	struct timeval tv = { 0, 20000 };
	fd_set rd, ex;

	FD_ZERO(&rd);
	FD_ZERO(&ex);
	FD_SET(STDIN_FILENO, &rd);
	FD_SET(STDIN_FILENO, &ex);
	check_eq(select(STDIN_FILENO + 1, &rd, NULL, &ex, &tv), 0);
	check(!FD_ISSET(STDIN_FILENO, &rd));
	check(!FD_ISSET(STDIN_FILENO, &ex));
	/* No descriptors: a sleep. */
	check_eq(select(0, NULL, NULL, NULL, &tv), 0);
}

static void signal_parent(void)
{
	pid_t parent = getppid();

	check(utest_wait_sleeping(parent));
	kill(parent, SIGUSR1);
}

/* select on the console's input until a child's signal ends it. */
static void interrupted_wait(struct timeval *timeout)
{
	fd_set rd;
	int status;
	pid_t child;

	catch_usr1();
	child = utest_spawn(signal_parent);
	check(child > 0);
	FD_ZERO(&rd);
	FD_SET(STDIN_FILENO, &rd);
	check_err(select(STDIN_FILENO + 1, &rd, NULL, NULL, timeout), EINTR);
	check_eq(usr1_count, 1);
	check_eq(waitpid(child, &status, 0), child);
	check_exited(status, 0);
}

static void handler_ends_the_wait(void)
{
	interrupted_wait(NULL);
}

/* Seconds past what the timebase counts wait as long as no timeout. */
static void huge_timeout_waits(void)
{
	struct timeval tv = { LONG_MAX, 999999 };

	interrupted_wait(&tv);
}

static void closed_descriptor(void)
{
	struct timeval zero = { 0, 0 };
	fd_set rd;

	FD_ZERO(&rd);
	FD_SET(20, &rd);
	check_err(select(21, &rd, NULL, NULL, &zero), EBADF);
	check_err(select(21, NULL, NULL, &rd, &zero), EBADF);
	/* Beyond nfds it is not looked at. */
	check_eq(select(20, &rd, NULL, NULL, &zero), 0);
}

static void bad_arguments(void)
{
	struct timeval tv = { 0, 1000000 };
	struct timespec ts = { 0, 1000000000 };

	check_err(select(-1, NULL, NULL, NULL, NULL), EINVAL);
	check_err(select(FD_SETSIZE + 1, NULL, NULL, NULL, NULL), EINVAL);
	check_err(select(0, NULL, NULL, NULL, &tv), EINVAL);
	tv = (struct timeval){ -1, 0 };
	check_err(select(0, NULL, NULL, NULL, &tv), EINVAL);
	check_err(pselect(0, NULL, NULL, NULL, &ts, NULL), EINVAL);
}

/* A signal pselect's mask lets in is delivered in its wait, and stays
 * blocked before and after. */
static void pselect_mask_for_the_wait_only(void)
{
	sigset_t usr1 = just_usr1(), none, now;
	struct timespec zero = { 0, 0 };

	catch_usr1();
	sigemptyset(&none);
	sigprocmask(SIG_BLOCK, &usr1, NULL);
	raise(SIGUSR1);
	/* Still blocked: select and pselect without a mask time out. */
	check_eq(pselect(0, NULL, NULL, NULL, &zero, NULL), 0);
	check_eq(usr1_count, 0);
	check_err(pselect(0, NULL, NULL, NULL, NULL, &none), EINTR);
	check_eq(usr1_count, 1);
	sigprocmask(SIG_BLOCK, NULL, &now);
	check(sigismember(&now, SIGUSR1));
	raise(SIGUSR1);
	check_eq(usr1_count, 1);
	sigprocmask(SIG_UNBLOCK, &usr1, NULL);
	check_eq(usr1_count, 2);
}

static void fcntl_dupfd_and_cloexec(void)
{
	int fd = open(FILE_PATH, O_RDONLY), dup;

	check(fd >= 0);
	dup = fcntl(fd, F_DUPFD, 10);
	check_eq(dup, 10);
	check_eq(fcntl(fd, F_DUPFD, 10), 11);
	check_eq(fcntl(fd, F_GETFD), 0);
	check_eq(fcntl(fd, F_SETFD, FD_CLOEXEC), 0);
	check_eq(fcntl(fd, F_GETFD), FD_CLOEXEC);
	/* A copy does not take the flag. */
	dup = fcntl(fd, F_DUPFD, 0);
	check(dup > fd && dup < 10);
	check_eq(fcntl(dup, F_GETFD), 0);
	check_eq(fcntl(fd, F_SETFD, 0), 0);
	check_eq(fcntl(fd, F_GETFD), 0);
	check_eq(fcntl(fd, F_GETFL) & O_ACCMODE, O_RDONLY);
	check_err(fcntl(fd, F_DUPFD, FD_SETSIZE), EINVAL);
	check_err(fcntl(fd, F_SETFD, 2), EINVAL);
	check_err(fcntl(fd, 99), EINVAL);
	check_err(fcntl(30, F_GETFD), EBADF);
}

/* exec closes a FD_CLOEXEC descriptor and keeps the others. */
static void exec_closes_cloexec(void)
{
	int keep = open(FILE_PATH, O_RDONLY), gone = open(FILE_PATH, O_RDONLY);
	char k[4], g[4];
	int status;
	pid_t child;

	check(keep >= 0 && gone >= 0);
	check_eq(fcntl(gone, F_SETFD, FD_CLOEXEC), 0);
	k[0] = (char)('0' + keep / 10);
	k[1] = (char)('0' + keep % 10);
	k[2] = 0;
	g[0] = (char)('0' + gone / 10);
	g[1] = (char)('0' + gone % 10);
	g[2] = 0;
	child = fork();
	if (!child) {
		char *argv[] = { "select", "--after-exec", k, g, NULL };

		execv("/test/select", argv);
		_exit(3);
	}
	check_eq(waitpid(child, &status, 0), child);
	check_exited(status, 0);
	/* Not closed in this process. */
	check_eq(fcntl(gone, F_GETFD), FD_CLOEXEC);
}

/* O_NONBLOCK on the console: a read with nothing typed is EAGAIN. */
static void console_nonblocking_read(void)
{
	int flags = fcntl(STDIN_FILENO, F_GETFL);
	char c;

	check(flags >= 0);
	check_eq(fcntl(STDIN_FILENO, F_SETFL, flags | O_NONBLOCK), 0);
	check(fcntl(STDIN_FILENO, F_GETFL) & O_NONBLOCK);
	check_err(read(STDIN_FILENO, &c, 1), EAGAIN);
	check_eq(fcntl(STDIN_FILENO, F_SETFL, flags), 0);
	check_eq(fcntl(STDIN_FILENO, F_GETFL), flags);
}

static const struct utest cases[] = {
	UTEST(ramfs_file_ready_at_once),
	UTEST(directory_ready_at_once),
	UTEST(console_poll_nothing_typed),
	UTEST(timeout_expires),
	UTEST(handler_ends_the_wait),
	UTEST(huge_timeout_waits),
	UTEST(closed_descriptor),
	UTEST(bad_arguments),
	UTEST(pselect_mask_for_the_wait_only),
	UTEST(fcntl_dupfd_and_cloexec),
	UTEST(exec_closes_cloexec),
	UTEST(console_nonblocking_read),
};

/* For test/console/shell.txt: select on standard input until a line is
 * typed, then the line. */
static int wait_line(void)
{
	char line[128];
	fd_set rd;
	ssize_t n;

	printf("select: waiting for a line\n");
	fflush(stdout);
	FD_ZERO(&rd);
	FD_SET(STDIN_FILENO, &rd);
	if (select(STDIN_FILENO + 1, &rd, NULL, NULL, NULL) != 1 || !FD_ISSET(STDIN_FILENO, &rd))
		return 1;
	n = read(STDIN_FILENO, line, sizeof(line) - 1);
	if (n <= 0)
		return 1;
	line[n] = 0;
	printf("select: stdin ready, read %s", line);
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 2 && !strcmp(argv[1], "--wait-line"))
		return wait_line();
	/* exec_closes_cloexec's child: the first descriptor open, the second closed. */
	if (argc == 4 && !strcmp(argv[1], "--after-exec"))
		return fcntl(atoi(argv[2]), F_GETFD) == 0 && fcntl(atoi(argv[3]), F_GETFD) < 0 &&
		       errno == EBADF ? 0 : 1;
	return utest_main(cases, UTEST_COUNT(cases));
}
