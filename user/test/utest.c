/* SPDX-License-Identifier: MIT */
/* The user test framework: cases in child processes, TAP, a leak check. */

#include <errno.h>
#include <sched.h>
#include <signal.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/kcount.h>
#include <sys/procinfo.h>
#include <sys/vminfo.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "utest.h"

/* A case's child exits with one of these after printing its own line. */
#define STATUS_PASSED	0x5a
#define STATUS_FAILED	0x5b

static size_t case_number;
static const char *case_name;
static bool in_child;		/* in a child of utest_in_child() */

/* The case's name with underscores as spaces. */
static void print_result(const char *verdict, const char *directive)
{
	printf("%s %zu - ", verdict, case_number);
	for (const char *p = case_name; *p; p++)
		putchar(*p == '_' ? ' ' : *p);
	printf("%s\n", directive);
}

void utest_fail(const char *file, int line, const char *fmt, ...)
{
	va_list ap;

	if (!in_child)
		print_result("not ok", "");
	printf("# %s%s:%d: ", in_child ? "in a child: " : "", file, line);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	exit(in_child ? 1 : STATUS_FAILED);
}

void utest_check(bool ok, const char *file, int line, const char *expr)
{
	if (!ok)
		utest_fail(file, line, "expected %s, got false", expr);
}

void utest_check_eq(long got, long want, const char *file, int line,
		    const char *expr)
{
	if (got != want)
		utest_fail(file, line, "expected %s == %ld (%#lx), got %ld (%#lx)",
			   expr, want, want, got, got);
}

void utest_check_err(long ret, int err, const char *file, int line,
		     const char *expr)
{
	int got = errno;

	if (ret != -1)
		utest_fail(file, line, "expected %s to fail with errno %d (%s), got %ld",
			   expr, err, strerror(err), ret);
	if (got != err)
		utest_fail(file, line,
			   "expected %s to fail with errno %d (%s), got errno %d (%s)",
			   expr, err, strerror(err), got, strerror(got));
}

/* "exited with 3", "killed by signal 11 (Segmentation fault)", ... */
static const char *describe(int status, char *buf, size_t size)
{
	if (WIFEXITED(status))
		snprintf(buf, size, "exited with %d", WEXITSTATUS(status));
	else if (WIFSIGNALED(status))
		snprintf(buf, size, "killed by signal %d (%s)%s", WTERMSIG(status),
			 strsignal(WTERMSIG(status)),
			 WCOREDUMP(status) ? ", core dumped" : "");
	else if (WIFSTOPPED(status))
		snprintf(buf, size, "stopped by signal %d", WSTOPSIG(status));
	else
		snprintf(buf, size, "wait status %#x", status);
	return buf;
}

void utest_check_status(int status, bool by_signal, int value, const char *file,
			int line)
{
	char got[96];

	if (by_signal && !(WIFSIGNALED(status) && WTERMSIG(status) == value))
		utest_fail(file, line, "expected the child killed by signal %d (%s), got %s",
			   value, strsignal(value), describe(status, got, sizeof(got)));
	if (!by_signal && !(WIFEXITED(status) && WEXITSTATUS(status) == value))
		utest_fail(file, line, "expected the child to exit with %d, got %s",
			   value, describe(status, got, sizeof(got)));
}

void utest_skip(const char *why)
{
	char directive[128];

	snprintf(directive, sizeof(directive), " # skip %s", why);
	print_result("ok", directive);
	exit(STATUS_PASSED);
}

void utest_note(const char *fmt, ...)
{
	va_list ap;

	fputs("# ", stdout);
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
	fflush(stdout);
}

pid_t utest_spawn(void (*fn)(void))
{
	pid_t pid;

	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		in_child = true;
		fn();
		exit(0);
	}
	return pid;
}

int utest_in_child(void (*fn)(void))
{
	int status = -1;
	pid_t pid = utest_spawn(fn);

	if (pid < 0)
		return -1;
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	return status;
}

static const void *fault_addr;

static void on_fault(int sig, siginfo_t *si, void *uc)
{
	(void)uc;
	if (sig == SIGSEGV && si->si_signo == SIGSEGV && si->si_addr == fault_addr)
		_exit(UTEST_FAULT_AT);
	printf("# in a child: signal %d (si_signo %d, si_code %d) at %p, expected SIGSEGV at %p\n",
	       sig, si->si_signo, si->si_code, si->si_addr, fault_addr);
	exit(1);
}

void utest_expect_fault(const void *addr)
{
	struct sigaction sa = { .sa_sigaction = on_fault, .sa_flags = SA_SIGINFO };

	fault_addr = addr;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGSEGV, &sa, NULL);
}

