// SPDX-License-Identifier: MIT
/* Null system call: getppid. */
#include "bench.h"

#include <sys/syscall.h>

static void op(long n)
{
	/* syscall() so that no C library shortcut answers instead */
	for (long i = 0; i < n; i++)
		syscall(SYS_getppid);
}

int main(void)
{
	bench_report("syscall", bench_best(op, 5, 20000), "us");
	return 0;
}
