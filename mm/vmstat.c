// SPDX-License-Identifier: MIT
/* The VMM's counters and the frames of each zone as lines of text (the
 * monitor's vmstat command). */
#include <vrm/fmt.h>
#include <vrm/frame.h>
#include <vrm/vmm.h>

struct zone_lines {
	void (*line)(const char *text, void *arg);
	void *arg;
	unsigned int n;
};

static int zone_line(struct zone *z, void *arg)
{
	struct zone_lines *zl = arg;
	struct zone_stats st;
	char text[96];

	zone_stats(z, &st);
	snprintf(text, sizeof(text), "zone %u 0x%012lx %6lu MiB: free %lu used %lu reserved %lu",
		 zl->n++, (unsigned long)st.base, (unsigned long)(st.size >> 20),
		 (unsigned long)st.free, (unsigned long)st.used, (unsigned long)st.reserved);
	zl->line(text, zl->arg);
	return 0;
}

void vmstat_report(void (*line)(const char *text, void *arg), void *arg)
{
	struct zone_lines zl = { line, arg, 0 };
	struct vmstat v;
	char text[96];

	vmm_stats(&v);
	const struct {
		const char *name;
		uint64_t value;
	} rows[] = {
		{ "faults", v.faults }, { "zero-fills", v.zero_fills },
		{ "page-ins", v.page_ins }, { "page-outs", v.page_outs },
		{ "page-steals", v.page_steals }, { "clock-scans", v.clock_scans },
		{ "hpte-inserts", v.hpte_inserts }, { "hpte-evictions", v.hpte_evictions },
		{ "slb-misses", v.slb_misses }, { "hpt-errors", v.hpt_errors },
		{ "segments", v.segments },
		{ "resident", v.resident }, { "pgsp-used", v.pgsp_used },
		{ "pgsp-total", v.pgsp_total },
	};

	for (unsigned int i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		snprintf(text, sizeof(text), "%-15s %lu", rows[i].name, (unsigned long)rows[i].value);
		line(text, arg);
	}
	snprintf(text, sizeof(text), "frames: free %lu of %lu",
		 (unsigned long)frames_free_count(), (unsigned long)frames_total_count());
	line(text, arg);
	frames_for_each_zone(zone_line, &zl);
}
