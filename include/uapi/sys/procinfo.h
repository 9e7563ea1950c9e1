/* SPDX-License-Identifier: MIT */
/* getprocs(): a snapshot of the tasks, for ps. */
#ifndef _UAPI_SYS_PROCINFO_H
#define _UAPI_SYS_PROCINFO_H

#include <uapi/sys/types.h>

#define PROC_RUNNING	'R'	/* running or runnable */
#define PROC_SLEEPING	'S'
#define PROC_STOPPED	'T'
#define PROC_ZOMBIE	'Z'

struct procentry {
	pid_t pi_pid;
	pid_t pi_ppid;
	pid_t pi_pgid;
	uid_t pi_uid;
	int pi_state;		/* one of PROC_* */
	int pi_cpu;		/* CPU it runs or last ran on */
	int pi_bound;		/* bindprocessor CPU, or -1 */
	int pi_nthreads;
	unsigned long pi_size;	/* resident pages of its segments */
	char pi_comm[32];
};
#endif
