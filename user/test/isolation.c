/* SPDX-License-Identifier: MIT */
/* Isolation tests: what one task may not do to another, to ports, or to the system. */

/*
 * Each case starts from root (init's uid) and drops to an ordinary user
 * in a child where the case is about an ordinary user. A refused call
 * must leave its target as it was: the tests check the target too.
 */

#include <errno.h>
#include <pthread.h>
#include <signal.h>
#include <string.h>
#include <sys/port.h>
#include <sys/reboot.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

#define USER	100
#define OTHER	200

static pid_t target;

static void sleep_forever(void)
{
	for (;;)
		pause();
}

static void as_user(uid_t uid)
{
	check_eq(setuid(uid), 0);
	check_eq(getuid(), uid);
	check_eq(geteuid(), uid);
}

/* A root task still running after a refused signal: not killed, not stopped. */
static void check_alive_and_running(pid_t pid)
{
	int status;

	check_eq(kill(pid, 0), 0);
	check_eq(waitpid(pid, &status, WNOHANG | WUNTRACED), 0);
}

static void signal_root_tasks_as_user(void)
{
	as_user(USER);
	check_err(kill(target, SIGKILL), EPERM);
	check_err(kill(target, SIGSTOP), EPERM);
	check_err(kill(target, 0), EPERM);
	check_err(kill(1, SIGTERM), EPERM);
	check_err(kill(getppid(), SIGUSR1), EPERM);
}

static void target_as_other_user(void)
{
	as_user(OTHER);
	sleep_forever();
}

static void signal_other_user_as_user(void)
{
	as_user(USER);
	check_err(kill(target, SIGKILL), EPERM);
}

static void target_as_same_user(void)
{
	as_user(USER);
	sleep_forever();
}

static void signal_same_user_as_user(void)
{
	as_user(USER);
	check_eq(kill(target, SIGTERM), 0);
}

/* kill() needs the sender's uid or euid to match the target's, or root. */
static void kill_across_uids_is_refused(void)
{
	int status;

	target = utest_spawn(sleep_forever);
	check(target > 0);
	check_exited(utest_in_child(signal_root_tasks_as_user), 0);
	check_alive_and_running(target);
	check_eq(kill(target, SIGKILL), 0);
	check_eq(waitpid(target, NULL, 0), target);

	target = utest_spawn(target_as_other_user);
	check(target > 0);
	check(utest_wait_sleeping(target));
	check_exited(utest_in_child(signal_other_user_as_user), 0);
	check_alive_and_running(target);
	check_eq(kill(target, SIGKILL), 0);
	check_eq(waitpid(target, NULL, 0), target);

	target = utest_spawn(target_as_same_user);
	check(target > 0);
	check(utest_wait_sleeping(target));
	check_exited(utest_in_child(signal_same_user_as_user), 0);
	check_eq(waitpid(target, &status, 0), target);
	check_killed(status, SIGTERM);
}

static void reboot_as_user(void)
{
	as_user(USER);
	check_err(reboot(RB_POWEROFF), EPERM);
	check_err(reboot(RB_AUTOBOOT), EPERM);
}

static void reboot_needs_root(void)
{
	check_exited(utest_in_child(reboot_as_user), 0);
}

static int port;
static long msgid;

static void send_and_wait(void)
{
	char reply[16];

	check_eq(port_send(port, "hi", 3, reply, sizeof(reply), PORT_WAIT_FOREVER), 3);
	check(strcmp(reply, "ok") == 0);
}

/* Another task, even with the right to send, may not act as the owner. */
static void act_as_owner(void)
{
	char buf[16];

	check_err(port_reply(msgid, "no", 3), EINVAL);
	check_err(port_destroy(port), EACCES);
	check_err(port_grant(port, getpid()), EACCES);
	check_err(port_receive(port, buf, sizeof(buf), NULL, NULL, 10), EACCES);
}

static void ports_refuse_what_only_the_owner_may_do(void)
{
	char buf[16];
	pid_t sender;
	int status;

	port = port_create(PORT_PUBLIC);
	check(port > 0);
	sender = utest_spawn(send_and_wait);
	check(sender > 0);
	check_eq(port_receive(port, buf, sizeof(buf), &msgid, NULL, PORT_WAIT_FOREVER), 3);
	/* The message is received and waits for its reply: a stranger's
	 * reply, destroy or grant must not touch it. */
	check_exited(utest_in_child(act_as_owner), 0);
	check_eq(port_reply(msgid, "ok", 3), 0);
	check_eq(waitpid(sender, &status, 0), sender);
	check_exited(status, 0);
	check_eq(port_destroy(port), 0);
}

