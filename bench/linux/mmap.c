// SPDX-License-Identifier: MIT
/*
 * A short-lived region: mmap 1 MiB anonymous, write every page, munmap;
 * Linux's counterpart of vrm's vms_create + attach + touch + vms_delete.
 */
#include "bench.h"

#include <sys/mman.h>

#define REGION (1ul << 20)

static long page;
static int failed;

static void op(long n)
{
	for (long i = 0; i < n; i++) {
		char *p = mmap(NULL, REGION, PROT_READ | PROT_WRITE,
			       MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

		if (p == MAP_FAILED) {
			failed = 1;
			return;
		}
		for (unsigned long off = 0; off < REGION; off += page)
			p[off] = 1;
		munmap(p, REGION);
	}
}

int main(void)
{
	double us;

	page = sysconf(_SC_PAGESIZE);
	us = bench_best(op, 5, 100);
	if (failed) {
		bench_fail("mmap", "mmap: %s", strerror(errno));
		return 1;
	}
	bench_report("mmap", us, "us");
	return 0;
}
