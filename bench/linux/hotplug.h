// SPDX-License-Identifier: MIT
/*
 * The shape of a hot-add benchmark: ask the host to add a resource, then
 * watch the guest's own view of it until it grows. The figure runs from
 * the request line to the moment the new resource is online, so it holds
 * the harness's reaction too (reading one console line and one QMP
 * command, well under a millisecond).
 */
#ifndef HOTPLUG_H
#define HOTPLUG_H

#include "bench.h"

#define HOTPLUG_TIMEOUT_S 20.0
#ifndef HOTPLUG_POLL_US
#define HOTPLUG_POLL_US 100
#endif

/* Reports `metric` in ms; returns the exit status for main. */
static inline int hot_add(const char *metric, const char *verb,
			  const char *args, long (*amount)(void))
{
	long before = amount(), now = before;
	uint64_t t0, t1, limit;
	int status = -1;

	if (before < 0) {
		bench_fail(metric, "cannot read the amount before");
		return 1;
	}
	limit = (uint64_t)(HOTPLUG_TIMEOUT_S * (double)tb_hz());
	t0 = bench_host_request(verb, args);
	while ((now = amount()) <= before) {
		status = bench_host_answer(verb);
		if (status > 0) {
			bench_fail(metric, "the host could not add it (%d)",
				   status);
			return 1;
		}
		if (mftb() - t0 > limit) {
			bench_fail(metric, "still %ld after %.0f s", now,
				   HOTPLUG_TIMEOUT_S);
			return 1;
		}
		usleep(HOTPLUG_POLL_US);
	}
	t1 = mftb();
	/*
	 * Online is what counts; the answer only says why not. Linux's console
	 * has been seen to miss input that arrives while a CPU comes online,
	 * so a missing answer is noted, not failed.
	 */
	if (status < 0)
		status = bench_host_wait(verb, 2.0);
	if (status < 0)
		bench_note("%s: online, but no answer from the host", metric);
	else if (status != 0) {
		bench_fail(metric, "online, but the host answered %d", status);
		return 1;
	}
	bench_note("%s: %ld -> %ld", metric, before, now);
	bench_report(metric, tb_us(t1 - t0) / 1000.0, "ms");
	return 0;
}

#endif
