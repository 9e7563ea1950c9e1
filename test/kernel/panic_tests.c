// SPDX-License-Identifier: MIT
/* The panic suite: an unexpected exception must dump, panic and end QEMU. */
#include <arch/exception.h>
#include <vrm/ktest.h>

/* Named in test/suites (panic=panic_trigger): the runner looks for this
 * function in the backtrace of the dump. */
void panic_trigger(void);
void __attribute__((noinline)) panic_trigger(void)
{
	arch_bad_access(0x7fedcba987654320ul);
}

KTEST(panic, "an unexpected exception dumps the registers, panics and ends the machine")
{
	panic_trigger();
	ktest_fail(t, __FILE__, __LINE__, "the bad access did not fault");
}
