/* SPDX-License-Identifier: MIT */
/*
 * /bench/init: the first program of a `make bench` boot of vrm, started
 * with `init=/bench/init -- <programs>`. It marks the first user
 * instruction, runs /bench/<name> for each argument in turn and powers
 * the partition off:
 *
 *	@@init <timebase>		first, before anything else is done
 *	@@bench boot-guest <ms> ms	the same instant as time since reset
 *	@@bench-fail <name> <reason>	a program that did not exit 0
 *	@@end				every program has run
 */

#include <sys/reboot.h>
#include <vrm/timebase.h>

#include "bench.h"
#include "bench/common.h"

int main(int argc, char **argv)
{
	uint64_t t0 = read_timebase();

	printf("@@init %llu\n", (unsigned long long)t0);
	bench_report("boot-guest", bench_ns(t0) / 1000, "ms");
	for (int i = 1; i < argc; i++)
		bench_run_program(argv[i]);
	printf("@@end\n");
	fflush(stdout);
	reboot(RB_POWEROFF);
	fprintf(stderr, "/bench/init: power off: %s\n", strerror(errno));
	for (;;)
		pause();
}
