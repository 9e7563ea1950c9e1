/* SPDX-License-Identifier: MIT */
/* What the DLPAR suites share: waiting for a log line, CPU connectors. */
#ifndef TEST_KERNEL_DR_HELPERS_H
#define TEST_KERNEL_DR_HELPERS_H

#include <stdint.h>
#include <vrm/ktest.h>
#include <vrm/log.h>

/* How long a test waits for QEMU and the manager: a guard against a hang. */
#define DR_WAIT_S		30
/* The core type of QEMU 7.2's default pseries CPU. */
#define DR_CPU_CORE_TYPE	"power9_v2.0-spapr-cpu-core"

/* The first log record from sequence `from` on whose text starts with
 * `prefix`, its line end taken off, waited for up to DR_WAIT_S seconds;
 * NULL when none came. The record is the caller's until the next call. */
const struct log_record *dr_await_log(uint64_t from, const char *prefix);
/* That record, at that level, says exactly `want`. */
void dr_expect_record(struct ktest_run *t, const struct log_record *rec, int level,
		      const char *want, int line);
/* The DRC index of the first CPU core the machine has room for: in /cpus
 * ibm,drc-indexes (a count, then the indexes), owned by no cpu node's
 * ibm,my-drc-index; 0 when there is none. */
uint32_t dr_first_free_core_drc(void);
#endif
