// SPDX-License-Identifier: MIT
/*
 * Context switch: two processes on CPU 0 that each call sched_yield in a
 * loop. Under SCHED_OTHER a yield need not switch (CFS may pick the
 * yielding task again), so both run SCHED_FIFO at one priority, where
 * every yield hands the CPU to the other; the switches are counted with
 * getrusage all the same, and the figure is the time of one switch.
 * Batches are short and apart, clear of the real-time throttle (0.95 s in
 * every second).
 */
#include "bench.h"

#include <sys/resource.h>
#include <sys/wait.h>

#define YIELDS 2000
#define BATCHES 5

/* How often this process has left the CPU, for any reason. */
static long switched_out(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_nvcsw + ru.ru_nivcsw;
}

static void yield_loop(long n)
{
	for (long i = 0; i < n; i++)
		sched_yield();
}

int main(void)
{
	int go[2], ready[2];
	struct sched_param prio = { .sched_priority = 1 };
	double best = 0;
	char c = 0;
	pid_t pid;

	if (pin_cpu0() < 0 || sched_setscheduler(0, SCHED_FIFO, &prio) < 0 ||
	    pipe(go) < 0 || pipe(ready) < 0) {
		bench_fail("ctxsw", "set-up: %s", strerror(errno));
		return 1;
	}
	pid = fork();
	if (pid == 0) {
		/* One batch per byte from the parent; the affinity is inherited. */
		close(go[1]);
		close(ready[0]);
		while (read(go[0], &c, 1) == 1) {
			if (write(ready[1], &c, 1) != 1)
				break;
			yield_loop(YIELDS);
		}
		_exit(0);
	}
	if (pid < 0) {
		bench_fail("ctxsw", "fork: %s", strerror(errno));
		return 1;
	}
	close(go[0]);
	close(ready[1]);
	for (int b = 0; b <= BATCHES; b++) {
		long switches;
		uint64_t t0;
		double us;

		usleep(100000);
		if (write(go[1], &c, 1) != 1 || read(ready[0], &c, 1) != 1) {
			bench_fail("ctxsw", "the partner is gone");
			return 1;
		}
		/* The partner is in its loop: start ours. */
		switches = switched_out();
		t0 = mftb();
		yield_loop(YIELDS);
		us = tb_us(mftb() - t0);
		/* each time the parent left the CPU, it came back: two */
		switches = 2 * (switched_out() - switches);
		if (switches < YIELDS) {
			bench_fail("ctxsw", "%ld switches for %d yields",
				   switches, 2 * YIELDS);
			return 1;
		}
		us /= (double)switches;
		if (b > 0 && (best == 0 || us < best))	/* batch 0 warms up */
			best = us;
	}
	close(go[1]);
	waitpid(pid, NULL, 0);
	bench_report("ctxsw", best, "us");
	return 0;
}
