/* SPDX-License-Identifier: MIT */
/* A small TAP framework for user test programs: one process per case. */
#ifndef USER_UTEST_H
#define USER_UTEST_H

/*
 * A program lists its cases and hands them to utest_main():
 *
 *	static const struct utest cases[] = { UTEST(brk_grows), ... };
 *	int main(void) { return utest_main(cases, UTEST_COUNT(cases)); }
 *
 * Each case runs in a child of its own, so a crash is that case's
 * "not ok" (with the signal) and the others still run. The child prints
 * its own result line: "ok n - name", or at the first failed check
 * "not ok n - name" and "# file:line: expected ..., got ...". Underscores
 * in a case's name print as spaces. Before the first case and after the
 * last, free frames are read from vmgetinfo(VMINFO); one more test point
 * says whether they came back (xv6 usertests' leak check). main's status
 * is 0 when everything passed.
 */

#include <stdbool.h>
#include <stddef.h>
#include <sys/types.h>

struct utest {
	const char *name;
	void (*fn)(void);
};

#define UTEST(fn)		{ #fn, fn }
#define UTEST_COUNT(cases)	(sizeof(cases) / sizeof((cases)[0]))

int utest_main(const struct utest *cases, size_t n);

/* The current case fails unless cond holds. */
#define check(cond) \
	utest_check(!!(cond), __FILE__, __LINE__, #cond)
/* The current case fails unless got == want (compared as long). */
#define check_eq(got, want) \
	utest_check_eq((long)(got), (long)(want), __FILE__, __LINE__, #got)
/* The current case fails unless expr is -1 with errno err. */
#define check_err(expr, err) \
	utest_check_err((long)(expr), (err), __FILE__, __LINE__, #expr)

/* The current case fails with this diagnostic. */
#define check_fail(...) \
	utest_fail(__FILE__, __LINE__, __VA_ARGS__)

/* The current case fails unless a waitpid status says the child ended
 * by signal sig, or exited with code. */
#define check_killed(status, sig) \
	utest_check_status((status), true, (sig), __FILE__, __LINE__)
#define check_exited(status, code) \
	utest_check_status((status), false, (code), __FILE__, __LINE__)

void utest_check_status(int status, bool by_signal, int value, const char *file,
			int line);
void utest_fail(const char *file, int line, const char *fmt, ...)
	__attribute__((noreturn, format(__printf__, 3, 4)));
void utest_check(bool ok, const char *file, int line, const char *expr);
void utest_check_eq(long got, long want, const char *file, int line,
		    const char *expr);
void utest_check_err(long ret, int err, const char *file, int line,
		     const char *expr);

/* Ends the current case as "ok ... # skip why" (in the case's own process). */
void utest_skip(const char *why) __attribute__((noreturn));
/* A "# ..." comment line in the output. */
void utest_note(const char *fmt, ...) __attribute__((format(__printf__, 1, 2)));

/*
 * Runs fn in a child of the case (which then exits 0) and returns the
 * waitpid status: for code that must die, or run in another task. A check
 * that fails in that child prints its diagnostic and makes the child exit
 * with status 1; only the case itself prints a result line.
 */
int utest_in_child(void (*fn)(void));
/* The same without waiting: returns the child's pid, or -1. */
pid_t utest_spawn(void (*fn)(void));

/*
 * For a child that is about to fault on purpose: installs a SIGSEGV
 * handler (SA_SIGINFO) that exits with UTEST_FAULT_AT when si_addr is
 * addr, and otherwise prints what it saw and exits with 1. So
 * check_exited(utest_in_child(fn), UTEST_FAULT_AT) proves fn faulted
 * exactly there.
 */
#define UTEST_FAULT_AT 42
void utest_expect_fault(const void *addr);

/*
 * Waits until task pid sleeps (getprocs says PROC_SLEEPING), yielding the
 * CPU meanwhile: so a signal or message sent next finds it blocked in a
 * call. false if it has not slept after 10 seconds.
 */
bool utest_wait_sleeping(pid_t pid);

/* Free frames now, once the count has stopped moving (tasks that just
 * ended may still be giving theirs back). */
unsigned long utest_free_frames(void);

#endif /* USER_UTEST_H */
