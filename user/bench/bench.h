/* SPDX-License-Identifier: MIT */
/* What every vrm benchmark program shares: the timebase, batches, result lines. */
#ifndef USER_BENCH_H
#define USER_BENCH_H

/*
 * The programs under /bench/ are the vrm side of `make bench`
 * (docs/performance.md). Each times itself with the timebase and prints
 * its figures on the console, as Linux's programs do:
 *
 *	@@bench <metric> <value> <unit>		one figure, three decimals
 *	@@bench-fail <metric> <reason>		a figure that could not be made
 *
 * The SDK has no floating point: a value is carried as thousandths of its
 * unit (nanoseconds for "us", microseconds for "ms").
 *
 * A program starts with bench_start(argc, argv) and ends with
 * `return bench_end();`, which is 0 only when it reported a figure and no
 * failure: a program that exits 0 has printed a well-formed @@bench line.
 * With the argument -q every loop runs a handful of iterations once, which
 * is what `make test` uses to see that each program works.
 */

#include <stdint.h>

/* Batches after the warm-up one, as in the Linux programs. */
#define BENCH_BATCHES 5

void bench_start(int argc, char **argv);
int bench_end(void);

/* n, or a handful in quick mode (-q). */
long bench_count(long n);
/* BENCH_BATCHES, or one in quick mode. */
int bench_batches(void);

/* Nanoseconds in `ticks` of the timebase. */
uint64_t bench_ns(uint64_t ticks);

/*
 * Runs op(n) once to warm up, then bench_batches() times; the best batch's
 * mean time per iteration, in nanoseconds. The best rather than the mean
 * of all: the host is shared, and a batch another host task slowed down
 * says nothing about vrm.
 */
uint64_t bench_best(void (*op)(long n), long n);

/* "@@bench metric value unit", value given in thousandths of unit. */
void bench_report(const char *metric, uint64_t thousandths, const char *unit);
void bench_fail(const char *metric, const char *fmt, ...)
	__attribute__((format(__printf__, 2, 3)));

/* Binds the calling process to CPU 0 (both sides of a two-task benchmark
 * run there); 0, or -1 after reporting the failure of metric. */
int bench_bind_cpu0(const char *metric);

#endif /* USER_BENCH_H */
