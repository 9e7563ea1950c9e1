/* SPDX-License-Identifier: MIT */
/*
 * Zero-fill page fault: grow the heap by 64 MiB with sbrk, write one byte
 * in every 4 KiB page, give the pages back with sbrk; six rounds, the
 * first a warm-up. The heap is a working-storage segment of the VMM, and
 * pages the break gives back are released, so every write of a round is a
 * fault that takes a free frame and zeroes it: the VMM's zero-fill count
 * must grow by one per page. Two figures: per fault, and per KiB touched
 * (Linux's pages are 64 KiB).
 */

#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/vminfo.h>
#include <unistd.h>
#include <vrm/timebase.h>

#include "bench.h"

#define REGION (64l << 20)

static unsigned long zero_fills(void)
{
	struct vminfo vi;

	return vmgetinfo(&vi, VMINFO, sizeof(vi)) < 0 ? 0 : vi.zerofills;
}

/* One round: the nanoseconds per fault in *ns; -1 after reporting a
 * failure. */
static int one_round(long page, long pages, uint64_t *ns)
{
	char *p = sbrk(pages * page);
	unsigned long fills;
	uint64_t t0;

	if (p == (void *)-1) {
		bench_fail("fault", "sbrk: %s", strerror(errno));
		return -1;
	}
	fills = zero_fills();
	t0 = read_timebase();
	for (long i = 0; i < pages; i++)
		p[i * page] = 1;
	*ns = bench_ns(read_timebase() - t0) / (uint64_t)pages;
	fills = zero_fills() - fills;
	sbrk(-pages * page);
	if (fills < (unsigned long)pages) {
		bench_fail("fault", "%lu zero-fills for %ld pages", fills, pages);
		return -1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	long page = sysconf(_SC_PAGESIZE);
	uint64_t best = UINT64_MAX, ns;
	long pages;

	bench_start(argc, argv);
	pages = bench_count(REGION / page);
	for (int r = 0; r <= bench_batches(); r++) {
		if (one_round(page, pages, &ns) < 0)
			return bench_end();
		if (r > 0 && ns < best)		/* round 0 warms up */
			best = ns;
	}
	printf("# fault: %ld-byte pages, %ld per round\n", page, pages);
	bench_report("fault", best, "us");
	bench_report("fault-kib", best * 1024 / (uint64_t)page, "us");
	return bench_end();
}
