// SPDX-License-Identifier: MIT
/* The dr suite: the hot-plug event path, from QEMU's device_add to the log. */

/*
 * Needs a machine with room to grow (a dr-* row: -smp 1,maxcpus=2 and
 * maxmem above the boot memory). QEMU is asked through the runner's qmp
 * verb to add a DIMM, then a CPU core, memory first (papr-notes,
 * pitfall 22). The kernel logs each event; it only logs the memory one,
 * so QEMU keeps the DIMM pending until the machine powers off, and it
 * brings the core online (what the drcpu suite tests).
 */
#include <string.h>
#include <arch/rtas.h>
#include <vrm/dr.h>
#include <vrm/dt.h>
#include <vrm/errno.h>
#include <vrm/fmt.h>
#include <vrm/ktest.h>
#include <vrm/log.h>
#include "dr_helpers.h"

#define XICS_MASKED		0xff
#define LMB_ASSIGNED		0x08	/* ibm,dynamic-memory flags */
#define LMB_DRC_INVALID		0x20
#define LMB_RESERVED		0x80
#define DIMM_MIB		512

KTEST(dr, "CAS granted hot-plug interrupts, and their source is unmasked")
{
	struct dt_node chosen = dt_find_by_path(dt_root(), "/chosen");
	struct dt_node src = dt_find_by_path(dt_root(), "/event-sources/hot-plug-events");
	uint32_t irq = 0, out[2] = { 0, XICS_MASKED };
	int len;
	const uint8_t *ov5 = dt_prop_get(chosen, "ibm,architecture-vec-5", &len);

	KT_EXPECT(t, ov5 && len > 6 && (ov5[6] & 0x04));
	KT_EXPECT(t, dt_prop_cells(src, "interrupts", 0, &irq, 1) >= 1);
	KT_EXPECT_EQ(t, rtas_call(RTAS_GET_XIVE, 1, 3, out, irq), RTAS_OK);
	KT_EXPECT(t, out[1] != XICS_MASKED);
}

KTEST(dr, "a log that is no hot-plug event is logged with its reason and dropped")
{
	/* Fixed parts only: version 5; an EPOW event; an extended log that
	 * is not there. */
	static const uint8_t v5[8] = { 0x05, 0x34, 0x60, 0xe5, 0, 0, 0, 0 };
	static const uint8_t epow[8] = { 0x06, 0x34, 0x00, 0x40, 0, 0, 0, 0 };
	static const uint8_t cut[8] = { 0x06, 0x34, 0x60, 0xe5, 0, 0, 0, 0x6c };
	uint64_t seq = log_next_seq();

	KT_EXPECT_EQ(t, dr_event_log(v5, sizeof(v5)), -EINVAL);
	dr_expect_record(t, dr_await_log(seq, "dr: "), LOG_WARNING,
		      "dr: event log dropped: version 5, not 6", __LINE__);
	seq = log_next_seq();
	KT_EXPECT_EQ(t, dr_event_log(epow, sizeof(epow)), -EINVAL);
	dr_expect_record(t, dr_await_log(seq, "dr: "), LOG_WARNING,
		      "dr: event log dropped: event type 64 is not a hot-plug event", __LINE__);
	seq = log_next_seq();
	KT_EXPECT_EQ(t, dr_event_log(cut, sizeof(cut)), -EINVAL);
	dr_expect_record(t, dr_await_log(seq, "dr: "), LOG_WARNING,
		      "dr: event log dropped: truncated: extended log of 108 bytes, 0 received",
		      __LINE__);
}

/* The first LMB that may be hot-plugged (a valid DRC, not reserved, no
 * memory assigned yet), from the kernel's ibm,dynamic-memory-v2: a
 * count, then per run of LMBs their number, first address (two cells),
 * first DRC index, associativity index and flags. */
static int first_free_lmb(uint64_t *addr, uint32_t *drc, uint64_t *lmb_size)
{
	struct dt_node drmem = dt_find_by_path(dt_root(), "/ibm,dynamic-reconfiguration-memory");
	uint32_t runs = 0, run[6];

	if (dt_prop_u64(drmem, "ibm,lmb-size", lmb_size) ||
	    dt_prop_cells(drmem, "ibm,dynamic-memory-v2", 0, &runs, 1) < 1)
		return -ENOENT;
	for (uint32_t i = 0; i < runs; i++) {
		if (dt_prop_cells(drmem, "ibm,dynamic-memory-v2", 1 + 6 * i, run, 6) < 7 + 6 * (int)i)
			return -EINVAL;
		if (run[0] && !(run[5] & (LMB_ASSIGNED | LMB_DRC_INVALID | LMB_RESERVED))) {
			*addr = (uint64_t)run[1] << 32 | run[2];
			*drc = run[3];
			return 0;
		}
	}
	return -ENOENT;
}

KTEST(dr, "a DIMM QEMU adds is logged as memory add of its LMBs, from the first free one")
{
	uint64_t addr, lmb_size, seq;
	uint32_t drc;
	char args[160], want[80];

	if (first_free_lmb(&addr, &drc, &lmb_size) || lmb_size == 0) {
		ktest_fail(t, __FILE__, __LINE__, "no free LMB in ibm,dynamic-memory-v2");
		return;
	}
	/* QEMU's numbering: an LMB's DRC index is 0x80000000 + address / 256 MiB. */
	KT_EXPECT_EQ(t, lmb_size, 256ul << 20);
	KT_EXPECT_EQ(t, drc, 0x80000000u | (uint32_t)(addr >> 28));
	seq = log_next_seq();
	snprintf(args, sizeof(args), "{\"execute\":\"object-add\",\"arguments\":"
		 "{\"qom-type\":\"memory-backend-ram\",\"id\":\"drmem1\",\"size\":%lu}}",
		 (unsigned long)DIMM_MIB << 20);
	KT_EXPECT_EQ(t, ktest_host("qmp", args), 0);
	KT_EXPECT_EQ(t, ktest_host("qmp", "{\"execute\":\"device_add\",\"arguments\":"
				   "{\"driver\":\"pc-dimm\",\"id\":\"drdimm1\",\"memdev\":\"drmem1\"}}"),
		     0);
	snprintf(want, sizeof(want), "dr: event: memory add count %lu from drc-index 0x%08x",
		 (unsigned long)(((uint64_t)DIMM_MIB << 20) / lmb_size), drc);
	dr_expect_record(t, dr_await_log(seq, "dr: event"), LOG_INFO, want, __LINE__);
}

KTEST(dr, "a CPU core QEMU adds is logged as cpu add of its DRC")
{
	uint32_t drc = dr_first_free_core_drc();
	char args[160], want[64];
	uint64_t seq;

	/* QEMU's numbering: a core's DRC index is 0x10000000 + its core-id. */
	if (drc >> 28 != 1) {
		ktest_fail(t, __FILE__, __LINE__, "no free CPU DRC in /cpus (%#x)", drc);
		return;
	}
	snprintf(args, sizeof(args), "{\"execute\":\"device_add\",\"arguments\":"
		 "{\"driver\":\"" DR_CPU_CORE_TYPE "\",\"id\":\"drcore\",\"core-id\":%u}}",
		 drc & 0x0fffffff);
	seq = log_next_seq();
	KT_EXPECT_EQ(t, ktest_host("qmp", args), 0);
	snprintf(want, sizeof(want), "dr: event: cpu add drc-index 0x%08x", drc);
	dr_expect_record(t, dr_await_log(seq, "dr: event"), LOG_INFO, want, __LINE__);
}
