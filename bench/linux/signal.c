// SPDX-License-Identifier: MIT
/* Signal round trip: kill(self) with an empty handler, to the handler and back. */
#include "bench.h"
#include "bench/common.h"

static volatile sig_atomic_t caught;

static void handler(int sig)
{
	caught++;
}

static void op(long n)
{
	bench_kill_self(n, SIGUSR1);
}

int main(void)
{
	struct sigaction sa = { .sa_handler = handler };
	double us;

	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0) {
		bench_fail("signal", "sigaction: %s", strerror(errno));
		return 1;
	}
	us = bench_best(op, 5, 5000);
	if (caught != 6 * 5000) {
		bench_fail("signal", "%d of %d signals caught", (int)caught,
			   6 * 5000);
		return 1;
	}
	bench_report("signal", us, "us");
	return 0;
}
