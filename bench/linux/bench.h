// SPDX-License-Identifier: MIT
/*
 * What every Linux benchmark program shares: the timebase, the result lines
 * the host harness reads (tools/bench.py), and the @@host/@@done exchange
 * for benchmarks that need the hypervisor to act.
 *
 * Output, one line per figure, on the console:
 *	@@bench <metric> <value> <unit>
 *	@@bench-fail <metric> <reason>
 * The vrm programs print the same lines, so the harness reads both sides
 * alike.
 */
#ifndef BENCH_H
#define BENCH_H

#define _GNU_SOURCE
#include <errno.h>
#include <poll.h>
#include <sched.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

/* pseries' timebase runs at 512 MHz; /proc/cpuinfo says so when mounted. */
#define BENCH_TB_HZ_DEFAULT 512000000ull

static inline uint64_t mftb(void)
{
	uint64_t tb;

	__asm__ volatile("mftb %0" : "=r"(tb));
	return tb;
}

/* The timebase frequency from /proc/cpuinfo ("timebase : 512000000"). */
static inline uint64_t tb_hz(void)
{
	static uint64_t hz;
	char line[128];
	FILE *f;

	if (hz)
		return hz;
	hz = BENCH_TB_HZ_DEFAULT;
	f = fopen("/proc/cpuinfo", "r");
	if (!f)
		return hz;
	while (fgets(line, sizeof(line), f)) {
		unsigned long long v;

		if (sscanf(line, "timebase : %llu", &v) == 1 && v) {
			hz = v;
			break;
		}
	}
	fclose(f);
	return hz;
}

static inline double tb_us(uint64_t ticks)
{
	return (double)ticks * 1e6 / (double)tb_hz();
}

/*
 * Run op(n) once to warm up, then `batches` times; the best batch's mean
 * time per iteration, in microseconds. The best rather than the mean of
 * all: the host is shared, and a batch that another host task slowed
 * down says nothing about the guest.
 */
static inline double bench_best(void (*op)(long n), int batches, long n)
{
	double best = 0;

	op(n);
	for (int b = 0; b < batches; b++) {
		uint64_t t0 = mftb();
		double us;

		op(n);
		us = tb_us(mftb() - t0) / (double)n;
		if (best == 0 || us < best)
			best = us;
	}
	return best;
}

static inline void bench_report(const char *metric, double value,
				const char *unit)
{
	printf("@@bench %s %.3f %s\n", metric, value, unit);
	fflush(stdout);
}

static inline void bench_fail(const char *metric, const char *fmt, ...)
{
	va_list ap;

	printf("@@bench-fail %s ", metric);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* A comment for the log: the harness keeps it but does not parse it. */
static inline void bench_note(const char *fmt, ...)
{
	va_list ap;

	printf("# ");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	printf("\n");
	fflush(stdout);
}

/* Both sides of a two-process benchmark run on CPU 0 alone. */
static inline int pin_cpu0(void)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(0, &set);
	return sched_setaffinity(0, sizeof(set), &set);
}

/*
 * Ask the host to act: print "@@host <verb> [args]" and return the
 * timebase read just before the line went out (the marker the latency is
 * measured from). The host answers "@@done <verb> <status>" on the console.
 */
static inline uint64_t bench_host_request(const char *verb, const char *args)
{
	char line[128];
	int n = snprintf(line, sizeof(line), "@@host %s%s%s\n", verb,
			 *args ? " " : "", args);
	uint64_t t;

	fflush(stdout);
	t = mftb();
	if (write(1, line, n) != n)
		return 0;
	return t;
}

/*
 * The host's answer to `verb`, without waiting: -1 while none has come,
 * else its status (0 for success). Other input lines are noted and
 * dropped. The console stays line-buffered; init turned its echo off.
 */
static inline int bench_host_answer(const char *verb)
{
	static char buf[256];
	static size_t len;
	struct pollfd p = { .fd = 0, .events = POLLIN };

	while (poll(&p, 1, 0) == 1 && (p.revents & POLLIN)) {
		ssize_t n = read(0, buf + len, sizeof(buf) - 1 - len);
		char *nl;

		if (n <= 0)
			break;
		len += n;
		buf[len] = 0;
		while ((nl = strchr(buf, '\n'))) {
			size_t used = nl + 1 - buf;
			int status, mine;
			char v[32];

			*nl = 0;
			mine = sscanf(buf, "@@done %31s %d", v, &status) == 2 &&
			       !strcmp(v, verb);
			if (!mine)
				bench_note("ignored console input: %s", buf);
			len -= used;
			memmove(buf, buf + used, len + 1);
			if (mine)
				return status;
		}
		if (len == sizeof(buf) - 1)
			len = 0;	/* a line too long to be an answer */
	}
	return -1;
}

/* Wait for the answer to `verb` for up to `seconds`; -1 on timeout. */
static inline int bench_host_wait(const char *verb, double seconds)
{
	uint64_t end = mftb() + (uint64_t)(seconds * (double)tb_hz());
	int status;

	while ((status = bench_host_answer(verb)) < 0 && mftb() < end)
		usleep(1000);
	return status;
}

#endif
