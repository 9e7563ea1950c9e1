// SPDX-License-Identifier: MIT
/*
 * The shape of a hot-add benchmark: ask the host to add a resource, then
 * watch the guest's own view of it until it grows. The figure runs from
 * the request line to the moment the new resource is online, so it holds
 * the harness's reaction too (reading one console line and a few QMP
 * commands: a few milliseconds).
 *
 * Two adds per boot, and the second is the figure: the first runs code
 * that QEMU's TCG has never translated, which takes two to three times
 * as long and measures the emulator more than the kernel. The first is
 * printed as a note.
 */
#ifndef HOTPLUG_H
#define HOTPLUG_H

#include "bench.h"

#define HOTPLUG_TIMEOUT_S 20.0
#ifndef HOTPLUG_POLL_US
#define HOTPLUG_POLL_US 100
#endif

/* One add; its time in ms through `ms`. Returns 0 or 1 (failed). */
static inline int hot_add_once(const char *metric, const char *verb,
			       const char *args, long (*amount)(void),
			       double *ms)
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
	 * Online is what counts; the answer only says why not. Linux 6.1 on
	 * QEMU 7.2 loses console input that arrives while it handles the
	 * hot-add (an answer sent 50 ms after device_add is lost, one sent
	 * after 300 ms arrives), so a missing answer is noted, not failed.
	 * A failed device_add plugs nothing, and its answer does arrive.
	 */
	if (status < 0)
		status = bench_host_wait(verb, 0.5);
	if (status < 0)
		bench_note("%s: online, but the host's answer was lost", metric);
	else if (status != 0) {
		bench_fail(metric, "online, but the host answered %d", status);
		return 1;
	}
	*ms = tb_us(t1 - t0) / 1000.0;
	bench_note("%s: %ld -> %ld in %.3f ms", metric, before, now, *ms);
	return 0;
}

/* Reports `metric` in ms; returns the exit status for main. */
static inline int hot_add(const char *metric, const char *verb,
			  const char *args, long (*amount)(void))
{
	double cold, warm;

	if (hot_add_once(metric, verb, args, amount, &cold) ||
	    hot_add_once(metric, verb, args, amount, &warm))
		return 1;
	bench_report(metric, warm, "ms");
	return 0;
}

#endif
