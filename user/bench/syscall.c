/* SPDX-License-Identifier: MIT */
/* Null system call: getppid, which the C library does not cache. */

#include <unistd.h>

#include "bench.h"

static void op(long n)
{
	for (long i = 0; i < n; i++)
		getppid();
}

int main(int argc, char **argv)
{
	bench_start(argc, argv);
	bench_report("syscall", bench_best(op, 20000), "us");
	return bench_end();
}
