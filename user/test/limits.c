/* SPDX-License-Identifier: MIT */
/* Exhaustion tests: each limit gives its documented error, and the system recovers. */

/*
 * Every case takes a resource until the kernel refuses it, checks the
 * error, gives one back and takes it again, then gives everything back.
 * The leak check after the run shows that nothing stayed behind.
 */

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/kcount.h>
#include <sys/port.h>
#include <sys/vmseg.h>
#include <sys/wait.h>
#include <unistd.h>

#include "utest.h"

/* Regions 3..62 of the 64 (docs/tasks.md): region 0 is empty, 1 and 2 hold
 * text and data, 63 the stack. */
#define VMSEG_REGIONS	60
#define MAX_CHILDREN	100000
#define ROOM		8	/* children killed to make room for one fork */

static void vmseg_regions_run_out(void)
{
	static unsigned char *seg[VMSEG_REGIONS + 1];
	int n = 0;

	while (n <= VMSEG_REGIONS && (seg[n] = vmseg_create(1 << 16, 0, NULL)) != NULL) {
		seg[n][0] = (unsigned char)n;
		n++;
	}
	check_eq(n, VMSEG_REGIONS);
	check_eq(errno, ENOMEM);
	check_eq(vmseg_delete(seg[7]), 0);
	seg[7] = vmseg_create(1 << 16, 0, NULL);
	check(seg[7] != NULL);
	for (int i = 0; i < n; i++)
		check_eq(seg[i][0], i == 7 ? 0 : i);
	for (int i = 0; i < n; i++)
		check_eq(vmseg_delete(seg[i]), 0);
}

static void ports_run_out(void)
{
	int port[PORT_MAX + 1], n = 0;

	while (n <= PORT_MAX && (port[n] = port_create(0)) > 0)
		n++;
	check_eq(n, PORT_MAX);
	check_err(port_create(PORT_PUBLIC), ENOSPC);
	check_eq(port_destroy(port[3]), 0);
	port[3] = port_create(0);
	check(port[3] > 0);
	check_err(port_create(0), ENOSPC);
	for (int i = 0; i < n; i++)
		check_eq(port_destroy(port[i]), 0);
}

static void port_grants_run_out(void)
{
	int port = port_create(0);

	check(port > 0);
	for (int i = 0; i < PORT_GRANTS; i++)
		check_eq(port_grant(port, 5000 + i), 0);
	check_err(port_grant(port, 6000), ENOSPC);
	/* A task already granted takes no second slot. */
	check_eq(port_grant(port, 5003), 0);
	check_eq(port_destroy(port), 0);
	/* A new port has every slot again. */
	port = port_create(0);
	check_eq(port_grant(port, 6000), 0);
	check_eq(port_destroy(port), 0);
}

static void sleep_forever(void)
{
	for (;;)
		pause();
}

/* Forks children that sleep until fork fails; then kills them all. */
static void fork_until_memory_runs_out(void)
{
	pid_t *child = malloc(MAX_CHILDREN * sizeof(*child));
	int n = 0, err = 0, status;
	unsigned long tasks;
	struct kcount k;
	pid_t extra;

	check(child != NULL);
	/* Every page this process needs is in before memory runs out: a
	 * first touch then would fail, and this case is about fork. */
	memset(child, 0, MAX_CHILDREN * sizeof(*child));
	check_eq(kcount(&k, sizeof(k)), 0);
	while (n < MAX_CHILDREN) {
		pid_t pid = fork();

		if (pid == 0)
			sleep_forever();
		if (pid < 0) {
			err = errno;
			break;
		}
		child[n++] = pid;
	}
	utest_note("fork failed after %d children", n);
	check(n > ROOM && n < MAX_CHILDREN);
	check(err == ENOMEM || err == EAGAIN);
	/* A few gone make room for one more, once their memory is back: a
	 * killed task's last steps end after its parent's waitpid. */
	check_eq(kcount(&k, sizeof(k)), 0);
	tasks = k.tasks;
	for (int i = 0; i < ROOM; i++) {
		check_eq(kill(child[i], SIGKILL), 0);
		check_eq(waitpid(child[i], NULL, 0), child[i]);
	}
	for (int i = 0; i < 200 && k.tasks != tasks - ROOM; i++) {
		usleep(10000);
		check_eq(kcount(&k, sizeof(k)), 0);
	}
	check_eq(k.tasks, tasks - ROOM);
	extra = fork();
	if (extra == 0)
		_exit(3);
	check(extra > 0);
	check_eq(waitpid(extra, &status, 0), extra);
	check_exited(status, 3);
	for (int i = ROOM; i < n; i++)
		kill(child[i], SIGKILL);
	for (int i = ROOM; i < n; i++)
		check_eq(waitpid(child[i], NULL, 0), child[i]);
	free(child);
}

static const struct utest cases[] = {
	UTEST(vmseg_regions_run_out),
	UTEST(ports_run_out),
	UTEST(port_grants_run_out),
	UTEST(fork_until_memory_runs_out),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
