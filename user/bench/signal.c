/* SPDX-License-Identifier: MIT */
/* Signal round trip: kill(self) with an empty handler, to the handler and back. */

#include "bench.h"
#include "bench/common.h"

static volatile sig_atomic_t caught;
static long sent;

static void handler(int sig)
{
	(void)sig;
	caught++;
}

static void op(long n)
{
	bench_kill_self(n, SIGUSR1);
	sent += n;
}

int main(int argc, char **argv)
{
	struct sigaction sa = { .sa_handler = handler };
	uint64_t ns;

	bench_start(argc, argv);
	sigemptyset(&sa.sa_mask);
	if (sigaction(SIGUSR1, &sa, NULL) < 0) {
		bench_fail("signal", "sigaction: %s", strerror(errno));
		return bench_end();
	}
	ns = bench_best(op, 5000);
	if (caught != sent)
		bench_fail("signal", "%d of %ld signals caught", (int)caught, sent);
	else
		bench_report("signal", ns, "us");
	return bench_end();
}
