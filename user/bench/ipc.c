/* SPDX-License-Identifier: MIT */
/*
 * IPC round trip over a vrm port, both tasks bound to CPU 0: the client
 * sends one word and waits for the reply, the server receives it and
 * replies. Linux's counterpart is a one-byte ping-pong over two pipes.
 * Only a port's owner receives, so the parent creates the port and serves;
 * the child is the client that times and reports, and an empty message
 * ends the server's loop.
 */

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/port.h>
#include <sys/wait.h>
#include <unistd.h>

#include "bench.h"

static int port;
static int err;

static void op(long n)
{
	long word = 0;

	for (long i = 0; i < n; i++)
		if (port_send(port, &word, sizeof(word), &word, sizeof(word),
			      PORT_WAIT_FOREVER) != sizeof(word))
			err = errno;
}

static void client(void)
{
	uint64_t ns;

	if (bench_bind_cpu0("ipc") == 0) {
		ns = bench_best(op, 1000);
		if (err)
			bench_fail("ipc", "port_send: %s", strerror(err));
		else
			bench_report("ipc", ns, "us");
	}
	port_send(port, NULL, 0, NULL, 0, PORT_WAIT_FOREVER);
	exit(bench_end());
}

/* Replies to each message with its word plus one, until an empty one. */
static int serve(void)
{
	for (;;) {
		long word, msgid, len;

		len = port_receive(port, &word, sizeof(word), &msgid, NULL,
				   PORT_WAIT_FOREVER);
		if (len < 0)
			return -1;
		word++;
		if (port_reply(msgid, &word, (size_t)len) < 0)
			return -1;
		if (len == 0)
			return 0;
	}
}

int main(int argc, char **argv)
{
	int status;
	pid_t pid;

	bench_start(argc, argv);
	port = port_create(PORT_PUBLIC);
	if (port < 0) {
		bench_fail("ipc", "port_create: %s", strerror(errno));
		return bench_end();
	}
	if (bench_bind_cpu0("ipc") < 0)
		return bench_end();
	pid = fork();
	if (pid == 0)
		client();
	if (pid < 0) {
		bench_fail("ipc", "fork: %s", strerror(errno));
		return bench_end();
	}
	if (serve() < 0) {
		bench_fail("ipc", "the server: %s", strerror(errno));
		kill(pid, SIGKILL);
	}
	if (waitpid(pid, &status, 0) != pid || !WIFEXITED(status))
		return 1;
	port_destroy(port);
	return WEXITSTATUS(status);
}
