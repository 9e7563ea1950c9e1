/* SPDX-License-Identifier: MIT */
/* Process system calls: fork, exec, wait, ids, kill, yield, binding, reboot. */

#include <sched.h>
#include <signal.h>
#include <sys/processor.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <unistd.h>

#include "sys.h"
#include "tcb.h"

void _exit(int status)
{
	for (;;)
		__syscall(SYS_exit, status, 0, 0, 0, 0, 0);
}

pid_t fork(void)
{
	pid_t pid = sys0(SYS_fork);

	if (pid == 0)
		__tcb_forked();
	return pid;
}

int execve(const char *path, char *const argv[], char *const envp[])
{
	return sys3(SYS_execve, path, argv, envp);
}

pid_t waitpid(pid_t pid, int *status, int options)
{
	pthread_testcancel();
	return cancel_point_end(sys3(SYS_waitpid, pid, status, options));
}

pid_t wait(int *status)
{
	return waitpid(-1, status, 0);
}

pid_t getpid(void)
{
	return sys0(SYS_getpid);
}

pid_t getppid(void)
{
	return sys0(SYS_getppid);
}

uid_t getuid(void)
{
	return sys0(SYS_getuid);
}

uid_t geteuid(void)
{
	return sys0(SYS_geteuid);
}

int setuid(uid_t uid)
{
	return sys1(SYS_setuid, uid);
}

pid_t getpgid(pid_t pid)
{
	return sys1(SYS_getpgid, pid);
}

int setpgid(pid_t pid, pid_t pgid)
{
	return sys2(SYS_setpgid, pid, pgid);
}

pid_t getpgrp(void)
{
	return getpgid(0);
}

pid_t setsid(void)
{
	return sys0(SYS_setsid);
}

pid_t getsid(pid_t pid)
{
	return sys1(SYS_getsid, pid);
}

int kill(pid_t pid, int sig)
{
	return sys2(SYS_kill, pid, sig);
}

int sched_yield(void)
{
	return sys0(SYS_sched_yield);
}

int bindprocessor(int what, int who, cpu_t where)
{
	return sys3(SYS_bindprocessor, what, who, where);
}

int reboot(int howto)
{
	return sys1(SYS_reboot, howto);
}
