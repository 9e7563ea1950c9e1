/* SPDX-License-Identifier: MIT */
/* Boundary tests: forged signal frames, bad thread starts, waitpid and getprocs edges. */

#include <errno.h>
#include <signal.h>
#include <string.h>
#include <sys/procinfo.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

#define KERNEL_TEXT	0xc000000000400000ul	/* where the kernel runs */
#define UNMAPPED	0x0000000230000000ul	/* a user region nothing maps */

/* Entered from a forged signal frame: in problem state mfmsr is a
 * privileged instruction and the task dies of SIGILL; were the forged
 * MSR honoured, it would run and the task exit 0. */
static void read_msr(void)
{
	unsigned long msr;

	__asm__ volatile("mfmsr %0" : "=r"(msr));
	_exit(msr & 1 ? 2 : 0);
}

static unsigned long forged_nip;

static void forge(int sig, siginfo_t *info, void *context)
{
	ucontext_t *uc = context;

	(void)sig;
	(void)info;
	/* Every MSR bit set but problem state: privileged, hypervisor,
	 * big-endian, interrupts off if the kernel took it as it is. */
	uc->uc_mcontext.msr = ~0x4000ul;
	uc->uc_mcontext.nip = forged_nip;
	uc->uc_mcontext.gpr[12] = forged_nip;	/* ELFv2: r12 = entry */
}

static void raise_forging_signal(void)
{
	struct sigaction sa = { .sa_sigaction = forge, .sa_flags = SA_SIGINFO };

	sigemptyset(&sa.sa_mask);
	check_eq(sigaction(SIGUSR1, &sa, NULL), 0);
	kill(getpid(), SIGUSR1);
	_exit(3);	/* the forged frame never comes back here */
}

static void forged_sigreturn_gains_no_privilege(void)
{
	int status;

	forged_nip = (unsigned long)read_msr;
	status = utest_in_child(raise_forging_signal);
	check_killed(status, SIGILL);
}

static void return_to_kernel_text(void)
{
	utest_expect_fault((const void *)KERNEL_TEXT);
	raise_forging_signal();
}

static void forged_sigreturn_into_the_kernel_faults(void)
{
	forged_nip = KERNEL_TEXT;
	check_exited(utest_in_child(return_to_kernel_text), UTEST_FAULT_AT);
}

static long thread_create(unsigned long entry, unsigned long stack)
{
	return __syscall(SYS_thread_create, (long)entry, 0, (long)stack, 0, 0, 0);
}

static char stack[8192] __attribute__((aligned(16)));
static const char read_only_stack[8192] __attribute__((aligned(16))) = {
	[0 ... 8191] = 0x5a
};

static void idle_thread(void)
{
	for (;;)
		pause();
}

static void start_at_null(void)
{
	utest_expect_fault(NULL);
	check(thread_create(0, (unsigned long)(stack + sizeof(stack))) > 0);
	for (;;)
		pause();
}

static void thread_create_bad_entry(void)
{
	unsigned long top = (unsigned long)(stack + sizeof(stack));

	check_eq(thread_create(KERNEL_TEXT, top), -EINVAL);
	check_eq(thread_create(~0ul, top), -EINVAL);
	/* A user address that holds no code: the thread starts, faults
	 * there, and the fault ends the task. */
	check_exited(utest_in_child(start_at_null), UTEST_FAULT_AT);
}

static void thread_create_bad_stack(void)
{
	unsigned long entry = (unsigned long)idle_thread;

	check_eq(thread_create(entry, 0), -EINVAL);
	check_eq(thread_create(entry, 16), -EINVAL);
	check_eq(thread_create(entry, KERNEL_TEXT), -EINVAL);
	check_eq(thread_create(entry, ~0ul), -EINVAL);
	check_eq(thread_create(entry, UNMAPPED), -EFAULT);
	check_eq(thread_create(entry, (unsigned long)(read_only_stack + sizeof(read_only_stack))),
		 -EFAULT);
	for (size_t i = sizeof(read_only_stack) - 256; i < sizeof(read_only_stack); i++)
		check_eq(read_only_stack[i], 0x5a);
}

static void waitpid_edges(void)
{
	int status = -1;
	pid_t pid;

	check_err(waitpid(-1, &status, 0), ECHILD);
	check_err(waitpid(-1, &status, WNOHANG), ECHILD);
	check_err(waitpid(1, &status, 0), ECHILD);
	check_err(waitpid(123456, &status, WNOHANG), ECHILD);
	check_err(waitpid(-1, &status, 0x40000), EINVAL);
	pid = utest_spawn(idle_thread);
	check(pid > 0);
	check_eq(waitpid(pid, &status, WNOHANG), 0);
	check_eq(waitpid(-1, &status, WNOHANG), 0);
	check_eq(kill(pid, SIGKILL), 0);
	check_eq(waitpid(pid, &status, 0), pid);
	check_killed(status, SIGKILL);
	check_err(waitpid(pid, &status, WNOHANG), ECHILD);
}

static void getprocs_edges(void)
{
	struct procentry p[4];

	check_err(getprocs(p, -1), EINVAL);
	check_err(getprocs(p, -100000), EINVAL);
	check_eq(getprocs(p, 0), 0);
	check_err(getprocs(NULL, 4), EFAULT);
	check(getprocs(p, 4) >= 2);
}

/* The ABI aligns these structures, but a program may still pass a pointer
 * that is not: the kernel copies by bytes where it must and gets the
 * values right (docs/tasks.md). */
static void misaligned_pointers_work(void)
{
	static char buf[256] __attribute__((aligned(16)));
	struct timespec ts, *mts = (struct timespec *)(buf + 1);
	struct timespec *msleep = (struct timespec *)(buf + 67);
	sigset_t set, *mset = (sigset_t *)(buf + 133);
	int *mstatus = (int *)(buf + 203), status;
	pid_t pid;

	check_eq(clock_gettime(CLOCK_MONOTONIC, mts), 0);
	memcpy(&ts, mts, sizeof(ts));
	check(ts.tv_sec >= 0 && ts.tv_nsec >= 0 && ts.tv_nsec < 1000000000);
	memcpy(msleep, &(struct timespec){ .tv_sec = 0, .tv_nsec = 1000 }, sizeof(ts));
	check_eq(nanosleep(msleep, NULL), 0);
	sigemptyset(&set);
	sigaddset(&set, SIGUSR2);
	check_eq(sigprocmask(SIG_BLOCK, &set, NULL), 0);
	check_eq(sigprocmask(SIG_BLOCK, NULL, mset), 0);
	memcpy(&set, mset, sizeof(set));
	check(sigismember(&set, SIGUSR2) == 1);
	pid = fork();
	if (pid == 0)
		_exit(9);
	check_eq(waitpid(pid, mstatus, 0), pid);
	memcpy(&status, mstatus, sizeof(status));
	check_exited(status, 9);
}

static const struct utest cases[] = {
	UTEST(forged_sigreturn_gains_no_privilege),
	UTEST(forged_sigreturn_into_the_kernel_faults),
	UTEST(thread_create_bad_entry),
	UTEST(thread_create_bad_stack),
	UTEST(waitpid_edges),
	UTEST(getprocs_edges),
	UTEST(misaligned_pointers_work),
};

int main(void)
{
	return utest_main(cases, UTEST_COUNT(cases));
}
