// SPDX-License-Identifier: MIT
/* What the DLPAR suites share: waiting for a log line, CPU connectors. */
#include <string.h>
#include <arch/time.h>
#include <vrm/dt.h>
#include <vrm/wait.h>
#include "dr_helpers.h"

const struct log_record *dr_await_log(uint64_t from, const char *prefix)
{
	static struct wait_queue nobody = WAIT_QUEUE_INIT;
	static struct log_record rec;
	uint64_t deadline = mftb() + DR_WAIT_S * tb_freq;

	do {
		for (uint64_t seq = from; seq < log_next_seq(); seq++) {
			char *end;

			if (log_get(seq, &rec) || strncmp(rec.text, prefix, strlen(prefix)))
				continue;
			end = strchr(rec.text, '\n');
			if (end)
				*end = 0;
			return &rec;
		}
		wait_event(&nobody, NULL, NULL, 0, mftb() + tb_freq / 20);
	} while (mftb() < deadline);
	return NULL;
}

void dr_expect_record(struct ktest_run *t, const struct log_record *rec, int level,
		      const char *want, int line)
{
	if (!rec)
		ktest_fail(t, __FILE__, line, "no log line came; expected: %s", want);
	else if (strcmp(rec->text, want) || rec->level != level)
		ktest_fail(t, __FILE__, line, "log line\n  expected: <%d> %s\n  actual:   <%d> %s",
			   level, want, rec->level, rec->text);
}

uint32_t dr_first_free_core_drc(void)
{
	struct dt_node cpus = dt_find_by_path(dt_root(), "/cpus"), cpu;
	uint32_t count = 0, drc;

	dt_prop_cells(cpus, "ibm,drc-indexes", 0, &count, 1);
	for (uint32_t i = 0; i < count; i++) {
		bool taken = false;

		if (dt_prop_cells(cpus, "ibm,drc-indexes", 1 + i, &drc, 1) < 2 + (int)i)
			return 0;
		dt_for_each_child(cpus, cpu) {
			uint32_t mine;

			if (!dt_prop_u32(cpu, "ibm,my-drc-index", &mine) && mine == drc)
				taken = true;
		}
		if (!taken)
			return drc;
	}
	return 0;
}