static volatile int thread_hits;
static pthread_t sleeper;

static void on_usr1(int sig)
{
	(void)sig;
	thread_hits++;
}

static void *sleeping_thread(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

/* A thread id is only a name inside its own task. */
static void kill_parents_thread(void)
{
	check_eq(pthread_kill(sleeper, SIGUSR1), ESRCH);
	check_eq(__syscall(SYS_thread_kill, (long)sleeper, SIGUSR1, 0, 0, 0, 0), -ESRCH);
	check_eq(__syscall(SYS_thread_kill, (long)sleeper, 0, 0, 0, 0, 0), -ESRCH);
}

static void thread_kill_stays_in_its_task(void)
{
	struct sigaction sa = { .sa_handler = on_usr1 };

	sigemptyset(&sa.sa_mask);
	check_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	check_eq(pthread_create(&sleeper, NULL, sleeping_thread, NULL), 0);
	check_exited(utest_in_child(kill_parents_thread), 0);
	check_eq(thread_hits, 0);
	/* The thread is there: its own task may signal it. */
	check_eq(pthread_kill(sleeper, SIGUSR1), 0);
	for (int i = 0; i < 100 && thread_hits == 0; i++)
		usleep(1000);
	check_eq(thread_hits, 1);
}

static volatile int usr1_count;

static void count_usr1(int sig)
{
	(void)sig;
	usr1_count++;
}

static void bystander_hit(int sig)
{
	(void)sig;
	_exit(7);
}

/* SIGUSR1 blocked: waits for one with sigsuspend, so none is missed. */
static void wait_for_usr1(void)
{
	sigset_t none;

	sigemptyset(&none);
	while (usr1_count == 0)
		sigsuspend(&none);
}

/* A group leader with a child in its group: kill(0) reaches both. */
static void group_of_two(void)
{
	pid_t child;
	int status;

	check_eq(setpgid(0, 0), 0);
	check_eq(getpgid(0), getpid());
	child = fork();
	if (child == 0) {
		wait_for_usr1();
		_exit(usr1_count == 1 ? 0 : 1);
	}
	check(child > 0);
	check_eq(getpgid(child), getpid());
	check_eq(kill(0, SIGUSR1), 0);
	wait_for_usr1();
	check_eq(usr1_count, 1);
	check_eq(waitpid(child, &status, 0), child);
	check_exited(status, 0);
}

static void leader_of_its_own(void)
{
	setpgid(0, 0);
	wait_for_usr1();
	_exit(getpgid(0) == getpid() ? 0 : 1);
}

static void bystander(void)
{
	signal(SIGUSR1, bystander_hit);
	for (;;)
		pause();
}

/* kill(0, sig) and kill(-pgid, sig) reach one group, all of it and
 * nothing else; a task in another group sees neither. */
static void kill_reaches_exactly_a_process_group(void)
{
	struct sigaction sa = { .sa_handler = count_usr1 };
	pid_t other, watcher;
	sigset_t usr1;
	int status;

	sigemptyset(&sa.sa_mask);
	check_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	check_eq(sigprocmask(SIG_BLOCK, &usr1, NULL), 0);
	watcher = utest_spawn(bystander);
	check(watcher > 0);
	check(utest_wait_sleeping(watcher));

	check_exited(utest_in_child(group_of_two), 0);

	other = utest_spawn(leader_of_its_own);
	check(other > 0);
	setpgid(other, other);	/* whichever of the two runs first */
	check_eq(getpgid(other), other);
	check_eq(kill(-other, SIGUSR1), 0);
	check_eq(waitpid(other, &status, 0), other);
	check_exited(status, 0);
	check_err(kill(-other, SIGUSR1), ESRCH);
	check_err(getpgid(123456), ESRCH);
	check_eq(usr1_count, 0);

	/* The bystander, in this task's group, got none of it. */
	check_eq(kill(watcher, SIGKILL), 0);
	check_eq(waitpid(watcher, &status, 0), watcher);
	check_killed(status, SIGKILL);
}

static const struct utest cases[] = {
	UTEST(kill_across_uids_is_refused),
	UTEST(reboot_needs_root),
	UTEST(ports_refuse_what_only_the_owner_may_do),
	UTEST(thread_kill_stays_in_its_task),
	UTEST(kill_reaches_exactly_a_process_group),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
