/* SPDX-License-Identifier: MIT */
/*
 * Names for sysconf() (AIX's values), and vrm's own. The kernel answers
 * the first group; the SDK's library answers the POSIX options and its
 * own limits (user/lib/sysconf.c) and passes any other name here.
 */
#ifndef _UAPI_SYS_SYSCONF_H
#define _UAPI_SYS_SYSCONF_H

#define _SC_CLK_TCK		2
#define _SC_OPEN_MAX		5
#define _SC_PAGESIZE		54
#define _SC_PAGE_SIZE		_SC_PAGESIZE
#define _SC_NPROCESSORS_CONF	71
#define _SC_NPROCESSORS_ONLN	72
#define _SC_VRM_TIMEBASE_FREQ	1000	/* timebase ticks per second (mftb) */

/* Answered by the library: options, then limits. */
#define _SC_JOB_CONTROL			7
#define _SC_SAVED_IDS			8
#define _SC_VERSION			9
#define _SC_THREAD_SAFE_FUNCTIONS	59
#define _SC_THREADS			60
#define _SC_THREAD_ATTR_STACKADDR	61
#define _SC_THREAD_ATTR_STACKSIZE	62
#define _SC_THREAD_PRIORITY_SCHEDULING	64
#define _SC_THREAD_PRIO_INHERIT		65
#define _SC_THREAD_PRIO_PROTECT		66
#define _SC_THREAD_PROCESS_SHARED	67
#define _SC_ASYNCHRONOUS_IO		78
#define _SC_FSYNC			80
#define _SC_MAPPED_FILES		84
#define _SC_MEMLOCK			85
#define _SC_MEMLOCK_RANGE		86
#define _SC_MEMORY_PROTECTION		87
#define _SC_MESSAGE_PASSING		88
#define _SC_PRIORITIZED_IO		91
#define _SC_PRIORITY_SCHEDULING		92
#define _SC_REALTIME_SIGNALS		93
#define _SC_SEMAPHORES			95
#define _SC_SHARED_MEMORY_OBJECTS	98
#define _SC_SYNCHRONIZED_IO		100
#define _SC_TIMERS			102
#define _SC_REGEXP			127
#define _SC_SHELL			128
#define _SC_ADVISORY_INFO		130
#define _SC_BARRIERS			138
#define _SC_CLOCK_SELECTION		139
#define _SC_CPUTIME			140
#define _SC_MONOTONIC_CLOCK		141
#define _SC_READER_WRITER_LOCKS		142
#define _SC_SPAWN			143
#define _SC_SPIN_LOCKS			144
#define _SC_SPORADIC_SERVER		145
#define _SC_THREAD_CPUTIME		146
#define _SC_THREAD_SPORADIC_SERVER	147
#define _SC_TIMEOUTS			148
#define _SC_TRACE			149
#define _SC_TRACE_EVENT_FILTER		150
#define _SC_TRACE_INHERIT		151
#define _SC_TRACE_LOG			152
#define _SC_TYPED_MEMORY_OBJECTS	153
#define _SC_IPV6			154
#define _SC_RAW_SOCKETS			155
#define _SC_ATEXIT_MAX			47
#define _SC_THREAD_KEYS_MAX		68
#define _SC_THREAD_STACK_MIN		69
#define _SC_SEM_NSEMS_MAX		96
#define _SC_SEM_VALUE_MAX		97
#define _SC_THREAD_DESTRUCTOR_ITERATIONS 101
#endif
