/* SPDX-License-Identifier: MIT */
/* IPC port tests: send, receive and reply between tasks; rights, timeouts, limits. */

#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/port.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

static int port;

/* The client side, in a child: exits 0 when the server's answer is right. */
static void ping(void)
{
	char reply[64] = { 0 };

	check_eq(port_send(port, "ping", 5, reply, sizeof(reply), PORT_WAIT_FOREVER), 5);
	check(strcmp(reply, "pong") == 0);
}

static void send_receive_reply(void)
{
	char buf[64];
	long msgid;
	pid_t sender, pid;
	int status;

	port = port_create(PORT_PUBLIC);
	check(port >= 0);
	pid = utest_spawn(ping);
	check(pid > 0);
	check_eq(port_receive(port, buf, sizeof(buf), &msgid, &sender, PORT_WAIT_FOREVER), 5);
	check(strcmp(buf, "ping") == 0);
	check_eq(sender, pid);
	check_eq(port_reply(msgid, "pong", 5), 0);
	check_err(port_reply(msgid, "again", 6), EINVAL);
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 0);
	check_eq(port_destroy(port), 0);
}

/* Whole messages of PORT_MSG_MAX bytes both ways. */
static void big_client(void)
{
	static unsigned char msg[PORT_MSG_MAX], reply[PORT_MSG_MAX];

	for (size_t i = 0; i < sizeof(msg); i++)
		msg[i] = (unsigned char)i;
	check_eq(port_send(port, msg, sizeof(msg), reply, sizeof(reply), PORT_WAIT_FOREVER),
		 PORT_MSG_MAX);
	for (size_t i = 0; i < sizeof(reply); i++)
		if (reply[i] != (unsigned char)~i)
			check_fail("reply byte %zu is %#x", i, reply[i]);
}

static void largest_messages(void)
{
	static unsigned char buf[PORT_MSG_MAX + 1];
	long msgid;
	pid_t pid;
	int status;

	port = port_create(PORT_PUBLIC);
	check(port >= 0);
	pid = utest_spawn(big_client);
	check(pid > 0);
	check_eq(port_receive(port, buf, sizeof(buf), &msgid, NULL, PORT_WAIT_FOREVER),
		 PORT_MSG_MAX);
	for (size_t i = 0; i < PORT_MSG_MAX; i++) {
		if (buf[i] != (unsigned char)i)
			check_fail("message byte %zu is %#x", i, buf[i]);
		buf[i] = (unsigned char)~i;
	}
	check_err(port_reply(msgid, buf, PORT_MSG_MAX + 1), EINVAL);
	check_eq(port_reply(msgid, buf, PORT_MSG_MAX), 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 0);
	check_err(port_send(port, buf, PORT_MSG_MAX + 1, NULL, 0, 0), EINVAL);
	check_eq(port_destroy(port), 0);
}

static void receive_times_out(void)
{
	char buf[16];

	port = port_create(0);
	check(port >= 0);
	check_err(port_receive(port, buf, sizeof(buf), NULL, NULL, 50), ETIMEDOUT);
	check_eq(port_destroy(port), 0);
}

/* Nobody receives on the port: the owner waits for this child meanwhile. */
static void send_unanswered(void)
{
	char reply[16];

	check_err(port_send(port, "hello", 6, reply, sizeof(reply), 50), ETIMEDOUT);
}

static void send_times_out(void)
{
	port = port_create(PORT_PUBLIC);
	check(port >= 0);
	check_exited(utest_in_child(send_unanswered), 0);
	check_eq(port_destroy(port), 0);
}

static void send_without_right(void)
{
	char reply[16];

	check_err(port_send(port, "hello", 6, reply, sizeof(reply), 50), EACCES);
}

static void receive_not_owner(void)
{
	char buf[16];

	check_err(port_receive(port, buf, sizeof(buf), NULL, NULL, 50), EACCES);
}

static void rights(void)
{
	port = port_create(0);
	check(port >= 0);
	check_exited(utest_in_child(send_without_right), 0);
	check_exited(utest_in_child(receive_not_owner), 0);
	check_eq(port_destroy(port), 0);
}

