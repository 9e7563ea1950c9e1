/* SPDX-License-Identifier: MIT */
/*
 * The POSIX options the SDK supports, for <unistd.h>: 200809L for those
 * it has whole (POSIX.1-2008, whose 2017 edition the SDK follows), -1 for
 * the others, so a program can test them with #if and sysconf() answers
 * the same. docs/porting.md says what each missing one lacks.
 */
#ifndef _BITS_POSIX_OPT_H
#define _BITS_POSIX_OPT_H

/* The edition the interfaces follow; not a claim of full conformance. */
#define _POSIX_VERSION			200809L

/* setpgid, sessions, tcsetpgrp and the stop signals (docs/tty.md). */
#define _POSIX_JOB_CONTROL		1
/* CLOCK_MONOTONIC, from the timebase. */
#define _POSIX_MONOTONIC_CLOCK		200809L
/*
 * Threads with attributes, condition variables, keys, once, detaching
 * and deferred cancellation; of the option's interfaces read-write locks,
 * pthread_atfork and mutex types are not there yet (docs/porting.md).
 */
#define _POSIX_THREADS			200809L
#define _POSIX_THREAD_ATTR_STACKADDR	200809L
#define _POSIX_THREAD_ATTR_STACKSIZE	200809L

/* No saved set-user-ID: setuid() changes the one user id. */
#define _POSIX_SAVED_IDS		-1
/* Unnamed semaphores are there; sem_open needs memory shared between
 * processes, which vrm does not have yet. */
#define _POSIX_SEMAPHORES		-1
/* No signal queueing, SIGRTMIN..SIGRTMAX, sigqueue or sigwaitinfo. */
#define _POSIX_REALTIME_SIGNALS		-1
/* No timer_create, clock_settime or clock_nanosleep. */
#define _POSIX_TIMERS			-1
#define _POSIX_CLOCK_SELECTION		-1
/* The caller's CPU-time clocks, but no clock_getcpuclockid or
 * pthread_getcpuclockid. */
#define _POSIX_CPUTIME			-1
#define _POSIX_THREAD_CPUTIME		-1
/* One scheduling policy (SCHED_OTHER) at one priority. */
#define _POSIX_PRIORITY_SCHEDULING	-1
#define _POSIX_THREAD_PRIORITY_SCHEDULING -1
#define _POSIX_THREAD_PRIO_INHERIT	-1
#define _POSIX_THREAD_PRIO_PROTECT	-1
#define _POSIX_SPORADIC_SERVER		-1
#define _POSIX_THREAD_SPORADIC_SERVER	-1
/* Synchronisation objects live in one process's memory. */
#define _POSIX_THREAD_PROCESS_SHARED	-1
/* Not all of the _r functions (getpwnam_r, readdir_r), nor flockfile. */
#define _POSIX_THREAD_SAFE_FUNCTIONS	-1
/* No pthread_mutex_timedlock, rwlocks, barriers or spin locks. */
#define _POSIX_TIMEOUTS			-1
#define _POSIX_READER_WRITER_LOCKS	-1
#define _POSIX_BARRIERS			-1
#define _POSIX_SPIN_LOCKS		-1
/* mmap maps anonymous memory only, protected a whole mapping at a time
 * (sys/mman.h); no mlock, shared memory objects or message queues. */
#define _POSIX_MAPPED_FILES		-1
#define _POSIX_MEMORY_PROTECTION	-1
#define _POSIX_MEMLOCK			-1
#define _POSIX_MEMLOCK_RANGE		-1
#define _POSIX_SHARED_MEMORY_OBJECTS	-1
#define _POSIX_TYPED_MEMORY_OBJECTS	-1
#define _POSIX_MESSAGE_PASSING		-1
/* Files: no fsync, no asynchronous or synchronised I/O. */
#define _POSIX_FSYNC			-1
#define _POSIX_ASYNCHRONOUS_IO		-1
#define _POSIX_SYNCHRONIZED_IO		-1
#define _POSIX_PRIORITIZED_IO		-1
#define _POSIX_ADVISORY_INFO		-1
/* Nor posix_spawn, regcomp, system/popen, networking or tracing. */
#define _POSIX_SPAWN			-1
#define _POSIX_REGEXP			-1
#define _POSIX_SHELL			-1
#define _POSIX_IPV6			-1
#define _POSIX_RAW_SOCKETS		-1
#define _POSIX_TRACE			-1
#define _POSIX_TRACE_EVENT_FILTER	-1
#define _POSIX_TRACE_INHERIT		-1
#define _POSIX_TRACE_LOG		-1

#endif /* _BITS_POSIX_OPT_H */