static int task_state(pid_t pid)
{
	static struct procentry p[256];
	int n = getprocs(p, 256);

	for (int i = 0; i < n; i++)
		if (p[i].pi_pid == pid)
			return p[i].pi_state;
	return 0;
}

bool utest_wait_sleeping(pid_t pid)
{
	struct timespec start, now;

	clock_gettime(CLOCK_MONOTONIC, &start);
	do {
		if (task_state(pid) == PROC_SLEEPING)
			return true;
		sched_yield();
		clock_gettime(CLOCK_MONOTONIC, &now);
	} while (now.tv_sec - start.tv_sec < 10);
	return false;
}

static unsigned long free_frames_once(void)
{
	struct vminfo vi;

	if (vmgetinfo(&vi, VMINFO, sizeof(vi)) < 0)
		return 0;
	return vi.numfrb;
}

unsigned long utest_free_frames(void)
{
	unsigned long last = free_frames_once();

	for (int i = 0; i < 20; i++) {
		unsigned long now;

		usleep(10000);
		now = free_frames_once();
		if (now == last)
			break;
		last = now;
	}
	return last;
}

/* The parent's line for a child that did not print one itself. */
static bool report_status(int status)
{
	char what[96];

	if (WIFEXITED(status) && WEXITSTATUS(status) == STATUS_PASSED)
		return true;
	if (WIFEXITED(status) && WEXITSTATUS(status) == STATUS_FAILED)
		return false;
	print_result("not ok", "");
	printf("# the case's process %s before the case ended\n",
	       describe(status, what, sizeof(what)));
	return false;
}

static bool run_case(const struct utest *c)
{
	int status;
	pid_t pid;

	case_name = c->name;
	fflush(stdout);
	pid = fork();
	if (pid == 0) {
		c->fn();
		print_result("ok", "");
		exit(STATUS_PASSED);
	}
	if (pid < 0) {
		print_result("not ok", "");
		printf("# fork: %s\n", strerror(errno));
		return false;
	}
	while (waitpid(pid, &status, 0) < 0)
		if (errno != EINTR) {
			print_result("not ok", "");
			printf("# waitpid: %s\n", strerror(errno));
			return false;
		}
	return report_status(status);
}

static void nothing(void)
{
}

/* The kernel's object counts once they have settled (a child's exit
 * finishes after the parent's waitpid returns). Free frames move with the
 * pages of live processes and are not compared; the kernel's own frames
 * are. 0, or -1 when the kernel gives no counts. */
static int leak_counts(struct kcount *k)
{
	struct kcount last;

	if (kcount(&last, sizeof(last)) < 0)
		return -1;
	for (int i = 0; i < 20; i++) {
		usleep(10000);
		if (kcount(k, sizeof(*k)) < 0)
			return -1;
		if (k->tasks == last.tasks && k->kernel_frames == last.kernel_frames &&
		    k->heap_bytes == last.heap_bytes)
			break;
		last = *k;
	}
	return 0;
}

/* One line per count that did not come back; whether all did. */
static bool counts_back(const struct kcount *before, const struct kcount *after)
{
	static const struct { const char *name; size_t offset; } fields[] = {
		{ "tasks", offsetof(struct kcount, tasks) },
		{ "ports", offsetof(struct kcount, ports) },
		{ "segments", offsetof(struct kcount, segments) },
		{ "frames the kernel holds", offsetof(struct kcount, kernel_frames) },
		{ "kernel heap bytes", offsetof(struct kcount, heap_bytes) },
	};
	bool same = true;

	for (size_t i = 0; i < sizeof(fields) / sizeof(fields[0]); i++) {
		unsigned long b = *(const unsigned long *)((const char *)before + fields[i].offset);
		unsigned long a = *(const unsigned long *)((const char *)after + fields[i].offset);

		if (a == b)
			continue;
		if (same)
			print_result("not ok", "");
		same = false;
		printf("# %s: %lu before the run, %lu after (%+ld)\n",
		       fields[i].name, b, a, (long)(a - b));
	}
	return same;
}

int utest_main(const struct utest *cases, size_t n)
{
	struct kcount before, after;
	int counted;
	size_t failed = 0;

	printf("1..%zu\n", n + 1);
	utest_in_child(nothing);
	counted = leak_counts(&before);
	for (size_t i = 0; i < n; i++) {
		case_number = i + 1;
		if (!run_case(&cases[i]))
			failed++;
	}
	if (counted == 0)
		counted = leak_counts(&after);
	case_number = n + 1;
	case_name = "kernel_objects_are_back_after_the_run";
	if (counted < 0) {
		failed++;
		print_result("not ok", "");
		printf("# kcount: %s\n", strerror(errno));
	} else if (counts_back(&before, &after)) {
		print_result("ok", "");
	} else {
		failed++;
	}
	fflush(stdout);
	return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
