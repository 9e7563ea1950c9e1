/* SPDX-License-Identifier: MIT */
/*
 * System call numbers. A user task enters the kernel with `sc`: the
 * number in r0, up to six arguments in r3..r8; the result comes back in
 * r3, a value >= 0 on success or -errno (-4095..-1) on failure (the SDK's
 * stubs turn that into -1 and errno). r0, r3..r12, CTR, XER and CR0/1/5-7
 * are volatile across the call, as for an ELFv2 function call.
 */
#ifndef _UAPI_SYS_SYSCALL_H
#define _UAPI_SYS_SYSCALL_H

#define SYS_exit		1	/* (int status) */
#define SYS_fork		2	/* () -> child pid / 0 */
#define SYS_execve		3	/* (path, argv, envp) */
#define SYS_waitpid		4	/* (pid, int *status, options) */
#define SYS_getpid		5
#define SYS_getppid		6
#define SYS_getuid		7
#define SYS_geteuid		8
#define SYS_setuid		9	/* (uid) */
#define SYS_kill		10	/* (pid, sig) */
#define SYS_sigaction		11	/* (sig, const struct sigaction *, struct sigaction *) */
#define SYS_sigprocmask		12	/* (how, const sigset_t *, sigset_t *) */
#define SYS_sigreturn		13	/* () from a handler, through sa_restorer */
#define SYS_sigsuspend		14	/* (const sigset_t *) */
#define SYS_brk			15	/* (void *end) -> the break after the call */
#define SYS_read		16	/* (fd, buf, count) */
#define SYS_write		17	/* (fd, buf, count) */
#define SYS_open		18	/* (path, flags, mode) */
#define SYS_close		19	/* (fd) */
#define SYS_lseek		20	/* (fd, offset, whence) */
#define SYS_nanosleep		21	/* (const struct timespec *, struct timespec *) */
#define SYS_clock_gettime	22	/* (clockid, struct timespec *) */
#define SYS_sched_yield		23
#define SYS_bindprocessor	24	/* (what, who, where) */
#define SYS_port_create		25	/* (flags) -> port */
#define SYS_port_destroy	26	/* (port) */
#define SYS_port_grant		27	/* (port, pid): pid may send */
#define SYS_port_send		28	/* (port, const struct port_msg *) -> reply length */
#define SYS_port_receive	29	/* (port, struct port_msg *) -> message length */
#define SYS_port_reply		30	/* (msgid, const void *, len) */
#define SYS_vmseg_create	31	/* (size, flags, long *vmid) -> address */
#define SYS_vmseg_delete	32	/* (address) */
#define SYS_fstat		33	/* (fd, struct stat *) */
#define SYS_stat		34	/* (path, struct stat *) */
#define SYS_readdir		35	/* (fd, struct dirent *) -> 1, 0 at the end */
#define SYS_chdir		36	/* (path) */
#define SYS_getcwd		37	/* (buf, size) -> length */
#define SYS_uname		38	/* (struct utsname *) */
#define SYS_sysconf		39	/* (name) -> value */
#define SYS_getprocs		40	/* (struct procentry *, count) -> entries */
#define SYS_klog_read		41	/* (buf, size) -> bytes of the kernel log */
#define SYS_reboot		42	/* (howto) */
#define SYS_vmgetinfo		43	/* (void *out, command, arg) */
#define SYS_dup2		44	/* (oldfd, newfd) */
#define SYS_getpgid		45	/* (pid) */
#define SYS_setpgid		46	/* (pid, pgid) */
#define SYS_thread_create	47	/* (entry, arg, stack top) -> tid */
#define SYS_thread_exit		48	/* (value, int *stack_left: 0 stored once off
					   the user stack, or NULL); returns 0 to the last thread,
					   which then calls exit */
#define SYS_thread_join		49	/* (tid, long *value) */
#define SYS_thread_self		50	/* () -> tid */
#define SYS_thread_kill		51	/* (tid, sig): a thread of the caller's task */
#define SYS_kcount		52	/* (struct kcount *, size) */
#define SYS_setsid		53	/* () -> the new session's id */
#define SYS_getsid		54	/* (pid) */
#define SYS_ioctl		55	/* (fd, request, arg): <uapi/sys/ioctl.h> */
/* Numbers from 70 are given out in blocks by area, which may leave gaps;
 * NR_SYSCALLS is one past the highest. */
/* 70-79: signals */
#define SYS_sigaltstack		70	/* (const stack_t *, stack_t *) */
#define SYS_sigpending		71	/* (sigset_t *) */
#define SYS_sigtimedwait	72	/* (const sigset_t *, siginfo_t *,
					   const struct timespec *) -> signal */
/* 80-89: threads */
#define SYS_thread_waitaddr	80	/* (int *addr, expected, const struct timespec *timeout) */
#define SYS_thread_wakeaddr	81	/* (int *addr, n) -> threads woken */
#define SYS_thread_post		82	/* (tid): ends its address wait, or its next */
#define SYS_thread_detach	83	/* (tid): its end frees it */
/* 90-99: memory */
#define SYS_mmap		90	/* (addr, len, prot, flags, fd, off) -> address */
#define SYS_munmap		91	/* (addr, len) */
#define SYS_mprotect		92	/* (addr, len, prot) */
/* 100-109: CPU time */
#define SYS_times		100	/* (struct tms *) -> real time since boot, in clock ticks */
/* 110-119: select and fcntl */
#define SYS_select		110	/* (nfds, fd_set *, fd_set *, fd_set *,
					   struct timeval *) -> ready descriptors */
#define SYS_pselect		111	/* (nfds, fd_set *, fd_set *, fd_set *,
					   const struct timespec *, const sigset_t *) */
#define SYS_fcntl		112	/* (fd, cmd, arg) */
#define NR_SYSCALLS		113
#endif
