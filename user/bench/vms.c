/* SPDX-License-Identifier: MIT */
/*
 * A short-lived region: vmseg_create of 1 MiB (vms_create and the attach),
 * a write to each page, vmseg_delete; vrm's counterpart of Linux's mmap +
 * touch + munmap, reported under the same metric.
 */

#include <errno.h>
#include <string.h>
#include <sys/vmseg.h>
#include <unistd.h>

#include "bench.h"

#define REGION (1ul << 20)

static unsigned long page;
static int err;

static void op(long n)
{
	for (long i = 0; i < n; i++) {
		char *p = vmseg_create(REGION, 0, NULL);

		if (!p) {
			err = errno;
			return;
		}
		for (unsigned long off = 0; off < REGION; off += page)
			p[off] = 1;
		if (vmseg_delete(p) < 0)
			err = errno;
	}
}

int main(int argc, char **argv)
{
	uint64_t ns;

	bench_start(argc, argv);
	page = (unsigned long)sysconf(_SC_PAGESIZE);
	ns = bench_best(op, 100);
	if (err)
		bench_fail("mmap", "vmseg: %s", strerror(err));
	else
		bench_report("mmap", ns, "us");
	return bench_end();
}
