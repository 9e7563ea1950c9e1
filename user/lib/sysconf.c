/* SPDX-License-Identifier: MIT */
/*
 * sysconf: the POSIX options and the library's own limits are answered
 * here from the headers that define them; every other name goes to the
 * kernel, whose values stay the authority for what it knows. The kernel's
 * names are listed as cases too, so that a name given twice is a
 * duplicate case and stops the build.
 */

#include <limits.h>
#include <unistd.h>

long __sysconf_kernel(int name);

long sysconf(int name)
{
	switch (name) {
	case _SC_CLK_TCK:
	case _SC_OPEN_MAX:
	case _SC_PAGESIZE:
	case _SC_NPROCESSORS_CONF:
	case _SC_NPROCESSORS_ONLN:
	case _SC_VRM_TIMEBASE_FREQ:
		return __sysconf_kernel(name);
	case _SC_VERSION: return _POSIX_VERSION;
	case _SC_JOB_CONTROL: return _POSIX_JOB_CONTROL;
	case _SC_SAVED_IDS: return _POSIX_SAVED_IDS;
	case _SC_MONOTONIC_CLOCK: return _POSIX_MONOTONIC_CLOCK;
	case _SC_THREADS: return _POSIX_THREADS;
	case _SC_THREAD_ATTR_STACKADDR: return _POSIX_THREAD_ATTR_STACKADDR;
	case _SC_THREAD_ATTR_STACKSIZE: return _POSIX_THREAD_ATTR_STACKSIZE;
	case _SC_SEMAPHORES: return _POSIX_SEMAPHORES;
	case _SC_REALTIME_SIGNALS: return _POSIX_REALTIME_SIGNALS;
	case _SC_TIMERS: return _POSIX_TIMERS;
	case _SC_CLOCK_SELECTION: return _POSIX_CLOCK_SELECTION;
	case _SC_CPUTIME: return _POSIX_CPUTIME;
	case _SC_THREAD_CPUTIME: return _POSIX_THREAD_CPUTIME;
	case _SC_PRIORITY_SCHEDULING: return _POSIX_PRIORITY_SCHEDULING;
	case _SC_THREAD_PRIORITY_SCHEDULING: return _POSIX_THREAD_PRIORITY_SCHEDULING;
	case _SC_THREAD_PRIO_INHERIT: return _POSIX_THREAD_PRIO_INHERIT;
	case _SC_THREAD_PRIO_PROTECT: return _POSIX_THREAD_PRIO_PROTECT;
	case _SC_SPORADIC_SERVER: return _POSIX_SPORADIC_SERVER;
	case _SC_THREAD_SPORADIC_SERVER: return _POSIX_THREAD_SPORADIC_SERVER;
	case _SC_THREAD_PROCESS_SHARED: return _POSIX_THREAD_PROCESS_SHARED;
	case _SC_THREAD_SAFE_FUNCTIONS: return _POSIX_THREAD_SAFE_FUNCTIONS;
	case _SC_TIMEOUTS: return _POSIX_TIMEOUTS;
	case _SC_READER_WRITER_LOCKS: return _POSIX_READER_WRITER_LOCKS;
	case _SC_BARRIERS: return _POSIX_BARRIERS;
	case _SC_SPIN_LOCKS: return _POSIX_SPIN_LOCKS;
	case _SC_MAPPED_FILES: return _POSIX_MAPPED_FILES;
	case _SC_MEMORY_PROTECTION: return _POSIX_MEMORY_PROTECTION;
	case _SC_MEMLOCK: return _POSIX_MEMLOCK;
	case _SC_MEMLOCK_RANGE: return _POSIX_MEMLOCK_RANGE;
	case _SC_SHARED_MEMORY_OBJECTS: return _POSIX_SHARED_MEMORY_OBJECTS;
	case _SC_TYPED_MEMORY_OBJECTS: return _POSIX_TYPED_MEMORY_OBJECTS;
	case _SC_MESSAGE_PASSING: return _POSIX_MESSAGE_PASSING;
	case _SC_FSYNC: return _POSIX_FSYNC;
	case _SC_ASYNCHRONOUS_IO: return _POSIX_ASYNCHRONOUS_IO;
	case _SC_SYNCHRONIZED_IO: return _POSIX_SYNCHRONIZED_IO;
	case _SC_PRIORITIZED_IO: return _POSIX_PRIORITIZED_IO;
	case _SC_ADVISORY_INFO: return _POSIX_ADVISORY_INFO;
	case _SC_SPAWN: return _POSIX_SPAWN;
	case _SC_REGEXP: return _POSIX_REGEXP;
	case _SC_SHELL: return _POSIX_SHELL;
	case _SC_IPV6: return _POSIX_IPV6;
	case _SC_RAW_SOCKETS: return _POSIX_RAW_SOCKETS;
	case _SC_TRACE: return _POSIX_TRACE;
	case _SC_TRACE_EVENT_FILTER: return _POSIX_TRACE_EVENT_FILTER;
	case _SC_TRACE_INHERIT: return _POSIX_TRACE_INHERIT;
	case _SC_TRACE_LOG: return _POSIX_TRACE_LOG;
	case _SC_ATEXIT_MAX: return ATEXIT_MAX;
	case _SC_THREAD_KEYS_MAX: return PTHREAD_KEYS_MAX;
	case _SC_THREAD_DESTRUCTOR_ITERATIONS: return PTHREAD_DESTRUCTOR_ITERATIONS;
	case _SC_THREAD_STACK_MIN: return PTHREAD_STACK_MIN;
	case _SC_SEM_VALUE_MAX: return SEM_VALUE_MAX;
	/* Unnamed semaphores are plain memory: no limit on their number. */
	case _SC_SEM_NSEMS_MAX: return -1;
	default:
		return __sysconf_kernel(name);
	}
}