static void on_go(int sig)
{
	(void)sig;
}

static sigset_t waiting;

static void wait_then_ping(void)
{
	sigsuspend(&waiting);
	ping();
}

/* A private port: the child may send once the owner has granted it. */
static void port_grant_allows_sending(void)
{
	struct sigaction sa = { .sa_handler = on_go };
	sigset_t usr1;
	char buf[16];
	long msgid;
	pid_t pid;
	int status;

	sigemptyset(&sa.sa_mask);
	sigaction(SIGUSR1, &sa, NULL);
	sigemptyset(&usr1);
	sigaddset(&usr1, SIGUSR1);
	sigprocmask(SIG_BLOCK, &usr1, &waiting);
	port = port_create(0);
	check(port >= 0);
	pid = utest_spawn(wait_then_ping);
	check(pid > 0);
	check_eq(port_grant(port, pid), 0);
	check_eq(kill(pid, SIGUSR1), 0);
	check_eq(port_receive(port, buf, sizeof(buf), &msgid, NULL, PORT_WAIT_FOREVER), 5);
	check_eq(port_reply(msgid, "pong", 5), 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 0);
	check_eq(port_destroy(port), 0);
}

static void bad_ports_and_ids(void)
{
	check_err(port_reply(123456, "x", 1), EINVAL);
	check_err(port_reply(-1, "x", 1), EINVAL);
	port = port_create(0);
	check(port >= 0);
	check_eq(port_destroy(port), 0);
	check_eq(port_send(port, "x", 1, NULL, 0, 50), -1);
	check_eq(port_destroy(port), -1);
}

/* The sender waiting for a reply is let go when the port goes away. */
static void send_to_doomed_port(void)
{
	char reply[16];

	check_eq(port_send(port, "hello", 6, reply, sizeof(reply), PORT_WAIT_FOREVER), -1);
}

static void destroy_releases_sender(void)
{
	char buf[16];
	long msgid;
	pid_t pid;
	int status;

	port = port_create(PORT_PUBLIC);
	check(port >= 0);
	pid = utest_spawn(send_to_doomed_port);
	check(pid > 0);
	check_eq(port_receive(port, buf, sizeof(buf), &msgid, NULL, PORT_WAIT_FOREVER), 6);
	check_eq(port_destroy(port), 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 0);
	check_err(port_reply(msgid, "late", 5), EINVAL);
}

static volatile int receive_result, receive_errno, receiving;

static void *receive_in_thread(void *arg)
{
	char buf[16];

	(void)arg;
	receiving = 1;
	receive_result = port_receive(port, buf, sizeof(buf), NULL, NULL, 5000);
	receive_errno = errno;
	return NULL;
}

/* Another thread of the owner destroys the port its sibling waits on:
 * the wait ends at once, the port being gone (not after the timeout). */
static void destroy_ends_a_receive_in_another_thread(void)
{
	struct timespec t0, t1;
	pthread_t th;

	port = port_create(0);
	check(port > 0);
	receive_result = 1;
	receiving = 0;
	check_eq(pthread_create(&th, NULL, receive_in_thread, NULL), 0);
	while (!receiving)
		sched_yield();
	/* Time to reach its sleep; were it late, it would find the port
	 * gone and pass all the same. */
	nanosleep(&(struct timespec){ .tv_nsec = 50000000 }, NULL);
	clock_gettime(CLOCK_MONOTONIC, &t0);
	check_eq(port_destroy(port), 0);
	check_eq(pthread_join(th, NULL), 0);
	clock_gettime(CLOCK_MONOTONIC, &t1);
	check_eq(receive_result, -1);
	check_eq(receive_errno, EINVAL);
	check(t1.tv_sec - t0.tv_sec < 4);
}

static const struct utest cases[] = {
	UTEST(send_receive_reply),
	UTEST(largest_messages),
	UTEST(receive_times_out),
	UTEST(send_times_out),
	UTEST(rights),
	UTEST(port_grant_allows_sending),
	UTEST(bad_ports_and_ids),
	UTEST(destroy_releases_sender),
	UTEST(destroy_ends_a_receive_in_another_thread),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
