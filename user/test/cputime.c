/* SPDX-License-Identifier: MIT */
/* CPU time: times(), clock() and the CPU-time clocks, user against system
 * time, sleeping, reaped children, threads. Every comparison is against
 * another measurement (real time or another clock), never a fixed time. */

#include <errno.h>
#include <pthread.h>
#include <stdint.h>
#include <sys/times.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <vrm/timebase.h>

#include "utest.h"

/* A fifth of a second of real time, in timebase ticks. */
static uint64_t fifth_of_a_second(void)
{
	long freq = sysconf(_SC_VRM_TIMEBASE_FREQ);

	check(freq > 0);
	return (uint64_t)freq / 5;
}

/* Runs in problem state for a fifth of a second of real time. */
static void spin(void)
{
	uint64_t end = read_timebase() + fifth_of_a_second();

	while (read_timebase() < end)
		;
}

static uint64_t cpu_ns(clockid_t clock)
{
	struct timespec ts;

	check_eq(clock_gettime(clock, &ts), 0);
	check(ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	return (uint64_t)ts.tv_sec * 1000000000 + (uint64_t)ts.tv_nsec;
}

static void clock_tick_is_aix_s(void)
{
	check_eq(sysconf(_SC_CLK_TCK), 100);
	check_eq(CLOCKS_PER_SEC, 1000000);
}

static void busy_loop_is_user_time(void)
{
	struct tms a, b;
	clock_t c0, c1;

	check(times(&a) >= 0);
	c0 = clock();
	spin();
	c1 = clock();
	check(times(&b) >= 0);
	check(b.tms_utime > a.tms_utime);
	check(b.tms_utime - a.tms_utime > b.tms_stime - a.tms_stime);
	check(c0 >= 0);
	check(c1 > c0);
}

static void system_calls_are_system_time(void)
{
	uint64_t end = read_timebase() + fifth_of_a_second();
	struct tms a, b;

	check(times(&a) >= 0);
	while (read_timebase() < end)
		getppid();
	check(times(&b) >= 0);
	check(b.tms_stime > a.tms_stime);
}

static void sleeping_takes_little_cpu_time(void)
{
	struct timespec nap = { .tv_nsec = 300000000 };
	struct tms a, b;
	clock_t r0, r1;
	uint64_t p0, p1, t0, t1;

	p0 = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
	t0 = cpu_ns(CLOCK_THREAD_CPUTIME_ID);
	r0 = times(&a);
	check_eq(nanosleep(&nap, NULL), 0);
	r1 = times(&b);
	p1 = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
	t1 = cpu_ns(CLOCK_THREAD_CPUTIME_ID);
	check(r1 > r0);
	check((b.tms_utime + b.tms_stime) - (a.tms_utime + a.tms_stime) < (r1 - r0) / 2);
	/* Elapsed time in nanoseconds: 10 ms per clock tick. */
	check(p1 - p0 < (uint64_t)(r1 - r0) * 10000000 / 2);
	check(t1 - t0 < (uint64_t)(r1 - r0) * 10000000 / 2);
}

static void reaped_child_counts_for_the_parent(void)
{
	struct tms a, b, c;
	int status;
	pid_t pid;

	check(times(&a) >= 0);
	check_eq(a.tms_cutime, 0);
	pid = fork();
	check(pid >= 0);
	if (pid == 0) {
		spin();
		_exit(0);
	}
	/* Not before it is reaped. */
	check(times(&b) >= 0);
	check_eq(b.tms_cutime, 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_exited(status, 0);
	check(times(&c) >= 0);
	check(c.tms_cutime > 0);
	check(c.tms_cutime > c.tms_cstime);
	/* The child's time is not the parent's own. */
	check(c.tms_utime < c.tms_cutime);
}

static void *sleep_and_measure(void *arg)
{
	struct timespec nap = { .tv_nsec = 200000000 };
	uint64_t *spent = arg, t0 = cpu_ns(CLOCK_THREAD_CPUTIME_ID);

	check_eq(nanosleep(&nap, NULL), 0);
	*spent = cpu_ns(CLOCK_THREAD_CPUTIME_ID) - t0;
	return NULL;
}

static void thread_clock_is_the_thread_s(void)
{
	uint64_t idle = 0, busy, t0, p0, p1;
	pthread_t t;

	p0 = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
	t0 = cpu_ns(CLOCK_THREAD_CPUTIME_ID);
	check_eq(pthread_create(&t, NULL, sleep_and_measure, &idle), 0);
	spin();
	busy = cpu_ns(CLOCK_THREAD_CPUTIME_ID) - t0;
	check_eq(pthread_join(t, NULL), 0);
	p1 = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
	check(busy > 0);
	check(idle < busy / 2);
	/* The process's clock has both, the ended thread's too. */
	check(p1 - p0 >= busy + idle);
}

static void cpu_clocks_never_go_back(void)
{
	uint64_t p = 0, t = 0, end = read_timebase() + fifth_of_a_second();
	struct tms last = { 0 }, now;
	clock_t c = 0;

	while (read_timebase() < end) {
		/* The thread's first: the process's, read after, has it all. */
		uint64_t tn = cpu_ns(CLOCK_THREAD_CPUTIME_ID), pn = cpu_ns(CLOCK_PROCESS_CPUTIME_ID);
		clock_t cn = clock();

		check(pn >= p && tn >= t && cn >= c);
		check(times(&now) >= 0);
		check(now.tms_utime >= last.tms_utime && now.tms_stime >= last.tms_stime);
		check(tn <= pn);
		p = pn;
		t = tn;
		c = cn;
		last = now;
	}
}

static void cpu_clocks_have_a_resolution(void)
{
	struct timespec res;

	check_eq(clock_getres(CLOCK_PROCESS_CPUTIME_ID, &res), 0);
	check(res.tv_sec == 0 && res.tv_nsec > 0);
	check_eq(clock_getres(CLOCK_THREAD_CPUTIME_ID, &res), 0);
	check(res.tv_sec == 0 && res.tv_nsec > 0);
	check_err(clock_getres(13, &res), EINVAL);
}

static const struct utest cases[] = {
	UTEST(clock_tick_is_aix_s),
	UTEST(busy_loop_is_user_time),
	UTEST(system_calls_are_system_time),
	UTEST(sleeping_takes_little_cpu_time),
	UTEST(reaped_child_counts_for_the_parent),
	UTEST(thread_clock_is_the_thread_s),
	UTEST(cpu_clocks_never_go_back),
	UTEST(cpu_clocks_have_a_resolution),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
