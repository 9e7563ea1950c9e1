/* SPDX-License-Identifier: MIT */
/*
 * Host tests of the SDK's sysconf (user/lib/sysconf.c): every POSIX
 * option name answers its _POSIX_ macro from <unistd.h>, the library's
 * limits answer <limits.h>, and every other name goes to the kernel.
 * Nothing to compare with glibc: the options are vrm's own answers.
 */

#include <stdbool.h>

/* The SDK's own headers, found through -iquote user/include. */
#include "bits/posix_opt.h"
#include "limits.h"
#include <uapi/sys/sysconf.h>

#include "tap.h"

int vrm_errno;
long vrm_sysconf(int name);

/* The kernel, faked: it knows its six names and counts every call. */
static int kernel_calls;

long __sysconf_kernel(int name);
long __sysconf_kernel(int name)
{
	kernel_calls++;
	switch (name) {
	case _SC_CLK_TCK: case _SC_OPEN_MAX: case _SC_PAGESIZE: case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN: case _SC_VRM_TIMEBASE_FREQ:
		return 1000 + name;
	default:
		vrm_errno = 22;	/* EINVAL */
		return -1;
	}
}

#define OPTION(x) { _SC_##x, _POSIX_##x, #x, true }
#define LIMIT(name, value) { name, value, #value, false }

static const struct {
	int name;
	long value;
	const char *what;
	bool option;
} answers[] = {
	OPTION(VERSION), OPTION(JOB_CONTROL), OPTION(SAVED_IDS), OPTION(MONOTONIC_CLOCK),
	OPTION(THREADS), OPTION(THREAD_ATTR_STACKADDR), OPTION(THREAD_ATTR_STACKSIZE),
	OPTION(SEMAPHORES), OPTION(REALTIME_SIGNALS), OPTION(TIMERS), OPTION(CLOCK_SELECTION),
	OPTION(CPUTIME), OPTION(THREAD_CPUTIME), OPTION(PRIORITY_SCHEDULING),
	OPTION(THREAD_PRIORITY_SCHEDULING), OPTION(THREAD_PRIO_INHERIT),
	OPTION(THREAD_PRIO_PROTECT), OPTION(SPORADIC_SERVER), OPTION(THREAD_SPORADIC_SERVER),
	OPTION(THREAD_PROCESS_SHARED), OPTION(THREAD_SAFE_FUNCTIONS), OPTION(TIMEOUTS),
	OPTION(READER_WRITER_LOCKS), OPTION(BARRIERS), OPTION(SPIN_LOCKS),
	OPTION(MAPPED_FILES), OPTION(MEMORY_PROTECTION), OPTION(MEMLOCK),
	OPTION(MEMLOCK_RANGE), OPTION(SHARED_MEMORY_OBJECTS), OPTION(TYPED_MEMORY_OBJECTS),
	OPTION(MESSAGE_PASSING), OPTION(FSYNC), OPTION(ASYNCHRONOUS_IO),
	OPTION(SYNCHRONIZED_IO), OPTION(PRIORITIZED_IO), OPTION(ADVISORY_INFO), OPTION(SPAWN),
	OPTION(REGEXP), OPTION(SHELL), OPTION(IPV6), OPTION(RAW_SOCKETS), OPTION(TRACE),
	OPTION(TRACE_EVENT_FILTER), OPTION(TRACE_INHERIT), OPTION(TRACE_LOG),
	LIMIT(_SC_ATEXIT_MAX, ATEXIT_MAX), LIMIT(_SC_THREAD_KEYS_MAX, PTHREAD_KEYS_MAX),
	LIMIT(_SC_THREAD_DESTRUCTOR_ITERATIONS, PTHREAD_DESTRUCTOR_ITERATIONS),
	LIMIT(_SC_THREAD_STACK_MIN, PTHREAD_STACK_MIN), LIMIT(_SC_SEM_VALUE_MAX, SEM_VALUE_MAX),
	/* Unnamed semaphores have no limit on their number. */
	LIMIT(_SC_SEM_NSEMS_MAX, -1),
};

#define NANSWERS (sizeof(answers) / sizeof(answers[0]))

int main(void)
{
	struct tally t = { 0 };
	static const int kernel_names[] = {
		_SC_CLK_TCK, _SC_OPEN_MAX, _SC_PAGESIZE, _SC_NPROCESSORS_CONF,
		_SC_NPROCESSORS_ONLN, _SC_VRM_TIMEBASE_FREQ,
	};
	int library = 0;

	for (size_t i = 0; i < NANSWERS; i++) {
		long got;

		vrm_errno = 99;
		kernel_calls = 0;
		got = vrm_sysconf(answers[i].name);
		if (tally_fail(&t, got == answers[i].value && vrm_errno == 99 && !kernel_calls))
			tally_diag(&t, "sysconf(_SC_%s) = %ld (errno %d, %d kernel calls), want %ld",
				   answers[i].what, got, vrm_errno, kernel_calls, answers[i].value);
	}
	tally_ok(&t, "each option and library limit answers its header's value, errno untouched");

	t = (struct tally){ 0 };
	for (size_t i = 0; i < NANSWERS; i++)
		if (tally_fail(&t, answers[i].value == -1 || answers[i].value == 1 ||
					   answers[i].value == 200809L || !answers[i].option))
			tally_diag(&t, "_POSIX_%s is %ld", answers[i].what, answers[i].value);
	tally_ok(&t, "an option is -1, or 200809L (1 for job control)");

	t = (struct tally){ 0 };
	for (size_t i = 0; i < sizeof(kernel_names) / sizeof(kernel_names[0]); i++) {
		long got;

		kernel_calls = 0;
		got = vrm_sysconf(kernel_names[i]);
		if (tally_fail(&t, got == 1000 + kernel_names[i] && kernel_calls == 1))
			tally_diag(&t, "sysconf(%d) = %ld after %d kernel calls", kernel_names[i], got,
				   kernel_calls);
	}
	tally_ok(&t, "the kernel's names are the kernel's answers");

	/* Every other number is the kernel's to refuse. */
	t = (struct tally){ 0 };
	for (int name = -5; name < 2000; name++) {
		bool known = false;
		long got;

		for (size_t i = 0; i < NANSWERS; i++)
			known |= answers[i].name == name;
		for (size_t i = 0; i < sizeof(kernel_names) / sizeof(kernel_names[0]); i++)
			known |= kernel_names[i] == name;
		library += known;
		if (known)
			continue;
		kernel_calls = 0;
		vrm_errno = 0;
		got = vrm_sysconf(name);
		if (tally_fail(&t, got == -1 && vrm_errno == 22 && kernel_calls == 1))
			tally_diag(&t, "sysconf(%d) = %ld, errno %d", name, got, vrm_errno);
	}
	tally_ok(&t, "an unknown name goes to the kernel: -1 with EINVAL");
	is_int(library, (int)NANSWERS + 6, "no two names share a number");
	return done_testing();
}
