/* SPDX-License-Identifier: MIT */
/* select's descriptor sets: one bit a descriptor, up to the task's limit. */
#ifndef _UAPI_SYS_SELECT_H
#define _UAPI_SYS_SELECT_H

#define FD_SETSIZE	32	/* a task's descriptors (FILES_MAX) */

typedef struct {
	unsigned long fds_bits[(FD_SETSIZE + 63) / 64];
} fd_set;

/* select's timeout as the kernel reads it: struct timeval of <sys/time.h>. */
struct select_timeval {
	long tv_sec;
	int tv_usec;
};
#endif
