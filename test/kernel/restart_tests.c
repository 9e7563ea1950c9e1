// SPDX-License-Identifier: MIT
/* Restarts: by the kernel through RTAS, and by the host (reset, power cycle). */
#include <stddef.h>
#include <vrm/ktest.h>
#include <vrm/panic.h>

static void rtas_reboot(void)
{
	machine_reboot();
}

static void host_reset(void)
{
	ktest_host("reboot", NULL);
}

static void host_powercycle(void)
{
	ktest_host("powercycle", NULL);
}

KTEST(reboot, "RTAS system-reboot restarts the machine and the run resumes")
{
	if (ktest_boot_number() == 1)
		ktest_pass_then_restart(t, rtas_reboot);
	KT_EXPECT_EQ(t, ktest_boot_number(), 2);
}

KTEST(reset, "a reset by the host restarts the machine and the run resumes")
{
	if (ktest_boot_number() == 1)
		ktest_pass_then_restart(t, host_reset);
	KT_EXPECT_EQ(t, ktest_boot_number(), 2);
}

KTEST(powercycle, "a power cycle by the host boots again and the run resumes")
{
	if (ktest_boot_number() == 1)
		ktest_pass_then_restart(t, host_powercycle);
	KT_EXPECT_EQ(t, ktest_boot_number(), 2);
}
