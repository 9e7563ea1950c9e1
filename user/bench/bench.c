/* SPDX-License-Identifier: MIT */
/* The benchmark programs' shared part: quick mode, batches, result lines. */

#include <errno.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/processor.h>
#include <unistd.h>
#include <vrm/timebase.h>

#include "bench.h"

#define QUICK_COUNT 3

static bool quick;
static int reported, failed;

void bench_start(int argc, char **argv)
{
	quick = argc > 1 && strcmp(argv[1], "-q") == 0;
}

int bench_end(void)
{
	fflush(stdout);
	return reported && !failed ? 0 : 1;
}

long bench_count(long n)
{
	return quick && n > QUICK_COUNT ? QUICK_COUNT : n;
}

int bench_batches(void)
{
	return quick ? 1 : BENCH_BATCHES;
}

uint64_t bench_ns(uint64_t ticks)
{
	static uint64_t hz;

	if (!hz)
		hz = (uint64_t)sysconf(_SC_VRM_TIMEBASE_FREQ);
	/* In two parts, so that ticks * 10^9 cannot overflow. */
	return ticks / hz * 1000000000ull + ticks % hz * 1000000000ull / hz;
}

uint64_t bench_best(void (*op)(long n), long n)
{
	uint64_t best = UINT64_MAX;

	n = bench_count(n);
	op(n);
	for (int b = 0; b < bench_batches(); b++) {
		uint64_t t0 = read_timebase(), ns;

		op(n);
		ns = bench_ns(read_timebase() - t0) / (uint64_t)n;
		if (ns < best)
			best = ns;
	}
	return best;
}

void bench_report(const char *metric, uint64_t thousandths, const char *unit)
{
	printf("@@bench %s %llu.%03llu %s\n", metric,
	       (unsigned long long)(thousandths / 1000),
	       (unsigned long long)(thousandths % 1000), unit);
	fflush(stdout);
	reported++;
}

void bench_fail(const char *metric, const char *fmt, ...)
{
	va_list ap;

	printf("@@bench-fail %s ", metric);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
	failed++;
}

int bench_bind_cpu0(const char *metric)
{
	if (bindprocessor(BINDPROCESS, getpid(), 0) == 0)
		return 0;
	bench_fail(metric, "bindprocessor: %s", strerror(errno));
	return -1;
}
